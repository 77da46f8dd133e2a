package router

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/intake311/intake311/nlp"
)

// TestEmergencyDetection measures the demo document's emergency phrases on
// messages that are and are not emergencies, many of the latter sharing
// a word with one ("fire hydrant", "light pole down").
func TestEmergencyDetection(t *testing.T) {
	c, err := nlp.New(Demo().Lexicon(), nlp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var tp, fp, fn, tn int
	for _, m := range labelled(t, "emergency.tsv") {
		got := c.Analyze(m[1], "").Emergency
		switch want := m[0] == "yes"; {
		case got && want:
			tp++
		case got:
			fp++
			t.Logf("false alarm: %q", m[1])
		case want:
			fn++
			t.Logf("missed: %q", m[1])
		default:
			tn++
		}
	}
	t.Logf("emergencies: %d found, %d missed; %d false alarms in %d others", tp, fn, fp, fp+tn)
	if fp > 0 {
		t.Errorf("%d false alarms", fp)
	}
	if recall := float64(tp) / float64(tp+fn); recall < 0.9 {
		t.Errorf("emergency recall %.2f, want at least 0.90", recall)
	}
}

// labelled reads a testdata file of label<TAB>text lines, skipping
// comments and blank lines.
func labelled(t *testing.T, name string) [][2]string {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][2]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		label, text, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("%s: no tab in %q", name, line)
		}
		out = append(out, [2]string{label, text})
	}
	return out
}
