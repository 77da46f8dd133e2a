package channels

import (
	"errors"
	"net/http"
	"strconv"
	"time"
)

// Permanent marks a send error that must not be retried: the outbox
// dead-letters the notification at once. The result has a Permanent
// method, so cases.IsPermanent sees it through further wrapping, and
// unwraps to err. Permanent(nil) is nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &permanentError{err}
}

type permanentError struct{ err error }

func (e *permanentError) Error() string   { return e.err.Error() }
func (e *permanentError) Unwrap() error   { return e.err }
func (e *permanentError) Permanent() bool { return true }

// RetryAfter marks a retryable send error with the delay the provider asked
// for (an HTTP 429 or 503 Retry-After). The result has a method
// RetryAfter() time.Duration, which the outbox honours when it is longer
// than its own backoff, and unwraps to err. RetryAfter(nil, d) is nil.
func RetryAfter(err error, d time.Duration) error {
	if err == nil {
		return nil
	}
	return &retryAfterError{err, d}
}

type retryAfterError struct {
	err   error
	delay time.Duration
}

func (e *retryAfterError) Error() string             { return e.err.Error() }
func (e *retryAfterError) Unwrap() error             { return e.err }
func (e *retryAfterError) RetryAfter() time.Duration { return e.delay }

// RetryDelay returns the delay asked for by err or an error it wraps (see
// RetryAfter), and whether there was one.
func RetryDelay(err error) (time.Duration, bool) {
	var r interface{ RetryAfter() time.Duration }
	if !errors.As(err, &r) {
		return 0, false
	}
	return r.RetryAfter(), true
}

// StatusError marks err, the failure of a provider API call answered with
// an HTTP status, for the outbox: 408, 425, 429 and 5xx are retryable
// (honouring a Retry-After header, in seconds or as an HTTP date), any
// other status is permanent. h may be nil.
func StatusError(status int, h http.Header, err error) error {
	if !retryableStatus(status) {
		return Permanent(err)
	}
	if d, ok := retryAfterHeader(h, time.Now()); ok {
		return RetryAfter(err, d)
	}
	return err
}

func retryableStatus(status int) bool {
	switch status {
	case http.StatusRequestTimeout, http.StatusTooEarly, http.StatusTooManyRequests:
		return true
	}
	return status >= 500
}

// retryAfterHeader parses a Retry-After header: delay-seconds or an HTTP
// date, relative to now.
func retryAfterHeader(h http.Header, now time.Time) (time.Duration, bool) {
	v := h.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseUint(v, 10, 32); err == nil {
		return time.Duration(secs) * time.Second, true
	}
	at, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(at.Sub(now), 0), true
}
