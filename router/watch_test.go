package router

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/intake311/intake311/cases/sqlite"
)

func TestWatchSwapsInNewerGoodVersions(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "rules.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	e, err := New(Demo(), 0, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	small := readTestdata(t, "small.yaml")
	steps := []struct {
		doc  string
		want int64 // version served after a poll
		city string
	}{
		{string(small), 1, "Testville"},
		{strings.Replace(string(small), "triage: general", "triage: nothing", 1), 1, "Testville"},
		{strings.Replace(string(small), "Testville", "Otherville", 1), 3, "Otherville"},
	}
	var bad int64
	for i, s := range steps {
		if _, err := store.PublishRules(ctx, []byte(s.doc), "manager", "step"); err != nil {
			t.Fatal(err)
		}
		bad = e.poll(ctx, store, bad)
		if e.Version() != s.want || e.Document().City != s.city {
			t.Errorf("step %d: serving v%d (%s), want v%d (%s)", i, e.Version(), e.Document().City, s.want, s.city)
		}
	}
	if bad != 2 {
		t.Errorf("the refused version is %d, want 2", bad)
	}
}

// swapLog is a slog handler that reports each swap on a channel.
type swapLog struct{ swaps chan int64 }

func (h swapLog) Enabled(context.Context, slog.Level) bool { return true }
func (h swapLog) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h swapLog) WithGroup(string) slog.Handler            { return h }
func (h swapLog) Handle(_ context.Context, r slog.Record) error {
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "version" && r.Message == "rules swapped in" {
			h.swaps <- a.Value.Int64()
		}
		return true
	})
	return nil
}

func TestWatch(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "rules.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	log := swapLog{swaps: make(chan int64, 4)}
	e := Must(New(Demo(), 0, Options{Logger: slog.New(log)}))
	done := make(chan struct{})
	go func() {
		e.Watch(ctx, store, time.Millisecond)
		close(done)
	}()
	if _, err := store.PublishRules(ctx, readTestdata(t, "small.yaml"), "manager", "first"); err != nil {
		t.Fatal(err)
	}
	if v := <-log.swaps; v != 1 || e.Version() != 1 {
		t.Errorf("swapped in v%d, serving v%d; want v1", v, e.Version())
	}
	cancel()
	<-done
}
