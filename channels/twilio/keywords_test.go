package twilio_test

import (
	"strings"
	"testing"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels/twilio"
)

func TestHelp(t *testing.T) {
	t.Parallel()
	tests := []struct{ text, want string }{
		{"HELP", "STATUS"},
		{"help", "In an emergency call 911"},
		{"Ayuda", "En una emergencia llame al 911"},
		{"INFO", "STOP"},
	}
	e := newEnv(t)
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if q := e.reply("+15555550501", tt.text); !strings.Contains(q, tt.want) {
				t.Errorf("reply %q; want %q in it", q, tt.want)
			}
		})
	}
}

// TestKeywordsInSentencesAreReports: only a text that is a keyword is a
// command.
func TestKeywordsInSentencesAreReports(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550502"
	e.reply(from, "Stop sign knocked down at 1200 Main St")
	if cs := e.casesOf(from); len(cs) != 1 || !cs[0].Contacts[0].Consent {
		t.Fatalf("cases %v; want one report with consent", cs)
	}
}

func TestStopThenStart(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550503"
	e.reply(from, "Pothole at 1200 Main St")
	e.reply(from, "Streetlight out at 300 Oak Ave")
	e.drain()
	if q := e.reply(from, "STOP"); !strings.Contains(q, "START") {
		t.Errorf("STOP reply %q", q)
	}
	for _, c := range e.casesOf(from) {
		if c.Contacts[0].Consent {
			t.Errorf("case %s: contact still consents after STOP", c.Tracking)
		}
		e.changeStatus(c.Tracking, cases.StatusInProgress)
	}
	e.drain()
	if n := len(e.sentTo(from)); n != 2 {
		t.Errorf("%d texts; want only the 2 acknowledgements before STOP", n)
	}
	if q := e.reply(from, "Pothole at 77 Elm St"); q != "" {
		t.Errorf("an opted-out number got the reply %q", q)
	}
	if q := e.reply(from, "START"); !strings.Contains(q, "STOP") {
		t.Errorf("START reply %q", q)
	}
	c := e.casesOf(from)[0]
	e.changeStatus(c.Tracking, cases.StatusResolved)
	e.drain()
	if sent := e.sentTo(from); len(sent) != 3 || !strings.Contains(sent[2].Body, c.Tracking.Spoken()) {
		t.Errorf("sent %+v; want the update after START", sent)
	}
}

func TestLanguageSwitch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550504"
	e.reply(from, "Pothole at 1200 Main St")
	if q := e.reply(from, "Español"); !strings.Contains(q, "español") {
		t.Errorf("reply %q", q)
	}
	if c := e.onlyCase(from); c.Contacts[0].Language != "es" {
		t.Errorf("contact language %q, want es", c.Contacts[0].Language)
	}
	if q := e.reply(from, "STATUS"); !strings.Contains(q, "Reporte") {
		t.Errorf("STATUS reply %q; want Spanish", q)
	}
	if q := e.reply(from, "ENGLISH"); !strings.Contains(q, "English") {
		t.Errorf("reply %q", q)
	}
}

func TestStatus(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550505"
	if q := e.reply(from, "STATUS"); !strings.Contains(q, "no open reports") {
		t.Errorf("reply %q", q)
	}
	e.reply(from, "Pothole at 1200 Main St")
	c := e.onlyCase(from)
	e.changeStatus(c.Tracking, cases.StatusInProgress)
	valid, _ := cases.NewTrackingNumber(strings.NewReader("a different random seed"))
	tests := []struct{ name, text, want string }{
		{"Open", "status", c.Tracking.Spoken() + " (Pothole): work has started"},
		{"ByNumber", "STATUS " + c.Tracking.Spoken(), "Latest: Crew sent."},
		{"Typo", "STATUS 123-456-789", "does not look right"},
		{"Unknown", "STATUS " + string(valid), "could not find"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if q := e.reply(from, tt.text); !strings.Contains(q, tt.want) {
				t.Errorf("reply %q; want %q", q, tt.want)
			}
		})
	}
}

func TestCancel(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from, other = "+15555550506", "+15555550507"
	e.reply(from, "Pothole at 1200 Main St")
	c := e.onlyCase(from)
	if q := e.reply(other, "CANCEL "+string(c.Tracking)); !strings.Contains(q, "could not find") {
		t.Errorf("another number cancelling: %q", q)
	}
	e.reply(from, "cancel "+c.Tracking.Spoken())
	if got := e.caseOf(c.Tracking); got.Status != cases.StatusClosed || got.CloseReason != cases.ReasonWithdrawn {
		t.Errorf("case %s %s; want closed withdrawn", got.Status, got.CloseReason)
	}
	if q := e.reply(from, "CANCEL "+string(c.Tracking)); !strings.Contains(q, "already closed") {
		t.Errorf("cancelling again: %q", q)
	}
}

// TestBareCancelStopsConversation: CANCEL alone is Twilio's opt-out word.
func TestBareCancelOptsOut(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550508"
	e.reply(from, "There is a pothole")
	if q := e.reply(from, "CANCEL"); !strings.Contains(q, "START") {
		t.Errorf("reply %q", q)
	}
	if q := e.reply(from, "START"); !strings.Contains(q, "again") {
		t.Errorf("reply %q", q)
	}
	// The report in progress was dropped with the opt-out.
	if q := e.reply(from, "1200 Main St"); !strings.Contains(q, "Which fits best") {
		t.Errorf("reply %q", q)
	}
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(o *twilio.Options) { o.RateLimit = 3 })
	const from = "+15555550509"
	for i, text := range []string{"hello", "is anyone there", "please answer"} {
		if q := e.reply(from, text); q == "" {
			t.Errorf("text %d got no reply", i)
		}
	}
	if q := e.reply(from, "hello again"); !strings.Contains(q, "many messages") {
		t.Errorf("over the limit: %q", q)
	}
	if q := e.reply(from, "and again"); q != "" {
		t.Errorf("told once, then silence; got %q", q)
	}
}

// TestReplyLoopStops: an auto-responder sending the same text back and
// forth is answered twice, then not at all.
func TestReplyLoopStops(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550510"
	const auto = "I am away from my phone and will reply later."
	var replies []string
	for range 4 {
		replies = append(replies, e.reply(from, auto))
	}
	if replies[0] == "" || replies[2] != "" || replies[3] != "" {
		t.Errorf("replies %q; want the loop cut at the third", replies)
	}
}
