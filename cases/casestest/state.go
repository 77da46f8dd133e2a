package casestest

import (
	"bytes"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
)

var stateTests = []test{
	{"Missing", testStateMissing},
	{"Versions", testStateVersions},
	{"Values", testStateValues},
	{"Expiry", testStateExpiry},
	{"Delete", testStateDelete},
	{"Scopes", testStateScopes},
}

// shortTTL is a time to live the tests wait out; expiryWait is how long
// they wait. The wait only lets the store's clock pass the expiry: nothing
// is timed.
const (
	shortTTL   = 50 * time.Millisecond
	expiryWait = 4 * shortTTL
)

func put(t *testing.T, st cases.Store, scope, key, value string, version int64, ttl time.Duration) int64 {
	t.Helper()
	v, err := st.PutState(t.Context(), scope, key, []byte(value), version, ttl)
	if err != nil {
		t.Fatalf("PutState(%s, %s, version %d): %v", scope, key, version, err)
	}
	return v
}

func putConflict(t *testing.T, st cases.Store, scope, key string, version int64) {
	t.Helper()
	if _, err := st.PutState(t.Context(), scope, key, []byte("late"), version, 0); !isKind(err, cases.ErrConflict) {
		t.Errorf("PutState(%s, %s, version %d) = %v, want ErrConflict", scope, key, version, err)
	}
}

// checkState checks the value and version of a key.
func checkState(t *testing.T, st cases.Store, scope, key, value string, version int64) {
	t.Helper()
	got, v, err := st.GetState(t.Context(), scope, key)
	if err != nil {
		t.Fatalf("GetState(%s, %s): %v", scope, key, err)
	}
	if string(got) != value || v != version {
		t.Errorf("GetState(%s, %s) = %q, version %d; want %q, version %d", scope, key, got, v, value, version)
	}
}

func checkMissing(t *testing.T, st cases.Store, scope, key string) {
	t.Helper()
	if got, v, err := st.GetState(t.Context(), scope, key); !isKind(err, cases.ErrNotFound) {
		t.Errorf("GetState(%s, %s) = %q, %d, %v; want ErrNotFound", scope, key, got, v, err)
	}
}

func testStateMissing(t *testing.T, st cases.Store) {
	checkMissing(t, st, "ivr", "+13125550101")
	putConflict(t, st, "ivr", "+13125550101", 1)
	checkMissing(t, st, "ivr", "+13125550101")
}

// testStateVersions is optimistic concurrency: each write names the
// version it read, and a stale one is refused without changing the value.
func testStateVersions(t *testing.T, st cases.Store) {
	const scope, key = "ivr", "+13125550101"
	if v := put(t, st, scope, key, "menu", 0, 0); v != 1 {
		t.Errorf("first write: version %d, want 1", v)
	}
	putConflict(t, st, scope, key, 0)
	if v := put(t, st, scope, key, "language", 1, 0); v != 2 {
		t.Errorf("second write: version %d, want 2", v)
	}
	putConflict(t, st, scope, key, 1)
	putConflict(t, st, scope, key, 5)
	checkState(t, st, scope, key, "language", 2)
	if v := put(t, st, scope, key, "describe", 2, 0); v != 3 {
		t.Errorf("third write: version %d, want 3", v)
	}
	checkState(t, st, scope, key, "describe", 3)
}

// testStateValues checks that values are bytes, kept exactly.
func testStateValues(t *testing.T, st cases.Store) {
	values := map[string][]byte{
		"binary": {0, 1, 2, 0xff, 0xfe, 0, '\n'},
		"empty":  {},
		"json":   []byte(`{"node": "describe", "lang": "es", "digits": "4"}`),
		"large":  bytes.Repeat([]byte("0123456789abcdef"), 4096),
	}
	for key, value := range values {
		t.Run(key, func(t *testing.T) {
			if _, err := st.PutState(t.Context(), "bytes", key, value, 0, 0); err != nil {
				t.Fatalf("PutState: %v", err)
			}
			checkState(t, st, "bytes", key, string(value), 1)
		})
	}
}

// testStateExpiry checks time to live: an expired value is missing, may be
// written again from version 0 (starting at 1), and is refused to a writer
// holding its old version. Each write sets the time to live afresh.
func testStateExpiry(t *testing.T, st cases.Store) {
	const scope = "conversation"
	put(t, st, scope, "short", "a", 0, shortTTL)
	put(t, st, scope, "renewed-short", "b", 0, 0)
	put(t, st, scope, "renewed-short", "b2", 1, shortTTL)
	put(t, st, scope, "long", "c", 0, time.Hour)
	put(t, st, scope, "renewed-forever", "d", 0, time.Hour)
	put(t, st, scope, "renewed-forever", "d2", 1, 0)
	time.Sleep(expiryWait)

	checkMissing(t, st, scope, "short")
	checkMissing(t, st, scope, "renewed-short")
	checkState(t, st, scope, "long", "c", 1)
	checkState(t, st, scope, "renewed-forever", "d2", 2)

	putConflict(t, st, scope, "short", 1)
	if v := put(t, st, scope, "short", "a again", 0, 0); v != 1 {
		t.Errorf("writing an expired value anew: version %d, want 1", v)
	}
	checkState(t, st, scope, "short", "a again", 1)
}

func testStateDelete(t *testing.T, st cases.Store) {
	put(t, st, "poller", "imap", "uid:42", 0, 0)
	for range 2 {
		if err := st.DeleteState(t.Context(), "poller", "imap"); err != nil {
			t.Fatalf("DeleteState: %v", err)
		}
	}
	checkMissing(t, st, "poller", "imap")
	if v := put(t, st, "poller", "imap", "uid:1", 0, 0); v != 1 {
		t.Errorf("write after delete: version %d, want 1", v)
	}
}

func testStateScopes(t *testing.T, st cases.Store) {
	const key = "+13125550101"
	put(t, st, "ivr", key, "menu", 0, 0)
	put(t, st, "sms", key, "awaiting-address", 0, 0)
	put(t, st, "sms", key, "awaiting-photo", 1, 0)
	checkState(t, st, "ivr", key, "menu", 1)
	checkState(t, st, "sms", key, "awaiting-photo", 2)
	if err := st.DeleteState(t.Context(), "sms", key); err != nil {
		t.Fatalf("DeleteState: %v", err)
	}
	checkState(t, st, "ivr", key, "menu", 1)
	checkMissing(t, st, "sms", key)
}
