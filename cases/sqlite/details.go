package sqlite

import (
	"context"
	"time"

	"github.com/intake311/intake311/cases"
)

// insertDetails writes the lists of an update (or of a new case) for c,
// whose ID is set. Contacts are upserted on (channel, address) and merged
// into c.Contacts, so notifications find their contact's ID.
func insertDetails(ctx context.Context, tx *wtx, c *cases.Case, u *cases.Update, history []cases.HistoryEntry) error {
	for i := range u.Contacts {
		if err := upsertContact(ctx, tx, c, &u.Contacts[i]); err != nil {
			return err
		}
	}
	for _, m := range u.Media {
		if _, err := tx.exec(ctx, "INSERT INTO media (case_id, url, content_type, size, name) VALUES (?, ?, ?, ?, ?)",
			c.ID, m.URL, m.ContentType, m.Size, m.Name); err != nil {
			return err
		}
	}
	for i := range u.Messages {
		if err := insertMessage(ctx, tx, c.ID, &u.Messages[i]); err != nil {
			return err
		}
	}
	for _, h := range history {
		if _, err := tx.exec(ctx, "INSERT INTO history (case_id, status, close_reason, note, actor, at) VALUES (?, ?, ?, ?, ?, ?)",
			c.ID, string(h.Status), string(h.CloseReason), h.Note, h.Actor, micros(h.At)); err != nil {
			return err
		}
	}
	for _, n := range u.Notes {
		if _, err := tx.exec(ctx, "INSERT INTO notes (case_id, text, public, author, at) VALUES (?, ?, ?, ?, ?)",
			c.ID, n.Text, boolInt(n.Public), n.Author, micros(n.At)); err != nil {
			return err
		}
	}
	return insertNotifications(ctx, tx, c, u.Notify, updateTime(c, u))
}

func updateTime(c *cases.Case, u *cases.Update) time.Time {
	if !u.At.IsZero() {
		return u.At
	}
	if !c.CreatedAt.IsZero() {
		return c.CreatedAt
	}
	return time.Now()
}

// insertContact adds a contact to a new case.
func insertContact(ctx context.Context, tx *wtx, caseID int64, ct *cases.Contact) error {
	if ct.Role == "" {
		ct.Role = cases.RoleReporter
	}
	res, err := tx.exec(ctx, `INSERT INTO contacts (case_id, channel, address, name, language, role, thread_ref, consent, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, caseID, ct.Channel, ct.Address, ct.Name, ct.Language, string(ct.Role),
		ct.ThreadRef, boolInt(ct.Consent), micros(ct.CreatedAt))
	if err != nil {
		return err
	}
	ct.ID, err = res.LastInsertId()
	return err
}

const upsertContactSQL = `INSERT INTO contacts (case_id, channel, address, name, language, role, thread_ref, consent, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (case_id, channel, address) DO UPDATE SET
		name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE name END,
		language = CASE WHEN excluded.language <> '' THEN excluded.language ELSE language END,
		thread_ref = CASE WHEN excluded.thread_ref <> '' THEN excluded.thread_ref ELSE thread_ref END,
		consent = excluded.consent
	RETURNING id, role, created_at`

func upsertContact(ctx context.Context, tx *wtx, c *cases.Case, ct *cases.Contact) error {
	if ct.Role == "" {
		ct.Role = cases.RoleFollower
	}
	if ct.CreatedAt.IsZero() {
		ct.CreatedAt = time.Now().UTC()
	}
	var role string
	var created int64
	err := tx.queryRow(ctx, upsertContactSQL, c.ID, ct.Channel, ct.Address, ct.Name, ct.Language, string(ct.Role),
		ct.ThreadRef, boolInt(ct.Consent), micros(ct.CreatedAt)).Scan(&ct.ID, &role, &created)
	if err != nil {
		return err
	}
	ct.Role, ct.CreatedAt = cases.Role(role), fromMicros(created)
	mergeContact(c, *ct)
	return nil
}

// mergeContact puts ct into c.Contacts, replacing the one with its ID.
func mergeContact(c *cases.Case, ct cases.Contact) {
	for i := range c.Contacts {
		if c.Contacts[i].Channel == ct.Channel && c.Contacts[i].Address == ct.Address {
			c.Contacts[i] = ct
			return
		}
	}
	c.Contacts = append(c.Contacts, ct)
}

// insertMessage keeps a message; an inbound one whose provider id is known
// already is skipped.
func insertMessage(ctx context.Context, tx *wtx, caseID int64, m *cases.Message) error {
	res, err := tx.exec(ctx, `INSERT OR IGNORE INTO messages (case_id, direction, channel, address, provider_id, text, at, delivery_status, error)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		caseID, string(m.Direction), m.Channel, m.Address, m.ProviderID, m.Text, micros(m.At), m.DeliveryStatus, m.Error)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		m.ID, err = res.LastInsertId()
	}
	return err
}

