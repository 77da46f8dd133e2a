package twilio

import (
	"context"
	"errors"
	"strings"

	"github.com/intake311/intake311/cases"
)

// command answers a keyword text.
func (c *Channel) command(ctx context.Context, t text, num *number, cmd command) (string, error) {
	lang := c.lang(num, cmd.lang)
	if cmd.lang != "" && num.Language == "" {
		lang = cmd.lang
	}
	switch cmd.kw {
	case kwStop:
		return say(lang, "stop", c.opts.Sender), c.stop(ctx, t.From)
	case kwStart:
		return say(lang, "start", c.opts.Sender), c.optIn(ctx, t.From)
	case kwHelp:
		return say(lang, "help", c.opts.Sender), nil
	case kwSpanish, kwEnglish:
		return c.quiet(num, say(cmd.lang, "language")), c.setLanguage(ctx, t.From, cmd.lang)
	case kwStatus:
		chosen := cmd.lang
		if num.Language != "" {
			chosen = num.Language
		}
		reply, err := c.status(ctx, t.From, lang, chosen, cmd.arg)
		return c.quiet(num, reply), err
	case kwCancel:
		reply, err := c.cancel(ctx, t.From, lang, cmd.arg)
		return c.quiet(num, reply), err
	}
	return "", nil
}

// stop opts the number out and drops any report in progress.
func (c *Channel) stop(ctx context.Context, addr string) error {
	if err := c.optOut(ctx, addr); err != nil {
		return err
	}
	return c.endConversation(ctx, addr)
}

// setLanguage keeps the resident's language for replies and for the
// updates on their open cases.
func (c *Channel) setLanguage(ctx context.Context, addr, lang string) error {
	if err := c.updateNumber(ctx, addr, func(n *number) { n.Language = lang }); err != nil {
		return err
	}
	return c.updateContacts(ctx, addr, true, func(ct *cases.Contact) { ct.Language = lang })
}

// status answers STATUS: one case by number, or the number's open cases,
// in the language of the newest unless one was chosen (langOf).
func (c *Channel) status(ctx context.Context, addr, lang, langOf, arg string) (string, error) {
	if arg != "" {
		tn, err := cases.ParseTrackingNumber(arg)
		if err != nil {
			return say(lang, "status.bad"), nil
		}
		k, err := c.opts.Store.Case(ctx, tn)
		if errors.Is(err, cases.ErrNotFound) {
			return say(lang, "status.unknown", tn.Spoken()), nil
		}
		if err != nil {
			return "", wrapStore("status", err)
		}
		return c.statusLine(k, lang, true), nil
	}
	open, err := c.openCases(ctx, addr, 3)
	if err != nil {
		return "", err
	}
	if len(open) == 0 {
		return say(lang, "status.none"), nil
	}
	if langOf == "" {
		lang = known(open[0].Language, lang)
	}
	lines := make([]string, len(open))
	for i, k := range open {
		lines[i] = c.statusLine(k, lang, false)
	}
	return strings.Join(lines, "\n"), nil
}

// statusLine says where a case is, with its latest public note when
// withNote (lists carry no notes).
func (c *Channel) statusLine(k *cases.Case, lang string, withNote bool) string {
	line := say(lang, "status.line", k.Tracking.Spoken(), c.serviceName(k.ServiceCode, lang), statusName(lang, k.Status))
	if note := k.LatestPublicNote(); withNote && note != "" {
		line += " " + say(lang, "status.note", note)
	}
	return line
}

// cancel withdraws a case the number reported. The closing notice goes
// out through the outbox like any status change.
func (c *Channel) cancel(ctx context.Context, addr, lang, arg string) (string, error) {
	if c.opts.Workflow == nil {
		return say(lang, "cancel.none"), nil
	}
	tn, err := cases.ParseTrackingNumber(arg)
	if err != nil {
		return say(lang, "status.bad"), nil
	}
	k, err := c.opts.Store.Case(ctx, tn)
	if errors.Is(err, cases.ErrNotFound) || (err == nil && k.Contact(SMSChannel, addr) == nil) {
		return say(lang, "cancel.unknown", tn.Spoken()), nil
	}
	if err != nil {
		return "", wrapStore("cancel", err)
	}
	if k.Status.Done() {
		return say(lang, "cancel.done", tn.Spoken(), statusName(lang, k.Status)), nil
	}
	_, err = c.opts.Workflow.ChangeStatus(ctx, tn, cases.StatusChange{Status: cases.StatusClosed,
		CloseReason: cases.ReasonWithdrawn, Actor: "resident by text"})
	if err != nil {
		return "", wrapIntake(err)
	}
	c.changed()
	return "", nil
}
