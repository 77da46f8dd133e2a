package recorder_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels/recorder"
)

func TestLogKeepsNewest(t *testing.T) {
	tests := []struct {
		max, sends int
		want       []string
	}{
		{3, 2, []string{"m0", "m1"}},
		{3, 3, []string{"m0", "m1", "m2"}},
		{3, 7, []string{"m4", "m5", "m6"}},
		{1, 4, []string{"m3"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("max%d/sends%d", tt.max, tt.sends), func(t *testing.T) {
			log := recorder.NewLog(recorder.Options{Max: tt.max})
			ch := recorder.New("sms", log)
			for i := range tt.sends {
				send(t, ch, &cases.Notification{To: "+13125550101", Text: fmt.Sprint("m", i)})
			}
			if got := texts(log.Entries()); !slices.Equal(got, tt.want) {
				t.Errorf("entries %v, want %v", got, tt.want)
			}
			if log.Len() != len(tt.want) {
				t.Errorf("Len = %d, want %d", log.Len(), len(tt.want))
			}
		})
	}
}

func TestLogDefaultMax(t *testing.T) {
	var log recorder.Log
	ch := recorder.New("sms", &log)
	for range recorder.DefaultMax + 5 {
		send(t, ch, &cases.Notification{Text: "x"})
	}
	if log.Len() != recorder.DefaultMax {
		t.Errorf("a zero Log keeps %d entries, want %d", log.Len(), recorder.DefaultMax)
	}
}

// TestLogShared sends on several recorders at once into one log.
func TestLogShared(t *testing.T) {
	const senders, each = 4, 200
	log := recorder.NewLog(recorder.Options{})
	var wg sync.WaitGroup
	for i := range senders {
		ch := recorder.New(fmt.Sprint("ch", i), log)
		wg.Go(func() {
			for j := range each {
				send(t, ch, &cases.Notification{Text: fmt.Sprint(j)})
			}
		})
	}
	wg.Wait()
	entries := log.Entries()
	if len(entries) != senders*each {
		t.Fatalf("%d entries, want %d", len(entries), senders*each)
	}
	ids := map[string]bool{}
	for i, e := range entries {
		ids[e.ProviderID] = true
		if i > 0 && e.At.Before(entries[i-1].At) {
			t.Errorf("entry %d at %v is before the one ahead of it at %v", i, e.At, entries[i-1].At)
		}
	}
	if len(ids) != senders*each {
		t.Errorf("%d distinct provider ids for %d sends", len(ids), senders*each)
	}
}

// TestEntryJSON pins the shape of GET /sandbox/outbox.
func TestEntryJSON(t *testing.T) {
	at := time.Date(2025, 3, 1, 14, 30, 0, 0, time.UTC)
	tests := []struct {
		name string
		e    recorder.Entry
		want string
	}{
		{"Full", recorder.Entry{
			Channel: "email", To: "ana@example.org", Text: "Case 123 is closed", TrackingNumber: "1234567890",
			At: at, Subject: "Your report", ThreadRef: "<r1@example.org>", Kind: "status", Language: "es", ProviderID: "rec-email-1",
		}, `{"channel":"email","to":"ana@example.org","text":"Case 123 is closed","tracking_number":"1234567890",` +
			`"at":"2025-03-01T14:30:00Z","subject":"Your report","thread_ref":"\u003cr1@example.org\u003e","kind":"status",` +
			`"language":"es","provider_id":"rec-email-1"}`},
		{"Minimal", recorder.Entry{Channel: "sms", To: "+13125550101", Text: "hi", At: at},
			`{"channel":"sms","to":"+13125550101","text":"hi","tracking_number":"","at":"2025-03-01T14:30:00Z"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.e)
			if err != nil || string(b) != tt.want {
				t.Errorf("JSON = %s, %v\nwant %s", b, err, tt.want)
			}
		})
	}
}

func texts(es []recorder.Entry) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Text)
	}
	return out
}

func TestEntryExtraFields(t *testing.T) {
	l := recorder.NewLog(recorder.Options{})
	l.Add(recorder.Entry{Channel: "sms", To: "+15555550100", Text: "hi", Extra: map[string]any{"twiml": "<Response/>", "text": "ignored"}})
	b, err := json.Marshal(l.Entries()[0])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(b, &m)
	if m["twiml"] != "<Response/>" || m["text"] != "hi" || m["channel"] != "sms" {
		t.Fatalf("extra fields: %s", b)
	}
}
