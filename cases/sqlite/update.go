package sqlite

import (
	"context"
	"errors"
	"time"

	"github.com/intake311/intake311/cases"
)

// UpdateCase implements cases.CaseStore. fn runs on the writer, inside the
// transaction that applies its update.
func (s *Store) UpdateCase(ctx context.Context, tn cases.TrackingNumber, fn func(*cases.Case) (*cases.Update, error)) (*cases.Case, error) {
	var out *cases.Case
	err := s.w.do(ctx, func(tx *wtx) error {
		c, err := s.caseWhere(ctx, tx, "tracking = ?", string(tn))
		if errors.Is(err, cases.ErrNotFound) {
			return cases.Errorf(cases.ErrNotFound, "no case has tracking number %s", tn)
		}
		if err != nil {
			return err
		}
		u, err := fn(c)
		if err != nil || u == nil {
			out = c
			return err
		}
		if err := applyUpdate(ctx, tx, c, u); err != nil {
			return err
		}
		out, err = s.caseWhere(ctx, tx, "id = ?", c.ID)
		return err
	})
	if err != nil {
		return nil, storeErr("update case", err)
	}
	return out, nil
}

func applyUpdate(ctx context.Context, tx *wtx, c *cases.Case, u *cases.Update) error {
	if u.At.IsZero() {
		u.At = time.Now().UTC()
	}
	var history []cases.HistoryEntry
	if h := u.Status; h != nil {
		if h.At.IsZero() {
			h.At = u.At
		}
		history = append(history, *h)
		if _, err := tx.exec(ctx, "UPDATE cases SET status = ?, close_reason = ? WHERE id = ?",
			string(h.Status), string(h.CloseReason), c.ID); err != nil {
			return err
		}
	}
	if a := u.Assignment; a != nil {
		if err := assign(ctx, tx, c, a); err != nil {
			return err
		}
	}
	if _, err := tx.exec(ctx, "UPDATE cases SET updated_at = ? WHERE id = ?", micros(u.At), c.ID); err != nil {
		return err
	}
	return insertDetails(ctx, tx, c, u, history)
}

func assign(ctx context.Context, tx *wtx, c *cases.Case, a *cases.Assignment) error {
	tags := c.Tags
	if a.Tags != nil {
		tags = a.Tags
	}
	texts, err := jsonTexts(tags, a, cases.Explanation{Classification: c.Classification.Explanation, Routing: a.Explanation})
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `UPDATE cases SET department = ?, queue = ?, assignee = ?, priority = ?, due_at = ?,
		tags = ?, assignment = ? WHERE id = ?`,
		a.Department, a.Queue, a.Assignee, string(a.Priority), nullMicros(a.DueAt), texts[0], texts[1], c.ID)
	if err != nil {
		return err
	}
	return saveExplanation(ctx, tx, c.ID, texts[2])
}

// SetMessageDelivery implements cases.CaseStore.
func (s *Store) SetMessageDelivery(ctx context.Context, channel, providerID, status, errText string) error {
	err := s.w.do(ctx, func(tx *wtx) error {
		res, err := tx.exec(ctx, `UPDATE messages SET delivery_status = ?, error = ?
			WHERE channel = ? AND direction = 'out' AND provider_id = ? AND provider_id <> ''`, status, errText, channel, providerID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return cases.Errorf(cases.ErrNotFound, "no %s message has provider id %q", channel, providerID)
		}
		return nil
	})
	return storeErr("set delivery", err)
}
