package emailtest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/emersion/go-smtp"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels/email"
	"github.com/intake311/intake311/channels/email/emailtest"
)

// TestMessage writes a resident's mail and reads it back with the
// channel's parser.
func TestMessage(t *testing.T) {
	m := emailtest.Message{From: "Rosa Díaz <rosa@resident.example>", Subject: "Señal caída", Body: "La señal de alto está en el piso.",
		MessageID: "m1@resident.example", InReplyTo: "311.1234567890.00@riverton.example",
		Header: map[string]string{"Auto-Submitted": "no"},
		Files:  []emailtest.File{{Name: "señal.png", ContentType: "image/png", Data: []byte("png bytes")}}}
	raw, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	p := email.Parse(raw)
	switch {
	case p.From.Addr != "rosa@resident.example" || p.From.Name != "Rosa Díaz":
		t.Errorf("from %+v", p.From)
	case p.Subject != m.Subject || p.Text != m.Body || p.MessageID != m.MessageID:
		t.Errorf("subject %q text %q id %q", p.Subject, p.Text, p.MessageID)
	case len(p.InReplyTo) != 1 || len(p.Attachments) != 1 || p.Attachments[0].Name != "señal.png":
		t.Errorf("in-reply-to %v attachments %+v", p.InReplyTo, p.Attachments)
	}
}

// TestIMAPServer appends to the mailbox and counts it.
func TestIMAPServer(t *testing.T) {
	s, err := emailtest.NewIMAPServer(emailtest.IMAPOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	raw, _ := (&emailtest.Message{From: "a@resident.example", Subject: "x", Body: "y"}).Bytes()
	for range 2 {
		if err := s.Append(t.Context(), raw); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := s.Count(t.Context(), "INBOX"); n != 2 || err != nil {
		t.Fatalf("count %d %v", n, err)
	}
	bad := emailtest.Account{Addr: s.Addr, Username: s.Username, Password: "wrong", Mailbox: "INBOX"}
	if err := emailtest.Append(context.Background(), bad, raw); err == nil {
		t.Fatal("a wrong password was accepted")
	}
}

// TestCatcher sends through the catcher and finds the message in its log
// with the fields /sandbox/outbox shows.
func TestCatcher(t *testing.T) {
	c, err := emailtest.NewCatcher(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	raw := "From: 311@riverton.example\r\nTo: ana@resident.example\r\nSubject: [311 #1234567890] News\r\n" +
		"Message-ID: <311.1234567890.ab@riverton.example>\r\nIn-Reply-To: <r1@resident.example>\r\n\r\nHello.\r\n"
	tn := validTracking(t)
	raw = strings.ReplaceAll(raw, "1234567890", string(tn))
	if err := send(c.Addr, raw); err != nil {
		t.Fatal(err)
	}
	c.FailNext(550)
	err = send(c.Addr, raw)
	if se, ok := err.(*smtp.SMTPError); !ok || se.Code != 550 {
		t.Fatalf("scripted failure: %v", err)
	}
	entries := c.Log().Entries()
	if len(entries) != 1 || len(c.Messages()) != 1 {
		t.Fatalf("%d entries, %d messages", len(entries), len(c.Messages()))
	}
	e := entries[0]
	if e.To != "ana@resident.example" || e.TrackingNumber != tn || e.Text != "Hello." ||
		e.Extra["in_reply_to"] != "r1@resident.example" || e.Extra["message_id"] != "311."+string(tn)+".ab@riverton.example" {
		t.Fatalf("entry %+v", e)
	}
}

// send submits raw over plain SMTP, as on loopback.
func send(addr, raw string) error {
	c, err := smtp.Dial(addr)
	if err != nil {
		return err
	}
	defer c.Close()
	return c.SendMail("311@riverton.example", []string{"ana@resident.example"}, strings.NewReader(raw))
}

// validTracking returns a tracking number with a correct check digit.
func validTracking(t *testing.T) cases.TrackingNumber {
	for d := '0'; d <= '9'; d++ {
		if tn, err := cases.ParseTrackingNumber("123456789" + string(d)); err == nil {
			return tn
		}
	}
	t.Fatal("no check digit fits")
	return ""
}
