package sqlite

import (
	"context"
	"fmt"
)

// indexer adds the cases the writer inserts to cases_fts, once per batch
// at its end, in its transaction: a case is searchable when it commits.
// Indexing each case as it is inserted would cost a write of the index per
// request, since FTS5 writes its pending entries whenever a savepoint is
// released. Ids grow, and cases are not deleted, so the cases to index are
// those above the highest id indexed.
type indexer struct {
	upto int64 // the highest case id in cases_fts, as of the last commit
}

// newIndexer returns the indexer of the database behind tx.
func newIndexer(ctx context.Context, tx *wtx) (*indexer, error) {
	ix := &indexer{}
	if err := tx.queryRow(ctx, "SELECT id FROM cases_fts_upto").Scan(&ix.upto); err != nil {
		return nil, fmt.Errorf("read cases_fts_upto: %w", err)
	}
	return ix, nil
}

// index adds the cases above ix.upto to cases_fts in tx; done records them
// as indexed once tx has committed.
func (ix *indexer) index(ctx context.Context, tx *wtx) (done func(), err error) {
	var last int64
	if err := tx.queryRow(ctx, "SELECT coalesce(max(id), 0) FROM cases").Scan(&last); err != nil {
		return nil, fmt.Errorf("index cases: %w", err)
	}
	if last <= ix.upto {
		return nil, nil
	}
	if _, err := tx.exec(ctx, "INSERT INTO cases_fts (rowid, search) SELECT id, search FROM cases WHERE id > ?", ix.upto); err != nil {
		return nil, fmt.Errorf("index cases: %w", err)
	}
	if _, err := tx.exec(ctx, "UPDATE cases_fts_upto SET id = ?", last); err != nil {
		return nil, fmt.Errorf("index cases: %w", err)
	}
	return func() { ix.upto = last }, nil
}
