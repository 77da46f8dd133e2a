package nlp

import (
	"cmp"
	"math"
	"slices"
)

// score matches the tokens against index xi and adds the matches and the
// service totals to r. Tokens marked in skip (street names) never match,
// nor do terms lighter than minWeight.
func (c *Classifier) score(r *Result, xi int, sc *scratch, minWeight float64) {
	x := c.indexes[xi]
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
		n := c.matchAt(r, x, sc, k, minWeight)
		k += max(n, 1)
	}
	c.total(r)
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

// matchAt matches the longest term starting at word position k and
// returns the number of positions it covers.
func (c *Classifier) matchAt(r *Result, x *index, sc *scratch, k int, minWeight float64) int {
	ids := sc.ids
	if ids[k] < 0 {
		return 0
	}
	for _, tid := range x.byFirst[ids[k]] {
		t := &x.terms[tid]
		n := len(t.words)
		if !slices.Equal(t.words, ids[k:min(k+n, len(ids))]) {
			continue
		}
		if !slices.Contains(sc.seen, tid) {
			sc.seen = append(sc.seen, tid)
			first, last := sc.pos[k], sc.pos[k+n-1]
			negated := c.opts.Negation && negatedAt(sc.toks, int(first))
			span := [2]int{sc.toks[first].Start, sc.toks[last].End}
			c.record(r, x, t, span, sc.hows[k:k+n], negated, minWeight)
		}
		return n
	}
	return 0
}

func (c *Classifier) record(r *Result, x *index, t *term, span [2]int, hows []uint8, negated bool, minWeight float64) {
	how := howExact
	for _, h := range hows {
		how = max(how, int(h))
	}
	for _, p := range t.posts {
		fallback := minWeight > 0 // every index holds the emergency phrases: the first found them
		if p.target == notEmergencyTarget || p.weight < minWeight || (fallback && p.target == emergencyTarget) {
			continue
		}
		m := Match{Term: t.text, Start: span[0], End: span[1], Stems: t.stems,
			How: howNames[how], Language: x.lang, termWeight: p.weight, Negative: p.kind == kindNegative, Context: p.kind == kindContext}
		switch {
		case p.target == emergencyTarget:
			m.Emergency = true
			r.Emergency = true
		case negated && p.kind != kindNegative:
			m.Negated = true
			m.Service = c.services[p.target]
		default:
			m.Service = c.services[p.target]
			m.Weight = p.weight
		}
		r.Matches = append(r.Matches, m)
	}
}

// total sums the matches into the services' scores, best first, leaving
// out vetoed services, and context terms of services without a keyword
// in the text.
func (c *Classifier) total(r *Result) {
	var anchored []string
	for _, m := range r.Matches {
		switch {
		case m.Negative:
			r.Vetoed = appendUnique(r.Vetoed, m.Service)
		case !m.Context && m.Weight > 0:
			anchored = appendUnique(anchored, m.Service)
		}
	}
	for i := range r.Matches {
		m := &r.Matches[i]
		if m.Context && !slices.Contains(anchored, m.Service) {
			m.Weight = 0
		}
		if m.Service == "" || m.Weight == 0 || slices.Contains(r.Vetoed, m.Service) {
			continue
		}
		r.Scores = addScore(r.Scores, m.Service, m.Weight)
	}
	slices.SortStableFunc(r.Scores, func(a, b Score) int { return cmp.Compare(b.Score, a.Score) })
}

func addScore(ss []Score, service string, w float64) []Score {
	for i := range ss {
		if ss[i].Service == service {
			ss[i].Score += w
			return ss
		}
	}
	return append(ss, Score{Service: service, Score: w})
}

func appendUnique(ss []string, s string) []string {
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
