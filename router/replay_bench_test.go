package router

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/sqlite"
)

// replayCases is the size of the store BenchmarkReplayStore reads.
const replayCases = 1_000_000

// replayStore returns a SQLite store holding replayCases cases as intake
// stores them (classified, routed, explanations included), created over
// the last 90 days. The database is generated once, through the store's
// own CreateCase, and kept in the temporary directory for later runs.
func replayStore(b *testing.B, e *Engine) *sqlite.Store {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("intake311-replay-%d-v1.db", replayCases))
	if _, err := os.Stat(path); err != nil {
		start := time.Now()
		if err := generateCases(b, path+".tmp", e); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(path+".tmp", path); err != nil {
			b.Fatal(err)
		}
		b.Logf("generated %d cases in %s", replayCases, time.Since(start).Round(time.Second))
	}
	store, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	return store
}

// generateCases writes the cases from many goroutines, so the store's
// writer commits them in large batches.
func generateCases(b *testing.B, path string, e *Engine) error {
	os.Remove(path)
	ctx := context.Background()
	store, err := sqlite.Open(ctx, path, sqlite.Options{Synchronous: "NORMAL", MaxBatch: 2000})
	if err != nil {
		return err
	}
	defer store.Close()
	msgs := benchMessages(b)
	channels := []string{"sms", "email", "web", "voice", "slack", "x"}
	since := time.Now().Add(-90 * 24 * time.Hour)
	const writers = 64
	errs := make(chan error, writers)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < replayCases; i += writers {
				at := since.Add(time.Duration(i) * 90 * 24 * time.Hour / replayCases)
				if err := storeReport(ctx, store, e, msgs[i%len(msgs)], channels[i%len(channels)], at); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// storeReport classifies, routes and stores one report as intake does.
func storeReport(ctx context.Context, store cases.Store, e *Engine, text, channel string, at time.Time) error {
	cl, err := e.Classify(ctx, text, "")
	if err != nil {
		return err
	}
	c := &cases.Case{Status: cases.StatusOpen, ServiceCode: cl.ServiceCode, Description: text, Channel: channel,
		Language: cl.Language, Emergency: cl.Emergency, Classification: cl, CreatedAt: at, UpdatedAt: at}
	a, err := e.Route(ctx, c)
	if err != nil {
		return err
	}
	c.Assignment, c.Department, c.Queue, c.Priority, c.DueAt = a, a.Department, a.Queue, a.Priority, a.DueAt
	for {
		if c.Tracking, err = cases.NewTrackingNumber(nil); err != nil {
			return err
		}
		_, _, err = store.CreateCase(ctx, c, nil)
		if !errors.Is(err, cases.ErrConflict) { // a tracking number drawn twice: draw again
			return err
		}
	}
}

// BenchmarkReplayStore replays 1,000,000 stored cases through the demo
// document and a draft, reading them from SQLite page by page, as
// `intake311 rules replay --since all` does. Generating the store is not
// timed; the first run takes a few minutes.
func BenchmarkReplayStore(b *testing.B) {
	live := Must(New(Demo(), 1, Options{}))
	store := replayStore(b, live)
	draft := Must(New(Demo(), 0, Options{}))
	ctx := b.Context()
	var rep *ReplayReport
	for b.Loop() {
		var err error
		if rep, err = Replay(ctx, store, live, draft, ReplayOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	if rep.Cases != replayCases {
		b.Fatalf("replayed %d cases, want %d", rep.Cases, replayCases)
	}
	b.ReportMetric(rep.Seconds, "s/replay")
	b.ReportMetric(rep.PerSecond, "cases/s")
}

// BenchmarkReadCases is the baseline of BenchmarkReplayStore: reading the
// same cases page by page, without classifying them.
func BenchmarkReadCases(b *testing.B) {
	store := replayStore(b, Must(New(Demo(), 1, Options{})))
	ctx := b.Context()
	n := 0
	for b.Loop() {
		n = 0
		f := cases.Filter{Limit: cases.MaxPageSize}
		for {
			p, err := store.FindCases(ctx, f)
			if err != nil {
				b.Fatal(err)
			}
			n += len(p.Cases)
			if p.Next == "" {
				break
			}
			f.Cursor = p.Next
		}
	}
	b.ReportMetric(float64(n)/(b.Elapsed().Seconds()/float64(b.N)), "cases/s")
}
