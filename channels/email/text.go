package email

import (
	"strings"
	"unicode/utf8"

	"github.com/intake311/intake311/cases"
)

// replyText is what a reply adds to its case: the visible body, or the
// subject when the body is empty.
func replyText(p *Parsed) string {
	body := withoutSignOff(Visible(p.Text))
	if body == "" {
		body = cleanSubject(p.Subject)
	}
	return truncate(body, cases.MaxTextLen-512)
}

// CaseText is what classification, location extraction and staff read of
// a new report: the subject without reply prefixes and the gateway's tag,
// then the visible body without quotes, signature or closing.
func CaseText(p *Parsed) string { return caseText(p) }

func caseText(p *Parsed) string {
	subject, body := cleanSubject(p.Subject), withoutSignOff(Visible(p.Text))
	text := strings.TrimSpace(subject + "\n\n" + body)
	if strings.HasPrefix(body, subject) && subject != "" {
		text = body
	}
	return truncate(text, cases.MaxTextLen-512)
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// reportText never leaves a report empty: a photo alone still makes a case.
func reportText(text, note string) string {
	text = strings.TrimSpace(strings.TrimSpace(text) + "\n\n" + note)
	if text == "" {
		return "(email with no text)"
	}
	return text
}
