package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/casestest"
)

// TestConformanceTextScan runs the conformance suite with text filters
// giving up early on proving their first guess (textScan), so that they
// sort all matches, as a store of many cases does for a rare text.
func TestConformanceTextScan(t *testing.T) {
	for _, scan := range []int{1, 8} {
		t.Run(fmt.Sprint(scan), func(t *testing.T) {
			casestest.Run(t, func(t *testing.T) cases.Store {
				s, err := Open(context.Background(), filepath.Join(t.TempDir(), "cases.db"), Options{})
				if err != nil {
					t.Fatal(err)
				}
				s.textScan = scan
				t.Cleanup(func() { s.Close() })
				return s
			})
		})
	}
}

// TestMigrateIndexesStoredCases stores cases as the schema before the text
// index did, then opens the store, which migrates it: text filters find
// those cases and the ones stored since.
func TestMigrateIndexesStoredCases(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cases.db")
	if _, err := migrateTo(ctx, path, "0002_explanations.sql"); err != nil {
		t.Fatalf("migrate to 0002: %v", err)
	}
	db, err := openDB(path, Options{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i, text := range []string{"Bache en la calle Peña", "Pothole on Main St", "Calle Mayor, farola apagada"} {
		_, err := db.Exec(`INSERT INTO cases (tracking, status, channel, description, created_at, updated_at, search)
			VALUES (?, 'open', 'sms', ?, ?, ?, lower(?))`, fmt.Sprint(1000000000+i), text, i, i, text)
		if err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	c := &cases.Case{Tracking: "1000000107", Status: cases.StatusOpen, Channel: "sms", Description: "Farola apagada en la calle Luna"}
	if _, _, err := s.CreateCase(ctx, c, nil); err != nil {
		t.Fatalf("CreateCase: %v", err)
	}
	for text, want := range map[string]int{"pena": 1, "main pot": 1, "calle": 3, "farola": 2, "luna": 1} {
		page, err := s.FindCases(ctx, cases.Filter{Text: text})
		if err != nil || len(page.Cases) != want {
			t.Errorf("FindCases(%q) = %v, %v; want %d cases", text, page, err, want)
		}
	}
}
