package casestest

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
)

var updateTests = []test{
	{"Status", testUpdateStatus},
	{"Assignment", testUpdateAssignment},
	{"Notes", testUpdateNotes},
	{"Contacts", testUpdateContacts},
	{"Messages", testUpdateMessages},
	{"Media", testUpdateMedia},
	{"Notify", testUpdateNotify},
	{"FnSeesDetails", testUpdateSeesDetails},
	{"FnError", testUpdateFnError},
	{"NilUpdate", testUpdateNil},
	{"NotFound", testUpdateNotFound},
	{"Concurrent", testUpdateConcurrent},
	{"MessageDelivery", testMessageDelivery},
}

// update applies u to the case and checks that UpdateCase returns the
// case as Case then reads it.
func update(t *testing.T, st cases.Store, tn cases.TrackingNumber, u *cases.Update) *cases.Case {
	t.Helper()
	got, err := st.UpdateCase(t.Context(), tn, func(*cases.Case) (*cases.Update, error) { return u, nil })
	if err != nil {
		t.Fatalf("UpdateCase: %v", err)
	}
	same(t, "UpdateCase result", got, getCase(t, st, tn))
	return got
}

// testUpdateStatus moves a case through its life. The case takes the
// status and close reason of the history entry, and every applied update
// sets updated_at to Update.At.
func testUpdateStatus(t *testing.T, st cases.Store) {
	want := create(t, st, fullCase(t, instant()))
	steps := []cases.HistoryEntry{
		{Status: cases.StatusInProgress, Note: "crew dispatched", Actor: "dispatch"},
		{Status: cases.StatusResolved, CloseReason: cases.ReasonFixed, Note: "patched", Actor: "crew-north"},
		{Status: cases.StatusOpen, Note: "resident says it is back", Actor: "agent7"},
	}
	for i, h := range steps {
		h.At = instant().Add(time.Duration(i+1) * time.Minute)
		got := update(t, st, want.Tracking, &cases.Update{At: h.At, Status: &h})
		want.Status, want.CloseReason, want.UpdatedAt = h.Status, h.CloseReason, h.At
		want.History = append(want.History, h)
		same(t, "after "+string(h.Status), got, want)
		checkFound(t, st, cases.Filter{Status: []cases.Status{h.Status}}, want.Tracking)
	}
}

// checkFound checks that a list with filter f holds the case.
func checkFound(t *testing.T, st cases.Store, f cases.Filter, tn cases.TrackingNumber) {
	t.Helper()
	page, err := st.FindCases(t.Context(), f)
	if err != nil {
		t.Fatalf("FindCases: %v", err)
	}
	if !slices.Contains(trackings(page.Cases), tn) {
		t.Errorf("FindCases(%+v) = %v, want case %s among them", f, trackings(page.Cases), tn)
	}
}

// testUpdateAssignment checks that an Assignment replaces the case's
// department, queue, assignee, priority and due date, and is kept whole
// with its explanation; an empty assignee or due date clears them
// (returning the case to the department's queue).
func testUpdateAssignment(t *testing.T, st cases.Store) {
	want := create(t, st, fullCase(t, instant()))
	due := instant().Add(24 * time.Hour)
	steps := []cases.Assignment{
		{Department: "forestry", Queue: "tree-crew", Assignee: "m.lee", Priority: cases.PriorityEmergency, DueAt: &due,
			Tags: []string{"road"}, RuleID: "manual:supervisor", Explanation: json.RawMessage(`{"manual": true, "by": "supervisor"}`)},
		{Department: "forestry", Queue: "tree-crew", Priority: cases.PriorityLow, RuleID: "manual:m.lee"},
	}
	for i, a := range steps {
		at := instant().Add(time.Duration(i+1) * time.Minute)
		got := update(t, st, want.Tracking, &cases.Update{At: at, Assignment: &a})
		want.Department, want.Queue, want.Assignee, want.Priority, want.DueAt = a.Department, a.Queue, a.Assignee, a.Priority, a.DueAt
		want.Assignment, want.UpdatedAt = a, at
		want.Tags = got.Tags // whether the case's tags follow the assignment's is left to the store
		same(t, fmt.Sprintf("assignment %d", i), got, want)
		checkFound(t, st, cases.Filter{Department: []string{a.Department}}, want.Tracking)
	}
}

