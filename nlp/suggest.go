package nlp

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// SuggestOptions tune Suggest. The zero value suggests up to five terms
// of each kind per service, each seen in at least three labelled texts.
type SuggestOptions struct {
	// MinSupport is how many texts a term must be in; zero means 3.
	MinSupport int
	// Max is how many terms of each kind are suggested per service; zero
	// means 5.
	Max int
}

func (o SuggestOptions) minSupport() int { return cmp.Or(o.MinSupport, 3) }
func (o SuggestOptions) max() int        { return cmp.Or(o.Max, 5) }

// Suggestion is what labelled history says about one service's keywords.
// Nothing is applied: a manager reviews the terms and edits the routing
// document.
type Suggestion struct {
	Service string `json:"service_code"`
	// Support is how many texts carry the label, and Correct how many of
	// them the classifier gets right.
	Support int `json:"support"`
	Correct int `json:"correct"`
	// Predicted is how many texts the classifier gives the service.
	Predicted int `json:"predicted"`
	// Add are terms to add, for recall; Negative are terms to add as
	// negative keywords, and Review are keywords to lower or remove, for
	// precision.
	Add      []TermSuggestion `json:"add"`
	Negative []TermSuggestion `json:"negative"`
	Review   []TermSuggestion `json:"review"`
}

// TermSuggestion is one term with what changing it would do on the
// labelled texts, estimated by rescoring them.
type TermSuggestion struct {
	Term   string  `json:"term"`
	Weight float64 `json:"weight"` // to add with; for Review, the keyword's weight now
	Fixes  int     `json:"fixes"`  // texts that would become right
	Breaks int     `json:"breaks"` // texts that would become wrong
	Texts  int     `json:"texts"`  // labelled texts containing the term
	// Share is the part of those texts that carry the service's label.
	Share float64 `json:"share"`
}

// Net is what the change gains.
func (t TermSuggestion) Net() int { return t.Fixes - t.Breaks }

// Suggest mines labelled texts for the terms that would most improve each
// service's recall (terms to add) and precision (negative keywords, and
// keywords that do more harm than good). Services without a label or a
// prediction in the samples are left out.
func (c *Classifier) Suggest(samples []Sample, opts SuggestOptions) []Suggestion {
	m := c.mine(samples)
	var out []Suggestion
	for si, code := range c.services {
		s := m.summary(si, code)
		if s.Support == 0 && s.Predicted == 0 {
			continue
		}
		s.Add = top(m.additions(si, opts), opts.max())
		s.Negative = top(m.vetoes(si, opts), opts.max())
		s.Review = top(m.removals(si), opts.max())
		out = append(out, s)
	}
	return out
}

// top orders suggestions by what they gain and keeps the first n that
// gain anything.
func top(ts []TermSuggestion, n int) []TermSuggestion {
	slices.SortStableFunc(ts, func(a, b TermSuggestion) int {
		return cmp.Or(cmp.Compare(b.Net(), a.Net()), cmp.Compare(a.Breaks, b.Breaks), cmp.Compare(b.Share, a.Share),
			cmp.Compare(b.Texts, a.Texts), cmp.Compare(a.Term, b.Term))
	})
	keep := []TermSuggestion{}
	for _, t := range ts {
		if t.Net() > 0 && len(keep) < n {
			keep = append(keep, t)
		}
	}
	return keep
}

// round2 keeps two decimals.
func round2(f float64) float64 { return math.Round(f*100) / 100 }

// candidateTerms calls add with the key of each word and pair of
// adjacent words of a text (stems, space separated) and the folded text it
// stands for. Short and common words are left out.
func candidateTerms(toks []Token, lang string, add func(key, surface string)) {
	prev, prevStem := "", ""
	for _, t := range toks {
		if t.Kind != Word || len(t.Text) < 2 {
			prev, prevStem = "", ""
			continue
		}
		stem := Stem(t.Text, lang)
		if minor(t.Text) {
			prev, prevStem = "", ""
			continue
		}
		add(stem, t.Text)
		if prev != "" {
			add(prevStem+" "+stem, prev+" "+t.Text)
		}
		prev, prevStem = t.Text, stem
	}
}

// minor reports whether a word says too little to be a term alone.
func minor(w string) bool { return len(w) < 3 || stopWords[w] }

// surfaces counts the folded forms of each term, to show the commonest.
type surfaces map[string]map[string]int

func (s surfaces) add(key, surface string) {
	if s[key] == nil {
		s[key] = map[string]int{}
	}
	s[key][surface]++
}

func (s surfaces) best(key string) string {
	best, n := key, 0
	for f, c := range s[key] {
		if c > n || (c == n && f < best) {
			best, n = f, c
		}
	}
	return best
}

// termWords splits a term key into its stems.
func termWords(key string) []string { return strings.Split(key, " ") }
