package casestest

import (
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
)

var leaseTests = []test{
	{"AcquireRenewRelease", testLease},
	{"Expiry", testLeaseTTL},
}

func acquire(t *testing.T, st cases.Store, name, holder string, ttl time.Duration, want bool) {
	t.Helper()
	got, err := st.AcquireLease(t.Context(), name, holder, ttl)
	if err != nil {
		t.Fatalf("AcquireLease(%s, %s): %v", name, holder, err)
	}
	if got != want {
		t.Errorf("AcquireLease(%s, %s) = %v, want %v", name, holder, got, want)
	}
}

func release(t *testing.T, st cases.Store, name, holder string) {
	t.Helper()
	if err := st.ReleaseLease(t.Context(), name, holder); err != nil {
		t.Fatalf("ReleaseLease(%s, %s): %v", name, holder, err)
	}
}

func testLease(t *testing.T, st cases.Store) {
	acquire(t, st, "imap-poller", "replica-a", time.Minute, true)
	acquire(t, st, "imap-poller", "replica-a", time.Minute, true)
	acquire(t, st, "imap-poller", "replica-b", time.Minute, false)
	acquire(t, st, "x-poller", "replica-b", time.Minute, true)
	release(t, st, "imap-poller", "replica-b")
	acquire(t, st, "imap-poller", "replica-b", time.Minute, false)
	release(t, st, "imap-poller", "replica-a")
	acquire(t, st, "imap-poller", "replica-b", time.Minute, true)
	acquire(t, st, "imap-poller", "replica-a", time.Minute, false)
	release(t, st, "never-taken", "replica-a")
}

// testLeaseTTL checks that a lease its holder stopped renewing passes to
// another holder, and that renewing extends it.
func testLeaseTTL(t *testing.T, st cases.Store) {
	acquire(t, st, "imap-poller", "replica-a", shortTTL, true)
	acquire(t, st, "x-poller", "replica-a", shortTTL, true)
	acquire(t, st, "x-poller", "replica-a", time.Hour, true)
	time.Sleep(expiryWait)
	acquire(t, st, "imap-poller", "replica-b", time.Minute, true)
	acquire(t, st, "imap-poller", "replica-a", time.Minute, false)
	acquire(t, st, "x-poller", "replica-b", time.Minute, false)
}
