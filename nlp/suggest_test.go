package nlp

import (
	"testing"
)

// suggestSamples are labelled reports in which "dim" and "lamp" tell
// street lights apart, "pole" is shared with potholes, and "limbs" marks
// tree reports that name the trash.
func suggestSamples() []Sample {
	var out []Sample
	add := func(label string, n int, text string) {
		for range n {
			out = append(out, Sample{Text: text, Label: label})
		}
	}
	add("streetlight", 4, "the lamp on the pole is very dim")
	add("streetlight", 2, "street light out near the school")
	add("tree", 3, "limbs and a branch in the trash after the missed pickup")
	add("tree", 2, "a tree fell in the yard")
	add("missed_trash", 3, "trash was not collected this week")
	add("pothole", 2, "pothole by the pole on Main")
	return out
}

func TestSuggest(t *testing.T) {
	c := newTestClassifier(t, Options{})
	got := map[string]Suggestion{}
	for _, s := range c.Suggest(suggestSamples(), SuggestOptions{}) {
		got[s.Service] = s
	}
	tests := []struct {
		name    string
		list    func() []TermSuggestion
		term    string
		present bool
	}{
		{"a term of the missed texts", func() []TermSuggestion { return got["streetlight"].Add }, "dim", true},
		{"a shared term still helps", func() []TermSuggestion { return got["streetlight"].Add }, "pole", true},
		{"an existing keyword is never added", func() []TermSuggestion { return got["streetlight"].Add }, "street light", false},
		{"a veto for texts wrongly given the service", func() []TermSuggestion { return got["missed_trash"].Negative }, "limbs", true},
		{"a keyword that costs more than it wins", func() []TermSuggestion { return got["missed_trash"].Review }, "trash", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found := false
			for _, ts := range tt.list() {
				if ts.Term == tt.term {
					found = true
					if ts.Net() <= 0 || ts.Texts == 0 {
						t.Errorf("%q suggested with %+v", tt.term, ts)
					}
				}
			}
			if found != tt.present {
				t.Errorf("%q suggested: %v, want %v (%+v)", tt.term, found, tt.present, tt.list())
			}
		})
	}
	if s := got["streetlight"]; s.Support != 6 || s.Correct != 2 {
		t.Errorf("streetlight support %d correct %d, want 6 and 2", s.Support, s.Correct)
	}
}

func TestSuggestNothingToLearn(t *testing.T) {
	c := newTestClassifier(t, Options{})
	for _, s := range c.Suggest(nil, SuggestOptions{}) {
		t.Errorf("suggestion from no samples: %+v", s)
	}
}
