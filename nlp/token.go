package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// TokenKind says what a token is made of.
type TokenKind uint8

// Token kinds.
const (
	Word   TokenKind = iota // letters only
	Number                  // digits only
	Mixed                   // letters and digits: "5th", "4nz856"
	Punct                   // one ASCII punctuation mark: & @ # , . ; : / - ( ) | ! ? ...
)

// Token is one word, number or punctuation mark of a text.
type Token struct {
	Text       string // folded: lower case, no accents
	Start, End int    // byte offsets of the token in the original text
	Kind       TokenKind
	Upper      bool // the original starts with an upper-case letter
}

// Tokenize splits text into folded tokens. Words are runs of letters and
// digits; an apostrophe inside a word is dropped ("don't" is "dont"), so a
// token never starts or ends inside a longer word.
func Tokenize(text string) []Token {
	toks, _ := tokenize(text, make([]Token, 0, len(text)/4+2), nil)
	return toks
}

// tokenize appends the tokens of text to toks, using offs (reset) for
// their offsets in the folded text, and returns both.
func tokenize(text string, toks []Token, offs [][2]int) ([]Token, [][2]int) {
	t := tokenizer{text: text, toks: toks, offs: offs[:0]}
	t.b.Grow(len(text))
	t.run()
	folded := t.b.String()
	for i := range t.toks {
		t.toks[i].Text = folded[t.offs[i][0]:t.offs[i][1]]
	}
	return t.toks, t.offs
}

type tokenizer struct {
	text  string
	b     strings.Builder
	toks  []Token
	offs  [][2]int // folded offsets of each token in b
	cur   Token
	from  int // folded start of the current word
	inTok bool
}

func (t *tokenizer) run() {
	for i := 0; i < len(t.text); {
		c := t.text[i]
		switch {
		case c < utf8.RuneSelf && asciiAlnum[c]:
			i = t.asciiWord(i)
		case c < utf8.RuneSelf:
			t.step(i, rune(c), 1)
			i++
		default:
			r, size := utf8.DecodeRuneInString(t.text[i:])
			t.step(i, r, size)
			i += size
		}
	}
	t.end()
}

// asciiAlnum marks the ASCII letters and digits.
var asciiAlnum = func() (a [utf8.RuneSelf]bool) {
	for c := range a {
		a[c] = asciiFold[c] != ""
	}
	return a
}()

// asciiWord folds the run of ASCII letters and digits at i into the
// current token, the common case, a byte at a time, and returns where the
// run ends.
func (t *tokenizer) asciiWord(i int) int {
	j, letters, digits := i, 0, 0
	for ; j < len(t.text) && t.text[j] < utf8.RuneSelf && asciiAlnum[t.text[j]]; j++ {
		c := t.text[j]
		if c <= '9' {
			digits++
			t.b.WriteByte(c)
			continue
		}
		letters++
		t.b.WriteByte(c | 0x20)
	}
	kind := Word
	switch {
	case letters > 0 && digits > 0:
		kind = Mixed
	case digits > 0:
		kind = Number
	}
	if !t.inTok {
		t.inTok = true
		t.cur = Token{Start: i, Upper: t.text[i] >= 'A' && t.text[i] <= 'Z', Kind: kind}
		t.from = t.b.Len() - (j - i)
	} else if t.cur.Kind != kind {
		t.cur.Kind = Mixed
	}
	t.cur.End = j
	return j
}

func (t *tokenizer) step(i int, r rune, size int) {
	if f := foldRune(r); f != "" {
		t.letter(i, r, size, f)
		return
	}
	switch {
	case t.inTok && isApostrophe(r) && t.nextIsLetter(i+size):
		t.cur.End = i + size
	case r >= utf8.RuneSelf && t.inTok && unicode.Is(unicode.Mn, r):
		t.cur.End = i + size // a combining accent
	case r < utf8.RuneSelf && (asciiPunct[r] || r == '|'):
		t.end()
		t.emit(Token{Start: i, End: i + size, Kind: Punct}, string(rune(r)))
	default:
		t.end()
	}
}

var asciiPunct = func() (p [utf8.RuneSelf]bool) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		p[r] = unicode.IsPunct(r)
	}
	return p
}()

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' }

func (t *tokenizer) nextIsLetter(i int) bool {
	r, _ := utf8.DecodeRuneInString(t.text[i:])
	return unicode.IsLetter(r)
}

func (t *tokenizer) letter(i int, r rune, size int, f string) {
	if !t.inTok {
		t.inTok = true
		t.cur = Token{Start: i, Upper: unicode.IsUpper(r)}
		t.from = t.b.Len()
		t.cur.Kind = kindOf(f[0])
	} else if t.cur.Kind != kindOf(f[0]) {
		t.cur.Kind = Mixed
	}
	t.b.WriteString(f)
	t.cur.End = i + size
}

func kindOf(c byte) TokenKind {
	if c >= '0' && c <= '9' {
		return Number
	}
	return Word
}

func (t *tokenizer) end() {
	if !t.inTok {
		return
	}
	t.inTok = false
	t.toks = append(t.toks, t.cur)
	t.offs = append(t.offs, [2]int{t.from, t.b.Len()})
}

func (t *tokenizer) emit(tok Token, folded string) {
	from := t.b.Len()
	t.b.WriteString(folded)
	t.toks = append(t.toks, tok)
	t.offs = append(t.offs, [2]int{from, t.b.Len()})
}
