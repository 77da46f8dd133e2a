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

// allMigrations are the versions of every migration, in order.
var allMigrations = []string{"0001_init", "0002_search", "0003_search_index"}

func TestMigrate(t *testing.T) {
	dsn := testDSN(t)
	opts := postgres.Options{Schema: freshSchema(t, dsn)}
	applied, err := postgres.Migrate(t.Context(), dsn, opts)
	if err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	if !slices.Equal(applied, allMigrations) {
		t.Errorf("first Migrate applied %q, want %q", applied, allMigrations)
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
	if !slices.Equal(all, allMigrations) {
		t.Errorf("replicas applied %q in all, want %q once", all, allMigrations)
	}
	var n int
	conn := connect(t, dsn)
	if err := conn.QueryRow(t.Context(), "SELECT count(*) FROM "+pgx.Identifier{opts.Schema, "schema_migrations"}.Sanitize()).Scan(&n); err != nil || n != len(allMigrations) {
		t.Errorf("schema_migrations has %d rows (%v), want %d", n, err, len(allMigrations))
	}
}

// TestMigrateBackfillsSearch stores cases as the first version of the
// schema did, then migrates: the text filter finds them by their words.
func TestMigrateBackfillsSearch(t *testing.T) {
	dsn := testDSN(t)
	opts := postgres.Options{Schema: freshSchema(t, dsn)}
	if _, err := postgres.MigrateTo(t.Context(), dsn, opts, "0001_init"); err != nil {
		t.Fatalf("MigrateTo(0001_init): %v", err)
	}
	conn := connect(t, dsn)
	insert := `INSERT INTO ` + pgx.Identifier{opts.Schema, "cases"}.Sanitize() + ` (tracking, status, channel, description, address,
		created_at, updated_at, description_folded, address_folded)
		SELECT (1000000000 + g)::text, 'open', 'sms', 'Bache número ' || g, 'Calle Peña ' || g, now(), now(), '', ''
		FROM generate_series(1, 12000) g` // more than two batches
	if _, err := conn.Exec(t.Context(), insert); err != nil {
		t.Fatalf("insert: %v", err)
	}
	applied, err := postgres.Migrate(t.Context(), dsn, opts)
	if err != nil || !slices.Equal(applied, allMigrations[1:]) {
		t.Fatalf("Migrate = %q, %v; want %q", applied, err, allMigrations[1:])
	}
	st, err := postgres.Open(t.Context(), dsn, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer st.Close()
	for text, want := range map[string]int{"pena 11999": 1, "NUMERO 120": 12, "calle bache": cases.MaxPageSize} {
		page, err := st.FindCases(t.Context(), cases.Filter{Text: text, Limit: cases.MaxPageSize})
		if err != nil || len(page.Cases) != want {
			t.Errorf("FindCases(%q) = %d cases, %v; want %d", text, pageLen(page), err, want)
		}
	}
}

// pageLen is the number of cases on page, which may be nil.
func pageLen(page *cases.CasePage) int {
	if page == nil {
		return 0
	}
	return len(page.Cases)
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
