package nlp

import (
	"strings"
	"unicode/utf8"
)

// Language detection is a small model: log-odds weights of the function
// words and spelling cues that tell English from Spanish in a few words.
// It needs no more than an SMS to decide, and falls back to the default
// language when the text gives no evidence either way.

// langCues maps a folded word to its weight: positive for English,
// negative for Spanish.
var langCues = func() map[string]float64 {
	m := map[string]float64{}
	put := func(w float64, words string) {
		for _, f := range strings.Fields(words) {
			m[f] = w
		}
	}
	put(1.5, `and was were this that with from have has its of to in on at my our
		your his her they them their we you he she it an for by be not but or if
		can will would please thanks thank street road car cars near front house
		corner trash light out missed`)
	put(3, `the there is are been could should which what where when who because about`)
	put(-1.5, `la un una unos unas de en con sin es son esto este mi mis su sus
		nuestro nuestra al lo le les se y pero casa carro frente esquina luz ya
		todo todos`)
	put(-3, `el los las del que esta estan hay por para calle basura muy gracias
		favor tambien porque cuando donde desde hace`)
	return m
}()

// spanishRunes are written in Spanish and seldom in English.
const spanishRunes = "ñÑáéíóúÁÉÍÓÚ¿¡ü"

// languageScore returns the evidence for English (positive) against
// Spanish (negative) in text and its tokens.
func languageScore(text string, toks []Token) float64 {
	var s float64
	for _, t := range toks {
		if t.Kind == Word {
			s += langCues[t.Text]
		}
	}
	return withSpanishRunes(s, text)
}

// withSpanishRunes returns the evidence s less that of the letters of
// text written in Spanish and seldom in English.
func withSpanishRunes(s float64, text string) float64 {
	for _, r := range text {
		if r < utf8.RuneSelf {
			continue
		}
		if strings.ContainsRune(spanishRunes, r) {
			s -= 1.5
		}
	}
	return s
}

// DetectLanguage tells English ("en") from Spanish ("es"); def is the
// answer when the text gives no evidence.
func DetectLanguage(text, def string) string {
	return pickLanguage(languageScore(text, Tokenize(text)), def)
}

func pickLanguage(score float64, def string) string {
	switch {
	case score > 0:
		return English
	case score < 0:
		return Spanish
	}
	return def
}
