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
// comparison, where a map access hashes the whole word first.
type classTable struct {
	slots []classSlot // a power of two of them, at most a third in use
	shift uint        // wordHash >> shift is a word's first slot
}

// classSlot is one word of a classTable, or an empty slot (word "").
type classSlot struct {
	hash uint32
	cls  wordClass
	word string
}

// classes is the table the scanner looks words up in.
var classes = newClassTable(wordClasses)

// newClassTable builds the table of the words in m.
func newClassTable(m map[string]wordClass) classTable {
	bits := uint(4)
	for 1<<bits < 3*len(m) {
		bits++
	}
	t := classTable{slots: make([]classSlot, 1<<bits), shift: 32 - bits}
	for w, c := range m {
		h := wordHash(w)
		i := t.first(h)
		for t.slots[i].word != "" {
			i = (i + 1) & (len(t.slots) - 1)
		}
		t.slots[i] = classSlot{hash: h, cls: c, word: w}
	}
	return t
}

// first returns the slot where the probe for a hash starts.
func (t *classTable) first(h uint32) int { return int(h >> t.shift) }

// of returns the classes of word w.
func (t *classTable) of(w string) wordClass {
	if w == "" {
		return 0
	}
	h := wordHash(w)
	mask := len(t.slots) - 1
	for i := t.first(h); ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.hash == h && sl.word == w {
			return sl.cls
		}
		if sl.word == "" {
			return 0
		}
	}
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
