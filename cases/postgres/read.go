package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/intake311/intake311/cases"
)

// Case returns the case with all its details.
func (s *Store) Case(ctx context.Context, tn cases.TrackingNumber) (*cases.Case, error) {
	return s.readCase(ctx, "case "+string(tn), "c.tracking = $1", string(tn))
}

// CaseByExternalID finds a case by the provider id of its first contact.
func (s *Store) CaseByExternalID(ctx context.Context, channel, externalID string) (*cases.Case, error) {
	if externalID == "" {
		return nil, cases.Errorf(cases.ErrNotFound, "no case has an empty external id")
	}
	return s.readCase(ctx, "case by external id", "c.channel = $1 AND c.external_id = $2", channel, externalID)
}

// readCase reads one case and its details from one snapshot.
func (s *Store) readCase(ctx context.Context, op, where string, args ...any) (*cases.Case, error) {
	b := &pgx.Batch{}
	b.BeginTx(pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	load := queueCase(b, where, false, args...)
	tx, err := s.sendTx(ctx, b)
	if err != nil {
		return nil, s.fail(op, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, s.fail(op, err)
	}
	if load.c == nil {
		return nil, fmt.Errorf("%s: %w", op, cases.ErrNotFound)
	}
	return load.c, nil
}

// sendTx sends b, which begins a transaction, reads all its results and
// returns the open transaction; on error it rolls the transaction back.
func (s *Store) sendTx(ctx context.Context, b *pgx.Batch) (pgx.Tx, error) {
	br := s.pool.SendBatch(ctx, b)
	err := br.Close()
	tx := br.Tx()
	if err != nil {
		tx.Rollback(ctx)
		return nil, err
	}
	return tx, nil
}

// caseLoad is a case being read by a batch; c stays nil if there is none.
type caseLoad struct{ c *cases.Case }

// caseColumns are the columns scanCase reads, from cases aliased c.
const caseColumns = `c.id, c.tracking, c.status, c.close_reason, c.service_code, c.department,
	c.queue, c.assignee, c.priority, c.description, c.address, c.lat, c.lon, c.language,
	c.channel, c.external_id, c.emergency, c.tags, c.created_at, c.updated_at, c.due_at,
	c.classification, c.assignment, c.classification_explanation, c.assignment_explanation`

// queueCase queues on b the queries that read the case selected by where
// (over cases aliased c) and its details, locking the case row if lock.
func queueCase(b *pgx.Batch, where string, lock bool, args ...any) *caseLoad {
	l := &caseLoad{}
	q := "SELECT " + caseColumns + " FROM cases c WHERE " + where
	if lock {
		q += " FOR UPDATE"
	}
	b.Queue(q, args...).QueryRow(func(row pgx.Row) error {
		c, err := scanCase(row)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		l.c = c
		return err
	})
	of := "WHERE case_id = (SELECT c.id FROM cases c WHERE " + where + ") ORDER BY id"
	queueDetail(b, "SELECT id, channel, address, name, language, role, thread_ref, consent, created_at FROM contacts "+of, args, scanContact, func(v []cases.Contact) { l.c.Contacts = v }, l)
	queueDetail(b, "SELECT url, content_type, size, name FROM media "+of, args, scanMedia, func(v []cases.Media) { l.c.Media = v }, l)
	queueDetail(b, "SELECT status, close_reason, note, actor, at FROM history "+of, args, scanHistory, func(v []cases.HistoryEntry) { l.c.History = v }, l)
	queueDetail(b, "SELECT "+messageColumns+" FROM messages "+of, args, scanMessage, func(v []cases.Message) { l.c.Messages = v }, l)
	queueDetail(b, "SELECT text, public, author, at FROM notes "+of, args, scanNote, func(v []cases.Note) { l.c.Notes = v }, l)
	return l
}

// queueDetail queues a query for one list of details, handed to set when
// the case was found.
func queueDetail[T any](b *pgx.Batch, sql string, args []any, scan func(pgx.CollectableRow) (T, error), set func([]T), l *caseLoad) {
	b.Queue(sql, args...).Query(func(rows pgx.Rows) error {
		v, err := pgx.CollectRows(rows, scan)
		if err == nil && l.c != nil && len(v) > 0 {
			set(v)
		}
		return err
	})
}

// scanCase scans the caseColumns of a row.
func scanCase(row pgx.Row) (*cases.Case, error) {
	var c cases.Case
	var cls, asg, clsExp, asgExp []byte
	err := row.Scan(&c.ID, &c.Tracking, &c.Status, &c.CloseReason, &c.ServiceCode, &c.Department,
		&c.Queue, &c.Assignee, &c.Priority, &c.Description, &c.Address, &c.Lat, &c.Lon, &c.Language,
		&c.Channel, &c.ExternalID, &c.Emergency, &c.Tags, &c.CreatedAt, &c.UpdatedAt, &c.DueAt,
		&cls, &asg, &clsExp, &asgExp)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(cls, &c.Classification); err != nil {
		return nil, fmt.Errorf("case %s: classification: %w", c.Tracking, err)
	}
	if err := json.Unmarshal(asg, &c.Assignment); err != nil {
		return nil, fmt.Errorf("case %s: assignment: %w", c.Tracking, err)
	}
	c.Classification.Explanation, c.Assignment.Explanation = rawJSON(clsExp), rawJSON(asgExp)
	if len(c.Tags) == 0 {
		c.Tags = nil
	}
	return &c, nil
}

// rawJSON returns b as raw JSON, nil for SQL NULL.
func rawJSON(b []byte) json.RawMessage {
	if b == nil {
		return nil
	}
	return json.RawMessage(b)
}

func scanContact(row pgx.CollectableRow) (cases.Contact, error) {
	var ct cases.Contact
	err := row.Scan(&ct.ID, &ct.Channel, &ct.Address, &ct.Name, &ct.Language, &ct.Role, &ct.ThreadRef, &ct.Consent, &ct.CreatedAt)
	return ct, err
}

func scanMedia(row pgx.CollectableRow) (cases.Media, error) {
	var m cases.Media
	err := row.Scan(&m.URL, &m.ContentType, &m.Size, &m.Name)
	return m, err
}

func scanHistory(row pgx.CollectableRow) (cases.HistoryEntry, error) {
	var h cases.HistoryEntry
	err := row.Scan(&h.Status, &h.CloseReason, &h.Note, &h.Actor, &h.At)
	return h, err
}

const messageColumns = `id, direction, channel, address, provider_id, text, at, delivery_status, error`

func scanMessage(row pgx.CollectableRow) (cases.Message, error) {
	var m cases.Message
	err := row.Scan(&m.ID, &m.Direction, &m.Channel, &m.Address, &m.ProviderID, &m.Text, &m.At, &m.DeliveryStatus, &m.Error)
	return m, err
}

func scanNote(row pgx.CollectableRow) (cases.Note, error) {
	var n cases.Note
	err := row.Scan(&n.Text, &n.Public, &n.Author, &n.At)
	return n, err
}
