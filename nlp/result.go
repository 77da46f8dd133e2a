package nlp

import "github.com/intake311/intake311/cases"

// Result is everything the classifier made of a text; it marshals to the
// explanation kept on the case.
type Result struct {
	Service       string          `json:"service_code"`
	Confidence    float64         `json:"confidence"`
	Threshold     float64         `json:"threshold"`
	Triage        bool            `json:"triage,omitempty"` // below the threshold: sent to the triage service
	Language      string          `json:"language"`
	LanguageScore float64         `json:"language_score"` // > 0 English, < 0 Spanish
	Emergency     bool            `json:"emergency,omitempty"`
	Scores        []Score         `json:"scores,omitempty"` // best first
	Matches       []Match         `json:"matches,omitempty"`
	Vetoed        []string        `json:"vetoed,omitempty"` // services ruled out by a negative keyword
	Location      *cases.Location `json:"location,omitempty"`
	InputBytes    int             `json:"input_bytes"`
	Truncated     bool            `json:"truncated,omitempty"` // only the first MaxLen bytes were read
}

// Score is a service's total.
type Score struct {
	Service string  `json:"service_code"`
	Score   float64 `json:"score"`
}

// Match is one keyword or phrase found in the text.
type Match struct {
	Term      string   `json:"term"`         // as configured
	Text      string   `json:"text"`         // as written
	Start     int      `json:"start"`        // byte offsets in the text
	End       int      `json:"end"`          //
	Stems     []string `json:"stems"`        // the stems that matched (shared: do not modify)
	How       string   `json:"how"`          // exact, stem or typo
	Service   string   `json:"service_code"` // "" for an emergency phrase
	Weight    float64  `json:"weight"`       // what it added to the service
	Emergency bool     `json:"emergency,omitempty"`
	Negative  bool     `json:"negative,omitempty"` // a veto
	Context   bool     `json:"context,omitempty"`  // counts only beside a keyword of its service
	Negated   bool     `json:"negated,omitempty"`  // preceded by a negation: not counted
	Place     bool     `json:"place,omitempty"`    // after "near", "next to"...: names where, counts PlaceWeight
	Language  string   `json:"language"`
}

// Classification returns the part of r that cases keep in their fields.
func (r *Result) Classification() cases.Classification {
	cl := cases.Classification{
		ServiceCode: r.Service,
		Confidence:  r.Confidence,
		Language:    r.Language,
		Emergency:   r.Emergency,
		Location:    r.Location,
		Explanation: r.ExplanationJSON(),
	}
	for _, s := range r.Scores {
		if s.Service != r.Service && len(cl.Alternatives) < 3 {
			cl.Alternatives = append(cl.Alternatives, cases.Alternative{ServiceCode: s.Service, Score: s.Score})
		}
	}
	return cl
}
