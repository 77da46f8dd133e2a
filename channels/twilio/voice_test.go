package twilio_test

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels/twilio"
	"github.com/intake311/intake311/channels/twilio/twiliotest"
	"github.com/intake311/intake311/ivr"
	"github.com/intake311/intake311/router"
)

func newVoiceEnv(t *testing.T) *env { return newEnv(t, withIVR(t)) }

// withIVR gives the channel the demo voice menu.
func withIVR(t *testing.T) func(*twilio.Options) {
	return func(o *twilio.Options) {
		var codes []string
		for _, s := range router.Demo().Services {
			codes = append(codes, s.Code)
		}
		engine, err := ivr.New(ivr.Demo(), ivr.Options{Store: o.Store, Intake: o.Intake, ServiceName: o.ServiceName, Services: codes})
		if err != nil {
			t.Fatal(err)
		}
		o.IVR = engine
	}
}

// caller walks one call through the menu as Twilio would.
type caller struct {
	e     *env
	sid   string
	from  string
	last  twiliotest.Voice
	reply *twiliotest.Reply
}

func (e *env) dial(from string) *caller {
	e.t.Helper()
	c := &caller{e: e, sid: e.client.NewSID("CA"), from: from}
	r, err := e.client.Call(e.t.Context(), c.sid, from)
	c.read(r, err)
	return c
}

func (c *caller) read(r *twiliotest.Reply, err error) {
	c.e.t.Helper()
	if err != nil || r.Status != 200 {
		c.e.t.Fatalf("turn: %v %+v", err, r)
	}
	v, err := twiliotest.ParseVoice(r.Body)
	if err != nil {
		c.e.t.Fatalf("TwiML %q: %v", r.Body, err)
	}
	c.last, c.reply = v, r
}

// do answers the last step and checks that what is heard next has want.
func (c *caller) do(in twiliotest.Input, want ...string) {
	c.e.t.Helper()
	action := c.last.Action
	if in == (twiliotest.Input{}) {
		action = c.last.Redirect
	}
	if action == "" {
		c.e.t.Fatalf("nothing to answer in %q", c.reply.Body)
	}
	r, err := c.e.client.Answer(c.e.t.Context(), action, c.sid, c.from, in)
	c.read(r, err)
	heard := strings.Join(c.last.Says, " | ")
	for _, w := range want {
		if !strings.Contains(heard, w) {
			c.e.t.Fatalf("after %+v heard %q; want %q", in, heard, w)
		}
	}
}

func press(d string) twiliotest.Input { return twiliotest.Input{Digits: d} }
func speak(s string) twiliotest.Input { return twiliotest.Input{Speech: s} }

func TestCallReportsAProblem(t *testing.T) {
	t.Parallel()
	e := newVoiceEnv(t)
	const from = "+15555550601"
	c := e.dial(from)
	if !c.last.Gather || !strings.HasSuffix(c.last.Action, "/channels/twilio/voice/next") || len(c.last.Says) == 0 {
		t.Fatalf("first step %+v", c.last)
	}
	c.do(press("1"), "How can we help")
	c.do(press("1"), "what the problem is")
	if !strings.Contains(c.last.Hints, "Pothole") {
		t.Errorf("hints %q; want the service names", c.last.Hints)
	}
	c.do(speak("There's a pothole in front of 200 Main Street."), "Pothole")
	c.do(press("1"), "200 Main Street")
	c.do(speak("Yes."), "more details")
	c.do(press("1"), "after the tone")
	if !c.last.Record {
		t.Fatalf("no <Record> in %q", c.reply.Body)
	}
	c.do(twiliotest.Input{RecordingURL: "https://api.twilio.com/recordings/RE1"}, "phone call, press 1")
	c.do(twiliotest.Input{}, "Your request number is")
	c.do(press("2"), "Goodbye")
	if !c.last.Hangup {
		t.Errorf("no <Hangup> in %q", c.reply.Body)
	}
	k := e.onlyVoiceCase(from)
	if k.ServiceCode != "pothole" || k.Channel != "voice" || len(k.Media) != 1 || k.Contacts[0].Channel != "voice" {
		t.Fatalf("case %+v", k)
	}
	e.drain()
	calls := e.api.Calls()
	if len(calls) != 1 || calls[0].To != from || !strings.Contains(calls[0].TwiML, k.Tracking.Spoken()) || !strings.Contains(calls[0].TwiML, "<Say") {
		t.Fatalf("calls %+v; want the acknowledgement spoken", calls)
	}
}

