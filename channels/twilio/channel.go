package twilio

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels"
	"github.com/intake311/intake311/ivr"
)

// Channel is Twilio for intake311: it serves Twilio's webhooks under
// /channels/twilio/ and sends notifications addressed to the "sms"
// channel, and with an IVR the "voice" channel. Register Channel,
// Channel.SMS() and, with an IVR, Channel.Voice() in a channels.Set.
type Channel struct {
	opts     Options
	verifier *Verifier
	mux      *http.ServeMux
}

var (
	_ channels.Webhook = (*Channel)(nil)
	_ channels.Channel = smsChannel{}
	_ channels.Channel = voiceChannel{}
)

// New checks opts and returns a Channel.
func New(opts Options) (*Channel, error) {
	if err := checkOptions(&opts); err != nil {
		return nil, err
	}
	opts.defaults()
	c := &Channel{opts: opts, verifier: NewVerifier(opts.AuthToken)}
	c.mux = http.NewServeMux()
	c.handle("POST /channels/twilio/sms", c.serveSMS)
	c.handle("POST /channels/twilio/sms/status", c.serveStatus)
	if opts.IVR != nil {
		c.handle("POST /channels/twilio/voice", c.serveCall)
		c.handle("POST /channels/twilio/voice/next", c.serveTurn)
		c.handle("POST /channels/twilio/voice/status", c.serveCallStatus)
	}
	return c, nil
}

// webhookDeadline bounds the work behind a webhook answer, well inside the
// 15 seconds Twilio waits: a stuck store gives a caller the apology step
// and a texter's provider a 503, not silence.
const webhookDeadline = 8 * time.Second

func (c *Channel) handle(pattern string, h http.HandlerFunc) {
	c.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), webhookDeadline)
		defer cancel()
		h(w, r.WithContext(ctx))
	})
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
	switch {
	case n.Channel == SMSChannel:
		return c.sendSMS(ctx, n)
	case n.Channel == VoiceChannel && c.opts.IVR != nil:
		return c.call(ctx, n)
	}
	return "", channels.Permanent(fmt.Errorf("twilio cannot send on channel %q", n.Channel))
}

// SMSChannel is the channel name of texts, on cases and notifications.
const SMSChannel = "sms"

// VoiceChannel is the channel name of calls, on cases and notifications.
const VoiceChannel = ivr.Channel

// Voice returns the channel named "voice" that notifications of residents
// who called are addressed to; nil when there is no IVR.
func (c *Channel) Voice() channels.Channel {
	if c.opts.IVR == nil {
		return nil
	}
	return voiceChannel{c}
}

type voiceChannel struct{ c *Channel }

func (v voiceChannel) Name() string { return VoiceChannel }

func (v voiceChannel) Send(ctx context.Context, n *cases.Notification) (string, error) {
	return v.c.call(ctx, n)
}

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
