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
	return tokenize(text, make([]Token, 0, len(text)/4+2))
}

// tokenize appends the tokens of text to toks.
func tokenize(text string, toks []Token) []Token {
	t := tokenizer{text: text, toks: toks, offs: make([][2]int, 0, cap(toks)-len(toks))}
	t.b.Grow(len(text))
	t.run()
	folded := t.b.String()
	for i := range t.toks {
		t.toks[i].Text = folded[t.offs[i][0]:t.offs[i][1]]
	}
	return t.toks
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
		r, size := utf8.DecodeRuneInString(t.text[i:])
		t.step(i, r, size)
		i += size
	}
	t.end()
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
