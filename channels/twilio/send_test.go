package twilio_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels"
	"github.com/intake311/intake311/channels/twilio"
	"github.com/intake311/intake311/channels/twilio/twiliotest"
)

func notification(to, text string) *cases.Notification {
	return &cases.Notification{Channel: "sms", To: to, Text: text, Tracking: "1234567890", Language: "en", Kind: cases.KindStatus}
}

func TestSendErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		failure   twiliotest.Failure
		permanent bool
		delay     time.Duration
	}{
		{"Unsubscribed", twiliotest.Failure{Status: 400, Code: 21610}, true, 0},
		{"InvalidNumber", twiliotest.Failure{Status: 400, Code: 21211}, true, 0},
		{"Landline", twiliotest.Failure{Status: 400, Code: 30006}, true, 0},
		{"BadCredentials", twiliotest.Failure{Status: 401, Code: 20003}, true, 0},
		{"TooMany", twiliotest.Failure{Status: 429, Code: 20429, RetryAfter: "30"}, false, 30 * time.Second},
		{"Unavailable", twiliotest.Failure{Status: 503, Code: 20500}, false, 0},
		{"Internal", twiliotest.Failure{Status: 500, Code: 20500}, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.api.FailNext(tt.failure)
			_, err := e.ch.Send(t.Context(), notification("+15555550301", "Your report is in progress."))
			if err == nil || cases.IsPermanent(err) != tt.permanent {
				t.Fatalf("Send = %v; permanent %v, want %v", err, cases.IsPermanent(err), tt.permanent)
			}
			if d, _ := channels.RetryDelay(err); d != tt.delay {
				t.Errorf("retry delay %v, want %v", d, tt.delay)
			}
			if !strings.Contains(err.Error(), "twilio error") {
				t.Errorf("error %q does not give Twilio's code", err)
			}
		})
	}
}

// TestSendUnreachable retries when the API cannot be reached at all.
func TestSendUnreachable(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(o *twilio.Options) { o.APIBase = "http://127.0.0.1:1" })
	_, err := e.ch.Send(t.Context(), notification("+15555550302", "hello"))
	if err == nil || cases.IsPermanent(err) {
		t.Errorf("Send = %v; want a retryable error", err)
	}
}

// TestUnsubscribedOptsOut: Twilio's 21610 marks the number opted out, so
// the next send is refused without calling Twilio.
func TestUnsubscribedOptsOut(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const to = "+15555550303"
	e.text(to, "Pothole at 1200 Main St")
	e.api.FailNext(twiliotest.Failure{Status: 400, Code: 21610})
	e.drain()
	if c := e.onlyCase(to); c.Contacts[0].Consent {
		t.Errorf("contact %+v still consents after 21610", c.Contacts[0])
	}
	_, err := e.ch.Send(t.Context(), notification(to, "again"))
	if !cases.IsPermanent(err) || !errors.Is(err, twilio.ErrOptedOut) {
		t.Errorf("Send to an opted-out number = %v; want a permanent ErrOptedOut", err)
	}
	if n := len(e.sentTo(to)); n != 0 {
		t.Errorf("%d texts reached an opted-out number", n)
	}
}

func TestSendNotSMS(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	n := notification("+15555550304", "hello")
	n.Channel = "email"
	if _, err := e.ch.Send(t.Context(), n); !cases.IsPermanent(err) {
		t.Errorf("Send on email = %v; want permanent", err)
	}
}

func TestSendCutsLongTexts(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(o *twilio.Options) { o.MaxSegments = 2 })
	long := strings.Repeat("The crew will return tomorrow morning. ", 20)
	if _, err := e.ch.Send(t.Context(), notification("+15555550305", long)); err != nil {
		t.Fatal(err)
	}
	sent := e.sentTo("+15555550305")
	if len(sent) != 1 {
		t.Fatalf("sent %+v", sent)
	}
	if n, _ := twilio.Segments(sent[0].Body); n != 2 || !strings.HasSuffix(sent[0].Body, "...") {
		t.Errorf("sent %d segments: %q", n, sent[0].Body)
	}
}
