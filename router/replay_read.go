package router

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/intake311/intake311/cases"
)

// window is a slice [from, to) of the replay's time window; its pages
// are numbered from first, so that every case has a place in the order of
// the whole replay, newest first.
type window struct {
	from, to time.Time
	first    int64
}

// page is one page of cases and the place of its first case in the
// replay's order.
type page struct {
	first int64
	cases []*cases.Case
}

// windowSpan leaves room between the places of windows: no window holds
// 2^40 cases.
const windowSpan = 1 << 40

// replayWindows cuts the replay's time window into n slices of equal
// length, newest first. With no lower bound, the oldest case bounds it.
func replayWindows(ctx context.Context, store cases.CaseStore, opts ReplayOptions, n int) ([]window, error) {
	to := opts.Until
	if to.IsZero() {
		to = time.Now().Add(time.Second)
	}
	from := opts.Since
	if from.IsZero() {
		var err error
		if from, err = oldest(ctx, store, to); err != nil {
			return nil, err
		}
	}
	if !from.Before(to) || n < 2 {
		return []window{{from: opts.Since, to: opts.Until}}, nil
	}
	step := to.Sub(from) / time.Duration(n)
	ws := make([]window, n)
	for i := range ws {
		ws[i] = window{from: to.Add(-time.Duration(i+1) * step), to: to.Add(-time.Duration(i) * step), first: int64(i) * windowSpan}
	}
	ws[0].to, ws[n-1].from = opts.Until, opts.Since // keep the ends open as asked
	return ws, nil
}

// oldest finds, to the second, a time at or before the oldest case
// created before to, by halving: each step asks whether any case is older.
func oldest(ctx context.Context, store cases.CaseStore, to time.Time) (time.Time, error) {
	lo, hi := time.Unix(0, 0).UTC(), to
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2)
		p, err := store.FindCases(ctx, cases.Filter{To: mid, Limit: 1})
		if err != nil {
			return time.Time{}, fmt.Errorf("replay: find the oldest case: %w", err)
		}
		if len(p.Cases) > 0 {
			hi = mid
		} else {
			lo = mid
		}
	}
	return lo, nil
}

// readWindows reads every window with a goroutine of its own and closes
// out when all are read; it returns the first error.
func readWindows(ctx context.Context, store cases.CaseStore, ws []window, out chan<- page) error {
	var wg sync.WaitGroup
	errs := make([]error, len(ws))
	for i, w := range ws {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = readPages(ctx, store, w, out)
		}()
	}
	wg.Wait()
	close(out)
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// readPages sends the stored cases of one window, page by page.
func readPages(ctx context.Context, store cases.CaseStore, w window, out chan<- page) error {
	f := cases.Filter{From: w.from, To: w.to, Limit: cases.MaxPageSize}
	for n := w.first; ; {
		p, err := store.FindCases(ctx, f)
		if err != nil {
			return fmt.Errorf("replay: read cases: %w", err)
		}
		select {
		case out <- page{first: n, cases: p.Cases}:
		case <-ctx.Done():
			return ctx.Err()
		}
		n += int64(len(p.Cases))
		if p.Next == "" {
			return nil
		}
		f.Cursor = p.Next
	}
}
