package outbox

import (
	"errors"
	"math/rand/v2"
	"time"
)

// backoff returns how long a notification waits after its attempt-th send
// failed with err: random between BackoffInitial and the attempt's
// ceiling (full jitter above a floor), or the delay the provider asked for
// when that is longer.
func (d *Dispatcher) backoff(attempt int, err error) time.Duration {
	lo := d.opts.BackoffInitial
	delay := jitter(lo, ceiling(lo, d.opts.BackoffMax, attempt))
	if hint, ok := retryAfter(err); ok && hint > delay {
		return hint
	}
	return delay
}

// ceiling returns initial·2ⁿ⁻¹ for the n-th attempt, at most limit.
func ceiling(initial, limit time.Duration, attempt int) time.Duration {
	c := initial
	for i := 1; i < attempt && c < limit; i++ {
		if c > limit/2 {
			return limit
		}
		c *= 2
	}
	return min(c, limit)
}

// jitter returns a random duration in [lo, hi].
func jitter(lo, hi time.Duration) time.Duration {
	if hi <= lo {
		return lo
	}
	return lo + rand.N(hi-lo+1)
}

// retryAfter returns the delay a provider asked for through err (see
// channels.RetryAfter).
func retryAfter(err error) (time.Duration, bool) {
	var r interface{ RetryAfter() time.Duration }
	if !errors.As(err, &r) {
		return 0, false
	}
	return r.RetryAfter(), true
}
