package recorder_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels"
	"github.com/intake311/intake311/channels/recorder"
)

func TestSendRecords(t *testing.T) {
	at := time.Date(2025, 3, 1, 14, 30, 0, 0, time.FixedZone("CST", -6*3600))
	log := recorder.NewLog(recorder.Options{Now: func() time.Time { return at }})
	ch := recorder.New("email", log)
	n := &cases.Notification{
		Tracking: "1234567890", Channel: "email", To: "ana@example.org", ThreadRef: "<r1@example.org>",
		Language: "es", Kind: cases.KindStatus, Subject: "Su reporte", Text: "Su caso está cerrado",
	}
	id := send(t, ch, n)
	want := recorder.Entry{
		Channel: "email", To: n.To, Text: n.Text, TrackingNumber: n.Tracking, At: at.UTC(), Subject: n.Subject,
		ThreadRef: n.ThreadRef, Kind: n.Kind, Language: n.Language, ProviderID: id,
	}
	if got := log.Entries(); len(got) != 1 || !reflect.DeepEqual(got[0], want) {
		t.Errorf("entries %+v\nwant [%+v]", got, want)
	}
	if !strings.HasPrefix(id, "rec-email-") {
		t.Errorf("provider id %q does not start with rec-email-", id)
	}
	if ch.Name() != "email" || ch.Log() != log {
		t.Errorf("Name, Log = %q, %p; want email, %p", ch.Name(), ch.Log(), log)
	}
}

func TestProviderIDsUnique(t *testing.T) {
	log := recorder.NewLog(recorder.Options{})
	seen := map[string]bool{}
	// Two recorders of one name stand for the same channel before and
	// after a restart.
	for _, ch := range []*recorder.Channel{recorder.New("sms", log), recorder.New("sms", log)} {
		for range 3 {
			id := send(t, ch, &cases.Notification{Text: "x"})
			if seen[id] {
				t.Errorf("provider id %q returned twice", id)
			}
			seen[id] = true
		}
	}
}

func TestFailNext(t *testing.T) {
	refused := channels.Permanent(errors.New("21211 invalid number"))
	tests := []struct {
		name string
		k    int
		err  error
		want error
	}{
		{"Retryable", 2, nil, recorder.ErrScripted},
		{"Permanent", 1, refused, refused},
		{"None", 0, refused, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch := recorder.New("sms", nil)
			ch.FailNext(tt.k, tt.err)
			for i := range tt.k {
				if _, err := ch.Send(t.Context(), &cases.Notification{Text: "x"}); !errors.Is(err, tt.want) {
					t.Fatalf("send %d: %v, want %v", i, err, tt.want)
				}
			}
			send(t, ch, &cases.Notification{Text: "after"})
			if got := texts(ch.Log().Entries()); len(got) != 1 || got[0] != "after" {
				t.Errorf("entries %v; want only the send after the failures", got)
			}
		})
	}
}

func TestFailNextReplaces(t *testing.T) {
	ch := recorder.New("sms", nil)
	ch.FailNext(5, nil)
	ch.FailNext(0, nil)
	send(t, ch, &cases.Notification{Text: "x"})
}

func TestSendCancelled(t *testing.T) {
	ch := recorder.New("sms", nil)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := ch.Send(ctx, &cases.Notification{Text: "x"}); !errors.Is(err, context.Canceled) {
		t.Errorf("Send on a cancelled context = %v", err)
	}
	if ch.Log().Len() != 0 {
		t.Error("a cancelled send was recorded")
	}
}

// TestInSet routes notifications through a channels.Set to recorders.
func TestInSet(t *testing.T) {
	log := recorder.NewLog(recorder.Options{})
	s, err := channels.NewSet(recorder.New("sms", log), recorder.New("email", log))
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range []string{"email", "sms"} {
		if _, err := s.Notify(t.Context(), &cases.Notification{Channel: ch, Text: ch}); err != nil {
			t.Fatalf("Notify %s: %v", ch, err)
		}
	}
	for i, e := range log.Entries() {
		if e.Channel != e.Text {
			t.Errorf("entry %d: channel %q got the text meant for %q", i, e.Channel, e.Text)
		}
	}
}

func send(t *testing.T, ch *recorder.Channel, n *cases.Notification) string {
	t.Helper()
	id, err := ch.Send(t.Context(), n)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	return id
}
