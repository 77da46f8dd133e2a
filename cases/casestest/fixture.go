package casestest

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
)

// chicago is the zone the fixtures are written in, so that a store which
// forgets to return UTC is caught.
var chicago = time.FixedZone("CST", -6*60*60)

// instant returns the current time with a sub-microsecond part and in a
// zone other than UTC: what the store returns must be truncated and in UTC.
func instant() time.Time {
	return time.Now().Truncate(time.Microsecond).Add(789 * time.Nanosecond).In(chicago)
}

func newTracking(t *testing.T) cases.TrackingNumber {
	t.Helper()
	tn, err := cases.NewTrackingNumber(nil)
	if err != nil {
		t.Fatalf("tracking number: %v", err)
	}
	return tn
}

func ptr[T any](v T) *T { return &v }

// fullCase returns a case with every field and every detail set, as an
// SMS intake would hand it to CreateCase.
func fullCase(t *testing.T, at time.Time) *cases.Case {
	tn := newTracking(t)
	due := at.Add(72 * time.Hour)
	desc := "Deep pothole in the right lane, cars swerving around it"
	return &cases.Case{
		Tracking: tn, Status: cases.StatusOpen, ServiceCode: "pothole",
		Department: "streets", Queue: "crew-north", Assignee: "j.ortiz", Priority: cases.PriorityHigh,
		Description: desc, Address: "1234 N MAIN ST", Lat: ptr(41.878113), Lon: ptr(-87.629799),
		Language: "es", Channel: "sms", ExternalID: "SM" + string(tn), Tags: []string{"road", "safety"},
		CreatedAt: at, UpdatedAt: at, DueAt: &due,
		Classification: fullClassification(),
		Assignment:     fullAssignment(&due),
		Contacts: []cases.Contact{
			{Channel: "sms", Address: "+13125550101", Name: "Ana Ruiz", Language: "es", Role: cases.RoleReporter, Consent: true, CreatedAt: at},
			{Channel: "email", Address: "ana@example.org", Language: "en", Role: cases.RoleFollower, ThreadRef: "<r1@example.org>", CreatedAt: at},
		},
		Media: []cases.Media{
			{URL: "https://media.example/ME1.jpg", ContentType: "image/jpeg", Size: 183422, Name: "pothole.jpg"},
			{URL: "https://media.example/ME2.png", ContentType: "image/png", Size: 2048},
		},
		History: []cases.HistoryEntry{{Status: cases.StatusOpen, Note: "reported by sms", Actor: "intake", At: at}},
		Messages: []cases.Message{
			{Direction: cases.Inbound, Channel: "sms", Address: "+13125550101", ProviderID: "SM" + string(tn), Text: desc, At: at, DeliveryStatus: cases.DeliveryReceived},
		},
	}
}

func fullClassification() cases.Classification {
	return cases.Classification{
		ServiceCode: "pothole", Confidence: 0.87, Language: "es",
		Location: &cases.Location{
			Text: "1234 n main", Normalized: "1234 N MAIN ST", Kind: "address",
			Start: 12, End: 23, Lat: ptr(41.878113), Lon: ptr(-87.629799),
		},
		Alternatives: []cases.Alternative{{ServiceCode: "street_light", Score: 0.21}},
		Explanation:  json.RawMessage(`{"keywords": ["pothole", "lane"], "scores": {"pothole": 0.87, "street_light": 0.21}}`),
	}
}

func fullAssignment(due *time.Time) cases.Assignment {
	return cases.Assignment{
		Department: "streets", Queue: "crew-north", Assignee: "j.ortiz", Priority: cases.PriorityHigh,
		SLA: 72 * time.Hour, DueAt: due, Tags: []string{"road", "safety"},
		ReplyTemplate: "ack.streets", RuleID: "potholes-north", Version: 3,
		Explanation: json.RawMessage(`{"rule": "potholes-north", "trace": [{"rule": "emergencies", "matched": false}, {"rule": "potholes-north", "matched": true}]}`),
	}
}

