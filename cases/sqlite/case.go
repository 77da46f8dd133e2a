package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/intake311/intake311/cases"
)

// CreateCase implements cases.CaseStore.
func (s *Store) CreateCase(ctx context.Context, c *cases.Case, notify []cases.Notification) (*cases.Case, bool, error) {
	normalize(c)
	row, err := encodeCase(c) // encoded here, not on the writer
	if err != nil {
		return nil, false, fmt.Errorf("create case: %w", err)
	}
	var existing int64
	err = s.w.do(ctx, func(tx *wtx) error {
		if c.ExternalID != "" {
			err := tx.queryRow(ctx, "SELECT id FROM cases WHERE channel = ? AND external_id = ? AND external_id <> ''", c.Channel, c.ExternalID).Scan(&existing)
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		return insertCase(ctx, tx, c, row, notify)
	})
	if err != nil {
		return nil, false, storeErr("create case", err)
	}
	if existing != 0 {
		stored, err := s.caseWhere(ctx, s.rdb, "id = ?", existing)
		return stored, false, err
	}
	return c, true, nil
}

const insertCaseSQL = `INSERT INTO cases (tracking, status, close_reason, service_code, department, queue,
	assignee, priority, description, address, lat, lon, language, channel, external_id, emergency, tags,
	created_at, updated_at, due_at, classification, assignment, search)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// caseRow is a case encoded for its row and its explanation.
type caseRow struct {
	args        []any
	explanation string
}

func insertCase(ctx context.Context, tx *wtx, c *cases.Case, row caseRow, notify []cases.Notification) error {
	res, err := tx.exec(ctx, insertCaseSQL, row.args...)
	if isUnique(err) {
		return cases.Errorf(cases.ErrConflict, "tracking number %s is already in use", c.Tracking)
	}
	if err != nil {
		return err
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if err := saveExplanation(ctx, tx, c.ID, row.explanation); err != nil {
		return err
	}
	for i := range c.Contacts {
		if err := insertContact(ctx, tx, c.ID, &c.Contacts[i]); err != nil {
			return err
		}
	}
	return insertDetails(ctx, tx, c, &cases.Update{Media: c.Media, Messages: c.Messages, Notes: c.Notes, Notify: notify}, c.History)
}

func encodeCase(c *cases.Case) (caseRow, error) {
	expl := cases.Explanation{Classification: c.Classification.Explanation, Routing: c.Assignment.Explanation}
	texts, err := jsonTexts(c.Tags, c.Classification, c.Assignment, expl)
	if err != nil {
		return caseRow{}, err
	}
	return caseRow{args: []any{string(c.Tracking), string(c.Status), string(c.CloseReason), c.ServiceCode, c.Department,
		c.Queue, c.Assignee, string(c.Priority), c.Description, c.Address, nullFloat(c.Lat), nullFloat(c.Lon),
		c.Language, c.Channel, c.ExternalID, boolInt(c.Emergency), texts[0], micros(c.CreatedAt), micros(c.UpdatedAt),
		nullMicros(c.DueAt), texts[1], texts[2], searchText(c.Description, c.Address)}, explanation: texts[3]}, nil
}

// saveExplanation keeps a case's explanation, replacing the one it had.
func saveExplanation(ctx context.Context, tx *wtx, caseID int64, explanation string) error {
	if explanation == "{}" {
		_, err := tx.exec(ctx, "DELETE FROM case_explanations WHERE case_id = ?", caseID)
		return err
	}
	_, err := tx.exec(ctx, `INSERT INTO case_explanations (case_id, explanation) VALUES (?, ?)
		ON CONFLICT (case_id) DO UPDATE SET explanation = excluded.explanation`, caseID, explanation)
	return err
}

// Case implements cases.CaseStore.
func (s *Store) Case(ctx context.Context, tn cases.TrackingNumber) (*cases.Case, error) {
	c, err := s.caseWhere(ctx, s.rdb, "tracking = ?", string(tn))
	if errors.Is(err, cases.ErrNotFound) {
		return nil, cases.Errorf(cases.ErrNotFound, "no case has tracking number %s", tn)
	}
	return c, err
}

// CaseByExternalID implements cases.CaseStore.
func (s *Store) CaseByExternalID(ctx context.Context, channel, externalID string) (*cases.Case, error) {
	if externalID == "" {
		return nil, cases.Errorf(cases.ErrNotFound, "no external id given")
	}
	return s.caseWhere(ctx, s.rdb, "channel = ? AND external_id = ? AND external_id <> ''", channel, externalID)
}

const caseColumns = `id, tracking, status, close_reason, service_code, department, queue, assignee, priority,
	description, address, lat, lon, language, channel, external_id, emergency, tags, created_at, updated_at,
	due_at, classification, assignment,
	coalesce((SELECT explanation FROM case_explanations WHERE case_id = cases.id), '{}')`

// listColumns are caseColumns without the explanations, which lists do not
// show and which are the bulk of a case.
const listColumns = `id, tracking, status, close_reason, service_code, department, queue, assignee, priority,
	description, address, lat, lon, language, channel, external_id, emergency, tags, created_at, updated_at,
	due_at, classification, assignment, '{}'`

// caseWhere loads one case with its details.
func (s *Store) caseWhere(ctx context.Context, q querier, where string, args ...any) (*cases.Case, error) {
	row := q.QueryRowContext(ctx, "SELECT "+caseColumns+" FROM cases WHERE "+where, args...)
	c, err := scanCase(row)
	if err != nil {
		return nil, storeErr("load case", err)
	}
	if err := loadDetails(ctx, q, c); err != nil {
		return nil, storeErr("load case", err)
	}
	return c, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanCase(row scanner) (*cases.Case, error) {
	var (
		c                        cases.Case
		tracking, status, reason string
		priority, tags           string
		lat, lon                 sql.NullFloat64
		emergency                int
		created, updated         int64
		due                      sql.NullInt64
		cls, asg, expl           string
	)
	err := row.Scan(&c.ID, &tracking, &status, &reason, &c.ServiceCode, &c.Department, &c.Queue, &c.Assignee,
		&priority, &c.Description, &c.Address, &lat, &lon, &c.Language, &c.Channel, &c.ExternalID, &emergency,
		&tags, &created, &updated, &due, &cls, &asg, &expl)
	if err != nil {
		return nil, err
	}
	c.Tracking, c.Status, c.CloseReason = cases.TrackingNumber(tracking), cases.Status(status), cases.CloseReason(reason)
	c.Priority, c.Lat, c.Lon, c.Emergency = cases.Priority(priority), floatPtr(lat), floatPtr(lon), emergency != 0
	c.CreatedAt, c.UpdatedAt, c.DueAt = fromMicros(created), fromMicros(updated), timePtr(due)
	return &c, decodeJSON(&c, tags, cls, asg, expl)
}

func decodeJSON(c *cases.Case, tags, cls, asg, expl string) error {
	var e cases.Explanation
	for _, f := range []struct {
		text string
		dst  any
	}{{tags, &c.Tags}, {cls, &c.Classification}, {asg, &c.Assignment}, {expl, &e}} {
		if err := json.Unmarshal([]byte(f.text), f.dst); err != nil {
			return err
		}
	}
	c.Classification.Explanation, c.Assignment.Explanation = e.Classification, e.Routing
	c.Assignment.DueAt = c.DueAt // the column is kept to the microsecond, in UTC
	return nil
}

// searchText is what text filters match, the content of the cases_fts
// index: the description and address, lower-cased as the column has always
// been kept (the index folds case and accents itself).
func searchText(description, address string) string {
	return strings.ToLower(description + "\n" + address)
}

// normalize rounds every time on c to what the store keeps: microseconds,
// in UTC, so the case CreateCase returns equals the one Case reads back.
func normalize(c *cases.Case) {
	for _, t := range []*time.Time{&c.CreatedAt, &c.UpdatedAt} {
		*t = round(*t)
	}
	c.DueAt = roundPtr(c.DueAt)
	c.Assignment.DueAt = c.DueAt
	for i := range c.Contacts {
		c.Contacts[i].CreatedAt = round(c.Contacts[i].CreatedAt)
	}
	for i := range c.History {
		c.History[i].At = round(c.History[i].At)
	}
	for i := range c.Messages {
		c.Messages[i].At = round(c.Messages[i].At)
	}
	for i := range c.Notes {
		c.Notes[i].At = round(c.Notes[i].At)
	}
}
