package twilio_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels/twilio/twiliotest"
)

func TestReportWithLocation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550101"
	r := e.text(from, "Deep pothole in front of 1200 Main St")
	if len(r.Texts) != 0 {
		t.Errorf("reply %q; want none: the acknowledgement goes through the outbox", r.Texts)
	}
	c := e.onlyCase(from)
	if c.ServiceCode != "pothole" || c.Address != "1200 MAIN ST" || c.Channel != "sms" || len(c.Contacts) != 1 || !c.Contacts[0].Consent {
		t.Fatalf("case %+v", c)
	}
	e.drain()
	sent := e.sentTo(from)
	if len(sent) != 1 || !contains(sent[0].Body, c.Tracking.Spoken(), "Pothole") || sent[0].From != cityNumber {
		t.Fatalf("sent %+v; want the acknowledgement of %s", sent, c.Tracking)
	}
	if want := e.srv.URL + "/channels/twilio/sms/status?tracking=" + string(c.Tracking); sent[0].StatusCallback != want {
		t.Errorf("status callback %q, want %q", sent[0].StatusCallback, want)
	}
	if got := e.caseOf(c.Tracking).Messages; len(got) != 2 || got[1].ProviderID != sent[0].SID {
		t.Errorf("messages %+v; want the inbound text and the acknowledgement with its SID", got)
	}
}

func TestRetriedWebhookKeepsOneCase(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550102"
	m := twiliotest.SMS{From: from, Body: "Streetlight out at 300 Oak Ave", SID: e.client.NewSID("SM")}
	for range 3 {
		if r, err := e.client.SMS(t.Context(), m); err != nil || r.Status != 200 {
			t.Fatalf("SMS: %v %+v", err, r)
		}
	}
	if c := e.onlyCase(from); len(c.Messages) != 1 {
		t.Errorf("messages %+v; want the text once", c.Messages)
	}
}

func TestBadSignatureRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550103"
	form := url.Values{"MessageSid": {"SM1"}, "From": {from}, "To": {cityNumber}, "Body": {"Pothole at 1200 Main St"}}
	tests := []struct{ name, path, sig string }{
		{"Wrong", "/channels/twilio/sms", "bm90IGEgc2lnbmF0dXJl"},
		{"Missing", "/channels/twilio/sms", ""},
		{"OtherToken", "/channels/twilio/sms", sign("another-token", e.srv.URL+"/channels/twilio/sms", form)},
		{"OtherPath", "/channels/twilio/sms", sign(e.api.AuthToken(), e.srv.URL+"/channels/twilio/sms/status", form)},
		{"Status", "/channels/twilio/sms/status", "bm90IGEgc2lnbmF0dXJl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := e.client.PostSigned(t.Context(), tt.path, form, tt.sig)
			if err != nil || r.Status != http.StatusForbidden {
				t.Fatalf("status %v %v, want 403", r, err)
			}
		})
	}
	if cs := e.casesOf(from); len(cs) != 0 {
		t.Errorf("%d cases stored from refused requests", len(cs))
	}
}

// TestPublicURLNotHost signs for the configured public URL: the Host
// header a proxy passes on does not matter.
func TestPublicURLNotHost(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	form := url.Values{"MessageSid": {"SM2"}, "From": {"+15555550104"}, "To": {cityNumber}, "Body": {"Graffiti at 12 Elm St"}}
	sig := sign(e.api.AuthToken(), e.srv.URL+"/channels/twilio/sms", form)
	req, _ := http.NewRequest("POST", e.srv.URL+"/channels/twilio/sms", stringsReader(form.Encode()))
	req.Host = "internal.proxy.local:8080"
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", sig)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("status %d, want 200", res.StatusCode)
	}
}

func TestMMSKeepsEveryPhoto(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const from = "+15555550105"
	photos := []twiliotest.Media{
		{URL: "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1", ContentType: "image/jpeg"},
		{URL: "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2", ContentType: "image/png"},
		{URL: "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME3", ContentType: "image/heic"},
	}
	e.text(from, "Illegal dumping behind 450 Pine St, see photos", photos...)
	c := e.onlyCase(from)
	if len(c.Media) != 3 {
		t.Fatalf("media %+v, want 3", c.Media)
	}
	for i, m := range c.Media {
		if m.URL != photos[i].URL || m.ContentType != photos[i].ContentType {
			t.Errorf("media %d = %+v, want %+v", i, m, photos[i])
		}
	}
}

func TestStatusCallback(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, status string
		code         int
		wantError    string
	}{
		{"Delivered", cases.DeliveryDelivered, 0, ""},
		{"Undelivered", cases.DeliveryUndelivered, 30003, "twilio error 30003"},
		{"Failed", cases.DeliveryFailed, 30006, "twilio error 30006"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			const from = "+15555550106"
			e.text(from, "Pothole at 1200 Main St")
			e.drain()
			sent := e.sentTo(from)
			if len(sent) != 1 {
				t.Fatalf("sent %+v", sent)
			}
			r, err := e.client.Status(t.Context(), sent[0], tt.status, tt.code)
			if err != nil || r.Status != http.StatusNoContent {
				t.Fatalf("status callback: %v %+v", err, r)
			}
			m := e.onlyCase(from).Messages[1]
			if m.DeliveryStatus != tt.status || m.Error != tt.wantError {
				t.Errorf("message %+v; want %s %q", m, tt.status, tt.wantError)
			}
		})
	}
}
