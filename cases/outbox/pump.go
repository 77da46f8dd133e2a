package outbox

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/intake311/intake311/cases"
)

// storeTimeout bounds one store call made by the dispatcher.
const storeTimeout = 10 * time.Second

// pump is one Run or Drain: a claimer (the caller's goroutine) feeding a
// pool of workers. At most Batch+Workers notifications are claimed and
// not yet recorded, and a claim waits until a whole Batch fits, so the
// next batch is claimed while the workers finish the last one.
type pump struct {
	d   *Dispatcher
	ctx context.Context // the caller's: once done, no new send starts
	// base is the context of sends and store writes: the caller's values
	// without its cancellation, so in-flight work finishes after a stop.
	base     context.Context
	jobs     chan job
	slots    chan struct{}
	workers  sync.WaitGroup
	records  sync.WaitGroup
	inflight sync.WaitGroup
	stopping atomic.Bool
	done     atomic.Int64
}

// job is the claimed notifications of one case to one resident, in the
// order they were written, and the time of their claim. One worker sends
// them one after another, so a resident hears "we got your report" before
// "work has started".
type job struct {
	ns      []*cases.Notification
	claimed time.Time
}

// group splits a claimed batch into jobs by case and recipient, keeping
// the store's order within each.
func group(ns []*cases.Notification, claimed time.Time) []job {
	type key struct {
		caseID int64
		to     string
	}
	index := map[key]int{}
	var jobs []job
	for _, n := range ns {
		k := key{n.CaseID, n.To}
		i, ok := index[k]
		if !ok {
			i = len(jobs)
			index[k] = i
			jobs = append(jobs, job{claimed: claimed})
		}
		jobs[i].ns = append(jobs[i].ns, n)
	}
	for _, j := range jobs {
		slices.SortFunc(j.ns, func(a, b *cases.Notification) int { return cmp.Compare(a.ID, b.ID) })
	}
	return jobs
}

func (d *Dispatcher) start(ctx context.Context) *pump {
	size := d.opts.Batch + d.opts.Workers
	p := &pump{d: d, ctx: ctx, base: context.WithoutCancel(ctx), jobs: make(chan job, size), slots: make(chan struct{}, size)}
	for range d.opts.Workers {
		p.workers.Go(p.work)
	}
	return p
}

// stop releases the claimed notifications no worker has started, and
// waits for the others to be sent and recorded.
func (p *pump) stop() {
	p.stopping.Store(true)
	close(p.jobs)
	p.workers.Wait()
	p.records.Wait()
}

// handled returns how many sends the pump made.
func (p *pump) handled() int { return int(p.done.Load()) }

// claim claims a batch for the workers and returns how many it got and
// whether that was a whole batch (so more may be due).
func (p *pump) claim(ctx context.Context) (int, bool, error) {
	batch := p.d.opts.Batch
	if err := p.reserve(ctx, batch); err != nil {
		return 0, false, err
	}
	now := p.d.now()
	cctx, cancel := context.WithTimeout(p.base, storeTimeout)
	ns, err := p.d.store.ClaimNotifications(cctx, now, p.d.opts.Lease, batch)
	cancel()
	p.unreserve(batch - len(ns))
	if err != nil {
		return 0, false, fmt.Errorf("outbox: claim: %w", err)
	}
	p.inflight.Add(len(ns))
	for _, j := range group(ns, now) {
		p.jobs <- j
	}
	return len(ns), len(ns) >= batch, nil
}

// drain claims until a claim made with nothing in flight finds nothing.
func (p *pump) drain(ctx context.Context) error {
	idle := false
	for {
		n, _, err := p.claim(ctx)
		switch {
		case err != nil:
			return err
		case n > 0:
			idle = false
		case idle:
			return nil
		default:
			p.inflight.Wait()
			idle = true
		}
	}
}

// reserve takes k slots, waiting for them to be free.
func (p *pump) reserve(ctx context.Context, k int) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for taken := 0; taken < k; taken++ {
		select {
		case p.slots <- struct{}{}:
		case <-ctx.Done():
			p.unreserve(taken)
			return ctx.Err()
		}
	}
	return nil
}

// unreserve frees k slots.
func (p *pump) unreserve(k int) {
	for range k {
		select {
		case <-p.slots:
		default: // the store returned more than it was asked for
		}
	}
}

// work sends claimed notifications until the pump stops. Outcomes are
// recorded in the background, so that the store can commit many of them
// together while the worker sends the next one.
func (p *pump) work() {
	for j := range p.jobs {
		for _, n := range j.ns {
			p.one(n, j.claimed)
		}
	}
}

// one sends a claimed notification and records the outcome in the
// background, or gives it back unsent when the pump is stopping.
func (p *pump) one(n *cases.Notification, claimed time.Time) {
	if p.stopping.Load() || p.ctx.Err() != nil {
		p.d.release(p.base, n)
		p.settle(false)
		return
	}
	a, ok := p.d.try(p.base, n, claimed)
	if !ok {
		p.settle(false)
		return
	}
	p.records.Go(func() {
		p.d.record(p.base, n, a)
		p.settle(true)
	})
}

// settle frees the slot of a claimed notification once it is recorded,
// or given back unsent.
func (p *pump) settle(sent bool) {
	if sent {
		p.done.Add(1)
	}
	p.inflight.Done()
	p.unreserve(1)
}
