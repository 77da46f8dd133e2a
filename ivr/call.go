package ivr

import (
	"cmp"
	"context"
)

// call is one turn of one call: the engine, the call's id and its state.
type call struct {
	e  *Engine
	id string
	st *state
	// restarted is set when the stored state could not be continued: the
	// caller's answer was to a question that is gone.
	restarted bool
}

// stage is one question the engine can ask: how to ask it, and what to
// do with the answer.
type stage struct {
	ask    func(ctx context.Context, c *call) (Step, error)
	answer func(ctx context.Context, c *call, a answer) (Step, error)
	// free marks an answer in the caller's own words: the Always options
	// then need the whole answer to be one of their phrases.
	free bool
	// raw stages take no options at all (a recording).
	raw bool
	// silenceEnds ends the call on no input rather than asking again.
	silenceEnds bool
	// draft stages work on a report being made (state.Draft).
	draft bool
}

// The names of the stages.
const (
	stageMenu     = "menu"
	stageEnded    = "ended"
	stageDescribe = "report.describe"
	stageService  = "report.service"
	stageChoose   = "report.choose"
	stageLocation = "report.location"
	stagePlace    = "report.place"
	stageDetails  = "report.details"
	stageRecord   = "report.record"
	stageUpdates  = "report.updates"
	stageDone     = "report.done"
	stageMessage  = "message.record"
	stageNumber   = "status.number"
	stageResult   = "status.result"
)

// stageTable lists every stage. It is built by a function because the
// stages refer back to the engine.
func stageTable() map[string]stage {
	return map[string]stage{
		stageMenu:     {ask: askMenu, answer: answerMenu},
		stageEnded:    {ask: askEnded, answer: answerEnded, raw: true},
		stageDescribe: {ask: askDescribe, answer: answerDescribe, free: true, draft: true},
		stageService:  {ask: askService, answer: answerService, draft: true},
		stageChoose:   {ask: askChoose, answer: answerChoose, draft: true},
		stageLocation: {ask: askLocation, answer: answerLocation, free: true, draft: true},
		stagePlace:    {ask: askPlace, answer: answerPlace, draft: true},
		stageDetails:  {ask: askDetails, answer: answerDetails, draft: true},
		stageRecord:   {ask: askRecord, answer: answerRecord, raw: true, draft: true},
		stageUpdates:  {ask: askUpdates, answer: answerUpdates, draft: true},
		stageDone:     {ask: askDone, answer: answerDone, silenceEnds: true},
		stageMessage:  {ask: askMessage, answer: answerMessage, raw: true, draft: true},
		stageNumber:   {ask: askNumber, answer: answerNumber},
		stageResult:   {ask: askResult, answer: answerResult, silenceEnds: true},
	}
}

// next handles the caller's answer to the current question.
func (c *call) next(ctx context.Context, in Input) (Step, error) {
	s := c.e.stages[c.st.Stage]
	a := read(in)
	if s.raw {
		return s.answer(ctx, c, a)
	}
	if o := c.always(a, s.free); o != nil {
		return c.do(ctx, o)
	}
	if a.none() && s.silenceEnds {
		return c.hangup(), nil
	}
	return s.answer(ctx, c, a)
}

// ask asks the current question.
func (c *call) ask(ctx context.Context) (Step, error) {
	return c.e.stages[c.st.Stage].ask(ctx, c)
}

// enter moves to a stage and asks its question.
func (c *call) enter(ctx context.Context, stage string) (Step, error) {
	c.st.Stage, c.st.Tries = stage, 0
	return c.ask(ctx)
}

// retry asks again after no input or an answer that fits nothing, with
// an apology; when the retries are used up the caller goes to an agent.
func (c *call) retry(ctx context.Context, a answer) (Step, error) {
	key := "no_match"
	if a.none() {
		key = "no_input"
	}
	return c.retryWith(ctx, c.say(key))
}

// retryWith asks again after saying p.
func (c *call) retryWith(ctx context.Context, p Prompt) (Step, error) {
	c.st.Tries++
	if c.st.Tries > c.e.menu.Retries {
		return c.agent(""), nil
	}
	s, err := c.ask(ctx)
	return s.with(p), err
}

// agent transfers the call to number, or to the agent's number.
func (c *call) agent(number string) Step {
	c.st.Stage = stageEnded
	number = cmp.Or(number, c.e.opts.AgentNumber)
	if number == "" {
		return Step{Say: []Prompt{c.say("agent_unavailable"), c.say("goodbye")}, Hangup: true}
	}
	return Step{Say: []Prompt{c.say("agent")}, Dial: number}
}

// hangup says goodbye and ends the call.
func (c *call) hangup() Step {
	c.st.Stage = stageEnded
	return Step{Say: []Prompt{c.say("goodbye")}, Hangup: true}
}

// The ended stage answers anything after a transfer or goodbye with
// goodbye.
func askEnded(_ context.Context, c *call) (Step, error) { return c.hangup(), nil }

func answerEnded(_ context.Context, c *call, _ answer) (Step, error) { return c.hangup(), nil }
