package ivr_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/sqlite"
	"github.com/intake311/intake311/ivr"
	"github.com/intake311/intake311/router"
)

// agentNumber is where the test engines transfer callers.
const agentNumber = "+15555550100"

// city is the gateway as a voice channel sees it: a real SQLite store, the
// demo routing engine and an ivr Engine over them.
type city struct {
	store  *sqlite.Store
	router *router.Engine
	intake *cases.Intake
	ivr    *ivr.Engine
}

func newCity(t testing.TB, menu *ivr.Menu) *city {
	t.Helper()
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "cases.db"), sqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	rt := router.Must(router.New(router.Demo(), 0, router.Options{}))
	tm, err := cases.NewTemplates(map[string]map[string]string{
		"en": {"ack": "Report {{.Tracking}} received.", "status": "Report {{.Tracking}} is {{.Status}}.", "note": "{{.Note}}"},
		"es": {"ack": "Recibimos su reporte {{.Tracking}}.", "status": "Su reporte {{.Tracking}} está {{.Status}}.", "note": "{{.Note}}"},
	}, "en")
	if err != nil {
		t.Fatal(err)
	}
	in := &cases.Intake{Store: store, Classifier: rt, Router: rt, Templates: tm}
	var codes []string
	for _, s := range rt.Services() {
		codes = append(codes, s.Code)
	}
	e, err := ivr.New(menu, ivr.Options{Store: store, Intake: in, ServiceName: rt.ServiceName, Services: codes, AgentNumber: agentNumber})
	if err != nil {
		t.Fatal(err)
	}
	return &city{store: store, router: rt, intake: in, ivr: e}
}

// turn is one exchange of a call: what the caller does, and words the
// step that answers it must say (all of them, in any case).
type turn struct {
	in   ivr.Input
	hear []string
	then string // "dial" or "hangup" when the step must end the call that way
}

// Inputs, briefly.
func press(d string) ivr.Input { return ivr.Input{Digits: d} }
func speak(s string) ivr.Input { return ivr.Input{Speech: s} }

var silence = ivr.Input{}

// call walks one whole call and returns its steps, failing on the first
// turn whose step does not say what it should.
func (c *city) call(t *testing.T, id, from string, start []string, turns []turn) []ivr.Step {
	t.Helper()
	ctx := context.Background()
	step, err := c.ivr.Start(ctx, id, from)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "start", step, turn{hear: start})
	steps := []ivr.Step{step}
	for i, tu := range turns {
		step, err = c.ivr.Next(ctx, id, tu.in)
		if err != nil {
			t.Fatalf("turn %d (%+v): %v", i+1, tu.in, err)
		}
		expect(t, "turn "+itoa(i+1), step, tu)
		steps = append(steps, step)
	}
	return steps
}

func expect(t *testing.T, name string, step ivr.Step, tu turn) {
	t.Helper()
	said := spoken(step)
	for _, w := range tu.hear {
		if !strings.Contains(strings.ToLower(said), strings.ToLower(w)) {
			t.Fatalf("%s (%+v): the step says %q, without %q", name, tu.in, said, w)
		}
	}
	switch {
	case tu.then == "dial" && step.Dial != agentNumber:
		t.Fatalf("%s: want a transfer to %s, got %+v", name, agentNumber, step)
	case tu.then == "hangup" && !step.Hangup:
		t.Fatalf("%s: want a hang-up, got %+v", name, step)
	case tu.then == "" && step.Done():
		t.Fatalf("%s: the call ended early: %q", name, said)
	}
}

// spoken joins what a step says, each prompt tagged with its language.
func spoken(s ivr.Step) string {
	var b strings.Builder
	for _, p := range s.Say {
		b.WriteString("[" + p.Language + "] " + p.Text + " ")
	}
	return b.String()
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func itoa(i int) string {
	return string(rune('0'+i/10)) + string(rune('0'+i%10))
}
