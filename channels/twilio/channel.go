package twilio

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels"
)

// Channel is Twilio for intake311: it serves Twilio's webhooks under
// /channels/twilio/ and sends notifications addressed to the "sms"
// channel. Register both Channel and Channel.SMS() in a channels.Set.
type Channel struct {
	opts     Options
	verifier *Verifier
	limits   *limiter
	mux      *http.ServeMux
}

var (
	_ channels.Webhook = (*Channel)(nil)
	_ channels.Channel = smsChannel{}
)

// New checks opts and returns a Channel.
func New(opts Options) (*Channel, error) {
	if err := checkOptions(&opts); err != nil {
		return nil, err
	}
	opts.defaults()
	c := &Channel{opts: opts, verifier: NewVerifier(opts.AuthToken),
		limits: newLimiter(opts.RateLimit, opts.RateWindow)}
	c.mux = http.NewServeMux()
	c.mux.HandleFunc("POST /channels/twilio/sms", c.serveSMS)
	c.mux.HandleFunc("POST /channels/twilio/sms/status", c.serveStatus)
	return c, nil
}

func checkOptions(o *Options) error {
	var missing []string
	for name, v := range map[string]string{"AccountSID": o.AccountSID, "AuthToken": o.AuthToken, "From": o.From, "PublicURL": o.PublicURL} {
		if v == "" {
			missing = append(missing, name)
		}
	}
	if o.Store == nil || o.Intake == nil {
		missing = append(missing, "Store and Intake")
	}
	if len(missing) > 0 {
		return fmt.Errorf("twilio: missing %s", strings.Join(missing, ", "))
	}
	o.PublicURL = strings.TrimSuffix(o.PublicURL, "/")
	return nil
}

// Name returns "twilio", the path its webhooks are mounted under.
func (c *Channel) Name() string { return "twilio" }

// Handler serves Twilio's webhooks.
func (c *Channel) Handler() http.Handler { return c.mux }

// Send delivers a notification addressed to the "sms" channel.
func (c *Channel) Send(ctx context.Context, n *cases.Notification) (string, error) {
	if n.Channel != SMSChannel {
		return "", channels.Permanent(fmt.Errorf("twilio cannot send on channel %q", n.Channel))
	}
	return c.sendSMS(ctx, n)
}

// SMSChannel is the channel name of texts, on cases and notifications.
const SMSChannel = "sms"

// SMS returns the channel named "sms" that notifications of residents who
// texted are addressed to.
func (c *Channel) SMS() channels.Channel { return smsChannel{c} }

type smsChannel struct{ c *Channel }

func (s smsChannel) Name() string { return SMSChannel }

func (s smsChannel) Send(ctx context.Context, n *cases.Notification) (string, error) {
	return s.c.sendSMS(ctx, n)
}

func (c *Channel) changed() {
	if c.opts.Changed != nil {
		c.opts.Changed()
	}
}

// errStore marks a failure of the store: the webhook answers 503 so that
// nothing is acknowledged that was not kept.
var errStore = errors.New("store")
