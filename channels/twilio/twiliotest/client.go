package twiliotest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Client sends webhooks to a gateway exactly as Twilio does: form posts
// signed with the account's auth token over the gateway's public URL.
type Client struct {
	// BaseURL is the gateway's public URL, such as http://127.0.0.1:8311.
	BaseURL   string
	AuthToken string
	// To is the city's number the texts are sent to.
	To string
	// HTTP sends the requests; nil is http.DefaultClient.
	HTTP *http.Client
}

// SMS is an inbound text.
type SMS struct {
	From  string
	Body  string
	Media []Media
	// SID is the MessageSid; "" draws a new one. Repeat a SID to act as
	// Twilio retrying a webhook.
	SID string
}

// Media is a photo or other attachment of an MMS.
type Media struct {
	URL         string
	ContentType string
}

// Reply is the gateway's answer to a webhook.
type Reply struct {
	Status int
	Body   string   // the TwiML, as sent
	Texts  []string // the bodies of its <Message> verbs
}

// SMS posts an inbound text to /channels/twilio/sms.
func (c *Client) SMS(ctx context.Context, m SMS) (*Reply, error) {
	if m.SID == "" {
		m.SID = c.NewSID("SM")
	}
	form := url.Values{"MessageSid": {m.SID}, "SmsSid": {m.SID}, "AccountSid": {"AC" + strings.Repeat("0", 32)},
		"From": {m.From}, "To": {c.To}, "Body": {m.Body}, "NumMedia": {strconv.Itoa(len(m.Media))},
		"NumSegments": {"1"}, "ApiVersion": {"2010-04-01"}}
	for i, md := range m.Media {
		form.Set("MediaUrl"+strconv.Itoa(i), md.URL)
		form.Set("MediaContentType"+strconv.Itoa(i), md.ContentType)
	}
	return c.Post(ctx, "/channels/twilio/sms", form)
}

// Status posts a delivery report for an outbound message to its status
// callback URL, as Twilio does when the carrier answers.
func (c *Client) Status(ctx context.Context, m Message, status string, errorCode int) (*Reply, error) {
	form := url.Values{"MessageSid": {m.SID}, "SmsSid": {m.SID}, "MessageStatus": {status}, "SmsStatus": {status},
		"From": {m.From}, "To": {m.To}, "ApiVersion": {"2010-04-01"}}
	if errorCode != 0 {
		form.Set("ErrorCode", strconv.Itoa(errorCode))
	}
	path := strings.TrimPrefix(m.StatusCallback, c.BaseURL)
	return c.Post(ctx, path, form)
}

// NewSID returns a new random id with Twilio's shape: a prefix and 32 hex
// digits.
func (c *Client) NewSID(prefix string) string {
	var b [16]byte
	rand.Read(b[:])
	return prefix + hex.EncodeToString(b[:])
}

// Post sends form to path (with its query) on the gateway, signed.
func (c *Client) Post(ctx context.Context, path string, form url.Values) (*Reply, error) {
	return c.post(ctx, path, form, Sign(c.AuthToken, c.BaseURL+path, form))
}

// PostSigned sends form with the given signature, such as a wrong one.
func (c *Client) PostSigned(ctx context.Context, path string, form url.Values, signature string) (*Reply, error) {
	return c.post(ctx, path, form, signature)
}

// post sends form to the gateway's path (or to an absolute URL).
func (c *Client) post(ctx context.Context, path string, form url.Values, signature string) (*Reply, error) {
	target := path
	if !strings.HasPrefix(path, "http") {
		target = c.BaseURL + path
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", signature)
	req.Header.Set("User-Agent", "TwilioProxy/1.1")
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	res, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	return &Reply{Status: res.StatusCode, Body: string(body), Texts: texts(body)}, nil
}

// texts returns the bodies of the <Message> verbs of a TwiML document.
func texts(body []byte) []string {
	var doc struct {
		Messages []struct {
			Text string `xml:",chardata"`
			Body string `xml:"Body"`
		} `xml:"Message"`
	}
	if xml.Unmarshal(body, &doc) != nil {
		return nil
	}
	var out []string
	for _, m := range doc.Messages {
		out = append(out, strings.TrimSpace(m.Text+m.Body))
	}
	return out
}
