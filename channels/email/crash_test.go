package email_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
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

// TestMessageSetAside makes one message fail every time (its photo cannot
// be stored): after three tries it goes to the Failed folder, and the
// message behind it is still taken in.
func TestMessageSetAside(t *testing.T) {
	r := newRig(t)
	r.media = filepath.Join(r.media, "not-a-folder")
	if err := os.WriteFile(filepath.Dir(r.media), []byte("a file where the media folder should be"), 0o600); err != nil {
		t.Fatal(err)
	}
	r.run(r.channel())
	r.deliver(emailtest.Message{From: "ivy@resident.example", Subject: "Dumped sofa", Body: "A sofa on the curb.",
		Files: []emailtest.File{{Name: "sofa.jpg", ContentType: "image/jpeg", Data: photo}}})
	r.deliver(emailtest.Message{From: "ivy@resident.example", Subject: "Graffiti", Body: "Paint on the bridge."})
	eventually(t, "one message set aside, one taken in", func() string {
		if r.count("Failed") != 1 || r.count("Processed") != 1 {
			return "not yet"
		}
		return ""
	})
	if cs := r.cases(); len(cs) != 1 || !strings.Contains(cs[0].Description, "bridge") {
		t.Fatalf("cases %v", cs)
	}
}
