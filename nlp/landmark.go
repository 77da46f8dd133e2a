package nlp

import (
	"fmt"
	"strings"
)

// Landmark is a place residents name instead of giving an address.
type Landmark struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	Lat     float64  `json:"lat"`
	Lon     float64  `json:"lon"`
}

// landmarkIndex finds landmark names in token streams.
type landmarkIndex struct {
	byFirst map[string][]landmarkName // first folded word -> names, longest first
	firsts  wordFilter                // the keys of byFirst
}

// wordFilter is a set of words that may answer yes for a word not in it,
// but never no for one in it: a bit for each word's hash.
type wordFilter [8]uint64

// add puts w in the filter.
func (f *wordFilter) add(w string) {
	b := wordHash(w) >> 23
	f[b/64] |= 1 << (b % 64)
}

// has reports whether w may be in the filter.
func (f *wordFilter) has(w string) bool {
	b := wordHash(w) >> 23
	return f[b/64]&(1<<(b%64)) != 0
}

type landmarkName struct {
	words []string
	mark  *Landmark
}

func newLandmarkIndex(ls []Landmark) (*landmarkIndex, error) {
	x := &landmarkIndex{byFirst: map[string][]landmarkName{}}
	for i := range ls {
		l := &ls[i]
		for _, name := range append([]string{l.Name}, l.Aliases...) {
			words := wordsOf(name)
			if len(words) == 0 {
				return nil, fmt.Errorf("landmark %q: a name has no words", l.Name)
			}
			x.byFirst[words[0]] = append(x.byFirst[words[0]], landmarkName{words: words, mark: l})
			x.firsts.add(words[0])
		}
	}
	for _, names := range x.byFirst {
		sortLongestFirst(names)
	}
	return x, nil
}

func sortLongestFirst(names []landmarkName) {
	for i := 1; i < len(names); i++ {
		for j := i; j > 0 && len(names[j].words) > len(names[j-1].words); j-- {
			names[j], names[j-1] = names[j-1], names[j]
		}
	}
}

// wordsOf returns the folded words of s.
func wordsOf(s string) []string {
	var out []string
	for _, t := range Tokenize(s) {
		if t.Kind != Punct {
			out = append(out, t.Text)
		}
	}
	return out
}

// mayStart reports whether a landmark's name may start with word w; when
// it does not, find finds nothing there.
func (x *landmarkIndex) mayStart(w string) bool { return w != "" && x.firsts.has(w) }

// find returns the landmark named at token i and how many tokens the name
// covers.
func (x *landmarkIndex) find(toks []Token, i int) (*Landmark, int) {
	for _, n := range x.byFirst[toks[i].Text] {
		if wordsAt(toks, i, n.words) {
			return n.mark, len(n.words)
		}
	}
	return nil, 0
}

func wordsAt(toks []Token, i int, words []string) bool {
	if i+len(words) > len(toks) {
		return false
	}
	for j, w := range words {
		if toks[i+j].Text != w {
			return false
		}
	}
	return true
}

func (l *Landmark) normalized() string { return strings.ToUpper(strings.Join(wordsOf(l.Name), " ")) }
