package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/sqlite"
	"github.com/intake311/intake311/router"
)

const (
	demoDoc  = "../../router/demo.yaml"
	smallDoc = "../../router/testdata/small.yaml"
	badDoc   = "../../router/testdata/bad.yaml"
)

// mustRun runs a command that must succeed and returns its output.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := runMain(t, args...)
	if code != 0 {
		t.Fatalf("intake311 %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// openData opens the SQLite store the commands use in dir.
func openData(t *testing.T, dir string) *sqlite.Store {
	t.Helper()
	store, err := sqlite.Open(context.Background(), filepath.Join(dir, "intake311.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

func TestRulesVersions(t *testing.T) {
	dir := t.TempDir()
	steps := []struct {
		args []string
		want []string
	}{
		{[]string{"rules", "publish", demoDoc, "--comment", "the demo city", "--author", "ana"},
			[]string{"published version 1: Riverton"}},
		{[]string{"rules", "publish", "--author", "ben", smallDoc, "--comment", "a smaller city"},
			[]string{"published version 2: Testville"}},
		{[]string{"rules", "history"},
			[]string{"VERSION", "2 (live)", "ben", "a smaller city", "the demo city"}},
		{[]string{"rules", "diff", "1", "v2"},
			[]string{"--- version 1", "+++ version 2", "-city: Riverton", "+city: Testville", "@@ -"}},
		{[]string{"rules", "diff", "2", "2"}, []string{"versions 2 and 2 have the same document"}},
		{[]string{"rules", "rollback", "1", "--comment", "Testville was a mistake"},
			[]string{"published version 3: the document of version 1"}},
		{[]string{"rules", "history"}, []string{"3 (live)", "rollback to version 1: Testville was a mistake"}},
		{[]string{"route", "deep pothole on Elm"}, []string{"rule:       default (version 3)", "department: streets"}},
	}
	for _, s := range steps {
		out := mustRun(t, append(s.args, "--data", dir)...)
		for _, w := range s.want {
			if !strings.Contains(out, w) {
				t.Errorf("intake311 %s: no %q in\n%s", strings.Join(s.args, " "), w, out)
			}
		}
	}
	v, err := openData(t, dir).Rules(context.Background(), 0)
	demo, _ := os.ReadFile(demoDoc)
	if err != nil || v.Version != 3 || string(v.Document) != string(demo) {
		t.Errorf("the newest version is %+v, %v; want the demo document as version 3", v, err)
	}
}

func TestRulesHistoryJSON(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, "rules", "publish", smallDoc, "--comment", "first", "--data", dir)
	var got []cases.RulesVersion
	if err := json.Unmarshal([]byte(mustRun(t, "rules", "history", "--json", "--data", dir)), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Version != 1 || got[0].Comment != "first" || got[0].Author == "" {
		t.Errorf("history = %+v", got)
	}
}

func TestRulesBadInput(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, "rules", "publish", smallDoc, "--comment", "good", "--data", dir)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"bad document", []string{"rules", "publish", badDoc, "--comment", "x"}, 1, "bad.yaml:22:21: rules[0].when.service: unknown service"},
		{"bad document says nothing was published", []string{"rules", "publish", badDoc, "--comment", "x"}, 1, "nothing was published"},
		{"missing file", []string{"rules", "publish", "nowhere.yaml", "--comment", "x"}, 1, "nowhere.yaml"},
		{"no comment", []string{"rules", "publish", smallDoc}, 2, "usage: intake311 rules publish"},
		{"no file", []string{"rules", "publish", "--comment", "x"}, 2, "usage"},
		{"unknown version to roll back to", []string{"rules", "rollback", "9"}, 1, "version 9 does not exist"},
		{"unknown version to diff", []string{"rules", "diff", "1", "7"}, 1, "version 7 does not exist"},
		{"one version to diff", []string{"rules", "diff", "1"}, 2, "usage"},
		{"not a version", []string{"rules", "rollback", "latest"}, 2, "usage"},
		{"no subcommand", []string{"rules"}, 2, "subcommands"},
		{"unknown subcommand", []string{"rules", "delete", "1"}, 2, "subcommands"},
		{"unknown flag", []string{"rules", "history", "--colour"}, 2, "flag provided but not defined"},
		{"replay without a draft", []string{"rules", "replay"}, 2, "usage"},
		{"replay with a bad age", []string{"rules", "replay", smallDoc, "--since", "lately"}, 2, "usage"},
		{"replay of a bad draft", []string{"rules", "replay", badDoc}, 1, "bad.yaml:22:21"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runMain(t, append(tt.args, "--data", dir)...)
			if code != tt.code || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("exit %d, want %d; stderr:\n%s\nwant %q", code, tt.code, errOut, tt.stderr)
			}
		})
	}
	hist, err := openData(t, dir).RulesHistory(context.Background())
	if err != nil || len(hist) != 1 {
		t.Errorf("after the refusals the store holds %d versions (%v), want 1", len(hist), err)
	}
}

