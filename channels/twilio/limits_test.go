package twilio_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/intake311/intake311/cases/sqlite"
	"github.com/intake311/intake311/channels/twilio"
	"github.com/intake311/intake311/channels/twilio/twiliotest"
)

// The replies the limit tests tell apart: a follow-up kept on the open
// case, the one "slow down" reply, and silence ("").
const (
	added   = "We added your message"
	tooMany = "many messages"
)

// firstReport is the text that opens the case the follow-ups go to.
const firstReport = "Pothole at 1200 Main St"

// followUps are texts about the open case: each one allowed gets the
// "added" reply, so allowed, warned and silenced texts differ.
var followUps = []string{
	"It got bigger after the rain", "Still not fixed", "It is getting deeper", "Any update please",
	"Nobody came yet", "Still waiting on this one", "Thank you for looking",
}

// newReplicas is n channels, each behind its own server as replicas
// behind a load balancer are, over one SQLite store.
func newReplicas(t *testing.T, n int, mods ...func(*twilio.Options)) []*env {
	t.Helper()
	store, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "cases.db"), sqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	envs := make([]*env, n)
	for i := range envs {
		envs[i] = buildEnv(t, store, mods...)
	}
	return envs
}

// clock is a settable clock for Options.Now.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)} }

// Now returns the clock's time.
func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Add moves the clock on by d.
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// want checks a reply: "" wants none, else a reply containing it.
func want(t *testing.T, what, got, sub string) {
	t.Helper()
	if sub == "" && got != "" || !strings.Contains(got, sub) {
		t.Errorf("%s: reply %q, want %q", what, got, sub)
	}
}

// TestRateLimitAcrossReplicas: texts from one number alternating between
// two replicas count together, whichever replica gets the text over the
// limit.
func TestRateLimitAcrossReplicas(t *testing.T) {
	t.Parallel()
	for _, first := range []int{0, 1} {
		t.Run(fmt.Sprintf("FirstOn%d", first), func(t *testing.T) {
			t.Parallel()
			rs := newReplicas(t, 2, func(o *twilio.Options) { o.RateLimit = 5 })
			const from = "+15555550601"
			on := func(i int) *env { return rs[(first+i)%2] }
			want(t, "text 1", on(0).reply(from, firstReport), "")
			for i := 1; i < 5; i++ {
				want(t, fmt.Sprintf("text %d", i+1), on(i).reply(from, followUps[i-1]), added)
			}
			want(t, "text 6", on(5).reply(from, followUps[4]), tooMany)
			want(t, "text 7", on(6).reply(from, followUps[5]), "")
			if c := rs[0].onlyCase(from); len(c.Messages) != 5 {
				t.Errorf("%d messages on the case, want the 5 allowed", len(c.Messages))
			}
		})
	}
}

// TestRateLimitSurvivesRestart: a new channel on the same store keeps the
// counts of the window; when the window ends the number may text again.
func TestRateLimitSurvivesRestart(t *testing.T) {
	t.Parallel()
	const window = 10 * time.Minute
	tests := []struct {
		name  string
		after time.Duration
		want  string
	}{
		{"InWindow", window - time.Second, ""},
		{"WindowOver", window, added},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clk := newClock()
			e := newEnv(t, func(o *twilio.Options) { o.RateLimit, o.RateWindow, o.Now = 2, window, clk.Now })
			const from = "+15555550602"
			want(t, "text 1", e.reply(from, firstReport), "")
			want(t, "text 2", e.reply(from, followUps[0]), added)
			e.restart()
			want(t, "text 3", e.reply(from, followUps[1]), tooMany)
			e.restart()
			want(t, "text 4", e.reply(from, followUps[2]), "")
			clk.Add(tt.after)
			e.restart()
			want(t, "text 5", e.reply(from, followUps[3]), tt.want)
		})
	}
}