func testUpdateNotes(t *testing.T, st cases.Store) {
	want := create(t, st, fullCase(t, instant()))
	batches := [][]cases.Note{
		{{Text: "Called the resident back", Author: "agent7"}, {Text: "We will fill it this week", Public: true, Author: "agent7"}},
		{{Text: "Crew confirms location", Author: "crew-north"}},
	}
	for i, notes := range batches {
		at := instant().Add(time.Duration(i+1) * time.Minute)
		for j := range notes {
			notes[j].At = at
		}
		got := update(t, st, want.Tracking, &cases.Update{At: at, Notes: notes})
		want.Notes, want.UpdatedAt = append(want.Notes, notes...), at
		same(t, fmt.Sprintf("notes %d", i), got, want)
	}
}

// testUpdateContacts checks the upsert on (channel, address): a new
// follower is added; an existing contact keeps its ID and place and takes
// the new consent, language and thread. A resident texting STOP is a
// consent update to false.
func testUpdateContacts(t *testing.T, st cases.Store) {
	c := create(t, st, fullCase(t, instant()))
	email := c.Contacts[1]
	email.Consent, email.Language, email.ThreadRef = true, "es", "<r2@example.org>"
	slack := cases.Contact{Channel: "slack", Address: "U024BE7LH", Name: "Bo", Language: "en", Role: cases.RoleFollower, ThreadRef: "1700000000.000100", Consent: true, CreatedAt: instant()}
	got := update(t, st, c.Tracking, &cases.Update{At: instant(), Contacts: []cases.Contact{email, slack}})
	want := []cases.Contact{c.Contacts[0], email, slack}
	same(t, "Contacts", got.Contacts, want)
	checkContactIDs(t, got.Contacts, c.Contacts)
	checkFound(t, st, cases.Filter{ContactChannel: slack.Channel, ContactAddress: slack.Address}, c.Tracking)

	stop := c.Contacts[0]
	stop.Consent = false
	got = update(t, st, c.Tracking, &cases.Update{At: instant(), Contacts: []cases.Contact{stop}})
	want[0] = stop
	same(t, "after STOP: Contacts", got.Contacts, want)
	checkContactIDs(t, got.Contacts, c.Contacts)
}

// checkContactIDs checks that existing contacts kept their IDs and that
// new ones got fresh IDs.
func checkContactIDs(t *testing.T, got, before []cases.Contact) {
	t.Helper()
	seen := map[int64]bool{}
	for i, ct := range got {
		if i < len(before) && ct.ID != before[i].ID {
			t.Errorf("contact %d (%s %s): ID %d, was %d", i, ct.Channel, ct.Address, ct.ID, before[i].ID)
		}
		if ct.ID == 0 || seen[ct.ID] {
			t.Errorf("contact %d: ID %d is zero or repeated", i, ct.ID)
		}
		seen[ct.ID] = true
	}
}

// testUpdateMessages checks that inbound messages are kept once per
// (channel, provider id), also within one update, while messages without a
// provider id are all kept.
func testUpdateMessages(t *testing.T, st cases.Store) {
	c := create(t, st, fullCase(t, instant()))
	first := c.Messages[0]
	in := func(channel, providerID, text string) cases.Message {
		return cases.Message{Direction: cases.Inbound, Channel: channel, Address: first.Address, ProviderID: providerID, Text: text, At: instant(), DeliveryStatus: cases.DeliveryReceived}
	}
	reply := cases.Message{Direction: cases.Outbound, Channel: "sms", Address: first.Address, ProviderID: "SMout-" + string(c.Tracking), Text: "Thanks", At: instant(), DeliveryStatus: cases.DeliverySent}
	steps := []struct {
		name string
		in   []cases.Message
		kept []int // indexes into in of the messages that must be added
	}{
		{"Redelivered", []cases.Message{in("sms", first.ProviderID, "again")}, nil},
		{"New", []cases.Message{in("sms", "SMb", "photo"), in("sms", "SMb", "photo, again"), in("sms", "", "no id 1"), in("sms", "", "no id 2"), reply}, []int{0, 2, 3, 4}},
		{"RedeliveredLater", []cases.Message{in("sms", "SMb", "photo, once more")}, nil},
		{"SameIDOtherChannel", []cases.Message{in("email", "SMb", "by email")}, []int{0}},
	}
	want := slices.Clone(c.Messages)
	for _, s := range steps {
		got := update(t, st, c.Tracking, &cases.Update{At: instant(), Messages: s.in})
		for _, i := range s.kept {
			want = append(want, s.in[i])
		}
		if texts, wantTexts := messageTexts(got.Messages), messageTexts(want); !slices.Equal(texts, wantTexts) {
			t.Fatalf("%s: messages %q, want %q", s.name, texts, wantTexts)
		}
		same(t, s.name+": Messages", got.Messages, want)
	}
}