// plainCase returns a case with only what a call-taker must give: no
// coordinates, due date, tags, explanations or details.
func plainCase(t *testing.T, at time.Time) *cases.Case {
	return &cases.Case{
		Tracking: newTracking(t), Status: cases.StatusOpen, ServiceCode: "graffiti",
		Department: "sanitation", Priority: cases.PriorityNormal, Description: "Graffiti on the underpass",
		Language: "en", Channel: "phone-agent", CreatedAt: at, UpdatedAt: at,
	}
}

// create stores c with notify and fails t unless it was created.
func create(t *testing.T, st cases.Store, c *cases.Case, notify ...cases.Notification) *cases.Case {
	t.Helper()
	stored, created, err := st.CreateCase(t.Context(), c, notify)
	if err != nil {
		t.Fatalf("CreateCase %s: %v", c.Tracking, err)
	}
	if !created {
		t.Fatalf("CreateCase %s: created = false, want true", c.Tracking)
	}
	return stored
}

func getCase(t *testing.T, st cases.Store, tn cases.TrackingNumber) *cases.Case {
	t.Helper()
	c, err := st.Case(t.Context(), tn)
	if err != nil {
		t.Fatalf("Case %s: %v", tn, err)
	}
	return c
}

// notification returns a pending notification to contact ct of c.
func notification(c *cases.Case, ct cases.Contact, kind, text string) cases.Notification {
	return cases.Notification{
		Tracking: c.Tracking, Channel: ct.Channel, To: ct.Address, ThreadRef: ct.ThreadRef,
		Language: ct.Language, Kind: kind, Text: text, Status: c.Status, State: cases.NotificationPending,
	}
}

// listAll returns every notification in state, in id order.
func listAll(t *testing.T, st cases.Store, state cases.NotificationState) []*cases.Notification {
	t.Helper()
	var all []*cases.Notification
	var after int64
	for {
		page, err := st.Notifications(t.Context(), state, after, 100)
		if err != nil {
			t.Fatalf("Notifications(%s, %d): %v", state, after, err)
		}
		if len(page) == 0 {
			return all
		}
		all = append(all, page...)
		after = page[len(page)-1].ID
	}
}

// countNotifications counts the notifications in every state.
func countNotifications(t *testing.T, st cases.Store) int {
	t.Helper()
	n := 0
	for _, s := range []cases.NotificationState{cases.NotificationPending, cases.NotificationSent, cases.NotificationDead} {
		n += len(listAll(t, st, s))
	}
	return n
}

func isKind(err, kind error) bool { return err != nil && errors.Is(err, kind) }

// contactID returns the ID of c's contact on channel at address, or 0.
func contactID(c *cases.Case, channel, address string) int64 {
	if ct := c.Contact(channel, address); ct != nil {
		return ct.ID
	}
	return 0
}

// trackings returns the tracking numbers of cs, in order.
func trackings(cs []*cases.Case) []cases.TrackingNumber {
	out := make([]cases.TrackingNumber, len(cs))
	for i, c := range cs {
		out[i] = c.Tracking
	}
	return out
}

// messageTexts returns the texts of ms, in order.
func messageTexts(ms []cases.Message) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Text
	}
	return out
}

// withoutDetails returns a copy of c as a list shows it.
func withoutDetails(c *cases.Case) *cases.Case {
	cp := *c
	cp.Contacts, cp.Media, cp.History, cp.Messages, cp.Notes = nil, nil, nil, nil, nil
	return &cp
}

// cloneCase returns a deep enough copy of c for building expectations.
func cloneCase(c *cases.Case) *cases.Case {
	cp := *c
	cp.Contacts = slices.Clone(c.Contacts)
	cp.Media = slices.Clone(c.Media)
	cp.History = slices.Clone(c.History)
	cp.Messages = slices.Clone(c.Messages)
	cp.Notes = slices.Clone(c.Notes)
	cp.Tags = slices.Clone(c.Tags)
	return &cp
}
