package router

import (
	"regexp"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/nlp"
)

// Document is a validated routing document.
type Document struct {
	City          string                `json:"city"`
	TimeZone      string                `json:"time_zone,omitempty"` // IANA name
	Languages     []string              `json:"languages"`           // the default first
	Threshold     float64               `json:"threshold"`           // triage below this confidence
	Triage        string                `json:"triage"`              // the triage service code
	BusinessHours BusinessHours         `json:"business_hours"`
	Departments   []Department          `json:"departments"`
	Services      []Service             `json:"services"`
	Districts     []District            `json:"districts,omitempty"`
	Landmarks     []nlp.Landmark        `json:"landmarks,omitempty"`
	Emergency     map[string][]nlp.Term `json:"emergency"`
	NotEmergency  map[string][]nlp.Term `json:"not_emergency,omitempty"`
	Rules         []Rule                `json:"rules"`

	source []byte
	zone   *time.Location
}

// Source returns the YAML the document was parsed from.
func (d *Document) Source() []byte { return d.source }

// Department is a team that receives cases.
type Department struct {
	Code  string            `json:"code"`
	Name  map[string]string `json:"name"`
	Queue string            `json:"queue,omitempty"` // default queue
}

// Service is one entry of the service catalogue.
type Service struct {
	Code        string                `json:"service_code"`
	Name        map[string]string     `json:"name"`
	Description map[string]string     `json:"description,omitempty"`
	Department  string                `json:"department"`
	Priority    cases.Priority        `json:"priority"`
	SLA         SLA                   `json:"sla"`
	Attributes  []Attribute           `json:"attributes,omitempty"`
	Keywords    map[string][]nlp.Term `json:"keywords,omitempty"`
	// Context terms count only in a text that has a keyword of the
	// service: "for weeks" helps an abandoned car, never a pothole.
	Context  map[string][]nlp.Term `json:"context,omitempty"`
	Negative map[string][]nlp.Term `json:"negative,omitempty"`
}

// Attribute is an Open311 service attribute: a question asked with a
// request.
type Attribute struct {
	Code        string            `json:"code"`
	Datatype    string            `json:"datatype"` // string, number, datetime, text, singlevaluelist, multivaluelist
	Required    bool              `json:"required"`
	Description map[string]string `json:"description"`
	Values      []AttributeValue  `json:"values,omitempty"`
}

// AttributeValue is one choice of a list attribute.
type AttributeValue struct {
	Key  string            `json:"key"`
	Name map[string]string `json:"name"`
}

// District is a named area, for rules.
type District struct {
	Name  string      `json:"name"`
	Shape [][][]Point `json:"-"` // polygons, each an outer ring then holes
}

// Point is a longitude and latitude, in GeoJSON order.
type Point struct{ Lon, Lat float64 }

// Rule routes the cases that meet all its conditions. The first matching
// rule wins; the last rule has no conditions.
type Rule struct {
	ID          string     `json:"id"`
	Description string     `json:"description,omitempty"`
	When        Conditions `json:"when"`
	Then        Actions    `json:"then"`
}

// Conditions of a rule; zero fields do not constrain.
type Conditions struct {
	Emergency       *bool            `json:"emergency,omitempty"`
	Services        []string         `json:"service,omitempty"`
	Channels        []string         `json:"channel,omitempty"`
	Languages       []string         `json:"language,omitempty"`
	Words           []string         `json:"words,omitempty"`         // any of these words or phrases
	WithoutWords    []string         `json:"without_words,omitempty"` // none of these
	Pattern         string           `json:"pattern,omitempty"`       // a regular expression on the text
	Districts       []string         `json:"district,omitempty"`
	Time            *TimeWindow      `json:"time,omitempty"`
	Priorities      []cases.Priority `json:"priority,omitempty"`
	ConfidenceBelow float64          `json:"confidence_below,omitempty"`

	pattern *regexp.Regexp
	words   [][]string // folded words of each phrase
	without [][]string
}

// Empty reports whether c constrains nothing.
func (c *Conditions) Empty() bool {
	return c.Emergency == nil && len(c.Services) == 0 && len(c.Channels) == 0 &&
		len(c.Languages) == 0 && len(c.Words) == 0 && len(c.WithoutWords) == 0 &&
		c.Pattern == "" && len(c.Districts) == 0 && c.Time == nil &&
		len(c.Priorities) == 0 && c.ConfidenceBelow == 0
}

// TimeWindow is a time-of-day and day-of-week window in the city's time
// zone. From after To wraps past midnight; days are those the window
// starts on.
type TimeWindow struct {
	Days []time.Weekday `json:"days,omitempty"` // empty: every day
	From Clock          `json:"from"`
	To   Clock          `json:"to"`
}

// Clock is minutes since midnight.
type Clock int

// Actions of a rule; zero fields keep the service's defaults.
type Actions struct {
	Department string         `json:"department,omitempty"`
	Queue      string         `json:"queue,omitempty"`
	Priority   cases.Priority `json:"priority,omitempty"`
	SLA        *SLA           `json:"sla,omitempty"`
	Tags       []string       `json:"tags,omitempty"`
	Reply      string         `json:"reply,omitempty"` // a reply template key
}

// BusinessHours are when the city works, for SLAs counted in business
// time.
type BusinessHours struct {
	Days     []time.Weekday `json:"days"`
	Open     Clock          `json:"open"`
	Close    Clock          `json:"close"`
	Holidays []string       `json:"holidays,omitempty"` // YYYY-MM-DD
}
