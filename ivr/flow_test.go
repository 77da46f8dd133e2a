package ivr_test

import (
	"context"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/ivr"
)

// badCheckDigit changes the last digit of a tracking number.
func badCheckDigit(tn cases.TrackingNumber) string {
	s := []byte(tn)
	s[len(s)-1] = '0' + (s[len(s)-1]-'0'+1)%10
	return string(s)
}

func TestCheckStatus(t *testing.T) {
	c := newCity(t, ivr.Demo())
	ctx := context.Background()
	cs, _, err := c.intake.Submit(ctx, cases.Report{Channel: "sms", ExternalID: "SM1", Text: "the street light on my corner is out", Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	wf := &cases.Workflow{Store: c.store, Templates: c.intake.Templates}
	if _, err := wf.ChangeStatus(ctx, cs.Tracking, cases.StatusChange{Status: cases.StatusInProgress, Note: "A crew is on the way."}); err != nil {
		t.Fatal(err)
	}
	if _, err := wf.AddNote(ctx, cs.Tracking, cases.Note{Text: "for staff only"}); err != nil {
		t.Fatal(err)
	}
	number := string(cs.Tracking)
	steps := c.call(t, "CA-status", "+15555550123", welcome, []turn{
		{in: press("1"), hear: []string{"How can we help"}},
		{in: press("2"), hear: []string{"request number on the keypad", "pound"}},
		{in: press(badCheckDigit(cs.Tracking)), hear: []string{"doesn't look right", "request number on the keypad"}},
		{in: press("123"), hear: []string{"doesn't look right"}},
		{in: press(number), hear: []string{"is being worked on", "The latest note says: A crew is on the way.", "check another request"}},
		{in: press("*"), hear: []string{"is being worked on"}},
		{in: press("2"), hear: []string{"How can we help"}},
	})
	if s := spoken(steps[5]); contains(s, "for staff only") {
		t.Errorf("an internal note was read out: %q", s)
	}
	if g := steps[2].Gather; g == nil || g.FinishOnKey != "#" || !g.DTMF || g.Speech {
		t.Errorf("the number is not asked for on the keypad ending with #: %+v", g)
	}
}

func TestUnknownNumberThenAgent(t *testing.T) {
	c := newCity(t, ivr.Demo())
	unknown := "1234567894" // a valid check digit, no such case
	c.call(t, "CA-unknown", "", welcome, []turn{
		{in: press("1")},
		{in: press("2")},
		{in: press(unknown), hear: []string{"couldn't find a request with the number 1 2 3, 4 5 6, 7 8 9 4"}},
		{in: press("12"), hear: []string{"doesn't look right"}},
		{in: press(unknown), hear: []string{"Please hold"}, then: "dial"},
	})
}

func TestRetriesFallToAgent(t *testing.T) {
	for _, tc := range []struct {
		name  string
		turns []turn
	}{
		{"silence at the welcome", []turn{
			{in: silence, hear: []string{"didn't hear anything", "For English, press 1"}},
			{in: silence, hear: []string{"didn't hear anything"}},
			{in: silence, hear: []string{"connect you"}, then: "dial"},
		}},
		{"wrong keys in the main menu", []turn{
			{in: press("1")},
			{in: press("7"), hear: []string{"didn't catch that", "report a problem"}},
			{in: speak("pizza"), hear: []string{"didn't catch that"}},
			{in: press("#"), hear: []string{"connect you"}, then: "dial"},
		}},
		{"a mix, in Spanish", []turn{
			{in: press("2")},
			{in: silence, hear: []string{"no le escuché", "reportar un problema"}},
			{in: speak("quiero pagar una multa"), hear: []string{"no le entendí"}},
			{in: silence, hear: []string{"Le comunico con una persona"}, then: "dial"},
		}},
		{"silence while describing a problem", []turn{
			{in: press("1")},
			{in: press("1")},
			{in: silence, hear: []string{"didn't hear anything", "what the problem is"}},
			{in: silence},
			{in: silence, then: "dial"},
		}},
		{"asking for a person by voice", []turn{
			{in: press("1")},
			{in: press("1")},
			{in: speak("Operator."), hear: []string{"connect you"}, then: "dial"},
		}},
		{"a correct answer starts the count again", []turn{
			{in: press("1")},
			{in: press("7")},
			{in: press("7")},
			{in: press("3"), hear: []string{"City information"}},
			{in: press("7")},
			{in: press("7"), hear: []string{"didn't catch that"}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			newCity(t, ivr.Demo()).call(t, "CA-retry", "+15555550123", welcome, tc.turns)
		})
	}
}

func TestLanguage(t *testing.T) {
	for _, tc := range []struct {
		name  string
		turns []turn
	}{
		{"Spanish by key, then English from the main menu", []turn{
			{in: press("2"), hear: []string{"[es] ¿En qué le podemos ayudar?", "[en] For English, press 8"}},
			{in: press("8"), hear: []string{"[en] How can we help you today?", "[es] Para español, oprima el 8"}},
			{in: press("3"), hear: []string{"[en] City information"}},
		}},
		{"Spanish by voice", []turn{
			{in: speak("Español"), hear: []string{"[es] ¿En qué le podemos ayudar?"}},
			{in: press("3"), hear: []string{"[es] Información de la ciudad"}},
		}},
		{"English by voice", []turn{
			{in: speak("English please"), hear: []string{"[en] How can we help"}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			newCity(t, ivr.Demo()).call(t, "CA-lang", "", welcome, tc.turns)
		})
	}
}

func TestNavigation(t *testing.T) {
	for _, tc := range []struct {
		name  string
		turns []turn
	}{
		{"information, repeat and back", []turn{
			{in: press("1")},
			{in: press("3"), hear: []string{"City information", "City Hall hours, press 1", "To go back, press 9"}},
			{in: press("2"), hear: []string{"picked up once a week", "City Hall hours, press 1"}},
			{in: press("*"), hear: []string{"City information", "City Hall hours"}},
			{in: speak("repeat"), hear: []string{"City information"}},
			{in: press("9"), hear: []string{"How can we help"}},
			{in: press("9"), hear: []string{"didn't catch that"}},
		}},
		{"repeat inside a dialogue asks the same question", []turn{
			{in: press("1")},
			{in: press("1"), hear: []string{"what the problem is"}},
			{in: press("*"), hear: []string{"what the problem is"}},
			{in: speak("the street light is out"), hear: []string{"about Street light out"}},
			{in: press("*"), hear: []string{"about Street light out"}},
		}},
		{"the agent from a submenu", []turn{
			{in: press("1")},
			{in: press("3")},
			{in: press("0"), hear: []string{"connect you"}, then: "dial"},
			{in: silence, hear: []string{"Goodbye"}, then: "hangup"},
		}},
		{"an emergency is told to call 911", []turn{
			{in: press("1")},
			{in: press("1")},
			{in: speak("someone is hurt and bleeding there's a fire"), hear: []string{"call 911 now", "Which of these fits best"}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			newCity(t, ivr.Demo()).call(t, "CA-nav", "", welcome, tc.turns)
		})
	}
}

// TestStateSurvivesRestart moves a call between two engines on the same
// store halfway through, as after a restart or on another replica.
func TestStateSurvivesRestart(t *testing.T) {
	c := newCity(t, ivr.Demo())
	ctx := context.Background()
	if _, err := c.ivr.Start(ctx, "CA-move", "+15555550123"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ivr.Next(ctx, "CA-move", press("2")); err != nil {
		t.Fatal(err)
	}
	other, err := ivr.New(ivr.Demo(), ivr.Options{Store: c.store, Intake: c.intake})
	if err != nil {
		t.Fatal(err)
	}
	step, err := other.Next(ctx, "CA-move", press("3"))
	if err != nil || !contains(spoken(step), "[es] Información de la ciudad") {
		t.Fatalf("on the other engine: %q, %v", spoken(step), err)
	}
	if err := other.End(ctx, "CA-move"); err != nil {
		t.Fatal(err)
	}
	step, err = c.ivr.Next(ctx, "CA-move", press("3"))
	if err != nil || !contains(spoken(step), "Thank you for calling") {
		t.Fatalf("an ended call does not start over: %q, %v", spoken(step), err)
	}
}

func TestRecordAMessage(t *testing.T) {
	menu, err := ivr.Parse("message.yaml", readFile(t, "message.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	c := newCity(t, menu)
	steps := c.call(t, "CA-message", "+15555550123", []string{"office is closed", "leave a message for the city, press 1", "press star"}, []turn{
		{in: speak("I'd like to leave a message"), hear: []string{"leave your message after the tone"}},
		{in: ivr.Input{RecordingURL: "https://recordings.example/RE1"}, hear: []string{"For a phone call, press 1"}},
		{in: press("1"), hear: []string{"Your request number is"}},
		{in: silence, hear: []string{"We will be in touch"}, then: "hangup"},
	})
	if r := steps[1].Record; r == nil || r.FinishOnKey != "#" || r.MaxLength <= 0 {
		t.Fatalf("the message is not recorded: %+v", steps[1])
	}
	cs, err := c.store.CaseByExternalID(context.Background(), "voice", "CA-message")
	if err != nil {
		t.Fatal(err)
	}
	cs, err = c.store.Case(context.Background(), cs.Tracking)
	if err != nil {
		t.Fatal(err)
	}
	checkCase(t, cs, "general", "", "en", "voice", true)
	if cs.Description != "Voice message left by phone." {
		t.Errorf("description %q", cs.Description)
	}
}

func TestHangUpAndNoMessage(t *testing.T) {
	menu, err := ivr.Parse("message.yaml", readFile(t, "message.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		turns []turn
	}{
		{"hang up", []turn{{in: press("2"), hear: []string{"We will be in touch"}, then: "hangup"}}},
		{"nothing recorded", []turn{
			{in: press("1")},
			{in: silence, hear: []string{"didn't hear anything", "after the tone"}},
			{in: silence, hear: []string{"connect you"}, then: "dial"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			newCity(t, menu).call(t, "CA-closed", "", []string{"office is closed"}, tc.turns)
		})
	}
}

func TestNewChecks(t *testing.T) {
	c := newCity(t, ivr.Demo())
	menu, err := ivr.Parse("message.yaml", readFile(t, "message.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		menu *ivr.Menu
		opts ivr.Options
	}{
		{"no menu", nil, ivr.Options{Store: c.store, Intake: c.intake}},
		{"no store", menu, ivr.Options{Intake: c.intake}},
		{"no intake", menu, ivr.Options{Store: c.store}},
		{"a service not in the catalogue", menu, ivr.Options{Store: c.store, Intake: c.intake, Services: []string{"pothole", "streetlight"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if e, err := ivr.New(tc.menu, tc.opts); err == nil {
				t.Fatalf("New = %v, want an error", e)
			}
		})
	}
}

// TestStoreDown checks that a turn the store cannot serve still gets a
// step fit to play: an apology and a person.
func TestStoreDown(t *testing.T) {
	c := newCity(t, ivr.Demo())
	ctx := context.Background()
	if _, err := c.ivr.Start(ctx, "CA-down", "+15555550123"); err != nil {
		t.Fatal(err)
	}
	c.store.Close()
	step, err := c.ivr.Next(ctx, "CA-down", press("1"))
	if err == nil {
		t.Fatal("no error from a closed store")
	}
	if s := spoken(step); step.Dial != agentNumber || !contains(s, "something went wrong") || !contains(s, "connect you") {
		t.Fatalf("the step after a failure: %q, dial %q", s, step.Dial)
	}
}

// TestTwoReportsInOneCall files two cases on one call: each is its own.
func TestTwoReportsInOneCall(t *testing.T) {
	c := newCity(t, ivr.Demo())
	report := []turn{
		{in: press("1"), hear: []string{"what the problem is"}},
		{in: speak("The street light is out at 200 Main Street")},
		{in: press("1")},
		{in: press("1")},
		{in: press("2")},
		{in: press("1"), hear: []string{"Your request number is"}},
	}
	turns := append([]turn{{in: press("1")}}, report...)
	turns = append(turns, turn{in: press("1"), hear: []string{"How can we help"}})
	turns = append(turns, report...)
	c.call(t, "CA-twice", "+15555550123", welcome, turns)
	ctx := context.Background()
	first, err := c.store.CaseByExternalID(ctx, "voice", "CA-twice")
	if err != nil {
		t.Fatal(err)
	}
	second, err := c.store.CaseByExternalID(ctx, "voice", "CA-twice/2")
	if err != nil {
		t.Fatal(err)
	}
	if first.Tracking == second.Tracking {
		t.Fatalf("both reports are case %s", first.Tracking)
	}
}

// TestStateThisMenuCannotContinue starts a call over when its stored
// state names a question without the report it belongs to, or a node the
// menu no longer has.
func TestStateThisMenuCannotContinue(t *testing.T) {
	c := newCity(t, ivr.Demo())
	ctx := context.Background()
	for i, state := range []string{
		`{"lang":"es","node":"main","stage":"report.updates"}`,
		`{"lang":"en","node":"gone","stage":"menu"}`,
		`{"lang":"en","node":"main","stage":"no.such.question"}`,
	} {
		id := "CA-stale-" + itoa(i)
		if _, err := c.store.PutState(ctx, ivr.StateScope, id, []byte(state), 0, time.Hour); err != nil {
			t.Fatal(err)
		}
		step, err := c.ivr.Next(ctx, id, press("2"))
		if err != nil || !contains(spoken(step), "Thank you for calling") {
			t.Errorf("%s: %q, %v", state, spoken(step), err)
		}
	}
}
