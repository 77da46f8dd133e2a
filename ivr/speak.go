package ivr

import (
	"slices"
	"strings"
	"time"
)

// text returns t in the call's language, or in the menu's default one.
func (c *call) text(t Text) string {
	if s, ok := t[c.st.Lang]; ok {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(t[c.e.menu.Languages[0]])
}

// say returns a phrase in the call's language with its placeholders
// filled from pairs of name and value.
func (c *call) say(key string, pairs ...string) Prompt {
	return Prompt{Text: fill(c.text(c.e.menu.Phrases[key]), pairs...), Language: c.st.Lang}
}

// with returns s with p said first.
func (s Step) with(p ...Prompt) Step {
	s.Say = merge(append(p, s.Say...))
	return s
}

// merge joins prompts in the same language that follow each other, so a
// channel speaks them in one go.
func merge(ps []Prompt) []Prompt {
	out := ps[:0:0]
	for _, p := range ps {
		if p.Text == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Language == p.Language {
			out[n-1].Text += " " + p.Text
			continue
		}
		out = append(out, p)
	}
	return out
}

// question is a step that says ps and waits for one key or a few words.
func (c *call) question(hints []string, ps ...Prompt) Step {
	return Step{Say: merge(ps), Gather: &Gather{
		DTMF: true, Speech: true, Language: c.st.Lang, Hints: hints,
		Timeout: c.e.menu.Timeout, NumDigits: 1,
	}}
}

// yesNoQuestion asks a question answered by 1 or yes, 2 or no.
func (c *call) yesNoQuestion(ps ...Prompt) Step {
	return c.eitherQuestion("yes", "no", ps...)
}

// eitherQuestion asks a question answered by 1 or a word of first, 2 or a
// word of second.
func (c *call) eitherQuestion(first, second string, ps ...Prompt) Step {
	words := c.e.menu.Words
	return c.question(slices.Concat(words[first][c.st.Lang], words[second][c.st.Lang]), ps...)
}

// record is a step that says ps and records a message.
func (c *call) record(ps ...Prompt) Step {
	return Step{Say: merge(ps), Record: &Record{
		MaxLength: c.e.menu.RecordMax, Timeout: max(c.e.menu.Timeout, 5*time.Second), FinishOnKey: "#",
	}}
}
