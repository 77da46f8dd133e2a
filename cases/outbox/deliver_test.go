package outbox_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/outbox"
	"github.com/intake311/intake311/channels"
	"github.com/intake311/intake311/channels/recorder"
)

// gateway is the part of the gateway that writes notifications: intake
// and staff workflow over a store, with recorders as the channels.
type gateway struct {
	intake   *cases.Intake
	workflow *cases.Workflow
	log      *recorder.Log
	channels *channels.Set
}

func newGateway(t *testing.T, st cases.Store) *gateway {
	t.Helper()
	tm, err := cases.NewTemplates(map[string]map[string]string{"en": {
		"ack":    "We got your report. Tracking number {{.TrackingSpoken}}.",
		"status": "Case {{.Tracking}} is now {{.Status}}. {{.Note}}",
	}}, "en")
	if err != nil {
		t.Fatal(err)
	}
	classify := cases.ClassifierFunc(func(ctx context.Context, text, lang string) (cases.Classification, error) {
		return cases.Classification{ServiceCode: "pothole", Confidence: 0.9, Language: "en"}, nil
	})
	route := cases.RouterFunc(func(ctx context.Context, c *cases.Case) (cases.Assignment, error) {
		return cases.Assignment{Department: "streets", Priority: cases.PriorityNormal}, nil
	})
	log := recorder.NewLog(recorder.Options{})
	set, err := channels.NewSet(recorder.New("sms", log), recorder.New("email", log))
	if err != nil {
		t.Fatal(err)
	}
	return &gateway{
		intake:   &cases.Intake{Store: st, Classifier: classify, Router: route, Templates: tm},
		workflow: &cases.Workflow{Store: st, Templates: tm},
		log:      log, channels: set,
	}
}

// report submits a report from a resident who wants updates.
func (g *gateway) report(t *testing.T, channel, address, text string) *cases.Case {
	t.Helper()
	c, _, err := g.intake.Submit(t.Context(), cases.Report{Channel: channel, Text: text,
		Contact: &cases.Contact{Channel: channel, Address: address, Consent: true}})
	if err != nil {
		t.Fatalf("Submit: %v", err)
	}
	return c
}

// TestDeliversEachOnce sends acknowledgements and a status update and
// checks that each reached its channel once, with its provider id kept on
// the notification and on the case.
func TestDeliversEachOnce(t *testing.T) {
	eachStore(t, func(t *testing.T, st cases.Store) {
		g := newGateway(t, st)
		c1 := g.report(t, "sms", "+13125550101", "pothole on Main St")
		c2 := g.report(t, "email", "ana@example.org", "streetlight out at 5th and Oak")
		if _, err := g.workflow.ChangeStatus(t.Context(), c1.Tracking, cases.StatusChange{Status: cases.StatusInProgress, Note: "Crew on the way."}); err != nil {
			t.Fatal(err)
		}
		d := outbox.New(st, g.channels, outbox.Options{})
		drain(t, d, 3)
		drain(t, d, 0)

		sent := list(t, st, cases.NotificationSent)
		entries := g.log.Entries()
		if len(sent) != 3 || len(entries) != 3 {
			t.Fatalf("%d notifications sent, %d recorded; want 3 and 3", len(sent), len(entries))
		}
		for _, n := range sent {
			checkDelivered(t, st, n, entries)
		}
		for _, c := range []*cases.Case{c1, c2} {
			checkOutbound(t, st, c, sent)
		}
	})
}

// checkDelivered checks that n was recorded by its channel once, under
// the provider id the store keeps.
func checkDelivered(t *testing.T, st cases.Store, n *cases.Notification, entries []recorder.Entry) {
	t.Helper()
	i := slices.IndexFunc(entries, func(e recorder.Entry) bool { return e.ProviderID == n.ProviderID })
	if n.ProviderID == "" || i < 0 {
		t.Errorf("notification %d: provider id %q is not one its channel returned", n.ID, n.ProviderID)
		return
	}
	e := entries[i]
	if e.Channel != n.Channel || e.To != n.To || e.Text != n.Text || e.TrackingNumber != n.Tracking || n.SentAt == nil {
		t.Errorf("notification %+v was delivered as %+v", n, e)
	}
}

