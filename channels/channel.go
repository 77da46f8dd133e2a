package channels

import (
	"context"
	"net/http"

	"github.com/intake311/intake311/cases"
)

// Channel sends notifications to residents on one provider.
type Channel interface {
	// Name is the channel's name as cases and notifications record it
	// ("sms", "email", "slack"); it is unique within a Set.
	Name() string
	// Send delivers n and returns the provider's id for the message
	// (Twilio SID, email Message-ID, Slack ts, tweet id). A failure that
	// retrying cannot fix is wrapped with Permanent.
	Send(ctx context.Context, n *cases.Notification) (providerID string, err error)
}

// Webhook is a Channel that receives provider webhooks. The server mounts
// its handler under /channels/{Name()}/; the handler sees the full path.
type Webhook interface {
	Channel
	Handler() http.Handler
}

// Poller is a Channel that pulls inbound traffic (e.g. IMAP) until ctx
// ends.
type Poller interface {
	Channel
	Poll(ctx context.Context) error
}

// SendFunc adapts a function to the Send method of a Channel.
type SendFunc func(ctx context.Context, n *cases.Notification) (providerID string, err error)

// Send calls f.
func (f SendFunc) Send(ctx context.Context, n *cases.Notification) (string, error) { return f(ctx, n) }

// Func returns a Channel called name that sends with f.
func Func(name string, f SendFunc) Channel { return funcChannel{name, f} }

type funcChannel struct {
	name string
	SendFunc
}

func (c funcChannel) Name() string { return c.name }
