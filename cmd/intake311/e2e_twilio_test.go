package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/intake311/intake311/channels/twilio/twiliotest"
)

// smsCase is the part of a case the texting tests read.
type smsCase struct {
	caseJSON
	ServiceCode string `json:"service_code"`
	Address     string `json:"address"`
	Media       []struct {
		URL         string `json:"url"`
		ContentType string `json:"content_type"`
	} `json:"media"`
}

// texter drives the sandbox as residents texting the city's number.
type texter struct {
	*server
	client *twiliotest.Client
}

func newTexter(t *testing.T) *texter {
	s := startServer(t, t.TempDir())
	var peers twilioPeer
	s.get("/sandbox/peers", &peers)
	if peers.Twilio == nil || peers.Twilio.AuthToken == "" || peers.Twilio.APIBase == "" {
		t.Fatalf("no twilio in /sandbox/peers: %+v", peers)
	}
	return &texter{s, &twiliotest.Client{BaseURL: s.base, AuthToken: peers.Twilio.AuthToken, To: peers.Twilio.From}}
}

// text sends a text from a number and returns the texts of the reply.
func (x *texter) text(from, body string, media ...twiliotest.Media) []string {
	x.t.Helper()
	r, err := x.client.SMS(context.Background(), twiliotest.SMS{From: from, Body: body, Media: media})
	if err != nil || r.Status != http.StatusOK {
		x.t.Fatalf("text %q: %v %+v\n%s", body, err, r, x.logs)
	}
	return r.Texts
}

// casesOf lists the tracking numbers of a number's cases.
func (x *texter) casesOf(from string) []string {
	var page struct {
		Cases []caseJSON `json:"cases"`
	}
	x.get("/api/v1/cases?contact_channel=sms&contact_address="+url.QueryEscape(from), &page)
	var out []string
	for _, c := range page.Cases {
		out = append(out, c.Tracking)
	}
	return out
}

// onlyCase returns the one case of a number, with its details.
func (x *texter) onlyCase(from string) smsCase {
	x.t.Helper()
	tns := x.casesOf(from)
	if len(tns) != 1 {
		x.t.Fatalf("%s has cases %v, want one", from, tns)
	}
	var c smsCase
	x.get("/api/v1/cases/"+tns[0], &c)
	return c
}

// textsTo returns the texts the Twilio stand-in accepted for a number.
func (x *texter) textsTo(to string) []outboxEntry {
	var all, out []outboxEntry
	x.get("/sandbox/outbox", &all)
	for _, e := range all {
		if e.Channel == "sms" && e.To == to && e.Tracking != "" {
			out = append(out, e)
		}
	}
	return out
}

// waitTexts waits until a number was sent n texts and returns them.
func (x *texter) waitTexts(to string, n int) []outboxEntry {
	var got []outboxEntry
	eventually(x.t, fmt.Sprintf("%d texts to %s", n, to), func() string {
		if got = x.textsTo(to); len(got) != n {
			return fmt.Sprintf("texts %+v", got)
		}
		return ""
	})
	return got
}

func (x *texter) setStatus(tn, status string) {
	x.t.Helper()
	if code := x.call("POST", "/api/v1/cases/"+tn+"/status", `{"status": "`+status+`", "note": "A crew is on the way."}`, nil); code != 200 {
		x.t.Fatalf("status %s: %d", status, code)
	}
}

