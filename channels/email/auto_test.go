package email_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels/email"
	"github.com/intake311/intake311/channels/email/emailtest"
)

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		file string
		want email.Kind
	}{
		{"ooo.eml", email.AutoReply},
		{"ooo-subject.eml", email.AutoReply},
		{"list.eml", email.Bulk},
		{"bulk.eml", email.Bulk},
		{"nullpath.eml", email.Bulk},
		{"person.eml", email.Person},
		{"dsn.eml", email.Bounce},
		{"html.eml", email.Person},
	} {
		t.Run(tc.file, func(t *testing.T) {
			v := email.Classify(email.Parse(readFixture(t, tc.file)))
			if v.Kind != tc.want {
				t.Errorf("%s (%s), want %s", v.Kind, v.Reason, tc.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		file, text, subject string
		attachments         int
	}{
		{"person.eml", "Nobody collected the trash on Elm St this week. Señora Park", "Trash not picked up", 0},
		{"html.eml", "A tree fell on Pine St.\n\nIt blocks the road.", "Tree down", 1},
		{"broken.eml", "no boundary here, just text about a broken sidewalk", "Bache en la calle", 0},
		{"charset.eml", "駅前の道路に大きな穴があります。", "道路に穴", 0},
	} {
		t.Run(tc.file, func(t *testing.T) {
			p := email.Parse(readFixture(t, tc.file))
			if p.Text != tc.text || p.Subject != tc.subject || len(p.Attachments) != tc.attachments {
				t.Errorf("text %q subject %q attachments %d (defects %v)", p.Text, p.Subject, len(p.Attachments), p.Defects)
			}
		})
	}
}

// TestOutOfOfficeAndBounce answers a report's acknowledgement with an
// out-of-office reply and a bounce: the first is kept on the case, the
// second marks the acknowledgement undelivered, and neither is answered.
func TestOutOfOfficeAndBounce(t *testing.T) {
	r := newRig(t)
	r.run(r.channel())
	r.deliver(emailtest.Message{From: "pat@resident.example", Subject: "Missed trash", Body: "Nobody picked up the trash on Elm St.", MessageID: "r1@resident.example"})
	ack := r.sent(1)[0].Parsed
	c := r.oneCase()
	r.deliver(emailtest.Message{From: "pat@resident.example", Subject: "Automatic reply: " + ack.Subject, InReplyTo: ack.MessageID,
		Header: map[string]string{"Auto-Submitted": "auto-replied"}, Body: "I am away this week."})
	dsn := strings.ReplaceAll(string(readFixture(t, "dsn.eml")), "OUTBOUND_ID", ack.MessageID)
	if err := r.imap.Append(t.Context(), []byte(strings.ReplaceAll(dsn, "\n", "\r\n"))); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the out-of-office reply and the bounce", func() string {
		c = r.caseOf(c.Tracking)
		var ooo, bounced bool
		for _, m := range c.Messages {
			ooo = ooo || strings.Contains(m.Text, "away this week")
			bounced = bounced || m.ProviderID == ack.MessageID && m.DeliveryStatus == cases.DeliveryUndelivered
		}
		if !ooo || !bounced {
			return messagesOf(c)
		}
		return ""
	})
	eventually(t, "three messages processed", func() string {
		if n := r.count("Processed"); n != 3 {
			return fmt.Sprintf("%d processed", n)
		}
		return ""
	})
	if n := len(r.catcher.Messages()); n != 1 {
		t.Errorf("%d messages sent, want only the acknowledgement", n)
	}
	if _, err := r.work.ChangeStatus(t.Context(), c.Tracking, cases.StatusChange{Status: cases.StatusInProgress}); err != nil {
		t.Fatal(err)
	}
	if update := r.sent(2)[1].Parsed; len(update.InReplyTo) != 1 || update.InReplyTo[0] != "r1@resident.example" {
		t.Errorf("the update answers %v, want the resident's report, not the automatic reply", update.InReplyTo)
	}
}

// TestReplyCap sends more reports from one address than the hourly cap:
// every one becomes a case, only the first five are answered.
func TestReplyCap(t *testing.T) {
	r := newRig(t)
	r.run(r.channelWith(anHour))
	for i := range 7 {
		r.deliver(emailtest.Message{From: "busy@resident.example", Subject: "Pothole", Body: "Pothole number " + string(rune('A'+i)) + " on Main St."})
	}
	eventually(t, "seven cases", func() string {
		if n := len(r.cases()); n != 7 {
			return "not yet"
		}
		return ""
	})
	eventually(t, "the outbox drained", func() string {
		pending, err := r.store.Notifications(t.Context(), cases.NotificationPending, 0, 100)
		if err != nil || len(pending) != 0 {
			return fmt.Sprintf("%d notifications pending (%v)", len(pending), err)
		}
		return ""
	})
	if n := len(r.catcher.Messages()); n != 5 {
		t.Fatalf("%d replies sent, want 5", n)
	}
}

// TestOwnMailIgnored delivers mail from the gateway's own address, as a
// misrouted reply would be: no case, no answer, no loop.
func TestOwnMailIgnored(t *testing.T) {
	r := newRig(t)
	r.run(r.channel())
	r.deliver(emailtest.Message{From: "Riverton 311 <311+1234@riverton.example>", Subject: "[311 #1234] News", Body: "Work has started."})
	eventually(t, "the message processed", func() string {
		if r.count("Processed") != 1 {
			return "not yet"
		}
		return ""
	})
	if len(r.cases()) != 0 || len(r.catcher.Messages()) != 0 {
		t.Fatalf("%d cases, %d sent", len(r.cases()), len(r.catcher.Messages()))
	}
}