func testUpdateMedia(t *testing.T, st cases.Store) {
	c := create(t, st, fullCase(t, instant()))
	more := []cases.Media{{URL: "https://media.example/ME3.mp4", ContentType: "video/mp4", Size: 9_000_000, Name: "clip.mp4"}}
	got := update(t, st, c.Tracking, &cases.Update{At: instant(), Media: more})
	same(t, "Media", got.Media, append(slices.Clone(c.Media), more...))
}

// testUpdateNotify writes notifications with an update that also adds the
// contact one of them goes to: its ContactID is the new contact's.
func testUpdateNotify(t *testing.T, st cases.Store) {
	c := create(t, st, fullCase(t, instant()))
	slack := cases.Contact{Channel: "slack", Address: "U024BE7LH", Language: "en", Role: cases.RoleFollower, Consent: true, CreatedAt: instant()}
	notify := []cases.Notification{
		notification(c, c.Contacts[0], cases.KindNote, "Una nota"),
		notification(c, slack, cases.KindNote, "A note"),
		{Channel: "x", To: "999", Language: "en", Kind: cases.KindReply, Text: "Thanks", NextAt: instant().Add(time.Hour)},
	}
	note := cases.Note{Text: "A note", Public: true, At: instant()}
	got := update(t, st, c.Tracking, &cases.Update{At: instant(), Contacts: []cases.Contact{slack}, Notes: []cases.Note{note}, Notify: notify})
	if contactID(got, "slack", slack.Address) == 0 {
		t.Fatalf("the new contact is missing: %+v", got.Contacts)
	}
	pending := listAll(t, st, cases.NotificationPending)
	if len(pending) != len(notify) {
		t.Fatalf("%d pending notifications, want %d", len(pending), len(notify))
	}
	for i, n := range pending {
		want := notify[i]
		want.Tracking, want.State = c.Tracking, cases.NotificationPending
		checkNotification(t, n, want, c.ID, contactID(got, want.Channel, want.To))
	}
}

// testUpdateSeesDetails checks that fn gets the case as Case returns it.
func testUpdateSeesDetails(t *testing.T, st cases.Store) {
	c := create(t, st, fullCase(t, instant()))
	update(t, st, c.Tracking, &cases.Update{At: instant(), Notes: []cases.Note{{Text: "internal", At: instant()}}})
	want := getCase(t, st, c.Tracking)
	var seen *cases.Case
	_, err := st.UpdateCase(t.Context(), c.Tracking, func(c *cases.Case) (*cases.Update, error) {
		seen = cloneCase(c)
		return &cases.Update{At: instant()}, nil
	})
	if err != nil {
		t.Fatalf("UpdateCase: %v", err)
	}
	same(t, "fn's case", seen, want)
}

// testUpdateFnError checks that when fn fails nothing is written, even
// though fn also returned an update, and its error comes back.
func testUpdateFnError(t *testing.T, st cases.Store) {
	c := create(t, st, fullCase(t, instant()))
	before := getCase(t, st, c.Tracking)
	errWithdrawn := errors.New("the resident withdrew the report")
	at := instant().Add(time.Minute)
	u := &cases.Update{
		At:         at,
		Status:     &cases.HistoryEntry{Status: cases.StatusClosed, CloseReason: cases.ReasonWithdrawn, At: at},
		Assignment: &cases.Assignment{Department: "nobody", Priority: cases.PriorityLow},
		Notes:      []cases.Note{{Text: "withdrawn", At: at}},
		Messages:   []cases.Message{{Direction: cases.Inbound, Channel: "sms", ProviderID: "SMw", Text: "never mind", At: at}},
		Contacts:   []cases.Contact{{Channel: "email", Address: "new@example.org", Role: cases.RoleFollower, CreatedAt: at}},
		Media:      []cases.Media{{URL: "https://media.example/ME9.jpg"}},
		Notify:     []cases.Notification{notification(c, c.Contacts[0], cases.KindStatus, "closed")},
	}
	_, err := st.UpdateCase(t.Context(), c.Tracking, func(*cases.Case) (*cases.Update, error) { return u, errWithdrawn })
	if !errors.Is(err, errWithdrawn) {
		t.Fatalf("UpdateCase = %v, want fn's error", err)
	}
	same(t, "after a failed update", getCase(t, st, c.Tracking), before)
	if n := countNotifications(t, st); n != 0 {
		t.Errorf("%d notifications after a failed update, want 0", n)
	}
}

