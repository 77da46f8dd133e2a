package nlp

import (
	"strings"
	"unicode/utf8"
)

// A street is an optional direction, one to four name words and an
// optional street type: "N Main St", "5th", "Martin Luther King Jr Dr".
// A numbered road may have no name: "Highway 10", "US Hwy 50".

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
	typed     bool   // ends with a street type, or is a street without one ("Broadway")
	numbered  bool   // its type takes a number: "Highway 10"
	ordinal   bool   // its name is an ordinal: 5th
}

// maxNameWords bounds the words of a street name.
const maxNameWords = 4

// streetAt reads a street starting at token i. strict requires the name
// to look like one (capitalised, an ordinal, or followed by a street type).
func (s *scanner) streetAt(i int, strict bool) (street, bool) {
	st := street{from: i}
	j := i
	if s.is(j, clsDirection) && s.nameWord(j+1) && (!s.is(j+1, clsType) || s.is(j+2, clsType)) {
		st.dir = directions[s.word(j)]
		j++
	}
	st.nameFrom = j
	j = s.readName(&st, j)
	st.nameTo = j
	if st.nameTo == st.nameFrom && !(st.typed && s.isNumber(j+1)) {
		return street{}, false
	}
	if !st.typed && st.nameTo-st.nameFrom == 1 && s.is(st.nameFrom, clsNamed) {
		st.typed = true // "Broadway"
	}
	if st.typed && st.typ != "" {
		j++
	}
	if !st.typed && s.is(st.nameTo-1, clsLandmark) {
		return street{}, false
	}
	return s.streetEnd(st, j, strict)
}

// readName reads the name words of a street from token j, and its type,
// and returns where the name ends. A type followed by another is part of
// the name ("Fox Run Rd", "14th Street Dr"); a number written as an
// ordinal ends a name without a type ("West 10th Riverton").
func (s *scanner) readName(st *street, j int) int {
	for j < len(s.toks) && j-st.nameFrom <= maxNameWords && s.nameWord(j) {
		if s.is(j, clsType) && (j > st.nameFrom || s.is(j, clsNumberedRd) && s.isNumber(j+1)) && !s.typeFollows(j+1) {
			st.typ, st.typed, st.numbered = streetTypes[s.word(j)], true, s.is(j, clsNumberedRd)
			return j
		}
		if j-st.nameFrom == maxNameWords {
			break
		}
		j++
		if s.ordinalAt(j-1) && !s.is(j, clsType) {
			st.ordinal = true
			break
		}
		st.ordinal = st.ordinal || s.ordinalAt(j-1) || s.ordinalWord(j-1)
	}
	return j
}

// typeFollows reports whether token k is a street type that a type
// before it belongs to the name of ("Fox Run Rd"): not "St" as in
// "Elm Pl St Louis" or "Ave St 200", nor a numbered road ("Lake
// Road Route 776").
func (s *scanner) typeFollows(k int) bool {
	if !s.is(k, clsType) || s.is(k, clsNumberedRd) && s.isNumber(k+1) {
		return false
	}
	return s.word(k) != "st" || !(s.nameWord(k+1) || s.isNumber(k+1)) || s.is(k+1, clsType)
}

// streetEnd reads what may follow a street's type at token j: a route
// number, a direction.
func (s *scanner) streetEnd(st street, j int, strict bool) (street, bool) {
	if st.numbered && s.isNumber(j) {
		st.number = s.toks[j].Text // "Highway 10"
		j++
	} else if s.routeLetters(st, j) {
		st.number = strings.ToUpper(s.word(j)) // "County Road GV"
		j++
	}
	j = s.suffixDirection(&st, j)
	st.to = j
	return st, !strict || st.typed || st.ordinal || s.capitalised(st.from, j)
}

// routeLetters reports whether token j names a county road by letters:
// "County Road GV".
func (s *scanner) routeLetters(st street, j int) bool {
	if st.typ != "RD" && st.typ != "HWY" || st.nameTo-st.nameFrom != 1 || !s.is(st.nameFrom, clsCounty) {
		return false
	}
	return j < len(s.toks) && s.toks[j].Kind == Word && len(s.toks[j].Text) <= 3 && s.allUpper(j)
}

