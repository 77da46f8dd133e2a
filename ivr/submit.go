package ivr

import (
	"context"
	"fmt"
	"strconv"

	"github.com/intake311/intake311/cases"
)

// Channel is the name of the channel of the cases callers make, and of
// the contacts who want phone calls about them.
const Channel = "voice"

// smsChannel names the contacts who want text messages.
const smsChannel = "sms"

// updates asks how the caller wants to hear about progress, or files the
// case at once when their number is unknown.
func (c *call) updates(ctx context.Context) (Step, error) {
	if c.st.From == "" {
		return c.submit(ctx)
	}
	return c.enter(ctx, stageUpdates)
}

func askUpdates(_ context.Context, c *call) (Step, error) {
	return c.eitherQuestion("call", "text", c.say("report.updates")), nil
}

// answerUpdates takes 1, a call word or silence for phone calls, 2 or a
// text word for text messages, and files the case.
func answerUpdates(ctx context.Context, c *call, a answer) (Step, error) {
	byCall, ok := c.either(a, "call", "text")
	if !ok && !a.none() {
		return c.retry(ctx, a)
	}
	c.st.Draft.SMS = ok && !byCall
	return c.submit(ctx)
}

// submit files the case and reads its number back.
func (c *call) submit(ctx context.Context) (Step, error) {
	cs, _, err := c.e.opts.Intake.Submit(ctx, c.report())
	if err != nil {
		return Step{}, fmt.Errorf("submit: %w", err)
	}
	c.st.Tracking, c.st.Draft = string(cs.Tracking), nil
	c.st.Filed++
	return c.enter(ctx, stageDone)
}

// report is the draft as a report from this call.
func (c *call) report() cases.Report {
	d := c.st.Draft
	r := cases.Report{
		Channel: Channel, ExternalID: c.externalID(), Text: d.Text, Address: d.Address,
		Lat: d.Lat, Lon: d.Lon, ServiceCode: d.Service, Language: c.st.Lang,
	}
	if d.Recording != "" {
		r.Media = []cases.Media{{URL: d.Recording, Name: "recording"}}
	}
	if c.st.From != "" {
		r.Contact = &cases.Contact{Channel: Channel, Address: c.st.From, Language: c.st.Lang, ThreadRef: c.id, Consent: true}
		if d.SMS {
			r.Contact.Channel, r.Contact.ThreadRef = smsChannel, ""
		}
	}
	return r
}

// externalID is the provider id of the next case of this call: the call
// id for the first, then "<call id>/2", "/3"... So a turn retried after a
// failure files nothing twice, and a second report is a case of its own.
func (c *call) externalID() string {
	if c.st.Filed == 0 {
		return c.id
	}
	return c.id + "/" + strconv.Itoa(c.st.Filed+1)
}

func askDone(_ context.Context, c *call) (Step, error) {
	number := spokenNumber(c.st.Tracking)
	return c.yesNoQuestion(c.say("report.done", "number", number), c.say("report.after")), nil
}

// answerDone goes back to the menu on yes, and says goodbye on no.
func answerDone(ctx context.Context, c *call, a answer) (Step, error) {
	yes, ok := c.yesNo(a)
	switch {
	case !ok:
		return c.retry(ctx, a)
	case yes:
		return c.enter(ctx, stageMenu)
	}
	return c.hangup(), nil
}

func askMessage(_ context.Context, c *call) (Step, error) {
	return c.record(c.say("message.record")), nil
}

// answerMessage keeps a recorded message and asks how to send updates.
func answerMessage(ctx context.Context, c *call, a answer) (Step, error) {
	if a.recording == "" {
		return c.retry(ctx, a)
	}
	d := c.st.Draft
	d.Recording, d.Text = a.recording, c.say("message.description").Text
	return c.updates(ctx)
}
