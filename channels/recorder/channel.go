package recorder

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels"
)

// ErrScripted is the error of a failure scheduled with FailNext(k, nil).
var ErrScripted = errors.New("recorder: scripted failure")

// Channel is a channels.Channel that records each notification in a Log
// instead of sending it. It is safe for concurrent use.
type Channel struct {
	name   string
	log    *Log
	prefix string // of provider ids
	sent   atomic.Uint64

	mu       sync.Mutex
	failures int
	failErr  error
}

var _ channels.Channel = (*Channel)(nil)

// New returns a recorder called name that writes to log; a nil log gives
// it a log of its own.
func New(name string, log *Log) *Channel {
	if log == nil {
		log = NewLog(Options{})
	}
	// The random part keeps provider ids unique across restarts over the
	// same database, which keys outbound messages by provider id.
	prefix := fmt.Sprintf("rec-%s-%08x-", name, rand.Uint32())
	return &Channel{name: name, log: log, prefix: prefix}
}

// Name returns the channel's name.
func (c *Channel) Name() string { return c.name }

// Log returns the log the channel writes to.
func (c *Channel) Log() *Log { return c.log }

// Send records n and returns a provider id unique to this send,
// "rec-<name>-<random>-<n>". It fails, recording nothing, when ctx is done
// or a failure was scheduled with FailNext.
func (c *Channel) Send(ctx context.Context, n *cases.Notification) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("recorder %s: %w", c.name, err)
	}
	if err := c.scripted(); err != nil {
		return "", err
	}
	id := fmt.Sprint(c.prefix, c.sent.Add(1))
	c.log.add(Entry{
		Channel: c.name, To: n.To, Text: n.Text, TrackingNumber: n.Tracking, Subject: n.Subject,
		ThreadRef: n.ThreadRef, Kind: n.Kind, Language: n.Language, ProviderID: id,
	})
	return id, nil
}

// FailNext makes the next k sends fail with err (ErrScripted if nil),
// replacing any failures scheduled before; k <= 0 cancels them. Wrap err
// with channels.Permanent or channels.RetryAfter to script a provider's
// refusal or throttling.
func (c *Channel) FailNext(k int, err error) {
	if err == nil {
		err = ErrScripted
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.failures, c.failErr = max(k, 0), err
}

// scripted returns the next scheduled failure, if any.
func (c *Channel) scripted() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.failures == 0 {
		return nil
	}
	c.failures--
	return c.failErr
}
