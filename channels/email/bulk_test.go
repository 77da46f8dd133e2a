package email_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels/email"
	"github.com/intake311/intake311/channels/email/emailtest"
)

// logBuffer keeps what a channel logs, for a test to read while the
// poller writes.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// bulkMail is mail that must not become a case, each with the reason the
// log must give.
var bulkMail = []struct {
	name   string
	msg    emailtest.Message
	reason string
}{
	{"mailing list", emailtest.Message{From: "Neighbors <news@block-club.example>", Subject: "This week on our block",
		Body: "Street fair on Saturday.", Header: map[string]string{"List-Id": "<block-club.example>",
			"List-Unsubscribe": "<mailto:leave@block-club.example>", "Precedence": "list"}}, "Precedence: list"},
	{"newsletter", emailtest.Message{From: "Offers <deals@shop.example>", Subject: "Big sale on paint",
		Body: "Everything must go.", Header: map[string]string{"List-Unsubscribe": "<https://shop.example/u?id=1>"}}, "List-Unsubscribe header"},
	{"precedence bulk", emailtest.Message{From: "deals@shop.example", Subject: "Offers", Body: "Buy now.",
		Header: map[string]string{"Precedence": "bulk"}}, "Precedence: bulk"},
	{"no-reply sender", emailtest.Message{From: "Parcel <alerts-noreply@parcels.example>", Subject: "Your parcel is on its way",
		Body: "Track it online."}, "sent from a no-reply address"},
	{"machine mail", emailtest.Message{From: "cron@systems.example", Subject: "Nightly job finished", Body: "Done.",
		Header: map[string]string{"Auto-Submitted": "auto-generated"}}, "Auto-Submitted: auto-generated"},
	{"out of office to no case", emailtest.Message{From: "pat@resident.example", Subject: "Automatic reply: Block party",
		Body: "I am away this week.", InReplyTo: "party-1@block-club.example",
		Header: map[string]string{"Auto-Submitted": "auto-replied"}}, "Auto-Submitted: auto-replied"},
}

// TestBulkSetAside delivers list, newsletter and machine mail: each goes
// to the Bulk folder, logged with its Message-ID and reason, with no case
// and no reply.
func TestBulkSetAside(t *testing.T) {
	for i, tc := range bulkMail {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t)
			var logs logBuffer
			r.run(r.channelWith(func(o *email.Options) { o.Logger = slog.New(slog.NewTextHandler(&logs, nil)) }))
			m := tc.msg
			m.MessageID = fmt.Sprintf("bulk-%d@sender.example", i)
			r.deliver(m)
			eventually(t, "the message in the Bulk folder", func() string {
				if n := r.count("Bulk"); n != 1 {
					return fmt.Sprintf("%d in Bulk, %d in the inbox, %d processed", n, r.count("INBOX"), r.count("Processed"))
				}
				return ""
			})
			if n, p := len(r.cases()), r.count("Processed"); n != 0 || p != 0 {
				t.Errorf("%d cases, %d processed", n, p)
			}
			r.drained()
			if n := len(r.catcher.Messages()); n != 0 {
				t.Errorf("%d replies sent", n)
			}
			line := logLine(logs.String(), "bulk mail set aside")
			if !strings.Contains(line, "message_id="+m.MessageID) || !strings.Contains(line, tc.reason) {
				t.Errorf("log %q, want the message id and %q", line, tc.reason)
			}
		})
	}
}

// logLine returns the first line of logs that contains s.
func logLine(logs, s string) string {
	for _, line := range strings.Split(logs, "\n") {
		if strings.Contains(line, s) {
			return line
		}
	}
	return ""
}

// drained waits until the outbox has nothing pending.
func (r *rig) drained() {
	r.t.Helper()
	eventually(r.t, "the outbox drained", func() string {
		pending, err := r.store.Notifications(r.t.Context(), cases.NotificationPending, 0, 100)
		if err != nil || len(pending) != 0 {
			return fmt.Sprintf("%d notifications pending (%v)", len(pending), err)
		}
		return ""
	})
}

// TestBulkThreadsOntoCase answers a case's acknowledgement with list mail,
// by In-Reply-To and by plus address: it joins the case, changes no
// contact and gets no reply; the next update still goes to the resident
// only, in the resident's thread.
func TestBulkThreadsOntoCase(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(m *emailtest.Message, ack *email.Parsed, tn cases.TrackingNumber)
	}{
		{"in-reply-to", func(m *emailtest.Message, ack *email.Parsed, _ cases.TrackingNumber) { m.InReplyTo = ack.MessageID }},
		{"plus address", func(m *emailtest.Message, _ *email.Parsed, tn cases.TrackingNumber) {
			m.To = "311+" + string(tn) + "@riverton.example"
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t)
			r.run(r.channel())
			r.deliver(emailtest.Message{From: "ana@resident.example", Subject: "Fallen tree", Body: "A tree is down on Pine St.", MessageID: "tree-1@resident.example"})
			ack := r.sent(1)[0].Parsed
			c := r.oneCase()
			list := emailtest.Message{From: "Block club <list@block-club.example>", Subject: "Re: " + ack.Subject,
				Body: "Ana says the tree now blocks both lanes.", MessageID: "list-9@block-club.example",
				Header: map[string]string{"List-Id": "<block-club.example>", "Precedence": "list"}}
			tc.edit(&list, ack, c.Tracking)
			r.deliver(list)
			eventually(t, "the list mail on the case", func() string {
				c = r.caseOf(c.Tracking)
				if !hasText(c, "both lanes") {
					return messagesOf(c)
				}
				return ""
			})
			if n, b := len(r.cases()), r.count("Bulk"); n != 1 || b != 0 || len(c.Contacts) != 1 {
				t.Errorf("%d cases, %d set aside, contacts %+v", n, b, c.Contacts)
			}
			if _, err := r.work.ChangeStatus(t.Context(), c.Tracking, cases.StatusChange{Status: cases.StatusInProgress}); err != nil {
				t.Fatal(err)
			}
			update := r.sent(2)[1]
			if update.To[0] != "ana@resident.example" || len(update.Parsed.InReplyTo) != 1 || update.Parsed.InReplyTo[0] != "tree-1@resident.example" {
				t.Errorf("update to %v in reply to %v", update.To, update.Parsed.InReplyTo)
			}
		})
	}
}

