package outbox_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/outbox"
)

// BenchmarkDispatchSQLite dispatches b.N notifications, pre-enqueued on
// SQLite with synchronous=FULL, to a channel that does nothing.
func BenchmarkDispatchSQLite(b *testing.B) { benchDispatch(b, openSQLite) }

// BenchmarkDispatchPostgres is BenchmarkDispatchSQLite on PostgreSQL, when
// INTAKE311_TEST_POSTGRES_URL is set.
func BenchmarkDispatchPostgres(b *testing.B) { benchDispatch(b, openPostgres) }

// benchDispatch measures the dispatcher with its defaults against the
// simplest correct loop, claim one, send it, complete it, in the same run.
func benchDispatch(b *testing.B, open func(testing.TB) cases.Store) {
	noop := cases.NotifierFunc(func(ctx context.Context, n *cases.Notification) (string, error) {
		return fmt.Sprint("P", n.ID), nil
	})
	runs := []struct {
		name     string
		dispatch func(ctx context.Context, st cases.Store) (int, error)
	}{
		{"Dispatcher", func(ctx context.Context, st cases.Store) (int, error) {
			return outbox.New(st, noop, outbox.Options{}).Drain(ctx)
		}},
		{"Sequential", func(ctx context.Context, st cases.Store) (int, error) {
			return sequential(ctx, st, noop)
		}},
	}
	for _, r := range runs {
		b.Run(r.name, func(b *testing.B) {
			st := open(b)
			seedMany(b, st, b.N, 500, time.Now())
			b.ResetTimer()
			n, err := r.dispatch(b.Context(), st)
			if err != nil || n != b.N {
				b.Fatalf("dispatched %d of %d: %v", n, b.N, err)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "notifications/s")
		})
	}
}

// sequential is the baseline: one worker claiming one notification at a
// time and completing it before the next.
func sequential(ctx context.Context, st cases.Store, notify cases.Notifier) (int, error) {
	for done := 0; ; done++ {
		ns, err := st.ClaimNotifications(ctx, time.Now(), 30*time.Second, 1)
		if err != nil || len(ns) == 0 {
			return done, err
		}
		id, err := notify.Notify(ctx, ns[0])
		if err != nil {
			return done, err
		}
		if err := st.CompleteNotification(ctx, ns[0].ID, id, time.Now()); err != nil {
			return done, err
		}
	}
}
