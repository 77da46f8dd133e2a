package casestest

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
)

var outboxTests = []test{
	{"ClaimDue", testClaimDue},
	{"ClaimContents", testClaimContents},
	{"LeaseExpiry", testLeaseExpiry},
	{"Complete", testComplete},
	{"Retry", testRetry},
	{"Kill", testKill},
	{"List", testListNotifications},
	{"Requeue", testRequeue},
	{"UnknownID", testOutboxUnknownID},
	{"ConcurrentClaimers", testConcurrentClaimers},
}

// seed stores a case whose reporter gets len(due) notifications, the i-th
// due at due[i], and returns the case and the notifications in id order.
func seed(t *testing.T, st cases.Store, due ...time.Time) (*cases.Case, []*cases.Notification) {
	t.Helper()
	c := fullCase(t, instant())
	notify := make([]cases.Notification, len(due))
	for i, at := range due {
		notify[i] = notification(c, c.Contacts[0], cases.KindStatus, fmt.Sprintf("update %d", i))
		notify[i].NextAt = at
	}
	stored := create(t, st, c, notify...)
	ns := listAll(t, st, cases.NotificationPending)
	if len(ns) != len(due) {
		t.Fatalf("%d pending notifications, want %d", len(ns), len(due))
	}
	return stored, ns
}

func claim(t *testing.T, st cases.Store, now time.Time, lease time.Duration, limit int) []*cases.Notification {
	t.Helper()
	ns, err := st.ClaimNotifications(t.Context(), now, lease, limit)
	if err != nil {
		t.Fatalf("ClaimNotifications: %v", err)
	}
	return ns
}

