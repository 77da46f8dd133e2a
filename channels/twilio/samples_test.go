package twilio

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSharedSamples reads the webhook bodies of the shared evaluation data
// in place: every one verifies with its signature, and the message
// webhooks decode into a text with its media.
func TestSharedSamples(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "twilio")
	raw, err := os.ReadFile(filepath.Join(dir, "samples", "_index.json"))
	if err != nil {
		t.Skipf("no shared webhook samples (%v)", err)
	}
	var index struct {
		Samples []struct {
			File, Kind, URL string
			AuthToken       string `json:"auth_token"`
			Signature       string `json:"x_twilio_signature"`
		}
	}
	if err := json.Unmarshal(raw, &index); err != nil {
		t.Fatal(err)
	}
	for _, s := range index.Samples {
		t.Run(filepath.Base(s.File), func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join(dir, s.File))
			if err != nil {
				t.Fatal(err)
			}
			body = []byte(strings.TrimSpace(string(body)))
			if !NewVerifier(s.AuthToken).Verify(s.URL, body, s.Signature) {
				t.Errorf("signature refused")
			}
			if strings.HasPrefix(s.Kind, "incoming SMS") || strings.HasPrefix(s.Kind, "incoming MMS") {
				checkText(t, body)
			}
		})
	}
}

func checkText(t *testing.T, body []byte) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		t.Fatal(err)
	}
	txt, err := parseText(form)
	if err != nil || txt.From == "" || txt.Body == "" || txt.SID == "" {
		t.Fatalf("parseText = %+v, %v", txt, err)
	}
	if n := form.Get("NumMedia"); n != "0" && (len(txt.Media) != 1 || txt.Media[0].ContentType == "") {
		t.Errorf("media %+v for NumMedia %s", txt.Media, n)
	}
}
