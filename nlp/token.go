package nlp

import (
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
	t := tokenizer{toks: make([]Token, 0, len(text)/4+2)}
	t.run(text)
	return t.toks
}

// tokenizer folds and splits a text. Most tokens are written folded
// already (lower-case ASCII, digits, punctuation): their Text is a slice
// of the text itself. Only the others are folded into buf, which becomes
// one string when the text is done. A tokenizer's buffers are reused by
// the next run.
type tokenizer struct {
	text     string
	toks     []Token
	buf      []byte        // the folded tokens that differ from the text
	fixes    []foldedRange // where in buf those tokens are
	cur      current
	from     int  // where the current token starts in buf, unless verbatim
	inTok    bool // cur is being read
	verbatim bool // cur is text[cur.start:cur.end] as written
	nonASCII bool // the text has a byte outside ASCII
}

// current is the token being read.
type current struct {
	start, end int
	kind       TokenKind
	upper      bool
}

// foldedRange is the folded text of token tok: buf[from:to].
type foldedRange struct{ tok, from, to int }

// run tokenises text into t.toks (reset first).
func (t *tokenizer) run(text string) {
	t.text, t.toks, t.buf, t.fixes = text, t.toks[:0], t.buf[:0], t.fixes[:0]
	t.inTok, t.nonASCII = false, false
	for i := 0; i < len(text); {
		c := text[i]
		switch class := byteClass[c]; {
		case class&classAlnum != 0:
			i = t.asciiWord(i)
		case c < utf8.RuneSelf:
			t.asciiMark(i, c)
			i++
		default:
			t.nonASCII = true
			r, size := utf8.DecodeRuneInString(text[i:])
			t.step(i, r, size)
			i += size
		}
	}
	t.end()
	t.finish()
}

// finish points the folded tokens at their text.
func (t *tokenizer) finish() {
	if len(t.fixes) == 0 {
		return
	}
	folded := string(t.buf)
	for _, f := range t.fixes {
		t.toks[f.tok].Text = folded[f.from:f.to]
	}
}

// Byte classes of ASCII, as bits.
const (
	classLetter = 1 << iota
	classDigit
	classUpper
	classPunct // a token of its own
	classAlnum = classLetter | classDigit
)

// byteClass classifies the ASCII bytes; the others are 0.
var byteClass = func() (a [256]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		r := rune(c)
		switch {
		case r >= '0' && r <= '9':
			a[c] = classDigit
		case r >= 'a' && r <= 'z':
			a[c] = classLetter
		case r >= 'A' && r <= 'Z':
			a[c] = classLetter | classUpper
		case unicode.IsPunct(r) || r == '|':
			a[c] = classPunct
		}
	}
	return a
}()

// asciiWord reads the run of ASCII letters and digits at i into the
// current token, the common case, and returns where the run ends.
func (t *tokenizer) asciiWord(i int) int {
	text := t.text
	j, seen := i, uint8(0)
	for ; j < len(text); j++ {
		class := byteClass[text[j]]
		if class&classAlnum == 0 {
			break
		}
		seen |= class
	}
	kind := Word
	switch seen & classAlnum {
	case classAlnum:
		kind = Mixed
	case classDigit:
		kind = Number
	}
	if !t.inTok {
		t.start(current{start: i, end: i, upper: byteClass[text[i]]&classUpper != 0, kind: kind})
	} else if t.cur.kind != kind {
		t.cur.kind = Mixed
	}
	if seen&classUpper != 0 || !t.verbatim {
		t.unverbatim()
		for k := i; k < j; k++ {
			t.buf = append(t.buf, lowerASCII(text[k]))
		}
	}
	t.cur.end = j
	return j
}

// lowerASCII returns the lower case of an ASCII letter or digit.
func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c | 0x20
	}
	return c
}

// asciiMark reads an ASCII byte that is neither a letter nor a digit.
func (t *tokenizer) asciiMark(i int, c byte) {
	switch {
	case c == '\'' && t.inTok && t.nextIsLetter(i+1):
		t.skip(i + 1)
	case byteClass[c]&classPunct != 0:
		t.end()
		t.toks = append(t.toks, Token{Text: t.text[i : i+1], Start: i, End: i + 1, Kind: Punct})
	default:
		t.end()
	}
}

// step reads the rune r outside ASCII, of size bytes, at i.
func (t *tokenizer) step(i int, r rune, size int) {
	if f := foldRune(r); f != "" {
		t.letter(i, r, size, f)
		return
	}
	switch {
	case t.inTok && isApostrophe(r) && t.nextIsLetter(i+size):
		t.skip(i + size)
	case t.inTok && unicode.Is(unicode.Mn, r): // a combining accent
		t.skip(i + size)
	default:
		t.end()
	}
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' }

func (t *tokenizer) nextIsLetter(i int) bool {
	if i < len(t.text) && t.text[i] < utf8.RuneSelf {
		return byteClass[t.text[i]]&classLetter != 0
	}
	r, _ := utf8.DecodeRuneInString(t.text[i:])
	return unicode.IsLetter(r)
}

// letter adds the letter or digit r, of size bytes at i and folded to f,
// to the current token.
func (t *tokenizer) letter(i int, r rune, size int, f string) {
	if !t.inTok {
		t.start(current{start: i, end: i, upper: unicode.IsUpper(r), kind: kindOf(f[0])})
	} else if t.cur.kind != kindOf(f[0]) {
		t.cur.kind = Mixed
	}
	if !t.verbatim || f != t.text[i:i+size] {
		t.unverbatim()
		t.buf = append(t.buf, f...)
	}
	t.cur.end = i + size
}

func kindOf(c byte) TokenKind {
	if c >= '0' && c <= '9' {
		return Number
	}
	return Word
}

// start begins the token cur.
func (t *tokenizer) start(cur current) {
	t.cur, t.inTok, t.verbatim = cur, true, true
}

// skip extends the current token to end over a mark that is left out of
// its folded text.
func (t *tokenizer) skip(end int) {
	t.unverbatim()
	t.cur.end = end
}

// unverbatim copies what the current token has so far into buf, before
// the token's folded text departs from the text as written.
func (t *tokenizer) unverbatim() {
	if !t.verbatim {
		return
	}
	t.verbatim = false
	t.from = len(t.buf)
	t.buf = append(t.buf, t.text[t.cur.start:t.cur.end]...)
}

// end completes the current token, if any.
func (t *tokenizer) end() {
	if !t.inTok {
		return
	}
	t.inTok = false
	var folded string
	if t.verbatim {
		folded = t.text[t.cur.start:t.cur.end]
	} else {
		t.fixes = append(t.fixes, foldedRange{tok: len(t.toks), from: t.from, to: len(t.buf)})
	}
	t.toks = append(t.toks, Token{Text: folded, Start: t.cur.start, End: t.cur.end, Kind: t.cur.kind, Upper: t.cur.upper})
}
