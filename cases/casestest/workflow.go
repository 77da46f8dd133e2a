package casestest

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"strings"
	"testing"

	"github.com/intake311/intake311/cases"
)

// These tests drive the store through cases.Intake and cases.Workflow, the
// way the gateway uses it: a change and the notifications it causes are
// visible together, or not at all.
var workflowTests = []test{
	{"IntakeSubmit", testIntakeSubmit},
	{"IntakeTrackingCollision", testIntakeCollision},
	{"ChangeStatus", testChangeStatus},
	{"ChangeStatusRefused", testChangeStatusRefused},
	{"Assign", testAssign},
	{"AddNote", testAddNote},
}

func templates(t *testing.T) *cases.Templates {
	t.Helper()
	tm, err := cases.NewTemplates(map[string]map[string]string{
		"en": {
			"ack":           "We got your report. Case {{.TrackingSpoken}}.",
			"ack.emergency": "If anyone is in danger call 911. Case {{.TrackingSpoken}}.",
			"status":        "Case {{.Tracking}} is now {{.Status}}.{{if .Note}} {{.Note}}{{end}}",
			"note":          "Case {{.Tracking}}: {{.Note}}",
		},
		"es": {
			"ack":    "Recibimos su reporte. Caso {{.TrackingSpoken}}.",
			"status": "El caso {{.Tracking}} ahora está {{.Status}}.",
		},
	}, "en")
	if err != nil {
		t.Fatalf("templates: %v", err)
	}
	return tm
}

// intake returns an Intake on st with a fixed classifier and router.
func intake(t *testing.T, st cases.Store) *cases.Intake {
	classify := func(_ context.Context, text, language string) (cases.Classification, error) {
		return cases.Classification{
			ServiceCode: "pothole", Confidence: 0.9, Language: "en",
			Explanation: json.RawMessage(`{"keywords": ["pothole"]}`),
		}, nil
	}
	route := func(_ context.Context, c *cases.Case) (cases.Assignment, error) {
		return cases.Assignment{
			Department: "streets", Priority: cases.PriorityNormal, RuleID: "potholes", Version: 1,
			Explanation: json.RawMessage(`{"rule": "potholes"}`),
		}, nil
	}
	return &cases.Intake{Store: st, Classifier: cases.ClassifierFunc(classify), Router: cases.RouterFunc(route), Templates: templates(t)}
}

func smsReport(externalID string) cases.Report {
	return cases.Report{
		Channel: "sms", ExternalID: externalID, Text: "pothole on 1200 N Main St",
		Contact: &cases.Contact{Channel: "sms", Address: "+13125550101", Consent: true},
	}
}

func submit(t *testing.T, in *cases.Intake, r cases.Report) *cases.Case {
	t.Helper()
	c, created, err := in.Submit(t.Context(), r)
	if err != nil {
		t.Fatalf("Submit: %v", err)
	}
	if !created {
		t.Fatalf("Submit: created = false, want true")
	}
	return c
}

func testIntakeSubmit(t *testing.T, st cases.Store) {
	in := intake(t, st)
	c := submit(t, in, smsReport("SM1"))
	got := getCase(t, st, c.Tracking)
	if got.Department != "streets" || got.ServiceCode != "pothole" || len(got.Contacts) != 1 || len(got.Messages) != 1 {
		t.Errorf("stored case %+v: want a streets pothole with its reporter and message", got)
	}
	same(t, "Classification", got.Classification.Explanation, json.RawMessage(`{"keywords": ["pothole"]}`))
	same(t, "Assignment", got.Assignment.Explanation, json.RawMessage(`{"rule": "potholes"}`))
	acks := listAll(t, st, cases.NotificationPending)
	if len(acks) != 1 || acks[0].Kind != cases.KindAck || acks[0].ContactID != got.Contacts[0].ID || acks[0].CaseID != got.ID {
		t.Fatalf("outbox %+v: want one ack to the reporter", acks)
	}
	if !strings.Contains(acks[0].Text, c.Tracking.Spoken()) {
		t.Errorf("ack %q lacks the tracking number", acks[0].Text)
	}

	again, created, err := in.Submit(t.Context(), smsReport("SM1"))
	if err != nil || created || again.Tracking != c.Tracking {
		t.Errorf("Submit again = %v, %v, %v; want case %s, not created", again, created, err, c.Tracking)
	}
	if n := countNotifications(t, st); n != 1 {
		t.Errorf("%d notifications after a redelivery, want 1", n)
	}
}

