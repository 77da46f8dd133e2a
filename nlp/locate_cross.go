package nlp

import "github.com/intake311/intake311/cases"

// cornerOf reads a crossing after words that announce one: "corner of
// Elm & Oak", "intersection of A and B", "nearest cross street? Oak and
// Chestnut". Neither street needs a type or capitals there.
func (s *scanner) cornerOf(i int) (cases.Location, int) {
	first := s.crossCue(i)
	if first == 0 {
		return cases.Location{}, 0
	}
	a, ok := s.streetAt(first, false)
	if !ok {
		return cases.Location{}, 0
	}
	return s.crossing(i, a, false)
}

// crossCue returns where the first street starts after the words at
// token i that announce a crossing, or 0.
func (s *scanner) crossCue(i int) int {
	if !s.is(i, clsCue) {
		return 0
	}
	switch s.word(i) {
	case "corner", "corners", "intersection":
		if s.word(i+1) == "of" {
			return i + 2
		}
	case "cross", "intersecting":
		if w := s.word(i + 1); w != "street" && w != "streets" {
			return 0
		}
		if w := s.word(i + 2); w == ":" || w == "?" || w == "is" || w == "are" {
			return i + 3
		}
	}
	return 0
}

// intersection reads "Main and 5th", "Elm & Oak", "5th St at Pine".
func (s *scanner) intersection(i int) (cases.Location, int) {
	if s.is(i-1, clsBetween) {
		return cases.Location{}, 0 // "between Elm and Oak": the ends of a stretch
	}
	a, ok := s.streetAt(i, true)
	if !ok {
		return cases.Location{}, 0
	}
	return s.crossing(i, a, true)
}

// crossing reads the connector and the second street after a. "A
// between B and C" is the crossing of A and B, spanning C too.
func (s *scanner) crossing(from int, a street, strict bool) (cases.Location, int) {
	if !s.is(a.to, clsConnector) {
		return cases.Location{}, 0
	}
	b, ok := s.streetAt(a.to+1, strict)
	if !ok || !s.crosses(a, b, a.to, strict) {
		return cases.Location{}, 0
	}
	to := b.to
	if s.is(a.to, clsBetween) {
		to = s.stretchEnd(b)
	}
	s.nb = s.appendName(s.nb[:0], a)
	s.nb = append(s.nb, " & "...)
	s.nb = s.appendName(s.nb, b)
	return s.span(KindIntersection, from, to, string(s.nb)), to - from
}

// crosses reports whether streets a and b, joined by the connector at
// token conn, name a crossing. After words that announce one (not
// strict) only a second street of several words must look like one
// ("corner of maple and linden hasnt"). Otherwise one of them needs a
// type or a number ("Trash & Recycling", "Mary and John"), the first
// does before "at" or "between" ("Pothole at Main St"), and they must
// start alike ("elm street at St Anne's Church").
func (s *scanner) crosses(a, b street, conn int, strict bool) bool {
	if !strict {
		return s.looksLikeStreet(b) || b.nameTo-b.nameFrom <= 1
	}
	switch {
	case !a.typed && !b.typed && !a.ordinal && !b.ordinal:
		return false
	case (s.word(conn) == "at" || s.is(conn, clsBetween)) && !a.typed && !a.ordinal:
		return false
	}
	return s.sameCase(a, b)
}

// looksLikeStreet reports whether a street has a type, is numbered or is
// written with capitals.
func (s *scanner) looksLikeStreet(st street) bool {
	return st.typed || st.ordinal || s.capitalised(st.from, st.to)
}

// stretchEnd returns where "and C" ends after the street b of "A
// between B and C", or b's end.
func (s *scanner) stretchEnd(b street) int {
	if w := s.word(b.to); w != "and" && w != "&" {
		return b.to
	}
	if c, ok := s.streetAt(b.to+1, false); ok {
		return c.to
	}
	return b.to
}

// sameCase reports whether the two streets of a crossing start alike, in
// a text that uses case: both names capitalised or both not.
func (s *scanner) sameCase(a, b street) bool {
	if !s.cased {
		return true
	}
	if a.nameTo == a.nameFrom || b.nameTo == b.nameFrom || s.sentenceStart(a.from) {
		return true // a capital that starts a sentence says nothing
	}
	ta, tb := s.toks[a.nameFrom], s.toks[b.nameFrom]
	if ta.Kind != Word || tb.Kind != Word {
		return true
	}
	return ta.Upper == tb.Upper
}

// sentenceStart reports whether token i starts the text or a sentence.
func (s *scanner) sentenceStart(i int) bool {
	switch s.word(i - 1) {
	case "", ".", "!", "?", ":", "|":
		return true
	}
	return false
}

var connectors = set(`and & @ at / y between btwn`)

var betweenWords = set(`between btwn`)
