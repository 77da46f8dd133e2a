package ivr

import "context"

// actionSpec is what an action requires of its option, and what it does.
type actionSpec struct {
	target, info, service bool // the option needs a Target, Info or Service
	do                    func(ctx context.Context, c *call, o *Option) (Step, error)
}

// actions lists every action.
var actions = map[Action]actionSpec{
	ActionMenu:     {target: true, do: toMenu},
	ActionLanguage: {do: toLanguage},
	ActionReport:   {do: toReport},
	ActionStatus:   {do: toStatus},
	ActionInfo:     {info: true, do: toInfo},
	ActionRecord:   {service: true, do: toMessage},
	ActionAgent:    {do: toAgent},
	ActionRepeat:   {do: repeat},
	ActionBack:     {do: back},
	ActionHangup:   {do: hangup},
}

// maxBack bounds how many nodes a call remembers for going back.
const maxBack = 16

// toMenu goes to the option's target, remembering the way back.
func toMenu(ctx context.Context, c *call, o *Option) (Step, error) {
	c.st.Back = append(c.st.Back, c.st.Node)
	if len(c.st.Back) > maxBack {
		c.st.Back = c.st.Back[1:]
	}
	c.st.Node = o.Target
	return c.enter(ctx, stageMenu)
}

// toLanguage switches the call's language and goes to the option's
// target, if it has one.
func toLanguage(ctx context.Context, c *call, o *Option) (Step, error) {
	c.st.Lang = c.e.menu.languageOf(o, c.st.Lang)
	if o.Target != "" {
		c.st.Node = o.Target
	}
	return c.enter(ctx, stageMenu)
}

func toReport(ctx context.Context, c *call, _ *Option) (Step, error) {
	c.st.Draft = &draft{}
	return c.enter(ctx, stageDescribe)
}

func toStatus(ctx context.Context, c *call, _ *Option) (Step, error) {
	return c.enter(ctx, stageNumber)
}

// toInfo says the information, then the node's options again.
func toInfo(_ context.Context, c *call, o *Option) (Step, error) {
	c.st.Stage = stageMenu
	return c.menuStep(false).with(Prompt{c.text(o.Info), c.st.Lang}), nil
}

func toMessage(ctx context.Context, c *call, o *Option) (Step, error) {
	c.st.Draft = &draft{Message: true, Service: o.Service}
	return c.enter(ctx, stageMessage)
}

func toAgent(_ context.Context, c *call, o *Option) (Step, error) {
	return c.agent(o.Number), nil
}

// repeat asks the current question again.
func repeat(ctx context.Context, c *call, _ *Option) (Step, error) {
	return c.ask(ctx)
}

// back leaves a dialogue for its menu, or a menu for the one before it.
func back(ctx context.Context, c *call, _ *Option) (Step, error) {
	if c.st.Stage == stageMenu && len(c.st.Back) > 0 {
		last := len(c.st.Back) - 1
		c.st.Node, c.st.Back = c.st.Back[last], c.st.Back[:last]
	}
	c.st.Draft = nil
	return c.enter(ctx, stageMenu)
}

func hangup(_ context.Context, c *call, _ *Option) (Step, error) {
	return c.hangup(), nil
}
