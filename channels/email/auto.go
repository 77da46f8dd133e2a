package email

import (
	"regexp"
	"strings"
)

// Kind says who or what wrote a message.
type Kind string

// Kinds of mail. Only mail a person wrote is ever answered automatically
// (RFC 3834).
const (
	Person    Kind = "person"
	AutoReply Kind = "auto-reply" // out of office, vacation notices
	Bounce    Kind = "bounce"     // a delivery failure report
	Bulk      Kind = "bulk"       // lists, newsletters, feedback reports, other machine mail
)

// Verdict is what Classify made of a message, and why.
type Verdict struct {
	Kind   Kind
	Reason string
}

// Answerable reports whether the gateway may reply automatically.
func (v Verdict) Answerable() bool { return v.Kind == Person }

var (
	bounceSubjectRE = regexp.MustCompile(`(?i)(undeliver|undelivered|delivery status notification|delivery (has )?fail|mail delivery|returned mail|failure notice|non.?delivery|could not be delivered|not be delivered|delivery problem|mail system error|rejected|unzustellbar|non remis|no se pudo entregar|message not delivered|delivery notification|bounce|warning: message)`)
	// autoSubjectRE is a subject only an auto-responder writes.
	autoSubjectRE = regexp.MustCompile(`(?i)^\s*(auto(matic)?[ -]?(reply|response|respuesta|antwort)|respuesta autom[aá]tica|out of (the )?office|fuera de la oficina|abwesend|abwesenheit|r[ée]ponse automatique|autoreply|autosvar|risposta automatica)`)
	// awaySubjectRE is a subject an auto-responder writes but so may a
	// resident ("Absence of street lights"): it counts only on a reply.
	awaySubjectRE = regexp.MustCompile(`(?i)^\s*(away|vacation|on leave|absence)\b`)
	daemonRE      = regexp.MustCompile(`(?i)(^|[\s<"])(mailer-daemon|postmaster|post_master|mail-daemon|mailer_daemon|mail delivery (sub)?system|bounce[s]?)(@|[\s>"]|$)`)
	// noReplyRE is a no-reply sender: noreply@, no-reply+x@,
	// alerts-noreply@, do_not_reply@ and the like.
	noReplyRE  = regexp.MustCompile(`(?i)^([^@]*[^a-z@])?(no[-_.]?reply|do[-_.]?not[-_.]?reply)([^a-z@][^@]*)?@`)
	feedbackRE = regexp.MustCompile(`(?i)(complaint about message|abuse report|feedback report|spam report)`)
)

// listFields are header fields that only list servers write, besides the
// List-* family (RFC 2369, RFC 2919, RFC 8058).
var listFields = []string{"Mailing-List", "X-Mailing-List", "X-ML-Name", "X-MLServer"}

// Classify tells mail a person wrote from auto-replies, bounces and bulk
// mail, from the header first and the subject after.
func Classify(p *Parsed) Verdict {
	if v, ok := bounceOf(p); ok {
		return v
	}
	if v, ok := autoReplyOf(p); ok {
		return v
	}
	if v, ok := bulkOf(p); ok {
		return v
	}
	return Verdict{Person, ""}
}

func bounceOf(p *Parsed) (Verdict, bool) {
	h := p.Header
	ct := strings.ToLower(h.Get("Content-Type"))
	switch {
	case strings.Contains(ct, "report-type=feedback-report") || strings.Contains(ct, "report-type=\"feedback-report\""):
		return Verdict{Bulk, "feedback report"}, true
	case strings.Contains(ct, "multipart/report") || p.Report != "":
		return Verdict{Bounce, "delivery report"}, true
	case daemonRE.MatchString(p.Header.Get("From")):
		return Verdict{Bounce, "sent by " + p.Header.Get("From")}, true
	case bounceSubjectRE.MatchString(p.Subject) && (nullPath(p) || autoSubmitted(p) != "" || p.Original.Len() > 0):
		return Verdict{Bounce, "bounce subject: " + p.Subject}, true
	}
	return Verdict{}, false
}

func autoReplyOf(p *Parsed) (Verdict, bool) {
	h := p.Header
	as := autoSubmitted(p)
	switch {
	case as == "auto-replied":
		return Verdict{AutoReply, "Auto-Submitted: auto-replied"}, true
	case h.Get("X-Autoreply") != "" || h.Get("X-Autorespond") != "" || h.Get("X-Autoresponder") != "":
		return Verdict{AutoReply, "X-Autoreply"}, true
	case strings.EqualFold(strings.TrimSpace(h.Get("Precedence")), "auto_reply"):
		return Verdict{AutoReply, "Precedence: auto_reply"}, true
	case autoSubjectRE.MatchString(p.Subject):
		return Verdict{AutoReply, "subject: " + p.Subject}, true
	case awaySubjectRE.MatchString(p.Subject) && (isReply(p) || nullPath(p)):
		return Verdict{AutoReply, "subject: " + p.Subject}, true
	}
	return Verdict{}, false
}

// isReply reports whether p answers another message.
func isReply(p *Parsed) bool { return len(p.InReplyTo) > 0 || len(p.References) > 0 }

// bulkOf recognises mail no person wrote to the city: machine mail
// (Auto-Submitted, a null return path, a no-reply sender), list and
// newsletter mail (Precedence, list headers) and feedback reports. Only
// the top-level header counts, so a digest a resident forwards is theirs.
func bulkOf(p *Parsed) (Verdict, bool) {
	if as := autoSubmitted(p); as != "" {
		return Verdict{Bulk, "Auto-Submitted: " + as}, true
	}
	if v, ok := listOf(p); ok {
		return v, true
	}
	switch {
	case nullPath(p):
		return Verdict{Bulk, "null return path"}, true
	case noReplyRE.MatchString(p.From.Addr):
		return Verdict{Bulk, "sent from a no-reply address"}, true
	case feedbackRE.MatchString(p.Subject) && p.Original.Len() > 0:
		return Verdict{Bulk, "feedback report"}, true
	}
	return Verdict{}, false
}

// listOf recognises list and newsletter mail: Precedence bulk, junk or
// list, or a header field only list servers and bulk senders write.
func listOf(p *Parsed) (Verdict, bool) {
	h := p.Header
	switch prec := strings.ToLower(strings.TrimSpace(h.Get("Precedence"))); prec {
	case "bulk", "junk", "list":
		return Verdict{Bulk, "Precedence: " + prec}, true
	}
	for f := h.Fields(); f.Next(); {
		if strings.HasPrefix(strings.ToLower(f.Key()), "list-") {
			return Verdict{Bulk, f.Key() + " header"}, true
		}
	}
	for _, k := range listFields {
		if h.Has(k) {
			return Verdict{Bulk, k + " header"}, true
		}
	}
	return Verdict{}, false
}

// autoSubmitted returns the Auto-Submitted value when it is not "no".
func autoSubmitted(p *Parsed) string {
	v, _, _ := strings.Cut(p.Header.Get("Auto-Submitted"), ";")
	v = strings.ToLower(strings.TrimSpace(v))
	if v == "no" {
		return ""
	}
	return v
}

func nullPath(p *Parsed) bool {
	return strings.ReplaceAll(p.ReturnPath, " ", "") == "<>"
}