// testUpdateNil settles a reading: fn may find there is nothing to do and
// return a nil Update; nothing is written and the case comes back as is.
func testUpdateNil(t *testing.T, st cases.Store) {
	c := create(t, st, fullCase(t, instant()))
	before := getCase(t, st, c.Tracking)
	got, err := st.UpdateCase(t.Context(), c.Tracking, func(*cases.Case) (*cases.Update, error) { return nil, nil })
	if err != nil {
		t.Fatalf("UpdateCase with a nil update: %v", err)
	}
	same(t, "UpdateCase result", got, before)
	same(t, "Case", getCase(t, st, c.Tracking), before)
}

func testUpdateNotFound(t *testing.T, st cases.Store) {
	called := false
	_, err := st.UpdateCase(t.Context(), newTracking(t), func(*cases.Case) (*cases.Update, error) {
		called = true
		return &cases.Update{At: instant()}, nil
	})
	if !isKind(err, cases.ErrNotFound) {
		t.Errorf("UpdateCase(unknown) = %v, want ErrNotFound", err)
	}
	if called {
		t.Error("fn was called for an unknown case")
	}
}

// testUpdateConcurrent runs updates on one case at once. Each note says
// how many notes its fn saw, so the notes must read 0, 1, 2, ... : every
// fn ran on the case as the previous update left it, and nothing was lost.
func testUpdateConcurrent(t *testing.T, st cases.Store) {
	const n = 20
	c := create(t, st, fullCase(t, instant()))
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Go(func() {
			_, err := st.UpdateCase(t.Context(), c.Tracking, func(c *cases.Case) (*cases.Update, error) {
				at := instant()
				return &cases.Update{At: at, Notes: []cases.Note{{Text: fmt.Sprint(len(c.Notes)), At: at}}}, nil
			})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("UpdateCase: %v", err)
		}
	}
	got := getCase(t, st, c.Tracking)
	var texts, want []string
	for i, note := range got.Notes {
		texts, want = append(texts, note.Text), append(want, fmt.Sprint(i))
	}
	if !slices.Equal(texts, want) || len(texts) != n {
		t.Errorf("notes %q, want \"0\" to \"%d\" in order", texts, n-1)
	}
}

// testMessageDelivery records providers' delivery reports. Only outbound
// messages are found, by channel and provider id.
func testMessageDelivery(t *testing.T, st cases.Store) {
	c := create(t, st, fullCase(t, instant()))
	out := cases.Message{Direction: cases.Outbound, Channel: "sms", Address: "+13125550101", ProviderID: "SMout-" + string(c.Tracking), Text: "Case received", At: instant(), DeliveryStatus: cases.DeliverySent}
	update(t, st, c.Tracking, &cases.Update{At: instant(), Messages: []cases.Message{out}})
	reports := []struct{ status, errText string }{
		{cases.DeliveryDelivered, ""},
		{cases.DeliveryUndelivered, "30003: unreachable handset"},
	}
	for _, r := range reports {
		if err := st.SetMessageDelivery(t.Context(), "sms", out.ProviderID, r.status, r.errText); err != nil {
			t.Fatalf("SetMessageDelivery(%s): %v", r.status, err)
		}
		got := getCase(t, st, c.Tracking).Messages
		want := []cases.Message{c.Messages[0], out}
		want[1].DeliveryStatus, want[1].Error = r.status, r.errText
		same(t, "after "+r.status+": Messages", got, want)
	}
	missing := []struct{ name, channel, providerID string }{
		{"UnknownID", "sms", "SM-nothing"},
		{"OtherChannel", "email", out.ProviderID},
		{"InboundMessage", "sms", c.Messages[0].ProviderID},
	}
	for _, m := range missing {
		t.Run(m.name, func(t *testing.T) {
			if err := st.SetMessageDelivery(t.Context(), m.channel, m.providerID, cases.DeliveryFailed, "x"); !isKind(err, cases.ErrNotFound) {
				t.Errorf("SetMessageDelivery(%s, %s) = %v, want ErrNotFound", m.channel, m.providerID, err)
			}
		})
	}
	same(t, "inbound message", getCase(t, st, c.Tracking).Messages[0], c.Messages[0])
}
