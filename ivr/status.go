package ivr

import (
	"context"
	"errors"
	"fmt"

	"github.com/intake311/intake311/cases"
)

func askNumber(_ context.Context, c *call) (Step, error) {
	return Step{Say: []Prompt{c.say("status.number")}, Gather: &Gather{
		DTMF: true, Language: c.st.Lang, Timeout: 2 * c.e.menu.Timeout, FinishOnKey: "#",
	}}, nil
}

// answerNumber checks the keyed-in number, then looks the case up.
func answerNumber(ctx context.Context, c *call, a answer) (Step, error) {
	if a.digits == "" {
		return c.retry(ctx, a)
	}
	tn, err := cases.ParseTrackingNumber(a.digits)
	if err != nil {
		return c.retryWith(ctx, c.say("status.bad"))
	}
	cs, err := c.e.opts.Cases.Case(ctx, tn)
	if errors.Is(err, cases.ErrNotFound) {
		return c.retryWith(ctx, c.say("status.unknown", "number", spokenNumber(string(tn))))
	}
	if err != nil {
		return Step{}, fmt.Errorf("look up case: %w", err)
	}
	c.st.Tracking, c.st.Stage, c.st.Tries = string(tn), stageResult, 0
	return c.result(cs), nil
}

// askResult looks the case up again, so a repeat gives the latest news.
func askResult(ctx context.Context, c *call) (Step, error) {
	cs, err := c.e.opts.Cases.Case(ctx, cases.TrackingNumber(c.st.Tracking))
	if err != nil {
		return Step{}, fmt.Errorf("look up case: %w", err)
	}
	return c.result(cs), nil
}

// result says the status of a case and its latest public note.
func (c *call) result(cs *cases.Case) Step {
	status := c.say("status." + string(cs.Status)).Text
	say := []Prompt{c.say("status.result", "number", spokenNumber(string(cs.Tracking)), "status", status)}
	if note := cs.LatestPublicNote(); note != "" {
		say = append(say, c.say("status.note", "note", note))
	}
	return c.yesNoQuestion(append(say, c.say("status.after"))...)
}

// answerResult checks another number on 1, and goes back to the menu
// on 2.
func answerResult(ctx context.Context, c *call, a answer) (Step, error) {
	yes, ok := c.yesNo(a)
	switch {
	case !ok:
		return c.retry(ctx, a)
	case yes:
		return c.enter(ctx, stageNumber)
	}
	return c.enter(ctx, stageMenu)
}
