package twilio

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/intake311/intake311/cases"
)

// startReport handles the first text of a report: a follow-up to an open
// case, a case at once, or a question for what is missing. prev is the
// finished conversation still kept for the number, if any.
func (c *Channel) startReport(ctx context.Context, t text, num *number, prev *conversation) (string, error) {
	if t.Body == "" && len(t.Media) == 0 {
		return c.quiet(num, say(c.lang(num, ""), "ask.describe", c.opts.Sender)), nil
	}
	cls, err := c.opts.Intake.Classifier.Classify(ctx, t.Body, num.Language)
	if err != nil {
		return "", fmt.Errorf("classify: %w", err)
	}
	lang := c.lang(num, cls.Language)
	open, err := c.openCase(ctx, t.From)
	if err != nil {
		return "", err
	}
	if open != nil && open.ExternalID == t.SID {
		return "", nil // Twilio sent the text again: its case is kept
	}
	if open != nil && !c.newProblem(cls, open) {
		return c.addToCase(ctx, t, num, open, lang)
	}
	conv := &conversation{SID: t.SID, Text: t.Body, Media: t.Media, Language: lang, Fallback: cls.ServiceCode,
		Suggested: suggested(cls)}
	if prev != nil {
		conv.version = prev.version
	}
	if cls.Emergency || c.confident(cls) {
		conv.Service = cls.ServiceCode
	}
	if cls.Location != nil {
		conv.Address = firstNonEmpty(cls.Location.Normalized, cls.Location.Text)
	}
	if cls.Emergency {
		return c.create(ctx, t, num, conv, true)
	}
	return c.next(ctx, t, num, conv)
}

// suggested lists the services the classifier found possible, best first.
func suggested(cls cases.Classification) []string {
	var out []string
	if cls.ServiceCode != "" && cls.Confidence > 0 {
		out = append(out, cls.ServiceCode)
	}
	for _, a := range cls.Alternatives {
		out = append(out, a.ServiceCode)
	}
	return out
}

// confident reports whether the classifier's pick can stand without
// asking the resident.
func (c *Channel) confident(cls cases.Classification) bool {
	return cls.ServiceCode != "" && cls.Confidence >= c.opts.MinConfidence && cls.Confidence > 0
}

// clearlyOther is the confidence from which a text about another service
// is a new problem rather than more words about the open one ("it got
// bigger after the rain" hints at drainage, but only faintly).
const clearlyOther = 0.6

// newProblem reports whether a text from a resident with an open case
// clearly describes something else: another service, or another place.
func (c *Channel) newProblem(cls cases.Classification, open *cases.Case) bool {
	if cls.Emergency {
		return true
	}
	if c.confident(cls) && cls.Confidence >= clearlyOther && cls.ServiceCode != open.ServiceCode {
		return true
	}
	return cls.Location != nil && !strings.EqualFold(cls.Location.Normalized, open.Address)
}

// next asks for what the report still lacks, or creates the case.
func (c *Channel) next(ctx context.Context, t text, num *number, conv *conversation) (string, error) {
	var reply string
	switch {
	case conv.Service == "" && len(c.choices(conv.Suggested, conv.Fallback)) == 0:
		conv.Service = conv.Fallback
		return c.next(ctx, t, num, conv)
	case conv.Service == "":
		conv.Stage, conv.Choices = stageService, c.choices(conv.Suggested, conv.Fallback)
		reply = c.serviceQuestion(conv)
	case conv.Address == "":
		conv.Stage, reply = stageLocation, say(conv.Language, "ask.location")
		if conv.Tries > 0 {
			reply = say(conv.Language, "ask.location.again")
		}
	default:
		return c.create(ctx, t, num, conv, false)
	}
	reply = c.quiet(num, reply)
	return reply, c.saveConversation(ctx, t.From, conv, t.SID, reply)
}

// continueReport takes the resident's answer to the last question. An
// answer that reports an emergency files the report at once.
func (c *Channel) continueReport(ctx context.Context, t text, num *number, conv *conversation) (string, error) {
	conv.Media = append(conv.Media, t.Media...)
	cls, err := c.opts.Intake.Classifier.Classify(ctx, t.Body, conv.Language)
	if err != nil {
		return "", fmt.Errorf("classify: %w", err)
	}
	switch {
	case cls.Emergency:
		conv.Text = joinText(conv.Text, t.Body)
		conv.locate(cls.Location)
		return c.create(ctx, t, num, conv, true)
	case conv.Stage == stageService:
		c.answerService(t, conv, cls)
	case conv.Stage == stageLocation:
		answerLocation(t, conv, cls)
	}
	return c.next(ctx, t, num, conv)
}

// answerService reads a choice: a number from the list, or words.
func (c *Channel) answerService(t text, conv *conversation, cls cases.Classification) {
	conv.Chosen = true
	if i, err := strconv.Atoi(strings.Trim(t.Body, " .)")); err == nil {
		conv.Service = conv.Fallback
		if i >= 1 && i <= len(conv.Choices) {
			conv.Service = conv.Choices[i-1]
		}
		return
	}
	conv.Text = joinText(conv.Text, t.Body)
	conv.Service = conv.Fallback
	if c.confident(cls) {
		conv.Service = cls.ServiceCode
	}
	if conv.Address == "" {
		conv.locate(cls.Location)
	}
}

