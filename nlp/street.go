package nlp

import (
	"strings"

	"github.com/intake311/intake311/cases"
)

// A street is an optional direction, one to four name words and an
// optional street type: "N Main St", "5th", "Martin Luther King Jr Dr".

// street is a street found at some tokens; its normalised name is built
// only for the streets that make a place (see scanner.name).
type street struct {
	from, to  int    // tokens [from, to)
	dir       string // leading direction: "N"
	nameFrom  int    // the name words are tokens [nameFrom, nameTo)
	nameTo    int
	typ       string // street type: "ST"
	number    string // of a numbered road: "10" in "Highway 10"
	suffixDir string // trailing direction: "NW"
	typed     bool   // ends with a street type
	ordinal   bool   // its name is an ordinal: 5th
}

// maxNameWords bounds the words of a street name.
const maxNameWords = 4

// streetAt reads a street starting at token i. strict requires the name
// to look like one (capitalised, an ordinal, or followed by a street type).
func (s *scanner) streetAt(i int, strict bool) (street, bool) {
	st := street{from: i}
	j := i
	if d, ok := directions[s.word(j)]; ok && s.nameWord(j+1) && !isStreetType(s.word(j+1)) {
		st.dir = d
		j++
	}
	st.nameFrom = j
	for j < len(s.toks) && j-st.nameFrom < maxNameWords && s.nameWord(j) {
		if t, ok := streetTypes[s.word(j)]; ok && (j > st.nameFrom || numberedRoads[t] && s.isNumber(j+1)) {
			st.typ, st.typed = t, true
			break
		}
		st.ordinal = st.ordinal || isOrdinal(s.word(j))
		j++
	}
	st.nameTo = j
	if st.nameTo == st.nameFrom {
		return street{}, false
	}
	if st.typed {
		j++
	}
	return s.streetEnd(st, j, strict)
}

// streetEnd reads what may follow a street's type at token j: a route
// number, a direction.
func (s *scanner) streetEnd(st street, j int, strict bool) (street, bool) {
	if st.typed && numberedRoads[st.typ] && j < len(s.toks) && s.toks[j].Kind == Number {
		st.number = s.toks[j].Text // "Highway 10"
		j++
	}
	if d, ok := directions[s.word(j)]; ok && st.typed && (len(d) == 2 || !s.nameWord(j+1)) {
		st.suffixDir = d // "Marietta St NW"
		j++
	}
	st.to = j
	return st, !strict || st.typed || st.ordinal || s.capitalised(st.from, j)
}

