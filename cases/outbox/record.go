package outbox

import (
	"context"
	"fmt"

	"github.com/intake311/intake311/cases"
)

// record stores the outcome of an attempt to send n: sent with the
// provider id, retried after a backoff, or dead.
func (d *Dispatcher) record(ctx context.Context, n *cases.Notification, a attempt) {
	sendErr := a.err
	switch {
	case sendErr == nil:
		d.finish(ctx, n, Sent, nil, d.complete(ctx, n, a.providerID))
	case a.final || cases.IsPermanent(sendErr):
		d.finish(ctx, n, Dead, sendErr, d.kill(ctx, n, errorText(sendErr)))
	case n.Attempts >= d.opts.MaxAttempts:
		text := fmt.Sprintf("attempt %d of %d: %s", n.Attempts, d.opts.MaxAttempts, errorText(sendErr))
		d.finish(ctx, n, Dead, sendErr, d.kill(ctx, n, text))
	default:
		d.finish(ctx, n, Retried, sendErr, d.retry(ctx, n, sendErr))
	}
}

func (d *Dispatcher) complete(ctx context.Context, n *cases.Notification, providerID string) error {
	ctx, cancel := context.WithTimeout(ctx, storeTimeout)
	defer cancel()
	return d.store.CompleteNotification(ctx, n.ID, providerID, d.now())
}

func (d *Dispatcher) kill(ctx context.Context, n *cases.Notification, text string) error {
	ctx, cancel := context.WithTimeout(ctx, storeTimeout)
	defer cancel()
	return d.store.KillNotification(ctx, n.ID, text)
}

func (d *Dispatcher) retry(ctx context.Context, n *cases.Notification, sendErr error) error {
	ctx, cancel := context.WithTimeout(ctx, storeTimeout)
	defer cancel()
	next := d.now().Add(d.backoff(n.Attempts, sendErr))
	return d.store.RetryNotification(ctx, n.ID, next, errorText(sendErr))
}

// finish logs and reports an outcome. storeErr is the failure to record
// it: not fatal, as the notification is claimed again when its lease
// expires.
func (d *Dispatcher) finish(ctx context.Context, n *cases.Notification, out Outcome, sendErr, storeErr error) {
	if storeErr != nil || out != Sent {
		d.log(ctx, n, out, sendErr, storeErr)
	}
	if d.opts.Observe != nil {
		d.opts.Observe(n, out, sendErr)
	}
}

func (d *Dispatcher) log(ctx context.Context, n *cases.Notification, out Outcome, sendErr, storeErr error) {
	log := d.opts.Logger.With("id", n.ID, "tracking", n.Tracking, "channel", n.Channel, "attempt", n.Attempts)
	if storeErr != nil {
		log.ErrorContext(ctx, "outbox: recording the outcome failed; it is retried after the lease", "outcome", out, "err", storeErr)
	}
	switch out {
	case Dead:
		log.WarnContext(ctx, "outbox: notification dead-lettered", "err", sendErr)
	case Retried:
		log.InfoContext(ctx, "outbox: send failed; retrying", "err", sendErr)
	}
}
