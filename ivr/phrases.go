package ivr

import (
	"regexp"
	"strings"
)

// phraseKeys lists the phrases of the built-in dialogues a menu gives in
// each of its languages, with the placeholders each may use.
var phraseKeys = map[string][]string{
	"no_input":          nil, // the caller said nothing
	"no_match":          nil, // the answer fits no option
	"agent":             nil, // before a transfer
	"agent_unavailable": nil, // no agent number is configured
	"goodbye":           nil,
	"error":             nil, // something failed on the city's side

	"report.describe":       nil,
	"report.service":        {"service"}, // is it about this service?
	"report.choose":         nil,         // before the short list
	"report.choice":         {"service", "digit"},
	"report.other":          {"digit"},
	"report.location":       nil,
	"report.location_again": nil,       // no place was heard
	"report.place":          {"place"}, // is this the place?
	"report.details":        nil,       // offer to record details
	"report.record":         nil,
	"report.updates":        nil, // phone call or text message?
	"report.emergency":      nil,
	"report.done":           {"number"},
	"report.after":          nil,

	"message.record":      nil,
	"message.description": nil, // the description of a case made from a message

	"status.number":  nil,
	"status.bad":     nil, // the check digit is wrong
	"status.unknown": {"number"},
	"status.result":  {"number", "status"},
	"status.note":    {"note"},
	"status.after":   nil,

	"status.open":        nil,
	"status.assigned":    nil,
	"status.in_progress": nil,
	"status.on_hold":     nil,
	"status.resolved":    nil,
	"status.closed":      nil,
}

var placeholder = regexp.MustCompile(`\{([a-z_]+)\}`)

// fill replaces the placeholders of text: pairs of name and value.
func fill(text string, pairs ...string) string {
	if len(pairs) == 0 || !strings.Contains(text, "{") {
		return text
	}
	old := make([]string, len(pairs))
	for i := 0; i < len(pairs); i += 2 {
		old[i], old[i+1] = "{"+pairs[i]+"}", pairs[i+1]
	}
	return strings.NewReplacer(old...).Replace(text)
}

// spokenNumber writes a tracking number so that a voice reads it digit by
// digit, in its three groups: "1 2 3, 4 5 6, 7 8 9 0".
func spokenNumber(n string) string {
	var b strings.Builder
	for i, r := range n {
		switch {
		case i == 0:
		case len(n) == 10 && (i == 3 || i == 6):
			b.WriteString(", ")
		default:
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}
