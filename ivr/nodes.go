package ivr

import (
	"context"
	"slices"
)

func askMenu(_ context.Context, c *call) (Step, error) {
	return c.menuStep(true), nil
}

func answerMenu(ctx context.Context, c *call, a answer) (Step, error) {
	n := c.e.menu.Nodes[c.st.Node]
	for i := range n.Options {
		if c.chooses(&n.Options[i], a, false) {
			return c.do(ctx, &n.Options[i])
		}
	}
	return c.retry(ctx, a)
}

// always returns the Always option the answer chooses, or nil.
func (c *call) always(a answer, exact bool) *Option {
	for i := range c.e.menu.Always {
		if c.chooses(&c.e.menu.Always[i], a, exact) {
			return &c.e.menu.Always[i]
		}
	}
	return nil
}

// chooses reports whether the answer picks o: its key, or one of its
// phrases in the call's language (a language option's phrases count in
// every language).
func (c *call) chooses(o *Option, a answer, exact bool) bool {
	if a.digits != "" {
		return a.digits == o.Digits
	}
	if a.speech == "" {
		return false
	}
	if o.Action != ActionLanguage {
		return saysAny(a.speech, o.Speech[c.st.Lang], exact)
	}
	for _, phrases := range o.Speech {
		if saysAny(a.speech, phrases, exact) {
			return true
		}
	}
	return false
}

// menuStep offers the current node's options, after what the node says
// when intro is set.
func (c *call) menuStep(intro bool) Step {
	n := c.e.menu.Nodes[c.st.Node]
	if n.EveryLanguage {
		return c.question(c.hints(n), c.everyLanguage(n)...)
	}
	var say []Prompt
	if intro {
		say = append(say, Prompt{c.text(n.Say), c.st.Lang})
	}
	for _, o := range slices.Concat(n.Options, c.e.menu.Always) {
		say = append(say, c.prompt(&o))
	}
	return c.question(c.hints(n), say...)
}

// everyLanguage says a node in each language in turn, each with the
// prompts of its options in that language.
func (c *call) everyLanguage(n *Node) []Prompt {
	var say []Prompt
	for _, l := range c.e.menu.Languages {
		say = append(say, Prompt{n.Say[l], l})
		for i := range n.Options {
			if p := c.prompt(&n.Options[i]); p.Language == l {
				say = append(say, p)
			}
		}
	}
	return say
}

// prompt tells the caller about an option, in the language it leads to
// for a language option.
func (c *call) prompt(o *Option) Prompt {
	lang := c.st.Lang
	if o.Action == ActionLanguage {
		lang = c.e.menu.languageOf(o, lang)
	}
	return Prompt{o.Prompt[lang], lang}
}

// hints are the phrases of a node's options in the call's language, or in
// every language for a node said in every language.
func (c *call) hints(n *Node) []string {
	var hints []string
	for _, o := range slices.Concat(n.Options, c.e.menu.Always) {
		if !n.EveryLanguage {
			hints = append(hints, o.Speech[c.st.Lang]...)
			continue
		}
		for _, l := range c.e.menu.Languages {
			hints = append(hints, o.Speech[l]...)
		}
	}
	return hints
}

// do carries out the action of an option.
func (c *call) do(ctx context.Context, o *Option) (Step, error) {
	return actions[o.Action].do(ctx, c, o)
}
