package cases

import (
	"context"
	"time"
)

// Store keeps cases, their outbox and the small shared state that several
// replicas of the gateway must agree on. Implementations: cases/sqlite and
// cases/postgres; cases/casestest is the suite both pass.
//
// Errors are of the kinds in this package: ErrNotFound for a missing case,
// ErrUnavailable when the database cannot be reached or is full (nothing has
// been written then), as is every call on a closed store. Times are kept to
// the microsecond (truncated) and returned in UTC.
type Store interface {
	CaseStore
	Outbox
	StateStore
	RulesStore
	// Ping checks that the database answers.
	Ping(ctx context.Context) error
	Close() error
}

// CaseStore keeps cases.
type CaseStore interface {
	// CreateCase stores c (with its contacts, media, messages, history and
	// assignment) and the notifications in one transaction, filling in the
	// IDs. Each notification gets the case's ID and tracking number and the
	// ID of the contact with its channel and address. It is idempotent on (c.Channel, c.ExternalID) when ExternalID is
	// set: if such a case exists, it returns that case, created false, and
	// writes nothing. A tracking number already in use is ErrConflict.
	// c.Notes are not part of a new case: add notes with UpdateCase.
	CreateCase(ctx context.Context, c *Case, notify []Notification) (stored *Case, created bool, err error)
	// Case returns the case with all its details, each list in the order
	// it was written.
	Case(ctx context.Context, tn TrackingNumber) (*Case, error)
	// CaseByExternalID finds a case by the provider id of its first contact.
	CaseByExternalID(ctx context.Context, channel, externalID string) (*Case, error)
	// FindCases lists cases, newest first, without details (no history,
	// messages or notes; contacts only when the filter names a contact).
	// Explanations may be left out of lists.
	// A cursor the store did not give out is ErrInvalid.
	FindCases(ctx context.Context, f Filter) (*CasePage, error)
	// UpdateCase loads the case with its details inside a transaction,
	// calls fn, and applies the Update it returns with its notifications
	// atomically. fn must not do I/O: it may run while other writers wait.
	// If fn returns an error, nothing is written and that error is returned;
	// if it returns a nil Update, nothing is written and the case is
	// returned as loaded. An applied update sets updated_at to Update.At.
	UpdateCase(ctx context.Context, tn TrackingNumber, fn func(*Case) (*Update, error)) (*Case, error)
	// SetMessageDelivery records a provider's delivery report for an
	// outbound message, found by channel and provider id (ErrNotFound if
	// there is none).
	SetMessageDelivery(ctx context.Context, channel, providerID, status, errText string) error
}

// Update is a change to a case, applied atomically by Store.UpdateCase. An
// Assignment replaces the department, queue, assignee, priority and due
// time (empty values clear them).
type Update struct {
	At         time.Time
	Status     *HistoryEntry // new status, with note and actor
	Assignment *Assignment
	Notes      []Note
	Messages   []Message // inbound messages are deduplicated on (channel, provider id)
	Contacts   []Contact // added, or updated when (channel, address) exists
	Media      []Media
	Notify     []Notification
}

// Filter selects cases. Zero fields do not filter.
type Filter struct {
	Status      []Status
	ServiceCode []string
	Channel     []string
	Department  []string
	From, To    time.Time // created_at in [From, To)
	// Text selects the cases where every word of Text begins a word of
	// the description or address, ignoring case and the accents of Latin
	// letters: "main st" finds "1200 N Main Street", "pena" finds "Peña",
	// "treet" finds neither. Words are runs of letters and digits; the
	// rest only separates them. A Text without a letter or digit selects
	// no case; more than 32 different words is ErrInvalid.
	Text string
	// ContactChannel and ContactAddress select cases with that contact.
	ContactChannel string
	ContactAddress string
	Limit          int    // default 50, at most 500
	Cursor         string // from CasePage.Next
}

// Page limits.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// PageSize returns the effective limit of f.
func (f Filter) PageSize() int {
	switch {
	case f.Limit <= 0:
		return DefaultPageSize
	case f.Limit > MaxPageSize:
		return MaxPageSize
	}
	return f.Limit
}

// CasePage is one page of a case list.
type CasePage struct {
	Cases []*Case `json:"cases"`
	Next  string  `json:"next,omitempty"` // cursor for the next page, "" on the last
}

// Outbox holds notifications until a channel has delivered them. Completing,
// retrying or killing an unknown notification is ErrNotFound.
type Outbox interface {
	// ClaimNotifications leases up to limit pending notifications that are
	// due at now and not leased by someone else, until now+lease, oldest due
	// first, and counts an attempt on each. Concurrent claimers never receive
	// the same row while its lease runs.
	ClaimNotifications(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*Notification, error)
	// CompleteNotification marks a claimed notification sent, records the
	// provider id, and keeps the outbound message on its case (delivery
	// status "sent"). Completing a sent notification again changes nothing.
	CompleteNotification(ctx context.Context, id int64, providerID string, at time.Time) error
	// RetryNotification releases a claimed notification for another attempt
	// at next, keeping errText as its last error.
	RetryNotification(ctx context.Context, id int64, next time.Time, errText string) error
	// KillNotification dead-letters a notification and keeps the failed
	// outbound message on its case (delivery status "failed").
	KillNotification(ctx context.Context, id int64, errText string) error
	// Notifications lists notifications in one state, oldest first, after
	// the given id.
	Notifications(ctx context.Context, state NotificationState, afterID int64, limit int) ([]*Notification, error)
	// RequeueNotification moves a dead notification back to pending, due at
	// now with a fresh attempt count. A notification in another state is
	// ErrConflict.
	RequeueNotification(ctx context.Context, id int64, now time.Time) error
}

// StateStore keeps small shared state: conversation state keyed by a
// resident's address, pollers' leases and cursors.
type StateStore interface {
	// GetState returns a value and its version; ErrNotFound when it is
	// missing or expired.
	GetState(ctx context.Context, scope, key string) (value []byte, version int64, err error)
	// PutState writes a value if its current version is version (0: it must
	// not exist or be expired) and returns the new version (1 for a new
	// value, then +1 per write); otherwise ErrConflict. ttl 0 keeps it
	// forever.
	PutState(ctx context.Context, scope, key string, value []byte, version int64, ttl time.Duration) (int64, error)
	// DeleteState removes a value; a missing one is not an error.
	DeleteState(ctx context.Context, scope, key string) error
	// AcquireLease takes or renews the named lease for holder until now+ttl
	// and reports whether holder has it.
	AcquireLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error)
	// ReleaseLease gives the lease up if holder has it.
	ReleaseLease(ctx context.Context, name, holder string) error
}

// RulesStore keeps the versions of the routing document that managers
// publish. Versions are numbered 1, 2, 3, ... in publishing order.
type RulesStore interface {
	// PublishRules stores doc as the newest version and returns its number.
	PublishRules(ctx context.Context, doc []byte, author, comment string) (int64, error)
	// Rules returns one version with its document; version 0 is the newest.
	// With no versions at all it is ErrNotFound.
	Rules(ctx context.Context, version int64) (*RulesVersion, error)
	// RulesHistory lists every version, newest first, without documents.
	RulesHistory(ctx context.Context) ([]RulesVersion, error)
}

// RulesVersion is one published version of the routing document.
type RulesVersion struct {
	Version  int64     `json:"version"`
	Author   string    `json:"author"`
	Comment  string    `json:"comment"`
	At       time.Time `json:"at"`
	Document []byte    `json:"-"`
}
