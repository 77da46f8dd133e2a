package email

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/intake311/intake311/cases"
)

// Receive takes in one raw message: a new case, a message on the case it
// answers, a bounce marking an outbound message undelivered, or nothing
// (with a logged reason). fallbackID stands in for a missing Message-ID.
// It is idempotent: the same message twice changes nothing the second
// time. An error means nothing was committed and the message should be
// read again later.
func (c *Channel) Receive(ctx context.Context, raw []byte, fallbackID string) error {
	p := Parse(raw)
	in := c.inbound(p, fallbackID)
	c.log.Debug("email: received", "message_id", in.id, "from", p.From.Addr, "kind", in.verdict.Kind, "reason", in.verdict.Reason)
	switch in.verdict.Kind {
	case Bounce:
		return c.bounce(ctx, p)
	case AutoReply:
		return c.autoReply(ctx, in)
	}
	if p.From.Addr == "" || c.ownMail(p) {
		c.log.Warn("email: skipped a message with no sender or from the gateway itself", "message_id", in.id, "from", p.From.Addr)
		return nil
	}
	if tn, ok := c.target(ctx, in); ok {
		err := c.addToCase(ctx, tn, in)
		if !errors.Is(err, cases.ErrNotFound) {
			return err
		}
	}
	in.text = caseText(p)
	return c.newCase(ctx, in)
}

// inboundMail is a parsed message with what the gateway made of it.
type inboundMail struct {
	p       *Parsed
	id      string // Message-ID, or the fallback
	verdict Verdict
	text    string // what the case keeps of it
}

func (c *Channel) inbound(p *Parsed, fallbackID string) *inboundMail {
	in := &inboundMail{p: p, id: firstNonEmpty(p.MessageID, fallbackID), verdict: Classify(p)}
	in.text = replyText(p)
	return in
}

// ownMail reports mail from the gateway's own address, which must never
// be answered (a loop).
func (c *Channel) ownMail(p *Parsed) bool {
	_, domain, _ := strings.Cut(p.From.Addr, "@")
	local, _, _ := strings.Cut(strings.SplitN(p.From.Addr, "@", 2)[0], "+")
	return domain == c.threads.domain && local == c.threads.local
}

// newCase submits the message as a new report, acknowledged unless the
// mail must not be answered or the sender had their replies for the hour.
func (c *Channel) newCase(ctx context.Context, in *inboundMail) error {
	switch _, err := c.opts.Store.CaseByExternalID(ctx, Name, in.id); {
	case err == nil:
		return nil // taken in before a crash: nothing more to do
	case !errors.Is(err, cases.ErrNotFound):
		return fmt.Errorf("case by message id: %w", err)
	}
	media, note, err := c.saveMedia(in.p)
	if err != nil {
		return err
	}
	consent := in.verdict.Answerable()
	if consent {
		if consent, err = c.allowReply(ctx, in.p.From.Addr); err != nil {
			return err
		}
	}
	r := cases.Report{
		Channel: Name, ExternalID: in.id, Text: reportText(in.text, note), Media: media, At: c.now(),
		Contact: &cases.Contact{Channel: Name, Address: in.p.From.Addr, Name: in.p.From.Name,
			ThreadRef: joinRefs(chain(in.p, in.id)), Consent: consent},
	}
	_, _, err = c.opts.Intake.Submit(ctx, r)
	if errors.Is(err, cases.ErrInvalid) {
		c.log.Warn("email: skipped a message the intake refused", "message_id", in.id, "err", err)
		return nil
	}
	return err
}
