package nlp

// Lexicon is what a Classifier is compiled from: the keywords of each
// service and the emergency phrases, by language.
type Lexicon struct {
	Services []ServiceTerms
	// Emergency phrases flag a report as an emergency in any language.
	Emergency map[string][]Term
	// NotEmergency phrases contain an emergency word but are not one
	// ("fire hydrant", "fire lane"); the longer phrase wins.
	NotEmergency map[string][]Term
	// Landmarks are places known by name.
	Landmarks []Landmark
	// Languages lists the languages of the catalogue, the default first;
	// empty means English and Spanish.
	Languages []string
	// Threshold is the confidence below which a report goes to the Triage
	// service instead of the best guess. Zero means 0.3.
	Threshold float64
	// Triage is the service code of the general triage queue.
	Triage string
}

// ServiceTerms are the keywords of one service.
type ServiceTerms struct {
	Code     string
	Keywords map[string][]Term // by language
	// Context terms add to the service's score only in a text that has
	// one of its keywords; alone they choose nothing.
	Context map[string][]Term
	// Negative terms veto the service when they appear.
	Negative map[string][]Term
}

// Term is a word or a phrase with its weight. A zero Weight is the number
// of words, so phrases count more than single words.
type Term struct {
	Text   string  `json:"text"`
	Weight float64 `json:"weight,omitempty"`
}

// DefaultThreshold is the triage threshold when a Lexicon sets none.
const DefaultThreshold = 0.3

func (l *Lexicon) threshold() float64 {
	if l.Threshold > 0 {
		return l.Threshold
	}
	return DefaultThreshold
}

func (l *Lexicon) languages() []string {
	if len(l.Languages) > 0 {
		return l.Languages
	}
	return []string{English, Spanish}
}
