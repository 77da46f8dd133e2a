package router

import (
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/nlp"
)

// facts are what rules test about a case.
type facts struct {
	service    string
	channel    string
	language   string
	emergency  bool
	text       string
	priority   cases.Priority // the service's default
	confidence float64
	at         time.Time // creation, in the city's time zone
	lat, lon   *float64
	words      []string // folded words of the text, on first use
}

func newFacts(c *cases.Case, svc *Service, zone *time.Location, now func() time.Time) *facts {
	f := &facts{service: svc.Code, channel: c.Channel, language: c.Language, text: c.Description,
		emergency: c.Emergency || c.Classification.Emergency, priority: svc.Priority,
		confidence: c.Classification.Confidence, at: c.CreatedAt, lat: c.Lat, lon: c.Lon}
	if f.language == "" {
		f.language = c.Classification.Language
	}
	if f.at.IsZero() {
		f.at = now()
	}
	f.at = f.at.In(zone)
	if f.lat == nil && c.Classification.Location != nil {
		f.lat, f.lon = c.Classification.Location.Lat, c.Classification.Location.Lon
	}
	return f
}

func (f *facts) textWords() []string {
	if f.words == nil {
		f.words = make([]string, 0, 32)
		for _, t := range nlp.Tokenize(f.text) {
			if t.Kind != nlp.Punct {
				f.words = append(f.words, t.Text)
			}
		}
	}
	return f.words
}

// firstPhrase returns the index of the first phrase the text contains, or
// -1.
func (f *facts) firstPhrase(phrases [][]string) int {
	for i, p := range phrases {
		if f.hasPhrase(p) {
			return i
		}
	}
	return -1
}

// hasPhrase reports whether the text contains the folded words of phrase
// in a row.
func (f *facts) hasPhrase(phrase []string) bool {
	words := f.textWords()
	for i := 0; i+len(phrase) <= len(words); i++ {
		if equalAt(words, i, phrase) {
			return true
		}
	}
	return false
}

func equalAt(words []string, i int, phrase []string) bool {
	for j, w := range phrase {
		if words[i+j] != w {
			return false
		}
	}
	return true
}
