package email

import (
	"regexp"
	"strings"
)

// wroteVerbs end the line a mail client writes above quoted history, in
// the languages residents and their clients use.
const wroteVerbs = `(wrote|schrieb|a écrit|escribió|ha scritto|schreef|geschreven|skrev|escreveu|napsal|napisał|kirjoitti|написал|написала|a scris|írta|yazdı)[\s\p{Zs}]*:\s*$`

var (
	// onWroteRE matches "On <date>, <name> wrote:" and its translations,
	// possibly wrapped over several lines (joined before matching).
	onWroteRE = regexp.MustCompile(`(?i)^\s*(on|am|le|el|il|op|den|em|dne|w dniu|pe|päivänä|на)\s.{0,400}\s` + wroteVerbs)
	// datedWroteRE matches a one-line header that starts with a date:
	// "2013.02.08. 7:31 keltezéssel, Name írta:".
	datedWroteRE = regexp.MustCompile(`(?i)^\s*.{0,300}\d.{0,300}\s` + wroteVerbs)
	// addressedRE matches a one-line header with a date and an address but
	// no verb: "26.06.2014, 14:41, "Name" <name@example.com>:".
	addressedRE = regexp.MustCompile(`^.{0,200}\d.{0,200}<[^<>@\s]+@[^<>\s]+>\s*:\s*$`)
)

// separatorRE matches lines that start a forwarded or quoted original.
var separatorRE = regexp.MustCompile(`(?i)^\s*(-{2,}\s*(original message|mensaje original|message d'origine|ursprüngliche nachricht|messaggio originale|oorspronkelijk bericht|originalmeddelande|alkuperäinen viesti|opprinnelig melding|oprindelig meddelelse|mensagem original|forwarded message|mensaje reenviado)\s*-{2,}|_{20,}|-{20,})\s*$`)

// fromLineRE and fieldLineRE match the header block Outlook and webmail
// write above a quoted message: From:, Sent: or Date:, To:, Subject:.
var (
	fromLineRE  = regexp.MustCompile(`(?i)^[\s\p{Zs}]*\*?(from|de|von|van|da|fra|från|od|lähettäjä|от|feladó)[\s\p{Zs}]*:\*?\s*\S`)
	fieldLineRE = regexp.MustCompile(`(?i)^[\s\p{Zs}]*\*?(sent|date|enviado|envoyé|envoyé le|gesendet|verzonden|inviato|sendt|skickat|data|lähetetty|отправлено|dátum|to|para|an|à|cc|subject|asunto|objet|betreff)[\s\p{Zs}]*:`)
)

// signatureRE matches the lines that start a signature or a client's
// footer.
var signatureRE = regexp.MustCompile(`(?i)^\s*(--|—|__|-- ?)\s*$|^\s*(sent from my|sent from mail for|sent from outlook|get outlook for|enviado desde mi|enviado desde|envoyé de mon|von meinem|inviato da|sent via|sent with)\b[^,;]{0,60}$`)

// Visible returns what the resident wrote in text: the quoted history a
// reply carries (Gmail, Outlook, Apple Mail and translated "On ... wrote:"
// styles, and ">" lines) and the signature are removed. A reply written
// below the quote it answers is kept.
func Visible(text string) string {
	lines := cutQuotes(strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n"))
	lines = lines[:signatureStart(lines)]
	return strings.TrimSpace(strings.Join(dropQuoted(lines), "\n"))
}

// cutQuotes removes quoted history: everything from a quote header on,
// unless the header only introduces a ">" quote with the reply below it.
func cutQuotes(lines []string) []string {
	for i := range lines {
		n := quoteHeader(lines, i)
		if n == 0 {
			continue
		}
		rest := lines[i+n:]
		if !replyBelow(rest) {
			return lines[:i]
		}
		return append(lines[:i:i], cutQuotes(rest)...)
	}
	return lines
}

// replyBelow reports whether lines open with a ">" quote and have text of
// their own after it (a reply written below the quote).
func replyBelow(lines []string) bool {
	quoted, own := false, false
	for _, l := range lines {
		switch t := strings.TrimSpace(l); {
		case t == "":
		case strings.HasPrefix(t, ">"):
			quoted = true
		case !quoted:
			return false
		default:
			own = true
		}
	}
	return quoted && own
}

// quoteHeader returns how many lines the quote header starting at line i
// spans, or 0 when none starts there.
func quoteHeader(lines []string, i int) int {
	l := strings.TrimSpace(lines[i])
	switch {
	case l == "":
		return 0
	case (l[0] == '-' || l[0] == '_') && separatorRE.MatchString(l):
		return 1
	case strings.Contains(l, ":") && headerBlock(lines, i):
		return 1
	case strings.HasSuffix(l, ":") && (datedWroteRE.MatchString(l) || addressedRE.MatchString(l) && quotedAfter(lines[i+1:])):
		return 1
	}
	joined := l
	for k := i; k < len(lines) && k < i+3; k++ {
		if k > i {
			joined += " " + strings.TrimSpace(lines[k])
		}
		if strings.HasSuffix(joined, ":") && (onWroteRE.MatchString(joined) || datedFirst(l) && datedWroteRE.MatchString(joined)) {
			return k - i + 1
		}
	}
	return 0
}

// datedFirst reports whether a line starts with a date, as some clients'
// quote headers do.
func datedFirst(l string) bool { return l != "" && l[0] >= '0' && l[0] <= '9' }

// quotedAfter reports whether the next non-empty line is quoted, or there
// is none.
func quotedAfter(lines []string) bool {
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			return strings.HasPrefix(t, ">")
		}
	}
	return true
}

// headerBlock reports whether line i starts a quoted message's header:
// From: followed by Sent: or Date: within a few lines, or three header
// fields in a row, one of them From:.
func headerBlock(lines []string, i int) bool {
	from, fields := fromLineRE.MatchString(lines[i]), 0
	if !from && !fieldLineRE.MatchString(lines[i]) {
		return false
	}
	for k := i + 1; k < len(lines) && k <= i+4; k++ {
		switch {
		case fromLineRE.MatchString(lines[k]):
			from = true
			fields++
		case fieldLineRE.MatchString(lines[k]):
			fields++
		}
	}
	return from && (fromLineRE.MatchString(lines[i]) && fields >= 1 || fields >= 2)
}

// signatureStart returns the index of the signature's first line, looking
// only at the last lines.
func signatureStart(lines []string) int {
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-12; i-- {
		if i > 0 && signatureRE.MatchString(lines[i]) {
			return i
		}
	}
	return len(lines)
}

// dropQuoted removes ">" lines.
func dropQuoted(lines []string) []string {
	out := lines[:0:0]
	for _, l := range lines {
		if !strings.HasPrefix(strings.TrimSpace(l), ">") {
			out = append(out, l)
		}
	}
	return out
}

// signOffRE matches a closing such as "Thanks," or "Gracias," that ends a
// message, followed only by a name or two.
var signOffRE = regexp.MustCompile(`(?i)^\s*(thanks|thank you|thx|regards|best|best regards|kind regards|sincerely|cheers|gracias|muchas gracias|saludos|atentamente|cordialmente|un saludo)[\s,.!]*$`)

// withoutSignOff drops a closing and the name under it, which say nothing
// about the problem.
func withoutSignOff(text string) string {
	lines := strings.Split(text, "\n")
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-4; i-- {
		if signOffRE.MatchString(lines[i]) {
			return strings.TrimSpace(strings.Join(lines[:i], "\n"))
		}
	}
	return text
}
