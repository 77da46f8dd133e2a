// Package sqlite implements cases.Store on an embedded SQLite database
// (modernc.org/sqlite, no cgo), the gateway's default store.
//
// The database runs in WAL mode with synchronous=FULL by default, so a
// committed case survives a power cut. All writes go through one writer
// goroutine that commits concurrent requests together (group commit): each
// request runs in its own savepoint, so one failing request never undoes
// another, and a whole batch pays for one fsync. Reads use a separate pool
// and never wait for writes.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"

	"github.com/intake311/intake311/cases"
	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"
)

// Options tune the store. The zero value is durable and sensible.
type Options struct {
	// Synchronous is SQLite's synchronous setting: "FULL" (the default,
	// durable across power loss) or "NORMAL" (durable across crashes only).
	Synchronous string
	// MaxBatch bounds how many writes commit together (default 512).
	MaxBatch int
	// ReadConns bounds the read pool (default 2×GOMAXPROCS, at least 4).
	ReadConns int
}

// Store is a cases.Store on SQLite.
type Store struct {
	path     string
	rdb      *reader
	w        *writer
	textScan int // see maxOutOfOrder
}

var _ cases.Store = (*Store)(nil)

// Open opens (creating if needed) the database at path and applies any
// pending migrations.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if _, err := Migrate(ctx, path); err != nil {
		return nil, err
	}
	wdb, err := openDB(path, opts, 1)
	if err != nil {
		return nil, err
	}
	rdb, err := openDB(path, opts, opts.readConns())
	if err != nil {
		wdb.Close()
		return nil, err
	}
	s := &Store{path: path, rdb: &reader{db: rdb}, w: newWriter(wdb, opts.maxBatch()), textScan: maxOutOfOrder}
	// A first, empty batch indexes any case stored without the writer.
	if err := s.w.do(ctx, func(*wtx) error { return nil }); err != nil {
		s.Close()
		return nil, storeErr("open", err)
	}
	return s, nil
}

func (o Options) readConns() int {
	if o.ReadConns > 0 {
		return o.ReadConns
	}
	return max(4, 2*runtime.GOMAXPROCS(0))
}

func (o Options) maxBatch() int {
	if o.MaxBatch > 0 {
		return o.MaxBatch
	}
	return 512
}

func dsn(path string, opts Options) string {
	sync := opts.Synchronous
	if sync == "" {
		sync = "FULL"
	}
	q := url.Values{"_txlock": {"immediate"}}
	q["_pragma"] = []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(" + sync + ")", "foreign_keys(1)", "temp_store(MEMORY)"}
	return "file:" + path + "?" + q.Encode()
}

func openDB(path string, opts Options, conns int) (*sql.DB, error) {
	db, err := sql.Open("sqlite", dsn(path, opts))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxLifetime(0)
	return db, nil
}

// Ping checks that the database file can be read and written.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.rdb.db.PingContext(ctx); err != nil {
		return storeErr("ping", err)
	}
	var n int
	if err := s.rdb.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations").Scan(&n); err != nil {
		return storeErr("ping", err)
	}
	return storeErr("ping", s.w.do(ctx, func(tx *wtx) error {
		_, err := tx.exec(ctx, "SELECT 1")
		return err
	}))
}

// Close waits for pending writes and closes the database.
func (s *Store) Close() error {
	return errors.Join(s.w.close(), s.rdb.close())
}

// storeErr wraps err with context, mapping SQLite's codes to the domain's
// error kinds.
func storeErr(what string, err error) error {
	if err == nil {
		return nil
	}
	var e *cases.Error
	if errors.As(err, &e) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, cases.ErrNotFound)
	}
	if unavailable(err) {
		return fmt.Errorf("%s: %w: %w", what, cases.ErrUnavailable, err)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// unavailable reports errors that mean the database cannot take writes or
// reads now: disk full, I/O errors, a read-only or missing file, a closed
// database, or a lock held too long.
func unavailable(err error) bool {
	if errors.Is(err, sql.ErrConnDone) || errors.Is(err, errClosed) || strings.Contains(err.Error(), "database is closed") {
		return true
	}
	var se *sqlite3.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3lib.SQLITE_FULL, sqlite3lib.SQLITE_IOERR, sqlite3lib.SQLITE_CANTOPEN,
		sqlite3lib.SQLITE_READONLY, sqlite3lib.SQLITE_BUSY, sqlite3lib.SQLITE_LOCKED,
		sqlite3lib.SQLITE_CORRUPT, sqlite3lib.SQLITE_NOTADB, sqlite3lib.SQLITE_PERM:
		return true
	}
	return false
}

// isUnique reports a UNIQUE constraint violation.
func isUnique(err error) bool {
	var se *sqlite3.Error
	return errors.As(err, &se) && se.Code() == sqlite3lib.SQLITE_CONSTRAINT_UNIQUE
}
