package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
)

// migrations are the schema changes, applied in the order of their names.
// A migration is never edited once released; a change is a new file.
//
//go:embed migrations/*.sql
var migrations embed.FS

// backfills compute what a migration adds for the rows already stored,
// where SQL cannot (the words of text search are folded in Go). Each runs
// right after its migration's SQL, in the same transaction.
var backfills = map[string]func(context.Context, pgx.Tx) error{
	"0002_search": backfillSearch,
}

// Migrate applies the migrations the database at dsn lacks and returns the
// names of those it applied. Replicas starting at once are safe: each
// waits for the others' migrations, then finds nothing left to do.
func Migrate(ctx context.Context, dsn string, opts Options) (applied []string, err error) {
	cfg, err := poolConfig(dsn, opts)
	if err != nil {
		return nil, err
	}
	return migrateWith(ctx, cfg.ConnConfig, "")
}

// migrateWith applies the missing migrations up to and including last (""
// for all of them) in one transaction.
func migrateWith(ctx context.Context, cfg *pgx.ConnConfig, last string) ([]string, error) {
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, wrap("migrate: connect", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if pending, err := missing(ctx, conn, last); err != nil || len(pending) == 0 {
		return nil, err
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return nil, wrap("migrate: begin", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	applied, err := migrate(ctx, tx, last)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, wrap("migrate: commit", err)
	}
	return applied, nil
}

// migrate applies the missing migrations up to last in tx, holding a lock
// that other migrators of the same schema wait for until tx ends.
func migrate(ctx context.Context, tx pgx.Tx, last string) ([]string, error) {
	if err := lockSchema(ctx, tx); err != nil {
		return nil, err
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version text PRIMARY KEY,
		applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return nil, wrap("migrate: create schema_migrations", err)
	}
	pending, err := missing(ctx, tx, last)
	if err != nil {
		return nil, err
	}
	for _, version := range pending {
		if err := apply(ctx, tx, version); err != nil {
			return nil, err
		}
	}
	return pending, nil
}

// missing returns the versions of the migrations up to last ("" for all)
// that the database lacks, in order. It needs no lock: a store that is up
// to date opens without one.
func missing(ctx context.Context, q querier, last string) ([]string, error) {
	var done []string
	var table *string
	if err := q.QueryRow(ctx, `SELECT to_regclass('schema_migrations')::text`).Scan(&table); err != nil {
		return nil, wrap("migrate: find schema_migrations", err)
	}
	if table != nil {
		rows, _ := q.Query(ctx, `SELECT version FROM schema_migrations`)
		var err error
		if done, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
			return nil, wrap("migrate: read schema_migrations", err)
		}
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	var pending []string
	for _, name := range names {
		version := strings.TrimSuffix(path.Base(name), ".sql")
		if last != "" && version > last {
			break
		}
		if !slices.Contains(done, version) {
			pending = append(pending, version)
		}
	}
	return pending, nil
}

// querier is a connection or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// lockSchema takes the transaction-scoped advisory lock of the current
// schema's migrations.
func lockSchema(ctx context.Context, tx pgx.Tx) error {
	var schema *string
	if err := tx.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return wrap("migrate: current schema", err)
	}
	if schema == nil {
		return errors.New("migrate: the schema on the search path does not exist")
	}
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('intake311 migrations'), hashtext($1))`, *schema)
	return wrap("migrate: lock", err)
}

func apply(ctx context.Context, tx pgx.Tx, version string) error {
	sql, err := migrations.ReadFile("migrations/" + version + ".sql")
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if _, err := tx.Exec(ctx, string(sql)); err != nil {
		return wrap("migrate: "+version, err)
	}
	if fill := backfills[version]; fill != nil {
		if err := fill(ctx, tx); err != nil {
			return wrap("migrate: "+version+": backfill", err)
		}
	}
	_, err = tx.Exec(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, version)
	return wrap("migrate: record "+version, err)
}
