package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/intake311/intake311/nlp"
)

const labelled = "../../router/testdata/labelled.csv"

func TestKeywordsSuggest(t *testing.T) {
	out := mustRun(t, "keywords", "suggest", "--data", labelled)
	for _, want := range []string{"nothing has been changed", "streetlight: 0 of 4 right", `add keyword  "lantern": `, "fixes 4"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	var got []nlp.Suggestion
	if err := json.Unmarshal([]byte(mustRun(t, "keywords", "suggest", "--json", "--data", labelled)), &got); err != nil {
		t.Fatal(err)
	}
	for _, s := range got {
		if s.Service == "streetlight" && (len(s.Add) == 0 || s.Add[0].Fixes != 4) {
			t.Errorf("streetlight suggestions = %+v", s)
		}
	}
}

func TestKeywordsBadInput(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no subcommand", []string{"keywords"}, 2, "usage: intake311 keywords suggest"},
		{"no data", []string{"keywords", "suggest"}, 2, "usage"},
		{"missing file", []string{"keywords", "suggest", "--data", "nowhere.csv"}, 1, "nowhere.csv"},
		{"not labelled", []string{"keywords", "suggest", "--data", demoDoc}, 1, "text and service_code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runMain(t, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
		})
	}
}
