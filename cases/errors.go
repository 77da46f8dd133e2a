package cases

import (
	"errors"
	"fmt"
)

// Error kinds. Callers test for them with errors.Is; the staff API maps each
// one to an HTTP status in a single place.
var (
	ErrNotFound    = errors.New("not found")
	ErrInvalid     = errors.New("invalid")
	ErrDuplicate   = errors.New("duplicate")
	ErrConflict    = errors.New("conflict")
	ErrUnavailable = errors.New("unavailable")
)

// Error is an error of a known kind with a message meant for the person who
// caused it (an API client, a call-taker, a manager).
type Error struct {
	Kind    error
	Message string
}

// Errorf returns an *Error of the given kind.
func Errorf(kind error, format string, args ...any) error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

func (e *Error) Error() string { return e.Message }

// Unwrap returns the kind, so errors.Is(err, ErrInvalid) works.
func (e *Error) Unwrap() error { return e.Kind }

// ErrorMessage returns the user-facing message of err: the message of the
// outermost *Error, or a generic text for errors of unknown kind.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// permanent is implemented by send errors that must not be retried
// (channels.Permanent returns one).
type permanent interface{ Permanent() bool }

// IsPermanent reports whether err, or an error it wraps, says that retrying
// the same send cannot succeed.
func IsPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p) && p.Permanent()
}