// answerLocation reads a place into the address. Words that name no place
// are asked about once more, then kept as they are: a resident is never
// stuck.
func answerLocation(t text, conv *conversation, cls cases.Classification) {
	switch {
	case cls.Location != nil:
		conv.locate(cls.Location)
	case conv.Tries > 0 && t.Body != "":
		conv.Address = t.Body
	default:
		conv.Tries++
	}
}

// locate takes the address from a place found in a text, if any.
func (conv *conversation) locate(l *cases.Location) {
	if l != nil {
		conv.Address = firstNonEmpty(l.Normalized, l.Text)
	}
}

// create submits the report and ends the conversation. The
// acknowledgement with the tracking number goes through the outbox; an
// emergency also gets an immediate reply.
func (c *Channel) create(ctx context.Context, t text, num *number, conv *conversation, emergency bool) (string, error) {
	r := cases.Report{Channel: SMSChannel, ExternalID: conv.SID, Text: conv.Text, Address: conv.Address,
		Language: conv.Language, Media: conv.Media,
		Contact: &cases.Contact{Channel: SMSChannel, Address: t.From, Language: conv.Language, Consent: !num.OptedOut}}
	if conv.Chosen || r.Text == "" {
		r.ServiceCode = firstNonEmpty(conv.Service, conv.Fallback)
	}
	if _, _, err := c.opts.Intake.Submit(ctx, r); err != nil {
		return "", wrapIntake(err)
	}
	c.changed()
	reply := ""
	if emergency {
		reply = c.quiet(num, say(conv.Language, "emergency"))
	}
	if conv.Stage == "" {
		return reply, nil
	}
	// The finished conversation is kept a little while, so that Twilio
	// retrying the last answer gets the same reply, not a new report.
	conv.Stage = stageDone
	return reply, c.saveConversation(ctx, t.From, conv, t.SID, reply)
}

// addToCase keeps a follow-up text on the resident's open case.
func (c *Channel) addToCase(ctx context.Context, t text, num *number, open *cases.Case, lang string) (string, error) {
	at := c.opts.Now().UTC()
	msg := cases.Message{Direction: cases.Inbound, Channel: SMSChannel, Address: t.From, ProviderID: t.SID,
		Text: t.Body, At: at, DeliveryStatus: cases.DeliveryReceived}
	_, err := c.opts.Store.UpdateCase(ctx, open.Tracking, func(*cases.Case) (*cases.Update, error) {
		return &cases.Update{At: at, Messages: []cases.Message{msg}, Media: t.Media}, nil
	})
	if err != nil {
		return "", wrapStore("add message", err)
	}
	return c.quiet(num, say(lang, "added", open.Tracking.Spoken())), nil
}

// openCase returns the newest case of addr not yet done, or nil.
func (c *Channel) openCase(ctx context.Context, addr string) (*cases.Case, error) {
	open, err := c.openCases(ctx, addr, 1)
	if err != nil || len(open) == 0 {
		return nil, err
	}
	return open[0], nil
}

// openCases returns up to n of the newest cases of addr not yet done.
// The store is asked by contact only, without a status filter, so that it
// looks up the number's few cases rather than scanning every open one.
func (c *Channel) openCases(ctx context.Context, addr string, n int) ([]*cases.Case, error) {
	page, err := c.opts.Store.FindCases(ctx, cases.Filter{ContactChannel: SMSChannel, ContactAddress: addr, Limit: 20})
	if err != nil {
		return nil, wrapStore("find open cases", err)
	}
	var open []*cases.Case
	for _, k := range page.Cases {
		if !k.Status.Done() && len(open) < n {
			open = append(open, k)
		}
	}
	return open, nil
}

// wrapIntake marks intake failures of the store as store failures.
func wrapIntake(err error) error {
	if errors.Is(err, cases.ErrUnavailable) {
		return wrapStore("intake", err)
	}
	return fmt.Errorf("intake: %w", err)
}

func joinText(a, b string) string {
	if b == "" {
		return a
	}
	if a == "" {
		return b
	}
	return a + "\n" + b
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// maxChoices is how many services a resident is offered: a short list
// reads well on a phone.
const maxChoices = 6

// choices are the services offered when a text is unclear: the ones the
// classifier thought possible first, then the configured ones, without
// the triage service (that is "something else").
func (c *Channel) choices(suggested []string, triage string) []string {
	var out []string
	for _, code := range append(slices.Clone(suggested), c.opts.Choices...) {
		if code != triage && !slices.Contains(out, code) && len(out) < maxChoices {
			out = append(out, code)
		}
	}
	return out
}

// serviceQuestion lists the choices, numbered, in the resident's language.
func (c *Channel) serviceQuestion(conv *conversation) string {
	var b strings.Builder
	b.WriteString(say(conv.Language, "ask.service"))
	for i, code := range conv.Choices {
		fmt.Fprintf(&b, "\n%d %s", i+1, c.serviceName(code, conv.Language))
	}
	b.WriteString("\n" + say(conv.Language, "ask.service.other"))
	return b.String()
}

func (c *Channel) serviceName(code, lang string) string {
	if c.opts.ServiceName == nil {
		return code
	}
	return c.opts.ServiceName(code, lang)
}
