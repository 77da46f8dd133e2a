package cases

import (
	"encoding/json"
	"time"
)

// Case is one resident-reported problem, however many people and channels
// reported it.
type Case struct {
	ID          int64          `json:"-"`
	Tracking    TrackingNumber `json:"tracking_number"`
	Status      Status         `json:"status"`
	CloseReason CloseReason    `json:"close_reason,omitempty"`
	ServiceCode string         `json:"service_code"`
	Department  string         `json:"department"`
	Queue       string         `json:"queue,omitempty"`
	Assignee    string         `json:"assignee,omitempty"`
	Priority    Priority       `json:"priority"`
	Description string         `json:"description"`
	Address     string         `json:"address,omitempty"`
	Lat         *float64       `json:"lat,omitempty"`
	Lon         *float64       `json:"lon,omitempty"`
	Language    string         `json:"language"`
	Channel     string         `json:"channel"`
	ExternalID  string         `json:"external_id,omitempty"`
	Emergency   bool           `json:"emergency,omitempty"`
	Tags        []string       `json:"tags,omitempty"`
	CreatedAt   time.Time      `json:"created_at"`
	UpdatedAt   time.Time      `json:"updated_at"`
	DueAt       *time.Time     `json:"due_at,omitempty"`

	Classification Classification `json:"classification"`
	Assignment     Assignment     `json:"assignment"`

	// Details, filled by Store.Case and left empty in lists.
	Contacts []Contact      `json:"contacts"`
	Media    []Media        `json:"media"`
	History  []HistoryEntry `json:"history"`
	Messages []Message      `json:"messages"`
	Notes    []Note         `json:"notes"`
}

// Explanation says why the case has its service and department.
type Explanation struct {
	Classification json.RawMessage `json:"classification,omitempty"`
	Routing        json.RawMessage `json:"routing,omitempty"`
}

// MarshalJSON adds the "explanation" object the staff API promises.
func (c *Case) MarshalJSON() ([]byte, error) {
	type plain Case
	return json.Marshal(struct {
		*plain
		Explanation Explanation `json:"explanation"`
	}{(*plain)(c), Explanation{c.Classification.Explanation, c.Assignment.Explanation}})
}

// Contact is a person to keep informed about a case, on the channel they used.
type Contact struct {
	ID       int64  `json:"-"`
	Channel  string `json:"channel"`
	Address  string `json:"address"` // E.164 phone, email address, Slack user, X user id
	Name     string `json:"name,omitempty"`
	Language string `json:"language"`
	Role     Role   `json:"role"`
	// ThreadRef is where replies go: the email Message-ID chain, Slack
	// thread_ts, tweet id or CallSid.
	ThreadRef string    `json:"thread_ref,omitempty"`
	Consent   bool      `json:"consent"` // wants status updates
	CreatedAt time.Time `json:"created_at"`
}

// Role is a contact's relation to the case.
type Role string

// Contact roles.
const (
	RoleReporter Role = "reporter"
	RoleFollower Role = "follower"
)

// Direction says whether a message came from a resident or went to one.
type Direction string

// Message directions.
const (
	Inbound  Direction = "in"
	Outbound Direction = "out"
)

// Delivery statuses of messages.
const (
	DeliveryReceived    = "received"
	DeliverySent        = "sent"
	DeliveryDelivered   = "delivered"
	DeliveryUndelivered = "undelivered"
	DeliveryFailed      = "failed"
)

// Message is one inbound or outbound message kept on a case.
type Message struct {
	ID             int64     `json:"-"`
	Direction      Direction `json:"direction"`
	Channel        string    `json:"channel"`
	Address        string    `json:"address,omitempty"`
	ProviderID     string    `json:"provider_id,omitempty"`
	Text           string    `json:"text"`
	At             time.Time `json:"at"`
	DeliveryStatus string    `json:"delivery_status,omitempty"`
	Error          string    `json:"error,omitempty"`
}

// Media is a photo, recording or other attachment on a case.
type Media struct {
	URL         string `json:"url"`
	ContentType string `json:"content_type,omitempty"`
	Size        int64  `json:"size,omitempty"`
	Name        string `json:"name,omitempty"`
}

// HistoryEntry records one status change.
type HistoryEntry struct {
	Status      Status      `json:"status"`
	CloseReason CloseReason `json:"close_reason,omitempty"`
	Note        string      `json:"note,omitempty"`
	Actor       string      `json:"actor,omitempty"`
	At          time.Time   `json:"at"`
}

// Note is a staff note: internal, or public (sent to the residents).
type Note struct {
	Text   string    `json:"text"`
	Public bool      `json:"public"`
	Author string    `json:"author,omitempty"`
	At     time.Time `json:"at"`
}

// Priority orders work within a department.
type Priority string

// Priorities, lowest first.
const (
	PriorityLow       Priority = "low"
	PriorityNormal    Priority = "normal"
	PriorityHigh      Priority = "high"
	PriorityEmergency Priority = "emergency"
)

// Valid reports whether p is a known priority.
func (p Priority) Valid() bool {
	switch p {
	case PriorityLow, PriorityNormal, PriorityHigh, PriorityEmergency:
		return true
	}
	return false
}

// Contact returns the case's contact on channel at address, or nil.
func (c *Case) Contact(channel, address string) *Contact {
	for i := range c.Contacts {
		if c.Contacts[i].Channel == channel && c.Contacts[i].Address == address {
			return &c.Contacts[i]
		}
	}
	return nil
}

// LatestPublicNote returns the text of the newest public note, if any.
func (c *Case) LatestPublicNote() string {
	for i := len(c.Notes) - 1; i >= 0; i-- {
		if c.Notes[i].Public {
			return c.Notes[i].Text
		}
	}
	return ""
}
