package sqlite

import (
	"context"
	"time"

	"github.com/intake311/intake311/cases"
)

// PublishRules implements cases.RulesStore.
func (s *Store) PublishRules(ctx context.Context, doc []byte, author, comment string) (int64, error) {
	var version int64
	err := s.w.do(ctx, func(tx *wtx) error {
		err := tx.queryRow(ctx, `INSERT INTO rules_versions (version, author, comment, at, document)
			VALUES ((SELECT coalesce(max(version), 0) + 1 FROM rules_versions), ?, ?, ?, ?) RETURNING version`,
			author, comment, micros(time.Now()), doc).Scan(&version)
		return err
	})
	return version, storeErr("publish rules", err)
}

// Rules implements cases.RulesStore.
func (s *Store) Rules(ctx context.Context, version int64) (*cases.RulesVersion, error) {
	query := "SELECT version, author, comment, at, document FROM rules_versions WHERE version = ?"
	args := []any{version}
	if version == 0 {
		query, args = "SELECT version, author, comment, at, document FROM rules_versions ORDER BY version DESC LIMIT 1", nil
	}
	var v cases.RulesVersion
	var at int64
	err := s.rdb.QueryRowContext(ctx, query, args...).Scan(&v.Version, &v.Author, &v.Comment, &at, &v.Document)
	if err != nil {
		if version == 0 {
			return nil, storeErr("rules", err)
		}
		return nil, storeErr("rules version "+itoa(version), err)
	}
	v.At = fromMicros(at)
	return &v, nil
}

// RulesHistory implements cases.RulesStore.
func (s *Store) RulesHistory(ctx context.Context) ([]cases.RulesVersion, error) {
	out, err := collect(ctx, s.rdb, "SELECT version, author, comment, at FROM rules_versions WHERE ? ORDER BY version DESC", 1,
		func(r scanner, v *cases.RulesVersion) error {
			var at int64
			err := r.Scan(&v.Version, &v.Author, &v.Comment, &at)
			v.At = fromMicros(at)
			return err
		})
	return out, storeErr("rules history", err)
}
