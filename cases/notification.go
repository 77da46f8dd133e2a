package cases

import (
	"context"
	"time"
)

// Notification is one message to one resident, waiting in the outbox or
// already delivered. It is written in the same transaction as the change
// that caused it and delivered at least once by the outbox dispatcher.
type Notification struct {
	ID        int64             `json:"id"`
	CaseID    int64             `json:"-"`
	Tracking  TrackingNumber    `json:"tracking_number"`
	ContactID int64             `json:"-"`
	Channel   string            `json:"channel"`
	To        string            `json:"to"`
	ThreadRef string            `json:"thread_ref,omitempty"`
	Language  string            `json:"language"`
	Kind      string            `json:"kind"` // ack, status, note, reply
	Subject   string            `json:"subject,omitempty"`
	Text      string            `json:"text"`
	Status    Status            `json:"case_status,omitempty"`
	State     NotificationState `json:"state"`
	Attempts  int               `json:"attempts"`
	NextAt    time.Time         `json:"next_attempt_at"`
	LastError string            `json:"last_error,omitempty"`
	// ProviderID is the provider's id for the sent message (Twilio SID,
	// email Message-ID, Slack ts, tweet id).
	ProviderID string     `json:"provider_id,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	SentAt     *time.Time `json:"sent_at,omitempty"`
}

// NotificationState is where a notification is in the outbox.
type NotificationState string

// Outbox states.
const (
	NotificationPending NotificationState = "pending"
	NotificationSent    NotificationState = "sent"
	NotificationDead    NotificationState = "dead"
)

// Notification kinds.
const (
	KindAck    = "ack"
	KindStatus = "status"
	KindNote   = "note"
	KindReply  = "reply"
)

// Notifier delivers a notification on its channel and returns the
// provider's message id. An error for which IsPermanent is true is not
// retried.
type Notifier interface {
	Notify(ctx context.Context, n *Notification) (providerID string, err error)
}

// NotifierFunc adapts a function to Notifier.
type NotifierFunc func(ctx context.Context, n *Notification) (string, error)

// Notify calls f.
func (f NotifierFunc) Notify(ctx context.Context, n *Notification) (string, error) { return f(ctx, n) }
