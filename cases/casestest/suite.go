// Package casestest is a conformance suite every cases.Store must pass.
//
// A store's test calls Run with a function that opens a fresh, empty,
// migrated store:
//
//	func TestConformance(t *testing.T) {
//		casestest.Run(t, func(t *testing.T) cases.Store {
//			st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "db"), sqlite.Options{})
//			if err != nil {
//				t.Fatal(err)
//			}
//			t.Cleanup(func() { st.Close() })
//			return st
//		})
//	}
//
// The expectations follow the doc comments of cases.Store. Where a comment
// leaves a choice open, the test that settles it says which reading it
// takes and why.
package casestest

import (
	"context"
	"testing"

	"github.com/intake311/intake311/cases"
)

// Opener returns a fresh, empty, migrated store and registers its cleanup
// on t. Subtests run in parallel, so it may be called concurrently.
type Opener = func(t *testing.T) cases.Store

// test is one conformance test, run on a store of its own.
type test struct {
	name string
	run  func(t *testing.T, st cases.Store)
}

// Run runs the whole suite, one subtest per behaviour, grouped by entity.
// Every subtest gets its own store from open.
func Run(t *testing.T, open Opener) {
	t.Helper()
	groups := []struct {
		name  string
		tests []test
	}{
		{"Case", caseTests},
		{"Find", findTests},
		{"Update", updateTests},
		{"Workflow", workflowTests},
		{"Outbox", outboxTests},
		{"State", stateTests},
		{"Lease", leaseTests},
		{"Rules", rulesTests},
		{"Store", storeTests},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) { runTests(t, open, g.tests) })
	}
}

// runTests runs tests in parallel, each on its own store: they spend most
// of their time waiting for the database, and a store must be safe for
// concurrent use anyway.
func runTests(t *testing.T, open Opener, tests []test) {
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.run(t, open(t))
		})
	}
}

var storeTests = []test{
	{"Ping", testPing},
	{"CanceledContext", testCanceledContext},
	{"ClosedIsUnavailable", testClosedIsUnavailable},
}

// testCanceledContext checks that a caller who gave up gets an error and
// that nothing is half written.
func testCanceledContext(t *testing.T, st cases.Store) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	c := fullCase(t, instant())
	if _, _, err := st.CreateCase(ctx, c, []cases.Notification{notification(c, c.Contacts[0], cases.KindAck, "ack")}); err == nil {
		t.Fatal("CreateCase with a canceled context succeeded")
	}
	if _, err := st.Case(t.Context(), c.Tracking); !isKind(err, cases.ErrNotFound) {
		t.Errorf("Case after a canceled CreateCase = %v, want ErrNotFound", err)
	}
	if n := countNotifications(t, st); n != 0 {
		t.Errorf("%d notifications after a canceled CreateCase, want 0", n)
	}
}

func testPing(t *testing.T, st cases.Store) {
	if err := st.Ping(t.Context()); err != nil {
		t.Fatalf("Ping: %v", err)
	}
}

// testClosedIsUnavailable settles a reading: a closed store cannot reach
// its database, so it answers ErrUnavailable (the readiness probe turns
// that into 503). The opener's cleanup closes the store a second time,
// which must be harmless.
func testClosedIsUnavailable(t *testing.T, st cases.Store) {
	if err := st.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := st.Ping(t.Context()); !isKind(err, cases.ErrUnavailable) {
		t.Errorf("Ping after Close = %v, want ErrUnavailable", err)
	}
	if _, err := st.Case(t.Context(), "1000000001"); !isKind(err, cases.ErrUnavailable) {
		t.Errorf("Case after Close = %v, want ErrUnavailable", err)
	}
}
