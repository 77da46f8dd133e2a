package twilio

import (
	"net/url"
	"slices"
	"strings"

	"github.com/twilio/twilio-go/client"
)

// Verifier checks X-Twilio-Signature headers with an account's auth token.
type Verifier struct {
	rv client.RequestValidator
}

// NewVerifier returns a Verifier for authToken.
func NewVerifier(authToken string) *Verifier {
	return &Verifier{rv: client.NewRequestValidator(authToken)}
}

// Verify reports whether signature is Twilio's for a request to fullURL
// (the public URL with path and query, as Twilio called it) with body. A
// form body is signed parameter by parameter, a JSON body through the
// bodySHA256 query parameter. The URL is tried with and without its
// default port, as Twilio signs either.
func (v *Verifier) Verify(fullURL string, body []byte, signature string) bool {
	if signature == "" {
		return false
	}
	u, err := url.Parse(fullURL)
	if err != nil {
		return false
	}
	if u.Query().Has("bodySHA256") {
		return v.rv.ValidateBody(fullURL, body, signature)
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return false
	}
	return v.rv.Validate(fullURL, signedParams(form), signature)
}

// signedParams folds a form into the one value per key the validator
// takes. Twilio signs a repeated key once per distinct value, values
// sorted, so "k" with values a and b becomes "a" + "k" + "b": the
// validator's key+value concatenation then yields "ka" + "kb".
func signedParams(form url.Values) map[string]string {
	params := make(map[string]string, len(form))
	for k, vs := range form {
		vs = slices.Compact(slices.Sorted(slices.Values(vs)))
		params[k] = strings.Join(vs, k)
	}
	return params
}
