package nlp

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// testLexicon is a small catalogue written for these tests.
func testLexicon() Lexicon {
	return Lexicon{
		Triage:    "general",
		Threshold: 0.3,
		Services: []ServiceTerms{
			{Code: "pothole", Keywords: map[string][]Term{
				"en": {{Text: "pothole", Weight: 3}, {Text: "hole in the road", Weight: 3}, {Text: "cave in", Weight: 3}},
				"es": {{Text: "bache", Weight: 3}}}},
			{Code: "streetlight", Keywords: map[string][]Term{
				"en": {{Text: "street light", Weight: 3}, {Text: "light out", Weight: 3}},
				"es": {{Text: "luz de la calle", Weight: 3}}}},
			{Code: "tree", Keywords: map[string][]Term{
				"en": {{Text: "tree", Weight: 3}, {Text: "branch", Weight: 2}},
				"es": {{Text: "árbol", Weight: 3}}}},
			{Code: "missed_trash", Keywords: map[string][]Term{
				"en": {{Text: "missed pickup", Weight: 3}, {Text: "trash", Weight: 2}}}},
			{Code: "graffiti", Keywords: map[string][]Term{
				"en": {{Text: "graffiti", Weight: 3}}}},
			{Code: "sidewalk", Keywords: map[string][]Term{
				"en": {{Text: "sidewalk", Weight: 2}}},
				Negative: map[string][]Term{"en": {{Text: "snow"}}}},
			{Code: "abandoned_vehicle", Keywords: map[string][]Term{"en": {{Text: "car", Weight: 1}}},
				Context: map[string][]Term{"en": {{Text: "for weeks", Weight: 3}}}},
			{Code: "illegal_parking", Keywords: map[string][]Term{"en": {{Text: "parking", Weight: 2}}}},
			{Code: "drainage", Keywords: map[string][]Term{"en": {{Text: "clogged", Weight: 2}}}},
			{Code: "general"},
		},
		Emergency: map[string][]Term{
			"en": {{Text: "gas leak"}, {Text: "fire"}, {Text: "power line down"}},
			"es": {{Text: "fuga de gas"}},
		},
		NotEmergency: map[string][]Term{"en": {{Text: "fire hydrant"}}},
	}
}

