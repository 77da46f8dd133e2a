package nlp

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Special posting targets besides service indexes.
const (
	emergencyTarget    = -1 // the term flags an emergency
	notEmergencyTarget = -2 // the term only shadows an emergency word
)

// index is the compiled keywords of one language.
type index struct {
	lang    string
	words   map[string]int32 // stem -> word id
	surface map[string]int32 // folded form as configured -> word id
	stems   []string         // word id -> stem
	typos   typoIndex
	terms   []term
	termIDs map[string]int32 // word ids as a key -> term, while building
	byFirst [][]int32        // word id -> terms starting with it, longest first
}

// term is a word sequence and the services it counts for.
type term struct {
	words []int32
	stems []string // of the words, shared by every match of the term
	text  string   // as first configured
	word  string   // a one-word term's word, folded as configured
	posts []posting
}

type posting struct {
	target int32 // service index, or emergencyTarget, notEmergencyTarget
	weight float64
	kind   termKind
}

// termKind says how a term counts for its service.
type termKind uint8

const (
	kindKeyword  termKind = iota // adds its weight
	kindContext                  // adds its weight if a keyword of the service is there too
	kindNegative                 // vetoes the service
)

// How a token came to match a keyword word.
const (
	howExact = iota + 1
	howStem
	howTypo
)

var howNames = [...]string{howExact: "exact", howStem: "stem", howTypo: "typo"}

type resolution struct {
	word int32
	how  uint8
}

func newIndex(lang string) *index {
	return &index{lang: lang, words: map[string]int32{}, surface: map[string]int32{},
		typos: newTypoIndex(), termIDs: map[string]int32{}}
}

// word returns the id of the folded word w, adding it if new; edits says
// whether a letter more or less is forgiven in it (not in the compounds
// made of a phrase's words, which collide with real words).
func (x *index) word(w string, edits bool) int32 {
	stem := Stem(w, x.lang)
	key := wordKey(w, stem, x.lang)
	id, ok := x.words[key]
	if !ok {
		id = int32(len(x.stems))
		x.words[key] = id
		x.stems = append(x.stems, stem)
		if key == stem {
			x.surface[stem] = id
		}
		if key == stem {
			x.typos.add(stem, id, edits)
		}
	}
	if _, ok := x.surface[w]; !ok {
		x.surface[w] = id
		x.typos.add(w, id, edits)
	}
	return id
}

// add registers a term for target; it reports an error for a term with
// no words.
func (x *index) add(t Term, target int32, kind termKind) error {
	var words []int32
	var folded []string
	for _, tok := range Tokenize(t.Text) {
		if tok.Kind == Punct {
			continue
		}
		words = append(words, x.word(tok.Text, true))
		folded = append(folded, tok.Text)
	}
	if len(words) == 0 {
		return fmt.Errorf("term %q has no words", t.Text)
	}
	w := t.Weight
	if w == 0 {
		w = float64(len(words))
	}
	p := posting{target: target, weight: w, kind: kind}
	x.post(words, t.Text, folded[0], p)
	if len(folded) > 1 && len(folded) <= 3 { // "street light" is also "streetlight"
		joined := strings.Join(folded, "")
		x.post([]int32{x.word(joined, false)}, t.Text, joined, p)
	}
	return nil
}

func (x *index) post(words []int32, text, first string, p posting) {
	key := fmt.Sprint(words)
	if i, ok := x.termIDs[key]; ok {
		x.terms[i].posts = addPosting(x.terms[i].posts, p)
		return
	}
	x.termIDs[key] = int32(len(x.terms))
	t := term{words: words, text: text, posts: []posting{p}}
	if len(words) == 1 {
		t.word = first
	}
	x.terms = append(x.terms, t)
}

func addPosting(ps []posting, p posting) []posting {
	for i := range ps {
		if ps[i].target == p.target && ps[i].kind == p.kind {
			ps[i].weight = max(ps[i].weight, p.weight)
			return ps
		}
	}
	return append(ps, p)
}

// finish builds the lookup by first word.
func (x *index) finish() {
	x.termIDs = nil
	x.byFirst = make([][]int32, len(x.stems))
	for i, t := range x.terms {
		x.byFirst[t.words[0]] = append(x.byFirst[t.words[0]], int32(i))
		x.terms[i].stems = make([]string, len(t.words))
		for j, w := range t.words {
			x.terms[i].stems[j] = x.stems[w]
		}
	}
	for _, ids := range x.byFirst {
		slices.SortStableFunc(ids, func(a, b int32) int {
			return cmp.Compare(len(x.terms[b].words), len(x.terms[a].words))
		})
	}
}

