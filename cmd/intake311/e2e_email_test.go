package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// emailCase is the part of a case the email tests read.
type emailCase struct {
	Tracking string `json:"tracking_number"`
	Media    []struct {
		ContentType string `json:"content_type"`
	} `json:"media"`
	Messages []struct {
		Direction      string `json:"direction"`
		Text           string `json:"text"`
		ProviderID     string `json:"provider_id"`
		DeliveryStatus string `json:"delivery_status"`
	} `json:"messages"`
}

type emailEntry struct {
	To        string `json:"to"`
	Text      string `json:"text"`
	Tracking  string `json:"tracking_number"`
	Subject   string `json:"subject"`
	MessageID string `json:"message_id"`
	InReplyTo string `json:"in_reply_to"`
}

// simEmail runs `intake311 sim email` against s, without waiting for a
// reply unless args say how long, and returns what it printed.
func (s *server) simEmail(args ...string) string {
	s.t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, LookupEnv: func(string) (string, bool) { return "", false }}
	args = append([]string{"sim", "email", "--url", s.base, "--wait", "0"}, args...)
	if code := Main(s.t.Context(), args, env); code != 0 {
		s.t.Fatalf("sim email %v: exit %d\n%s%s", args, code, out.String(), errb.String())
	}
	return out.String()
}

// emails returns the email entries of /sandbox/outbox.
func (s *server) emails() []emailEntry {
	var all []struct {
		Channel string `json:"channel"`
		emailEntry
	}
	s.get("/sandbox/outbox", &all)
	var out []emailEntry
	for _, e := range all {
		if e.Channel == "email" {
			out = append(out, e.emailEntry)
		}
	}
	return out
}

func (s *server) waitEmails(n int) []emailEntry {
	s.t.Helper()
	var got []emailEntry
	eventually(s.t, fmt.Sprintf("%d emails in /sandbox/outbox", n), func() string {
		if got = s.emails(); len(got) != n {
			return fmt.Sprintf("%d emails: %+v", len(got), got)
		}
		return ""
	})
	return got
}

func (s *server) emailCase(tn string) emailCase {
	var c emailCase
	s.get("/api/v1/cases/"+tn, &c)
	return c
}

// TestEmailEndToEnd drives the sandbox by email: a report with a photo,
// a reply, a status update, an out-of-office reply and a bounce.
func TestEmailEndToEnd(t *testing.T) {
	dir := t.TempDir()
	s := startServer(t, dir)
	photo := filepath.Join(dir, "pothole.jpg")
	os.WriteFile(photo, []byte("\xff\xd8\xff\xe0 a pothole photo \xff\xd9"), 0o600)
	printed := s.simEmail("--wait", "1m", "--from", "Sam Lee <sam@resident.example>", "--subject", "Pothole on Main St",
		"--body", "There is a deep pothole in front of 1200 Main St.\n\nThanks,\nSam", "--attach", photo, "--message-id", "report-1@resident.example")
	ack := s.waitEmails(1)[0]
	if !strings.Contains(printed, "Subject: "+ack.Subject) {
		t.Errorf("sim email printed:\n%s", printed)
	}
	if ack.To != "sam@resident.example" || ack.InReplyTo != "report-1@resident.example" || !strings.HasPrefix(ack.Subject, "[311 #"+ack.Tracking+"]") {
		t.Fatalf("acknowledgement %+v", ack)
	}
	if c := s.emailCase(ack.Tracking); len(c.Media) != 1 || c.Media[0].ContentType != "image/jpeg" {
		t.Fatalf("case media %+v", c.Media)
	}

	s.simEmail("--from", "sam@resident.example", "--subject", "Re: "+ack.Subject, "--in-reply-to", ack.MessageID,
		"--body", "It is getting bigger.\n\nOn Monday, Riverton 311 wrote:\n> Thank you", "--message-id", "reply-1@resident.example")
	eventually(t, "the reply on the case", func() string {
		c := s.emailCase(ack.Tracking)
		if last := c.Messages[len(c.Messages)-1]; last.Text != "It is getting bigger." {
			return fmt.Sprintf("messages %+v", c.Messages)
		}
		return ""
	})

	if code := s.call("POST", "/api/v1/cases/"+ack.Tracking+"/status", `{"status": "in_progress", "note": "A crew is on the way."}`, nil); code != 200 {
		t.Fatalf("status: %d", code)
	}
	update := s.waitEmails(2)[1]
	if update.InReplyTo != "reply-1@resident.example" || update.Tracking != ack.Tracking || !strings.Contains(update.Text, "crew is on the way") {
		t.Fatalf("update %+v", update)
	}

	s.simEmail("--from", "sam@resident.example", "--subject", "Out of office: "+update.Subject, "--in-reply-to", update.MessageID,
		"--header", "Auto-Submitted: auto-replied", "--body", "I am away until Monday.")
	s.simEmail("--from", "MAILER-DAEMON@resident.example", "--subject", "Undelivered Mail Returned to Sender",
		"--header", "Auto-Submitted: auto-replied", "--body", "Your message could not be delivered.\n\nMessage-ID: <"+update.MessageID+">")
	eventually(t, "the out-of-office reply kept and the bounce recorded", func() string {
		c := s.emailCase(ack.Tracking)
		ooo, undelivered := false, false
		for _, m := range c.Messages {
			ooo = ooo || strings.Contains(m.Text, "away until Monday")
			undelivered = undelivered || m.ProviderID == update.MessageID && m.DeliveryStatus == "undelivered"
		}
		if !ooo || !undelivered {
			return fmt.Sprintf("out of office %v, undelivered %v: %+v", ooo, undelivered, c.Messages)
		}
		return ""
	})
	if got := s.emails(); len(got) != 2 {
		t.Errorf("the out-of-office reply or the bounce was answered: %+v", got)
	}
}