func TestCallChecksStatus(t *testing.T) {
	t.Parallel()
	e := newVoiceEnv(t)
	e.reply("+15555550602", "Pothole at 1200 Main St")
	k := e.onlyCase("+15555550602")
	e.changeStatus(k.Tracking, cases.StatusInProgress)
	c := e.dial("+15555550603")
	c.do(press("1"))
	c.do(press("2"), "keypad")
	bad := []byte(k.Tracking)
	bad[9] = '0' + (bad[9]-'0'+1)%10
	c.do(press(string(bad)), "doesn't look right")
	c.do(press(string(k.Tracking)), "Crew sent.")
}

// TestCallEscapesWords: what a caller says is spoken back inside <Say>
// as text, never as markup.
func TestCallEscapesWords(t *testing.T) {
	t.Parallel()
	e := newVoiceEnv(t)
	c := e.dial("+15555550604")
	c.do(press("1"))
	c.do(press("1"))
	c.do(speak("Pothole at <Say>Oak & Main</Say>"))
	if strings.Contains(c.reply.Body, "<Say>Oak") {
		t.Errorf("the caller's words became markup: %s", c.reply.Body)
	}
}

func TestNotificationCallRetriedWhenBusy(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withIVR(t), func(o *twilio.Options) { o.CallRetries = 2 })
	const to = "+15555550605"
	n := &cases.Notification{Channel: "voice", To: to, Text: "Your report is in progress.", Language: "es", Tracking: "1234567890"}
	if _, err := e.ch.Send(t.Context(), n); err != nil {
		t.Fatal(err)
	}
	for i, status := range []string{"busy", "no-answer", "busy"} {
		calls := e.api.Calls()
		if len(calls) != i+1 {
			t.Fatalf("%d calls placed, want %d", len(calls), i+1)
		}
		last := calls[len(calls)-1]
		if !strings.Contains(last.TwiML, `language="es-MX"`) {
			t.Errorf("call TwiML %q is not in Spanish", last.TwiML)
		}
		if r, err := e.client.CallStatus(t.Context(), last.StatusCallback, last.SID, to, status); err != nil || r.Status != 204 {
			t.Fatalf("status callback: %v %+v", err, r)
		}
	}
	if n := len(e.api.Calls()); n != 3 {
		t.Errorf("%d calls; want the first and 2 retries", n)
	}
}

// onlyVoiceCase returns the one case of a caller.
func (e *env) onlyVoiceCase(from string) *cases.Case {
	e.t.Helper()
	page, err := e.store.FindCases(e.t.Context(), cases.Filter{ContactChannel: "voice", ContactAddress: from})
	if err != nil || len(page.Cases) != 1 {
		e.t.Fatalf("cases of %s: %v %d", from, err, len(page.Cases))
	}
	return e.caseOf(page.Cases[0].Tracking)
}

func TestAbandonedCallsCounted(t *testing.T) {
	t.Parallel()
	var abandoned atomic.Int64
	e := newEnv(t, withIVR(t), func(o *twilio.Options) { o.Abandoned = func() { abandoned.Add(1) } })
	left := e.dial("+15555550606")
	left.do(press("1"))
	finished := e.dial("+15555550607")
	finished.do(press("1"))
	finished.do(press("2"))
	finished.do(press("1234567890"))
	for i := 0; i < 5 && !finished.last.Hangup && finished.last.Dial == ""; i++ {
		finished.do(twiliotest.Input{})
	}
	if !finished.last.Hangup && finished.last.Dial == "" {
		t.Fatalf("the menu did not finish the call: %s", finished.reply.Body)
	}
	for _, c := range []*caller{left, finished} {
		if r, err := e.client.CallStatus(t.Context(), "/channels/twilio/voice/status", c.sid, c.from, "completed"); err != nil || r.Status != 204 {
			t.Fatalf("call status: %v %+v", err, r)
		}
	}
	if n := abandoned.Load(); n != 1 {
		t.Errorf("%d calls counted abandoned, want 1", n)
	}
}

