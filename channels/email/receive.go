package email

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/intake311/intake311/cases"
)

// Outcome is what Receive did with a message, which says where it is
// filed. The zero value is a message taken in (or dropped with a logged
// reason, such as a copy already taken in), for the processed folder.
type Outcome struct {
	// Bulk is set for bulk or automatic mail that answers no case: nothing
	// was committed, and the message belongs in the bulk folder.
	Bulk bool
	// MessageID, From and Reason say which message was set aside and why.
	MessageID, From, Reason string
}

// Receive takes in one raw message: a new case, a message on the case it
// answers, a bounce marking an outbound message undelivered, bulk mail set
// aside (see Outcome), or nothing (with a logged reason). fallbackID
// stands in for a missing Message-ID. It is idempotent: the same message
// twice changes nothing the second time. An error means nothing was
// committed and the message should be read again later.
func (c *Channel) Receive(ctx context.Context, raw []byte, fallbackID string) (Outcome, error) {
	p := Parse(raw)
	in := c.inbound(p, fallbackID)
	c.log.Debug("email: received", "message_id", in.id, "from", p.From.Addr, "kind", in.verdict.Kind, "reason", in.verdict.Reason)
	switch in.verdict.Kind {
	case Bounce:
		return Outcome{}, c.bounce(ctx, p)
	case AutoReply:
		return c.autoReply(ctx, in)
	}
	if p.From.Addr == "" || c.ownMail(p) {
		c.log.Warn("email: skipped a message with no sender or from the gateway itself", "message_id", in.id, "from", p.From.Addr)
		return Outcome{}, nil
	}
	if added, err := c.followUp(ctx, in); added || err != nil {
		return Outcome{}, err
	}
	if !in.verdict.Answerable() {
		return in.setAside(), nil
	}
	in.text = caseText(p)
	return Outcome{}, c.newCase(ctx, in)
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

// setAside is the outcome of mail that is not a case: the bulk folder.
func (in *inboundMail) setAside() Outcome {
	return Outcome{Bulk: true, MessageID: in.id, From: in.p.From.Addr, Reason: string(in.verdict.Kind) + ": " + in.verdict.Reason}
}

// ownMail reports mail from the gateway's own address, which must never
// be answered (a loop).
func (c *Channel) ownMail(p *Parsed) bool {
	_, domain, _ := strings.Cut(p.From.Addr, "@")
	local, _, _ := strings.Cut(strings.SplitN(p.From.Addr, "@", 2)[0], "+")
	return domain == c.threads.domain && local == c.threads.local
}

// newCase submits the message as a new report. Its sender always gets
// the case's status updates; the acknowledgement, an automatic reply, only
// within the hourly cap (see allowReply), which is what stops a loop with
// an auto-responder that mails back every answer as a new message.
func (c *Channel) newCase(ctx context.Context, in *inboundMail) error {
	switch cs, err := c.opts.Store.CaseByExternalID(ctx, Name, in.id); {
	case err == nil:
		return c.keepUpdates(ctx, cs.Tracking, in.p.From.Addr) // taken in before a crash
	case !errors.Is(err, cases.ErrNotFound):
		return fmt.Errorf("case by message id: %w", err)
	}
	media, note, err := c.saveMedia(in.p)
	if err != nil {
		return err
	}
	ack, err := c.allowReply(ctx, in.p.From.Addr)
	if err != nil {
		return err
	}
	r := cases.Report{
		Channel: Name, ExternalID: in.id, Text: reportText(in.text, note), Media: media, At: c.now(),
		Contact: &cases.Contact{Channel: Name, Address: in.p.From.Addr, Name: in.p.From.Name,
			ThreadRef: joinRefs(chain(in.p, in.id)), Consent: ack},
	}
	cs, _, err := c.opts.Intake.Submit(ctx, r)
	switch {
	case errors.Is(err, cases.ErrInvalid):
		c.log.Warn("email: skipped a message the intake refused", "message_id", in.id, "err", err)
		return nil
	case err != nil || ack:
		return err
	}
	c.log.Info("email: report taken in without an acknowledgement: the sender is over the hourly cap", "message_id", in.id, "tracking", cs.Tracking)
	return c.keepUpdates(ctx, cs.Tracking, in.p.From.Addr)
}

// keepUpdates gives addr, the reporter of case tn, the status updates of
// the case. The intake acknowledges every contact that consents to
// updates, so a report over the acknowledgement cap is stored without
// consent and given it here; a crash in between is repaired when the
// message is read again.
func (c *Channel) keepUpdates(ctx context.Context, tn cases.TrackingNumber, addr string) error {
	_, err := c.opts.Store.UpdateCase(ctx, tn, func(cs *cases.Case) (*cases.Update, error) {
		ct := cs.Contact(Name, addr)
		if ct == nil || ct.Consent {
			return nil, nil
		}
		updated := *ct
		updated.Consent = true
		return &cases.Update{At: c.now(), Contacts: []cases.Contact{updated}}, nil
	})
	if err != nil {
		return fmt.Errorf("case %s: updates for the reporter: %w", tn, err)
	}
	return nil
}