// testIntakeCollision draws the same tracking number twice: the store's
// ErrConflict makes Intake draw another.
func testIntakeCollision(t *testing.T, st cases.Store) {
	var draws []byte
	for _, n := range []uint64{42, 42, 43} {
		draws = binary.BigEndian.AppendUint64(draws, n)
	}
	in := intake(t, st)
	in.Rand = bytes.NewReader(draws)
	a := submit(t, in, smsReport("SM1"))
	b := submit(t, in, smsReport("SM2"))
	if a.Tracking == b.Tracking {
		t.Errorf("both cases have tracking number %s", a.Tracking)
	}
	if n := countNotifications(t, st); n != 2 {
		t.Errorf("%d notifications, want 2", n)
	}
}

// caseWithFollowers submits a report and adds two followers: one who wants
// updates and one who does not.
func caseWithFollowers(t *testing.T, st cases.Store) *cases.Case {
	c := submit(t, intake(t, st), smsReport("SM1"))
	followers := []cases.Contact{
		{Channel: "email", Address: "bo@example.org", Language: "es", Role: cases.RoleFollower, Consent: true, CreatedAt: instant()},
		{Channel: "slack", Address: "U024BE7LH", Language: "en", Role: cases.RoleFollower, CreatedAt: instant()},
	}
	return update(t, st, c.Tracking, &cases.Update{At: instant(), Contacts: followers})
}

// newNotifications returns the pending notifications after the first skip.
func newNotifications(t *testing.T, st cases.Store, skip int) []*cases.Notification {
	all := listAll(t, st, cases.NotificationPending)
	return all[min(skip, len(all)):]
}

// checkStatusNotices checks one status notice per consenting contact.
func checkStatusNotices(t *testing.T, c *cases.Case, got []*cases.Notification, kind string) {
	t.Helper()
	want := map[string]bool{"+13125550101": true, "bo@example.org": true}
	if len(got) != len(want) {
		t.Fatalf("%d notifications %+v, want one to each of %v", len(got), got, want)
	}
	for _, n := range got {
		if !want[n.To] || n.Kind != kind || n.CaseID != c.ID || n.ContactID != contactID(c, n.Channel, n.To) {
			t.Errorf("notification %+v: want a %s notice to a consenting contact of case %d", n, kind, c.ID)
		}
		delete(want, n.To)
	}
}

func testChangeStatus(t *testing.T, st cases.Store) {
	c := caseWithFollowers(t, st)
	w := &cases.Workflow{Store: st, Templates: templates(t)}
	got, err := w.ChangeStatus(t.Context(), c.Tracking, cases.StatusChange{Status: cases.StatusInProgress, Note: "Crew on the way", Actor: "dispatch"})
	if err != nil {
		t.Fatalf("ChangeStatus: %v", err)
	}
	same(t, "ChangeStatus result", got, getCase(t, st, c.Tracking))
	last := got.History[len(got.History)-1]
	if got.Status != cases.StatusInProgress || last.Status != cases.StatusInProgress || last.Actor != "dispatch" || got.LatestPublicNote() != "Crew on the way" {
		t.Errorf("after ChangeStatus: status %s, history %+v, public note %q", got.Status, last, got.LatestPublicNote())
	}
	notices := newNotifications(t, st, 1)
	checkStatusNotices(t, got, notices, cases.KindStatus)
	for _, n := range notices {
		if n.Status != cases.StatusInProgress {
			t.Errorf("notification to %s: case status %q, want in_progress", n.To, n.Status)
		}
	}

	closed, err := w.ChangeStatus(t.Context(), c.Tracking, cases.StatusChange{Status: cases.StatusClosed, CloseReason: cases.ReasonDuplicate})
	if err != nil {
		t.Fatalf("ChangeStatus(closed): %v", err)
	}
	if closed.Status != cases.StatusClosed || closed.CloseReason != cases.ReasonDuplicate {
		t.Errorf("after closing: %s, %s; want closed, duplicate", closed.Status, closed.CloseReason)
	}
	checkStatusNotices(t, closed, newNotifications(t, st, 3), cases.KindStatus)
}