func newTestClassifier(t testing.TB, opts Options) *Classifier {
	t.Helper()
	c, err := New(testLexicon(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClassify(t *testing.T) {
	c := newTestClassifier(t, Options{})
	tests := []struct {
		name, text, lang string
		service          string
		wantLang         string
		emergency        bool
	}{
		{"keyword", "There is a big pothole in front of my house", "", "pothole", "en", false},
		{"plural stem", "so many potholes on this road", "", "pothole", "en", false},
		{"typo", "huge potholl near the school", "", "pothole", "en", false},
		{"typo doubled letters", "grafitti on the wall", "", "graffiti", "en", false},
		{"compound typo", "the streetlite is flickering", "", "streetlight", "en", false},
		{"phrase", "the street light has been out for a week", "", "streetlight", "en", false},
		{"compound", "streetlights are out on our block", "", "streetlight", "en", false},
		{"tree not in street", "the street is dirty", "", "general", "en", false},
		{"spanish", "hay un bache enorme en la calle", "", "pothole", "es", false},
		{"spanish accents folded", "un arbol se cayó en la calle", "", "tree", "es", false},
		{"phrase with stop words", "there is a hole in the road", "", "pothole", "en", false},
		{"nothing", "hello, can you help me?", "", "general", "en", false},
		{"emergency", "I smell a gas leak near the school", "", "general", "en", true},
		{"emergency spanish", "hay una fuga de gas en mi casa", "", "general", "es", true},
		{"hydrant is no fire", "a van blocking the fire hydrant", "", "general", "en", false},
		{"veto", "sidewalk not cleared of snow", "", "general", "en", false},
		{"hint wins", "pothole", "es", "pothole", "es", false},
		{"street name is no keyword", "trash at 12 Tree St", "", "missed_trash", "en", false},
		{"context beside a keyword", "a car left here for weeks", "", "abandoned_vehicle", "en", false},
		{"context alone chooses nothing", "that pothole has been there for weeks", "", "pothole", "en", false},
		{"an -ing word is another word", "the park is lovely", "", "general", "en", false},
		{"an -ing word matches itself", "parking on the grass again", "", "illegal_parking", "en", false},
		{"hyphens join a phrase", "a cave-in on Oak", "", "pothole", "en", false},
		{"a wrong letter is no typo", "the office is closed today", "", "general", "en", false},
		{"a keyword of another language", "hay un pothole en mi calle", "", "pothole", "es", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.Classify(context.Background(), tt.text, tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			if got.ServiceCode != tt.service || got.Language != tt.wantLang || got.Emergency != tt.emergency {
				t.Errorf("Classify(%q) = %s/%s/emergency %v, want %s/%s/%v\n%s", tt.text,
					got.ServiceCode, got.Language, got.Emergency, tt.service, tt.wantLang, tt.emergency, got.Explanation)
			}
		})
	}
}

func TestExplanation(t *testing.T) {
	c := newTestClassifier(t, Options{})
	r := c.Analyze("Two potholes and a fallen tree branch", "")
	if len(r.Matches) != 3 {
		t.Fatalf("matches = %+v, want pothole, tree and branch", r.Matches)
	}
	m := r.Matches[0]
	if m.Text != "potholes" || m.Term != "pothole" || m.How != "stem" || m.Start != 4 || m.End != 12 {
		t.Errorf("first match = %+v", m)
	}
	if r.Service != "tree" || r.Scores[0].Score != 5 {
		t.Errorf("service %s scores %+v, want tree with 5", r.Service, r.Scores)
	}
}

func TestContextExplained(t *testing.T) {
	c := newTestClassifier(t, Options{})
	r := c.Analyze("pothole here for weeks", "")
	for _, m := range r.Matches {
		if m.Term == "for weeks" && (!m.Context || m.Weight != 0) {
			t.Errorf("an unanchored context match counted: %+v", m)
		}
	}
	if r.Service != "pothole" || len(r.Scores) != 1 {
		t.Errorf("scores = %+v", r.Scores)
	}
}

func TestBadInput(t *testing.T) {
	c := newTestClassifier(t, Options{MaxLen: 64})
	tests := []struct{ name, text string }{
		{"empty", ""},
		{"binary", "\x00\x01\xff\xfe pothole \x80"},
		{"emoji only", "😡😡😡🚗💥"},
		{"all caps", "POTHOLE ON MAIN STREET!!!"},
		{"mixed language", "hay un pothole en mi calle please help"},
		{"huge", strings.Repeat("pothole ", 10000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.Analyze(tt.text, "")
			if r.Language == "" || r.Service == "" {
				t.Errorf("result %+v lacks a language or service", r)
			}
			if r.Truncated != (len(tt.text) > 64) {
				t.Errorf("truncated = %v for %d bytes", r.Truncated, len(tt.text))
			}
		})
	}
}

func TestBriefIsAnalyzeWithoutMatches(t *testing.T) {
	c := newTestClassifier(t, Options{})
	for _, text := range []string{"", "big pothole on Main St", "a car left here for weeks", "sidewalk covered in snow", "gas leak!"} {
		t.Run(text, func(t *testing.T) {
			full, brief := c.Analyze(text, ""), c.Brief(text, "")
			if brief.Matches != nil {
				t.Errorf("Brief kept %d matches", len(brief.Matches))
			}
			full.Matches = nil
			if !reflect.DeepEqual(*full, brief) {
				t.Errorf("Brief = %+v\nAnalyze = %+v", brief, *full)
			}
		})
	}
}

// TestWordCache reads words from several goroutines, enough of them for
// the cache to publish several times, and checks every answer against the
// word worked out afresh.
func TestWordCache(t *testing.T) {
	c := newTestClassifier(t, Options{})
	words := []string{"pothole", "potholes", "potholl", "the", "a", "bache", "arbol", "streetlite"}
	for i := range 3000 {
		words = append(words, fmt.Sprintf("w%dord", i))
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for k := range 2 * len(words) {
				w := words[(k*(g+1))%len(words)]
				if got, want := c.word(w), c.describe(w); !reflect.DeepEqual(got, want) {
					t.Errorf("word(%q) = %+v, want %+v", w, got, want)
					return
				}
			}
		})
	}
	wg.Wait()
	if m := c.words.published.Load(); m == nil || len(*m) < len(words)/2 {
		t.Errorf("the cache published too few words")
	}
}
