package twilio_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels/twilio"
	"github.com/intake311/intake311/channels/twilio/twiliotest"
)

func TestUnclearTextAsksForServiceThenPlace(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550401"
	q := e.reply(from, "the thing on my street is broken again")
	if !contains(q, "1 Pothole", "2 Street light", "0 Something else") {
		t.Fatalf("reply %q; want the numbered choices", q)
	}
	if q := e.reply(from, "2"); !strings.Contains(q, "address") {
		t.Fatalf("reply %q; want the address question", q)
	}
	if q := e.reply(from, "300 Oak Ave"); q != "" {
		t.Errorf("reply %q; want none, the acknowledgement goes through the outbox", q)
	}
	c := e.onlyCase(from)
	if c.ServiceCode != "streetlight" || c.Address != "300 OAK AVE" || !strings.Contains(c.Description, "broken again") {
		t.Errorf("case %s %q %q", c.ServiceCode, c.Address, c.Description)
	}
}

func TestSpanishConversation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550402"
	if q := e.reply(from, "hay un bache muy grande"); !strings.Contains(q, "dirección") {
		t.Fatalf("reply %q; want the address question in Spanish", q)
	}
	e.reply(from, "Main y 5th")
	c := e.onlyCase(from)
	if c.Language != "es" || c.Contacts[0].Language != "es" {
		t.Errorf("case language %q, contact %q; want es", c.Language, c.Contacts[0].Language)
	}
	e.drain()
	if sent := e.sentTo(from); len(sent) != 1 || !strings.Contains(sent[0].Body, "Recibido") {
		t.Errorf("sent %+v; want the Spanish acknowledgement", sent)
	}
}

// TestConversationSurvivesRestart: the state is in the store, so another
// replica (or the same one restarted) finishes the conversation.
func TestConversationSurvivesRestart(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550403"
	e.reply(from, "Pothole, a deep one")
	e.restart()
	e.reply(from, "1200 Main St")
	if c := e.onlyCase(from); c.Address != "1200 MAIN ST" || c.ServiceCode != "pothole" {
		t.Errorf("case %+v", c)
	}
}

func TestConversationExpires(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(o *twilio.Options) { o.IdleTimeout = 1 })
	const from = "+15555550404"
	e.reply(from, "There is a pothole")
	// The conversation has expired: the next text starts a new report.
	if q := e.reply(from, "1200 Main St"); !strings.Contains(q, "Which fits best") {
		t.Errorf("reply %q; want a new report's question", q)
	}
}

func TestRetriedAnswerGetsSameReply(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550405"
	e.reply(from, "the thing on my street is broken")
	m := twiliotest.SMS{From: from, Body: "1", SID: e.client.NewSID("SM")}
	var replies []string
	for range 2 {
		r, err := e.client.SMS(t.Context(), m)
		if err != nil || len(r.Texts) != 1 {
			t.Fatalf("SMS: %v %+v", err, r)
		}
		replies = append(replies, r.Texts[0])
	}
	if replies[0] != replies[1] || !strings.Contains(replies[0], "address") {
		t.Errorf("replies %q; want the address question twice", replies)
	}
}

func TestPlaceAskedTwiceThenKept(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550406"
	e.reply(from, "Big pothole")
	if q := e.reply(from, "near the school"); !strings.Contains(q, "could not find") {
		t.Fatalf("reply %q; want the question again", q)
	}
	e.reply(from, "behind the school by the gym")
	if c := e.onlyCase(from); c.Address != "behind the school by the gym" {
		t.Errorf("address %q; want the resident's words", c.Address)
	}
}

func TestPhotoOnlyAsksWhat(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550407"
	photo := twiliotest.Media{URL: "https://media.example/ME1", ContentType: "image/jpeg"}
	r := e.text(from, "", photo)
	if len(r.Texts) != 1 || !strings.Contains(r.Texts[0], "Which fits best") {
		t.Fatalf("reply %q", r.Texts)
	}
	e.reply(from, "3")
	e.reply(from, "450 Pine St")
	if c := e.onlyCase(from); c.ServiceCode != "missed_trash" || len(c.Media) != 1 {
		t.Errorf("case %s with media %+v", c.ServiceCode, c.Media)
	}
}