// testChangeStatusRefused checks that a refused change writes nothing:
// neither the case nor the outbox moves.
func testChangeStatusRefused(t *testing.T, st cases.Store) {
	c := caseWithFollowers(t, st)
	before, count := getCase(t, st, c.Tracking), countNotifications(t, st)
	w := &cases.Workflow{Store: st, Templates: templates(t)}
	tests := []struct {
		name string
		ch   cases.StatusChange
		kind error
	}{
		{"NotInTable", cases.StatusChange{Status: cases.StatusOpen}, cases.ErrConflict},
		{"CloseWithoutReason", cases.StatusChange{Status: cases.StatusClosed}, cases.ErrInvalid},
		{"UnknownStatus", cases.StatusChange{Status: "fixed_probably"}, cases.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := w.ChangeStatus(t.Context(), c.Tracking, tt.ch); !isKind(err, tt.kind) {
				t.Errorf("ChangeStatus = %v, want %v", err, tt.kind)
			}
			same(t, "case after a refused change", getCase(t, st, c.Tracking), before)
			if n := countNotifications(t, st); n != count {
				t.Errorf("%d notifications, want %d", n, count)
			}
		})
	}
}

func testAssign(t *testing.T, st cases.Store) {
	c := caseWithFollowers(t, st)
	w := &cases.Workflow{Store: st, Templates: templates(t)}
	got, err := w.Assign(t.Context(), c.Tracking, cases.Assignment{Department: "forestry", Assignee: "m.lee"}, "supervisor")
	if err != nil {
		t.Fatalf("Assign: %v", err)
	}
	same(t, "Assign result", got, getCase(t, st, c.Tracking))
	if got.Status != cases.StatusAssigned || got.Department != "forestry" || got.Assignee != "m.lee" || got.Assignment.RuleID != "manual:supervisor" {
		t.Errorf("after Assign: %s, %s, %s, rule %s", got.Status, got.Department, got.Assignee, got.Assignment.RuleID)
	}
	checkStatusNotices(t, got, newNotifications(t, st, 1), cases.KindStatus)
}

func testAddNote(t *testing.T, st cases.Store) {
	c := caseWithFollowers(t, st)
	w := &cases.Workflow{Store: st, Templates: templates(t)}
	if _, err := w.AddNote(t.Context(), c.Tracking, cases.Note{Text: "Caller is elderly, prioritise", Author: "agent7"}); err != nil {
		t.Fatalf("AddNote(internal): %v", err)
	}
	if n := countNotifications(t, st); n != 1 {
		t.Errorf("an internal note wrote notifications: %d, want 1 (the ack)", n)
	}
	got, err := w.AddNote(t.Context(), c.Tracking, cases.Note{Text: "Crew scheduled for Tuesday", Public: true, Author: "agent7"})
	if err != nil {
		t.Fatalf("AddNote(public): %v", err)
	}
	if len(got.Notes) != 2 || got.Notes[0].Public || !got.Notes[1].Public {
		t.Errorf("notes %+v: want the internal note, then the public one", got.Notes)
	}
	checkStatusNotices(t, got, newNotifications(t, st, 1), cases.KindNote)
}
