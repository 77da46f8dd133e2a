package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"io/fs"
	"path"
	"sort"
	"time"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrate applies the embedded migrations that the database at path has
// not seen, each in its own transaction, and returns their names.
func Migrate(ctx context.Context, file string) ([]string, error) {
	return migrateTo(ctx, file, "")
}

// migrateTo applies the migrations up to and including the one named last
// ("" for all of them).
func migrateTo(ctx context.Context, file, last string) ([]string, error) {
	db, err := openDB(file, Options{}, 1)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)`); err != nil {
		return nil, storeErr("migrate", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var applied []string
	for _, name := range names {
		if last != "" && path.Base(name) > last {
			break
		}
		ok, err := apply(ctx, db, name)
		if err != nil {
			return applied, err
		}
		if ok {
			applied = append(applied, path.Base(name))
		}
	}
	return applied, nil
}

// apply runs one migration unless it ran before.
func apply(ctx context.Context, db *sql.DB, name string) (bool, error) {
	body, err := migrations.ReadFile(name)
	if err != nil {
		return false, err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, storeErr("migrate", err)
	}
	defer tx.Rollback()
	version := path.Base(name)
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations WHERE version = ?", version).Scan(&n); err != nil || n > 0 {
		return false, storeErr("migrate", err)
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return false, storeErr("migrate "+version, err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", version, time.Now().UnixMicro()); err != nil {
		return false, storeErr("migrate", err)
	}
	return true, storeErr("migrate", tx.Commit())
}