func TestEmptyTextAsksToDescribe(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	if q := e.reply("+15555550408", " "); !strings.Contains(q, "Riverton 311") {
		t.Errorf("reply %q", q)
	}
}

func TestEmergencyRepliesAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550409"
	if q := e.reply(from, "I smell a gas leak at 400 Elm St"); !strings.Contains(q, "911") {
		t.Errorf("reply %q; want call 911", q)
	}
	if c := e.onlyCase(from); !c.Emergency || c.Priority != cases.PriorityEmergency {
		t.Errorf("case emergency %v priority %s", c.Emergency, c.Priority)
	}
}

func TestFollowUpOnOpenCase(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550410"
	e.reply(from, "Pothole at 1200 Main St")
	c := e.onlyCase(from)
	if q := e.reply(from, "It got bigger after the rain"); !strings.Contains(q, c.Tracking.Spoken()) {
		t.Errorf("reply %q; want the case it was added to", q)
	}
	if got := e.onlyCase(from).Messages; len(got) != 2 || got[1].Text != "It got bigger after the rain" {
		t.Errorf("messages %+v", got)
	}
	e.reply(from, "Graffiti on the wall at 50 Birch St")
	if n := len(e.casesOf(from)); n != 2 {
		t.Errorf("%d cases; a new problem should make a second one", n)
	}
}

// TestRetriedLastAnswer: Twilio retrying the answer that created the case
// gets the same (empty) reply, and the resident can start another report.
func TestRetriedLastAnswer(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550411"
	e.reply(from, "There is a big pothole")
	last := twiliotest.SMS{From: from, Body: "1200 Main St", SID: e.client.NewSID("SM")}
	for range 2 {
		if r, err := e.client.SMS(t.Context(), last); err != nil || len(r.Texts) != 0 {
			t.Fatalf("answer: %v %+v", err, r)
		}
	}
	if c := e.onlyCase(from); len(c.Messages) != 1 {
		t.Errorf("messages %+v; the retry was kept as a follow-up", c.Messages)
	}
	if q := e.reply(from, "Also a streetlight is out on another street"); !strings.Contains(q, "address") {
		t.Errorf("reply %q; want the address question of a new report", q)
	}
	e.reply(from, "300 Oak Ave")
	if n := len(e.casesOf(from)); n != 2 {
		t.Errorf("%d cases, want 2", n)
	}
}

// TestTextsAtOnce: texts from one number arriving together all get an
// answer; none fails on the conversation they both change.
func TestTextsAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550412"
	e.reply(from, "There is a pothole")
	photo := twiliotest.Media{URL: "https://media.example/ME9", ContentType: "image/jpeg"}
	var wg sync.WaitGroup
	statuses := make([]int, 4)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := e.client.SMS(t.Context(), twiliotest.SMS{From: from, Body: "near the school", Media: []twiliotest.Media{photo}})
			if err == nil {
				statuses[i] = r.Status
			}
		}()
	}
	wg.Wait()
	for i, st := range statuses {
		if st != 200 {
			t.Errorf("text %d: status %d", i, st)
		}
	}
}

// TestPhotoAfterReport: a photo sent after a report is added to it.
func TestPhotoAfterReport(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550413"
	e.reply(from, "Pothole at 1200 Main St")
	r := e.text(from, "", twiliotest.Media{URL: "https://media.example/ME7", ContentType: "image/jpeg"})
	if len(r.Texts) != 1 || !strings.Contains(r.Texts[0], "added") {
		t.Errorf("reply %q", r.Texts)
	}
	if c := e.onlyCase(from); len(c.Media) != 1 {
		t.Errorf("media %+v; want the photo on the case", c.Media)
	}
}

// TestEmergencyInAnswer: an emergency written while answering a question
// is filed at once with the call-911 reply.
func TestEmergencyInAnswer(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550414"
	e.reply(from, "There is a pothole")
	if q := e.reply(from, "wait now there is a gas leak and a fire"); !strings.Contains(q, "911") {
		t.Fatalf("reply %q; want call 911", q)
	}
	if c := e.onlyCase(from); !c.Emergency || !strings.Contains(c.Description, "gas leak") {
		t.Errorf("case emergency %v, %q", c.Emergency, c.Description)
	}
}
