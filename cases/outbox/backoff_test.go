package outbox

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// hinted is an error carrying a provider's Retry-After, as
// channels.RetryAfter makes one.
type hinted struct{ d time.Duration }

func (h hinted) Error() string             { return "429 too many requests" }
func (h hinted) RetryAfter() time.Duration { return h.d }

func TestBackoff(t *testing.T) {
	d := New(nil, nil, Options{BackoffInitial: 2 * time.Second, BackoffMax: 15 * time.Minute})
	plain := errors.New("503")
	tests := []struct {
		attempt int
		err     error
		lo, hi  time.Duration
	}{
		{1, plain, 2 * time.Second, 2 * time.Second},
		{2, plain, 2 * time.Second, 4 * time.Second},
		{5, plain, 2 * time.Second, 32 * time.Second},
		{10, plain, 2 * time.Second, 15 * time.Minute},
		{100, plain, 2 * time.Second, 15 * time.Minute},
		{1, hinted{time.Hour}, time.Hour, time.Hour},
		{1, fmt.Errorf("sms: %w", hinted{time.Hour}), time.Hour, time.Hour},
		{3, hinted{time.Millisecond}, 2 * time.Second, 8 * time.Second},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("attempt%d/%v", tt.attempt, tt.err), func(t *testing.T) {
			for range 200 {
				if got := d.backoff(tt.attempt, tt.err); got < tt.lo || got > tt.hi {
					t.Fatalf("backoff = %v, want within [%v, %v]", got, tt.lo, tt.hi)
				}
			}
		})
	}
}

// TestBackoffSpreads checks that the jitter spreads retries out rather
// than sending every failed notification back at the same moment.
func TestBackoffSpreads(t *testing.T) {
	d := New(nil, nil, Options{})
	seen := map[time.Duration]bool{}
	for range 100 {
		seen[d.backoff(6, errors.New("503"))] = true
	}
	if len(seen) < 50 {
		t.Errorf("100 backoffs took only %d values", len(seen))
	}
}

func TestCeilingDoesNotOverflow(t *testing.T) {
	limit := time.Duration(1<<63 - 1)
	for _, attempt := range []int{1, 40, 63, 64, 1000} {
		if got := ceiling(time.Second, limit, attempt); got < time.Second {
			t.Errorf("ceiling(attempt %d) = %v", attempt, got)
		}
	}
}

func TestErrorText(t *testing.T) {
	long := strings.Repeat("é", maxErrorText) // two bytes each
	tests := []struct {
		name string
		err  error
		want int // bytes before the ellipsis
	}{
		{"Short", errors.New("503"), 3},
		{"Long", errors.New(long), maxErrorText},
		{"LongOdd", errors.New("x" + long), maxErrorText - 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.TrimSuffix(errorText(tt.err), "…")
			if len(got) != tt.want || !strings.HasPrefix(tt.err.Error(), got) {
				t.Errorf("errorText kept %d bytes, want %d", len(got), tt.want)
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	o := Options{BackoffInitial: time.Hour}.withDefaults()
	if o.Workers != 8 || o.Batch != 64 || o.Lease != 30*time.Second || o.MaxAttempts != 8 ||
		o.PollInterval != 250*time.Millisecond || o.SendTimeout != 20*time.Second || o.Now == nil || o.Logger == nil {
		t.Errorf("defaults %+v", o)
	}
	if o.BackoffMax != time.Hour {
		t.Errorf("BackoffMax = %v below BackoffInitial %v", o.BackoffMax, o.BackoffInitial)
	}
}
