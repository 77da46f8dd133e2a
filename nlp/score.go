package nlp

import (
	"cmp"
	"math"
	"slices"
)

// score matches the tokens against index xi and adds the hits to sc and
// the service totals to r. Tokens marked in skip (street names) never
// match, nor do terms lighter than minWeight.
func (c *Classifier) score(r *Result, xi int, sc *scratch, minWeight float64) {
	sc.wordPositions()
	ids, hows := grow(sc.ids, len(sc.pos)), grow(sc.hows, len(sc.pos))
	for k, i := range sc.pos {
		ids[k], hows[k] = -1, 0
		if wi := sc.words[i]; wi != nil && !sc.skip[i] {
			res := wi.res[xi]
			ids[k], hows[k] = res.word, res.how
		}
	}
	sc.ids, sc.hows, sc.seen = ids, hows, sc.seen[:0]
	for k := 0; k < len(ids); {
		n := c.matchAt(r, xi, sc, k, minWeight)
		k += max(n, 1)
	}
	c.total(r, sc)
}

// wordPositions lists the tokens that phrases are matched over: all but
// the hyphens and slashes between words, which join words rather than
// part them ("cave-in" is the phrase "cave in", "limbs/debris" two words
// in a row).
func (sc *scratch) wordPositions() {
	sc.pos = sc.pos[:0]
	for i := range sc.toks {
		if !isJoiner(&sc.toks[i]) {
			sc.pos = append(sc.pos, int32(i))
		}
	}
}

func isJoiner(t *Token) bool { return t.Kind == Punct && (t.Text == "-" || t.Text == "/") }

// matchAt matches the longest term of index xi starting at word position
// k and returns the number of positions it covers.
func (c *Classifier) matchAt(r *Result, xi int, sc *scratch, k int, minWeight float64) int {
	ids, x := sc.ids, c.indexes[xi]
	if ids[k] < 0 {
		return 0
	}
	for _, tid := range x.byFirst[ids[k]] {
		n := len(x.terms[tid].words)
		if !slices.Equal(x.terms[tid].words, ids[k:min(k+n, len(ids))]) {
			continue
		}
		if !slices.Contains(sc.seen, tid) {
			sc.seen = append(sc.seen, tid)
			first, last := sc.pos[k], sc.pos[k+n-1]
			h := hit{index: int32(xi), term: tid, start: sc.toks[first].Start, end: sc.toks[last].End, how: howExact,
				asWritten: sc.toks[first].Text == x.terms[tid].word}
			for _, how := range sc.hows[k : k+n] {
				h.how = max(h.how, how)
			}
			h.place = afterPlaceCue(sc.toks, int(first))
			negated := c.opts.Negation && negatedAt(sc.toks, int(first))
			c.record(r, sc, h, negated, minWeight)
		}
		return n
	}
	return 0
}

// hit is a posting of a term found in the text: a Match without the
// strings, which only an explanation needs.
type hit struct {
	index, term int32 // the term: c.indexes[index].terms[term]
	target      int32 // of the posting
	start, end  int   // byte offsets in the text
	weight      float64
	how         uint8
	kind        termKind
	negated     bool
	asWritten   bool // a one-word term, written as configured
	place       bool // after a preposition of place: counts PlaceWeight
}

// record adds a hit to sc for each posting of the term of h that counts.
func (c *Classifier) record(r *Result, sc *scratch, h hit, negated bool, minWeight float64) {
	t := &c.indexes[h.index].terms[h.term]
	for _, p := range t.posts {
		fallback := minWeight > 0 // every index holds the emergency phrases: the first found them
		if p.target == notEmergencyTarget || p.weight < minWeight || (fallback && p.target == emergencyTarget) {
			continue
		}
		if p.target == emergencyTarget && !emergencyForm(t, h) {
			continue
		}
		h := h
		h.target, h.kind = p.target, p.kind
		switch {
		case p.target == emergencyTarget:
			r.Emergency = true
		case negated && p.kind != kindNegative:
			h.negated = true
		case h.place && p.kind == kindKeyword:
			h.weight = p.weight * PlaceWeight
		default:
			h.weight = p.weight
		}
		sc.hits = append(sc.hits, h)
	}
}

// emergencyForm reports whether the hit h of term t may raise an
// emergency: a phrase in any form ("smelled gas"), a single word only as
// configured ("fire", not "fired"), since alone a word's other forms
// mostly mean something else.
func emergencyForm(t *term, h hit) bool {
	return len(t.words) > 1 || h.asWritten
}

