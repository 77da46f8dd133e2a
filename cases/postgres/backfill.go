package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// backfillBatch is how many cases backfillSearch reads and updates at once.
const backfillBatch = 5000

// backfillSearch fills in the words of every stored case (migration
// 0002_search), a batch of cases at a time in id order.
func backfillSearch(ctx context.Context, tx pgx.Tx) error {
	for after := int64(0); ; {
		ids, words, err := readSearchBatch(ctx, tx, after)
		if err != nil || len(ids) == 0 {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE cases c SET search = array_to_tsvector(string_to_array(w.words, ' '))
			FROM unnest($1::bigint[], $2::text[]) AS w (id, words) WHERE c.id = w.id`, ids, words); err != nil {
			return fmt.Errorf("update words: %w", err)
		}
		after = ids[len(ids)-1]
	}
}

// readSearchBatch returns the ids of the next cases after the given id and
// their words, joined by spaces (a word never holds one).
func readSearchBatch(ctx context.Context, tx pgx.Tx, after int64) ([]int64, []string, error) {
	rows, _ := tx.Query(ctx, `SELECT id, description, address FROM cases WHERE id > $1 ORDER BY id LIMIT $2`, after, backfillBatch)
	var ids []int64
	var words []string
	var id int64
	var description, address string
	_, err := pgx.ForEachRow(rows, []any{&id, &description, &address}, func() error {
		ids = append(ids, id)
		words = append(words, strings.Join(searchWords(description, address), " "))
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read cases: %w", err)
	}
	return ids, words, nil
}
