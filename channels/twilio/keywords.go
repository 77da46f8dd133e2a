package twilio

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// keyword is a command a resident texts instead of a report.
type keyword int

const (
	kwNone keyword = iota
	kwStop
	kwStart
	kwHelp
	kwStatus
	kwCancel
	kwSpanish
	kwEnglish
)

// keywords maps each command word, upper case without accents, to its
// command and the language it is written in ("" for either).
var keywords = map[string]struct {
	kw   keyword
	lang string
}{
	// Twilio's opt-out and opt-in families; Twilio itself honours them too.
	"STOP": {kwStop, ""}, "STOPALL": {kwStop, ""}, "UNSUBSCRIBE": {kwStop, "en"}, "END": {kwStop, "en"},
	"QUIT": {kwStop, "en"}, "REVOKE": {kwStop, "en"}, "OPTOUT": {kwStop, "en"}, "CANCEL": {kwCancel, ""},
	"PARAR": {kwStop, "es"}, "ALTO": {kwStop, "es"},
	"START": {kwStart, ""}, "UNSTOP": {kwStart, ""}, "YES": {kwStart, "en"},
	"HELP": {kwHelp, "en"}, "INFO": {kwHelp, ""}, "AYUDA": {kwHelp, "es"},
	"STATUS": {kwStatus, ""}, "ESTADO": {kwStatus, "es"},
	"ESPANOL": {kwSpanish, "es"}, "SPANISH": {kwSpanish, "es"},
	"ENGLISH": {kwEnglish, "en"}, "INGLES": {kwEnglish, "en"},
}

// command is a parsed keyword text.
type command struct {
	kw   keyword
	lang string
	arg  string // the rest of the text: a tracking number for STATUS and CANCEL
}

// parseCommand recognises a text that is only a keyword, or STATUS or
// CANCEL followed by a number. Anything longer is a report: "stop sign
// knocked down on Elm" is not an opt-out.
func parseCommand(text string) (command, bool) {
	word, rest, _ := strings.Cut(strings.TrimSpace(text), " ")
	word = fold(strings.Trim(word, ".!¡?¿,;:'\""))
	k, ok := keywords[word]
	if !ok {
		return command{}, false
	}
	rest = strings.TrimSpace(rest)
	takesNumber := k.kw == kwStatus || k.kw == kwCancel
	if rest != "" && (!takesNumber || !looksNumeric(rest)) {
		return command{}, false
	}
	if k.kw == kwCancel && rest == "" {
		k.kw = kwStop // a bare CANCEL is Twilio's opt-out word
	}
	return command{kw: k.kw, lang: k.lang, arg: rest}, true
}

// fold upper-cases s and removes accents: "Español" becomes "ESPANOL".
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToUpper(out)
}

// looksNumeric reports whether s is digits with the separators people
// put in tracking numbers.
func looksNumeric(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" -.#", r):
		default:
			return false
		}
	}
	return digits > 0
}