// ids returns the IDs of ns, in order.
func ids(ns []*cases.Notification) []int64 {
	out := make([]int64, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

func checkClaim(t *testing.T, what string, got []*cases.Notification, want ...*cases.Notification) {
	t.Helper()
	if !slices.Equal(ids(got), ids(want)) {
		t.Errorf("%s: claimed %v, want %v (oldest due first)", what, ids(got), ids(want))
	}
}

// testClaimDue checks which rows a claim takes: pending rows that are due
// and not leased, oldest due first, at most limit.
func testClaimDue(t *testing.T, st cases.Store) {
	now := instant()
	in := func(m int) time.Time { return now.Add(time.Duration(m) * time.Minute) }
	_, ns := seed(t, st, in(-3), in(1), in(-1), in(-2), in(-4))
	lease := 5 * time.Minute

	killed := claim(t, st, now, lease, 1)
	checkClaim(t, "limit 1", killed, ns[4])
	if err := st.KillNotification(t.Context(), ns[4].ID, "gave up"); err != nil {
		t.Fatalf("KillNotification: %v", err)
	}
	sent := claim(t, st, now, lease, 1)
	checkClaim(t, "limit 1 again", sent, ns[0])
	if err := st.CompleteNotification(t.Context(), ns[0].ID, "SM-sent", now); err != nil {
		t.Fatalf("CompleteNotification: %v", err)
	}

	checkClaim(t, "the rest", claim(t, st, now, lease, 10), ns[3], ns[2])
	checkClaim(t, "while leased", claim(t, st, now, lease, 10))
	checkClaim(t, "when the future one is due", claim(t, st, in(2), lease, 10), ns[1])
}

// testClaimContents checks that a claimed notification is the stored one
// with one more attempt counted.
func testClaimContents(t *testing.T, st cases.Store) {
	now := instant()
	_, ns := seed(t, st, now.Add(-time.Minute))
	for attempt := 1; attempt <= 2; attempt++ {
		got := claim(t, st, now.Add(time.Duration(attempt)*time.Hour), time.Minute, 10)
		if len(got) != 1 {
			t.Fatalf("attempt %d: claimed %d, want 1", attempt, len(got))
		}
		want := *ns[0]
		want.Attempts = attempt
		same(t, fmt.Sprintf("claim %d", attempt), got[0], &want, "CaseID", "ContactID")
		if got[0].CaseID != ns[0].CaseID || got[0].ContactID != ns[0].ContactID {
			t.Errorf("claim %d: CaseID, ContactID = %d, %d; want %d, %d", attempt, got[0].CaseID, got[0].ContactID, ns[0].CaseID, ns[0].ContactID)
		}
	}
}

// testLeaseExpiry checks that a row whose lease ran out (a dispatcher that
// crashed mid-send) is claimable again, with its attempt counted.
func testLeaseExpiry(t *testing.T, st cases.Store) {
	now := instant()
	_, ns := seed(t, st, now.Add(-time.Minute))
	lease := 30 * time.Second
	checkClaim(t, "first", claim(t, st, now, lease, 10), ns[0])
	checkClaim(t, "within the lease", claim(t, st, now.Add(lease-time.Second), lease, 10))
	again := claim(t, st, now.Add(lease+time.Second), lease, 10)
	checkClaim(t, "after the lease", again, ns[0])
	if len(again) == 1 && again[0].Attempts != 2 {
		t.Errorf("attempts = %d after two claims, want 2", again[0].Attempts)
	}
}

// testComplete checks that a completed notification is sent, keeps the
// provider id, and leaves its outbound message on the case, once.
func testComplete(t *testing.T, st cases.Store) {
	now := instant()
	c, ns := seed(t, st, now.Add(-time.Minute))
	claim(t, st, now, time.Minute, 10)
	at := instant()
	for range 2 {
		if err := st.CompleteNotification(t.Context(), ns[0].ID, "SM-out-1", at); err != nil {
			t.Fatalf("CompleteNotification: %v", err)
		}
	}
	sent := listAll(t, st, cases.NotificationSent)
	if len(sent) != 1 {
		t.Fatalf("%d sent notifications, want 1", len(sent))
	}
	want := *ns[0]
	want.State, want.ProviderID, want.SentAt, want.Attempts = cases.NotificationSent, "SM-out-1", &at, 1
	same(t, "sent notification", sent[0], &want, "CaseID", "ContactID")

	msgs := getCase(t, st, c.Tracking).Messages
	out := cases.Message{Direction: cases.Outbound, Channel: "sms", Address: want.To, ProviderID: "SM-out-1", Text: want.Text, At: at, DeliveryStatus: cases.DeliverySent}
	same(t, "Messages", msgs, append(slices.Clone(c.Messages), out))

	if err := st.CompleteNotification(t.Context(), ns[0].ID, "SM-out-2", instant()); err != nil {
		t.Fatalf("CompleteNotification with another provider id: %v", err)
	}
	if got := listAll(t, st, cases.NotificationSent); len(got) != 1 || got[0].ProviderID != "SM-out-1" {
		t.Errorf("completing a sent notification changed it: %+v", got)
	}
	checkClaim(t, "after completion", claim(t, st, now.Add(time.Hour), time.Minute, 10))
	if err := st.SetMessageDelivery(t.Context(), "sms", "SM-out-1", cases.DeliveryDelivered, ""); err != nil {
		t.Errorf("SetMessageDelivery for a completed notification: %v", err)
	}
}

// testRetry checks that a retried row waits until next, keeps its error,
// and is not held back by the lease of the failed attempt.
func testRetry(t *testing.T, st cases.Store) {
	now := instant()
	_, ns := seed(t, st, now.Add(-time.Minute))
	claim(t, st, now, time.Hour, 10)
	next := now.Add(time.Minute)
	if err := st.RetryNotification(t.Context(), ns[0].ID, next, "503 from provider"); err != nil {
		t.Fatalf("RetryNotification: %v", err)
	}
	pending := listAll(t, st, cases.NotificationPending)
	want := *ns[0]
	want.NextAt, want.LastError, want.Attempts = next, "503 from provider", 1
	if len(pending) != 1 {
		t.Fatalf("%d pending notifications, want 1", len(pending))
	}
	same(t, "retried notification", pending[0], &want, "CaseID", "ContactID")
	checkClaim(t, "before next", claim(t, st, now.Add(30*time.Second), time.Hour, 10))
	again := claim(t, st, now.Add(2*time.Minute), time.Hour, 10)
	checkClaim(t, "after next", again, ns[0])
	if len(again) == 1 && (again[0].Attempts != 2 || again[0].LastError != "503 from provider") {
		t.Errorf("reclaimed: attempts %d, last error %q; want 2, the retry's error", again[0].Attempts, again[0].LastError)
	}
}

// testKill checks that a dead-lettered row is never claimed again and
// leaves a failed outbound message on its case.
func testKill(t *testing.T, st cases.Store) {
	now := instant()
	c, ns := seed(t, st, now.Add(-time.Minute))
	claim(t, st, now, time.Minute, 10)
	if err := st.KillNotification(t.Context(), ns[0].ID, "21211: invalid phone number"); err != nil {
		t.Fatalf("KillNotification: %v", err)
	}
	dead := listAll(t, st, cases.NotificationDead)
	if len(dead) != 1 || dead[0].ID != ns[0].ID || dead[0].State != cases.NotificationDead || dead[0].LastError != "21211: invalid phone number" {
		t.Fatalf("dead notifications %+v: want the killed one with its error", dead)
	}
	checkClaim(t, "after kill", claim(t, st, now.Add(time.Hour), time.Minute, 10))

	msgs := getCase(t, st, c.Tracking).Messages
	if len(msgs) != len(c.Messages)+1 {
		t.Fatalf("%d messages, want %d", len(msgs), len(c.Messages)+1)
	}
	got := msgs[len(msgs)-1]
	want := cases.Message{Direction: cases.Outbound, Channel: "sms", Address: ns[0].To, Text: ns[0].Text, DeliveryStatus: cases.DeliveryFailed, Error: "21211: invalid phone number", At: got.At}
	same(t, "failed message", got, want)
	if got.At.IsZero() {
		t.Error("failed message: At is zero")
	}
}

func testListNotifications(t *testing.T, st cases.Store) {
	now := instant()
	_, ns := seed(t, st, now, now, now, now, now, now, now)
	pages := [][]*cases.Notification{ns[0:3], ns[3:6], ns[6:7], nil}
	var after int64
	for i, want := range pages {
		got, err := st.Notifications(t.Context(), cases.NotificationPending, after, 3)
		if err != nil {
			t.Fatalf("Notifications: %v", err)
		}
		if !slices.Equal(ids(got), ids(want)) {
			t.Errorf("page %d after %d: %v, want %v", i, after, ids(got), ids(want))
		}
		if len(got) > 0 {
			after = got[len(got)-1].ID
		}
	}
	for _, s := range []cases.NotificationState{cases.NotificationSent, cases.NotificationDead} {
		if got := listAll(t, st, s); len(got) != 0 {
			t.Errorf("%d %s notifications, want 0", len(got), s)
		}
	}
}

// testRequeue checks that only a dead row can be requeued, and that it
// comes back due at now with a fresh attempt count.
func testRequeue(t *testing.T, st cases.Store) {
	now := instant()
	_, ns := seed(t, st, now.Add(-3*time.Minute), now.Add(-2*time.Minute), now.Add(-time.Minute))
	claim(t, st, now, time.Hour, 10)
	if err := st.KillNotification(t.Context(), ns[0].ID, "gave up"); err != nil {
		t.Fatalf("KillNotification: %v", err)
	}
	if err := st.CompleteNotification(t.Context(), ns[1].ID, "SM1", now); err != nil {
		t.Fatalf("CompleteNotification: %v", err)
	}
	later := now.Add(time.Minute)
	if err := st.RequeueNotification(t.Context(), ns[0].ID, later); err != nil {
		t.Fatalf("RequeueNotification: %v", err)
	}
	pending := listAll(t, st, cases.NotificationPending)
	if len(pending) != 2 || pending[0].ID != ns[0].ID || pending[0].Attempts != 0 || !pending[0].NextAt.Equal(later.Truncate(time.Microsecond)) {
		t.Fatalf("pending after requeue %+v: want the requeued row with 0 attempts, due %v", pending, later)
	}
	checkClaim(t, "after requeue", claim(t, st, later, time.Hour, 10), ns[0])

	refused := []struct {
		name string
		id   int64
		kind error
	}{
		{"Sent", ns[1].ID, cases.ErrConflict},
		{"Pending", ns[2].ID, cases.ErrConflict},
		{"Missing", ns[2].ID + 1000, cases.ErrNotFound},
	}
	for _, r := range refused {
		t.Run(r.name, func(t *testing.T) {
			if err := st.RequeueNotification(t.Context(), r.id, now); !isKind(err, r.kind) {
				t.Errorf("RequeueNotification = %v, want %v", err, r.kind)
			}
		})
	}
}

// testOutboxUnknownID settles a reading: completing, retrying or killing a
// notification that does not exist is ErrNotFound.
func testOutboxUnknownID(t *testing.T, st cases.Store) {
	_, ns := seed(t, st, instant())
	missing := ns[0].ID + 1000
	calls := map[string]func() error{
		"Complete": func() error { return st.CompleteNotification(t.Context(), missing, "SM1", instant()) },
		"Retry":    func() error { return st.RetryNotification(t.Context(), missing, instant(), "x") },
		"Kill":     func() error { return st.KillNotification(t.Context(), missing, "x") },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			if err := call(); !isKind(err, cases.ErrNotFound) {
				t.Errorf("%s(unknown id) = %v, want ErrNotFound", name, err)
			}
		})
	}
}

