package email

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/intake311/intake311/cases"
)

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

// chain is the resident's thread: their References, then the message.
func chain(p *Parsed, id string) []string {
	ids := append([]string{}, p.References...)
	if len(ids) == 0 {
		ids = append(ids, p.InReplyTo...)
	}
	return append(ids, id)
}

// followUp adds the message to the case it answers, if any, and reports
// whether it did. A message that names a case no longer there is not
// added.
func (c *Channel) followUp(ctx context.Context, in *inboundMail) (bool, error) {
	tn, ok := c.target(ctx, in)
	if !ok {
		return false, nil
	}
	err := c.addToCase(ctx, tn, in)
	if errors.Is(err, cases.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// addToCase keeps the message on case tn. A message a person wrote makes
// its sender a contact who gets updates, threaded after this message;
// automatic and bulk mail changes no contact, so a list or an
// auto-responder is never sent updates.
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
		if in.verdict.Answerable() {
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
// answering it; one that answers no case is set aside as bulk mail.
func (c *Channel) autoReply(ctx context.Context, in *inboundMail) (Outcome, error) {
	tn, ok := c.threads.replyTarget(in.p)
	if !ok {
		return in.setAside(), nil
	}
	in.text = "[automatic reply] " + in.text
	err := c.addToCase(ctx, tn, in)
	if errors.Is(err, cases.ErrNotFound) {
		return in.setAside(), nil
	}
	return Outcome{}, err
}
