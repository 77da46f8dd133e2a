package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRouteCommand(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		service    string
		rule, dept string
		emergency  bool
	}{
		{"pothole by sms", []string{"--channel", "sms", "deep pothole at 1234 N Main St"}, "pothole", "default", "streets", false},
		{"emergency", []string{"there is a gas leak near 5th and Elm"}, "general", "emergency", "emergency", true},
		{"a tree across the road", []string{"--channel", "web", "a big tree fell across the road"}, "tree", "tree-blocking-street", "parks", false},
		{"spanish", []string{"--lang", "es", "hay un bache enorme en la calle"}, "pothole", "default", "streets", false},
		{"nothing to place", []string{"hello?"}, "general", "triage", "customer", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"route", "--json", "--data", t.TempDir()}, tt.args...)
			var got struct {
				Service     string         `json:"service_code"`
				Confidence  *float64       `json:"confidence"`
				Language    string         `json:"language"`
				Emergency   bool           `json:"emergency"`
				Rule        string         `json:"rule"`
				Assignment  map[string]any `json:"assignment"`
				Explanation struct {
					Classification json.RawMessage `json:"classification"`
					Routing        json.RawMessage `json:"routing"`
				} `json:"explanation"`
			}
			out := mustRun(t, args...)
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("%v in %s", err, out)
			}
			if got.Service != tt.service || got.Rule != tt.rule || got.Assignment["department"] != tt.dept ||
				got.Emergency != tt.emergency || got.Confidence == nil || got.Language == "" {
				t.Errorf("route = %s", out)
			}
			var routing struct{ Rule string }
			if len(got.Explanation.Classification) == 0 || json.Unmarshal(got.Explanation.Routing, &routing) != nil || routing.Rule != tt.rule {
				t.Errorf("explanation = %s", out)
			}
		})
	}
}

func TestRouteText(t *testing.T) {
	out := mustRun(t, "route", "--data", t.TempDir(), "--rules", smallDoc, "pothole", "on", "Main")
	for _, want := range []string{"service:    pothole", "department: streets", "queue:      repair", "sla:        2 business days", "why:"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
}

func TestRouteBadInput(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no text", []string{"route"}, 2, "usage: intake311 route"},
		{"bad rules", []string{"route", "--rules", badDoc, "pothole"}, 1, "bad.yaml:22:21"},
		{"binary and huge text", []string{"route", "\x00\xff" + strings.Repeat("pothole ", 2000)}, 0, ""},
		{"emoji only", []string{"route", "😡🚗💥"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runMain(t, append(tt.args, "--data", t.TempDir())...)
			if code != tt.code || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
		})
	}
}
