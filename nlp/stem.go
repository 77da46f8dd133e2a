package nlp

import (
	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/spanish"
)

// Languages the classifier knows.
const (
	English = "en"
	Spanish = "es"
)

// Stem returns the Snowball stem of a folded word in lang ("en" or "es");
// other languages get the word back unchanged.
func Stem(word, lang string) string {
	switch lang {
	case English:
		return english.Stem(word, true)
	case Spanish:
		return spanish.Stem(word, true)
	}
	return word
}
