package twilio_test

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/intake311/intake311/channels/twilio"
)

// vector is one entry of Twilio's published signature test vectors.
type vector struct {
	ID          string            `json:"id"`
	AuthToken   string            `json:"auth_token"`
	URL         string            `json:"url"`
	Params      map[string]string `json:"params"`
	ParamsMulti [][2]string       `json:"params_multi"`
	Body        string            `json:"body"`
	Signature   string            `json:"expected_signature"`
	Valid       bool              `json:"valid"`
}

func (v vector) body() []byte {
	if v.Body != "" {
		return []byte(v.Body)
	}
	form := url.Values{}
	for k, val := range v.Params {
		form.Add(k, val)
	}
	for _, kv := range v.ParamsMulti {
		form.Add(kv[0], kv[1])
	}
	return []byte(form.Encode())
}

// TestVerifyVectors checks every vector in the shared evaluation data.
func TestVerifyVectors(t *testing.T) {
	t.Parallel()
	path := filepath.Join("..", "..", "..", "shared", "data", "twilio", "signature_test_vectors.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("no shared signature vectors (%v)", err)
	}
	var file struct {
		Vectors []vector `json:"vectors"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Vectors) == 0 {
		t.Fatal("no vectors in the file")
	}
	for _, v := range file.Vectors {
		t.Run(v.ID, func(t *testing.T) {
			got := twilio.NewVerifier(v.AuthToken).Verify(v.URL, v.body(), v.Signature)
			if got != v.Valid {
				t.Errorf("Verify = %v, want %v", got, v.Valid)
			}
		})
	}
}

// TestVerifyRefuses covers requests the vectors do not: a missing
// signature, another token, a changed parameter, a changed URL.
func TestVerifyRefuses(t *testing.T) {
	t.Parallel()
	const token, u = "s3cret", "https://311.example.gov/channels/twilio/sms"
	body := url.Values{"From": {"+15555550111"}, "Body": {"Pothole on Elm"}}
	sig := sign(token, u, body)
	tests := []struct {
		name, token, url, sig string
		body                  url.Values
		want                  bool
	}{
		{"Good", token, u, sig, body, true},
		{"GoodWithPort", token, "https://311.example.gov:443/channels/twilio/sms", sig, body, true},
		{"Missing", token, u, "", body, false},
		{"OtherToken", "other", u, sig, body, false},
		{"OtherURL", token, "https://evil.example/channels/twilio/sms", sig, body, false},
		{"ChangedBody", token, u, sig, url.Values{"From": {"+15555550111"}, "Body": {"Pothole on Oak"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := twilio.NewVerifier(tt.token).Verify(tt.url, []byte(tt.body.Encode()), tt.sig); got != tt.want {
				t.Errorf("Verify = %v, want %v", got, tt.want)
			}
		})
	}
}
