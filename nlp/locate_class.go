package nlp

// The scanner asks many questions of each word: is it a street type, a
// direction, a connector, a word that never names a street? It looks a
// word up once, in wordClasses, and keeps the answers as bits.

// wordClass is a set of the classes a word belongs to.
type wordClass uint32

// Word classes.
const (
	clsNotName    wordClass = 1 << iota // never part of a street name (notStreetWords)
	clsConnector                        // joins the streets of a crossing (connectors)
	clsBetween                          // "between": a stretch, not a crossing
	clsType                             // a street type (streetTypes)
	clsNumberedRd                       // a type that takes a number: "Highway 10"
	clsDirection                        // a compass word (directions)
	clsArticle                          // a Spanish article (spanishArticles)
	clsUnit                             // a unit after a number (unitWords)
	clsNumbered                         // numbers other things (numberedThings)
	clsPlaceWord                        // before a house number (placeWords)
	clsFollower                         // after a street without a type (placeFollowers)
	clsLandmark                         // ends a place's name (landmarkNouns)
	clsOrdinal                          // a numbered street written out (ordinalNumbers)
	clsFloor                            // a floor after an ordinal (floorWords)
	clsNamed                            // a street without a type (namedStreets)
	clsUSRoute                          // a road type after "US" (usRoute)
	clsCounty                           // "County Road GV" (countyWords)
	clsState                            // a state before a ZIP code (states)
	clsCue                              // announces a crossing: "corner of"
)

// wordClasses maps each word the scanner knows to its classes.
var wordClasses = func() map[string]wordClass {
	m := map[string]wordClass{}
	add := func(c wordClass, words map[string]bool) {
		for w := range words {
			m[w] |= c
		}
	}
	for _, x := range []struct {
		c     wordClass
		words map[string]bool
	}{
		{clsNotName, notStreetWords}, {clsConnector, connectors}, {clsBetween, betweenWords},
		{clsArticle, spanishArticles},
		{clsUnit, unitWords}, {clsNumbered, numberedThings}, {clsPlaceWord, placeWords},
		{clsFollower, placeFollowers}, {clsLandmark, landmarkNouns}, {clsFloor, floorWords},
		{clsNamed, namedStreets}, {clsUSRoute, usRoute}, {clsCounty, countyWords}, {clsState, states},
		{clsCue, set(`corner corners intersection cross intersecting`)},
	} {
		add(x.c, x.words)
	}
	for w, t := range streetTypes {
		m[w] |= clsType
		if numberedRoads[t] {
			m[w] |= clsNumberedRd
		}
	}
	for w := range directions {
		m[w] |= clsDirection
	}
	for w := range ordinalNumbers {
		m[w] |= clsOrdinal
	}
	return m
}()

// classTable holds wordClasses again, open-addressed and probed from
// wordHash: looking a word up costs a few loads and at most a short
// comparison, where a map access hashes the whole word first. A probe
// reads the small array of hashes and touches a word only when its hash
// matches.
type classTable struct {
	hashes []uint32 // of each slot's word, odd; 0 for an empty slot
	words  []string
	cls    []wordClass
	shift  uint // hash >> shift is a word's first slot
}

// classes is the table the scanner looks words up in.
var classes = newClassTable(wordClasses)

// newClassTable builds the table of the words in m, a power of two of
// slots with at most a third of them in use.
func newClassTable(m map[string]wordClass) classTable {
	bits := uint(4)
	for 1<<bits < 3*len(m) {
		bits++
	}
	n := 1 << bits
	t := classTable{hashes: make([]uint32, n), words: make([]string, n), cls: make([]wordClass, n), shift: 32 - bits}
	for w, c := range m {
		h := wordHash(w) | 1
		i := int(h >> t.shift)
		for t.hashes[i] != 0 {
			i = (i + 1) & (n - 1)
		}
		t.hashes[i], t.words[i], t.cls[i] = h, w, c
	}
	return t
}

// of returns the classes of word w.
func (t *classTable) of(w string) wordClass {
	if w == "" {
		return 0
	}
	h := wordHash(w) | 1
	mask := len(t.hashes) - 1
	for i := int(h >> t.shift); ; i = (i + 1) & mask {
		switch t.hashes[i] {
		case h:
			if sameWord(t.words[i], w) {
				return t.cls[i]
			}
		case 0:
			return 0
		}
	}
}

// sameWord reports whether a == b, comparing the bytes of short words
// in place rather than calling the runtime's comparison.
func sameWord(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	b = b[:len(a)]
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// wordHash hashes a non-empty word from its length and its first,
// middle and last bytes, which tell the scanner's words apart well
// enough.
func wordHash(w string) uint32 {
	n := len(w)
	h := uint32(n) | uint32(w[0])<<8 | uint32(w[n>>1])<<16 | uint32(w[n-1])<<24
	return h * 0x9E3779B1
}

// punctClass is the class of a punctuation mark: "&", "@" and "/" join
// the streets of a crossing.
func punctClass(p string) wordClass {
	switch p {
	case "&", "@", "/":
		return clsConnector
	}
	return 0
}

// classify fills s.cls with the classes of each token, and s.caps and
// s.cased from the case of its words (see caseOf).
func (s *scanner) classify() {
	s.cls = grow(s.cls, len(s.toks))
	words, upper := 0, 0
	for i := range s.toks {
		t := &s.toks[i]
		var c wordClass
		switch t.Kind {
		case Word:
			c = classes.of(t.Text)
			if len(t.Text) > 1 {
				words++
				if t.Upper {
					upper++
				}
			}
		case Punct:
			c = punctClass(t.Text)
		}
		s.cls[i] = c
	}
	s.caps, s.cased = caseOf(words, upper)
}

// is reports whether token i belongs to any of the classes c.
func (s *scanner) is(i int, c wordClass) bool {
	return i >= 0 && i < len(s.cls) && s.cls[i]&c != 0
}
