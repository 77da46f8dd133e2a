package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/casestest"
	"github.com/intake311/intake311/cases/postgres"
)

// testDSN returns the database the tests use, from
// INTAKE311_TEST_POSTGRES_URL. Without it the test is skipped; with it, a
// server that cannot be reached fails the test.
func testDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("INTAKE311_TEST_POSTGRES_URL")
	if dsn == "" {
		t.Skip("INTAKE311_TEST_POSTGRES_URL is not set; set it to a PostgreSQL URL to run these tests")
	}
	return dsn
}

// freshSchema creates a schema with a random name for one test and drops
// it with everything in it when the test ends.
func freshSchema(t testing.TB, dsn string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect to %s: %v", dsn, err)
	}
	defer conn.Close(ctx)
	name := "test_" + randomHex(t)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() { dropSchema(t, dsn, name) })
	return name
}

func dropSchema(t testing.TB, dsn, name string) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Errorf("drop schema %s: %v", name, err)
		return
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP SCHEMA "+name+" CASCADE"); err != nil {
		t.Errorf("drop schema %s: %v", name, err)
	}
}

func randomHex(t testing.TB) string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// open returns a store in a fresh schema, closed when the test ends.
func open(t testing.TB, opts postgres.Options) *postgres.Store {
	t.Helper()
	dsn := testDSN(t)
	opts.Schema = freshSchema(t, dsn)
	st, err := postgres.Open(context.Background(), dsn, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestConformance(t *testing.T) {
	reachable(t, testDSN(t))
	casestest.Run(t, func(t *testing.T) cases.Store { return open(t, postgres.Options{}) })
}

// TestConformanceIndexedText runs the conformance suite with text filters
// turning to the text index at once, as they do for a rare text in a store
// of many cases.
func TestConformanceIndexedText(t *testing.T) {
	reachable(t, testDSN(t))
	casestest.Run(t, func(t *testing.T) cases.Store {
		st := open(t, postgres.Options{})
		postgres.SetRecentCases(st, 2)
		return st
	})
}

// reachable fails t at once if the server at dsn cannot be reached, rather
// than once per subtest.
func reachable(t *testing.T, dsn string) {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), dsn)
	if err != nil {
		t.Fatalf("INTAKE311_TEST_POSTGRES_URL is set but the server cannot be reached: %v", err)
	}
	conn.Close(t.Context())
}
