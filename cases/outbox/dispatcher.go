package outbox

import (
	"context"
	"time"

	"github.com/intake311/intake311/cases"
)

// Dispatcher delivers the outbox of a store through a Notifier. Its
// methods are safe for concurrent use; several dispatchers may share one
// store.
type Dispatcher struct {
	store    cases.Outbox
	notifier cases.Notifier
	opts     Options
	kick     chan struct{}
}

// New returns a dispatcher that delivers store's notifications through
// notifier.
func New(store cases.Outbox, notifier cases.Notifier, opts Options) *Dispatcher {
	return &Dispatcher{store: store, notifier: notifier, opts: opts.withDefaults(), kick: make(chan struct{}, 1)}
}

// Kick wakes a waiting Run at once. Call it after a write that enqueued
// notifications, so that they go out without waiting for the poll.
func (d *Dispatcher) Kick() {
	select {
	case d.kick <- struct{}{}:
	default:
	}
}

// Run delivers notifications until ctx is done. It then stops claiming,
// releases the notifications it claimed but had not started sending, lets
// the sends in flight finish and records their outcomes, and returns nil.
// A store error is logged and the claim tried again later.
func (d *Dispatcher) Run(ctx context.Context) error {
	p := d.start(ctx)
	defer p.stop()
	failures := 0
	for ctx.Err() == nil {
		_, more, err := p.claim(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			failures++
			d.opts.Logger.Error("outbox: claim failed", "err", err, "failures", failures)
			d.pause(ctx, ceiling(d.opts.PollInterval, max(d.opts.PollInterval, maxErrorWait), failures+1))
		case err == nil && !more:
			failures = 0
			d.pause(ctx, d.opts.PollInterval)
		default:
			failures = 0
		}
	}
	return nil
}

// maxErrorWait bounds the wait between claims while the store fails.
const maxErrorWait = 10 * time.Second

// pause waits for wait, a Kick, or the end of ctx.
func (d *Dispatcher) pause(ctx context.Context, wait time.Duration) {
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-d.kick:
	case <-t.C:
	}
}

// Drain claims and sends until nothing is due, and returns how many
// notifications it handled: sent, retried or dead-lettered. Notifications
// waiting for a retry are not due. If ctx ends or a claim fails, it stops as Run does
// and returns the error.
func (d *Dispatcher) Drain(ctx context.Context) (int, error) {
	p := d.start(ctx)
	err := p.drain(ctx)
	p.stop()
	return p.handled(), err
}

func (d *Dispatcher) now() time.Time { return d.opts.Now() }
