package nlp

import "strings"

// Typo tolerance. A word is reduced to a skeleton that forgives the usual
// spelling slips (doubled letters, "lite" for "light", "f" for "ph"); two
// words whose skeletons are equal, or one letter more or less, are taken
// for the same word when they are long enough and start with the same
// letter. A wrong letter is not forgiven: too many real words are one
// letter from a keyword ("matter" and "meter", "closed" and "clogged").

// minTypoLen is the shortest word that typo tolerance applies to.
const minTypoLen = 7

// ambiguous marks a typo key shared by different words.
const ambiguous = -2

var skeletonReplacer = strings.NewReplacer("ight", "ite", "ph", "f", "ck", "k", "ae", "e")

// skeleton returns the typo key of a folded word.
func skeleton(w string) string {
	w = skeletonReplacer.Replace(w)
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		if i > 0 && w[i] == w[i-1] {
			continue
		}
		b = append(b, w[i])
	}
	return string(b)
}

// typoIndex finds the keyword word a misspelt word stands for.
type typoIndex struct {
	whole   map[string]int32 // skeleton -> word
	deleted map[string]int32 // skeleton minus one letter -> word
}

func newTypoIndex() typoIndex {
	return typoIndex{whole: map[string]int32{}, deleted: map[string]int32{}}
}

func putKey(m map[string]int32, k string, id int32) {
	if old, ok := m[k]; ok && old != id {
		m[k] = ambiguous
		return
	}
	m[k] = id
}

// add registers the folded surface form w of word id; with edits, a
// letter more or less is forgiven too, else only the usual slips.
func (x typoIndex) add(w string, id int32, edits bool) {
	if len(w) < minTypoLen-1 {
		return
	}
	s := skeleton(w)
	putKey(x.whole, s, id)
	if !edits {
		return
	}
	for i := 1; i < len(s); i++ { // keep the first letter
		putKey(x.deleted, s[:i]+s[i+1:], id)
	}
}

// find returns the word that w is a misspelling of, or -1.
func (x typoIndex) find(w string) int32 {
	if len(w) < minTypoLen {
		return -1
	}
	s := skeleton(w)
	if id, ok := x.whole[s]; ok {
		return nonAmbiguous(id)
	}
	if id, ok := x.deleted[s]; ok { // a letter missing
		return nonAmbiguous(id)
	}
	found := int32(-1)
	for i := 1; i < len(s); i++ {
		d := s[:i] + s[i+1:]
		id, ok := x.whole[d] // a letter too many
		if !ok {
			continue
		}
		if id == ambiguous || (found >= 0 && found != id) {
			return -1
		}
		found = id
	}
	return found
}

func nonAmbiguous(id int32) int32 {
	if id == ambiguous {
		return -1
	}
	return id
}
