package twilio

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels"
	"github.com/twilio/twilio-go/client"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// ErrOptedOut is the send error for a number that texted STOP.
var ErrOptedOut = errors.New("the resident opted out of texts")

// sendSMS texts a notification through the Messages API, cut to the
// segment cap, with a status callback for the delivery report.
func (c *Channel) sendSMS(ctx context.Context, n *cases.Notification) (string, error) {
	num, err := c.number(ctx, n.To)
	if err != nil {
		return "", err
	}
	if num.OptedOut {
		return "", channels.Permanent(fmt.Errorf("sms to %s: %w", n.To, ErrOptedOut))
	}
	params := &openapi.CreateMessageParams{}
	params.SetPathAccountSid(c.opts.AccountSID)
	params.SetTo(n.To).SetFrom(c.opts.From).SetBody(Fit(n.Text, c.opts.MaxSegments))
	params.SetStatusCallback(c.statusCallback(n))
	rt := &apiTransport{ctx: ctx, base: c.apiBase(), next: c.opts.HTTPClient.Transport}
	msg, err := c.api(rt).CreateMessage(params)
	if err != nil {
		return "", c.sendError(ctx, n, rt, "messages api", err)
	}
	if msg.Sid == nil {
		return "", errors.New("messages api: no sid in the answer")
	}
	return *msg.Sid, nil
}

// api returns a Twilio REST client whose requests go through rt.
func (c *Channel) api(rt *apiTransport) *openapi.ApiService {
	hc := &http.Client{Transport: rt, Timeout: c.opts.HTTPClient.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	cl := &client.Client{Credentials: client.NewCredentials(c.opts.AccountSID, c.opts.AuthToken), HTTPClient: hc}
	cl.SetAccountSid(c.opts.AccountSID)
	return openapi.NewApiServiceWithClient(cl)
}

func (c *Channel) apiBase() *url.URL {
	u, err := url.Parse(c.opts.APIBase)
	if err != nil || u.Host == "" {
		u, _ = url.Parse("https://api.twilio.com")
	}
	return u
}

// statusCallback is where Twilio reports delivery. The tracking number
// rides along for logs and the sandbox.
func (c *Channel) statusCallback(n *cases.Notification) string {
	u := c.opts.PublicURL + "/channels/twilio/sms/status"
	if n.Tracking != "" {
		u += "?tracking=" + url.QueryEscape(string(n.Tracking))
	}
	return u
}

// apiTransport sends the REST client's requests to the configured API
// base with the caller's context (the client takes none), and keeps the
// HTTP status and headers of the answer for error classification.
type apiTransport struct {
	ctx  context.Context
	base *url.URL
	next http.RoundTripper

	mu     sync.Mutex
	status int
	header http.Header
}

func (t *apiTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(t.ctx)
	out.URL.Scheme, out.URL.Host = t.base.Scheme, t.base.Host
	out.URL.Path = strings.TrimSuffix(t.base.Path, "/") + req.URL.Path
	out.Host = ""
	next := t.next
	if next == nil {
		next = http.DefaultTransport
	}
	res, err := next.RoundTrip(out)
	if err == nil {
		t.mu.Lock()
		t.status, t.header = res.StatusCode, res.Header.Clone()
		t.mu.Unlock()
	}
	return res, err
}

func (t *apiTransport) answer() (int, http.Header) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.status, t.header
}
