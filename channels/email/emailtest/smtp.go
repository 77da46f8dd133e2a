package emailtest

import (
	"fmt"
	"io"
	"net"
	"strings"
	"sync"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels/email"
	"github.com/intake311/intake311/channels/recorder"
)

// Caught is one message the catcher accepted.
type Caught struct {
	From   string
	To     []string
	Raw    []byte
	Parsed *email.Parsed
}

// Catcher is an SMTP server on loopback that accepts every message, keeps
// it, and records it in a recorder.Log as a resident would see it. It
// takes any login.
type Catcher struct {
	Addr string
	srv  *smtp.Server
	log  *recorder.Log

	mu     sync.Mutex
	caught []Caught
	fail   []*smtp.SMTPError // answers to the next DATA commands
}

// NewCatcher starts a catcher on a free loopback port that records in log
// (nil: a log of its own).
func NewCatcher(log *recorder.Log) (*Catcher, error) {
	if log == nil {
		log = recorder.NewLog(recorder.Options{})
	}
	c := &Catcher{log: log}
	c.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{c: c}, nil }))
	c.srv.Domain, c.srv.AllowInsecureAuth, c.srv.MaxMessageBytes = "catcher.localhost", true, 50<<20
	c.srv.ErrorLog = discard{}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("smtp: %w", err)
	}
	c.Addr = ln.Addr().String()
	go c.srv.Serve(ln)
	return c, nil
}

// Close stops the catcher.
func (c *Catcher) Close() error { return c.srv.Close() }

// Log returns the log the catcher records in.
func (c *Catcher) Log() *recorder.Log { return c.log }

// Messages returns what the catcher accepted, oldest first.
func (c *Catcher) Messages() []Caught {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Caught(nil), c.caught...)
}

// FailNext answers the next DATA commands with code (such as 451 or 550),
// one per code given.
func (c *Catcher) FailNext(codes ...int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, code := range codes {
		c.fail = append(c.fail, &smtp.SMTPError{Code: code, Message: "scripted failure"})
	}
}

func (c *Catcher) nextFailure() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.fail) == 0 {
		return nil
	}
	err := c.fail[0]
	c.fail = c.fail[1:]
	return err
}

func (c *Catcher) keep(m Caught) {
	c.mu.Lock()
	c.caught = append(c.caught, m)
	c.mu.Unlock()
	for _, to := range m.To {
		c.log.Add(entry(m, to))
	}
}

// entry is what a resident would read, in the shape of /sandbox/outbox.
func entry(m Caught, to string) recorder.Entry {
	p := m.Parsed
	tn, _ := trackingIn(p.Subject)
	return recorder.Entry{
		Channel: email.Name, To: to, Text: strings.TrimSpace(email.Visible(p.Text)), TrackingNumber: tn,
		Subject: p.Subject, ProviderID: p.MessageID, Language: p.Header.Get("Content-Language"),
		Extra: map[string]any{
			"subject": p.Subject, "message_id": p.MessageID, "in_reply_to": strings.Join(p.InReplyTo, " "),
			"references": p.References, "auto_submitted": p.Header.Get("Auto-Submitted"),
			"reply_to": p.Header.Get("Reply-To"),
		},
	}
}

// trackingIn reads "[311 #<tracking>]" from a subject.
func trackingIn(subject string) (cases.TrackingNumber, bool) {
	_, rest, ok := strings.Cut(subject, "[311 #")
	if !ok {
		return "", false
	}
	digits, _, _ := strings.Cut(rest, "]")
	tn, err := cases.ParseTrackingNumber(digits)
	return tn, err == nil
}

// session is one SMTP transaction.
type session struct {
	c    *Catcher
	from string
	to   []string
}

var _ smtp.AuthSession = (*session)(nil)

func (s *session) AuthMechanisms() []string { return []string{"PLAIN"} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(string, string, string) error { return nil }), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error { s.from = from; return nil }

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if err := s.c.nextFailure(); err != nil {
		return err
	}
	s.c.keep(Caught{From: s.from, To: s.to, Raw: raw, Parsed: email.Parse(raw)})
	return nil
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }

func (discard) Println(...any) {}
