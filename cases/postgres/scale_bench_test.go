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

// seedCases inserts $1 cases with tracking numbers 1000000000+i, written
// like those of the SQLite scale benchmark ("graffiti reported near 1234
// Main St, case 5678"), with the words the gateway would index (searchWords
// folds these ASCII texts as lower and a split on non-alphanumerics do).
const seedCases = `INSERT INTO cases (tracking, status, service_code, department, priority, description, address,
		language, channel, external_id, created_at, updated_at, description_folded, address_folded, search)
	SELECT tracking, status, service_code, department, 'normal', description, address, 'en', 'sms', external_id,
		created_at, created_at, lower(description), lower(address),
		array_to_tsvector(array_remove(regexp_split_to_array(lower(description || ' ' || address), '[^a-z0-9]+'), ''))
	FROM (SELECT (1000000000 + g)::text AS tracking,
		(ARRAY['open','assigned','in_progress','on_hold','resolved','closed'])[1 + g % 6] AS status,
		(ARRAY['pothole','graffiti','street_light','missed_pickup'])[1 + g % 4] AS service_code,
		(ARRAY['streets','sanitation','forestry'])[1 + g % 3] AS department,
		(ARRAY['pothole','streetlight','graffiti','missed_trash','illegal_dumping','tree','noise','abandoned_vehicle'])[1 + g % 8]
			|| ' reported near ' || (100 + g % 9000) || ' Main St, case ' || g AS description,
		(100 + g % 9000) || ' Main St' AS address, 'SM' || g AS external_id,
		now() - g * interval '1 minute' AS created_at
		FROM generate_series(1, $1) g) AS s`

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

// textFilters are the text filters the benchmarks read, over the cases of
// seedCases (counts for a million).
var textFilters = []struct {
	name string
	text string
	f    cases.Filter
}{
	{"Rare", "case 12345", cases.Filter{}},                                            // 11 cases
	{"Common", "main st", cases.Filter{}},                                             // every case
	{"Service", "graffiti", cases.Filter{}},                                           // one case in 8
	{"CommonOpen", "main st", cases.Filter{Status: []cases.Status{cases.StatusOpen}}}, // one case in 6
	{"Number", "1234 main", cases.Filter{}},                                           // about 1,200 cases
	{"Long", "reported", cases.Filter{}},                                              // every case
}

// BenchmarkListText reads the first page of text filters through the
// text index.
func BenchmarkListText(b *testing.B) {
	st, _ := scaleStore(b)
	for _, tf := range textFilters {
		b.Run(tf.name, func(b *testing.B) {
			f := tf.f
			f.Text = tf.text
			for range b.N {
				if page, err := st.FindCases(b.Context(), f); err != nil || len(page.Cases) == 0 {
					b.Fatalf("FindCases(%q) = %v, %v; want cases", f.Text, page, err)
				}
			}
		})
	}
}

// BenchmarkListTextScan is the baseline of BenchmarkListText: the same
// filters as the substring search over the folded columns that served
// text filters before migration 0002.
func BenchmarkListTextScan(b *testing.B) {
	scaleStore(b)
	conn, err := pgx.Connect(b.Context(), scale.dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(b.Context(), "SET search_path = "+scale.schema); err != nil {
		b.Fatal(err)
	}
	for _, tf := range textFilters {
		b.Run(tf.name, func(b *testing.B) {
			query, args := scanQuery(tf.text, tf.f.Status)
			for range b.N {
				rows, _ := conn.Query(b.Context(), query, args...)
				n, err := pgx.CollectRows(rows, pgx.RowTo[int64])
				if err != nil || len(n) == 0 {
					b.Fatalf("scan %q = %d rows, %v; want some", tf.text, len(n), err)
				}
			}
		})
	}
}

// scanQuery is the list query of a text filter before the text index (the
// columns of a case list, newest first, a page and one more).
func scanQuery(text string, statuses []cases.Status) (string, []any) {
	query := `SELECT c.id FROM (SELECT c.id, c.tracking, c.status, c.close_reason, c.service_code, c.department,
		c.queue, c.assignee, c.priority, c.description, c.address, c.lat, c.lon, c.language, c.channel,
		c.external_id, c.emergency, c.tags, c.created_at, c.updated_at, c.due_at, c.classification,
		c.assignment, c.classification_explanation, c.assignment_explanation FROM cases c
		WHERE (strpos(c.description_folded, $1) > 0 OR strpos(c.address_folded, $1) > 0)`
	args := []any{text}
	if len(statuses) > 0 {
		query += " AND c.status = ANY($2)"
		args = append(args, statuses)
	}
	return query + " ORDER BY c.created_at DESC, c.id DESC LIMIT 51) c", args
}
