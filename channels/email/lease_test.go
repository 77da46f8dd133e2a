package email_test

import (
	"sync/atomic"
	"testing"

	"github.com/intake311/intake311/channels/email"
	"github.com/intake311/intake311/channels/email/emailtest"
)

// TestOneReplicaPerMailbox runs two replicas on one mailbox: the one that
// holds the lease reads every message, the other none.
func TestOneReplicaPerMailbox(t *testing.T) {
	r := newRig(t)
	var moved [2]atomic.Int64
	for i := range moved {
		ch := r.channel()
		email.SetBeforeMove(ch, func(uint32) error { moved[i].Add(1); return nil })
		r.run(ch)
	}
	for range 10 {
		r.deliver(emailtest.Message{From: "max@resident.example", Subject: "Tree branch", Body: "A branch hangs over Elm St."})
	}
	eventually(t, "ten messages processed", func() string {
		if r.count("Processed") != 10 {
			return "not yet"
		}
		return ""
	})
	a, b := moved[0].Load(), moved[1].Load()
	if a+b != 10 || a != 0 && b != 0 {
		t.Fatalf("replicas moved %d and %d messages, want 10 by one of them", a, b)
	}
}
