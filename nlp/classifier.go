package nlp

import (
	"context"
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/intake311/intake311/cases"
)

// DefaultMaxLen is how much of a text the classifier reads, in bytes.
const DefaultMaxLen = 4096

// Options tune a Classifier. The zero value is the tested configuration.
type Options struct {
	// MaxLen is how many bytes of a text are read; the rest is ignored
	// and the explanation says so. Zero means DefaultMaxLen.
	MaxLen int
	// Negation drops a keyword preceded by a negation ("not a pothole",
	// "no hay bache").
	Negation bool
}

// Classifier picks the service a text is about. It is safe for concurrent
// use.
type Classifier struct {
	services   []string
	serviceIDs []int32  // of each service, the first with its code
	indexes    []*index // one per language, the default first
	threshold  float64
	triage     string
	landmarks  *landmarkIndex
	opts       Options
	words      wordCache
}

var _ cases.Classifier = (*Classifier)(nil)

// New compiles a lexicon.
func New(lex Lexicon, opts Options) (*Classifier, error) {
	if opts.MaxLen <= 0 {
		opts.MaxLen = DefaultMaxLen
	}
	c := &Classifier{threshold: lex.threshold(), triage: lex.Triage, opts: opts}
	for _, lang := range lex.languages() {
		x, err := compile(lang, &lex)
		if err != nil {
			return nil, err
		}
		c.indexes = append(c.indexes, x)
	}
	ids := map[string]int32{}
	for i, s := range lex.Services {
		if _, ok := ids[s.Code]; !ok {
			ids[s.Code] = int32(i)
		}
		c.services = append(c.services, s.Code)
		c.serviceIDs = append(c.serviceIDs, ids[s.Code])
	}
	lm, err := newLandmarkIndex(lex.Landmarks)
	if err != nil {
		return nil, err
	}
	c.landmarks = lm
	return c, nil
}

// compile builds the index of one language: the services' keywords in it,
// and the emergency phrases of every language.
func compile(lang string, lex *Lexicon) (*index, error) {
	x := newIndex(lang)
	for i, s := range lex.Services {
		for kind, terms := range [...][]Term{kindKeyword: s.Keywords[lang], kindContext: s.Context[lang], kindNegative: s.Negative[lang]} {
			for _, t := range terms {
				if err := x.add(t, int32(i), termKind(kind)); err != nil {
					return nil, fmt.Errorf("service %s: %w", s.Code, err)
				}
			}
		}
	}
	if err := addAll(x, lex.Emergency, emergencyTarget); err != nil {
		return nil, fmt.Errorf("emergency: %w", err)
	}
	if err := addAll(x, lex.NotEmergency, notEmergencyTarget); err != nil {
		return nil, fmt.Errorf("not emergency: %w", err)
	}
	x.finish()
	return x, nil
}

func addAll(x *index, byLang map[string][]Term, target int32) error {
	for _, terms := range byLang {
		for _, t := range terms {
			if err := x.add(t, target, kindKeyword); err != nil {
				return err
			}
		}
	}
	return nil
}

// Classify implements cases.Classifier. language is a hint: "en" or "es"
// is trusted, anything else is detected.
func (c *Classifier) Classify(ctx context.Context, text, language string) (cases.Classification, error) {
	return c.Analyze(text, language).Classification(), nil
}

// Analyze classifies text and returns the full result with its
// explanation.
func (c *Classifier) Analyze(text, language string) *Result {
	r := &Result{}
	c.analyze(r, text, language, true)
	return r
}

// Brief classifies text as Analyze does but leaves out the matches that
// explain the result (Matches is nil): the fast path for replays and
// evaluations, which need only the verdict.
func (c *Classifier) Brief(text, language string) Result {
	var r Result
	c.analyze(&r, text, language, false)
	return r
}

func (c *Classifier) analyze(r *Result, text, language string, explain bool) {
	r.Threshold, r.InputBytes = c.threshold, len(text)
	text, r.Truncated = truncate(text, c.opts.MaxLen)
	sc := scratchPool.Get().(*scratch)
	sc.tok.run(text)
	sc.toks = sc.tok.toks
	r.Language, r.LanguageScore = c.language(text, sc, language)
	locs := sc.scan.locate(text, sc.toks, c.landmarks)
	r.Location = best(locs)
	sc.skip = streetNames(sc.toks, locs, sc.skip)
	c.match(r, sc, text, explain)
	scratchPool.Put(sc)
	c.decide(r)
}

// match scores the tokens in the text's language, or in the others when
// nothing matched, and with explain keeps the matches.
func (c *Classifier) match(r *Result, sc *scratch, text string, explain bool) {
	sc.hits = sc.hits[:0]
	first := c.indexFor(r.Language)
	c.score(r, first, sc, 0)
	for i := range c.indexes {
		if len(r.Scores) == 0 && i != first {
			c.score(r, i, sc, mixedLanguageWeight)
		}
	}
	if explain {
		r.Matches = c.explain(sc, text)
	}
}

// mixedLanguageWeight is the least weight a keyword needs to count in a
// text written in another language ("hay un pothole"): weaker keywords
// are too often common words there ("top" is not "tope").
const mixedLanguageWeight = 3

// truncate cuts text to at most n bytes, on a rune boundary.
func truncate(text string, n int) (string, bool) {
	if len(text) <= n {
		return text, false
	}
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return text[:n], true
}

// language looks up the words of the text in sc and returns the text's
// language (the hint if the classifier has it) and the evidence for
// English.
func (c *Classifier) language(text string, sc *scratch, hint string) (string, float64) {
	score := c.lookUp(sc)
	if sc.tok.nonASCII {
		score = withSpanishRunes(score, text)
	}
	if c.indexFor(hint) >= 0 && hint != "" {
		return hint, score
	}
	def := c.indexes[0].lang
	lang := pickLanguage(score, def)
	if c.indexFor(lang) < 0 {
		lang = def
	}
	return lang, score
}

// lookUp finds what c makes of each word token in sc and returns the sum
// of their language cues.
func (c *Classifier) lookUp(sc *scratch) float64 {
	sc.words = grow(sc.words, len(sc.toks))
	var cues float64
	for i := range sc.toks {
		sc.words[i] = nil
		if t := &sc.toks[i]; t.Kind == Word {
			sc.words[i] = c.word(t.Text)
			cues += sc.words[i].cue
		}
	}
	return cues
}

func (c *Classifier) indexFor(lang string) int {
	for i, x := range c.indexes {
		if x.lang == lang {
			return i
		}
	}
	if lang == "" {
		return 0
	}
	return -1
}

// ExplanationJSON returns the explanation stored on a case.
func (r *Result) ExplanationJSON() json.RawMessage {
	b, err := json.Marshal(r)
	if err != nil {
		return nil
	}
	return b
}
