package nlp

import (
	"math"
	"slices"
)

// mined is what Suggest learns by classifying the labelled texts once.
type mined struct {
	c      *Classifier
	rows   []minedRow
	byTerm map[string][]int32 // term key -> rows containing it
	forms  surfaces
	svc    map[string]int // service code -> index
	triage int            // index of the triage service, or -1
}

type minedRow struct {
	gold    int // service index, -1 for a label outside the catalogue
	pred    int // as rescored with no change
	lang    string
	scores  []svcScore // best first
	matches []svcMatch // keywords counted
}

type svcScore struct {
	svc   int
	score float64
}

type svcMatch struct {
	term   string
	svc    int
	weight float64
}

func (c *Classifier) mine(samples []Sample) *mined {
	m := &mined{c: c, byTerm: map[string][]int32{}, forms: surfaces{}, svc: map[string]int{}, triage: -1}
	for i, code := range c.services {
		m.svc[code] = i
	}
	if i, ok := m.svc[c.triage]; ok {
		m.triage = i
	}
	for _, s := range samples {
		m.addRow(s)
	}
	return m
}

func (m *mined) addRow(s Sample) {
	res := m.c.Analyze(s.Text, "")
	row := minedRow{gold: -1, lang: res.Language}
	if i, ok := m.svc[s.Label]; ok {
		row.gold = i
	}
	for _, sc := range res.Scores {
		row.scores = append(row.scores, svcScore{m.svc[sc.Service], sc.Score})
	}
	for _, mt := range res.Matches {
		if mt.Service != "" && mt.Weight > 0 {
			row.matches = append(row.matches, svcMatch{mt.Term, m.svc[mt.Service], mt.Weight})
		}
	}
	row.pred = m.predict(&row, -1, 0, false)
	n := int32(len(m.rows))
	seen := map[string]bool{}
	candidateTerms(Tokenize(truncateText(s.Text, m.c.opts.MaxLen)), res.Language, func(key, surface string) {
		m.forms.add(key, surface)
		if !seen[key] {
			seen[key] = true
			m.byTerm[key] = append(m.byTerm[key], n)
		}
	})
	m.rows = append(m.rows, row)
}

func truncateText(s string, n int) string {
	s, _ = truncate(s, n)
	return s
}

// predict decides a row again with delta added to service svc's score,
// or with svc vetoed.
func (m *mined) predict(r *minedRow, svc int, delta float64, veto bool) int {
	best, second, pick := 0.0, 0.0, -1
	consider := func(s int, v float64) {
		switch {
		case v > best:
			best, second, pick = v, best, s
		case v > second:
			second = v
		}
	}
	found := false
	for _, s := range r.scores {
		v := s.score
		if s.svc == svc {
			found = true
			if veto {
				continue
			}
			v += delta
		}
		consider(s.svc, v)
	}
	if !found && !veto && delta > 0 {
		consider(svc, delta)
	}
	if pick < 0 || math.Round(best/(best+second+1)*1000)/1000 < m.c.threshold {
		return m.triage
	}
	return pick
}

func (m *mined) summary(si int, code string) Suggestion {
	s := Suggestion{Service: code, Add: []TermSuggestion{}, Negative: []TermSuggestion{}, Review: []TermSuggestion{}}
	for i := range m.rows {
		r := &m.rows[i]
		if r.gold == si {
			s.Support++
			if r.pred == si {
				s.Correct++
			}
		}
		if r.pred == si {
			s.Predicted++
		}
	}
	return s
}

// outcome counts the texts that a change makes right and wrong.
func (m *mined) outcome(rows []int32, change func(r *minedRow) int) (fixes, breaks int) {
	for _, i := range rows {
		r := &m.rows[i]
		before, after := r.pred == r.gold, change(r) == r.gold
		switch {
		case after && !before:
			fixes++
		case before && !after:
			breaks++
		}
	}
	return fixes, breaks
}

// candidates returns the terms found in at least min of the rows that
// pass keep.
func (m *mined) candidates(min int, keep func(r *minedRow) bool) []string {
	var out []string
	for key, rows := range m.byTerm {
		n := 0
		for _, i := range rows {
			if keep(&m.rows[i]) {
				n++
			}
		}
		if n >= min {
			out = append(out, key)
		}
	}
	slices.Sort(out)
	return out
}

