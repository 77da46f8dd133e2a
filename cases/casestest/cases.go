package casestest

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
)

var caseTests = []test{
	{"CreateFillsIDs", testCreateFillsIDs},
	{"RoundTrip", testCaseRoundTrip},
	{"PlainRoundTrip", testPlainRoundTrip},
	{"TextRoundTrip", testTextRoundTrip},
	{"ZeroCoordinates", testZeroCoordinates},
	{"CreateNotifications", testCreateNotifications},
	{"CreateIdempotent", testCreateIdempotent},
	{"CreateIdempotentConcurrent", testCreateIdempotentConcurrent},
	{"NoExternalIDNoIdempotency", testNoExternalID},
	{"TrackingConflict", testTrackingConflict},
	{"NotFound", testCaseNotFound},
}

func testCreateFillsIDs(t *testing.T, st cases.Store) {
	c := fullCase(t, instant())
	stored := create(t, st, c)
	if stored.ID == 0 {
		t.Error("case ID = 0")
	}
	if stored.Tracking != c.Tracking {
		t.Errorf("tracking = %s, want %s", stored.Tracking, c.Tracking)
	}
	seen := map[int64]bool{}
	for i, ct := range stored.Contacts {
		if ct.ID == 0 || seen[ct.ID] {
			t.Errorf("contact %d: ID %d is zero or repeated", i, ct.ID)
		}
		seen[ct.ID] = true
	}
	for i, m := range stored.Messages {
		if m.ID == 0 {
			t.Errorf("message %d: ID = 0", i)
		}
	}
}

// testCaseRoundTrip writes a case with every field and detail set and
// reads it back three ways. Times go in with nanoseconds in a non-UTC zone
// and must come back truncated to the microsecond and in UTC, everywhere.
func testCaseRoundTrip(t *testing.T, st cases.Store) {
	c := fullCase(t, instant())
	want := cloneCase(c)
	stored := create(t, st, c)
	same(t, "CreateCase", stored, want)

	got := getCase(t, st, want.Tracking)
	same(t, "Case", got, want)
	if got.ID != stored.ID {
		t.Errorf("Case: ID = %d, CreateCase said %d", got.ID, stored.ID)
	}
	for i := range got.Contacts {
		if got.Contacts[i].ID != stored.Contacts[i].ID {
			t.Errorf("contact %d: ID = %d, CreateCase said %d", i, got.Contacts[i].ID, stored.Contacts[i].ID)
		}
	}

	byExt, err := st.CaseByExternalID(t.Context(), want.Channel, want.ExternalID)
	if err != nil {
		t.Fatalf("CaseByExternalID: %v", err)
	}
	same(t, "CaseByExternalID", byExt, want)
}

// testPlainRoundTrip checks that what was not given stays absent: no
// coordinates, due date, tags or explanations; and that Emergency is kept.
func testPlainRoundTrip(t *testing.T, st cases.Store) {
	c := plainCase(t, instant())
	c.Emergency, c.Priority = true, cases.PriorityEmergency
	want := cloneCase(c)
	create(t, st, c)
	got := getCase(t, st, want.Tracking)
	same(t, "Case", got, want)
	if got.Lat != nil || got.Lon != nil || got.DueAt != nil {
		t.Errorf("lat, lon, due_at = %v, %v, %v; want all nil", got.Lat, got.Lon, got.DueAt)
	}
}

// testTextRoundTrip stores the longest description a report may have, in
// several scripts, with emoji, newlines and quotes.
func testTextRoundTrip(t *testing.T, st cases.Store) {
	c := plainCase(t, instant())
	line := "¡Bache enorme! 🚧 路面有坑 \"O'Hare\" \t\\ 100%_done\r\n"
	c.Description = strings.Repeat(line, cases.MaxTextLen/len(line))
	c.Address = "Calle Peña 12, 2º piso"
	want := cloneCase(c)
	create(t, st, c)
	same(t, "Case", getCase(t, st, want.Tracking), want)
}

// testZeroCoordinates checks that a point at 0,0 is kept as a point, not
// taken for missing coordinates.
func testZeroCoordinates(t *testing.T, st cases.Store) {
	c := plainCase(t, instant())
	c.Lat, c.Lon = ptr(0.0), ptr(0.0)
	create(t, st, c)
	got := getCase(t, st, c.Tracking)
	if got.Lat == nil || got.Lon == nil || *got.Lat != 0 || *got.Lon != 0 {
		t.Errorf("lat, lon = %v, %v; want 0, 0", got.Lat, got.Lon)
	}
}