// resolve returns the keyword word that a folded word token stands for.
// It stems and looks for typos, so callers remember its answers (see
// wordCache).
func (x *index) resolve(w string) resolution {
	if id, ok := x.surface[w]; ok {
		return resolution{word: id, how: howExact}
	}
	if len(w) < 3 || stopWords[w] {
		return resolution{word: -1}
	}
	return x.resolveSlow(w)
}

func (x *index) resolveSlow(w string) resolution {
	stem := Stem(w, x.lang)
	key := wordKey(w, stem, x.lang)
	if id, ok := x.words[key]; ok {
		return resolution{word: id, how: howStem}
	}
	if id := x.typos.find(w); id >= 0 {
		return resolution{word: id, how: howTypo}
	}
	return resolution{word: -1}
}

// stopWords are never stemmed nor taken for misspellings.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the and for are was were been being have has had this that these those
		there their they them then than with from into onto over under about after before again
		our ours your yours you she her his him its what when where which who whom why how
		not but all any can could would should will just very also some such only own same
		los las del que por para con una uno unos unas como pero mas muy esta este esto estan
		hay sus nos les ese esa eso ellos ellas desde hasta sobre entre cuando donde porque`) {
		m[w] = true
	}
	return m
}()

// maxCached bounds the words a classifier remembers.
const maxCached = 1 << 17

// wordInfo is what a classifier makes of a folded word: its weight as
// evidence of the language (see langCues), and the keyword word it stands
// for in each index.
type wordInfo struct {
	cue float64
	res []resolution // by index, in the order of Classifier.indexes
}

// wordCache remembers the wordInfo of the words a classifier has read, so
// that a word costs one map lookup. Readers take no lock: they look in a
// map that is never written once published. Words found since wait in a
// locked map until enough lookups have needed it to pay for publishing a
// copy with them in.
type wordCache struct {
	published atomic.Pointer[map[string]*wordInfo]
	full      atomic.Bool // maxCached words are published: remember no more

	mu     sync.Mutex
	recent map[string]*wordInfo // not published yet
	missed int                  // lookups not answered by the published map
}

// word returns what c makes of the folded word w.
func (c *Classifier) word(w string) *wordInfo {
	if m := c.words.published.Load(); m != nil {
		if wi, ok := (*m)[w]; ok {
			return wi
		}
	}
	if c.words.full.Load() {
		return c.describe(w)
	}
	return c.learn(w)
}

// learn looks for w among the recent words, describes it if new and
// remembers it.
func (c *Classifier) learn(w string) *wordInfo {
	wc := &c.words
	wc.mu.Lock()
	wi, ok := wc.recent[w]
	wc.mu.Unlock()
	if !ok {
		wi = c.describe(w)
	}
	wc.mu.Lock()
	defer wc.mu.Unlock()
	if !ok && wc.recent[w] == nil {
		if wc.recent == nil {
			wc.recent = map[string]*wordInfo{}
		}
		wc.recent[strings.Clone(w)] = wi
	}
	wc.missed++
	wc.publish()
	return wi
}

// publish copies the recent words into a new published map, once the
// lookups they cost since the last copy outnumber a quarter of its size,
// or the cache is full. wc.mu must be held.
func (wc *wordCache) publish() {
	var old map[string]*wordInfo
	if m := wc.published.Load(); m != nil {
		old = *m
	}
	size := len(old) + len(wc.recent)
	if wc.missed < len(old)/4+64 && size < maxCached {
		return
	}
	m := make(map[string]*wordInfo, size)
	maps.Copy(m, old)
	maps.Copy(m, wc.recent)
	wc.published.Store(&m)
	wc.recent, wc.missed = nil, 0
	wc.full.Store(size >= maxCached)
}

// describe works out what c makes of the folded word w.
func (c *Classifier) describe(w string) *wordInfo {
	wi := &wordInfo{cue: langCues[w], res: make([]resolution, len(c.indexes))}
	for i, x := range c.indexes {
		wi.res[i] = x.resolve(w)
	}
	return wi
}
