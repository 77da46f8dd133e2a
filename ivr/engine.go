package ivr

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/intake311/intake311/cases"
)

// StateScope is the cases.StateStore scope of calls in progress; the key
// is the provider's call id.
const StateScope = "ivr-call"

// Options configure an Engine. Store and Intake are required.
type Options struct {
	// Store keeps the state of calls in progress.
	Store cases.StateStore
	// Intake files the cases callers report.
	Intake *cases.Intake
	// Cases answers status checks; nil uses Intake.Store.
	Cases cases.CaseStore
	// Classifier reads what a caller says about a problem and where it
	// is; nil uses Intake.Classifier.
	Classifier cases.Classifier
	// ServiceName names a service in a language; nil says the code.
	ServiceName func(code, language string) string
	// Services are the service codes of the catalogue. Their names help
	// speech recognition while a caller describes a problem
	// (Gather.Hints), and New checks that the services the menu names are
	// among them. Nil checks nothing and gives no hints.
	Services []string
	// AgentNumber is where calls are transferred to reach a person
	// (E.164). Empty: callers who ask for one are told no one can answer
	// and the call ends.
	AgentNumber string
	// TTL is how long an idle call's state is kept; 0 means 2 hours.
	TTL time.Duration
}

// Engine walks calls through a menu. It is safe for concurrent use; the
// state of each call is in the store, so any replica may serve any turn
// of any call.
type Engine struct {
	menu   *Menu
	opts   Options
	stages map[string]stage
}

// New returns an Engine for menu.
func New(menu *Menu, opts Options) (*Engine, error) {
	switch {
	case menu == nil:
		return nil, errors.New("ivr: no menu")
	case opts.Store == nil:
		return nil, errors.New("ivr: no state store")
	case opts.Intake == nil:
		return nil, errors.New("ivr: no intake")
	}
	if err := knownServices(menu, opts.Services); err != nil {
		return nil, err
	}
	return &Engine{menu: menu, opts: opts.withDefaults(), stages: stageTable()}, nil
}

func (o Options) withDefaults() Options {
	if o.Cases == nil {
		o.Cases = o.Intake.Store
	}
	if o.Classifier == nil {
		o.Classifier = o.Intake.Classifier
	}
	if o.ServiceName == nil {
		o.ServiceName = func(code, _ string) string { return code }
	}
	if o.TTL <= 0 {
		o.TTL = 2 * time.Hour
	}
	return o
}

// knownServices checks that the services menu names are in the
// catalogue, when there is one.
func knownServices(menu *Menu, catalogue []string) error {
	if len(catalogue) == 0 {
		return nil
	}
	named := append([]string{menu.Report.Other}, menu.Report.Services...)
	for _, n := range menu.Nodes {
		for _, o := range n.Options {
			named = append(named, o.Service)
		}
	}
	for _, code := range named {
		if code != "" && !slices.Contains(catalogue, code) {
			return fmt.Errorf("ivr: the menu names service %q, which is not in the catalogue", code)
		}
	}
	return nil
}

// Start begins a call from the number from (E.164, or "" if withheld) and
// returns its first step. Starting a call id again starts it over.
func (e *Engine) Start(ctx context.Context, callID, from string) (Step, error) {
	_, version, err := e.opts.Store.GetState(ctx, StateScope, callID)
	if err != nil && !errors.Is(err, cases.ErrNotFound) {
		return e.failure(""), fmt.Errorf("start call: %w", err)
	}
	c := &call{e: e, id: callID, st: e.fresh(from)}
	return e.turn(ctx, c, version, func() (Step, error) { return c.ask(ctx) })
}

// Next takes what the caller did in answer to the last step and returns
// the next one. A call the store does not know (never started, or idle
// past the TTL) starts over.
//
// On error the returned Step is still fit to play: an apology and a
// transfer to an agent (or goodbye). The call's state is then left as it
// was, so the same turn may be tried again.
func (e *Engine) Next(ctx context.Context, callID string, in Input) (Step, error) {
	c, version, err := e.load(ctx, callID)
	if errors.Is(err, cases.ErrNotFound) {
		return e.Start(ctx, callID, "")
	}
	if err != nil {
		return e.failure(""), err
	}
	return e.turn(ctx, c, version, func() (Step, error) {
		if c.restarted {
			return c.ask(ctx)
		}
		return c.next(ctx, in)
	})
}

// End forgets a call, for when the provider reports it over.
func (e *Engine) End(ctx context.Context, callID string) error {
	if err := e.opts.Store.DeleteState(ctx, StateScope, callID); err != nil {
		return fmt.Errorf("end call: %w", err)
	}
	return nil
}

// turn runs one turn of c and saves its state over version.
func (e *Engine) turn(ctx context.Context, c *call, version int64, run func() (Step, error)) (Step, error) {
	step, err := guard(run)
	if err != nil {
		return e.failure(c.st.Lang), err
	}
	if err := e.save(ctx, c, version); err != nil {
		return e.failure(c.st.Lang), err
	}
	return step, nil
}

// guard runs a turn, turning a panic into an error: a caller must hear
// an answer whatever happens.
func guard(run func() (Step, error)) (step Step, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("turn: %v", p)
		}
	}()
	return run()
}

// failure is the step played when a turn fails: an apology, then an agent
// or goodbye.
func (e *Engine) failure(lang string) Step {
	c := &call{e: e, st: e.fresh("")}
	if lang != "" {
		c.st.Lang = lang
	}
	return c.agent("").with(c.say("error"))
}