// testCreateNotifications checks the outbox rows CreateCase writes. The
// caller leaves CaseID, ContactID and sometimes Tracking, State and NextAt
// unset: the store fills CaseID, Tracking and ContactID, a new row is
// pending, and a row without NextAt is due at once. A notification to an
// address that is not a contact of the case has ContactID 0.
func testCreateNotifications(t *testing.T, st cases.Store) {
	c := fullCase(t, instant())
	n0 := notification(c, c.Contacts[0], cases.KindAck, "Recibimos su reporte "+string(c.Tracking))
	n0.NextAt = instant().Add(-time.Minute)
	n1 := notification(c, c.Contacts[1], cases.KindAck, "We received your report")
	n1.Subject, n1.Tracking, n1.State = "Case "+string(c.Tracking), "", ""
	n2 := cases.Notification{Channel: "slack", To: "U024BE7LH", Language: "en", Kind: cases.KindReply, Text: "Thanks", Status: cases.StatusOpen}
	input := []cases.Notification{n0, n1, n2}
	stored := create(t, st, c, input...)

	got := listAll(t, st, cases.NotificationPending)
	if len(got) != len(input) {
		t.Fatalf("%d pending notifications, want %d", len(got), len(input))
	}
	for i, n := range got {
		want := input[i]
		want.Tracking, want.State = c.Tracking, cases.NotificationPending
		checkNotification(t, n, want, stored.ID, contactID(stored, want.Channel, want.To))
	}
	if got[2].ContactID != 0 {
		t.Errorf("notification to a non-contact: ContactID = %d, want 0", got[2].ContactID)
	}
	claimed, err := st.ClaimNotifications(t.Context(), time.Now(), time.Minute, 10)
	if err != nil {
		t.Fatalf("ClaimNotifications: %v", err)
	}
	if len(claimed) != len(input) {
		t.Errorf("claimed %d right after creation, want %d (a zero NextAt is due at once)", len(claimed), len(input))
	}
}

// checkNotification compares a stored notification with what was written.
// A zero NextAt in want means "due at once": any time up to now.
func checkNotification(t *testing.T, got *cases.Notification, want cases.Notification, caseID, contactID int64) {
	t.Helper()
	if got.ID == 0 {
		t.Errorf("notification ID = 0")
	}
	if got.CaseID != caseID || got.ContactID != contactID {
		t.Errorf("notification %d: CaseID, ContactID = %d, %d; want %d, %d", got.ID, got.CaseID, got.ContactID, caseID, contactID)
	}
	if got.CreatedAt.IsZero() {
		t.Errorf("notification %d: CreatedAt is zero", got.ID)
	}
	if want.NextAt.IsZero() && (got.NextAt.IsZero() || got.NextAt.After(time.Now())) {
		t.Errorf("notification %d: NextAt = %v, want a time no later than now", got.ID, got.NextAt)
	}
	if want.NextAt.IsZero() {
		want.NextAt = got.NextAt
	}
	want.CreatedAt = got.CreatedAt
	same(t, "Notification", got, &want, "CaseID", "ContactID")
}

// testCreateIdempotent is a provider retrying a webhook: the same
// (channel, external id) returns the first case and writes nothing, while
// the same id on another channel is a different report.
func testCreateIdempotent(t *testing.T, st cases.Store) {
	first := fullCase(t, instant())
	stored := create(t, st, first, notification(first, first.Contacts[0], cases.KindAck, "ack"))
	want := getCase(t, st, first.Tracking)

	retry := fullCase(t, instant())
	retry.ExternalID, retry.Description = first.ExternalID, "the same report, delivered again"
	got, created, err := st.CreateCase(t.Context(), retry, []cases.Notification{notification(retry, retry.Contacts[0], cases.KindAck, "ack again")})
	if err != nil {
		t.Fatalf("retried CreateCase: %v", err)
	}
	if created {
		t.Error("retried CreateCase: created = true, want false")
	}
	same(t, "retried CreateCase", got, want)
	if got.ID != stored.ID {
		t.Errorf("retried CreateCase: ID = %d, want %d", got.ID, stored.ID)
	}
	same(t, "first case after the retry", getCase(t, st, first.Tracking), want)
	if n := countNotifications(t, st); n != 1 {
		t.Errorf("%d notifications after the retry, want 1", n)
	}
	if _, err := st.Case(t.Context(), retry.Tracking); !isKind(err, cases.ErrNotFound) {
		t.Errorf("Case(retry's tracking number) = %v, want ErrNotFound", err)
	}

	other := fullCase(t, instant())
	other.Channel, other.ExternalID = "email", first.ExternalID
	create(t, st, other)
}

