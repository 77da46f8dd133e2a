package outbox

import (
	"log/slog"
	"time"

	"github.com/intake311/intake311/cases"
)

// Options tune a Dispatcher. Every zero field takes the default its
// comment gives.
type Options struct {
	// Workers is how many sends run at once; default 8.
	Workers int
	// Batch is how many notifications one claim takes; default 64.
	Batch int
	// Lease is how long a claimed notification stays with this dispatcher
	// before another may claim it; default 30s. A send is cut short so
	// that its result can be recorded within the lease.
	Lease time.Duration
	// MaxAttempts is how many sends a notification gets before it is
	// dead-lettered; default 8. The store counts an attempt at each claim.
	MaxAttempts int
	// BackoffInitial and BackoffMax bound the wait before a retry: after
	// the n-th failed attempt it is random between BackoffInitial and
	// BackoffInitial·2ⁿ⁻¹, at most BackoffMax. Defaults 2s and 15m.
	BackoffInitial, BackoffMax time.Duration
	// PollInterval is the wait between claims when nothing is due; Kick
	// cuts it short. Default 250ms.
	PollInterval time.Duration
	// SendTimeout bounds one send; default 20s.
	SendTimeout time.Duration
	// Now is the clock for claims, leases and retry times; nil is
	// time.Now.
	Now func() time.Time
	// Logger receives dead letters, retries and store errors; nil
	// discards them.
	Logger *slog.Logger
	// Observe, if set, is called after each send's outcome is recorded,
	// with the send's error (nil when Sent). It is called from several
	// goroutines at once.
	Observe func(n *cases.Notification, outcome Outcome, err error)
}

// withDefaults fills in the zero fields.
func (o Options) withDefaults() Options {
	o.Workers = or(o.Workers, 8)
	o.Batch = or(o.Batch, 64)
	o.Lease = or(o.Lease, 30*time.Second)
	o.MaxAttempts = or(o.MaxAttempts, 8)
	o.BackoffInitial = or(o.BackoffInitial, 2*time.Second)
	o.BackoffMax = max(or(o.BackoffMax, 15*time.Minute), o.BackoffInitial)
	o.PollInterval = or(o.PollInterval, 250*time.Millisecond)
	o.SendTimeout = or(o.SendTimeout, 20*time.Second)
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// or returns v, or def when v is not positive.
func or[T int | time.Duration](v, def T) T {
	if v > 0 {
		return v
	}
	return def
}

// Outcome is what became of one send.
type Outcome int

// The outcomes of a send.
const (
	Sent    Outcome = iota + 1 // delivered; the provider id is recorded
	Retried                    // failed; due again after a backoff
	Dead                       // failed for good; dead-lettered
)

func (o Outcome) String() string {
	switch o {
	case Sent:
		return "sent"
	case Retried:
		return "retried"
	case Dead:
		return "dead"
	}
	return "unknown"
}
