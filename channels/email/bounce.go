package email

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/intake311/intake311/cases"
)

// bounce marks the gateway's message that a delivery report is about as
// undelivered. A report about no message of the gateway's is dropped.
func (c *Channel) bounce(ctx context.Context, p *Parsed) error {
	ids := c.bouncedIDs(p)
	if len(ids) == 0 {
		c.log.Info("email: skipped a bounce about no message of ours", "from", p.From.Addr, "subject", p.Subject)
		return nil
	}
	reason := bounceReason(p)
	for _, id := range ids {
		if err := c.markUndelivered(ctx, id, reason); err != nil {
			return fmt.Errorf("bounce of %s: %w", id, err)
		}
	}
	return nil
}

// recordWait is how long a bounce waits for the outbox to record the
// message it is about: a server that refuses mail at once can bounce it
// before the send is on the case.
const recordWait = 3 * time.Second

// markUndelivered marks the gateway's message id undelivered, waiting up
// to recordWait for it to be recorded. A message never recorded is logged
// and skipped.
func (c *Channel) markUndelivered(ctx context.Context, id, reason string) error {
	deadline := time.Now().Add(recordWait)
	for {
		err := c.opts.Store.SetMessageDelivery(ctx, Name, id, cases.DeliveryUndelivered, reason)
		if !errors.Is(err, cases.ErrNotFound) {
			return err
		}
		if time.Now().After(deadline) {
			c.log.Info("email: a bounce names a message that is not on any case", "message_id", id)
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// bouncedIDs finds the gateway's Message-IDs in a bounce: in the returned
// header, else anywhere in its text.
func (c *Channel) bouncedIDs(p *Parsed) []string {
	if id := firstID(p.Original.Get("Message-Id")); id != "" {
		if _, ok := c.threads.ownID(id); ok {
			return []string{id}
		}
	}
	re := c.threads.ownIDRE()
	seen := map[string]bool{}
	var ids []string
	for _, s := range append([]string{p.Text, p.Report}, attachmentTexts(p)...) {
		for _, id := range re.FindAllString(s, -1) {
			if id = strings.ToLower(id); !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	return ids
}

func attachmentTexts(p *Parsed) []string {
	var out []string
	for _, a := range p.Attachments {
		if strings.HasPrefix(a.ContentType, "text/") || strings.HasPrefix(a.ContentType, "message/") {
			out = append(out, string(a.Data))
		}
	}
	return out
}

// bounceReason is the first diagnostic line of a report, or its subject.
func bounceReason(p *Parsed) string {
	for _, line := range strings.Split(p.Report, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(k), "Diagnostic-Code") {
			return truncate(strings.TrimSpace(v), 300)
		}
	}
	return truncate(firstNonEmpty(p.Subject, "delivery failed"), 300)
}
