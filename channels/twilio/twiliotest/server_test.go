package twiliotest_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/intake311/intake311/channels/twilio"
	"github.com/intake311/intake311/channels/twilio/twiliotest"
)

func post(t *testing.T, s *twiliotest.Server, user, pass string, form url.Values) int {
	t.Helper()
	req, _ := http.NewRequest("POST", s.URL+"/2010-04-01/Accounts/"+s.AccountSID()+"/Messages.json", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(user, pass)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

func TestServer(t *testing.T) {
	var seen []twiliotest.Message
	s := twiliotest.NewServer(twiliotest.Options{OnMessage: func(m twiliotest.Message) { seen = append(seen, m) }})
	defer s.Close()
	form := url.Values{"To": {"+15555550100"}, "From": {"+15555550311"}, "Body": {"hi"}, "StatusCallback": {"http://gw/cb?tracking=1234567890"}}
	s.FailNext(twiliotest.Failure{Status: 429, Code: 20429})
	tests := []struct {
		name       string
		user, pass string
		form       url.Values
		want       int
	}{
		{"WrongToken", s.AccountSID(), "nope", form, 401},
		{"Scripted", s.AccountSID(), s.AuthToken(), form, 429},
		{"Sent", s.AccountSID(), s.AuthToken(), form, 201},
		{"NoBody", s.AccountSID(), s.AuthToken(), url.Values{"To": {"+15555550100"}}, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := post(t, s, tt.user, tt.pass, tt.form); got != tt.want {
				t.Errorf("status %d, want %d", got, tt.want)
			}
		})
	}
	msgs := s.Messages()
	if len(msgs) != 1 || len(seen) != 1 || msgs[0].Body != "hi" || msgs[0].Query("tracking") != "1234567890" {
		t.Errorf("messages %+v, seen %+v", msgs, seen)
	}
}

// TestSign checks signatures against twilio-go's validator, through the
// channel's Verifier, for forms with and without repeated names.
func TestSign(t *testing.T) {
	const token, u = "f00dcafe", "https://311.example.gov/channels/twilio/sms?x=1"
	tests := []struct {
		name string
		form url.Values
	}{
		{"Plain", url.Values{"From": {"+15555550100"}, "Body": {"Tree down on Elm"}}},
		{"Repeated", url.Values{"MediaUrl": {"b", "a", "a"}, "Body": {"photos"}}},
		{"Empty", url.Values{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sig := twiliotest.Sign(token, u, tt.form)
			if !twilio.NewVerifier(token).Verify(u, []byte(tt.form.Encode()), sig) {
				t.Errorf("signature %q refused", sig)
			}
		})
	}
}
