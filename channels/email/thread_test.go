package email_test

import (
	"strings"
	"testing"

	"github.com/intake311/intake311/channels/email/emailtest"
)

// TestThreading sends follow-ups that name the first report in each way a
// mail client or a resident may: each joins the case, except a stranger
// quoting the number in the subject, who opens a new case.
func TestThreading(t *testing.T) {
	for _, tc := range []struct {
		name     string
		reply    func(ackID, tn string) emailtest.Message
		sameCase bool
	}{
		{"in-reply-to", func(ackID, _ string) emailtest.Message {
			return emailtest.Message{From: "ana@resident.example", InReplyTo: ackID, Subject: "Re: your report"}
		}, true},
		{"references only", func(ackID, _ string) emailtest.Message {
			return emailtest.Message{From: "ana@resident.example", References: []string{"x@elsewhere.example", ackID}, Subject: "more"}
		}, true},
		{"plus address", func(_, tn string) emailtest.Message {
			return emailtest.Message{From: "ana@resident.example", To: "311+" + tn + "@riverton.example", Subject: "one more thing"}
		}, true},
		{"tracking number in the subject", func(_, tn string) emailtest.Message {
			return emailtest.Message{From: "Ana <ANA@resident.example>", Subject: "About report #" + tn[:3] + "-" + tn[3:6] + "-" + tn[6:]}
		}, true},
		{"a stranger quoting the number", func(_, tn string) emailtest.Message {
			return emailtest.Message{From: "bo@elsewhere.example", Subject: "Report #" + tn}
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t)
			r.run(r.channel())
			r.deliver(emailtest.Message{From: "ana@resident.example", Subject: "Broken streetlight", Body: "The light on 5th St is out."})
			ack := r.sent(1)[0].Parsed
			c := r.oneCase()
			m := tc.reply(ack.MessageID, string(c.Tracking))
			m.Body = "It is still dark at night."
			r.deliver(m)
			eventually(t, "the follow-up processed", func() string {
				if r.count("Processed") != 2 {
					return "not yet"
				}
				return ""
			})
			joined := strings.Contains(messagesOf(r.caseOf(c.Tracking)), "still dark")
			if joined != tc.sameCase || (len(r.cases()) == 1) != tc.sameCase {
				t.Fatalf("joined %v with %d cases, want joined %v", joined, len(r.cases()), tc.sameCase)
			}
		})
	}
}