func TestVoiceBadSignatureRefused(t *testing.T) {
	t.Parallel()
	e := newVoiceEnv(t)
	form := map[string][]string{"CallSid": {"CAforged"}, "From": {"+15555550608"}, "Digits": {"1"}}
	for _, path := range []string{"/channels/twilio/voice", "/channels/twilio/voice/next", "/channels/twilio/voice/status"} {
		t.Run(path, func(t *testing.T) {
			r, err := e.client.PostSigned(t.Context(), path, form, sign("wrong", e.srv.URL+path, form))
			if err != nil || r.Status != 403 {
				t.Fatalf("%v %+v; want 403", err, r)
			}
		})
	}
	if _, _, err := e.store.GetState(t.Context(), ivr.StateScope, "CAforged"); err == nil {
		t.Error("a forged call left state in the store")
	}
}

// TestNotificationCallRetriedLater: with a delay, the call is placed again
// after the status callback has been answered.
func TestNotificationCallRetriedLater(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withIVR(t), func(o *twilio.Options) { o.CallRetries, o.CallRetryDelay = 1, time.Millisecond })
	const to = "+15555550609"
	if _, err := e.ch.Send(t.Context(), &cases.Notification{Channel: "voice", To: to, Text: "Update.", Language: "en"}); err != nil {
		t.Fatal(err)
	}
	first := e.api.Calls()[0]
	if r, err := e.client.CallStatus(t.Context(), first.StatusCallback, first.SID, to, "no-answer"); err != nil || r.Status != 204 {
		t.Fatalf("status callback: %v %+v", err, r)
	}
	for len(e.api.Calls()) < 2 {
		if t.Context().Err() != nil {
			t.Fatal("the call was not placed again")
		}
		time.Sleep(time.Millisecond)
	}
}

// TestNotificationCallRetryWaitsInOutbox: an update call nobody answered
// is placed again from the outbox, where the retry waits out its delay,
// so a restart in between does not lose it; a repeated status callback
// does not schedule it twice, and the retries stop at CallRetries.
func TestNotificationCallRetryWaitsInOutbox(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withIVR(t), func(o *twilio.Options) { o.CallRetries, o.CallRetryDelay = 1, time.Millisecond })
	const to = "+15555550610"
	c, _, err := e.opts.Intake.Submit(t.Context(), cases.Report{Channel: "voice", ExternalID: "CAretry", Text: "Pothole at 12 Elm St",
		Contact: &cases.Contact{Channel: "voice", Address: to, Consent: true}})
	if err != nil {
		t.Fatal(err)
	}
	e.drain()
	first := e.api.Calls()[0]
	for range 2 { // Twilio may repeat a callback
		if r, err := e.client.CallStatus(t.Context(), first.StatusCallback, first.SID, to, "no-answer"); err != nil || r.Status != 204 {
			t.Fatalf("status callback: %v %+v", err, r)
		}
	}
	pending, err := e.store.Notifications(t.Context(), cases.NotificationPending, 0, 10)
	if err != nil || len(pending) != 1 || pending[0].Tracking != c.Tracking || pending[0].To != to {
		t.Fatalf("want one retry waiting in the outbox, got %v %+v", err, pending)
	}
	time.Sleep(5 * time.Millisecond) // the retry delay
	e.drain()
	calls := e.api.Calls()
	if len(calls) != 2 {
		t.Fatalf("%d calls, want the first and one retry", len(calls))
	}
	if r, err := e.client.CallStatus(t.Context(), calls[1].StatusCallback, calls[1].SID, to, "busy"); err != nil || r.Status != 204 {
		t.Fatalf("status callback: %v %+v", err, r)
	}
	if pending, _ := e.store.Notifications(t.Context(), cases.NotificationPending, 0, 10); len(pending) != 0 {
		t.Errorf("a retry beyond CallRetries was scheduled: %+v", pending)
	}
}
