package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/sqlite"
)

// scaleCases is the size of the database the scale benchmarks read:
// INTAKE311_BENCH_CASES, or a million.
func scaleCases(b *testing.B) int {
	s := os.Getenv("INTAKE311_BENCH_CASES")
	if s == "" {
		return 1_000_000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		b.Fatalf("INTAKE311_BENCH_CASES=%q: want a positive number", s)
	}
	return n
}

// scaleDB returns a SQLite database with scaleCases cases (each with a
// contact, an inbound message and a history entry) and some of their
// tracking numbers. It is generated once, with plain SQL in large
// transactions (the triggers of migration 0003 fill the text index), and
// kept in the temporary directory for later runs.
func scaleDB(b *testing.B) (string, []cases.TrackingNumber) {
	n := scaleCases(b)
	path := filepath.Join(os.TempDir(), fmt.Sprintf("intake311-scale-%d-v3.db", n))
	if _, err := os.Stat(path); err != nil {
		start := time.Now()
		if err := generate(path+".tmp", n); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(path+".tmp", path); err != nil {
			b.Fatal(err)
		}
		b.Logf("generated %d cases in %s", n, time.Since(start).Round(time.Second))
	}
	return path, sampleTracking(b, path)
}

func generate(path string, n int) error {
	os.Remove(path)
	ctx := context.Background()
	if _, err := sqlite.Migrate(ctx, path); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for done := 0; done < n; done += 50_000 {
		if err := generateChunk(ctx, db, done, min(50_000, n-done), start); err != nil {
			return err
		}
	}
	return nil
}

var (
	services = []string{"pothole", "streetlight", "graffiti", "missed_trash", "illegal_dumping", "tree", "noise", "abandoned_vehicle"}
	statuses = []string{"open", "assigned", "in_progress", "resolved", "closed", "closed", "closed"}
)

func generateChunk(ctx context.Context, db *sql.DB, from, n int, start time.Time) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	insCase, _ := tx.Prepare(`INSERT INTO cases (tracking, status, service_code, department, priority, description, address,
		language, channel, external_id, created_at, updated_at, search) VALUES (?, ?, ?, 'streets', 'normal', ?, ?, 'en', 'sms', ?, ?, ?, ?)`)
	insContact, _ := tx.Prepare(`INSERT INTO contacts (case_id, channel, address, language, role, consent, created_at) VALUES (?, 'sms', ?, 'en', 'reporter', 1, ?)`)
	insMsg, _ := tx.Prepare(`INSERT INTO messages (case_id, direction, channel, address, provider_id, text, at, delivery_status) VALUES (?, 'in', 'sms', ?, ?, ?, ?, 'received')`)
	insHist, _ := tx.Prepare(`INSERT INTO history (case_id, status, note, at) VALUES (?, 'open', 'reported by sms', ?)`)
	for i := from; i < from+n; i++ {
		if err := generateCase(i, start, insCase, insContact, insMsg, insHist); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func generateCase(i int, start time.Time, insCase, insContact, insMsg, insHist *sql.Stmt) error {
	at := start.Add(time.Duration(i) * 30 * time.Second).UnixMicro()
	desc := fmt.Sprintf("%s reported near %d Main St, case %d", services[i%len(services)], 100+i%9000, i)
	addr := fmt.Sprintf("%d Main St", 100+i%9000)
	phone := fmt.Sprintf("+1555%07d", rand.IntN(10_000_000))
	sid := fmt.Sprintf("SM%032d", i)
	var res sql.Result
	var err error
	for res == nil {
		if err != nil && !strings.Contains(err.Error(), "UNIQUE") {
			return err
		}
		tn, _ := cases.NewTrackingNumber(nil) // a collision draws again, as Intake does
		res, err = insCase.Exec(string(tn), statuses[i%len(statuses)], services[i%len(services)], desc, addr, sid, at, at, desc+"\n"+addr)
	}
	id, _ := res.LastInsertId()
	if _, err := insContact.Exec(id, phone, at); err != nil {
		return err
	}
	if _, err := insMsg.Exec(id, phone, sid, desc, at); err != nil {
		return err
	}
	_, err = insHist.Exec(id, at)
	return err
}

func sampleTracking(b *testing.B, path string) []cases.TrackingNumber {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT tracking FROM cases WHERE id % 997 = 0")
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var out []cases.TrackingNumber
	for rows.Next() {
		var tn string
		rows.Scan(&tn)
		out = append(out, cases.TrackingNumber(tn))
	}
	return out
}

// BenchmarkScale reads a store of a million cases: a lookup by tracking
// number (with all details) and the first page of the default case list
// must each stay well under 5 ms. Text filters go through the text index;
// the Like benchmarks run, on the same database, the substring scan that
// served them before (migration 0003) as the baseline.
func BenchmarkScale(b *testing.B) {
	path, sample := scaleDB(b)
	s, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	b.Run("CaseByTracking", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := s.Case(ctx, sample[i%len(sample)]); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/op")
	})
	open := []cases.Status{cases.StatusOpen}
	for _, f := range []struct {
		name string
		f    cases.Filter
	}{
		{"FirstPage", cases.Filter{}},
		{"FirstPageOpen", cases.Filter{Status: open}},
		{"FirstPageService", cases.Filter{ServiceCode: []string{"graffiti"}}},
		{"TextSearch", cases.Filter{Text: "case 12345"}},                // 11 cases
		{"TextCommon", cases.Filter{Text: "main st"}},                   // every case
		{"TextService", cases.Filter{Text: "graffiti"}},                 // one case in 8
		{"TextCommonOpen", cases.Filter{Text: "main st", Status: open}}, // one case in 7
		{"TextNumber", cases.Filter{Text: "1234 main"}},                 // about 1,200 cases
		{"TextLong", cases.Filter{Text: "reported"}},                    // every case, an eight-letter word
	} {
		b.Run(f.name, func(b *testing.B) { benchmarkFind(b, s, f.f) })
	}
	b.Run("TextCommonPage5", func(b *testing.B) { benchmarkPages(b, s, cases.Filter{Text: "main st"}, 5) })
	benchmarkLike(b, path)
}

