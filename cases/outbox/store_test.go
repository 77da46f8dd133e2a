package outbox_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/outbox"
	"github.com/intake311/intake311/cases/postgres"
	"github.com/intake311/intake311/cases/sqlite"
)

// postgresEnv names the variable holding the PostgreSQL URL for tests.
const postgresEnv = "INTAKE311_TEST_POSTGRES_URL"

// store is a way to open a fresh, empty store.
type store struct {
	name string
	open func(t testing.TB) cases.Store
}

// stores lists SQLite, and PostgreSQL when postgresEnv is set.
func stores() []store {
	out := []store{{"sqlite", openSQLite}}
	if os.Getenv(postgresEnv) != "" {
		out = append(out, store{"postgres", openPostgres})
	}
	return out
}

// eachStore runs f as a subtest on a fresh store of each kind.
func eachStore(t *testing.T, f func(t *testing.T, st cases.Store)) {
	for _, s := range stores() {
		t.Run(s.name, func(t *testing.T) { f(t, s.open(t)) })
	}
}

func openSQLite(t testing.TB) cases.Store {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "intake311.db"), sqlite.Options{})
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// openPostgres opens a store in a schema of its own, dropped at cleanup.
// It fails, not skips, when the server cannot be reached.
func openPostgres(t testing.TB) cases.Store {
	dsn := os.Getenv(postgresEnv)
	if dsn == "" {
		t.Skipf("%s is not set", postgresEnv)
	}
	schema := "outbox_" + randomHex(t)
	execPostgres(t, dsn, "CREATE SCHEMA "+schema)
	t.Cleanup(func() { execPostgres(t, dsn, "DROP SCHEMA "+schema+" CASCADE") })
	st, err := postgres.Open(context.Background(), dsn, postgres.Options{Schema: schema, MaxConns: 8})
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func execPostgres(t testing.TB, dsn, sql string) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect to postgres: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func randomHex(t testing.TB) string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// seed stores a case whose reporter gets k notifications due at at, and
// returns the case.
func seed(t testing.TB, st cases.Store, k int, at time.Time) *cases.Case {
	t.Helper()
	tn, err := cases.NewTrackingNumber(nil)
	if err != nil {
		t.Fatal(err)
	}
	reporter := cases.Contact{Channel: "sms", Address: "+1312555" + string(tn[:4]), Language: "en", Role: cases.RoleReporter, Consent: true, CreatedAt: at}
	c := &cases.Case{
		Tracking: tn, Status: cases.StatusOpen, ServiceCode: "pothole", Department: "streets",
		Priority: cases.PriorityNormal, Description: "pothole on Main St", Language: "en", Channel: "sms",
		CreatedAt: at, UpdatedAt: at, Contacts: []cases.Contact{reporter},
		History: []cases.HistoryEntry{{Status: cases.StatusOpen, At: at}},
	}
	notify := make([]cases.Notification, k)
	for i := range notify {
		notify[i] = cases.Notification{Channel: "sms", To: reporter.Address, Language: "en", Kind: cases.KindStatus,
			Text: fmt.Sprintf("update %d on %s", i, tn), Status: cases.StatusOpen, NextAt: at}
	}
	stored, _, err := st.CreateCase(t.Context(), c, notify)
	if err != nil {
		t.Fatalf("CreateCase: %v", err)
	}
	return stored
}

// seedMany stores cases with k notifications in all, perCase to a case,
// several cases at once.
func seedMany(t testing.TB, st cases.Store, k, perCase int, at time.Time) {
	t.Helper()
	var wg sync.WaitGroup
	for left := k; left > 0; left -= perCase {
		wg.Go(func() { seed(t, st, min(left, perCase), at) })
	}
	wg.Wait()
}

// list returns every notification in state, in id order.
func list(t testing.TB, st cases.Store, state cases.NotificationState) []*cases.Notification {
	t.Helper()
	var all []*cases.Notification
	var after int64
	for {
		page, err := st.Notifications(t.Context(), state, after, cases.MaxPageSize)
		if err != nil {
			t.Fatalf("Notifications(%s): %v", state, err)
		}
		if len(page) == 0 {
			return all
		}
		all = append(all, page...)
		after = page[len(page)-1].ID
	}
}

// one returns the only notification in state.
func one(t testing.TB, st cases.Store, state cases.NotificationState) *cases.Notification {
	t.Helper()
	ns := list(t, st, state)
	if len(ns) != 1 {
		t.Fatalf("%d %s notifications, want 1", len(ns), state)
	}
	return ns[0]
}

// clock is a time the test moves by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Now().UTC().Truncate(time.Microsecond)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// counter is a channel that delivers nowhere and counts sends per
// notification id.
type counter struct {
	mu    sync.Mutex
	sends map[int64]int
}

func newCounter() *counter { return &counter{sends: map[int64]int{}} }

func (c *counter) Notify(ctx context.Context, n *cases.Notification) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sends[n.ID]++
	return fmt.Sprintf("P%d-%d", n.ID, c.sends[n.ID]), nil
}

// counts returns a copy of the send counts.
func (c *counter) counts() map[int64]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[int64]int, len(c.sends))
	for id, k := range c.sends {
		out[id] = k
	}
	return out
}

// outcomes collects what Options.Observe reports.
type outcomes struct {
	mu  sync.Mutex
	got []string
}

func (o *outcomes) observe(n *cases.Notification, out outbox.Outcome, err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.got = append(o.got, out.String())
}

func (o *outcomes) take() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	got := o.got
	o.got = nil
	return got
}
