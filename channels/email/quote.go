package email

import (
	"regexp"
	"strings"
)

// quoteHeaderRE matches the line (or lines, joined) that a mail client
// writes above quoted history: "On <date>, <name> wrote:" and its
// translations.
var quoteHeaderRE = regexp.MustCompile(`(?i)^\s*((on|am|le|el|il|op|den|em|dne|w dniu|pe|päivänä|на)\s.{0,400}|.{0,300}\d.{0,300})\s(wrote|schrieb|a écrit|escribió|ha scritto|schreef|geschreven|skrev|escreveu|napsal|napisał|kirjoitti|написал|написала|a scris|írta|yazdı)[\s\p{Zs}]*:\s*$`)

// separatorRE matches lines that start a forwarded or quoted original.
var separatorRE = regexp.MustCompile(`(?i)^\s*(-{2,}\s*(original message|mensaje original|message d'origine|ursprüngliche nachricht|messaggio originale|oorspronkelijk bericht|originalmeddelande|alkuperäinen viesti|opprinnelig melding|oprindelig meddelelse|mensagem original|forwarded message|mensaje reenviado)\s*-{2,}|_{20,}|-{20,})\s*$`)

// fromLineRE and sentLineRE match the header block Outlook writes above a
// quoted message: From:, then Sent: or Date: a few lines below.
var (
	fromLineRE = regexp.MustCompile(`(?i)^[\s\p{Zs}]*\*?(from|de|von|van|da|fra|från|od|lähettäjä|от|feladó)[\s\p{Zs}]*:\*?\s*\S`)
	sentLineRE = regexp.MustCompile(`(?i)^[\s\p{Zs}]*\*?(sent|date|enviado|envoyé|envoyé le|gesendet|verzonden|inviato|sendt|skickat|data|lähetetty|отправлено|dátum|to|para|an|à|cc|subject|asunto|objet|betreff)[\s\p{Zs}]*:`)
)

// signatureRE matches the lines that start a signature or a client's
// footer.
var signatureRE = regexp.MustCompile(`(?i)^\s*(--|—|__|-- ?)\s*$|^\s*(sent from my|sent from mail for|sent from outlook|get outlook for|enviado desde mi|enviado desde|envoyé de mon|von meinem|inviato da|sent via|sent with)\b[^,;]{0,60}$`)

// Visible returns what the resident wrote in text: the quoted history a
// reply carries (Gmail, Outlook, Apple Mail and translated "On ... wrote:"
// styles, and ">" lines) and the signature are removed.
func Visible(text string) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	lines = lines[:quoteStart(lines)]
	lines = lines[:signatureStart(lines)]
	return strings.TrimSpace(strings.Join(dropQuoted(lines), "\n"))
}

// quoteStart returns the index of the first line of quoted history, or
// len(lines).
func quoteStart(lines []string) int {
	for i := range lines {
		if i > 0 && isQuoteHeader(lines, i) {
			return i
		}
	}
	return len(lines)
}

// isQuoteHeader reports whether a quote header starts at line i; the
// header may be wrapped over up to three lines.
func isQuoteHeader(lines []string, i int) bool {
	l := strings.TrimSpace(lines[i])
	if l == "" {
		return false
	}
	if (l[0] == '-' || l[0] == '_') && separatorRE.MatchString(l) {
		return true
	}
	if strings.Contains(l, ":") && fromLineRE.MatchString(l) && outlookBlock(lines, i) {
		return true
	}
	joined := l
	for k := i; k < len(lines) && k < i+3; k++ {
		if k > i {
			joined += " " + strings.TrimSpace(lines[k])
		}
		if strings.HasSuffix(joined, ":") && quoteHeaderRE.MatchString(joined) {
			return true
		}
	}
	return false
}

// outlookBlock reports whether the From: line at i is followed by other
// header fields, as in a quoted Outlook message.
func outlookBlock(lines []string, i int) bool {
	for k := i + 1; k < len(lines) && k <= i+4; k++ {
		if sentLineRE.MatchString(lines[k]) {
			return true
		}
	}
	return false
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