func TestTwilioSMSEndToEnd(t *testing.T) {
	x := newTexter(t)
	t.Run("ReportWithLocation", func(t *testing.T) {
		const from = "+15555550201"
		if reply := x.text(from, "Deep pothole in front of 1200 Main St"); len(reply) != 0 {
			t.Errorf("reply %q, want none before the acknowledgement", reply)
		}
		c := x.onlyCase(from)
		if c.ServiceCode != "pothole" || c.Address == "" {
			t.Errorf("case %+v", c)
		}
		ack := x.waitTexts(from, 1)[0]
		if ack.Tracking != c.Tracking || !strings.Contains(ack.Text, c.Tracking[:3]+"-") {
			t.Errorf("acknowledgement %+v does not give the tracking number %s", ack, c.Tracking)
		}
		x.setStatus(c.Tracking, "in_progress")
		if update := x.waitTexts(from, 2)[1]; !strings.Contains(update.Text, "crew is on the way") {
			t.Errorf("status text %+v", update)
		}
		eventually(t, "delivery reports on the case", func() string {
			var k struct {
				Messages []struct {
					Direction      string `json:"direction"`
					DeliveryStatus string `json:"delivery_status"`
				} `json:"messages"`
			}
			x.get("/api/v1/cases/"+c.Tracking, &k)
			for _, m := range k.Messages {
				if m.Direction == "out" && m.DeliveryStatus != "delivered" {
					return fmt.Sprintf("messages %+v", k.Messages)
				}
			}
			return ""
		})
	})
	t.Run("BadSignature", func(t *testing.T) {
		const from = "+15555550202"
		form := url.Values{"MessageSid": {x.client.NewSID("SM")}, "From": {from}, "To": {x.client.To}, "Body": {"Pothole at 1200 Main St"}}
		r, err := x.client.PostSigned(context.Background(), "/channels/twilio/sms", form, twiliotest.Sign("not-the-token", x.base+"/channels/twilio/sms", form))
		if err != nil || r.Status != http.StatusForbidden {
			t.Fatalf("forged text: %v %+v, want 403", err, r)
		}
		if tns := x.casesOf(from); len(tns) != 0 {
			t.Errorf("a forged text made cases %v", tns)
		}
	})
	t.Run("MMSWithThreePhotos", func(t *testing.T) {
		const from = "+15555550203"
		var photos []twiliotest.Media
		for i := range 3 {
			photos = append(photos, twiliotest.Media{URL: fmt.Sprintf("https://media.example/MM1/ME%d", i), ContentType: "image/jpeg"})
		}
		x.text(from, "Someone dumped tires behind 450 Pine St", photos...)
		if c := x.onlyCase(from); len(c.Media) != 3 || c.Media[2].URL != photos[2].URL {
			t.Errorf("media %+v, want the 3 photos", c.Media)
		}
	})
	t.Run("NoLocation", func(t *testing.T) {
		const from = "+15555550204"
		q := x.text(from, "There is a big pothole")
		if len(q) != 1 || !strings.Contains(q[0], "address") {
			t.Fatalf("reply %q, want a question for the address", q)
		}
		if tns := x.casesOf(from); len(tns) != 0 {
			t.Fatalf("a case %v before the answer", tns)
		}
		x.text(from, "Oak Ave and 3rd St")
		if c := x.onlyCase(from); c.ServiceCode != "pothole" || !strings.Contains(c.Address, "OAK") {
			t.Errorf("case %+v", c)
		}
		x.waitTexts(from, 1)
	})
	t.Run("Status", func(t *testing.T) {
		const from = "+15555550201"
		c := x.onlyCase(from)
		reply := x.text(from, "status")
		if len(reply) != 1 || !strings.Contains(reply[0], c.Tracking[:3]+"-") {
			t.Errorf("STATUS reply %q does not name %s", reply, c.Tracking)
		}
	})
	t.Run("StopThenStatusChange", func(t *testing.T) {
		const from = "+15555550205"
		x.text(from, "Streetlight out at 300 Oak Ave")
		c := x.onlyCase(from)
		x.waitTexts(from, 1)
		if reply := x.text(from, "STOP"); len(reply) != 1 || !strings.Contains(reply[0], "START") {
			t.Errorf("STOP reply %q", reply)
		}
		x.setStatus(c.Tracking, "in_progress")
		// A later change to another resident's case shows the outbox has
		// moved past this one.
		x.setStatus(x.onlyCase("+15555550204").Tracking, "in_progress")
		x.waitTexts("+15555550204", 2)
		if got := x.textsTo(from); len(got) != 1 {
			t.Errorf("texts after STOP: %+v", got)
		}
		var after smsCase
		x.get("/api/v1/cases/"+c.Tracking, &after)
		if !slices.ContainsFunc(after.History, func(h struct {
			Status string `json:"status"`
		}) bool {
			return h.Status == "in_progress"
		}) {
			t.Errorf("history %+v", after.History)
		}
	})
}

// TestSimSMS runs `intake311 sim sms` against the sandbox.
func TestSimSMS(t *testing.T) {
	x := newTexter(t)
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"Report", []string{"--from", "+15555550301", "Graffiti on the wall at 50 Birch St"}, []string{"reply (HTTP 200)", "<Response/>", "text to +15555550301", "Graffiti"}},
		{"Question", []string{"--from", "+15555550302", "--media", "https://media.example/ME1,image/png", "There is a pothole"}, []string{"<Message>", "address"}},
		{"Help", []string{"--from", "+15555550303", "AYUDA"}, []string{"911"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb strings.Builder
			env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, LookupEnv: func(string) (string, bool) { return "", false }}
			args := append([]string{"sim", "sms", "--url", x.base, "--wait", "20s"}, tt.args...)
			if code := Main(t.Context(), args, env); code != 0 {
				t.Fatalf("exit %d\n%s%s", code, out.String(), errb.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
		})
	}
}