// benchmarkFind reads the first page of f.
func benchmarkFind(b *testing.B, s *sqlite.Store, f cases.Filter) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		page, err := s.FindCases(ctx, f)
		if err != nil || len(page.Cases) == 0 {
			b.Fatal(err, "empty page")
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/op")
}

// benchmarkPages reads the first n pages of f, and reports the time per
// page.
func benchmarkPages(b *testing.B, s *sqlite.Store, f cases.Filter, n int) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		g := f
		for range n {
			page, err := s.FindCases(ctx, g)
			if err != nil || page.Next == "" {
				b.Fatal(err, "no next page")
			}
			g.Cursor = page.Next
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N*n), "ms/op")
}

// likeQuery is the query of a text filter before the text index: a
// substring of the lower-cased search column, newest first.
const likeQuery = `SELECT id, tracking, status, close_reason, service_code, department, queue, assignee, priority,
	description, address, lat, lon, language, channel, external_id, emergency, tags, created_at, updated_at,
	due_at, classification, assignment FROM cases WHERE search LIKE ? ESCAPE '\' ORDER BY created_at DESC, id DESC LIMIT 51`

// benchmarkLike runs the baseline: the text filters of BenchmarkScale as
// substring scans.
func benchmarkLike(b *testing.B, path string) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for _, f := range []struct{ name, text string }{
		{"TextSearchLike", "case 12345"},
		{"TextCommonLike", "main st"},
		{"TextServiceLike", "graffiti"},
		{"TextNumberLike", "1234 main"},
	} {
		b.Run(f.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if n := likeRows(b, db, "%"+f.text+"%"); n == 0 {
					b.Fatal("empty page")
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/op")
		})
	}
}

// likeRows runs likeQuery and reads its rows.
func likeRows(b *testing.B, db *sql.DB, pattern string) int {
	rows, err := db.Query(likeQuery, pattern)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	for i := range vals {
		vals[i] = new(any)
	}
	n := 0
	for ; rows.Next(); n++ {
		if err := rows.Scan(vals...); err != nil {
			b.Fatal(err)
		}
	}
	return n
}
