package outbox_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/outbox"
	"github.com/intake311/intake311/cases/sqlite"
)

// errCrashed is what a crashed process's store and network "return": in
// truth, nothing happens after a crash.
var errCrashed = errors.New("the process is gone")

// crashingOutbox is a real outbox that stops answering once crashed is
// set, as if the process had died there.
type crashingOutbox struct {
	cases.Outbox
	crashed *atomic.Bool
}

func (c *crashingOutbox) ClaimNotifications(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*cases.Notification, error) {
	if c.crashed.Load() {
		return nil, errCrashed
	}
	return c.Outbox.ClaimNotifications(ctx, now, lease, limit)
}

func (c *crashingOutbox) CompleteNotification(ctx context.Context, id int64, providerID string, at time.Time) error {
	if c.crashed.Load() {
		return errCrashed
	}
	return c.Outbox.CompleteNotification(ctx, id, providerID, at)
}

func (c *crashingOutbox) RetryNotification(ctx context.Context, id int64, next time.Time, errText string) error {
	if c.crashed.Load() {
		return errCrashed
	}
	return c.Outbox.RetryNotification(ctx, id, next, errText)
}

// TestCrashResendsOnlyTheSendInFlight lets a dispatcher die right after
// the third of five sends and checks that, once the lease expires, another
// dispatcher sends the third again and the last two once: nothing that was
// recorded goes out twice.
func TestCrashResendsOnlyTheSendInFlight(t *testing.T) {
	eachStore(t, func(t *testing.T, st cases.Store) {
		clk, sends := newClock(), newCounter()
		seed(t, st, 5, clk.Now())
		var crashed atomic.Bool
		var order []int64
		recorded := make(chan struct{}, 5)
		dying := cases.NotifierFunc(func(ctx context.Context, n *cases.Notification) (string, error) {
			if crashed.Load() {
				return "", errCrashed
			}
			order = append(order, n.ID)
			if len(order) == 3 {
				<-recorded // outcomes are recorded in the background:
				<-recorded // the first two are in the store before the crash
			}
			id, err := sends.Notify(ctx, n)
			crashed.Store(len(order) == 3)
			return id, err
		})
		opts := outbox.Options{Now: clk.Now, Workers: 1, Batch: 5, Lease: time.Minute}
		dyingOpts := opts
		dyingOpts.Observe = func(*cases.Notification, outbox.Outcome, error) { recorded <- struct{}{} }
		if _, err := outbox.New(&crashingOutbox{st, &crashed}, dying, dyingOpts).Drain(t.Context()); !errors.Is(err, errCrashed) {
			t.Fatalf("Drain of the dying dispatcher = %v, want it to fail when its store is gone", err)
		}

		next := outbox.New(st, sends, opts)
		drain(t, next, 0) // the dead dispatcher's lease still holds
		clk.Add(time.Minute + time.Second)
		drain(t, next, 3)
		want := map[int64]int{order[0]: 1, order[1]: 1, order[2]: 2}
		for _, n := range list(t, st, cases.NotificationSent) {
			want[n.ID] = max(want[n.ID], 1)
		}
		if got := sends.counts(); !maps.Equal(got, want) || len(got) != 5 {
			t.Errorf("sends per notification %v, want %v", got, want)
		}
	})
}

// TestGracefulStop cancels Run while sends are in flight and checks that
// they finish and are recorded, and that what was claimed but not started
// is given back at once.
func TestGracefulStop(t *testing.T) {
	eachStore(t, func(t *testing.T, st cases.Store) {
		const workers, rows = 3, 7
		for range rows { // one case each: a case's own notifications go out one after another
			seed(t, st, 1, time.Now())
		}
		started, release := make(chan int64, rows), make(chan struct{})
		slow := cases.NotifierFunc(func(ctx context.Context, n *cases.Notification) (string, error) {
			started <- n.ID
			<-release
			return fmt.Sprint("P", n.ID), ctx.Err()
		})
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error, 1)
		go func() { done <- outbox.New(st, slow, outbox.Options{Workers: workers, Batch: 4}).Run(ctx) }()
		var inFlight []int64
		for range workers {
			inFlight = append(inFlight, <-started)
		}
		cancel()
		close(release)
		if err := <-done; err != nil {
			t.Fatalf("Run: %v", err)
		}

		sent := ids(list(t, st, cases.NotificationSent))
		slices.Sort(inFlight)
		if !slices.Equal(sent, inFlight) {
			t.Errorf("sent %v after the stop, want the sends in flight %v", sent, inFlight)
		}
		// The rest is due now: not held by a lease of the stopped Run.
		drain(t, outbox.New(st, newCounter(), outbox.Options{}), rows-workers)
	})
}

