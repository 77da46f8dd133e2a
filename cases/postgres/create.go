package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/intake311/intake311/cases"
)

// CreateCase stores c with its details and notify in one transaction. A
// case with the same channel and external id is returned instead, with
// created false and nothing written.
func (s *Store) CreateCase(ctx context.Context, c *cases.Case, notify []cases.Notification) (*cases.Case, bool, error) {
	args, err := caseArgs(c)
	if err != nil {
		return nil, false, fmt.Errorf("create case %s: %w", c.Tracking, err)
	}
	tx, id, err := s.insertCase(ctx, c.Tracking, args)
	if err != nil {
		return nil, false, err
	}
	if tx == nil {
		existing, err := s.CaseByExternalID(ctx, c.Channel, c.ExternalID)
		return existing, false, err
	}
	defer tx.Rollback(ctx)
	b := &pgx.Batch{}
	queueDetails(b, id, c)
	queueNotifications(b, id, c.Tracking, notify, c.CreatedAt)
	load := queueCase(b, "c.id = $1", false, id)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return nil, false, s.fail("create case "+string(c.Tracking), err)
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, false, s.fail("create case "+string(c.Tracking), err)
	}
	return load.c, true, nil
}

// insertCase begins a transaction and inserts the case row. If a case with
// the same channel and external id exists, it returns no transaction.
func (s *Store) insertCase(ctx context.Context, tn cases.TrackingNumber, args []any) (pgx.Tx, int64, error) {
	b := &pgx.Batch{}
	b.BeginTx(pgx.TxOptions{})
	var id int64
	b.Queue(insertCaseSQL, args...).QueryRow(func(row pgx.Row) error {
		if err := row.Scan(&id); !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		return nil
	})
	tx, err := s.sendTx(ctx, b)
	switch {
	case isUniqueViolation(err, "cases_tracking_key"):
		return nil, 0, fmt.Errorf("create case: %w", cases.Errorf(cases.ErrConflict, "tracking number %s is already in use", tn))
	case err != nil:
		return nil, 0, s.fail("create case "+string(tn), err)
	case id == 0:
		tx.Rollback(ctx)
		return nil, 0, nil
	}
	return tx, id, nil
}

func isUniqueViolation(err error, constraint string) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505" && pgErr.ConstraintName == constraint
}

const insertCaseSQL = `INSERT INTO cases (tracking, status, close_reason, service_code, department,
	queue, assignee, priority, description, address, lat, lon, language, channel, external_id,
	emergency, tags, created_at, updated_at, due_at, classification, assignment,
	classification_explanation, assignment_explanation, description_folded, address_folded, search)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
	COALESCE($18::timestamptz, now()), COALESCE($19::timestamptz, $18::timestamptz, now()),
	$20, $21, $22, $23, $24, $25, $26, array_to_tsvector($27::text[]))
ON CONFLICT (channel, external_id) WHERE external_id <> '' DO NOTHING
RETURNING id`

// caseArgs returns the arguments of insertCaseSQL for c.
func caseArgs(c *cases.Case) ([]any, error) {
	cls, err := json.Marshal(c.Classification)
	if err != nil {
		return nil, fmt.Errorf("classification: %w", err)
	}
	asg, err := assignmentJSON(c.Assignment)
	if err != nil {
		return nil, err
	}
	tags := c.Tags
	if tags == nil {
		tags = []string{}
	}
	return []any{
		string(c.Tracking), string(c.Status), string(c.CloseReason), c.ServiceCode, c.Department,
		c.Queue, c.Assignee, string(c.Priority), c.Description, c.Address, c.Lat, c.Lon, c.Language,
		c.Channel, c.ExternalID, c.Emergency, tags, nullTime(c.CreatedAt), nullTime(c.UpdatedAt), c.DueAt,
		cls, asg, nullJSON(c.Classification.Explanation), nullJSON(c.Assignment.Explanation),
		fold(c.Description), fold(c.Address), searchWords(c.Description, c.Address),
	}, nil
}

// assignmentJSON encodes a, its due time kept as the store keeps times.
func assignmentJSON(a cases.Assignment) ([]byte, error) {
	if a.DueAt != nil {
		due := a.DueAt.UTC().Truncate(time.Microsecond)
		a.DueAt = &due
	}
	b, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("assignment: %w", err)
	}
	return b, nil
}

// fold lower-cases s for the folded columns, which text filters read
// before migration 0002 (they now use the search column, see words.go).
func fold(s string) string { return strings.ToLower(s) }

// nullTime is nil (SQL NULL) for the zero time, so the database fills in
// its own clock.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// nullJSON is nil (SQL NULL) for empty raw JSON.
func nullJSON(m json.RawMessage) any {
	if len(m) == 0 {
		return nil
	}
	return []byte(m)
}
