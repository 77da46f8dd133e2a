package main

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/intake311/intake311/channels/email/emailtest"
)

var simEmail = command{"email", "write to the city's 311 mailbox as a resident's mail provider would deliver it", runSimEmail}

// emailPeer is the IMAP stand-in the sandbox publishes.
type emailPeer struct {
	IMAP *emailtest.Account `json:"imap"`
}

// filesFlag collects --attach FILE flags.
type filesFlag []string

func (f *filesFlag) String() string { return fmt.Sprint(len(*f), " files") }

func (f *filesFlag) Set(v string) error {
	*f = append(*f, v)
	return nil
}

func runSimEmail(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "sim email", `sim email [--url URL] --from ADDR --subject TEXT --body TEXT [--attach FILE]... [--in-reply-to ID] [--header "Name: value"]...`)
	base := fs.String("url", "http://127.0.0.1:8311", "the running sandbox")
	m := emailtest.Message{Header: map[string]string{}}
	fs.StringVar(&m.From, "from", "resident@example.org", "the resident's address")
	fs.StringVar(&m.Subject, "subject", "", "the subject")
	fs.StringVar(&m.Body, "body", "", "the text")
	fs.StringVar(&m.InReplyTo, "in-reply-to", "", "the Message-ID answered, such as a message_id from /sandbox/outbox")
	fs.StringVar(&m.MessageID, "message-id", "", "the message's own Message-ID (default: a new one)")
	wait := fs.Duration("wait", 3*time.Second, "how long to wait for the gateway's reply (0: do not wait)")
	var files, headers filesFlag
	fs.Var(&files, "attach", "a file to attach, such as a photo (repeat for more)")
	fs.Var(&headers, "header", `another header field, such as "Auto-Submitted: auto-replied" (repeat for more)`)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := readAttachments(&m, files); err != nil {
		return err
	}
	if err := parseHeaders(&m, headers); err != nil {
		return err
	}
	m.InReplyTo, m.MessageID = strings.Trim(m.InReplyTo, "<> "), strings.Trim(m.MessageID, "<> ")
	if err := appendToSandbox(ctx, env, *base, &m); err != nil {
		return err
	}
	return printEmailReplies(ctx, env, *base, m.MessageID, *wait)
}

// emailReply is an email entry of /sandbox/outbox.
type emailReply struct {
	Channel   string `json:"channel"`
	To        string `json:"to"`
	Subject   string `json:"subject"`
	Text      string `json:"text"`
	InReplyTo string `json:"in_reply_to"`
}

// printEmailReplies waits up to wait for the gateway's replies to the
// message id and prints them.
func printEmailReplies(ctx context.Context, env *Env, base, id string, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		var entries []emailReply
		if err := sandboxGet(ctx, base+"/sandbox/outbox", &entries); err != nil {
			return err
		}
		for _, e := range entries {
			if e.Channel == "email" && e.InReplyTo == id {
				fmt.Fprintf(env.Stdout, "\nreply to %s\nSubject: %s\n\n%s\n", e.To, e.Subject, e.Text)
				return nil
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	if wait > 0 {
		fmt.Fprintln(env.Stdout, "no reply yet (automatic replies, bounces and mail past the hourly cap are not answered)")
	}
	return nil
}

func readAttachments(m *emailtest.Message, files []string) error {
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		ct := mime.TypeByExtension(filepath.Ext(path))
		if ct == "" {
			ct = "application/octet-stream"
		}
		m.Files = append(m.Files, emailtest.File{Name: filepath.Base(path), ContentType: ct, Data: data})
	}
	return nil
}

func parseHeaders(m *emailtest.Message, fields []string) error {
	for _, f := range fields {
		k, v, ok := cutField(f)
		if !ok {
			return fmt.Errorf("--header %q: want \"Name: value\"", f)
		}
		m.Header[k] = v
	}
	return nil
}

func cutField(f string) (string, string, bool) {
	k, v, ok := strings.Cut(f, ":")
	k = strings.TrimSpace(k)
	return k, strings.TrimSpace(v), ok && k != ""
}

// appendToSandbox delivers m to the sandbox's mailbox and prints its
// Message-ID.
func appendToSandbox(ctx context.Context, env *Env, base string, m *emailtest.Message) error {
	var peers emailPeer
	if err := sandboxPeers(ctx, base, &peers); err != nil {
		return err
	}
	if peers.IMAP == nil {
		return errors.New("the sandbox has no mailbox (is email built into this server?)")
	}
	if m.MessageID == "" {
		m.MessageID = fmt.Sprintf("sim.%d@resident.example", time.Now().UnixNano())
	}
	raw, err := m.Bytes()
	if err != nil {
		return err
	}
	if err := emailtest.Append(ctx, *peers.IMAP, raw); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "delivered <%s> to %s in %s\n", m.MessageID, peers.IMAP.Username, peers.IMAP.Mailbox)
	return nil
}