// suffixDirection reads a direction after a street's type at token j:
// "Market St NW", "Elm Ave S", "K Street, NW", "Lakeview Avenue
// North Suite 108".
func (s *scanner) suffixDirection(st *street, j int) int {
	if !st.typed {
		if st.ordinal && s.is(j, clsDirection) && !s.nameWord(j+1) {
			st.suffixDir = directions[s.word(j)] // "West 5th North,"
			return j + 1
		}
		return j
	}
	if s.word(j) == "," && s.is(j+1, clsDirection) && len(s.word(j+1)) == 2 && s.allUpper(j+1) {
		st.suffixDir = directions[s.word(j+1)] // "K Street, NW"
		return j + 2
	}
	if !s.is(j, clsDirection) {
		return j
	}
	w, next := s.word(j), s.word(j+1)
	if len(w) == 1 && len(next) == 1 && s.is(j+1, clsDirection) {
		if d, ok := directions[w+next]; ok {
			st.suffixDir = d // "N.W."
			return j + 2
		}
	}
	d := directions[w]
	if len(d) == 2 || !s.nameWord(j+1) || s.is(j+1, clsUnit) || len(w) == 1 && !s.is(j+1, clsType) && !s.ordinalAt(j+1) {
		st.suffixDir = d
		return j + 1
	}
	return j
}

// capitalPrefix keeps the leading capitalised words of an untyped name
// in a text that uses case: "Elm" of "the 100 block of Elm needs
// sweeping".
func (s *scanner) capitalPrefix(st street) (street, bool) {
	if !s.cased || st.typed || st.ordinal {
		return st, true
	}
	k := st.nameFrom
	for k < st.nameTo && s.toks[k].Upper {
		k++
	}
	st.nameTo, st.to, st.suffixDir = k, k, ""
	return st, k > st.nameFrom
}

// allUpper reports whether token i is written in capitals.
func (s *scanner) allUpper(i int) bool {
	w := s.text[s.toks[i].Start:s.toks[i].End]
	return strings.ToUpper(w) == w
}

// appendName appends the normalised name of a street to b: "N MAIN ST".
func (s *scanner) appendName(b []byte, st street) []byte {
	n := nameWriter{b: b, from: len(b)}
	n.add(st.dir, false)
	for k := st.nameFrom; k < st.nameTo; k++ {
		w := s.word(k)
		if o, ok := ordinalNumbers[w]; ok {
			n.add(o, false) // "Fifth" is "5TH"
		} else if t, ok := streetTypes[w]; ok && k > st.nameFrom {
			n.add(t, false) // "Fox Run Rd", "14th St Dr"
		} else {
			n.add(w, true)
		}
	}
	n.add(st.typ, false)
	n.add(st.number, false)
	n.add(st.suffixDir, false)
	return n.b
}

// nameWriter appends the words of a name to b, a space between two.
type nameWriter struct {
	b    []byte
	from int // where the name starts in b
}

// add appends a word, in capitals with upper; nothing when it is empty.
func (n *nameWriter) add(w string, upper bool) {
	if w == "" {
		return
	}
	if len(n.b) > n.from {
		n.b = append(n.b, ' ')
	}
	if upper {
		n.b = appendUpper(n.b, w)
	} else {
		n.b = append(n.b, w...)
	}
}

// appendUpper appends strings.ToUpper(w) to b, without building it when w
// is ASCII.
func appendUpper(b []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return append(b, strings.ToUpper(w)...)
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// nameWord reports whether token i can be part of a street name.
func (s *scanner) nameWord(i int) bool { return i >= 0 && i < len(s.isName) && s.isName[i] }

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

// ordinalWord reports whether token i is a numbered street written out,
// "Fifth", with a capital in a text that uses case.
func (s *scanner) ordinalWord(i int) bool {
	return s.cased && s.is(i, clsOrdinal) && s.toks[i].Upper
}

// ordinalAt reports whether token i is a name word written as an
// ordinal, "5th".
func (s *scanner) ordinalAt(i int) bool { return s.nameWord(i) && s.toks[i].Kind == Mixed }

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

// numberedRoads are street types that take a number: "Highway 10".
var numberedRoads = map[string]bool{"HWY": true, "RTE": true, "RD": true, "FM": true, "I": true}

func (s *scanner) isNumber(i int) bool { return i >= 0 && i < len(s.toks) && s.toks[i].Kind == Number }
