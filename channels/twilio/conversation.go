package twilio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/intake311/intake311/cases"
)

// conversationScope is the store scope of conversations, keyed by the
// resident's number. They expire after Options.IdleTimeout.
const conversationScope = "twilio.conversation"

// Stages of a conversation: what the resident was last asked.
const (
	stageService  = "service"
	stageLocation = "location"
	stageDone     = "done" // the case is created; kept for Twilio's retries
)

// conversation is a report being put together over several texts.
type conversation struct {
	SID       string        `json:"sid"` // of the first text: the case's external id
	Text      string        `json:"text"`
	Media     []cases.Media `json:"media,omitempty"`
	Language  string        `json:"language"`
	Service   string        `json:"service,omitempty"`   // chosen or confidently classified
	Chosen    bool          `json:"chosen,omitempty"`    // by the resident
	Fallback  string        `json:"fallback,omitempty"`  // the classifier's pick, or the triage service
	Suggested []string      `json:"suggested,omitempty"` // services the classifier found possible
	Choices   []string      `json:"choices,omitempty"`   // as offered, 1-based
	Address   string        `json:"address,omitempty"`
	Stage     string        `json:"stage,omitempty"`
	Tries     int           `json:"tries,omitempty"`
	Replies   []string      `json:"replies,omitempty"` // MessageSid -> reply, for Twilio's retries
	ReplySIDs []string      `json:"reply_sids,omitempty"`
	version   int64
}

// conversation loads the conversation with addr, or nil if there is none.
func (c *Channel) conversation(ctx context.Context, addr string) (*conversation, error) {
	raw, version, err := c.opts.Store.GetState(ctx, conversationScope, addr)
	switch {
	case errors.Is(err, cases.ErrNotFound):
		return nil, nil
	case err != nil:
		return nil, wrapStore("conversation", err)
	}
	conv := &conversation{version: version}
	if err := json.Unmarshal(raw, conv); err != nil {
		c.opts.Logger.Warn("sms: unreadable conversation dropped", "err", err)
		return nil, c.endConversation(ctx, addr)
	}
	return conv, nil
}

// doneTTL is how long a finished conversation is kept for retries.
const doneTTL = 10 * time.Minute

// saveConversation writes conv, remembering the reply given to sid. A
// conversation changed meanwhile (two texts at once) is ErrConflict.
func (c *Channel) saveConversation(ctx context.Context, addr string, conv *conversation, sid, reply string) error {
	conv.ReplySIDs = append(conv.ReplySIDs, sid)
	conv.Replies = append(conv.Replies, reply)
	raw, err := json.Marshal(conv)
	if err != nil {
		return fmt.Errorf("conversation: %w", err)
	}
	ttl := c.opts.IdleTimeout
	if conv.Stage == stageDone {
		ttl = doneTTL
	}
	_, err = c.opts.Store.PutState(ctx, conversationScope, addr, raw, conv.version, ttl)
	return wrapStore("save conversation", err)
}

func (c *Channel) endConversation(ctx context.Context, addr string) error {
	return wrapStore("end conversation", c.opts.Store.DeleteState(ctx, conversationScope, addr))
}

// repeated returns the reply already given to a text Twilio sends again.
// A nil conversation has given none.
func (conv *conversation) repeated(sid string) (string, bool) {
	if conv == nil {
		return "", false
	}
	for i, s := range conv.ReplySIDs {
		if s == sid {
			return conv.Replies[i], true
		}
	}
	return "", false
}
