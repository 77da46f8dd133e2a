package config_test

import (
	"strings"
	"testing"

	"github.com/intake311/intake311/config"
)

func TestTwilioDefaults(t *testing.T) {
	c, err := config.Parse("city.yaml", []byte("city: {name: Springfield}\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	tw := c.Channels.Twilio
	if tw.Enabled() || tw.APIBase != "https://api.twilio.com" || tw.SMS.MaxSegments != 4 || tw.SMS.IdleTimeout.Minutes() != 30 || len(tw.SMS.Choices) == 0 {
		t.Errorf("defaults %+v", tw)
	}
}

func TestTwilioChecks(t *testing.T) {
	env := map[string]string{"TOKEN": "abc123"}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	tests := []struct {
		name, yaml, want string
	}{
		{"Good", "channels:\n  twilio:\n    account_sid: AC1\n    auth_token: ${TOKEN}\n    from: \"+13125550100\"\n", ""},
		{"NoToken", "channels:\n  twilio:\n    account_sid: AC1\n    from: \"+13125550100\"\n", "channels.twilio.auth_token: texting needs"},
		{"BadFrom", "channels:\n  twilio:\n    account_sid: AC1\n    auth_token: x\n    from: 555-0100\n", "city.yaml:6:5: channels.twilio.from"},
		{"BadBase", "channels:\n  twilio:\n    api_base: api.twilio.com\n", "channels.twilio.api_base"},
		{"ZeroSegments", "channels:\n  twilio:\n    sms: {max_segments: 0}\n", "channels.twilio.sms.max_segments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Parse("city.yaml", []byte("city: {name: Springfield}\n"+tt.yaml), lookup)
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("Parse = %v; want %q", err, tt.want)
			}
		})
	}
}
