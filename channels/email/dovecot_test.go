package email_test

import (
	"crypto/tls"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/intake311/intake311/channels/email"
	"github.com/intake311/intake311/channels/email/emailtest"
)

// TestRealIMAPServer runs the poller against a real IMAP server, such as
// Dovecot, when INTAKE311_TEST_IMAP_ADDR names one (see README.md in this
// folder for a local Dovecot). The account's INBOX should start empty;
// the test creates Processed and leaves its message there.
//
//	INTAKE311_TEST_IMAP_ADDR      host:port, such as 127.0.0.1:143
//	INTAKE311_TEST_IMAP_USER      the login
//	INTAKE311_TEST_IMAP_PASSWORD  its password
//	INTAKE311_TEST_IMAP_TLS       implicit, starttls (the default) or none
//	INTAKE311_TEST_IMAP_INSECURE  1 to accept a self-signed certificate
func TestRealIMAPServer(t *testing.T) {
	addr := os.Getenv("INTAKE311_TEST_IMAP_ADDR")
	if addr == "" {
		t.Skip("INTAKE311_TEST_IMAP_ADDR is not set: no real IMAP server to test against")
	}
	mb := email.Mailbox{Addr: addr, Username: os.Getenv("INTAKE311_TEST_IMAP_USER"), Password: os.Getenv("INTAKE311_TEST_IMAP_PASSWORD"),
		TLS: os.Getenv("INTAKE311_TEST_IMAP_TLS"), PollInterval: time.Second, Lease: 10 * time.Second}
	if mb.TLS == "" {
		mb.TLS = email.TLSStartTLS
	}
	if os.Getenv("INTAKE311_TEST_IMAP_INSECURE") == "1" {
		mb.TLSConfig = &tls.Config{InsecureSkipVerify: true}
	}
	r := newRig(t)
	id := fmt.Sprintf("dovecot-%d@resident.example", time.Now().UnixNano())
	appendReal(t, mb, emailtest.Message{From: "dee@resident.example", Subject: "Broken sidewalk",
		Body: "The sidewalk is broken in front of 55 Park Ave.", MessageID: id})
	ch, err := email.New(email.Options{Address: "311@riverton.example", Intake: r.intake, Store: r.store, Mailboxes: []email.Mailbox{mb},
		SMTP: email.SMTPOptions{Addr: r.catcher.Addr, TLS: email.TLSNone}})
	if err != nil {
		t.Fatal(err)
	}
	r.run(ch)
	c := r.oneCase()
	if c.ExternalID != id {
		t.Errorf("case from %q, want %q", c.ExternalID, id)
	}
	r.sent(1)
}

// appendReal delivers m to the real server's INBOX.
func appendReal(t *testing.T, mb email.Mailbox, m emailtest.Message) {
	raw, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	opts := &imapclient.Options{TLSConfig: mb.TLSConfig}
	var c *imapclient.Client
	switch mb.TLS {
	case email.TLSImplicit:
		c, err = imapclient.DialTLS(mb.Addr, opts)
	case email.TLSNone:
		c, err = imapclient.DialInsecure(mb.Addr, opts)
	default:
		c, err = imapclient.DialStartTLS(mb.Addr, opts)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(mb.Username, mb.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	cmd := c.Append("INBOX", int64(len(raw)), nil)
	cmd.Write(raw)
	cmd.Close()
	if _, err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
}
