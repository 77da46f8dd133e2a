package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/intake311/intake311/cases"
)

// fail wraps a database error with op and the kind of error it is.
// Once the store is closed every failure is cases.ErrUnavailable.
func (s *Store) fail(op string, err error) error {
	if err != nil && s.closed.Load() {
		return fmt.Errorf("%s: %w: store closed: %w", op, cases.ErrUnavailable, err)
	}
	return wrap(op, err)
}

// wrap wraps a database error with op and, when it is of a kind callers
// test for, that kind: cases.ErrNotFound, ErrConflict, ErrInvalid or
// ErrUnavailable.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if kind := kindOf(err); kind != nil {
		return fmt.Errorf("%s: %w: %w", op, kind, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

func kindOf(err error) error {
	var pgErr *pgconn.PgError
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return nil // the caller gave up; the database may be fine
	case errors.Is(err, pgx.ErrNoRows):
		return cases.ErrNotFound
	case errors.As(err, &pgErr):
		return sqlStateKind(pgErr.Code)
	case unreachable(err):
		return cases.ErrUnavailable
	}
	return nil
}

// sqlStateKind maps an SQLSTATE to an error kind, or nil.
func sqlStateKind(code string) error {
	switch class := code[:min(2, len(code))]; {
	case code == "23505": // unique_violation
		return cases.ErrConflict
	case class == "22", class == "23": // data exception, other integrity violations
		return cases.ErrInvalid
	case class == "08", class == "53", // connection exception, insufficient resources
		code == "57P01", code == "57P02", code == "57P03": // the server is shutting down or starting
		return cases.ErrUnavailable
	case strings.HasPrefix(code, "40"): // serialization failure, deadlock
		return cases.ErrConflict
	}
	return nil
}

// unreachable reports whether err says the server could not be reached or
// the connection broke.
func unreachable(err error) bool {
	var connectErr *pgconn.ConnectError
	var netErr net.Error
	return errors.As(err, &connectErr) || errors.As(err, &netErr) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}
