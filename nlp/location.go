package nlp

import "github.com/intake311/intake311/cases"

// Location kinds.
const (
	KindAddress      = "address"
	KindIntersection = "intersection"
	KindBlock        = "block"
	KindLandmark     = "landmark"
	KindLatLon       = "latlon"
	KindZIP          = "zip"
)

// Locate finds the places named in text, in the order they are written:
// street addresses ("1234 N Main St"), intersections ("Main and 5th",
// "corner of Elm & Oak"), block ranges ("100 block of Elm"), lat/lon pairs
// and ZIP codes. House numbers and street names are not keywords.
func Locate(text string) []cases.Location {
	return locateTokens(text, Tokenize(text), nil)
}

// best returns the most precise place: an address, then an intersection,
// a block, a landmark, coordinates, a ZIP code; the first of a kind.
func best(all []cases.Location) *cases.Location {
	var b *cases.Location
	for i := range all {
		if b == nil || kindRank[all[i].Kind] < kindRank[b.Kind] {
			b = &all[i]
		}
	}
	if b == nil {
		return nil
	}
	l := *b
	return &l
}

var kindRank = map[string]int{KindAddress: 0, KindIntersection: 1, KindBlock: 2, KindLandmark: 3, KindLatLon: 4, KindZIP: 5}

// locateTokens scans the tokens once, trying each kind of place at each
// position and skipping past what it found.
func locateTokens(text string, toks []Token, lm *landmarkIndex) []cases.Location {
	var s scanner
	return s.locate(text, toks, lm)
}

// locate finds the places in text, reusing the scanner's buffers; the
// result is valid until the next call.
func (s *scanner) locate(text string, toks []Token, lm *landmarkIndex) []cases.Location {
	s.text, s.toks, s.caps = text, toks, allCaps(toks)
	s.nextConnectors()
	s.names()
	s.out = append(s.out[:0], latLons(text)...)
	for i := 0; i < len(toks); {
		loc, n := s.at(i, lm)
		if n == 0 {
			i++
			continue
		}
		s.out = append(s.out, loc)
		i += n
	}
	return s.out
}

// scanner reads places from a token stream.
type scanner struct {
	text string
	toks []Token
	caps bool // the text is written in capitals: case says nothing
	// nextConn[i] is the index of the first connector ("and", "&", ...)
	// at or after token i, or len(toks).
	nextConn []int
	isName   []bool // token i can be part of a street name
	nameRun  []int  // how many name tokens follow from i, i included
	out      []cases.Location
}

func (s *scanner) names() {
	s.isName = grow(s.isName, len(s.toks))
	s.nameRun = grow(s.nameRun, len(s.toks)+1)
	s.nameRun[len(s.toks)] = 0
	for i := len(s.toks) - 1; i >= 0; i-- {
		s.nameRun[i] = 0
		s.isName[i] = s.nameWordAt(i)
		if s.isName[i] {
			s.nameRun[i] = s.nameRun[i+1] + 1
		}
	}
}

// maxStreetTokens bounds the tokens of one street, direction and type
// included.
const maxStreetTokens = maxNameWords + 3

// nextConnectors fills nextConn.
func (s *scanner) nextConnectors() {
	toks := s.toks
	next := grow(s.nextConn, len(toks)+1)
	next[len(toks)] = len(toks)
	for i := len(toks) - 1; i >= 0; i-- {
		next[i] = next[i+1]
		if connectors[toks[i].Text] {
			next[i] = i
		}
	}
	s.nextConn = next
}

// connectorSoon reports whether a connector follows token i closely
// enough for an intersection to start at i.
func (s *scanner) connectorSoon(i int) bool {
	n := s.nextConn[i]
	return n > i && n-i <= maxStreetTokens
}

func (s *scanner) at(i int, lm *landmarkIndex) (cases.Location, int) {
	if loc, n := s.street(i); n > 0 {
		return loc, n
	}
	if lm != nil {
		if l, n := lm.find(s.toks, i); l != nil {
			lat, lon := l.Lat, l.Lon
			loc := s.span(KindLandmark, i, i+n, l.normalized())
			loc.Lat, loc.Lon = &lat, &lon
			return loc, n
		}
	}
	return cases.Location{}, 0
}

// street tries the places that start with a number or a street name.
func (s *scanner) street(i int) (cases.Location, int) {
	t := s.toks[i]
	if t.Kind == Number || t.Kind == Mixed {
		if loc, n := s.block(i); n > 0 {
			return loc, n
		}
		if loc, n := s.address(i); n > 0 {
			return loc, n
		}
		if loc, n := s.zip(i); n > 0 {
			return loc, n
		}
	}
	if t.Kind == Punct {
		return cases.Location{}, 0
	}
	if !s.connectorSoon(i) {
		return cases.Location{}, 0
	}
	if loc, n := s.cornerOf(i); n > 0 {
		return loc, n
	}
	if i+s.nameRun[i] != s.nextConn[i] { // a street must run up to the connector
		return cases.Location{}, 0
	}
	return s.intersection(i)
}

// span builds a location over tokens [from, to).
func (s *scanner) span(kind string, from, to int, normalized string) cases.Location {
	start, end := s.toks[from].Start, s.toks[to-1].End
	return cases.Location{Text: s.text[start:end], Normalized: normalized, Kind: kind, Start: start, End: end}
}

func allCaps(toks []Token) bool {
	words, upper := 0, 0
	for _, t := range toks {
		if t.Kind == Word && len(t.Text) > 1 {
			words++
			if t.Upper {
				upper++
			}
		}
	}
	return words >= 3 && upper*10 >= words*9
}

func (s *scanner) word(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.toks[i].Text
}
