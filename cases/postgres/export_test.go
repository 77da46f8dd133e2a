package postgres

import "context"

// FindQuery exposes the list query to the plan tests.
var FindQuery = findQuery

// MigrateTo applies the migrations up to and including last, so a test
// can store cases as an older version did before migrating the rest.
func MigrateTo(ctx context.Context, dsn string, opts Options, last string) ([]string, error) {
	cfg, err := poolConfig(dsn, opts)
	if err != nil {
		return nil, err
	}
	return migrateWith(ctx, cfg.ConnConfig, last)
}

// SetRecentCases sets how many of the newest cases a text filter tests
// before it turns to the text index.
func SetRecentCases(st *Store, n int) { st.recent = n }
