package email

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels"
)

// Name is the channel's name on cases and notifications.
const Name = "email"

// Channel reads residents' mail from IMAP mailboxes and sends them replies
// over SMTP.
type Channel struct {
	opts    Options
	threads threads
	log     *slog.Logger
	// beforeMove, when set, runs after a message's case is committed and
	// before the message is moved; an error stops the session there.
	beforeMove func(uid uint32) error
}

var (
	_ channels.Channel = (*Channel)(nil)
	_ channels.Poller  = (*Channel)(nil)
)

// New returns a channel with opts.
func New(opts Options) (*Channel, error) {
	if !strings.Contains(opts.Address, "@") {
		return nil, fmt.Errorf("email: the gateway's address %q is not an email address", opts.Address)
	}
	if opts.Intake == nil || opts.Store == nil {
		return nil, errors.New("email: an intake and a store are required")
	}
	if opts.Holder == "" {
		var b [6]byte
		rand.Read(b[:])
		opts.Holder = "email-" + hex.EncodeToString(b[:])
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Channel{opts: opts, threads: newThreads(opts.Address), log: log}, nil
}

// Name returns "email".
func (c *Channel) Name() string { return Name }

// Send mails n to the resident as a reply in their thread and returns the
// Message-ID it generated.
func (c *Channel) Send(ctx context.Context, n *cases.Notification) (string, error) {
	o := c.outgoing(n)
	raw, err := o.compose()
	if err != nil {
		return "", channels.Permanent(err)
	}
	if err := c.opts.SMTP.submit(ctx, strings.ToLower(c.opts.Address), []string{n.To}, raw); err != nil {
		return "", err
	}
	return o.ID, nil
}

func (c *Channel) outgoing(n *cases.Notification) *outgoing {
	return &outgoing{
		ID: c.threads.newID(n.Tracking), From: c.opts.Address, FromName: cmp(c.opts.FromName, "311"),
		To: n.To, ReplyTo: c.threads.replyTo(n.Tracking), Subject: subjectFor(n),
		References: threadRefs(n.ThreadRef), Text: n.Text, Language: n.Language, Kind: n.Kind, Date: c.now(),
	}
}

// Poll reads every configured mailbox until ctx ends.
func (c *Channel) Poll(ctx context.Context) error {
	var wg sync.WaitGroup
	for _, mb := range c.opts.Mailboxes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			(&poller{ch: c, mb: mb.withDefaults()}).run(ctx)
		}()
	}
	wg.Wait()
	return nil
}

func (c *Channel) now() time.Time {
	if c.opts.Now != nil {
		return c.opts.Now().UTC()
	}
	return time.Now().UTC()
}
