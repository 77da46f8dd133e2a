package channels_test

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels"
)

func TestPermanent(t *testing.T) {
	cause := errors.New("21610 unsubscribed recipient")
	tests := []struct {
		name      string
		err       error
		permanent bool
	}{
		{"Plain", cause, false},
		{"Marked", channels.Permanent(cause), true},
		{"Wrapped", fmt.Errorf("send sms: %w", channels.Permanent(cause)), true},
		{"RetryAfter", channels.RetryAfter(cause, time.Minute), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cases.IsPermanent(tt.err); got != tt.permanent {
				t.Errorf("IsPermanent(%v) = %v, want %v", tt.err, got, tt.permanent)
			}
			if !errors.Is(tt.err, cause) || tt.err.Error() == "" {
				t.Errorf("%v does not unwrap to its cause", tt.err)
			}
		})
	}
	if channels.Permanent(nil) != nil || channels.RetryAfter(nil, time.Second) != nil {
		t.Error("marking a nil error is not nil")
	}
}

func TestRetryDelay(t *testing.T) {
	cause := errors.New("429 too many requests")
	tests := []struct {
		name string
		err  error
		want time.Duration
		ok   bool
	}{
		{"Plain", cause, 0, false},
		{"Marked", channels.RetryAfter(cause, 90*time.Second), 90 * time.Second, true},
		{"Wrapped", fmt.Errorf("send: %w", channels.RetryAfter(cause, time.Minute)), time.Minute, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := channels.RetryDelay(tt.err)
			if got != tt.want || ok != tt.ok {
				t.Errorf("RetryDelay = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
			if cases.IsPermanent(tt.err) || !errors.Is(tt.err, cause) {
				t.Errorf("%v: permanent or lost its cause", tt.err)
			}
		})
	}
}

func TestStatusError(t *testing.T) {
	cause := errors.New("provider said no")
	header := func(v string) http.Header { return http.Header{"Retry-After": {v}} }
	soon := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	tests := []struct {
		name      string
		status    int
		h         http.Header
		permanent bool
		delay     time.Duration // 0: no Retry-After kept
	}{
		{"BadRequest", 400, nil, true, 0},
		{"Unauthorized", 401, nil, true, 0},
		{"NotFound", 404, header("30"), true, 0},
		{"Timeout", 408, nil, false, 0},
		{"TooMany", 429, header("120"), false, 2 * time.Minute},
		{"TooManyNoHeader", 429, nil, false, 0},
		{"Unavailable", 503, header(soon), false, time.Hour},
		{"BadHeader", 503, header("soon"), false, 0},
		{"Internal", 500, nil, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := channels.StatusError(tt.status, tt.h, cause)
			if cases.IsPermanent(err) != tt.permanent || !errors.Is(err, cause) {
				t.Errorf("StatusError(%d) = %v: permanent %v, want %v", tt.status, err, cases.IsPermanent(err), tt.permanent)
			}
			d, ok := channels.RetryDelay(err)
			if ok != (tt.delay > 0) || d > tt.delay || d < tt.delay-time.Minute {
				t.Errorf("StatusError(%d): retry delay %v, %v; want about %v", tt.status, d, ok, tt.delay)
			}
		})
	}
}
