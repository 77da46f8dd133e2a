package postgres

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/intake311/intake311/cases"
)

const notificationColumns = `id, case_id, COALESCE(contact_id, 0), tracking, channel, to_address,
	thread_ref, language, kind, subject, text, case_status, state, attempts, next_at, last_error,
	provider_id, created_at, sent_at`

func scanNotification(row pgx.CollectableRow) (*cases.Notification, error) {
	var n cases.Notification
	err := row.Scan(&n.ID, &n.CaseID, &n.ContactID, &n.Tracking, &n.Channel, &n.To,
		&n.ThreadRef, &n.Language, &n.Kind, &n.Subject, &n.Text, &n.Status, &n.State, &n.Attempts, &n.NextAt, &n.LastError,
		&n.ProviderID, &n.CreatedAt, &n.SentAt)
	return &n, err
}

// ClaimNotifications leases up to limit due, unleased pending
// notifications until now+lease, oldest due first, counting an attempt on
// each. Rows another claimer is taking at the same moment are skipped,
// not waited for.
func (s *Store) ClaimNotifications(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*cases.Notification, error) {
	rows, _ := s.pool.Query(ctx, `UPDATE notifications SET attempts = attempts + 1, leased_until = $2
		WHERE id IN (
			SELECT id FROM notifications
			WHERE state = 'pending' AND next_at <= $1 AND (leased_until IS NULL OR leased_until <= $1)
			ORDER BY next_at, id
			LIMIT $3
			FOR UPDATE SKIP LOCKED)
		RETURNING `+notificationColumns, now, now.Add(lease), limit)
	ns, err := pgx.CollectRows(rows, scanNotification)
	if err != nil {
		return nil, s.fail("claim notifications", err)
	}
	slices.SortFunc(ns, func(a, b *cases.Notification) int {
		return cmp.Or(a.NextAt.Compare(b.NextAt), cmp.Compare(a.ID, b.ID))
	})
	return ns, nil
}

// outboxChange changes notification id with ctes, the items of a WITH
// clause where $1 is id and args follow, and returns the state the
// notification had before, or ErrNotFound.
func (s *Store) outboxChange(ctx context.Context, op string, id int64, ctes string, args ...any) (cases.NotificationState, error) {
	var before *cases.NotificationState
	err := s.pool.QueryRow(ctx, `WITH `+ctes+`
		SELECT (SELECT state FROM notifications WHERE id = $1)`, append([]any{id}, args...)...).Scan(&before)
	if err != nil {
		return "", s.fail(op, err)
	}
	if before == nil {
		return "", fmt.Errorf("%s %d: %w", op, id, cases.ErrNotFound)
	}
	return *before, nil
}

// CompleteNotification marks a notification sent and keeps the outbound
// message on its case. Completing it again changes nothing.
func (s *Store) CompleteNotification(ctx context.Context, id int64, providerID string, at time.Time) error {
	_, err := s.outboxChange(ctx, "complete notification", id, `
		done AS (
			UPDATE notifications SET state = 'sent', provider_id = $2, sent_at = $3, leased_until = NULL
			WHERE id = $1 AND state <> 'sent'
			RETURNING case_id, channel, to_address, text),
		kept AS (
			INSERT INTO messages (case_id, direction, channel, address, provider_id, text, at, delivery_status)
			SELECT case_id, 'out', channel, to_address, $2, text, $3, 'sent' FROM done
			ON CONFLICT (channel, direction, provider_id) WHERE provider_id <> '' DO NOTHING)`,
		providerID, at)
	return err
}

// RetryNotification releases a pending notification for another attempt
// at next. A sent or dead notification is ErrConflict.
func (s *Store) RetryNotification(ctx context.Context, id int64, next time.Time, errText string) error {
	before, err := s.outboxChange(ctx, "retry notification", id, `
		retried AS (
			UPDATE notifications SET next_at = $2, last_error = $3, leased_until = NULL
			WHERE id = $1 AND state = 'pending')`, next, errText)
	if err == nil && before != cases.NotificationPending {
		return fmt.Errorf("retry notification %d: %w", id, cases.Errorf(cases.ErrConflict, "notification %d is %s", id, before))
	}
	return err
}

// KillNotification dead-letters a pending notification and keeps the
// failed outbound message on its case. Killing a dead one changes
// nothing; a sent one is ErrConflict.
func (s *Store) KillNotification(ctx context.Context, id int64, errText string) error {
	before, err := s.outboxChange(ctx, "kill notification", id, `
		dead AS (
			UPDATE notifications SET state = 'dead', last_error = $2, leased_until = NULL
			WHERE id = $1 AND state = 'pending'
			RETURNING case_id, channel, to_address, text),
		kept AS (
			INSERT INTO messages (case_id, direction, channel, address, text, at, delivery_status, error)
			SELECT case_id, 'out', channel, to_address, text, now(), 'failed', $2 FROM dead)`, errText)
	if err == nil && before == cases.NotificationSent {
		return fmt.Errorf("kill notification %d: %w", id, cases.Errorf(cases.ErrConflict, "notification %d was sent", id))
	}
	return err
}

// RequeueNotification moves a dead notification back to pending, due at
// now with no attempts counted.
func (s *Store) RequeueNotification(ctx context.Context, id int64, now time.Time) error {
	before, err := s.outboxChange(ctx, "requeue notification", id, `
		requeued AS (
			UPDATE notifications SET state = 'pending', attempts = 0, next_at = $2, leased_until = NULL
			WHERE id = $1 AND state = 'dead')`, now)
	if err == nil && before != cases.NotificationDead {
		return fmt.Errorf("requeue notification %d: %w", id, cases.Errorf(cases.ErrConflict, "notification %d is %s, not dead", id, before))
	}
	return err
}

// Notifications lists notifications in state with IDs above afterID, in
// ID order; limit 0 or less means 100.
func (s *Store) Notifications(ctx context.Context, state cases.NotificationState, afterID int64, limit int) ([]*cases.Notification, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, _ := s.pool.Query(ctx, `SELECT `+notificationColumns+` FROM notifications
		WHERE state = $1 AND id > $2 ORDER BY id LIMIT $3`, string(state), afterID, limit)
	ns, err := pgx.CollectRows(rows, scanNotification)
	return ns, s.fail("list notifications", err)
}