// name returns the normalised name of a street: "N MAIN ST".
func (s *scanner) name(st street) string {
	var b strings.Builder
	add := func(w string) {
		if w == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	add(st.dir)
	for k := st.nameFrom; k < st.nameTo; k++ {
		add(strings.ToUpper(s.word(k)))
	}
	add(st.typ)
	add(st.number)
	add(st.suffixDir)
	return b.String()
}

// nameWord reports whether token i can be part of a street name.
func (s *scanner) nameWord(i int) bool { return i >= 0 && i < len(s.isName) && s.isName[i] }

func (s *scanner) nameWordAt(i int) bool {
	t := s.toks[i]
	switch {
	case t.Kind == Mixed:
		return isOrdinal(t.Text)
	case t.Kind != Word:
		return false
	case notStreetWords[t.Text]:
		return false
	}
	return true
}

// capitalised reports whether the words [i, j) are written with capitals
// in a text that is not all capitals.
func (s *scanner) capitalised(i, j int) bool {
	if s.caps {
		return false
	}
	for k := i; k < j; k++ {
		if s.toks[k].Kind == Word && !s.toks[k].Upper {
			return false
		}
	}
	return true
}

func isOrdinal(w string) bool {
	n := len(w)
	if n < 3 || w[0] < '0' || w[0] > '9' {
		return false
	}
	switch w[n-2:] {
	case "st", "nd", "rd", "th":
		for _, c := range w[:n-2] {
			if c < '0' || c > '9' {
				return false
			}
		}
		return true
	}
	return false
}

// address reads "1234 N Main St" at token i.
func (s *scanner) address(i int) (cases.Location, int) {
	num := s.toks[i]
	if !houseNumber(num) {
		return cases.Location{}, 0
	}
	st, ok := s.streetAt(i+1, true)
	if !ok || s.hasUnit(st) || (!st.typed && !st.ordinal && !s.plainName(num, st)) {
		return cases.Location{}, 0
	}
	norm := strings.ToUpper(num.Text) + " " + s.name(st)
	return s.span(KindAddress, i, st.to, norm), st.to - i
}

// plainName accepts an address without a street type, "1234 Main":
// three digits or more and one or two name words in mixed case.
func (s *scanner) plainName(num Token, st street) bool {
	if len(num.Text) < 3 || s.caps || st.to-st.from > 2 {
		return false
	}
	for k := st.from; k < st.to; k++ {
		w := s.text[s.toks[k].Start:s.toks[k].End]
		if len(w) < 3 || strings.ToUpper(w) == w {
			return false
		}
	}
	return true
}

// hasUnit reports whether a word of the street is a unit ("20 feet").
func (s *scanner) hasUnit(st street) bool {
	for k := st.from; k < st.to; k++ {
		if unitWords[s.word(k)] {
			return true
		}
	}
	return false
}

// houseNumber accepts "1234" and "12b".
func houseNumber(t Token) bool {
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
	if !ok {
		return cases.Location{}, 0
	}
	return s.span(KindBlock, i, st.to, s.toks[i].Text+" BLOCK OF "+s.name(st)), st.to - i
}

// cornerOf reads "corner of Elm & Oak" and "intersection of A and B".
func (s *scanner) cornerOf(i int) (cases.Location, int) {
	if w := s.word(i); (w != "corner" && w != "intersection") || s.word(i+1) != "of" {
		return cases.Location{}, 0
	}
	a, ok := s.streetAt(i+2, false)
	if !ok {
		return cases.Location{}, 0
	}
	return s.crossing(i, a, false)
}

// intersection reads "Main and 5th", "Elm & Oak", "5th St at Pine".
func (s *scanner) intersection(i int) (cases.Location, int) {
	a, ok := s.streetAt(i, true)
	if !ok {
		return cases.Location{}, 0
	}
	return s.crossing(i, a, true)
}

// crossing reads the connector and the second street after a.
func (s *scanner) crossing(from int, a street, strict bool) (cases.Location, int) {
	conn := s.word(a.to)
	if !connectors[conn] {
		return cases.Location{}, 0
	}
	b, ok := s.streetAt(a.to+1, true)
	if !ok {
		return cases.Location{}, 0
	}
	if strict && !a.typed && !b.typed && !a.ordinal && !b.ordinal {
		return cases.Location{}, 0 // "Trash & Recycling", "Mary and John"
	}
	if strict && conn == "at" && !a.typed && !a.ordinal {
		return cases.Location{}, 0 // "Pothole at Main St"
	}
	return s.span(KindIntersection, from, b.to, s.name(a)+" & "+s.name(b)), b.to - from
}

var connectors = map[string]bool{"and": true, "&": true, "@": true, "at": true, "/": true, "y": true}

// zip reads a ZIP code after a state abbreviation or the word "zip".
func (s *scanner) zip(i int) (cases.Location, int) {
	t := s.toks[i]
	if t.Kind != Number || len(t.Text) != 5 {
		return cases.Location{}, 0
	}
	prev := s.word(i - 1)
	if prev == "," {
		prev = s.word(i - 2)
	}
	if !states[prev] && prev != "zip" && prev != "code" {
		return cases.Location{}, 0
	}
	if s.word(i+1) == "-" && len(s.word(i+2)) == 4 && s.isNumber(i+2) {
		return s.span(KindZIP, i, i+3, t.Text+"-"+s.word(i+2)), 3
	}
	return s.span(KindZIP, i, i+1, t.Text), 1
}

// numberedRoads are street types that take a number: "Highway 10".
var numberedRoads = map[string]bool{"HWY": true, "RTE": true, "RD": true, "FM": true, "I": true}

func (s *scanner) isNumber(i int) bool { return i < len(s.toks) && s.toks[i].Kind == Number }
