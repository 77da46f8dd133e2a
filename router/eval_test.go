package router

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/intake311/intake311/nlp"
)

// TestEvalDev reports the demo document's scores on the real requests in
// ../shared/data/311/dev.csv (read in place; skipped when absent).
func TestEvalDev(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "data", "311", "dev.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("evaluation data not available: %v", err)
	}
	defer f.Close()
	samples, err := nlp.ReadSamples(f)
	if err != nil {
		t.Fatal(err)
	}
	e := Must(New(Demo(), 0, Options{}))
	ev, err := e.Evaluate(context.Background(), samples)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("n %d: accuracy %.4f macro-F1 %.4f triage %.4f; baseline %s accuracy %.4f macro-F1 %.4f",
		ev.N, ev.Accuracy, ev.MacroF1, ev.TriageRate, ev.Baseline.Name, ev.Baseline.Accuracy, ev.Baseline.MacroF1)
	if ev.Accuracy <= ev.Baseline.Accuracy || ev.MacroF1 <= ev.Baseline.MacroF1 {
		t.Errorf("the demo keywords do not beat the baseline")
	}
}
