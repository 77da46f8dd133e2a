package router

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/sqlite"
)

// storeWith returns a SQLite store in a temporary directory holding one
// case per report, an hour apart, the last one newest.
func storeWith(t testing.TB, reports ...string) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "cases.db"), sqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for i, text := range reports {
		c := storedCase(t, text, "sms", at.Add(time.Duration(i)*time.Hour))
		if _, _, err := store.CreateCase(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
	}
	return store
}

func storedCase(t testing.TB, text, channel string, at time.Time) *cases.Case {
	tn, err := cases.NewTrackingNumber(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &cases.Case{Tracking: tn, Status: cases.StatusOpen, ServiceCode: "general", Department: "customer",
		Priority: cases.PriorityNormal, Description: text, Channel: channel, CreatedAt: at, UpdatedAt: at}
}

// draftOf returns the demo document with one edit made to its YAML.
func draftOf(t testing.TB, old, new string) *Engine {
	t.Helper()
	src := string(DemoYAML())
	if !strings.Contains(src, old) {
		t.Fatalf("the demo document has no %q", old)
	}
	d, err := Parse("draft.yaml", []byte(strings.Replace(src, old, new, 1)))
	if err != nil {
		t.Fatal(err)
	}
	return Must(New(d, 0, Options{}))
}

func TestReplay(t *testing.T) {
	store := storeWith(t,
		"Someone sprayed graffiti all over the bus shelter",
		"There is a deep pothole on Elm Street",
		"The street light at the corner has been out for a week",
		"Fresh graffiti tags on the library wall",
		"hello, is anyone there?",
	)
	live := Must(New(Demo(), 4, Options{}))
	// The draft sends graffiti to sanitation and forgets "pothole".
	draft := draftOf(t, "department: code\n    priority: low\n    sla: 10 business days\n    keywords:\n      en: [graffiti",
		"department: sanitation\n    priority: low\n    sla: 10 business days\n    keywords:\n      en: [graffiti")
	draft.Swap(mustParse(t, strings.Replace(string(draft.Document().Source()), "[pothole: 4, pot hole: 4,", "[", 1)), 0)

	rep, err := Replay(context.Background(), store, live, draft, ReplayOptions{Samples: 2})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want int
	}{
		{"cases", rep.Cases, 5},
		{"graffiti before", rep.Services["graffiti"].Before, 2},
		{"graffiti after", rep.Services["graffiti"].After, 2},
		{"code before", rep.Departments["code"].Before, 2},
		{"sanitation after", rep.Departments["sanitation"].After, 2},
		{"changed department", rep.ChangedDepartment, 3},
		{"samples kept", len(rep.Changes), 2},
		{"triage before", rep.TriageBefore, 1},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	if rep.LiveVersion != 4 || rep.DraftVersion != 0 {
		t.Errorf("versions %d → %d", rep.LiveVersion, rep.DraftVersion)
	}
	newest := rep.Changes[0]
	if !strings.Contains(newest.Text, "library") || newest.Before.Department != "code" || newest.After.Department != "sanitation" {
		t.Errorf("newest change = %+v", newest)
	}
	if newest.After.Why == nil || len(newest.After.Why.Terms) == 0 || newest.After.Why.Rule == "" {
		t.Errorf("the sample is not explained: %+v", newest.After.Why)
	}
	if rep.Departments["code"].SLAHoursBefore <= 0 || rep.Departments["code"].SLAHoursAfter != 0 {
		t.Errorf("code's SLA load = %+v", rep.Departments["code"])
	}
}

func TestReplayWindow(t *testing.T) {
	store := storeWith(t, "graffiti on the wall", "pothole on Elm", "tree branch down")
	e := Must(New(Demo(), 1, Options{}))
	since := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) // the last two
	rep, err := Replay(context.Background(), store, e, e, ReplayOptions{Since: since, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Cases != 2 || rep.ChangedService != 0 || len(rep.Changes) != 0 || rep.Services["graffiti"] != nil {
		t.Errorf("replay since %v = %+v", since, rep)
	}
}

func TestReplayReadsEveryCaseOnce(t *testing.T) {
	store := storeWith(t, "graffiti on the wall", "pothole on Elm", "tree branch down", "trash not picked up",
		"street light out", "sidewalk is cracked", "dead raccoon in the road")
	e := Must(New(Demo(), 1, Options{}))
	for _, workers := range []int{1, 2, 3, 8} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			rep, err := Replay(context.Background(), store, e, e, ReplayOptions{Workers: workers})
			if err != nil {
				t.Fatal(err)
			}
			sum := 0
			for _, c := range rep.Services {
				sum += c.Before
			}
			if rep.Cases != 7 || sum != 7 {
				t.Errorf("%d workers replayed %d cases (%d by service), want 7", workers, rep.Cases, sum)
			}
		})
	}
}

func TestReplayCancelled(t *testing.T) {
	store := storeWith(t, "graffiti on the wall")
	e := Must(New(Demo(), 1, Options{}))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Replay(ctx, store, e, e, ReplayOptions{}); err == nil {
		t.Error("a cancelled replay reported no error")
	}
}

func mustParse(t testing.TB, src string) *Document {
	t.Helper()
	d, err := Parse("draft.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return d
}
