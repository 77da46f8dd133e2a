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
// street addresses ("1234 N Main St", "16-18 Elm St"), intersections
// ("Main and 5th", "corner of Elm & Oak", "Elm St between Oak and Pine"),
// block ranges ("100 block of Elm"), lat/lon pairs and ZIP codes. House
// numbers and street names are not keywords.
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
	s.toks, s.joined = view(toks, s.joined)
	s.text = text
	s.classify()
	s.names()
	s.out = append(s.out[:0], latLons(text)...)
	for i := 0; i < len(s.toks); {
		m := s.mayStart(i, lm)
		if m == 0 {
			i++
			continue
		}
		loc, n := s.at(i, m, lm)
		if n == 0 {
			i++
			continue
		}
		s.out = append(s.out, loc)
		i += n
	}
	return s.out
}

// starts says what may start at a token: the places street reads, a
// landmark's name.
type starts uint8

// What may start at a token.
const (
	startStreet   starts = 1 << iota // see streetMayStart
	startLandmark                    // the first word of a landmark's name, perhaps
)

// mayStart returns what may start at token i. street and the landmarks
// find nothing where this says they cannot, so the scan skips the tokens
// where nothing can start.
func (s *scanner) mayStart(i int, lm *landmarkIndex) starts {
	var m starts
	if s.streetMayStart(i) {
		m = startStreet
	}
	if lm != nil && s.toks[i].Kind != Punct && lm.mayStart(s.toks[i].Text) {
		m |= startLandmark
	}
	return m
}

// streetMayStart reports whether street may find a place at token i: a
// number, a word announcing a crossing, or a name word where a crossing
// may start.
func (s *scanner) streetMayStart(i int) bool {
	t := &s.toks[i]
	switch {
	case t.Kind == Number || t.Kind == Mixed || s.cls[i]&clsCue != 0:
		return true
	case t.Kind == Punct || !s.isName[i]:
		return false
	}
	return s.crossingMayStart(i)
}

// scanner reads places from a token stream.
type scanner struct {
	text   string
	toks   []Token     // the tokens without the marks that join names (see view)
	joined []Token     // the buffer of toks when it drops marks
	cls    []wordClass // the classes of each token
	caps   bool        // the text is written in capitals: case says nothing
	cased  bool        // the text uses case: capitals mark names
	// nextConn[i] is the index of the first connector ("and", "&", ...)
	// at or after token i, or len(toks).
	nextConn []int
	isName   []bool // token i can be part of a street name
	nameRun  []int  // how many name tokens follow from i, i included
	out      []cases.Location
	nb       []byte // the normalised name of a place being built
}

// names fills isName, nameRun and nextConn, in one pass from the end.
func (s *scanner) names() {
	n := len(s.toks)
	s.isName = grow(s.isName, n)
	run, next := grow(s.nameRun, n+1), grow(s.nextConn, n+1)
	s.nameRun, s.nextConn = run, next
	run[n], next[n] = 0, n
	for i := n - 1; i >= 0; i-- {
		next[i] = next[i+1]
		if s.cls[i]&clsConnector != 0 {
			next[i] = i
		}
		name := s.nameWordAt(i) || s.articleInName(i)
		s.isName[i] = name
		run[i] = 0
		if name {
			run[i] = run[i+1] + 1
		}
	}
}

// nameWordAt reports whether token i, taken alone, can be part of a
// street name.
func (s *scanner) nameWordAt(i int) bool {
	t := &s.toks[i]
	switch {
	case t.Kind == Word && s.cls[i]&clsNotName == 0:
		return true
	case t.Kind == Mixed:
		return isOrdinal(t.Text) && !s.is(i+1, clsFloor) // not "25th Floor"
	case t.Kind == Number:
		return s.numberedStreet(i)
	case t.Kind != Word:
		return false
	case t.Text == "a" || t.Text == "i":
		return s.letterStreet(i) // "A St", "I St SE"
	case t.Text == "us":
		return s.is(i+1, clsUSRoute) || s.isNumber(i+1) // "US Hwy 50", "US 1"
	}
	return false
}

// numberedStreet reports whether the number at token i names a street:
// "207 St" after a house number or a direction ("75 W 112 St").
func (s *scanner) numberedStreet(i int) bool {
	if !s.is(i+1, clsType) || s.is(i+1, clsNumberedRd) || len(s.toks[i].Text) > 3 {
		return false
	}
	return s.is(i-1, clsDirection) || s.isNumber(i-1)
}

