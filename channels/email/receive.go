package email

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

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

// replyText is what a reply adds to its case: the visible body, or the
// subject when the body is empty.
func replyText(p *Parsed) string {
	body := withoutSignOff(Visible(p.Text))
	if body == "" {
		body = cleanSubject(p.Subject)
	}
	return truncate(body, cases.MaxTextLen-512)
}

// ownMail reports mail from the gateway's own address, which must never
// be answered (a loop).
func (c *Channel) ownMail(p *Parsed) bool {
	_, domain, _ := strings.Cut(p.From.Addr, "@")
	local, _, _ := strings.Cut(strings.SplitN(p.From.Addr, "@", 2)[0], "+")
	return domain == c.threads.domain && local == c.threads.local
}

// CaseText is what classification, location extraction and staff read of
// a new report: the subject without reply prefixes and the gateway's tag,
// then the visible body without quotes, signature or closing.
func CaseText(p *Parsed) string { return caseText(p) }

func caseText(p *Parsed) string {
	subject, body := cleanSubject(p.Subject), withoutSignOff(Visible(p.Text))
	text := strings.TrimSpace(subject + "\n\n" + body)
	if strings.HasPrefix(body, subject) && subject != "" {
		text = body
	}
	return truncate(text, cases.MaxTextLen-512)
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// target finds the case a message answers: by In-Reply-To, References or
// plus address, else by the tracking number in the subject when the
// sender is a contact of that case.
func (c *Channel) target(ctx context.Context, in *inboundMail) (cases.TrackingNumber, bool) {
	if tn, ok := c.threads.replyTarget(in.p); ok {
		return tn, true
	}
	tn, ok := subjectTracking(in.p.Subject)
	if !ok {
		return "", false
	}
	cs, err := c.opts.Store.Case(ctx, tn)
	if err != nil || cs.Contact(Name, in.p.From.Addr) == nil {
		return "", false
	}
	return tn, true
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

// reportText never leaves a report empty: a photo alone still makes a case.
func reportText(text, note string) string {
	text = strings.TrimSpace(strings.TrimSpace(text) + "\n\n" + note)
	if text == "" {
		return "(email with no text)"
	}
	return text
}

// chain is the resident's thread: their References, then the message.
func chain(p *Parsed, id string) []string {
	ids := append([]string{}, p.References...)
	if len(ids) == 0 {
		ids = append(ids, p.InReplyTo...)
	}
	return append(ids, id)
}

// addToCase keeps the message on case tn. A message a person wrote makes
// its sender a contact who gets updates, threaded after this message; an
// automatic reply changes no contact.
func (c *Channel) addToCase(ctx context.Context, tn cases.TrackingNumber, in *inboundMail) error {
	media, note, err := c.saveMedia(in.p)
	if err != nil {
		return err
	}
	at := c.now()
	_, err = c.opts.Store.UpdateCase(ctx, tn, func(cs *cases.Case) (*cases.Update, error) {
		if hasMessage(cs, in.id) {
			return nil, nil
		}
		msg := cases.Message{Direction: cases.Inbound, Channel: Name, Address: in.p.From.Addr, ProviderID: in.id,
			Text: reportText(in.text, note), At: at, DeliveryStatus: cases.DeliveryReceived}
		u := &cases.Update{At: at, Messages: []cases.Message{msg}, Media: media}
		if in.verdict.Kind != AutoReply {
			u.Contacts = []cases.Contact{contactFor(cs, in, at)}
		}
		return u, nil
	})
	if err != nil {
		return fmt.Errorf("case %s: %w", tn, err)
	}
	return nil
}

func hasMessage(cs *cases.Case, id string) bool {
	for _, m := range cs.Messages {
		if m.Channel == Name && m.ProviderID == id {
			return true
		}
	}
	return false
}

// contactFor returns the sender as a contact of cs, keeping what the case
// knows of them and threading later updates after this message.
func contactFor(cs *cases.Case, in *inboundMail, at time.Time) cases.Contact {
	ct := cases.Contact{Channel: Name, Address: in.p.From.Addr, Name: in.p.From.Name, Language: cs.Language,
		Role: cases.RoleFollower, Consent: true, CreatedAt: at}
	if old := cs.Contact(Name, in.p.From.Addr); old != nil {
		ct = *old
	}
	ct.ThreadRef = joinRefs(chain(in.p, in.id))
	return ct
}

// autoReply keeps an out-of-office reply on the case it answers, without
// answering it; one that answers no case is dropped.
func (c *Channel) autoReply(ctx context.Context, in *inboundMail) error {
	tn, ok := c.threads.replyTarget(in.p)
	if !ok {
		c.log.Info("email: skipped an automatic reply to no case", "message_id", in.id, "reason", in.verdict.Reason)
		return nil
	}
	in.text = "[automatic reply] " + in.text
	err := c.addToCase(ctx, tn, in)
	if errors.Is(err, cases.ErrNotFound) {
		return nil
	}
	return err
}