// TestReplyLoopAcrossReplicas: an auto-responder's text arriving on either
// replica is cut at the third in a row; another text is answered again.
func TestReplyLoopAcrossReplicas(t *testing.T) {
	t.Parallel()
	rs := newReplicas(t, 2)
	const from = "+15555550603"
	const auto = "I am away from my phone and will reply later."
	rs[0].reply(from, firstReport)
	for i, sub := range []string{added, added, "", ""} {
		want(t, fmt.Sprintf("auto-reply %d", i+1), rs[(i+1)%2].reply(from, auto), sub)
	}
	want(t, "another text", rs[1].reply(from, followUps[0]), added)
}

// TestRetryCountedOnce: Twilio sending a text again, to the same replica
// or the other one, neither counts it again nor changes the answer it got.
func TestRetryCountedOnce(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		on   func(try int) int // the replica of each try
	}{
		{"SameReplica", func(int) int { return 0 }},
		{"OtherReplica", func(try int) int { return try % 2 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rs := newReplicas(t, 2, func(o *twilio.Options) { o.RateLimit = 2 })
			const from = "+15555550604"
			report := twiliotest.SMS{From: from, Body: firstReport, SID: rs[0].client.NewSID("SM")}
			for try := range 3 {
				want(t, fmt.Sprintf("report, try %d", try+1), sendSMS(t, rs[tt.on(try)], report), "")
			}
			want(t, "follow-up", rs[tt.on(1)].reply(from, followUps[0]), added)
			over := twiliotest.SMS{From: from, Body: followUps[1], SID: rs[0].client.NewSID("SM")}
			for try := range 2 {
				want(t, fmt.Sprintf("text over the limit, try %d", try+1), sendSMS(t, rs[tt.on(try)], over), tooMany)
			}
			want(t, "next text", rs[tt.on(0)].reply(from, followUps[2]), "")
		})
	}
}

// sendSMS sends m to e and returns the one text of the reply ("" for none).
func sendSMS(t *testing.T, e *env, m twiliotest.SMS) string {
	t.Helper()
	r, err := e.client.SMS(t.Context(), m)
	if err != nil || r.Status != 200 || len(r.Texts) > 1 {
		t.Fatalf("SMS %q: %v %+v", m.Body, err, r)
	}
	return strings.Join(r.Texts, "")
}

// TestCountsAtOnce: texts from one number arriving at once on both
// replicas are each counted exactly once.
func TestCountsAtOnce(t *testing.T) {
	t.Parallel()
	const n = 8
	tests := []struct {
		name       string
		limit      int
		wantCases  int
		wantWarned int
		wantNext   string
	}{
		{"AllAllowed", n, n, 0, tooMany},
		{"OverTheLimit", 3, 3, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rs := newReplicas(t, 2, func(o *twilio.Options) { o.RateLimit = tt.limit })
			const from = "+15555550605"
			replies := textAtOnce(t, rs, from, n)
			if warned := strings.Count(strings.Join(replies, "\n"), tooMany); warned != tt.wantWarned {
				t.Errorf("%d texts warned, want %d: %q", warned, tt.wantWarned, replies)
			}
			if got := len(rs[0].casesOf(from)); got != tt.wantCases {
				t.Errorf("%d cases, want one per allowed text: %d", got, tt.wantCases)
			}
			want(t, "next text", rs[1].reply(from, "Deep pothole in front of 999 Main St"), tt.wantNext)
		})
	}
}

// textAtOnce sends n reports of different places from one number at
// once, alternating between the replicas, and returns their replies.
func textAtOnce(t *testing.T, rs []*env, from string, n int) []string {
	t.Helper()
	replies := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			m := twiliotest.SMS{From: from, Body: fmt.Sprintf("Deep pothole in front of %d Main St", 100+i)}
			r, err := rs[i%len(rs)].client.SMS(t.Context(), m)
			switch {
			case err != nil:
				errs[i] = err
			case r.Status != 200:
				errs[i] = fmt.Errorf("status %d: %s", r.Status, r.Body)
			default:
				replies[i] = strings.Join(r.Texts, "")
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("text %d: %v", i, err)
		}
	}
	return replies
}