// draftFile writes the demo document with one edit into a temporary file.
func draftFile(t *testing.T, old, new string) string {
	t.Helper()
	src := string(router.DemoYAML())
	if !strings.Contains(src, old) {
		t.Fatalf("the demo document has no %q", old)
	}
	path := filepath.Join(t.TempDir(), "draft.yaml")
	if err := os.WriteFile(path, []byte(strings.Replace(src, old, new, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// storeCases writes reports into the store in dir, the given ages ago.
func storeCases(t *testing.T, dir string, reports map[string]time.Duration) {
	t.Helper()
	store := openData(t, dir)
	for text, age := range reports {
		tn, err := cases.NewTrackingNumber(nil)
		if err != nil {
			t.Fatal(err)
		}
		at := time.Now().Add(-age)
		c := &cases.Case{Tracking: tn, Status: cases.StatusOpen, ServiceCode: "general", Department: "customer",
			Priority: cases.PriorityNormal, Description: text, Channel: "sms", CreatedAt: at, UpdatedAt: at}
		if _, _, err := store.CreateCase(context.Background(), c, nil); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRulesReplay(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, "rules", "publish", demoDoc, "--comment", "live", "--data", dir)
	day := 24 * time.Hour
	storeCases(t, dir, map[string]time.Duration{
		"graffiti sprayed on the underpass wall": day,
		"tags and graffiti on the bus shelter":   200 * day,
		"pothole in front of the school":         2 * day,
		"is the pool open on sundays?":           3 * day,
	})
	// The draft moves graffiti to sanitation.
	draft := draftFile(t, "department: code\n    priority: low\n    sla: 10 business days\n    keywords:\n      en: [graffiti",
		"department: sanitation\n    priority: low\n    sla: 10 business days\n    keywords:\n      en: [graffiti")
	var rep router.ReplayReport
	if err := json.Unmarshal([]byte(mustRun(t, "rules", "replay", draft, "--json", "--data", dir)), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Cases != 3 || rep.ChangedDepartment != 1 || rep.LiveVersion != 1 || len(rep.Changes) != 1 {
		t.Errorf("replay of the last 90 days = %+v", rep)
	}
	if c := rep.Changes[0]; c.Before.Department != "code" || c.After.Department != "sanitation" || c.After.Why == nil {
		t.Errorf("change = %+v", c)
	}
	out := mustRun(t, "rules", "replay", draft, "--since", "all", "--data", dir)
	for _, want := range []string{"replayed 4 cases", "department changed: 2", "SERVICE", "DEPARTMENT", "SLA HOURS BEFORE",
		"sanitation", "underpass", `"graffiti" → graffiti +4`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
}

func TestParseAge(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"90d", 90 * 24 * time.Hour, true},
		{"2w", 14 * 24 * time.Hour, true},
		{"36h", 36 * time.Hour, true},
		{"all", 0, true},
		{"d", 0, false},
		{"-3d", 0, false},
		{"0h", 0, false},
		{"soon", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseAge(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("parseAge(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}
