package ivr_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intake311/intake311/ivr"
)

// FuzzParse feeds the parser arbitrary files: it must never panic, a
// rejected file gets Problems placed inside the file, and an accepted menu
// must be one an engine can start a call on.
func FuzzParse(f *testing.F) {
	f.Add(ivr.DemoYAML())
	files, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("nodes: {a: {options: [{digits: *x}]}}"))
	f.Add([]byte("languages: &l [en]\nstart: *l\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ivr.Parse("menu.yaml", data)
		if err != nil {
			checkProblems(t, err, data)
			return
		}
		if m.Nodes[m.Start] == nil || len(m.Languages) == 0 {
			t.Fatalf("an accepted menu cannot start: start %q, languages %q", m.Start, m.Languages)
		}
	})
}

func checkProblems(t *testing.T, err error, data []byte) {
	var ps ivr.Problems
	if !errors.As(err, &ps) || len(ps) == 0 {
		t.Fatalf("the error is not Problems: %v", err)
	}
	lines := strings.Count(string(data), "\n") + 1
	for _, p := range ps {
		if p.Line < 0 || p.Line > lines || p.Msg == "" {
			t.Fatalf("problem %q is outside the file's %d lines", p.Error(), lines)
		}
	}
}
