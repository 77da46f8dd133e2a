package postgres_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/postgres"
)

// The scale benchmarks read a store seeded with INTAKE311_BENCH_CASES
// cases (10,000 by default), each with a reporter, a message and a history
// entry, created one minute apart. The store is seeded once per run and
// dropped by TestMain.
var scale struct {
	once   sync.Once
	dsn    string
	schema string
	st     *postgres.Store
	cases  int
	err    error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if scale.st != nil {
		scale.st.Close()
		dropScaleSchema()
	}
	os.Exit(code)
}

// scaleStore returns the seeded store and how many cases it holds.
func scaleStore(b *testing.B) (*postgres.Store, int) {
	b.Helper()
	dsn := testDSN(b)
	scale.once.Do(func() { scale.err = seedScale(dsn) })
	if scale.err != nil {
		b.Fatal(scale.err)
	}
	return scale.st, scale.cases
}

func seedScale(dsn string) error {
	n := 10_000
	if s := os.Getenv("INTAKE311_BENCH_CASES"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			return fmt.Errorf("INTAKE311_BENCH_CASES=%q: want a positive number", s)
		}
		n = v
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	scale.dsn, scale.schema, scale.cases = dsn, "bench_scale_"+strconv.Itoa(os.Getpid()), n
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+scale.schema); err != nil {
		return err
	}
	if scale.st, err = postgres.Open(ctx, dsn, postgres.Options{Schema: scale.schema}); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, "SET search_path = "+scale.schema); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, seedCases, n); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	for _, sql := range seedDetails {
		if _, err := conn.Exec(ctx, sql); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
	}
	return nil
}

// seedCases inserts $1 cases with tracking numbers 1000000000+i.
const seedCases = `INSERT INTO cases (tracking, status, service_code, department, priority, description, address,
		language, channel, external_id, created_at, updated_at, description_folded, address_folded)
	SELECT (1000000000 + g)::text, (ARRAY['open','assigned','in_progress','on_hold','resolved','closed'])[1 + g % 6],
		(ARRAY['pothole','graffiti','street_light','missed_pickup'])[1 + g % 4],
		(ARRAY['streets','sanitation','forestry'])[1 + g % 3], 'normal',
		'Report number ' || g, g || ' N MAIN ST', 'en', 'sms', 'SM' || g,
		now() - g * interval '1 minute', now() - g * interval '1 minute',
		'report number ' || g, g || ' n main st'
	FROM generate_series(1, $1) g`

// seedDetails gives each case a reporter, a message and a history entry,
// then refreshes the planner's statistics.
var seedDetails = []string{
	`INSERT INTO contacts (case_id, channel, address, language, role, consent, created_at)
	SELECT id, 'sms', '+1312' || lpad((id % 10000000)::text, 7, '0'), 'en', 'reporter', true, created_at FROM cases`,
	`INSERT INTO messages (case_id, direction, channel, address, provider_id, text, at, delivery_status)
	SELECT id, 'in', 'sms', '+1312' || lpad((id % 10000000)::text, 7, '0'), external_id, description, created_at, 'received' FROM cases`,
	`INSERT INTO history (case_id, status, note, at) SELECT id, 'open', 'reported by sms', created_at FROM cases`,
	`ANALYZE`,
}

func dropScaleSchema() {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, scale.dsn)
	if err != nil {
		fmt.Fprintf(os.Stderr, "drop %s: %v\n", scale.schema, err)
		return
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP SCHEMA "+scale.schema+" CASCADE"); err != nil {
		fmt.Fprintf(os.Stderr, "drop %s: %v\n", scale.schema, err)
	}
}

// BenchmarkCaseLookup reads cases with all their details by tracking
// number, spread over the whole store.
func BenchmarkCaseLookup(b *testing.B) {
	st, n := scaleStore(b)
	b.ResetTimer()
	for i := range b.N {
		tn := cases.TrackingNumber(strconv.Itoa(1000000000 + 1 + (i*7919)%n))
		if _, err := st.Case(b.Context(), tn); err != nil {
			b.Fatalf("Case %s: %v", tn, err)
		}
	}
}

// BenchmarkListFirstPage reads the default list's first page, the staff
// dashboard's landing view.
func BenchmarkListFirstPage(b *testing.B) {
	benchmarkList(b, cases.Filter{})
}

// BenchmarkListByStatus reads the first page of open cases.
func BenchmarkListByStatus(b *testing.B) {
	benchmarkList(b, cases.Filter{Status: []cases.Status{cases.StatusOpen}})
}

func benchmarkList(b *testing.B, f cases.Filter) {
	st, _ := scaleStore(b)
	b.ResetTimer()
	for range b.N {
		page, err := st.FindCases(b.Context(), f)
		if err != nil || len(page.Cases) != f.PageSize() {
			b.Fatalf("FindCases = %v, %v; want a full page", page, err)
		}
	}
}
