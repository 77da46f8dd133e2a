package router

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/intake311/intake311/cases"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseReportsEveryProblem(t *testing.T) {
	_, err := Parse("bad.yaml", readTestdata(t, "bad.yaml"))
	var ps Problems
	if !errors.As(err, &ps) || !errors.Is(err, cases.ErrInvalid) {
		t.Fatalf("err = %v, want Problems of kind invalid", err)
	}
	want := []string{
		"bad.yaml:15:17: services[1].department: unknown department \"roads\"",
		"bad.yaml:22:21: rules[0].when.service: unknown service \"potholes\"",
		"bad.yaml:24:9: rules[1].id: duplicate rule code \"first\"",
		"bad.yaml:25:21: rules[1].when.pattern: the pattern does not compile",
		"bad.yaml:25:44: rules[1].when.district: unknown district \"north\"",
		"bad.yaml:26:22: rules[1].then.priority: unknown priority \"urgent\"",
		"bad.yaml:28:11: rules[2].when: the last rule must be the default",
	}
	got := err.Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("missing problem %q in\n%s", w, got)
		}
	}
	if len(ps) != len(want) {
		t.Errorf("%d problems, want %d:\n%s", len(ps), len(want), got)
	}
}

func TestParseErrors(t *testing.T) {
	good := string(readTestdata(t, "small.yaml"))
	tests := []struct {
		name, from, to, want string
	}{
		{"syntax", "city: Testville", "city: [Testville", "small.yaml:2:1: (document): "},
		{"unknown key", "city: Testville", "city: Testville\ncolour: red", "small.yaml:2:1: colour: unknown field"},
		{"no default", "  - id: default\n    then: {}", "", "the last rule must be the default"},
		{"bad sla", "sla: 24h", "sla: soon", `services[1].sla: sla "soon"`},
		{"bad time", `from: "22:00"`, `from: "25:00"`, `rules[3].when.time.from: "25:00" is not a time of day`},
		{"bad zone", "America/New_York", "Mars/Olympus", `time_zone: unknown time zone "Mars/Olympus"`},
		{"bad keyword weight", "[leak: 3,", "[leak: lots,", "the weight of \"leak\" must be a positive number"},
		{"bad geojson", `"type": "Polygon"`, `"type": "Point"`, `districts[0].geojson: geojson: type "Point"`},
		{"unknown language", "es: [fuga de gas]", "fr: [fuite de gaz]", `emergency.phrases.fr: language "fr"`},
		{"triage unknown", "triage: general", "triage: other", `triage: unknown service "other"`},
		{"decoder panic", "{en: [leak: 3,", "{en: !leak: 3,", "(document): the YAML could not be read"},
		{"bad context weight", "keywords: {en: [leak: 3,", "context: {en: [drip: -1]}\n    keywords: {en: [leak: 3,", `services[1].context.en`},
		{"context in an unknown language", "keywords: {en: [leak: 3,", "context: {xx: [drip]}\n    keywords: {en: [leak: 3,", `services[1].context.xx: language "xx"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(good, tt.from, tt.to, 1)
			if src == good {
				t.Fatalf("the test does not change the document")
			}
			_, err := Parse("small.yaml", []byte(src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestParseGood(t *testing.T) {
	d, err := Parse("small.yaml", readTestdata(t, "small.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Services) != 3 || len(d.Rules) != 5 || d.BusinessHours.Open != 9*60 {
		t.Errorf("document = %+v", d)
	}
	if got := d.Services[0].Keywords["es"][0]; got.Text != "bache" || got.Weight != 3 {
		t.Errorf("keyword = %+v", got)
	}
}

func TestParseContext(t *testing.T) {
	src := strings.Replace(string(readTestdata(t, "small.yaml")), "keywords: {en: [leak: 3,", "context: {en: [for days: 2]}\n    keywords: {en: [leak: 3,", 1)
	d, err := Parse("small.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Services[1].Context["en"]; len(got) != 1 || got[0].Text != "for days" || got[0].Weight != 2 {
		t.Errorf("context = %+v", got)
	}
	e := Must(New(d, 0, Options{}))
	if r := e.Analyze("a leak for days", ""); r.Service != "water_leak" || r.Scores[0].Score != 5 {
		t.Errorf("scores = %+v", r.Scores)
	}
}