// testConcurrentClaimers runs several dispatchers over one outbox. None
// may receive a row another holds, and together they deliver every row
// exactly once.
func testConcurrentClaimers(t *testing.T, st cases.Store) {
	const rows, claimers, batch = 500, 4, 10
	due := make([]time.Time, rows)
	base := instant().Add(-time.Hour)
	for i := range due {
		due[i] = base.Add(time.Duration(i%50) * time.Second)
	}
	c, _ := seed(t, st, due...)

	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	errs := make(chan error, claimers)
	for w := range claimers {
		wg.Go(func() { errs <- dispatch(t, st, w, batch, &mu, seen) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(seen) != rows {
		t.Errorf("%d rows delivered, want %d", len(seen), rows)
	}
	if sent := listAll(t, st, cases.NotificationSent); len(sent) != rows {
		t.Errorf("%d rows sent, want %d", len(sent), rows)
	}
	if msgs := getCase(t, st, c.Tracking).Messages; len(msgs) != rows+1 {
		t.Errorf("%d messages on the case, want %d", len(msgs), rows+1)
	}
}

// dispatch claims and completes rows until none is left, recording who
// got which row in seen.
func dispatch(t *testing.T, st cases.Store, worker, batch int, mu *sync.Mutex, seen map[int64]int) error {
	for {
		ns, err := st.ClaimNotifications(t.Context(), time.Now(), time.Minute, batch)
		if err != nil {
			return fmt.Errorf("claimer %d: claim: %w", worker, err)
		}
		if len(ns) == 0 {
			return nil
		}
		if len(ns) > batch {
			return fmt.Errorf("claimer %d: claimed %d rows, limit %d", worker, len(ns), batch)
		}
		for _, n := range ns {
			mu.Lock()
			other, twice := seen[n.ID]
			seen[n.ID] = worker
			mu.Unlock()
			if twice {
				return fmt.Errorf("claimer %d: row %d was claimed before by claimer %d", worker, n.ID, other)
			}
			if err := st.CompleteNotification(t.Context(), n.ID, fmt.Sprintf("P%d", n.ID), time.Now()); err != nil {
				return fmt.Errorf("claimer %d: complete %d: %w", worker, n.ID, err)
			}
		}
	}
}
