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
	"testing"

	"github.com/intake311/intake311/cases"
)

// Opener returns a fresh, empty, migrated store and registers its cleanup
// on t.
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

func runTests(t *testing.T, open Opener, tests []test) {
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, open(t)) })
	}
}

var storeTests = []test{
	{"Ping", testPing},
	{"ClosedIsUnavailable", testClosedIsUnavailable},
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
