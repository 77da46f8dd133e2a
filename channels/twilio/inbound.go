package twilio

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/intake311/intake311/cases"
)

// text is an inbound SMS or MMS as Twilio posts it.
type text struct {
	SID   string
	From  string
	Body  string
	Media []cases.Media
}

// parseText reads an inbound message webhook: every MediaUrlN with its
// content type, not only the first.
func parseText(form url.Values) (text, error) {
	t := text{SID: form.Get("MessageSid"), From: strings.TrimSpace(form.Get("From")), Body: strings.TrimSpace(form.Get("Body"))}
	if t.SID == "" || t.From == "" {
		return t, errors.New("a message webhook needs MessageSid and From")
	}
	n, _ := strconv.Atoi(form.Get("NumMedia"))
	for i := 0; i < n && i < 10; i++ {
		u := form.Get("MediaUrl" + strconv.Itoa(i))
		if u != "" {
			t.Media = append(t.Media, cases.Media{URL: u, ContentType: form.Get("MediaContentType" + strconv.Itoa(i))})
		}
	}
	return t, nil
}

// serveSMS answers an inbound text with TwiML, after whatever it asks for
// is committed.
func (c *Channel) serveSMS(w http.ResponseWriter, r *http.Request) {
	form, ok := c.verified(w, r)
	if !ok {
		return
	}
	t, err := parseText(form)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	reply, err := c.receiveRetrying(r.Context(), t)
	if err != nil {
		c.fail(w, "sms", err)
		return
	}
	c.writeTwiML(w, t.From, reply)
}

// receiveRetrying handles a text, again when another text from the same
// number changed the conversation meanwhile (two texts sent at once):
// Twilio does not resend a text its webhook failed, so it must not fail
// for that. The text counts once towards the number's rate limit, which
// is kept in the store (see countText).
func (c *Channel) receiveRetrying(ctx context.Context, t text) (string, error) {
	cmd, isCmd := parseCommand(t.Body)
	isCmd = isCmd && len(t.Media) == 0
	v := allow
	if !isCmd {
		var err error
		if v, err = c.countText(ctx, t); err != nil {
			return "", err
		}
	}
	for attempt := 0; ; attempt++ {
		reply, err := c.receive(ctx, t, cmd, isCmd, v)
		if !errors.Is(err, cases.ErrConflict) || attempt == 4 {
			return reply, err
		}
	}
}

// receive handles one text and returns the reply ("" for none): a
// command, or (within the rate limit v) a report.
func (c *Channel) receive(ctx context.Context, t text, cmd command, isCmd bool, v verdict) (string, error) {
	num, err := c.number(ctx, t.From)
	if err != nil {
		return "", err
	}
	if isCmd {
		return c.command(ctx, t, num, cmd)
	}
	switch v {
	case warn:
		return c.quiet(num, say(c.lang(num, ""), "too.many")), nil
	case silence:
		c.opts.Logger.Warn("sms: text ignored: rate limit or reply loop", "sid", t.SID)
		return "", nil
	}
	conv, err := c.conversation(ctx, t.From)
	if err != nil {
		return "", err
	}
	if reply, ok := conv.repeated(t.SID); ok {
		return reply, nil
	}
	if conv != nil && conv.Stage != stageDone {
		return c.continueReport(ctx, t, num, conv)
	}
	return c.startReport(ctx, t, num, conv)
}

// lang is the language to answer num in: its chosen one, else detected.
func (c *Channel) lang(num *number, detected string) string {
	if num.Language != "" {
		return num.Language
	}
	return known(detected, known(c.opts.DefaultLanguage, "en"))
}

// quiet returns reply, or "" for an opted-out number, which is never
// texted.
func (c *Channel) quiet(num *number, reply string) string {
	if num.OptedOut {
		return ""
	}
	return reply
}
