package email_test

import (
	"errors"
	"sync/atomic"
	"testing"

	"github.com/intake311/intake311/channels/email"
	"github.com/intake311/intake311/channels/email/emailtest"
)

var errCrash = errors.New("crash between the commit and the move")

// TestCrashBetweenCommitAndMove stops a replica after it committed a case
// and before it moved the message; the next replica moves the message
// without a second case or a second acknowledgement. It runs with MOVE and
// with the COPY + EXPUNGE fallback.
func TestCrashBetweenCommitAndMove(t *testing.T) {
	for _, tc := range []struct {
		name   string
		noMove bool
	}{{"move", false}, {"copy and expunge", true}} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRigWith(t, emailtest.IMAPOptions{NoMove: tc.noMove})
			first := r.channel()
			var reached atomic.Bool
			email.SetBeforeMove(first, func(uint32) error { reached.Store(true); return errCrash })
			stop := r.run(first)
			r.deliver(emailtest.Message{From: "lee@resident.example", Subject: "Streetlight out", Body: "The light at Oak Ave and 3rd St is dark."})
			c := r.oneCase()
			eventually(t, "the first replica at the move", func() string {
				if !reached.Load() {
					return "not yet"
				}
				return ""
			})
			stop()
			if n := r.count("INBOX"); n != 1 {
				t.Fatalf("%d messages in the inbox after the crash, want 1", n)
			}
			r.run(r.channel())
			eventually(t, "the message moved", func() string {
				if r.count("INBOX") != 0 || r.count("Processed") != 1 {
					return "not yet"
				}
				return ""
			})
			if cs := r.cases(); len(cs) != 1 || cs[0].Tracking != c.Tracking {
				t.Fatalf("%d cases after the restart", len(cs))
			}
			if sent := r.sent(1); len(sent) != 1 {
				t.Fatalf("%d acknowledgements", len(sent))
			}
		})
	}
}

// TestSameMessageTwice delivers one message twice (as a provider retrying
// a delivery would): one case.
func TestSameMessageTwice(t *testing.T) {
	r := newRig(t)
	r.run(r.channel())
	m := emailtest.Message{From: "kim@resident.example", Subject: "Graffiti", Body: "Graffiti on the library wall.", MessageID: "once@resident.example"}
	r.deliver(m)
	r.deliver(m)
	eventually(t, "both copies processed", func() string {
		if r.count("Processed") != 2 {
			return "not yet"
		}
		return ""
	})
	if cs := r.cases(); len(cs) != 1 {
		t.Fatalf("%d cases", len(cs))
	}
}
