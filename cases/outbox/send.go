package outbox

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/intake311/intake311/cases"
)

// attempt is the result of one send, not yet recorded.
type attempt struct {
	providerID string
	err        error
	final      bool // dead-letter it, whatever err is
}

// try sends a claimed notification. It reports false if it gave the
// notification back unsent because its lease was running out.
func (d *Dispatcher) try(ctx context.Context, n *cases.Notification, claimed time.Time) (attempt, bool) {
	if n.Attempts > d.opts.MaxAttempts {
		// Earlier attempts ended without a recorded outcome: the process
		// died, or the store failed, after each of them.
		err := fmt.Errorf("no outcome recorded for %d attempts; last error: %s", n.Attempts-1, n.LastError)
		return attempt{err: err, final: true}, true
	}
	budget := d.budget(claimed)
	if budget <= 0 {
		d.release(ctx, n)
		return attempt{}, false
	}
	id, err := d.send(ctx, n, budget)
	return attempt{providerID: id, err: err}, true
}

// budget returns how long a send claimed at claimed may take: SendTimeout,
// cut short to leave a tenth of the lease for recording the outcome.
func (d *Dispatcher) budget(claimed time.Time) time.Duration {
	leaseLeft := claimed.Add(d.opts.Lease - d.opts.Lease/10).Sub(d.now())
	return min(d.opts.SendTimeout, leaseLeft)
}

// send calls the notifier, turning a panic into a retryable error.
func (d *Dispatcher) send(ctx context.Context, n *cases.Notification, timeout time.Duration) (id string, err error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("send panicked: %v", r)
		}
	}()
	return d.notifier.Notify(ctx, n)
}

// release gives a claimed, unsent notification back at once, keeping its
// last error, rather than letting it wait out its lease.
func (d *Dispatcher) release(ctx context.Context, n *cases.Notification) {
	ctx, cancel := context.WithTimeout(ctx, storeTimeout)
	defer cancel()
	if err := d.store.RetryNotification(ctx, n.ID, d.now(), n.LastError); err != nil {
		d.opts.Logger.Warn("outbox: release failed; the notification waits for its lease to expire",
			"id", n.ID, "err", err)
	}
}

// maxErrorText bounds the error text kept on a notification.
const maxErrorText = 1000

// errorText returns err's text, cut to maxErrorText bytes.
func errorText(err error) string {
	s := err.Error()
	if len(s) <= maxErrorText {
		return s
	}
	cut := maxErrorText
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
