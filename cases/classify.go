package cases

import (
	"context"
	"encoding/json"
	"time"
)

// Classification is what the classifier made of a resident's words.
type Classification struct {
	ServiceCode  string          `json:"service_code"`
	Confidence   float64         `json:"confidence"`
	Language     string          `json:"language"`
	Emergency    bool            `json:"emergency,omitempty"`
	Location     *Location       `json:"location,omitempty"`
	Alternatives []Alternative   `json:"alternatives,omitempty"`
	Explanation  json.RawMessage `json:"-"`
}

// Alternative is a service the text could also be about.
type Alternative struct {
	ServiceCode string  `json:"service_code"`
	Score       float64 `json:"score"`
}

// Location is a place found in free text.
type Location struct {
	Text       string   `json:"text"`       // the span as written
	Normalized string   `json:"normalized"` // e.g. "1234 N MAIN ST"
	Kind       string   `json:"kind"`       // address, intersection, block, landmark, latlon, zip
	Start      int      `json:"start"`
	End        int      `json:"end"`
	Lat        *float64 `json:"lat,omitempty"`
	Lon        *float64 `json:"lon,omitempty"`
}

// Assignment is where a case goes and how urgently.
type Assignment struct {
	Department    string          `json:"department"`
	Queue         string          `json:"queue,omitempty"`
	Assignee      string          `json:"assignee,omitempty"`
	Priority      Priority        `json:"priority"`
	SLA           time.Duration   `json:"sla,omitempty"`
	DueAt         *time.Time      `json:"due_at,omitempty"`
	Tags          []string        `json:"tags,omitempty"`
	ReplyTemplate string          `json:"reply_template,omitempty"`
	RuleID        string          `json:"rule_id,omitempty"`
	Version       int64           `json:"version,omitempty"`
	Explanation   json.RawMessage `json:"-"`
}

// Classifier reads a resident's text. language is a hint ("" when unknown).
type Classifier interface {
	Classify(ctx context.Context, text, language string) (Classification, error)
}

// Router decides the assignment of a case whose Classification, channel,
// language, text and location are filled in.
type Router interface {
	Route(ctx context.Context, c *Case) (Assignment, error)
}

// ClassifierFunc adapts a function to Classifier.
type ClassifierFunc func(ctx context.Context, text, language string) (Classification, error)

// Classify calls f.
func (f ClassifierFunc) Classify(ctx context.Context, text, language string) (Classification, error) {
	return f(ctx, text, language)
}

// RouterFunc adapts a function to Router.
type RouterFunc func(ctx context.Context, c *Case) (Assignment, error)

// Route calls f.
func (f RouterFunc) Route(ctx context.Context, c *Case) (Assignment, error) { return f(ctx, c) }
