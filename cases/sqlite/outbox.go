package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"github.com/intake311/intake311/cases"
)

const notificationColumns = `id, case_id, tracking, contact_id, channel, recipient, thread_ref, language, kind,
	subject, text, case_status, state, attempts, next_at, last_error, provider_id, created_at, sent_at`

func scanNotification(r scanner) (*cases.Notification, error) {
	var (
		n                       cases.Notification
		tracking, status, state string
		next, created           int64
		sent                    sql.NullInt64
	)
	err := r.Scan(&n.ID, &n.CaseID, &tracking, &n.ContactID, &n.Channel, &n.To, &n.ThreadRef, &n.Language, &n.Kind,
		&n.Subject, &n.Text, &status, &state, &n.Attempts, &next, &n.LastError, &n.ProviderID, &created, &sent)
	n.Tracking, n.Status, n.State = cases.TrackingNumber(tracking), cases.Status(status), cases.NotificationState(state)
	n.NextAt, n.CreatedAt, n.SentAt = fromMicros(next), fromMicros(created), timePtr(sent)
	return &n, err
}

const claimSQL = `UPDATE notifications SET lease_until = ?, attempts = attempts + 1
	WHERE id IN (SELECT id FROM notifications
		WHERE state = 'pending' AND next_at <= ? AND lease_until <= ?
		ORDER BY next_at, id LIMIT ?)
	RETURNING ` + notificationColumns

// ClaimNotifications implements cases.Outbox. Claims go through the single
// writer, so two claimers can never lease the same row.
func (s *Store) ClaimNotifications(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*cases.Notification, error) {
	var out []*cases.Notification
	err := s.w.do(ctx, func(tx *wtx) error {
		out = out[:0]
		rows, err := tx.query(ctx, claimSQL, micros(now.Add(lease)), micros(now), micros(now), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			n, err := scanNotification(rows)
			if err != nil {
				return err
			}
			out = append(out, n)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, storeErr("claim notifications", err)
	}
	slices.SortFunc(out, func(a, b *cases.Notification) int {
		if c := a.NextAt.Compare(b.NextAt); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	return out, nil
}

// CompleteNotification implements cases.Outbox.
func (s *Store) CompleteNotification(ctx context.Context, id int64, providerID string, at time.Time) error {
	err := s.w.do(ctx, func(tx *wtx) error {
		n, err := finishNotification(ctx, tx, id, `UPDATE notifications SET state = 'sent', provider_id = ?, sent_at = ?,
			lease_until = 0 WHERE id = ? AND state = 'pending' RETURNING `+notificationColumns, providerID, micros(at), id)
		if err != nil || n == nil {
			return err
		}
		return insertMessage(ctx, tx, n.CaseID, &cases.Message{Direction: cases.Outbound, Channel: n.Channel,
			Address: n.To, ProviderID: providerID, Text: n.Text, At: at, DeliveryStatus: cases.DeliverySent})
	})
	return storeErr("complete notification", err)
}

// finishNotification runs an update of one pending notification. When the
// row is not pending it returns nil: a sent one needs nothing more, a
// missing one is ErrNotFound and a dead one ErrConflict.
func finishNotification(ctx context.Context, tx *wtx, id int64, query string, args ...any) (*cases.Notification, error) {
	n, err := scanNotification(tx.queryRow(ctx, query, args...))
	if !errors.Is(err, sql.ErrNoRows) {
		return n, err
	}
	var state string
	err = tx.queryRow(ctx, "SELECT state FROM notifications WHERE id = ?", id).Scan(&state)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, cases.Errorf(cases.ErrNotFound, "no notification %d", id)
	case err != nil:
		return nil, err
	case state == string(cases.NotificationDead):
		return nil, cases.Errorf(cases.ErrConflict, "notification %d is dead-lettered", id)
	}
	return nil, nil
}

// RetryNotification implements cases.Outbox.
func (s *Store) RetryNotification(ctx context.Context, id int64, next time.Time, errText string) error {
	err := s.w.do(ctx, func(tx *wtx) error {
		_, err := finishNotification(ctx, tx, id, `UPDATE notifications SET next_at = ?, last_error = ?, lease_until = 0
			WHERE id = ? AND state = 'pending' RETURNING `+notificationColumns, micros(next), errText, id)
		return err
	})
	return storeErr("retry notification", err)
}

// KillNotification implements cases.Outbox.
func (s *Store) KillNotification(ctx context.Context, id int64, errText string) error {
	err := s.w.do(ctx, func(tx *wtx) error {
		n, err := finishNotification(ctx, tx, id, `UPDATE notifications SET state = 'dead', last_error = ?, lease_until = 0
			WHERE id = ? AND state = 'pending' RETURNING `+notificationColumns, errText, id)
		if err != nil || n == nil {
			return err
		}
		return insertMessage(ctx, tx, n.CaseID, &cases.Message{Direction: cases.Outbound, Channel: n.Channel,
			Address: n.To, Text: n.Text, At: time.Now().UTC(), DeliveryStatus: cases.DeliveryFailed, Error: errText})
	})
	return storeErr("kill notification", err)
}

// Notifications implements cases.Outbox.
func (s *Store) Notifications(ctx context.Context, state cases.NotificationState, afterID int64, limit int) ([]*cases.Notification, error) {
	if limit <= 0 || limit > cases.MaxPageSize {
		limit = cases.MaxPageSize
	}
	rows, err := s.rdb.QueryContext(ctx, "SELECT "+notificationColumns+` FROM notifications
		WHERE state = ? AND id > ? ORDER BY id LIMIT ?`, string(state), afterID, limit)
	if err != nil {
		return nil, storeErr("list notifications", err)
	}
	defer rows.Close()
	out := []*cases.Notification{}
	for rows.Next() {
		n, err := scanNotification(rows)
		if err != nil {
			return nil, storeErr("list notifications", err)
		}
		out = append(out, n)
	}
	return out, storeErr("list notifications", rows.Err())
}

// RequeueNotification implements cases.Outbox.
func (s *Store) RequeueNotification(ctx context.Context, id int64, now time.Time) error {
	err := s.w.do(ctx, func(tx *wtx) error {
		var state string
		err := tx.queryRow(ctx, "SELECT state FROM notifications WHERE id = ?", id).Scan(&state)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return cases.Errorf(cases.ErrNotFound, "no notification %d", id)
		case err != nil:
			return err
		case state != string(cases.NotificationDead):
			return cases.Errorf(cases.ErrConflict, "notification %d is %s, not dead-lettered", id, state)
		}
		_, err = tx.exec(ctx, `UPDATE notifications SET state = 'pending', attempts = 0, next_at = ?, lease_until = 0
			WHERE id = ?`, micros(now), id)
		return err
	})
	return storeErr("requeue notification", err)
}
