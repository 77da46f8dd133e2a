package cases

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxTextLen bounds the text of a report, in bytes.
const MaxTextLen = 16 << 10

// Report is one contact from a resident, as a channel received it.
type Report struct {
	Channel     string // the channel it came in on: sms, voice, email, slack, x, open311, phone-agent
	ExternalID  string // the provider's id (MessageSid, Message-ID, event_id, tweet id); retries repeat it
	Text        string
	Address     string
	Lat, Lon    *float64
	ServiceCode string // chosen by the resident or call-taker; overrides the classifier's pick
	Language    string // known language, or "" to detect
	Contact     *Contact
	Media       []Media
	Actor       string // the staff member entering it, if any
	At          time.Time
}

// Intake turns reports into stored cases: classify, route, store, and
// enqueue the acknowledgement, all or nothing.
type Intake struct {
	Store      CaseStore
	Classifier Classifier
	Router     Router
	Templates  *Templates
	Now        func() time.Time // nil: time.Now
	Rand       io.Reader        // tracking numbers; nil: crypto/rand
}

func (in *Intake) now() time.Time {
	if in.Now != nil {
		return in.Now().UTC()
	}
	return time.Now().UTC()
}

// Submit stores the case for r and enqueues its acknowledgement. A report
// with the same (channel, external id) as an earlier one returns that case,
// created false, and enqueues nothing.
func (in *Intake) Submit(ctx context.Context, r Report) (*Case, bool, error) {
	if err := validateReport(&r); err != nil {
		return nil, false, err
	}
	if r.ExternalID != "" {
		c, err := in.Store.CaseByExternalID(ctx, r.Channel, r.ExternalID)
		if err == nil || !errors.Is(err, ErrNotFound) {
			return c, false, err
		}
	}
	c, err := in.build(ctx, r)
	if err != nil {
		return nil, false, err
	}
	return in.create(ctx, c)
}

func validateReport(r *Report) error {
	r.Text = strings.TrimSpace(r.Text)
	switch {
	case r.Channel == "":
		return Errorf(ErrInvalid, "a report needs a channel")
	case r.Text == "" && r.ServiceCode == "":
		return Errorf(ErrInvalid, "a report needs a description or a service_code")
	case len(r.Text) > MaxTextLen:
		return Errorf(ErrInvalid, "the description is %d bytes; the limit is %d", len(r.Text), MaxTextLen)
	case !utf8.ValidString(r.Text):
		return Errorf(ErrInvalid, "the description is not valid UTF-8")
	case (r.Lat == nil) != (r.Lon == nil):
		return Errorf(ErrInvalid, "lat and lon go together")
	case r.Lat != nil && (*r.Lat < -90 || *r.Lat > 90 || *r.Lon < -180 || *r.Lon > 180):
		return Errorf(ErrInvalid, "lat/lon %v,%v is not on Earth", *r.Lat, *r.Lon)
	}
	if c := r.Contact; c != nil && (c.Channel == "" || strings.TrimSpace(c.Address) == "") {
		return Errorf(ErrInvalid, "a contact needs a channel and an address")
	}
	return nil
}

// build classifies and routes r into a new case, not yet stored.
func (in *Intake) build(ctx context.Context, r Report) (*Case, error) {
	cls, err := in.Classifier.Classify(ctx, r.Text, r.Language)
	if err != nil {
		return nil, fmt.Errorf("classify: %w", err)
	}
	if r.ServiceCode != "" {
		cls.ServiceCode, cls.Confidence = r.ServiceCode, 1
	}
	c := in.newCase(r, cls)
	a, err := in.Router.Route(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("route: %w", err)
	}
	c.apply(a)
	return c, nil
}

func ackKey(c *Case) string {
	if c.Emergency {
		return TemplateAckEmergency
	}
	return TemplateAck
}

func (in *Intake) newCase(r Report, cls Classification) *Case {
	at := r.At
	if at.IsZero() {
		at = in.now()
	}
	lang := firstNonEmpty(r.Language, cls.Language, in.Templates.fallback)
	c := &Case{
		Status: StatusOpen, ServiceCode: cls.ServiceCode, Description: r.Text,
		Address: r.Address, Lat: r.Lat, Lon: r.Lon, Language: lang, Channel: r.Channel,
		ExternalID: r.ExternalID, Emergency: cls.Emergency, Classification: cls,
		CreatedAt: at, UpdatedAt: at, Media: r.Media,
		History: []HistoryEntry{{Status: StatusOpen, Note: "reported by " + r.Channel, Actor: r.Actor, At: at}},
	}
	c.locate(cls.Location)
	if ct := r.Contact; ct != nil {
		contact := *ct
		contact.Role, contact.CreatedAt = RoleReporter, at
		contact.Language = firstNonEmpty(contact.Language, lang)
		c.Contacts = []Contact{contact}
	}
	if r.Text != "" {
		c.Messages = []Message{inboundMessage(r, at)}
	}
	return c
}

func inboundMessage(r Report, at time.Time) Message {
	m := Message{Direction: Inbound, Channel: r.Channel, ProviderID: r.ExternalID, Text: r.Text, At: at, DeliveryStatus: DeliveryReceived}
	if r.Contact != nil {
		m.Address = r.Contact.Address
	}
	return m
}

// locate fills the address and coordinates from a location found in the
// text, where the report gave none.
func (c *Case) locate(l *Location) {
	if l == nil {
		return
	}
	if c.Address == "" {
		c.Address = firstNonEmpty(l.Normalized, l.Text)
	}
	if c.Lat == nil && l.Lat != nil && l.Lon != nil {
		c.Lat, c.Lon = l.Lat, l.Lon
	}
}

// apply copies an assignment onto the case's own fields.
func (c *Case) apply(a Assignment) {
	c.Assignment = a
	c.Department, c.Queue, c.Assignee = a.Department, a.Queue, a.Assignee
	c.Priority, c.DueAt, c.Tags = a.Priority, a.DueAt, a.Tags
	if c.Priority == "" {
		c.Priority = PriorityNormal
	}
	if c.Emergency {
		c.Priority = PriorityEmergency
	}
}

// create stores c, drawing a new tracking number on the rare collision.
func (in *Intake) create(ctx context.Context, c *Case) (*Case, bool, error) {
	for attempt := 0; ; attempt++ {
		tn, err := NewTrackingNumber(in.Rand)
		if err != nil {
			return nil, false, fmt.Errorf("tracking number: %w", err)
		}
		c.Tracking = tn
		ack, err := in.Templates.notify(c, KindAck, ackKey(c), dataFor(c))
		if err != nil {
			return nil, false, err
		}
		stored, created, err := in.Store.CreateCase(ctx, c, ack)
		if !errors.Is(err, ErrConflict) || attempt == 4 {
			return stored, created, err
		}
	}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
