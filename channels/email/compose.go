package email

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/emersion/go-message/mail"

	"github.com/intake311/intake311/cases"
)

// outgoing is one message the gateway sends to a resident.
type outgoing struct {
	ID         string // Message-ID, without angle brackets
	From       string
	FromName   string
	To         string
	ReplyTo    string
	Subject    string
	References []string // oldest first; the last is the message answered
	Text       string
	Language   string
	Kind       string // the notification's kind; a reply to a resident is auto-replied
	Date       time.Time
}

// subjects name each kind of notification, by language.
var subjects = map[string]map[string]string{
	"en": {cases.KindAck: "We got your report", cases.KindStatus: "News about your report", cases.KindNote: "A message about your report", cases.KindReply: "About your report"},
	"es": {cases.KindAck: "Recibimos su reporte", cases.KindStatus: "Novedades sobre su reporte", cases.KindNote: "Un mensaje sobre su reporte", cases.KindReply: "Sobre su reporte"},
}

// footers tell residents how to add to their report.
var footers = map[string]string{
	"en": "To add to your report, reply to this email. Please keep the number in the subject.",
	"es": "Para agregar algo a su reporte, responda a este correo. Por favor, no borre el número del asunto.",
}

func localized(m map[string]string, lang string) string {
	if s, ok := m[lang]; ok {
		return s
	}
	return m["en"]
}

// subjectFor returns "[311 #<tracking>] <what this is>" in the resident's
// language.
func subjectFor(n *cases.Notification) string {
	what := n.Subject
	if what == "" {
		byKind, ok := subjects[n.Language]
		if !ok {
			byKind = subjects["en"]
		}
		what = firstNonEmpty(byKind[n.Kind], byKind[cases.KindReply])
	}
	return fmt.Sprintf("[311 #%s] %s", n.Tracking, what)
}

var htmlBody = template.Must(template.New("body").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"></head>
<body style="font-family: sans-serif; font-size: 18px; line-height: 1.5">
{{range .Paragraphs}}<p>{{.}}</p>
{{end}}<p style="color: #555">{{.Footer}}</p>
</body></html>
`))

// Compose writes o as a multipart/alternative message, plain text and
// HTML, threaded after o.References.
func (o *outgoing) compose() ([]byte, error) {
	var h mail.Header
	h.SetDate(o.Date)
	h.SetAddressList("From", []*mail.Address{{Name: o.FromName, Address: o.From}})
	h.SetAddressList("To", []*mail.Address{{Address: o.To}})
	h.SetAddressList("Reply-To", []*mail.Address{{Name: o.FromName, Address: o.ReplyTo}})
	h.SetSubject(o.Subject)
	h.SetMessageID(o.ID)
	o.thread(&h)
	h.Set("Auto-Submitted", o.autoSubmitted())
	h.Set("Content-Language", o.Language)
	var buf bytes.Buffer
	if err := o.writeBody(&buf, h); err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}
	return buf.Bytes(), nil
}

// autoSubmitted is auto-replied for the acknowledgement, which answers the
// resident's message, and auto-generated for later updates (RFC 3834).
func (o *outgoing) autoSubmitted() string {
	if o.Kind == cases.KindAck {
		return "auto-replied"
	}
	return "auto-generated"
}

func (o *outgoing) thread(h *mail.Header) {
	if len(o.References) == 0 {
		return
	}
	refs := make([]string, len(o.References))
	for i, id := range o.References {
		refs[i] = "<" + id + ">"
	}
	h.Set("In-Reply-To", refs[len(refs)-1])
	h.Set("References", strings.Join(refs, " "))
}

func (o *outgoing) writeBody(buf *bytes.Buffer, h mail.Header) error {
	w, err := mail.CreateInlineWriter(buf, h)
	if err != nil {
		return err
	}
	footer := localized(footers, o.Language)
	if err := part(w, "text/plain", o.Text+"\n\n-- \n"+footer+"\n"); err != nil {
		return err
	}
	var html bytes.Buffer
	data := map[string]any{"Lang": o.Language, "Paragraphs": paragraphs(o.Text), "Footer": footer}
	if err := htmlBody.Execute(&html, data); err != nil {
		return err
	}
	if err := part(w, "text/html", html.String()); err != nil {
		return err
	}
	return w.Close()
}

func part(w *mail.InlineWriter, mediaType, body string) error {
	var h mail.InlineHeader
	h.SetContentType(mediaType, map[string]string{"charset": "utf-8"})
	h.Set("Content-Transfer-Encoding", "quoted-printable")
	pw, err := w.CreatePart(h)
	if err != nil {
		return err
	}
	if _, err := pw.Write([]byte(body)); err != nil {
		return err
	}
	return pw.Close()
}

func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// threadRefs reads a contact's thread reference: the message ids of the
// resident's thread, oldest first, separated by spaces.
func threadRefs(ref string) []string {
	var ids []string
	for _, f := range strings.Fields(ref) {
		if id := strings.Trim(f, "<>"); id != "" {
			ids = append(ids, id)
		}
	}
	return ids
}

// maxRefs bounds the References chain the gateway keeps.
const maxRefs = 10

// joinRefs writes a thread reference, keeping the first and the newest
// ids when the chain is long (as RFC 5322 suggests).
func joinRefs(ids []string) string {
	if len(ids) > maxRefs {
		ids = append([]string{ids[0]}, ids[len(ids)-maxRefs+1:]...)
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = "<" + id + ">"
	}
	return strings.Join(out, " ")
}
