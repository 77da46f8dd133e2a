package twilio_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/outbox"
	"github.com/intake311/intake311/cases/sqlite"
	"github.com/intake311/intake311/channels"
	"github.com/intake311/intake311/channels/twilio"
	"github.com/intake311/intake311/channels/twilio/twiliotest"
	"github.com/intake311/intake311/router"
)

const cityNumber = "+15555550311"

// env is a gateway in miniature: a real SQLite store, the demo routing
// document, the channel behind a loopback server, the REST stand-in, and
// an outbox drained on demand.
type env struct {
	t        testing.TB
	store    *sqlite.Store
	api      *twiliotest.Server
	ch       *twilio.Channel
	srv      *httptest.Server
	client   *twiliotest.Client
	out      *outbox.Dispatcher
	workflow *cases.Workflow
	opts     twilio.Options
	serve    func(http.Handler)
}

// testTexts are the notification texts of the tests, in two languages.
var testTexts = map[string]map[string]string{
	"en": {"ack": "Got it: report {{.TrackingSpoken}} about {{.Service}}.", "status": "Report {{.TrackingSpoken}} is now {{.Status}}.{{if .Note}} {{.Note}}{{end}}",
		"ack.emergency": "Call 911 if anyone is in danger. Report {{.TrackingSpoken}}."},
	"es": {"ack": "Recibido: reporte {{.TrackingSpoken}} sobre {{.Service}}.", "status": "El reporte {{.TrackingSpoken}} ahora está {{.Status}}."},
}

func newEnv(t *testing.T, mods ...func(*twilio.Options)) *env {
	t.Helper()
	store, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "cases.db"), sqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return buildEnv(t, store, mods...)
}

// buildEnv wires the channel and its peers around store.
func buildEnv(t testing.TB, store *sqlite.Store, mods ...func(*twilio.Options)) *env {
	t.Helper()
	engine := router.Must(router.New(router.Demo(), 1, router.Options{}))
	tm, err := cases.NewTemplates(testTexts, "en")
	if err != nil {
		t.Fatal(err)
	}
	tm.ServiceName = engine.ServiceName
	e := &env{t: t, store: store, api: twiliotest.NewServer(twiliotest.Options{})}
	t.Cleanup(e.api.Close)
	e.workflow = &cases.Workflow{Store: store, Templates: tm}
	var h http.Handler = http.NotFoundHandler()
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(e.srv.Close)
	opts := twilio.Options{
		AccountSID: e.api.AccountSID(), AuthToken: e.api.AuthToken(), From: cityNumber, PublicURL: e.srv.URL,
		APIBase: e.api.URL, Store: store, Workflow: e.workflow, Sender: "Riverton 311",
		Intake:      &cases.Intake{Store: store, Classifier: engine, Router: engine, Templates: tm},
		ServiceName: engine.ServiceName, Choices: []string{"pothole", "streetlight", "missed_trash"},
		MinConfidence: router.Demo().Threshold, Logger: slog.New(slog.DiscardHandler),
	}
	for _, mod := range mods {
		mod(&opts)
	}
	if e.ch, err = twilio.New(opts); err != nil {
		t.Fatal(err)
	}
	h, e.opts = e.ch.Handler(), opts
	e.serve = func(next http.Handler) { h = next }
	chs := []channels.Channel{e.ch, e.ch.SMS()}
	if v := e.ch.Voice(); v != nil {
		chs = append(chs, v)
	}
	set, err := channels.NewSet(chs...)
	if err != nil {
		t.Fatal(err)
	}
	e.out = outbox.New(store, set, outbox.Options{BackoffInitial: 1, BackoffMax: 1})
	e.client = &twiliotest.Client{BaseURL: e.srv.URL, AuthToken: e.api.AuthToken(), To: cityNumber}
	return e
}

// text sends an inbound text and returns the gateway's reply.
func (e *env) text(from, body string, media ...twiliotest.Media) *twiliotest.Reply {
	e.t.Helper()
	r, err := e.client.SMS(e.t.Context(), twiliotest.SMS{From: from, Body: body, Media: media})
	if err != nil {
		e.t.Fatal(err)
	}
	if r.Status != http.StatusOK {
		e.t.Fatalf("text %q: %d %s", body, r.Status, r.Body)
	}
	return r
}

// drain delivers every due notification through the channel.
func (e *env) drain() {
	e.t.Helper()
	if _, err := e.out.Drain(e.t.Context()); err != nil {
		e.t.Fatal(err)
	}
}

// casesOf lists the cases of a number, newest first, with details.
func (e *env) casesOf(from string) []*cases.Case {
	e.t.Helper()
	page, err := e.store.FindCases(e.t.Context(), cases.Filter{ContactChannel: "sms", ContactAddress: from})
	if err != nil {
		e.t.Fatal(err)
	}
	var out []*cases.Case
	for _, c := range page.Cases {
		out = append(out, e.caseOf(c.Tracking))
	}
	return out
}

func (e *env) caseOf(tn cases.TrackingNumber) *cases.Case {
	e.t.Helper()
	c, err := e.store.Case(e.t.Context(), tn)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// onlyCase returns the one case of a number.
func (e *env) onlyCase(from string) *cases.Case {
	e.t.Helper()
	cs := e.casesOf(from)
	if len(cs) != 1 {
		e.t.Fatalf("%s has %d cases, want 1", from, len(cs))
	}
	return cs[0]
}

// sentTo returns the texts the stand-in accepted for a number.
func (e *env) sentTo(to string) []twiliotest.Message {
	var out []twiliotest.Message
	for _, m := range e.api.Messages() {
		if m.To == to {
			out = append(out, m)
		}
	}
	return out
}

func sign(token, u string, form map[string][]string) string {
	return twiliotest.Sign(token, u, form)
}

func contains(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// restart replaces the channel with a new one over the same store, as a
// restart or another replica would.
func (e *env) restart() {
	e.t.Helper()
	ch, err := twilio.New(e.opts)
	if err != nil {
		e.t.Fatal(err)
	}
	e.ch = ch
	e.serve(ch.Handler())
}

// changeStatus moves a case as staff would, with a note.
func (e *env) changeStatus(tn cases.TrackingNumber, to cases.Status) {
	e.t.Helper()
	if _, err := e.workflow.ChangeStatus(context.Background(), tn, cases.StatusChange{Status: to, Note: "Crew sent."}); err != nil {
		e.t.Fatal(err)
	}
}

// reply sends a text and returns the one text of the reply ("" for none).
func (e *env) reply(from, body string) string {
	e.t.Helper()
	r := e.text(from, body)
	if len(r.Texts) > 1 {
		e.t.Fatalf("reply to %q has %d texts", body, len(r.Texts))
	}
	if len(r.Texts) == 0 {
		return ""
	}
	return r.Texts[0]
}

func stringsReader(s string) io.Reader { return strings.NewReader(s) }
