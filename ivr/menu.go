package ivr

import "time"

// Menu is a validated voice menu. Get one from Parse or Demo; New does not
// check a Menu built by hand.
type Menu struct {
	// Languages the menu speaks, the default first.
	Languages []string
	// Start is the node a call begins at.
	Start string
	// Retries is how many times a question is asked again after no input
	// or an answer that fits no option, before the caller goes to an agent.
	Retries int
	// Timeout is how long to wait for a caller's answer.
	Timeout time.Duration
	// RecordMax bounds a recorded message.
	RecordMax time.Duration
	// Always are options every node and every question offers, such as
	// "press star to hear this again" and "press 0 for an agent".
	Always []Option
	// Nodes by id.
	Nodes map[string]*Node
	// Phrases are the texts of the built-in dialogues (reporting a problem,
	// checking a status), by key; DemoYAML lists every key. A phrase a
	// file leaves out keeps the demo's text in the languages it has.
	Phrases map[string]Text
	// Words are what callers say to answer the built-in questions, by
	// meaning and then language: "yes" and "no" (also 1 and 2 on the
	// keypad), "call" and "text" (how to hear about progress, also 1 and
	// 2). A meaning or language a file leaves out keeps the demo's words.
	Words map[string]map[string][]string
	// Report tunes the report-a-problem dialogue.
	Report ReportOptions
}

// ReportOptions tune the report-a-problem dialogue.
type ReportOptions struct {
	// Services are offered, after the ones the classifier suggests, to a
	// caller who says the service it heard is wrong.
	Services []string `yaml:"services"`
	// Other is the service of a problem that fits no offered service.
	Other string `yaml:"other"`
}

// Text is something to say, by language.
type Text map[string]string

// Node is one menu: what is said on arriving, and the options.
type Node struct {
	ID  string `yaml:"-"`
	Say Text   `yaml:"say"`
	// EveryLanguage says the node, and each option, in every language of
	// the menu, as a language choice does. The Always options of such a
	// node work but are not read out.
	EveryLanguage bool     `yaml:"every_language"`
	Options       []Option `yaml:"options"`
}

// Option is one choice of a node.
type Option struct {
	// Digits is the key that chooses it: 0-9, * or #.
	Digits string `yaml:"digits"`
	// Speech lists phrases that choose it, by language.
	Speech map[string][]string `yaml:"speech"`
	// Prompt tells the caller about it ("To report a problem, press 1.").
	// A language option's prompt is said in the language it chooses.
	Prompt Text   `yaml:"prompt"`
	Action Action `yaml:"action"`
	// Target is the node to go to (ActionMenu; optional for
	// ActionLanguage).
	Target string `yaml:"target"`
	// Language is the language ActionLanguage switches to, or "next" for
	// the menu's next language.
	Language string `yaml:"language"`
	// Info is what ActionInfo says.
	Info Text `yaml:"info"`
	// Service is the service code of the case a recorded message
	// (ActionRecord) becomes.
	Service string `yaml:"service"`
	// Number overrides the agent's number for ActionAgent.
	Number string `yaml:"number"`
}

// Action is what choosing an option does.
type Action string

// The actions of options.
const (
	ActionMenu     Action = "menu"     // go to Target
	ActionLanguage Action = "language" // speak Language from now on, then go to Target if set
	ActionReport   Action = "report"   // report a problem
	ActionStatus   Action = "status"   // check a request's status
	ActionInfo     Action = "info"     // say Info, then offer the node's options again
	ActionRecord   Action = "record"   // record a message, kept on a new case
	ActionAgent    Action = "agent"    // transfer the call to an agent
	ActionRepeat   Action = "repeat"   // say the question again
	ActionBack     Action = "back"     // go back to the previous node
	ActionHangup   Action = "hangup"   // say goodbye and hang up
)

// nextLanguage is the Language of an option that moves to the menu's next
// language.
const nextLanguage = "next"

// languageOf returns the language a language option switches to from lang.
func (m *Menu) languageOf(o *Option, lang string) string {
	if o.Language != nextLanguage {
		return o.Language
	}
	for i, l := range m.Languages {
		if l == lang {
			return m.Languages[(i+1)%len(m.Languages)]
		}
	}
	return m.Languages[0]
}