// checkOutbound checks that c keeps one sent outbound message for each of
// its sent notifications, in any order: they were sent concurrently.
func checkOutbound(t *testing.T, st cases.Store, c *cases.Case, sent []*cases.Notification) {
	t.Helper()
	stored, err := st.Case(t.Context(), c.Tracking)
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, n := range sent {
		if n.Tracking == c.Tracking {
			want = append(want, n.ProviderID)
		}
	}
	for _, m := range stored.Messages {
		if m.Direction == cases.Outbound && m.DeliveryStatus == cases.DeliverySent {
			got = append(got, m.ProviderID)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("case %s: outbound messages %v, want %v", c.Tracking, got, want)
	}
}

// TestKick checks that Kick wakes a Run that would otherwise wait an hour
// before looking at the outbox again.
func TestKick(t *testing.T) {
	st := openSQLite(t)
	claims := make(chan int, 100)
	watched := &watchedOutbox{Outbox: st, claims: claims}
	delivered := make(chan string, 1)
	notify := cases.NotifierFunc(func(ctx context.Context, n *cases.Notification) (string, error) {
		delivered <- n.Text
		return fmt.Sprint("P", n.ID), nil
	})
	d := outbox.New(watched, notify, outbox.Options{PollInterval: time.Hour})
	stop := runInBackground(t, d)
	defer stop()

	if k := <-claims; k != 0 {
		t.Fatalf("first claim found %d notifications in an empty outbox", k)
	}
	seed(t, st, 1, time.Now())
	d.Kick()
	if text := <-delivered; text == "" {
		t.Error("delivered an empty text")
	}
}

// watchedOutbox reports how many notifications each claim returned.
type watchedOutbox struct {
	cases.Outbox
	claims chan<- int
}

func (w *watchedOutbox) ClaimNotifications(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*cases.Notification, error) {
	ns, err := w.Outbox.ClaimNotifications(ctx, now, lease, limit)
	select {
	case w.claims <- len(ns):
	default:
	}
	return ns, err
}

// runInBackground starts d.Run and returns a function that stops it and
// waits for it to return.
func runInBackground(t *testing.T, d *outbox.Dispatcher) (stop func()) {
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	return func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}
}

// drain runs d.Drain and checks how many sends it made.
func drain(t *testing.T, d *outbox.Dispatcher, want int) {
	t.Helper()
	got, err := d.Drain(t.Context())
	if err != nil || got != want {
		t.Fatalf("Drain = %d, %v; want %d sends", got, err, want)
	}
}

// TestOrderPerCase writes an acknowledgement and two status updates for
// each of several cases before dispatching, and checks that each resident
// received them in the order they were written, although the dispatcher
// sends with many workers.
func TestOrderPerCase(t *testing.T) {
	eachStore(t, func(t *testing.T, st cases.Store) {
		g := newGateway(t, st)
		for i := range 12 {
			c := g.report(t, "sms", fmt.Sprintf("+1312555%04d", i), "pothole on Main St")
			for _, next := range []cases.Status{cases.StatusInProgress, cases.StatusResolved} {
				if _, err := g.workflow.ChangeStatus(t.Context(), c.Tracking, cases.StatusChange{Status: next}); err != nil {
					t.Fatal(err)
				}
			}
		}
		drain(t, outbox.New(st, g.channels, outbox.Options{Workers: 8}), 36)
		byResident := map[string][]string{}
		for _, e := range g.log.Entries() {
			byResident[e.To] = append(byResident[e.To], e.Kind+":"+e.Text[:min(len(e.Text), 60)])
		}
		for to, got := range byResident {
			if len(got) != 3 || !strings.HasPrefix(got[0], "ack:") ||
				!strings.Contains(got[1], "in_progress") || !strings.Contains(got[2], "resolved") {
				t.Errorf("%s received, in this order: %q", to, got)
			}
		}
	})
}