// total sums the hits into the services' scores, best first, leaving out
// vetoed services, and context terms of services without a keyword in the
// text.
func (c *Classifier) total(r *Result, sc *scratch) {
	anchored := sc.anchored[:0]
	for _, h := range sc.hits {
		switch {
		case h.kind == kindNegative:
			r.Vetoed = appendUnique(r.Vetoed, c.services[h.target])
		case h.kind != kindContext && h.weight > 0:
			anchored = appendUnique(anchored, c.serviceIDs[h.target])
		}
	}
	scores := sc.scores[:0]
	for i := range sc.hits {
		h := &sc.hits[i]
		if h.kind == kindContext && !slices.Contains(anchored, c.serviceIDs[h.target]) {
			h.weight = 0
		}
		if h.target < 0 || h.weight == 0 || slices.Contains(r.Vetoed, c.services[h.target]) {
			continue
		}
		scores = addScore(scores, c.serviceIDs[h.target], h.weight)
	}
	slices.SortStableFunc(scores, func(a, b serviceScore) int { return cmp.Compare(b.score, a.score) })
	sc.anchored, sc.scores = anchored, scores
	r.Scores = nil
	if len(scores) > 0 {
		r.Scores = make([]Score, len(scores))
		for i, s := range scores {
			r.Scores[i] = Score{Service: c.services[s.service], Score: s.score}
		}
	}
}

// serviceScore is a service's total while the hits are summed.
type serviceScore struct {
	service int32 // see Classifier.serviceIDs
	score   float64
}

// explain returns the hits in sc as the matches of an explanation.
func (c *Classifier) explain(sc *scratch, text string) []Match {
	if len(sc.hits) == 0 {
		return nil
	}
	ms := make([]Match, len(sc.hits))
	for i, h := range sc.hits {
		x := c.indexes[h.index]
		t := &x.terms[h.term]
		ms[i] = Match{Term: t.text, Text: text[h.start:h.end], Start: h.start, End: h.end, Stems: t.stems,
			How: howNames[h.how], Weight: h.weight, Emergency: h.target == emergencyTarget,
			Negative: h.kind == kindNegative, Context: h.kind == kindContext, Negated: h.negated,
			Place: h.place && h.kind == kindKeyword && h.target >= 0, Language: x.lang}
		if h.target >= 0 {
			ms[i].Service = c.services[h.target]
		}
	}
	return ms
}

func addScore(ss []serviceScore, service int32, w float64) []serviceScore {
	for i := range ss {
		if ss[i].service == service {
			ss[i].score += w
			return ss
		}
	}
	return append(ss, serviceScore{service: service, score: w})
}

func appendUnique[T comparable](ss []T, s T) []T {
	if slices.Contains(ss, s) {
		return ss
	}
	return append(ss, s)
}

// decide picks the service: the best score when the confidence reaches the
// threshold, else the triage service. Confidence is best / (best +
// runner-up + 1): one plain keyword alone gives 0.5, two give 0.67, and a
// tie between services stays below one half.
func (c *Classifier) decide(r *Result) {
	if len(r.Scores) > 0 {
		best, second := r.Scores[0].Score, 0.0
		if len(r.Scores) > 1 {
			second = r.Scores[1].Score
		}
		r.Confidence = math.Round(best/(best+second+1)*1000) / 1000
		r.Service = r.Scores[0].Service
	}
	if r.Service == "" || r.Confidence < r.Threshold {
		r.Triage = c.triage != ""
		r.Service = c.triage
	}
}

// negationCues negate a keyword that follows them closely.
var negationCues = map[string]bool{
	"not": true, "no": true, "isnt": true, "arent": true, "wasnt": true, "dont": true,
	"doesnt": true, "never": true, "without": true, "nunca": true, "sin": true, "ni": true,
}

// negatedAt reports whether a negation cue stands within the three words
// before token i, in the same clause.
func negatedAt(toks []Token, i int) bool {
	for j, n := i-1, 0; j >= 0 && n < 3; j-- {
		if toks[j].Kind == Punct {
			if toks[j].Text == "." || toks[j].Text == "," || toks[j].Text == ";" {
				return false
			}
			continue
		}
		if negationCues[toks[j].Text] {
			return true
		}
		n++
	}
	return false
}
