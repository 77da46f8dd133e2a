package email_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/outbox"
	"github.com/intake311/intake311/cases/sqlite"
	"github.com/intake311/intake311/channels"
	"github.com/intake311/intake311/channels/email"
	"github.com/intake311/intake311/channels/email/emailtest"
	"github.com/intake311/intake311/router"
)

// testTemplates are the texts residents receive in these tests.
var testTemplates = map[string]map[string]string{
	"en": {"ack": "Thank you, we got your report. Your number is {{.TrackingSpoken}}.",
		"status": "News about your report {{.TrackingSpoken}}: {{.Status}}.{{if .Note}} {{.Note}}{{end}}"},
	"es": {"ack": "Gracias, recibimos su reporte. Su número es {{.TrackingSpoken}}.",
		"status": "Novedades sobre su reporte {{.TrackingSpoken}}: {{.Status}}.{{if .Note}} {{.Note}}{{end}}"},
}

// rig is a gateway in miniature: real SQLite, the demo classifier and
// router, an IMAP server and an SMTP catcher on loopback, and the email
// channel between them, with the outbox dispatcher running.
type rig struct {
	t       testing.TB
	store   *sqlite.Store
	intake  *cases.Intake
	work    *cases.Workflow
	imap    *emailtest.IMAPServer
	catcher *emailtest.Catcher
	media   string
}

func newRig(t testing.TB) *rig { return newRigWith(t, emailtest.IMAPOptions{}) }

func newRigWith(t testing.TB, imapOpts emailtest.IMAPOptions) *rig {
	t.Helper()
	dir := t.TempDir()
	store, err := sqlite.Open(t.Context(), filepath.Join(dir, "cases.db"), sqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	engine, err := router.New(router.Demo(), 1, router.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tm, err := cases.NewTemplates(testTemplates, "en")
	if err != nil {
		t.Fatal(err)
	}
	tm.ServiceName = engine.ServiceName
	r := &rig{t: t, store: store, media: filepath.Join(dir, "media"),
		intake: &cases.Intake{Store: store, Classifier: engine, Router: engine, Templates: tm},
		work:   &cases.Workflow{Store: store, Templates: tm}}
	r.peers(imapOpts)
	return r
}

func (r *rig) peers(imapOpts emailtest.IMAPOptions) {
	var err error
	if r.imap, err = emailtest.NewIMAPServer(imapOpts); err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(func() { r.imap.Close() })
	if r.catcher, err = emailtest.NewCatcher(nil); err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(func() { r.catcher.Close() })
}

// channel returns an email channel on the rig's peers.
func (r *rig) channel() *email.Channel { return r.channelWith(nil) }

// channelWith returns a channel on the rig's peers with options changed by
// edit.
func (r *rig) channelWith(edit func(*email.Options)) *email.Channel {
	opts := email.Options{
		Address: "311@riverton.example", FromName: "Riverton 311", Intake: r.intake, Store: r.store,
		Mailboxes: []email.Mailbox{{Addr: r.imap.Addr, TLS: email.TLSNone, Username: r.imap.Username, Password: r.imap.Password,
			PollInterval: 50 * time.Millisecond, Lease: 5 * time.Second}},
		SMTP:  email.SMTPOptions{Addr: r.catcher.Addr, TLS: email.TLSNone, Username: "gateway", Password: "secret"},
		Media: email.MediaOptions{Dir: r.media},
	}
	if edit != nil {
		edit(&opts)
	}
	ch, err := email.New(opts)
	if err != nil {
		r.t.Fatal(err)
	}
	return ch
}

// run polls and dispatches with ch until the test ends or stop is called.
func (r *rig) run(ch *email.Channel) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	set, err := channels.NewSet(ch)
	if err != nil {
		r.t.Fatal(err)
	}
	d := outbox.New(r.store, set, outbox.Options{PollInterval: 20 * time.Millisecond, BackoffInitial: 50 * time.Millisecond, BackoffMax: 200 * time.Millisecond})
	done := make(chan struct{}, 2)
	go func() { ch.Poll(ctx); done <- struct{}{} }()
	go func() { d.Run(ctx); done <- struct{}{} }()
	stopped := false
	stop = func() {
		if !stopped {
			stopped = true
			cancel()
			<-done
			<-done
		}
	}
	r.t.Cleanup(stop)
	return stop
}

func (r *rig) deliver(m emailtest.Message) {
	r.t.Helper()
	raw, err := m.Bytes()
	if err != nil {
		r.t.Fatal(err)
	}
	if err := r.imap.Append(r.t.Context(), raw); err != nil {
		r.t.Fatal(err)
	}
}

// eventually retries check until it returns "" or a minute passes.
func eventually(t testing.TB, what string, check func() string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		msg := check()
		if msg == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %s", what, msg)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// cases lists every email case.
func (r *rig) cases() []*cases.Case {
	page, err := r.store.FindCases(r.t.Context(), cases.Filter{Channel: []string{email.Name}, Limit: 500})
	if err != nil {
		r.t.Fatal(err)
	}
	return page.Cases
}

// oneCase waits for exactly one email case and returns it in full.
func (r *rig) oneCase() *cases.Case {
	r.t.Helper()
	var tn cases.TrackingNumber
	eventually(r.t, "one email case", func() string {
		cs := r.cases()
		if len(cs) != 1 {
			return fmt.Sprintf("%d cases", len(cs))
		}
		tn = cs[0].Tracking
		return ""
	})
	return r.caseOf(tn)
}

func (r *rig) caseOf(tn cases.TrackingNumber) *cases.Case {
	c, err := r.store.Case(r.t.Context(), tn)
	if err != nil {
		r.t.Fatal(err)
	}
	return c
}

// sent waits for n messages in the catcher.
func (r *rig) sent(n int) []emailtest.Caught {
	r.t.Helper()
	eventually(r.t, fmt.Sprintf("%d sent", n), func() string {
		if got := len(r.catcher.Messages()); got != n {
			return fmt.Sprintf("%d sent", got)
		}
		return ""
	})
	return r.catcher.Messages()
}

// count returns how many messages mailbox holds, -1 when it does not
// exist (yet).
func (r *rig) count(mailbox string) int {
	n, err := r.imap.Count(r.t.Context(), mailbox)
	if err != nil {
		return -1
	}
	return n
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
