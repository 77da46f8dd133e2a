package postgres_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/postgres"
)

func TestMigrate(t *testing.T) {
	dsn := testDSN(t)
	opts := postgres.Options{Schema: freshSchema(t, dsn)}
	applied, err := postgres.Migrate(t.Context(), dsn, opts)
	if err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	if !slices.Equal(applied, []string{"0001_init"}) {
		t.Errorf("first Migrate applied %q, want [0001_init]", applied)
	}
	again, err := postgres.Migrate(t.Context(), dsn, opts)
	if err != nil || len(again) != 0 {
		t.Errorf("second Migrate = %q, %v; want nothing applied", again, err)
	}
	st, err := postgres.Open(t.Context(), dsn, opts)
	if err != nil {
		t.Fatalf("Open after Migrate: %v", err)
	}
	st.Close()
}

// TestMigrateConcurrently starts several replicas on an empty schema at
// once: each migration is applied exactly once and none of them fails.
func TestMigrateConcurrently(t *testing.T) {
	dsn := testDSN(t)
	opts := postgres.Options{Schema: freshSchema(t, dsn)}
	const replicas = 4
	var mu sync.Mutex
	var all []string
	var wg sync.WaitGroup
	for range replicas {
		wg.Go(func() {
			applied, err := postgres.Migrate(t.Context(), dsn, opts)
			if err != nil {
				t.Errorf("Migrate: %v", err)
			}
			mu.Lock()
			all = append(all, applied...)
			mu.Unlock()
		})
	}
	wg.Wait()
	if !slices.Equal(all, []string{"0001_init"}) {
		t.Errorf("replicas applied %q in all, want 0001_init once", all)
	}
	var n int
	conn := connect(t, dsn)
	if err := conn.QueryRow(t.Context(), "SELECT count(*) FROM "+pgx.Identifier{opts.Schema, "schema_migrations"}.Sanitize()).Scan(&n); err != nil || n != 1 {
		t.Errorf("schema_migrations has %d rows (%v), want 1", n, err)
	}
}

func TestMigrateMissingSchema(t *testing.T) {
	dsn := testDSN(t)
	_, err := postgres.Migrate(t.Context(), dsn, postgres.Options{Schema: "missing_" + randomHex(t)})
	if err == nil {
		t.Fatal("Migrate into a missing schema succeeded")
	}
}

// TestOpenErrors needs no server: it checks the kinds of errors callers
// map to answers (a 503 for a database that is down).
func TestOpenErrors(t *testing.T) {
	tests := []struct {
		name string
		dsn  string
		kind error
	}{
		{"Refused", "postgres://postgres@127.0.0.1:1/test?sslmode=disable&connect_timeout=5", cases.ErrUnavailable},
		{"BadDSN", "postgres://%zz", cases.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := postgres.Open(context.Background(), tt.dsn, postgres.Options{})
			if err == nil {
				st.Close()
			}
			if !errors.Is(err, tt.kind) {
				t.Errorf("Open(%s) = %v, want %v", tt.dsn, err, tt.kind)
			}
		})
	}
}

func connect(t *testing.T, dsn string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), dsn)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}
