package ivr

import (
	"strings"
	"unicode"
)

// fold lower-cases s, strips accents and punctuation and collapses spaces,
// so that "¿Español?" and "espanol" compare equal.
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, c := range strings.ToLower(s) {
		if f, ok := unaccent[c]; ok {
			c = f
		}
		switch {
		case unicode.IsLetter(c) || unicode.IsDigit(c) || c == '*' || c == '#':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(c)
			space = false
		default:
			space = true
		}
	}
	return b.String()
}

var unaccent = map[rune]rune{
	'á': 'a', 'à': 'a', 'â': 'a', 'ä': 'a', 'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i', 'ó': 'o', 'ò': 'o', 'ô': 'o', 'ö': 'o',
	'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u', 'ñ': 'n', 'ç': 'c',
}

// saysAny reports whether the folded speech contains one of the phrases as
// whole words; exact asks for the whole of it to be one phrase.
func saysAny(speech string, phrases []string, exact bool) bool {
	padded := " " + speech + " "
	for _, p := range phrases {
		f := fold(p)
		if f == "" {
			continue
		}
		if f == speech || !exact && strings.Contains(padded, " "+f+" ") {
			return true
		}
	}
	return false
}

// answer is a caller's answer, read once.
type answer struct {
	digits    string // keys pressed, trimmed
	speech    string // folded
	text      string // the speech as recognised, trimmed
	recording string
}

func read(in Input) answer {
	text := strings.TrimSpace(in.Speech)
	return answer{digits: strings.TrimSpace(in.Digits), speech: fold(text), text: text, recording: in.RecordingURL}
}

// none reports whether the caller gave no answer at all.
func (a answer) none() bool { return a.digits == "" && a.speech == "" && a.recording == "" }

// yesNo reads an answer to a yes-or-no question: 1 or a yes word is yes,
// 2 or a no word is no; ok is false for anything else.
func (c *call) yesNo(a answer) (yes, ok bool) {
	return c.either(a, "yes", "no")
}

// either reads an answer to a question of two choices: 1 or a word of
// first, 2 or a word of second; ok is false for anything else.
func (c *call) either(a answer, first, second string) (isFirst, ok bool) {
	words := c.e.menu.Words
	switch {
	case a.digits == "1" || a.digits == "" && saysAny(a.speech, words[first][c.st.Lang], false):
		return true, true
	case a.digits == "2" || a.digits == "" && saysAny(a.speech, words[second][c.st.Lang], false):
		return false, true
	}
	return false, false
}
