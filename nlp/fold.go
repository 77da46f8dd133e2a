package nlp

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldTableEnd bounds the runes whose folding is computed once and kept:
// Latin-1, Latin Extended-A and B, and the IPA block.
const foldTableEnd = 0x300

var (
	foldOnce  sync.Once
	foldTable [foldTableEnd]string
)

// foldRune returns the folded form of r: lower case, without accents, with
// full-width forms narrowed. It returns "" for runes that are not letters or
// digits (combining marks included).
func foldRune(r rune) string {
	switch {
	case r < 0x80:
		return asciiFold[r]
	case r < foldTableEnd:
		foldOnce.Do(buildFoldTable)
		return foldTable[r]
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return foldRune(r - 0xFF01 + 0x21)
	}
	return foldOther(r)
}

func foldOther(r rune) string {
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return ""
	}
	var b strings.Builder
	for _, d := range norm.NFKD.String(string(r)) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		b.WriteRune(unicode.ToLower(d))
	}
	return b.String()
}

func buildFoldTable() {
	for r := rune(0x80); r < foldTableEnd; r++ {
		foldTable[r] = foldOther(r)
	}
}

var asciiFold = func() (t [0x80]string) {
	for r := rune('0'); r <= '9'; r++ {
		t[r] = string(r)
	}
	for r := rune('a'); r <= 'z'; r++ {
		t[r] = string(r)
		t[r-'a'+'A'] = string(r)
	}
	return t
}()

// Fold returns s in lower case without accents and with full-width forms
// narrowed, keeping every other rune as it is: "Calle Señora ÉLM" becomes
// "calle senora elm".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f := foldRune(r); f != "" {
			b.WriteString(f)
		} else if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
