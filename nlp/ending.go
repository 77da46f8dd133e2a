package nlp

import "strings"

// wordKey is what a folded word matches by: its stem, and in English the
// kind of ending the stem lost when it makes another word (-ing, -ion,
// -ity), so that "parking" does not match "park", "timing" "time" nor
// "visibility" "visible". Plurals and -ed forms match their base word.
func wordKey(w, stem, lang string) string {
	if lang != English {
		return stem
	}
	rest := w[commonPrefix(w, stem):]
	switch {
	case strings.HasPrefix(rest, "ing"):
		return stem + "+ing"
	case strings.Contains(rest, "ion"):
		return stem + "+ion"
	case strings.HasPrefix(rest, "it"):
		return stem + "+ity"
	}
	return stem
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