const insertNotificationSQL = `INSERT INTO notifications (case_id, tracking, contact_id, channel, recipient, thread_ref,
	language, kind, subject, text, case_status, state, next_at, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`

func insertNotifications(ctx context.Context, tx *wtx, c *cases.Case, notify []cases.Notification, at time.Time) error {
	for i := range notify {
		n := &notify[i]
		n.CaseID, n.Tracking, n.State, n.CreatedAt = c.ID, c.Tracking, cases.NotificationPending, at
		if ct := c.Contact(n.Channel, n.To); ct != nil {
			n.ContactID = ct.ID
		}
		if n.NextAt.IsZero() {
			n.NextAt = at
		}
		res, err := tx.exec(ctx, insertNotificationSQL, c.ID, string(c.Tracking), n.ContactID, n.Channel, n.To, n.ThreadRef,
			n.Language, n.Kind, n.Subject, n.Text, string(n.Status), micros(n.NextAt), micros(at))
		if err != nil {
			return err
		}
		if n.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	}
	return nil
}

// loadDetails reads the lists of case c.
func loadDetails(ctx context.Context, q querier, c *cases.Case) error {
	var err error
	if c.Contacts, err = loadContacts(ctx, q, c.ID); err != nil {
		return err
	}
	if c.Media, err = loadMedia(ctx, q, c.ID); err != nil {
		return err
	}
	if c.History, err = loadHistory(ctx, q, c.ID); err != nil {
		return err
	}
	if c.Messages, err = loadMessages(ctx, q, c.ID); err != nil {
		return err
	}
	c.Notes, err = loadNotes(ctx, q, c.ID)
	return err
}

// collect runs a query and scans each row with scan.
func collect[T any](ctx context.Context, q querier, query string, arg any, scan func(scanner, *T) error) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		var v T
		if err := scan(rows, &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func loadContacts(ctx context.Context, q querier, caseID int64) ([]cases.Contact, error) {
	return collect(ctx, q, `SELECT id, channel, address, name, language, role, thread_ref, consent, created_at
		FROM contacts WHERE case_id = ? ORDER BY id`, caseID, func(r scanner, ct *cases.Contact) error {
		var role string
		var consent int
		var created int64
		err := r.Scan(&ct.ID, &ct.Channel, &ct.Address, &ct.Name, &ct.Language, &role, &ct.ThreadRef, &consent, &created)
		ct.Role, ct.Consent, ct.CreatedAt = cases.Role(role), consent != 0, fromMicros(created)
		return err
	})
}

func loadMedia(ctx context.Context, q querier, caseID int64) ([]cases.Media, error) {
	return collect(ctx, q, "SELECT url, content_type, size, name FROM media WHERE case_id = ? ORDER BY id", caseID,
		func(r scanner, m *cases.Media) error { return r.Scan(&m.URL, &m.ContentType, &m.Size, &m.Name) })
}

func loadHistory(ctx context.Context, q querier, caseID int64) ([]cases.HistoryEntry, error) {
	return collect(ctx, q, "SELECT status, close_reason, note, actor, at FROM history WHERE case_id = ? ORDER BY id", caseID,
		func(r scanner, h *cases.HistoryEntry) error {
			var status, reason string
			var at int64
			err := r.Scan(&status, &reason, &h.Note, &h.Actor, &at)
			h.Status, h.CloseReason, h.At = cases.Status(status), cases.CloseReason(reason), fromMicros(at)
			return err
		})
}

func loadMessages(ctx context.Context, q querier, caseID int64) ([]cases.Message, error) {
	return collect(ctx, q, `SELECT id, direction, channel, address, provider_id, text, at, delivery_status, error
		FROM messages WHERE case_id = ? ORDER BY id`, caseID, func(r scanner, m *cases.Message) error {
		var dir string
		var at int64
		err := r.Scan(&m.ID, &dir, &m.Channel, &m.Address, &m.ProviderID, &m.Text, &at, &m.DeliveryStatus, &m.Error)
		m.Direction, m.At = cases.Direction(dir), fromMicros(at)
		return err
	})
}

func loadNotes(ctx context.Context, q querier, caseID int64) ([]cases.Note, error) {
	return collect(ctx, q, "SELECT text, public, author, at FROM notes WHERE case_id = ? ORDER BY id", caseID,
		func(r scanner, n *cases.Note) error {
			var public int
			var at int64
			err := r.Scan(&n.Text, &public, &n.Author, &at)
			n.Public, n.At = public != 0, fromMicros(at)
			return err
		})
}