// simCallOut runs `intake311 sim call` with a script and returns what the
// caller heard.
func (x *texter) simCallOut(from, script string) string {
	x.t.Helper()
	var out, errb strings.Builder
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, LookupEnv: func(string) (string, bool) { return "", false }}
	if code := Main(context.Background(), []string{"sim", "call", "--url", x.base, "--from", from, "--input", script}, env); code != 0 {
		x.t.Fatalf("sim call: exit %d\n%s%s", code, out.String(), errb.String())
	}
	return out.String()
}

// callsTo returns the calls the Twilio stand-in placed to a number.
func (x *texter) callsTo(to string) []outboxEntry {
	var all, out []outboxEntry
	x.get("/sandbox/outbox", &all)
	for _, e := range all {
		if e.Channel == "voice" && e.To == to {
			out = append(out, e)
		}
	}
	return out
}

func TestTwilioVoiceEndToEnd(t *testing.T) {
	x := newTexter(t)
	const caller = "+15555550801"
	heard := x.simCallOut(caller, "1,1,say: there is a pothole in front of 200 Main Street,1,say: yes,2,1,2")
	if !strings.Contains(heard, "Your request number is") || !strings.Contains(heard, "[call over]") {
		t.Fatalf("the call did not end with a request number:\n%s", heard)
	}
	var page struct {
		Cases []smsCase `json:"cases"`
	}
	x.get("/api/v1/cases?contact_channel=voice&contact_address="+url.QueryEscape(caller), &page)
	if len(page.Cases) != 1 || page.Cases[0].ServiceCode != "pothole" {
		t.Fatalf("voice cases %+v", page.Cases)
	}
	tn := page.Cases[0].Tracking
	eventually(t, "the acknowledgement call", func() string {
		if calls := x.callsTo(caller); len(calls) != 1 || calls[0].Tracking != tn {
			return fmt.Sprintf("calls %+v", calls)
		}
		return ""
	})
	x.setStatus(tn, "in_progress")
	eventually(t, "the status call", func() string {
		if calls := x.callsTo(caller); len(calls) != 2 || !strings.Contains(calls[1].Text, "crew is on the way") {
			return fmt.Sprintf("calls %+v", calls)
		}
		return ""
	})
	status := x.simCallOut("+15555550802", "1,2,"+tn+"#,2")
	if !strings.Contains(status, "A crew is on the way.") {
		t.Errorf("the status call did not read the latest note:\n%s", status)
	}
	// A caller who hangs up in the middle of the menu is counted; one
	// who hears goodbye is not.
	before := x.abandonedCalls()
	x.simCallOut("+15555550803", "1")
	x.simCallOut("+15555550804", "1,1,say: there is a pothole in front of 200 Main Street,1,say: yes,2,1,2")
	if got := x.abandonedCalls(); got != before+1 {
		t.Errorf("abandoned calls went from %d to %d, want one more", before, got)
	}
}

// abandonedCalls reads the abandoned calls counter from /metrics.
func (x *texter) abandonedCalls() int {
	x.t.Helper()
	res, err := http.Get(x.base + "/metrics")
	if err != nil {
		x.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	for _, l := range strings.Split(string(body), "\n") {
		if v, ok := strings.CutPrefix(l, "intake311_calls_abandoned_total "); ok {
			var n int
			fmt.Sscan(v, &n)
			return n
		}
	}
	x.t.Fatalf("no intake311_calls_abandoned_total in /metrics")
	return 0
}

// TestSimCallReadsStdin answers the menu from stdin, line by line, and
// hangs up at the end of input.
func TestSimCallReadsStdin(t *testing.T) {
	x := newTexter(t)
	var out, errb strings.Builder
	env := &Env{Stdin: strings.NewReader("2\n\n"), Stdout: &out, Stderr: &errb, LookupEnv: func(string) (string, bool) { return "", false }}
	if code := Main(t.Context(), []string{"sim", "call", "--url", x.base, "--from", "+15555550805"}, env); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errb.String())
	}
	for _, want := range []string{"For English, press 1", "¿En qué le podemos ayudar?", "[call over]"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