// share returns how many rows contain the term and the part of them
// labelled si.
func (m *mined) share(key string, si int) (int, float64) {
	rows := m.byTerm[key]
	n := 0
	for _, i := range rows {
		if m.rows[i].gold == si {
			n++
		}
	}
	return len(rows), round2(float64(n) / float64(max(len(rows), 1)))
}

// additions are terms from the service's missed texts, each with the
// weight that gains most.
func (m *mined) additions(si int, opts SuggestOptions) []TermSuggestion {
	var out []TermSuggestion
	missed := func(r *minedRow) bool { return r.gold == si && r.pred != si }
	for _, key := range m.candidates(opts.minSupport(), missed) {
		if m.c.isKeyword(termWords(key), si) {
			continue
		}
		best := TermSuggestion{}
		for _, w := range []float64{1, 2, 3, 4} {
			f, b := m.outcome(m.byTerm[key], func(r *minedRow) int { return m.predict(r, si, w, false) })
			if f-b > best.Net() {
				best = TermSuggestion{Term: m.forms.best(key), Weight: w, Fixes: f, Breaks: b}
			}
		}
		if best.Net() > 0 {
			best.Texts, best.Share = m.share(key, si)
			out = append(out, best)
		}
	}
	return out
}

// vetoes are terms from the texts wrongly given the service that would
// rule it out.
func (m *mined) vetoes(si int, opts SuggestOptions) []TermSuggestion {
	var out []TermSuggestion
	wrong := func(r *minedRow) bool { return r.pred == si && r.gold != si }
	for _, key := range m.candidates(opts.minSupport(), wrong) {
		if m.c.isKeyword(termWords(key), -1) {
			continue
		}
		f, b := m.outcome(m.byTerm[key], func(r *minedRow) int { return m.predict(r, si, 0, true) })
		t := TermSuggestion{Term: m.forms.best(key), Fixes: f, Breaks: b}
		t.Texts, t.Share = m.share(key, si)
		out = append(out, t)
	}
	return out
}

// removals are the service's keywords that cost more texts than they
// win.
func (m *mined) removals(si int) []TermSuggestion {
	rows := map[string][]int32{}
	weights := map[string]float64{}
	for i := range m.rows {
		for _, mt := range m.rows[i].matches {
			if mt.svc == si {
				rows[mt.term] = append(rows[mt.term], int32(i))
				weights[mt.term] = mt.weight
			}
		}
	}
	var out []TermSuggestion
	for term, rs := range rows {
		w := weights[term]
		f, b := m.outcome(rs, func(r *minedRow) int { return m.predict(r, si, -w, false) })
		out = append(out, TermSuggestion{Term: term, Weight: w, Fixes: f, Breaks: b, Texts: len(rs), Share: m.labelShare(rs, si)})
	}
	return out
}

func (m *mined) labelShare(rows []int32, si int) float64 {
	n := 0
	for _, i := range rows {
		if m.rows[i].gold == si {
			n++
		}
	}
	return round2(float64(n) / float64(max(len(rows), 1)))
}

// isKeyword reports whether the stems are a keyword of service si in any
// language (of any service when si < 0).
func (c *Classifier) isKeyword(stems []string, si int) bool {
	for _, x := range c.indexes {
		if tid := x.termOf(stems); tid >= 0 && x.terms[tid].postsTo(si) {
			return true
		}
	}
	return false
}

// termOf returns the term made of the stems, or -1.
func (x *index) termOf(stems []string) int32 {
	ids := make([]int32, len(stems))
	for i, s := range stems {
		id, ok := x.words[s]
		if !ok {
			return -1
		}
		ids[i] = id
	}
	for _, tid := range x.byFirst[ids[0]] {
		if slices.Equal(x.terms[tid].words, ids) {
			return tid
		}
	}
	return -1
}

func (t *term) postsTo(si int) bool {
	for _, p := range t.posts {
		if p.target >= 0 && (si < 0 || p.target == int32(si)) && p.kind != kindNegative {
			return true
		}
	}
	return false
}
