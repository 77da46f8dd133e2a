package outbox

import (
	"context"
	"fmt"
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

// job is a claimed notification and the time of its claim.
type job struct {
	n       *cases.Notification
	claimed time.Time
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
	for _, n := range ns {
		p.jobs <- job{n, now}
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
		if p.stopping.Load() || p.ctx.Err() != nil {
			p.d.release(p.base, j.n)
			p.settle(false)
			continue
		}
		a, ok := p.d.try(p.base, j)
		if !ok {
			p.settle(false)
			continue
		}
		p.records.Go(func() {
			p.d.record(p.base, j.n, a)
			p.settle(true)
		})
	}
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
