package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"sync/atomic"
)

// reader runs read queries on the read pool with statements prepared once
// and reused: preparing a query costs SQLite more than running it.
type reader struct {
	db     *sql.DB
	stmts  sync.Map // query -> *sql.Stmt
	closed atomic.Bool
}

var _ querier = (*reader)(nil)

func (r *reader) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if r.closed.Load() {
		return nil, errClosed
	}
	if st, ok := r.stmts.Load(query); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := r.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if prev, loaded := r.stmts.LoadOrStore(query, st); loaded {
		st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

// QueryContext runs a prepared query.
func (r *reader) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := r.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext runs a prepared one-row query; a statement that cannot be
// prepared is run unprepared, so its error surfaces at Scan.
func (r *reader) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := r.stmt(ctx, query)
	if err != nil {
		return r.db.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

func (r *reader) close() error {
	r.closed.Store(true)
	var errs []error
	r.stmts.Range(func(_, v any) bool {
		errs = append(errs, v.(*sql.Stmt).Close())
		return true
	})
	return errors.Join(append(errs, r.db.Close())...)
}
