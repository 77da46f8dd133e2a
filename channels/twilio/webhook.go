package twilio

import (
	"errors"
	"io"
	"net/http"
	"net/url"

	"github.com/twilio/twilio-go/twiml"
)

// maxWebhookBytes bounds a webhook body; Twilio's are a few kilobytes.
const maxWebhookBytes = 64 << 10

// verified reads a webhook's form and checks its signature against the
// public URL. A request that fails gets 403 and its form is not returned.
func (c *Channel) verified(w http.ResponseWriter, r *http.Request) (url.Values, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBytes))
	if err != nil {
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		return nil, false
	}
	if !c.verifier.Verify(c.opts.PublicURL+r.URL.RequestURI(), body, r.Header.Get("X-Twilio-Signature")) {
		http.Error(w, "invalid Twilio signature", http.StatusForbidden)
		return nil, false
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, "malformed form body", http.StatusBadRequest)
		return nil, false
	}
	return form, true
}

// writeTwiML answers a messaging webhook from to with text as one
// <Message>, or with an empty response when text is "".
func (c *Channel) writeTwiML(w http.ResponseWriter, to, text string) {
	var verbs []twiml.Element
	if text != "" {
		verbs = append(verbs, twiml.MessagingMessage{Body: text})
	}
	doc, err := twiml.Messages(verbs)
	if err != nil {
		http.Error(w, "twiml: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	io.WriteString(w, doc)
	if text != "" && c.opts.Replied != nil {
		c.opts.Replied(to, text, doc)
	}
}

// fail answers a webhook whose work failed: 503 when the store did not
// keep it, so Twilio's retry is not lost, else 500.
func (c *Channel) fail(w http.ResponseWriter, what string, err error) {
	c.opts.Logger.Error("twilio: "+what, "err", err)
	status := http.StatusInternalServerError
	if errors.Is(err, errStore) {
		status = http.StatusServiceUnavailable
	}
	http.Error(w, http.StatusText(status), status)
}
