package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/intake311/intake311/cases"
)

// UpdateCase locks the case row, loads the case with its details, calls fn
// and applies the Update it returns with its notifications in the same
// transaction. Other writers of the case wait meanwhile. If fn returns an
// error, nothing is written and that error is returned; if it returns a
// nil Update, nothing is written and the case is returned as it was.
func (s *Store) UpdateCase(ctx context.Context, tn cases.TrackingNumber, fn func(*cases.Case) (*cases.Update, error)) (*cases.Case, error) {
	op := "update case " + string(tn)
	b := &pgx.Batch{}
	b.BeginTx(pgx.TxOptions{})
	load := queueCase(b, "c.tracking = $1", true, string(tn))
	tx, err := s.sendTx(ctx, b)
	if err != nil {
		return nil, s.fail(op, err)
	}
	defer tx.Rollback(ctx)
	if load.c == nil {
		return nil, fmt.Errorf("%s: %w", op, cases.ErrNotFound)
	}
	u, err := fn(load.c)
	if err != nil || u == nil {
		return load.c, err
	}
	c, err := applyUpdate(ctx, tx, load.c, u)
	if err != nil {
		return nil, s.fail(op, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, s.fail(op, err)
	}
	return c, nil
}

// applyUpdate writes u to case c in tx and reads the case back.
func applyUpdate(ctx context.Context, tx pgx.Tx, c *cases.Case, u *cases.Update) (*cases.Case, error) {
	b := &pgx.Batch{}
	if err := queueCaseChange(b, c.ID, u); err != nil {
		return nil, err
	}
	if u.Status != nil {
		queueHistory(b, c.ID, *u.Status)
	}
	queueContacts(b, c.ID, u.Contacts)
	queueMedia(b, c.ID, u.Media)
	queueMessages(b, c.ID, u.Messages)
	queueNotes(b, c.ID, u.Notes)
	queueNotifications(b, c.ID, c.Tracking, u.Notify, u.At)
	load := queueCase(b, "c.id = $1", false, c.ID)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return nil, err
	}
	return load.c, nil
}

// queueCaseChange queues the update of the case row itself: its time, and
// its status and assignment when u changes them.
func queueCaseChange(b *pgx.Batch, caseID int64, u *cases.Update) error {
	p := &params{}
	where := "id = " + p.arg(caseID)
	set := []string{"updated_at = COALESCE(" + p.arg(nullTime(u.At)) + "::timestamptz, now())"}
	if h := u.Status; h != nil {
		set = append(set, "status = "+p.arg(string(h.Status)), "close_reason = "+p.arg(string(h.CloseReason)))
	}
	if a := u.Assignment; a != nil {
		asg, err := assignmentJSON(*a)
		if err != nil {
			return err
		}
		set = append(set,
			"department = "+p.arg(a.Department),
			"queue = "+p.arg(a.Queue),
			"assignee = "+p.arg(a.Assignee),
			"priority = COALESCE(NULLIF("+p.arg(string(a.Priority))+"::text, ''), priority)",
			"due_at = "+p.arg(a.DueAt),
			"tags = COALESCE("+p.arg(a.Tags)+"::text[], tags)",
			"assignment = "+p.arg(asg),
			"assignment_explanation = "+p.arg(nullJSON(a.Explanation)),
		)
	}
	b.Queue("UPDATE cases SET "+strings.Join(set, ", ")+" WHERE "+where, p.args...)
	return nil
}

// SetMessageDelivery records a provider's delivery report for the
// outbound message with that channel and provider id.
func (s *Store) SetMessageDelivery(ctx context.Context, channel, providerID, status, errText string) error {
	tag, err := s.pool.Exec(ctx, `UPDATE messages SET delivery_status = $3, error = $4
		WHERE channel = $1 AND direction = 'out' AND provider_id = $2 AND provider_id <> ''`,
		channel, providerID, status, errText)
	if err != nil {
		return s.fail("set message delivery", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("set message delivery: %s message %q: %w", channel, providerID, cases.ErrNotFound)
	}
	return nil
}
