package ivr

import (
	"context"
	"fmt"
)

func askLocation(_ context.Context, c *call) (Step, error) {
	return c.question(nil, c.say("report.location")), nil
}

// answerLocation looks for a place in the caller's words. When none is
// found after the retries, the words are kept as they were said: staff
// can make sense of them, and the caller is not stuck.
func answerLocation(ctx context.Context, c *call, a answer) (Step, error) {
	if a.text == "" {
		return c.retry(ctx, a)
	}
	cls, err := c.e.opts.Classifier.Classify(ctx, a.text, c.st.Lang)
	if err != nil {
		return Step{}, fmt.Errorf("locate: %w", err)
	}
	d := c.st.Draft
	if cls.Location != nil {
		d.locate(cls.Location)
		return c.enter(ctx, stagePlace)
	}
	if c.st.Tries >= c.e.menu.Retries {
		d.Place, d.Address = a.text, a.text
		return c.enter(ctx, stageDetails)
	}
	c.st.Tries++
	return c.question(nil, c.say("report.location_again")), nil
}

func askPlace(_ context.Context, c *call) (Step, error) {
	return c.yesNoQuestion(c.say("report.place", "place", c.st.Draft.Place)), nil
}

func answerPlace(ctx context.Context, c *call, a answer) (Step, error) {
	yes, ok := c.yesNo(a)
	switch {
	case !ok:
		return c.retry(ctx, a)
	case yes:
		return c.enter(ctx, stageDetails)
	}
	d := c.st.Draft
	d.Place, d.Address, d.Lat, d.Lon = "", "", nil, nil
	return c.enter(ctx, stageLocation)
}

func askDetails(_ context.Context, c *call) (Step, error) {
	return c.yesNoQuestion(c.say("report.details")), nil
}

// answerDetails records details on yes; no, or silence, skips them.
func answerDetails(ctx context.Context, c *call, a answer) (Step, error) {
	yes, ok := c.yesNo(a)
	switch {
	case a.none() || ok && !yes:
		return c.updates(ctx)
	case !ok:
		return c.retry(ctx, a)
	}
	return c.enter(ctx, stageRecord)
}

func askRecord(_ context.Context, c *call) (Step, error) {
	return c.record(c.say("report.record")), nil
}

func answerRecord(ctx context.Context, c *call, a answer) (Step, error) {
	c.st.Draft.Recording = a.recording
	return c.updates(ctx)
}
