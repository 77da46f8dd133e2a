package nlp

import (
	"strings"

	"github.com/intake311/intake311/cases"
)

// houseNum is a house number read at some tokens: "1234", "12b",
// "22-24", "71-20", "3120-B", "418 1/2".
type houseNum struct {
	text   string
	from   int // its first token
	street int // the token after it, where the street starts
}

// address reads "1234 N Main St" at token i.
func (s *scanner) address(i int) (cases.Location, int) {
	num, ok := s.houseNumber(i)
	if !ok {
		return cases.Location{}, 0
	}
	st, ok := s.streetAt(num.street, s.cased)
	if !ok || s.unitAfter(st) || (!st.typed && !st.ordinal && !s.plainName(num, st)) {
		return cases.Location{}, 0
	}
	s.nb = append(appendUpper(s.nb[:0], num.text), ' ')
	s.nb = s.appendName(s.nb, st)
	return s.span(KindAddress, i, st.to, string(s.nb)), st.to - i
}

// houseNumber reads a house number at token i: up to five digits, with a
// letter ("12b"), a second number or letter after a hyphen ("16-18",
// "3120-B"), or a half ("418 1/2"). A number that is part of a phone
// number, a date, a time, a fraction, an amount or an identifier ("Exit
// 12", "Route 9", "#4410", "Oct 2011") is not a house number.
func (s *scanner) houseNumber(i int) (houseNum, bool) {
	t := s.toks[i]
	if !houseDigits(t) || s.numberContext(i) {
		return houseNum{}, false
	}
	n := houseNum{text: t.Text, from: i, street: i + 1}
	switch {
	case s.adjacentMark(i, "-"):
		return s.hyphenated(n)
	case s.adjacentMark(i, "/"):
		return s.slashRange(n)
	case s.half(i + 1):
		n.text += " 1/2"
		n.street = i + 4
	}
	return n, true
}

