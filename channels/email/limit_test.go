package email_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels/email"
	"github.com/intake311/intake311/channels/email/emailtest"
)

// anHour stops the channel's clock when the test starts, so that the
// reply cap's hour cannot roll over in the middle of a test.
func anHour(o *email.Options) {
	at := time.Now().UTC()
	o.Now = func() time.Time { return at }
}

// TestStatusUpdatesNotCapped sends six reports from one address in one
// hour: the sixth is not acknowledged (the cap is five automatic
// replies), yet six status updates on its case in the same hour all reach
// the resident.
func TestStatusUpdatesNotCapped(t *testing.T) {
	r := newRig(t)
	r.run(r.channelWith(anHour))
	for i := range 6 {
		r.deliver(emailtest.Message{From: "busy@resident.example", Subject: "Pothole", Body: fmt.Sprintf("Pothole number %d on Main St.", i+1)})
	}
	eventually(t, "six cases", func() string {
		if n := len(r.cases()); n != 6 {
			return fmt.Sprintf("%d cases", n)
		}
		return ""
	})
	r.drained()
	acks := r.catcher.Messages()
	if len(acks) != 5 {
		t.Fatalf("%d acknowledgements, want 5", len(acks))
	}
	capped := unacknowledged(t, r.cases(), acks)
	steps := []cases.Status{cases.StatusAssigned, cases.StatusInProgress, cases.StatusOnHold,
		cases.StatusInProgress, cases.StatusAssigned, cases.StatusInProgress}
	for _, st := range steps {
		if _, err := r.work.ChangeStatus(t.Context(), capped, cases.StatusChange{Status: st}); err != nil {
			t.Fatal(err)
		}
	}
	updates := r.sent(5 + len(steps))[5:]
	for i, u := range updates {
		if u.To[0] != "busy@resident.example" || !strings.HasPrefix(u.Parsed.Subject, "[311 #"+string(capped)+"]") ||
			u.Parsed.Header.Get("Auto-Submitted") != "auto-generated" {
			t.Errorf("update %d: to %v, subject %q, Auto-Submitted %q", i, u.To, u.Parsed.Subject, u.Parsed.Header.Get("Auto-Submitted"))
		}
	}
}

// unacknowledged returns the one case of all that no acknowledgement
// names.
func unacknowledged(t *testing.T, all []*cases.Case, acks []emailtest.Caught) cases.TrackingNumber {
	t.Helper()
	var left []cases.TrackingNumber
	for _, c := range all {
		if !slices.ContainsFunc(acks, func(a emailtest.Caught) bool { return strings.Contains(a.Parsed.Subject, "#"+string(c.Tracking)+"]") }) {
			left = append(left, c.Tracking)
		}
	}
	if len(left) != 1 {
		t.Fatalf("cases without an acknowledgement: %v, want one", left)
	}
	return left[0]
}

// TestAutoResponderAnswersUpdates lets auto-responders of several kinds
// answer every status update: each answer is kept on the case, and the
// gateway answers none of them, so there is no loop.
func TestAutoResponderAnswersUpdates(t *testing.T) {
	for _, tc := range []struct {
		name, subject string
		header        map[string]string
	}{
		{"auto-submitted", "Automatic reply: ", map[string]string{"Auto-Submitted": "auto-replied"}},
		{"subject only", "Out of office: ", nil},
		{"x-autoreply", "Re: ", map[string]string{"X-Autoreply": "yes"}},
		{"away subject on a reply", "Away: ", nil},
		{"no sign at all", "Re: ", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t)
			r.run(r.channelWith(anHour))
			r.deliver(emailtest.Message{From: "pat@resident.example", Subject: "Graffiti", Body: "Paint on the library wall."})
			r.sent(1)
			c := r.oneCase()
			for i, st := range []cases.Status{cases.StatusAssigned, cases.StatusInProgress} {
				if _, err := r.work.ChangeStatus(t.Context(), c.Tracking, cases.StatusChange{Status: st}); err != nil {
					t.Fatal(err)
				}
				update := r.sent(2 + i)[1+i].Parsed
				r.deliver(emailtest.Message{From: "pat@resident.example", Subject: tc.subject + update.Subject,
					InReplyTo: update.MessageID, Header: tc.header, Body: fmt.Sprintf("I am away (answer %d).", i+1)})
			}
			eventually(t, "both answers processed", func() string {
				if n := r.count("Processed"); n != 3 {
					return fmt.Sprintf("%d processed", n)
				}
				return ""
			})
			r.drained()
			c = r.caseOf(c.Tracking)
			if n := len(r.catcher.Messages()); n != 3 || len(r.cases()) != 1 || !hasText(c, "answer 1") || !hasText(c, "answer 2") {
				t.Errorf("%d sent (want the acknowledgement and two updates), %d cases, messages %s", n, len(r.cases()), messagesOf(c))
			}
		})
	}
}
