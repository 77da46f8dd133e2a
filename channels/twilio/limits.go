package twilio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/intake311/intake311/cases"
)

// limitScope is the store scope of each number's texts in its current
// rate window, keyed by the number. Every replica counts in the same
// record and a restart keeps it; it expires when its window ends.
const limitScope = "twilio.limit"

// verdict is what to do with a text.
type verdict int

const (
	allow   verdict = iota
	warn            // over the limit: say so, once
	silence         // over the limit and told, or a loop: no reply
)

// loopRepeats is how many identical texts in a row count as a loop.
const loopRepeats = 3

// maxSeen is how many of a number's latest texts keep their verdict, so
// that Twilio retrying one of them is not counted again.
const maxSeen = 8

// countAttempts bounds the writes of one count when other texts from the
// same number are counted at the same moment: each conflict means another
// text was counted, so a burst of up to countAttempts texts all succeed.
const countAttempts = 10

// usage is a number's texts in a fixed window: too many gets one "slow
// down" reply and then silence until the window ends, and the same text
// arriving again and again (an auto-responder answering our replies) gets
// no reply at all, which ends the loop.
type usage struct {
	Start   time.Time `json:"start"`
	Count   int       `json:"count"`
	Warned  bool      `json:"warned,omitempty"`
	LastSum uint64    `json:"last_sum,omitempty"` // checksum of the last text
	Repeats int       `json:"repeats,omitempty"`  // times in a row it came
	Seen    []counted `json:"seen,omitempty"`     // the latest texts, oldest first
	version int64
}

// counted is a text already counted, with the verdict it got.
type counted struct {
	SID     string  `json:"sid"`
	Verdict verdict `json:"verdict"`
}

// countText counts t towards its number's rate limit and reply-loop
// detector in the store and says what to do with it. A text counted
// already (Twilio retrying it) gets its verdict again without counting.
// When other texts from the number keep winning the race to count, the
// text is let through uncounted: Twilio does not resend a text it got an
// error for, and a lost report is worse than a generous limit.
func (c *Channel) countText(ctx context.Context, t text) (verdict, error) {
	var err error
	for range countAttempts {
		var u *usage
		if u, err = c.usage(ctx, t.From); err != nil {
			return allow, err
		}
		now := c.opts.Now()
		v, changed := u.count(t.SID, t.Body, now, c.opts.RateLimit, c.opts.RateWindow)
		if !changed {
			return v, nil
		}
		if err = c.saveUsage(ctx, t.From, u, now); !errors.Is(err, cases.ErrConflict) {
			return v, err
		}
	}
	c.opts.Logger.Warn("sms: text let through uncounted: its number's count kept changing", "sid", t.SID)
	return allow, nil
}

// usage loads the count of addr; a number with none, or an unreadable
// one, starts afresh.
func (c *Channel) usage(ctx context.Context, addr string) (*usage, error) {
	raw, version, err := c.opts.Store.GetState(ctx, limitScope, addr)
	switch {
	case errors.Is(err, cases.ErrNotFound):
		return &usage{}, nil
	case err != nil:
		return nil, wrapStore("rate count", err)
	}
	u := &usage{}
	if err := json.Unmarshal(raw, u); err != nil {
		c.opts.Logger.Warn("sms: unreadable rate count dropped", "err", err)
		u = &usage{}
	}
	u.version = version
	return u, nil
}

// saveUsage writes u until the end of its window; ErrConflict when
// another text from the number was counted meanwhile.
func (c *Channel) saveUsage(ctx context.Context, addr string, u *usage, now time.Time) error {
	raw, err := json.Marshal(u)
	if err != nil {
		return fmt.Errorf("rate count: %w", err)
	}
	// The rest of the window, never 0 (that would keep it forever).
	ttl := max(u.Start.Add(c.opts.RateWindow).Sub(now), time.Millisecond)
	_, err = c.opts.Store.PutState(ctx, limitScope, addr, raw, u.version, ttl)
	return wrapStore("save rate count", err)
}

// count adds the text sid with body at now, in a window of the given
// length allowing limit texts, and returns its verdict. changed is false,
// and u untouched, for a text counted already.
func (u *usage) count(sid, body string, now time.Time, limit int, window time.Duration) (v verdict, changed bool) {
	if v, ok := u.seen(sid); ok {
		return v, false
	}
	if u.Start.IsZero() || now.Sub(u.Start) >= window {
		*u = usage{Start: now, version: u.version}
	}
	u.Count++
	if sum := checksum(body); sum == u.LastSum && u.Repeats > 0 {
		u.Repeats++
	} else {
		u.LastSum, u.Repeats = sum, 1
	}
	v = u.verdict(limit)
	u.Seen = append(u.Seen, counted{SID: sid, Verdict: v})
	if len(u.Seen) > maxSeen {
		u.Seen = u.Seen[len(u.Seen)-maxSeen:]
	}
	return v, true
}

// verdict judges the text just counted.
func (u *usage) verdict(limit int) verdict {
	switch {
	case u.Repeats >= loopRepeats:
		return silence
	case u.Count <= limit:
		return allow
	case !u.Warned:
		u.Warned = true
		return warn
	}
	return silence
}

// seen returns the verdict of a text counted already.
func (u *usage) seen(sid string) (verdict, bool) {
	for _, s := range u.Seen {
		if s.SID == sid {
			return s.Verdict, true
		}
	}
	return allow, false
}

func checksum(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}