// TestConcurrentDispatchers runs four dispatchers over one outbox and
// checks that every notification is delivered exactly once.
func TestConcurrentDispatchers(t *testing.T) {
	eachStore(t, func(t *testing.T, st cases.Store) {
		const dispatchers = 4
		rows := 3000
		if _, ok := st.(*sqlite.Store); ok {
			rows = 1000 // its single writer already serialises claims; spare the race detector
		}
		seedMany(t, st, rows, 100, time.Now())
		sends := newCounter()
		var wg sync.WaitGroup
		for range dispatchers {
			d := outbox.New(st, sends, outbox.Options{Batch: 32})
			wg.Go(func() {
				if _, err := d.Drain(t.Context()); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		counts := sends.counts()
		var twice []int64
		for id, k := range counts {
			if k != 1 {
				twice = append(twice, id)
			}
		}
		if len(twice) > 0 {
			slices.Sort(twice)
			t.Errorf("%d notifications sent more than once, such as %v", len(twice), twice[:min(len(twice), 5)])
		}
		if sent := list(t, st, cases.NotificationSent); len(counts) != rows || len(sent) != rows {
			t.Errorf("%d notifications sent, %d recorded sent; want %d", len(counts), len(sent), rows)
		}
	})
}

// TestReleasesWhenLeaseRunsOut checks that a claimed notification whose
// lease ran out while it waited for a worker is given back unsent, not
// sent by a dispatcher that no longer holds it.
func TestReleasesWhenLeaseRunsOut(t *testing.T) {
	st, clk := openSQLite(t), newClock()
	seed(t, st, 2, clk.Now())
	attempts := map[int64][]int{}
	var mu sync.Mutex
	slow := cases.NotifierFunc(func(ctx context.Context, n *cases.Notification) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		attempts[n.ID] = append(attempts[n.ID], n.Attempts)
		clk.Add(time.Minute) // the whole lease, spent on this send
		return fmt.Sprint("P", n.ID), nil
	})
	drain(t, outbox.New(st, slow, outbox.Options{Now: clk.Now, Workers: 1, Lease: time.Minute}), 2)
	// The first is sent at its first attempt; the second was claimed with
	// it, released when its lease ran out, claimed again and sent once.
	ns := list(t, st, cases.NotificationSent)
	want := map[int64][]int{ns[0].ID: {1}, ns[1].ID: {2}}
	if len(ns) != 2 || !maps.EqualFunc(attempts, want, slices.Equal) {
		t.Errorf("sends (attempt numbers per id) %v, want %v", attempts, want)
	}
}

// TestRunSurvivesStoreErrors fails the first claims and checks that Run
// keeps going and delivers once the store answers.
func TestRunSurvivesStoreErrors(t *testing.T) {
	st := openSQLite(t)
	seed(t, st, 1, time.Now())
	flaky := &flakyOutbox{Outbox: st}
	flaky.failures.Store(3)
	delivered := make(chan int64, 1)
	notify := cases.NotifierFunc(func(ctx context.Context, n *cases.Notification) (string, error) {
		delivered <- n.ID
		return fmt.Sprint("P", n.ID), nil
	})
	stop := runInBackground(t, outbox.New(flaky, notify, outbox.Options{PollInterval: time.Millisecond}))
	defer stop()
	<-delivered
	if left := flaky.failures.Load(); left > 0 {
		t.Errorf("delivered with %d claim failures still to come", left)
	}
}

// flakyOutbox fails claims while failures is positive.
type flakyOutbox struct {
	cases.Outbox
	failures atomic.Int32
}

func (f *flakyOutbox) ClaimNotifications(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*cases.Notification, error) {
	if f.failures.Add(-1) >= 0 {
		return nil, cases.ErrUnavailable
	}
	return f.Outbox.ClaimNotifications(ctx, now, lease, limit)
}

func ids(ns []*cases.Notification) []int64 {
	out := []int64{}
	for _, n := range ns {
		out = append(out, n.ID)
	}
	return out
}