// houseDigits accepts "1234" and "12b".
func houseDigits(t Token) bool {
	n := len(t.Text)
	if t.Kind == Number {
		return n <= 5
	}
	if t.Kind != Mixed || n > 7 || t.Text[n-1] < 'a' || t.Text[n-1] > 'z' {
		return false
	}
	for _, c := range t.Text[:n-1] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// numberContext reports whether what comes before token i makes it
// something other than a house number: a mark written against it ("-",
// "/", "$", ".", ":") or a word that numbers other things.
func (s *scanner) numberContext(i int) bool {
	if i == 0 {
		return false
	}
	p := s.toks[i-1]
	if p.Kind == Punct {
		return p.End == s.toks[i].Start && p.Text != "(" && p.Text != "\"" && p.Text != "#"
	}
	return s.is(i-1, clsNumbered)
}

// adjacentMark reports whether token i is followed, with no space
// between, by the punctuation mark.
func (s *scanner) adjacentMark(i int, mark string) bool {
	return i+1 < len(s.toks) && s.toks[i+1].Text == mark && s.toks[i+1].Start == s.toks[i].End
}

// hyphenated reads the part after the hyphen of a house number: a letter
// ("3120-B"), or a second number making a range ("22-24", "1010-1012")
// or a Queens address ("71-20"). Phone numbers ("555-1234") and dates
// ("2013-07-27") are not house numbers.
func (s *scanner) hyphenated(n houseNum) (houseNum, bool) {
	i := n.from
	next := s.toks[i+2:]
	if len(next) == 0 || s.toks[i+1].End != next[0].Start {
		return houseNum{}, false
	}
	b := next[0]
	switch {
	case b.Kind == Word && len(b.Text) == 1:
	case b.Kind != Number || len(b.Text) > 5 || len(n.text) == 3 && len(b.Text) == 4 || s.adjacentMark(i+2, "-"):
		return houseNum{}, false
	}
	n.text += "-" + b.Text
	n.street = i + 3
	return n, true
}

// slashRange reads a range written with a slash, "145/147": two numbers
// of three digits or more, of one length, the second a little above the
// first. Dates and fractions are not house numbers.
func (s *scanner) slashRange(n houseNum) (houseNum, bool) {
	i := n.from
	b := s.toks[i+2:]
	if len(b) == 0 || b[0].Kind != Number || s.toks[i+1].End != b[0].Start || s.adjacentMark(i+2, "/") {
		return houseNum{}, false
	}
	lo, hi := n.text, b[0].Text
	if len(lo) < 3 || len(hi) != len(lo) || hi <= lo || atoi(hi)-atoi(lo) > 20 {
		return houseNum{}, false
	}
	n.text += "-" + hi
	n.street = i + 3
	return n, true
}

// atoi reads the digits of a number token.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// half reports whether tokens i.. are "1/2".
func (s *scanner) half(i int) bool {
	return s.word(i) == "1" && s.word(i+1) == "/" && s.word(i+2) == "2" && s.adjacentMark(i, "/")
}

// unitAfter reports whether the street read after a number starts with
// a unit or a count ("20 feet", "2 hour", "3 cars"): a quantity, not an
// address.
func (s *scanner) unitAfter(st street) bool {
	return s.is(st.from, clsUnit)
}

// plainName accepts an address without a street type, "1234 Main", when
// it is written as one: two digits or more that do not read as a recent
// year, one or two name words (see plainWord), nothing before the number
// but a word that places it ("at", "outside") or a mark, and after the
// name the end of a clause or a word that goes on about the place ("is",
// "near", "and"). In a text in capitals it must end the text or a
// clause: "410 WEST OAK, RIVERTON".
func (s *scanner) plainName(num houseNum, st street) bool {
	if len(num.text) < 2 || st.to-st.from > 2 || yearLike(num.text) || s.onlyDirection(st) {
		return false
	}
	if !s.placedBefore(num.from) {
		return false
	}
	for k := st.nameFrom; k < st.nameTo; k++ {
		if !s.plainWord(k) {
			return false
		}
	}
	return s.clauseEnd(st.to) || !s.caps && s.is(st.to, clsFollower)
}

// plainWord reports whether token k can be a word of a street named
// without a type: three letters or more, not a landmark noun, and in a
// text that uses case, capitalised but not in capitals ("1234 Main", not
// "5:00 P.M." nor "2018 REG").
func (s *scanner) plainWord(k int) bool {
	t := s.toks[k]
	if len(t.Text) < 3 || s.is(k, clsLandmark) {
		return false
	}
	if s.caps {
		return true
	}
	w := s.text[t.Start:t.End]
	return strings.ToUpper(w) != w && (!s.cased || t.Upper)
}

// onlyDirection reports whether a street's name is a direction and
// nothing else: "75 South" is a highway, not an address.
func (s *scanner) onlyDirection(st street) bool {
	return st.nameTo == st.nameFrom+1 && s.is(st.nameFrom, clsDirection)
}

// placedBefore reports whether the number at token i starts the text, or
// follows a mark or a word that introduces a place.
func (s *scanner) placedBefore(i int) bool {
	if i == 0 {
		return true
	}
	p := s.toks[i-1]
	if p.Kind == Punct {
		return p.Text == "," || p.Text == "(" || p.Text == ":" || p.Text == ";" || p.Text == "\""
	}
	return s.is(i-1, clsPlaceWord)
}

// clauseEnd reports whether token i ends the text, is a mark that ends a
// clause, or a ZIP code.
func (s *scanner) clauseEnd(i int) bool {
	if i >= len(s.toks) {
		return true
	}
	switch s.toks[i].Text {
	case ",", ".", ";", "!", "?", "(", ")":
		return true
	}
	return s.isNumber(i) && len(s.toks[i].Text) == 5 // a ZIP code: "310 College 61820"
}

// yearLike reports whether a number reads as a year from 1950 to 2039.
func yearLike(n string) bool {
	return len(n) == 4 && (n[:2] == "19" && n[2] >= '5' || n[:2] == "20" && n[2] <= '3')
}

// block reads "100 block of Elm St" at token i.
func (s *scanner) block(i int) (cases.Location, int) {
	if s.toks[i].Kind != Number || s.word(i+1) != "block" {
		return cases.Location{}, 0
	}
	j := i + 2
	if s.word(j) == "of" {
		j++
	}
	st, ok := s.streetAt(j, false)
	if ok {
		st, ok = s.capitalPrefix(st)
	}
	if !ok {
		return cases.Location{}, 0
	}
	s.nb = append(append(s.nb[:0], s.toks[i].Text...), " BLOCK OF "...)
	s.nb = s.appendName(s.nb, st)
	return s.span(KindBlock, i, st.to, string(s.nb)), st.to - i
}

// zip reads a ZIP code after a state abbreviation or the word "zip".
func (s *scanner) zip(i int) (cases.Location, int) {
	t := s.toks[i]
	if t.Kind != Number || len(t.Text) != 5 {
		return cases.Location{}, 0
	}
	p := i - 1
	if s.word(p) == "," {
		p--
	}
	if prev := s.word(p); !s.is(p, clsState) && prev != "zip" && prev != "code" {
		return cases.Location{}, 0
	}
	if s.word(i+1) == "-" && len(s.word(i+2)) == 4 && s.isNumber(i+2) {
		return s.span(KindZIP, i, i+3, t.Text+"-"+s.word(i+2)), 3
	}
	return s.span(KindZIP, i, i+1, t.Text), 1
}
