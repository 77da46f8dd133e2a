package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/intake311/intake311/cases"
)

func TestWrap(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	tests := []struct {
		name string
		err  error
		kind error // nil: none of the kinds
	}{
		{"NoRows", pgx.ErrNoRows, cases.ErrNotFound},
		{"UniqueViolation", &pgconn.PgError{Code: "23505"}, cases.ErrConflict},
		{"CheckViolation", &pgconn.PgError{Code: "23514"}, cases.ErrInvalid},
		{"InvalidText", &pgconn.PgError{Code: "22P02"}, cases.ErrInvalid},
		{"ConnectionFailure", &pgconn.PgError{Code: "08006"}, cases.ErrUnavailable},
		{"DiskFull", &pgconn.PgError{Code: "53100"}, cases.ErrUnavailable},
		{"TooManyConnections", &pgconn.PgError{Code: "53300"}, cases.ErrUnavailable},
		{"AdminShutdown", &pgconn.PgError{Code: "57P01"}, cases.ErrUnavailable},
		{"SerializationFailure", &pgconn.PgError{Code: "40001"}, cases.ErrConflict},
		{"SyntaxError", &pgconn.PgError{Code: "42601"}, nil},
		{"Refused", fmt.Errorf("dial: %w", refused), cases.ErrUnavailable},
		{"Canceled", fmt.Errorf("query: %w", context.Canceled), nil},
		{"Other", errors.New("boom"), nil},
	}
	kinds := []error{cases.ErrNotFound, cases.ErrConflict, cases.ErrInvalid, cases.ErrUnavailable}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := wrap("op", tt.err)
			if !errors.Is(err, tt.err) {
				t.Errorf("wrap(%v) = %v, lost the cause", tt.err, err)
			}
			for _, kind := range kinds {
				if got, want := errors.Is(err, kind), kind == tt.kind; got != want {
					t.Errorf("errors.Is(wrap(%v), %v) = %v, want %v", tt.err, kind, got, want)
				}
			}
		})
	}
	if wrap("op", nil) != nil {
		t.Error("wrap(nil) is not nil")
	}
}
