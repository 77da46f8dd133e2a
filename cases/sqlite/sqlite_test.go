package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/casestest"
	"github.com/intake311/intake311/cases/sqlite"
)

func TestConformance(t *testing.T) {
	casestest.Run(t, func(t *testing.T) cases.Store {
		s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "cases.db"), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
