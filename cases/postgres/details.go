package postgres

import (
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/intake311/intake311/cases"
)

// queueDetails queues on b the inserts of c's contacts, media, history,
// messages and notes for the case with ID caseID.
func queueDetails(b *pgx.Batch, caseID int64, c *cases.Case) {
	queueContacts(b, caseID, c.Contacts)
	queueMedia(b, caseID, c.Media)
	for _, h := range c.History {
		queueHistory(b, caseID, h)
	}
	queueMessages(b, caseID, c.Messages)
	queueNotes(b, caseID, c.Notes)
}

// upsertContactSQL adds a contact, or updates the one with the same
// channel and address: consent always, the rest where given.
const upsertContactSQL = `INSERT INTO contacts (case_id, channel, address, name, language, role, thread_ref, consent, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE($9::timestamptz, now()))
ON CONFLICT (case_id, channel, address) DO UPDATE SET
	consent = EXCLUDED.consent,
	name = COALESCE(NULLIF(EXCLUDED.name, ''), contacts.name),
	language = COALESCE(NULLIF(EXCLUDED.language, ''), contacts.language),
	thread_ref = COALESCE(NULLIF(EXCLUDED.thread_ref, ''), contacts.thread_ref)`

func queueContacts(b *pgx.Batch, caseID int64, cs []cases.Contact) {
	for _, ct := range cs {
		b.Queue(upsertContactSQL, caseID, ct.Channel, ct.Address, ct.Name, ct.Language, string(ct.Role), ct.ThreadRef, ct.Consent, nullTime(ct.CreatedAt))
	}
}

func queueMedia(b *pgx.Batch, caseID int64, ms []cases.Media) {
	for _, m := range ms {
		b.Queue(`INSERT INTO media (case_id, url, content_type, size, name) VALUES ($1, $2, $3, $4, $5)`,
			caseID, m.URL, m.ContentType, m.Size, m.Name)
	}
}

func queueHistory(b *pgx.Batch, caseID int64, h cases.HistoryEntry) {
	b.Queue(`INSERT INTO history (case_id, status, close_reason, note, actor, at)
		VALUES ($1, $2, $3, $4, $5, COALESCE($6::timestamptz, now()))`,
		caseID, string(h.Status), string(h.CloseReason), h.Note, h.Actor, nullTime(h.At))
}

// insertMessageSQL adds a message unless one with the same channel,
// direction and provider id is kept already.
const insertMessageSQL = `INSERT INTO messages (case_id, direction, channel, address, provider_id, text, at, delivery_status, error)
VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7::timestamptz, now()), $8, $9)
ON CONFLICT (channel, direction, provider_id) WHERE provider_id <> '' DO NOTHING`

func queueMessages(b *pgx.Batch, caseID int64, ms []cases.Message) {
	for _, m := range ms {
		b.Queue(insertMessageSQL, caseID, string(m.Direction), m.Channel, m.Address, m.ProviderID, m.Text, nullTime(m.At), m.DeliveryStatus, m.Error)
	}
}

func queueNotes(b *pgx.Batch, caseID int64, ns []cases.Note) {
	for _, n := range ns {
		b.Queue(`INSERT INTO notes (case_id, text, public, author, at) VALUES ($1, $2, $3, $4, COALESCE($5::timestamptz, now()))`,
			caseID, n.Text, n.Public, n.Author, nullTime(n.At))
	}
}

// insertNotificationSQL adds a pending notification, linked to the
// case's contact with its channel and address if there is one. Unless the
// caller says otherwise, it is due, and created, when the change that
// caused it happened ($13), by the caller's clock like the claims that
// take it.
const insertNotificationSQL = `INSERT INTO notifications (case_id, contact_id, tracking, channel, to_address,
	thread_ref, language, kind, subject, text, case_status, next_at, created_at)
VALUES ($1, (SELECT id FROM contacts WHERE case_id = $1 AND channel = $3 AND address = $4), $2, $3, $4,
	$5, $6, $7, $8, $9, $10, COALESCE($11::timestamptz, $13::timestamptz, now()),
	COALESCE($12::timestamptz, $13::timestamptz, now()))`

// queueNotifications queues the notifications ns of a change made at at.
func queueNotifications(b *pgx.Batch, caseID int64, tn cases.TrackingNumber, ns []cases.Notification, at time.Time) {
	for _, n := range ns {
		b.Queue(insertNotificationSQL, caseID, string(tn), n.Channel, n.To, n.ThreadRef, n.Language,
			n.Kind, n.Subject, n.Text, string(n.Status), nullTime(n.NextAt), nullTime(n.CreatedAt), nullTime(at))
	}
}
