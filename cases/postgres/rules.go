package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/intake311/intake311/cases"
)

// PublishRules stores doc as the newest version and returns its number.
// Publishers queue on a table lock, so versions have no gaps and follow
// their times.
func (s *Store) PublishRules(ctx context.Context, doc []byte, author, comment string) (int64, error) {
	if doc == nil {
		doc = []byte{}
	}
	b := &pgx.Batch{}
	b.BeginTx(pgx.TxOptions{})
	b.Queue(`LOCK TABLE rules_versions IN EXCLUSIVE MODE`)
	var version int64
	b.Queue(`INSERT INTO rules_versions (version, author, comment, at, document)
		SELECT COALESCE(max(version), 0) + 1, $1, $2, clock_timestamp(), $3 FROM rules_versions
		RETURNING version`, author, comment, doc).QueryRow(func(row pgx.Row) error { return row.Scan(&version) })
	tx, err := s.sendTx(ctx, b)
	if err != nil {
		return 0, s.fail("publish rules", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, s.fail("publish rules", err)
	}
	return version, nil
}

// Rules returns one version with its document; version 0 is the newest.
func (s *Store) Rules(ctx context.Context, version int64) (*cases.RulesVersion, error) {
	var v cases.RulesVersion
	err := s.pool.QueryRow(ctx, `SELECT version, author, comment, at, document FROM rules_versions
		WHERE version = $1 OR $1 = 0 ORDER BY version DESC LIMIT 1`, version).
		Scan(&v.Version, &v.Author, &v.Comment, &v.At, &v.Document)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("rules version %d: %w", version, cases.ErrNotFound)
	}
	if err != nil {
		return nil, s.fail(fmt.Sprintf("rules version %d", version), err)
	}
	return &v, nil
}

// RulesHistory lists every version, newest first, without documents.
func (s *Store) RulesHistory(ctx context.Context) ([]cases.RulesVersion, error) {
	rows, _ := s.pool.Query(ctx, `SELECT version, author, comment, at FROM rules_versions ORDER BY version DESC`)
	history, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (cases.RulesVersion, error) {
		var v cases.RulesVersion
		err := row.Scan(&v.Version, &v.Author, &v.Comment, &v.At)
		return v, err
	})
	return history, s.fail("rules history", err)
}
