package config

import (
	"net"
	"slices"
	"strconv"
	"strings"
)

// Email configures the mailboxes residents write to and the SMTP server
// replies go through. Email is on when Address is set; the sandbox always
// has it, with stand-ins on loopback.
type Email struct {
	// Address is the address residents write to, such as 311@riverton.gov.
	// Replies come from it, and its domain names the gateway's messages.
	Address  string `yaml:"address"`
	FromName string `yaml:"from_name"` // the display name of replies
	// Mailboxes are read over IMAP, each by one replica at a time.
	Mailboxes []EmailMailbox `yaml:"mailboxes"`
	SMTP      EmailSMTP      `yaml:"smtp"`
	Media     EmailMedia     `yaml:"media"`
	// MaxRepliesPerHour caps the automatic replies one address gets in an
	// hour; mail beyond it is taken in but not answered.
	MaxRepliesPerHour int `yaml:"max_replies_per_hour"`
}

// EmailMailbox is one IMAP mailbox.
type EmailMailbox struct {
	Addr      string `yaml:"addr"` // host:port
	TLS       string `yaml:"tls"`  // implicit (993) or starttls (143); "" is implicit
	Username  string `yaml:"username"`
	Password  Secret `yaml:"password"`
	Mailbox   string `yaml:"mailbox"`   // "" is INBOX
	Processed string `yaml:"processed"` // where taken-in mail goes; "" is Processed
	// Failed is where a message goes that failed three times; "" is Failed.
	Failed string `yaml:"failed"`
	// Bulk is where list mail, newsletters and auto-replies to no case go
	// instead of becoming cases; "" is Bulk.
	Bulk string `yaml:"bulk"`
	// PollInterval is the wait between checks on a server without IDLE.
	PollInterval Duration `yaml:"poll_interval"`
	// NoIdle polls even where the server has IDLE.
	NoIdle bool `yaml:"no_idle"`
	// IdleRestart re-issues IDLE before the server drops it (under 29m).
	IdleRestart Duration `yaml:"idle_restart"`
}

// EmailSMTP is the submission server replies go through.
type EmailSMTP struct {
	Addr     string `yaml:"addr"` // host:port
	TLS      string `yaml:"tls"`  // implicit (465) or starttls (587); "" is starttls
	Username string `yaml:"username"`
	Password Secret `yaml:"password"`
}

// EmailMedia says which attachments become case media.
type EmailMedia struct {
	// Dir holds the files; "" is media/ in storage.data_dir.
	Dir      string   `yaml:"dir"`
	MaxBytes int64    `yaml:"max_bytes"` // the largest file kept
	Types    []string `yaml:"types"`     // media types kept
}

// Enabled reports whether email is configured.
func (e *Email) Enabled() bool { return e.Address != "" }

func (k *checker) email() {
	e := &k.c.Channels.Email
	const p = "channels.email."
	positive(k, p+"max_replies_per_hour", e.MaxRepliesPerHour)
	positive(k, p+"media.max_bytes", e.Media.MaxBytes)
	if !e.Enabled() {
		return
	}
	if at := strings.IndexByte(e.Address, '@'); at <= 0 || at == len(e.Address)-1 {
		k.errorf(p+"address", "%s is not an email address, such as 311@riverton.gov", k.show(p+"address", e.Address))
	}
	if len(e.Mailboxes) == 0 {
		k.errorf(p+"mailboxes", "email needs at least one mailbox to read")
	}
	for i := range e.Mailboxes {
		k.emailMailbox(p+"mailboxes["+strconv.Itoa(i)+"].", &e.Mailboxes[i])
	}
	if e.SMTP.Addr == "" {
		k.errorf(p+"smtp", "email needs an SMTP server to send replies: set smtp.addr, such as mail.riverton.gov:587")
	} else {
		k.hostPort(p+"smtp.addr", e.SMTP.Addr, "587")
	}
	k.tlsMode(p+"smtp.tls", e.SMTP.TLS)
}

func (k *checker) emailMailbox(p string, m *EmailMailbox) {
	k.hostPort(p+"addr", m.Addr, "993")
	k.tlsMode(p+"tls", m.TLS)
	if m.Username == "" || m.Password == "" {
		k.errorf(p+"username", "a mailbox needs a username and a password (put it in the environment)")
	}
	if m.IdleRestart.Duration < 0 || m.IdleRestart.Duration >= 29*60e9 {
		k.errorf(p+"idle_restart", "must be under 29m, not %s", m.IdleRestart)
	}
	if m.PollInterval.Duration < 0 {
		k.errorf(p+"poll_interval", "must not be negative")
	}
}

// hostPort checks a server address; port is the usual one, for the example.
func (k *checker) hostPort(path, addr, port string) {
	if _, p, err := net.SplitHostPort(addr); err != nil || p == "" {
		k.errorf(path, "%s is not host:port, such as mail.riverton.gov:%s", k.show(path, addr), port)
	}
}

// tlsMode accepts implicit and starttls: plain-text logins are for the
// sandbox's loopback stand-ins only.
func (k *checker) tlsMode(path, mode string) {
	if mode != "" && !slices.Contains([]string{"implicit", "starttls"}, mode) {
		k.errorf(path, "unknown tls %s (want implicit or starttls)", k.show(path, mode))
	}
}
