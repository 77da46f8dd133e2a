package email_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels/email"
	"github.com/intake311/intake311/channels/email/emailtest"
)

// photo is a few bytes with a JPEG header; the gateway keeps it as is.
var photo = []byte("\xff\xd8\xff\xe0 a small test photo \xff\xd9")

// TestReportReplyUpdate is the whole path: a report with a photo becomes
// a case with media and a threaded acknowledgement; the resident's reply
// joins the case; a status change sends a threaded update.
func TestReportReplyUpdate(t *testing.T) {
	r := newRig(t)
	r.run(r.channel())
	r.deliver(emailtest.Message{From: "Ana Ruiz <ana@resident.example>", Subject: "Bache enorme",
		Body: "Hay un bache muy profundo en la calle Main 1200.\n\nGracias,\nAna", MessageID: "first@resident.example",
		Files: []emailtest.File{{Name: "bache.jpg", ContentType: "image/jpeg", Data: photo}}})
	c := r.oneCase()
	if len(c.Media) != 1 || c.Media[0].ContentType != "image/jpeg" || c.Media[0].Size != int64(len(photo)) {
		t.Errorf("media %+v", c.Media)
	}
	if c.Language != "es" || !strings.Contains(c.Description, "bache") {
		t.Errorf("case %s %q", c.Language, c.Description)
	}
	ack := r.sent(1)[0].Parsed
	checkThreaded(t, ack, c.Tracking, "first@resident.example", "auto-replied")
	if !strings.Contains(ack.Text, "Gracias, recibimos su reporte") {
		t.Errorf("acknowledgement not in Spanish:\n%s", ack.Text)
	}
	eventually(t, "the report moved out of the inbox", func() string {
		if n := r.count("INBOX"); n != 0 {
			return fmt.Sprintf("%d messages in the inbox", n)
		}
		return ""
	})

	r.deliver(emailtest.Message{From: "ana@resident.example", Subject: "Re: " + ack.Subject, MessageID: "second@resident.example",
		InReplyTo: ack.MessageID, Body: "Ahora está más grande.\n\nEl lun, 2 de marzo, Riverton 311 escribió:\n> Gracias, recibimos su reporte"})
	eventually(t, "the reply on the case", func() string {
		c = r.caseOf(c.Tracking)
		if len(c.Messages) < 3 || c.Messages[len(c.Messages)-1].Text != "Ahora está más grande." {
			return "messages " + messagesOf(c)
		}
		return ""
	})
	if len(r.cases()) != 1 {
		t.Fatalf("the reply made a new case")
	}
	if _, err := r.work.ChangeStatus(t.Context(), c.Tracking, cases.StatusChange{Status: cases.StatusInProgress, Note: "Una cuadrilla va en camino."}); err != nil {
		t.Fatal(err)
	}
	update := r.sent(2)[1].Parsed
	checkThreaded(t, update, c.Tracking, "second@resident.example", "auto-generated")
}

func checkThreaded(t *testing.T, p *email.Parsed, tn cases.TrackingNumber, inReplyTo, autoSubmitted string) {
	t.Helper()
	if !strings.HasPrefix(p.Subject, "[311 #"+string(tn)+"]") {
		t.Errorf("subject %q", p.Subject)
	}
	if len(p.InReplyTo) != 1 || p.InReplyTo[0] != inReplyTo || !contains(p.References, inReplyTo) {
		t.Errorf("In-Reply-To %v References %v, want %s", p.InReplyTo, p.References, inReplyTo)
	}
	if got := p.Header.Get("Auto-Submitted"); got != autoSubmitted {
		t.Errorf("Auto-Submitted %q, want %q", got, autoSubmitted)
	}
	if !strings.HasSuffix(p.MessageID, "@riverton.example") || !strings.Contains(p.Header.Get("Reply-To"), "311+"+string(tn)+"@") {
		t.Errorf("Message-ID %q Reply-To %q", p.MessageID, p.Header.Get("Reply-To"))
	}
	if !strings.Contains(p.Header.Get("Content-Type"), "multipart/alternative") {
		t.Errorf("Content-Type %q", p.Header.Get("Content-Type"))
	}
}

func messagesOf(c *cases.Case) string {
	var b strings.Builder
	for _, m := range c.Messages {
		b.WriteString(string(m.Direction) + ": " + m.Text + " | ")
	}
	return b.String()
}

// TestPolling reads a mailbox without IDLE: mail is found by polling.
func TestPolling(t *testing.T) {
	r := newRig(t)
	ch := r.channelWith(func(o *email.Options) { o.Mailboxes[0].NoIdle = true })
	r.run(ch)
	for range 3 {
		r.deliver(emailtest.Message{From: "gus@resident.example", Subject: "Pothole", Body: "A pothole on Oak Ave."})
	}
	eventually(t, "three cases", func() string {
		if n := len(r.cases()); n != 3 {
			return fmt.Sprintf("%d cases", n)
		}
		return ""
	})
}
