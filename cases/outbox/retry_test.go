package outbox_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/outbox"
	"github.com/intake311/intake311/channels"
	"github.com/intake311/intake311/channels/recorder"
)

// retryOptions waits a minute after the first failure, doubling to an
// hour, on the given clock.
func retryOptions(clk *clock, seen *outcomes) outbox.Options {
	return outbox.Options{Now: clk.Now, BackoffInitial: time.Minute, BackoffMax: time.Hour, MaxAttempts: 3, Observe: seen.observe}
}

// TestRetryThenSent fails two sends with a retryable error and checks
// that each retry waits for its backoff, and the third attempt is sent.
func TestRetryThenSent(t *testing.T) {
	eachStore(t, func(t *testing.T, st cases.Store) {
		clk, seen := newClock(), &outcomes{}
		seed(t, st, 1, clk.Now())
		sms := recorder.New("sms", nil)
		sms.FailNext(2, errors.New("503 service unavailable"))
		d := outbox.New(st, via(t, sms), retryOptions(clk, seen))
		// The n-th failure waits between a minute and a minute·2ⁿ⁻¹.
		for attempt, ceiling := range []time.Duration{time.Minute, 2 * time.Minute} {
			drain(t, d, 1)
			n := one(t, st, cases.NotificationPending)
			wait := n.NextAt.Sub(clk.Now())
			if wait < time.Minute || wait > ceiling || n.LastError != "sms: 503 service unavailable" || n.Attempts != attempt+1 {
				t.Fatalf("after failure %d: due in %v, last error %q, %d attempts; want a wait in [1m, %v], the error, %d attempts",
					attempt+1, wait, n.LastError, n.Attempts, ceiling, attempt+1)
			}
			clk.Add(wait - time.Second)
			drain(t, d, 0)
			clk.Add(time.Second)
		}
		drain(t, d, 1)
		n := one(t, st, cases.NotificationSent)
		if entries := sms.Log().Entries(); len(entries) != 1 || n.ProviderID != entries[0].ProviderID {
			t.Errorf("sent with provider id %q; the channel recorded %+v", n.ProviderID, entries)
		}
		if got, want := seen.take(), []string{"retried", "retried", "sent"}; !slices.Equal(got, want) {
			t.Errorf("outcomes %v, want %v", got, want)
		}
	})
}

// TestRetryAfter checks that a provider's Retry-After replaces the
// backoff when it is longer, and only then.
func TestRetryAfter(t *testing.T) {
	tests := []struct {
		name string
		hint time.Duration
		want time.Duration // the first backoff is exactly BackoffInitial
	}{
		{"Longer", 3 * time.Hour, 3 * time.Hour},
		{"Shorter", time.Second, time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, clk := openSQLite(t), newClock()
			seed(t, st, 1, clk.Now())
			sms := recorder.New("sms", nil)
			sms.FailNext(1, channels.RetryAfter(errors.New("429 too many requests"), tt.hint))
			drain(t, outbox.New(st, via(t, sms), retryOptions(clk, &outcomes{})), 1)
			if n := one(t, st, cases.NotificationPending); !n.NextAt.Equal(clk.Now().Add(tt.want)) {
				t.Errorf("due in %v, want %v", n.NextAt.Sub(clk.Now()), tt.want)
			}
		})
	}
}

// TestDeadLetters checks both ways to the dead letters, that the error
// is kept with a failed message on the case, and that a requeued dead
// letter is sent.
func TestDeadLetters(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		attempts int // sends before it is dead
		want     string
	}{
		{"Permanent", channels.Permanent(errors.New("21211 invalid 'To' number")), 1, "sms: 21211 invalid 'To' number"},
		{"OutOfAttempts", errors.New("503 service unavailable"), 3, "attempt 3 of 3: sms: 503 service unavailable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eachStore(t, func(t *testing.T, st cases.Store) {
				clk, seen := newClock(), &outcomes{}
				c := seed(t, st, 1, clk.Now())
				sms := recorder.New("sms", nil)
				sms.FailNext(tt.attempts, tt.err)
				d := outbox.New(st, via(t, sms), retryOptions(clk, seen))
				for range tt.attempts {
					drain(t, d, 1)
					clk.Add(time.Hour)
				}
				drain(t, d, 0)
				dead := one(t, st, cases.NotificationDead)
				if dead.LastError != tt.want || dead.Attempts != tt.attempts {
					t.Errorf("dead letter: error %q after %d attempts; want %q after %d", dead.LastError, dead.Attempts, tt.want, tt.attempts)
				}
				checkFailedMessage(t, st, c, tt.want)
				if got := seen.take(); got[len(got)-1] != "dead" {
					t.Errorf("outcomes %v end in %s, want dead", got, got[len(got)-1])
				}

				if err := st.RequeueNotification(t.Context(), dead.ID, clk.Now()); err != nil {
					t.Fatal(err)
				}
				drain(t, d, 1)
				if sent := one(t, st, cases.NotificationSent); sent.ID != dead.ID || sms.Log().Len() != 1 {
					t.Errorf("after requeue: sent %d, %d recorded; want %d sent once", sent.ID, sms.Log().Len(), dead.ID)
				}
			})
		})
	}
}

// checkFailedMessage checks that c's last message is a failed outbound
// one with errText.
func checkFailedMessage(t *testing.T, st cases.Store, c *cases.Case, errText string) {
	t.Helper()
	stored, err := st.Case(t.Context(), c.Tracking)
	if err != nil {
		t.Fatal(err)
	}
	m := stored.Messages[len(stored.Messages)-1]
	if m.Direction != cases.Outbound || m.DeliveryStatus != cases.DeliveryFailed || m.Error != errText {
		t.Errorf("last message %+v; want a failed outbound message with error %q", m, errText)
	}
}

// TestPanicIsRetried checks that a channel that panics costs an attempt,
// not the process.
func TestPanicIsRetried(t *testing.T) {
	st, clk, seen := openSQLite(t), newClock(), &outcomes{}
	seed(t, st, 1, clk.Now())
	boom := cases.NotifierFunc(func(ctx context.Context, n *cases.Notification) (string, error) { panic("nil map") })
	drain(t, outbox.New(st, boom, retryOptions(clk, seen)), 1)
	if n := one(t, st, cases.NotificationPending); !strings.Contains(n.LastError, "panicked: nil map") {
		t.Errorf("last error %q, want the panic", n.LastError)
	}
	if got := seen.take(); !slices.Equal(got, []string{"retried"}) {
		t.Errorf("outcomes %v, want [retried]", got)
	}
}

// via returns a Set of the one channel ch, to notify through.
func via(t *testing.T, ch channels.Channel) *channels.Set {
	t.Helper()
	s, err := channels.NewSet(ch)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