// testCreateIdempotentConcurrent is a provider retrying before the first
// delivery was answered: all deliveries get the one case, and one ack.
func testCreateIdempotentConcurrent(t *testing.T, st cases.Store) {
	const n = 8
	ext := "SM-concurrent-" + string(newTracking(t))
	type result struct {
		c       *cases.Case
		created bool
		err     error
	}
	results := make([]result, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		c := fullCase(t, instant())
		c.ExternalID = ext
		wg.Go(func() {
			<-start
			stored, created, err := st.CreateCase(t.Context(), c, []cases.Notification{notification(c, c.Contacts[0], cases.KindAck, "ack")})
			results[i] = result{stored, created, err}
		})
	}
	close(start)
	wg.Wait()

	created := 0
	for i, r := range results {
		if r.err != nil {
			t.Fatalf("CreateCase %d: %v", i, r.err)
		}
		if r.created {
			created++
		}
		if r.c.Tracking != results[0].c.Tracking {
			t.Errorf("CreateCase %d returned case %s, another returned %s", i, r.c.Tracking, results[0].c.Tracking)
		}
	}
	if created != 1 {
		t.Errorf("%d calls created a case, want 1", created)
	}
	if got := countNotifications(t, st); got != 1 {
		t.Errorf("%d notifications, want 1", got)
	}
}

// testNoExternalID checks that cases without an external id (call-taker
// entries) are never taken for retries of each other.
func testNoExternalID(t *testing.T, st cases.Store) {
	a, b := plainCase(t, instant()), plainCase(t, instant())
	create(t, st, a)
	create(t, st, b)
	if _, err := st.CaseByExternalID(t.Context(), a.Channel, ""); !isKind(err, cases.ErrNotFound) {
		t.Errorf("CaseByExternalID with an empty id = %v, want ErrNotFound", err)
	}
}

func testTrackingConflict(t *testing.T, st cases.Store) {
	first := plainCase(t, instant())
	create(t, st, first)

	dup := fullCase(t, instant())
	dup.Tracking = first.Tracking
	_, _, err := st.CreateCase(t.Context(), dup, []cases.Notification{notification(dup, dup.Contacts[0], cases.KindAck, "ack")})
	if !isKind(err, cases.ErrConflict) {
		t.Fatalf("CreateCase with a tracking number in use = %v, want ErrConflict", err)
	}
	if n := countNotifications(t, st); n != 0 {
		t.Errorf("%d notifications after the conflict, want 0", n)
	}
	if _, err := st.CaseByExternalID(t.Context(), dup.Channel, dup.ExternalID); !isKind(err, cases.ErrNotFound) {
		t.Errorf("CaseByExternalID of the refused case = %v, want ErrNotFound", err)
	}
	if got := getCase(t, st, first.Tracking); got.Description != first.Description {
		t.Errorf("the first case's description became %q", got.Description)
	}
}

func testCaseNotFound(t *testing.T, st cases.Store) {
	c := fullCase(t, instant())
	create(t, st, c)
	unknown := newTracking(t)
	tests := []struct {
		name string
		get  func() (*cases.Case, error)
	}{
		{"Case", func() (*cases.Case, error) { return st.Case(t.Context(), unknown) }},
		{"CaseByExternalID", func() (*cases.Case, error) { return st.CaseByExternalID(t.Context(), "sms", "SM-unknown") }},
		{"CaseByExternalIDOtherChannel", func() (*cases.Case, error) { return st.CaseByExternalID(t.Context(), "email", c.ExternalID) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if c, err := tt.get(); !isKind(err, cases.ErrNotFound) {
				t.Errorf("got %v, %v; want ErrNotFound", c, err)
			}
		})
	}
}
