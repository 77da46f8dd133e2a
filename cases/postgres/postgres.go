// Package postgres keeps intake311's cases, outbox, shared state and
// routing rules in PostgreSQL. It implements cases.Store with a pgx
// connection pool; several replicas of the gateway may share one database.
//
// Open connects and applies the embedded migrations; Migrate applies them
// alone. Every connection's search_path is Options.Schema, so one database
// can hold several independent stores.
package postgres

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/intake311/intake311/cases"
)

var _ cases.Store = (*Store)(nil)

// Options tune a Store. The zero value is ready to use.
type Options struct {
	// MaxConns bounds the connection pool; 0 uses pgx's default (4, or
	// the number of CPUs if greater).
	MaxConns int32
	// Schema is where the tables live; "" is the server's default search
	// path (normally public). The schema must exist.
	Schema string
}

// Store is a cases.Store on PostgreSQL. It is safe for concurrent use.
type Store struct {
	pool   *pgxpool.Pool
	closed atomic.Bool
	puts   atomic.Uint64 // state writes, to sweep expired state now and then
	recent int           // see recentCases
}

// Open connects to the database at dsn (a postgres:// URL or key=value
// string), applies the migrations it lacks and returns the store.
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	cfg, err := poolConfig(dsn, opts)
	if err != nil {
		return nil, err
	}
	if _, err := migrateWith(ctx, cfg.ConnConfig, ""); err != nil {
		return nil, err
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: open pool: %w", err)
	}
	return &Store{pool: pool, recent: recentCases}, nil
}

// poolConfig parses dsn and applies opts: the pool size, the search path,
// and times scanned in UTC.
func poolConfig(dsn string, opts Options) (*pgxpool.Config, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, cases.Errorf(cases.ErrInvalid, "postgres: %v", err)
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	params := cfg.ConnConfig.RuntimeParams
	if opts.Schema != "" {
		params["search_path"] = pgx.Identifier{opts.Schema}.Sanitize()
	}
	if params["application_name"] == "" {
		params["application_name"] = "intake311"
	}
	cfg.AfterConnect = scanTimesInUTC
	return cfg, nil
}

// scanTimesInUTC makes conn return timestamptz values in UTC, as
// cases.Store promises, whatever the local time zone.
func scanTimesInUTC(_ context.Context, conn *pgx.Conn) error {
	conn.TypeMap().RegisterType(&pgtype.Type{
		Name: "timestamptz", OID: pgtype.TimestamptzOID,
		Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC},
	})
	return nil
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	return s.fail("ping", s.pool.Ping(ctx))
}

// Close closes the pool, waiting for connections in use to be returned.
// Calls after Close fail with cases.ErrUnavailable.
func (s *Store) Close() error {
	s.closed.Store(true)
	s.pool.Close()
	return nil
}