// letterStreet reports whether the letter at token i names a street:
// "A St", written as a capital before a street type.
func (s *scanner) letterStreet(i int) bool {
	if !s.toks[i].Upper || !s.is(i+1, clsType) {
		return false
	}
	return !s.caps || s.is(i-1, clsDirection) || s.isNumber(i-1) // "400 SE A ST"
}

// articleInName reports whether the Spanish article at token i is part of
// a name: "Vista del Sol", "Del Mar" in a text that uses case; between
// two name words in one that does not ("VISTA DEL SOL"). When this is
// called isName[i+1] is final; of the word before, only its own answer
// counts (nameWordAt).
func (s *scanner) articleInName(i int) bool {
	t := &s.toks[i]
	if s.cls[i]&clsArticle == 0 || i+1 >= len(s.toks) || !s.isName[i+1] {
		return false
	}
	prevName := i > 0 && s.nameWordAt(i-1)
	if !s.cased {
		return prevName
	}
	return s.toks[i+1].Upper && (t.Upper || prevName && s.toks[i-1].Upper)
}

// maxStreetTokens bounds the tokens of one street, direction and type
// included.
const maxStreetTokens = maxNameWords + 3

// connectorSoon reports whether a connector follows token i closely
// enough for an intersection to start at i.
func (s *scanner) connectorSoon(i int) bool {
	n := s.nextConn[i]
	return n > i && n-i <= maxStreetTokens
}

// at reads the place that starts at token i, if any, and returns it
// with the number of tokens it covers.
func (s *scanner) at(i int, m starts, lm *landmarkIndex) (cases.Location, int) {
	if m&startStreet != 0 {
		if loc, n := s.street(i); n > 0 {
			return loc, n
		}
	}
	if m&startLandmark != 0 {
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
	if t.Kind == Punct || t.Kind == Word && !s.isName[i] && s.cls[i]&clsCue == 0 {
		return cases.Location{}, 0 // no street starts with "the"
	}
	if loc, n := s.cornerOf(i); n > 0 {
		return loc, n
	}
	if !s.crossingMayStart(i) {
		return cases.Location{}, 0
	}
	return s.intersection(i)
}

// crossingMayStart reports whether a crossing may start at token i: a
// connector follows closely, the street from i runs up to it, and i
// does not continue a name.
func (s *scanner) crossingMayStart(i int) bool {
	if !s.connectorSoon(i) {
		return false
	}
	if i+s.nameRun[i] != s.nextConn[i] && !s.typedBeforeConnector(i) {
		return false // a street must run up to the connector
	}
	return !s.nameWord(i-1) || s.caseBoundary(i) // not the "Mill Rd" of "Fox Mill Rd"
}

// caseBoundary reports whether a name may start at token i inside a run
// of name words: a capitalised word after one in lower case, in a text
// that uses case ("back Walnut Street").
func (s *scanner) caseBoundary(i int) bool {
	p := s.toks[i-1]
	return s.cased && s.toks[i].Upper && p.Kind == Word && !p.Upper
}

// typedBeforeConnector reports whether the name words from i end in a
// route number, and a direction, before the next connector: "Hwy 10 &
// Main", "Highway 10 W at Elm".
func (s *scanner) typedBeforeConnector(i int) bool {
	end := i + s.nameRun[i]
	gap := s.nextConn[i] - end
	return gap > 0 && gap <= 2 && s.isNumber(end)
}

// span builds a location over tokens [from, to).
func (s *scanner) span(kind string, from, to int, normalized string) cases.Location {
	start, end := s.toks[from].Start, s.toks[to-1].End
	return cases.Location{Text: s.text[start:end], Normalized: normalized, Kind: kind, Start: start, End: end}
}

// caseOf reports whether a text is written in capitals, and whether it
// uses case at all (some words capitalised, most not), from how many of
// its words of two letters or more there are and how many of them are
// capitalised.
func caseOf(words, upper int) (caps, cased bool) {
	caps = words >= 3 && upper*10 >= words*9
	return caps, !caps && upper > 0
}

func (s *scanner) word(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.toks[i].Text
}
