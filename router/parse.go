package router

import (
	"errors"
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"
)

// The YAML shape of a routing document, decoded as written and checked
// field by field afterwards, so that every problem is reported at once.
type rawDoc struct {
	City          string          `yaml:"city"`
	TimeZone      string          `yaml:"time_zone"`
	Languages     []string        `yaml:"languages"`
	Threshold     *float64        `yaml:"threshold"`
	Triage        string          `yaml:"triage"`
	BusinessHours *rawHours       `yaml:"business_hours"`
	Departments   []rawDepartment `yaml:"departments"`
	Services      []rawService    `yaml:"services"`
	Districts     []rawDistrict   `yaml:"districts"`
	Landmarks     []rawLandmark   `yaml:"landmarks"`
	Emergency     rawEmergency    `yaml:"emergency"`
	Rules         []rawRule       `yaml:"rules"`
}

type rawHours struct {
	Days     any      `yaml:"days"`
	Open     string   `yaml:"open"`
	Close    string   `yaml:"close"`
	Holidays []string `yaml:"holidays"`
}

type rawDepartment struct {
	Code  string            `yaml:"code"`
	Name  map[string]string `yaml:"name"`
	Queue string            `yaml:"queue"`
}

type rawService struct {
	Code        string            `yaml:"code"`
	Name        map[string]string `yaml:"name"`
	Description map[string]string `yaml:"description"`
	Department  string            `yaml:"department"`
	Priority    string            `yaml:"priority"`
	SLA         string            `yaml:"sla"`
	Attributes  []rawAttribute    `yaml:"attributes"`
	Keywords    map[string][]any  `yaml:"keywords"`
	Context     map[string][]any  `yaml:"context"`
	Negative    map[string][]any  `yaml:"negative"`
}

type rawAttribute struct {
	Code        string            `yaml:"code"`
	Datatype    string            `yaml:"datatype"`
	Required    bool              `yaml:"required"`
	Description map[string]string `yaml:"description"`
	Values      []struct {
		Key  string            `yaml:"key"`
		Name map[string]string `yaml:"name"`
	} `yaml:"values"`
}

type rawDistrict struct {
	Name    string `yaml:"name"`
	GeoJSON any    `yaml:"geojson"`
}

type rawLandmark struct {
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
	Lat     float64  `yaml:"lat"`
	Lon     float64  `yaml:"lon"`
}

type rawEmergency struct {
	Phrases map[string][]any `yaml:"phrases"`
	Not     map[string][]any `yaml:"not"`
}

type rawRule struct {
	ID          string  `yaml:"id"`
	Description string  `yaml:"description"`
	When        rawWhen `yaml:"when"`
	Then        rawThen `yaml:"then"`
}

type rawWhen struct {
	Emergency       *bool    `yaml:"emergency"`
	Service         any      `yaml:"service"`
	Channel         any      `yaml:"channel"`
	Language        any      `yaml:"language"`
	Words           any      `yaml:"words"`
	WithoutWords    any      `yaml:"without_words"`
	Pattern         string   `yaml:"pattern"`
	District        any      `yaml:"district"`
	Time            *rawTime `yaml:"time"`
	Priority        any      `yaml:"priority"`
	ConfidenceBelow *float64 `yaml:"confidence_below"`
}

type rawTime struct {
	Days any    `yaml:"days"`
	From string `yaml:"from"`
	To   string `yaml:"to"`
}

type rawThen struct {
	Department string `yaml:"department"`
	Queue      string `yaml:"queue"`
	Priority   string `yaml:"priority"`
	SLA        string `yaml:"sla"`
	Tags       any    `yaml:"tags"`
	Reply      string `yaml:"reply"`
}

// MaxDocumentSize bounds a routing document, in bytes.
const MaxDocumentSize = 8 << 20

// Parse reads and validates a routing document. filename is used in the
// problems only. The error, if any, is Problems: every problem found, each
// "file:line:col: key.path: message".
func Parse(filename string, data []byte) (*Document, error) {
	ps := &problems{file: filename, pos: newPositions(data)}
	if len(data) > MaxDocumentSize {
		ps.add("", "the document is %d bytes; the limit is %d", len(data), MaxDocumentSize)
		return nil, ps.err()
	}
	var raw rawDoc
	if err := decode(data, &raw); err != nil {
		ps.decodeError(err)
		return nil, ps.err()
	}
	d := check(&raw, ps)
	if err := ps.err(); err != nil {
		return nil, err
	}
	d.source = data
	return d, nil
}

// decode runs the YAML decoder, turning a panic inside it (some malformed
// inputs cause one) into an error: a bad document must never bring the
// server down.
func decode(data []byte, raw *rawDoc) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the YAML could not be read (the decoder failed: %v); check the quoting and brackets", p)
		}
	}()
	return yaml.UnmarshalWithOptions(data, raw, yaml.Strict())
}

// decodeError turns a YAML syntax or shape error into a problem.
func (ps *problems) decodeError(err error) {
	var ye yaml.Error
	if !errors.As(err, &ye) || ye.GetToken() == nil || ye.GetToken().Position == nil {
		ps.add("", "%s", firstLine(err.Error()))
		return
	}
	tp := ye.GetToken().Position
	at := pos{tp.Line, tp.Column}
	ps.addAt(at, ps.pos.byPos[at], firstLine(ye.GetMessage()))
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