func hasText(c *cases.Case, s string) bool {
	for _, m := range c.Messages {
		if strings.Contains(m.Text, s) {
			return true
		}
	}
	return false
}

// residentMail is ordinary mail from residents, which must become cases:
// personal mail carries no list or machine headers, and a digest a
// resident forwards is theirs.
var residentMail = []emailtest.Message{
	{From: "Jo Park <jo.park@gmail.example>", Subject: "Trash not picked up", Body: "Nobody collected the trash on Elm St this week.",
		Header: map[string]string{"X-Mailer": "iPhone Mail (20A362)", "Content-Language": "en-US"}},
	{From: "Lee Wong <lee@outlook.example>", Subject: "Streetlight out", Body: "The light at Oak Ave and 3rd St is dark.",
		Header: map[string]string{"Thread-Topic": "Streetlight out", "Thread-Index": "AQHZ1a2b3c4d5e6f", "X-MS-Has-Attach": "",
			"X-MS-TNEF-Correlator": "", "Auto-Submitted": "no", "Importance": "high"}},
	{From: "Rosa Díaz <rosa@resident.example>", Subject: "Fwd: Block club digest, Vol 12",
		Body: "Please look at the second item: the hydrant on Birch St is leaking.\n\n" +
			"---------- Forwarded message ---------\nFrom: Block club <list@block-club.example>\n" +
			"List-Id: <block-club.example>\nSubject: Block club digest, Vol 12\n\n1. Street fair\n2. Leaking hydrant on Birch St"},
	{From: "sam@resident.example", Subject: "Absence of street lights on Elm St", Body: "Half the lights on Elm St are out."},
	{From: "kim@resident.example", Subject: "Animal abuse report", Body: "A dog has been left on a balcony on Main St for days."},
	{From: "vi@resident.example", Subject: "Vacation rental parties", Body: "Loud parties every night at 12 Oak Ave."},
}

// TestResidentMailIsCase delivers ordinary residents' mail: each becomes a
// case and is acknowledged; nothing is set aside.
func TestResidentMailIsCase(t *testing.T) {
	r := newRig(t)
	r.run(r.channel())
	for _, m := range residentMail {
		r.deliver(m)
	}
	eventually(t, "every message a case", func() string {
		if n := len(r.cases()); n != len(residentMail) {
			return fmt.Sprintf("%d cases, %d set aside", n, r.count("Bulk"))
		}
		return ""
	})
	r.sent(len(residentMail))
	if n := r.count("Bulk"); n > 0 {
		t.Errorf("%d set aside", n)
	}
}

// TestClassifyMail classifies the mail of the tests above without a
// mailbox, and senders by address: no resident's message is bulk.
func TestClassifyMail(t *testing.T) {
	for _, tc := range bulkMail {
		t.Run(tc.name, func(t *testing.T) {
			if v := classify(t, tc.msg); v.Answerable() || !strings.Contains(v.Reason, tc.reason) {
				t.Errorf("%s (%s), want %q", v.Kind, v.Reason, tc.reason)
			}
		})
	}
	for _, m := range residentMail {
		t.Run(m.Subject, func(t *testing.T) {
			if v := classify(t, m); v.Kind != email.Person {
				t.Errorf("%s (%s), want person", v.Kind, v.Reason)
			}
		})
	}
	for _, tc := range []struct {
		from string
		want email.Kind
	}{
		{"noreply@city.example", email.Bulk}, {"no-reply+42@city.example", email.Bulk}, {"alerts-noreply@bank.example", email.Bulk},
		{"do_not_reply@utility.example", email.Bulk}, {"DoNotReply@shop.example", email.Bulk},
		{"knoreply@resident.example", email.Person}, {"noreplyfan@resident.example", email.Person}, {"reply@resident.example", email.Person},
	} {
		t.Run(tc.from, func(t *testing.T) {
			if v := classify(t, emailtest.Message{From: tc.from, Subject: "Pothole", Body: "On Main St."}); v.Kind != tc.want {
				t.Errorf("%s (%s), want %s", v.Kind, v.Reason, tc.want)
			}
		})
	}
}

func classify(t *testing.T, m emailtest.Message) email.Verdict {
	t.Helper()
	raw, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return email.Classify(email.Parse(raw))
}
