package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
)

var errClosed = errors.New("store closed")

// writer owns the only writing connection. Requests arriving while a batch
// commits wait and then commit together in the next transaction, each in
// its own savepoint.
type writer struct {
	db      *sql.DB
	ops     chan *op
	max     int
	quit    chan struct{}
	stopped chan struct{}
	wg      sync.WaitGroup
	once    sync.Once
	stmts   map[string]*sql.Stmt // nil value: seen, not prepared yet
	ix      *indexer             // nil until the first batch

	unprepared []string
}

type op struct {
	ctx  context.Context
	fn   func(*wtx) error
	done chan error
}

// wtx is a write transaction that reuses statements prepared once on the
// writer's connection.
type wtx struct {
	*sql.Tx
	w     *writer
	bound map[*sql.Stmt]*sql.Stmt // statements bound to this transaction
}

// stmt returns the writer's statement for query bound to tx, or nil if it
// is not prepared yet.
func (tx *wtx) stmt(ctx context.Context, query string) *sql.Stmt {
	st := tx.w.stmt(query)
	if st == nil {
		return nil
	}
	b, ok := tx.bound[st]
	if !ok {
		b = tx.StmtContext(ctx, st)
		tx.bound[st] = b
	}
	return b
}

// exec runs a statement, prepared once and reused.
func (tx *wtx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := tx.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return tx.ExecContext(ctx, query, args...)
}

// queryRow runs a one-row query, prepared once and reused.
func (tx *wtx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := tx.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return tx.QueryRowContext(ctx, query, args...)
}

// query runs a query, prepared once and reused.
func (tx *wtx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := tx.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return tx.QueryContext(ctx, query, args...)
}

// stmt returns the prepared statement for query, or nil the first time,
// noting the query to prepare once the connection is free again (the
// writer's only connection is busy inside a transaction).
func (w *writer) stmt(query string) *sql.Stmt {
	st, ok := w.stmts[query]
	if !ok {
		w.stmts[query] = nil
		w.unprepared = append(w.unprepared, query)
	}
	return st
}

// prepare prepares the statements first seen in the last transaction.
func (w *writer) prepare() {
	for _, q := range w.unprepared {
		if st, err := w.db.Prepare(q); err == nil {
			w.stmts[q] = st
		}
	}
	w.unprepared = w.unprepared[:0]
}

func newWriter(db *sql.DB, max int) *writer {
	w := &writer{db: db, ops: make(chan *op, max), max: max, quit: make(chan struct{}), stopped: make(chan struct{}), stmts: map[string]*sql.Stmt{}}
	w.wg.Add(1)
	go w.loop()
	return w
}

// do runs fn in a write transaction and returns once that transaction has
// committed (nil) or fn's work was rolled back (the error). fn must not
// block on I/O other than the database.
func (w *writer) do(ctx context.Context, fn func(*wtx) error) error {
	o := &op{ctx: ctx, fn: fn, done: make(chan error, 1)}
	select {
	case w.ops <- o:
	case <-ctx.Done():
		return ctx.Err()
	case <-w.quit:
		return fmt.Errorf("write: %w", errClosed)
	}
	select {
	case err := <-o.done:
		return err
	case <-w.stopped:
		select {
		case err := <-o.done:
			return err
		default:
			return fmt.Errorf("write: %w", errClosed)
		}
	}
}

func (w *writer) loop() {
	defer w.wg.Done()
	defer close(w.stopped)
	for {
		select {
		case o := <-w.ops:
			w.commit(w.fill(o))
		case <-w.quit:
			w.drain()
			return
		}
	}
}

// fill collects the requests already waiting behind first.
func (w *writer) fill(first *op) []*op {
	batch := []*op{first}
	for len(batch) < w.max {
		select {
		case o := <-w.ops:
			batch = append(batch, o)
		default:
			return batch
		}
	}
	return batch
}

// drain commits what was queued before close.
func (w *writer) drain() {
	for {
		select {
		case o := <-w.ops:
			w.commit(w.fill(o))
		default:
			return
		}
	}
}

func (w *writer) commit(batch []*op) {
	errs := make([]error, len(batch))
	tx, err := w.db.Begin()
	if err != nil {
		finish(batch, errs, err)
		return
	}
	single := len(batch) == 1
	wt := &wtx{Tx: tx, w: w, bound: map[*sql.Stmt]*sql.Stmt{}}
	for i, o := range batch {
		errs[i] = run(wt, o, single)
	}
	if single && errs[0] != nil {
		tx.Rollback()
		finish(batch, errs, nil)
		w.prepare()
		return
	}
	indexed, err := w.indexCases(wt)
	if err != nil {
		tx.Rollback()
		finish(batch, errs, err)
		w.prepare()
		return
	}
	err = tx.Commit()
	if err == nil && indexed != nil {
		indexed()
	}
	finish(batch, errs, err)
	w.prepare()
}

// indexCases adds the cases the batch inserted to the text index, in its
// transaction (see indexer); the function it returns, if any, is to run
// once the transaction has committed.
func (w *writer) indexCases(tx *wtx) (func(), error) {
	ctx := context.Background()
	if w.ix == nil {
		ix, err := newIndexer(ctx, tx)
		if err != nil {
			return nil, err
		}
		w.ix = ix
	}
	return w.ix.index(ctx, tx)
}

// run applies one request, in a savepoint unless it is alone in its batch.
func run(tx *wtx, o *op, single bool) error {
	if err := o.ctx.Err(); err != nil {
		return err
	}
	if single {
		return call(tx, o.fn)
	}
	ctx := context.Background()
	if _, err := tx.exec(ctx, "SAVEPOINT op"); err != nil {
		return err
	}
	err := call(tx, o.fn)
	if err != nil {
		if _, rerr := tx.exec(ctx, "ROLLBACK TO op"); rerr != nil {
			return errors.Join(err, rerr)
		}
	}
	if _, rerr := tx.exec(ctx, "RELEASE op"); rerr != nil && err == nil {
		return rerr
	}
	return err
}

// call runs fn, turning a panic into an error so the writer survives.
func call(tx *wtx, fn func(*wtx) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("write panicked: %v", r)
		}
	}()
	return fn(tx)
}

func finish(batch []*op, errs []error, commitErr error) {
	for i, o := range batch {
		err := errs[i]
		if err == nil {
			err = commitErr
		}
		o.done <- err
	}
}

func (w *writer) close() error {
	w.once.Do(func() { close(w.quit) })
	w.wg.Wait()
	for _, st := range w.stmts {
		if st != nil {
			st.Close()
		}
	}
	return w.db.Close()
}
