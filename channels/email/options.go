package email

import (
	"crypto/tls"
	"log/slog"
	"time"

	"github.com/intake311/intake311/cases"
)

// Store is what the channel needs of the gateway's store: cases, and the
// shared state that holds mailbox leases, cursors and reply counts.
type Store interface {
	cases.CaseStore
	cases.StateStore
}

// Options configure a Channel. Intake, Store and Address are required;
// every other zero value is a documented default.
type Options struct {
	// Address is the address residents write to, such as 311@riverton.gov.
	// Replies come from it; its domain names the gateway's Message-IDs and
	// its plus addresses (311+<tracking>@riverton.gov) thread replies.
	Address string
	// FromName is the display name of the gateway's mail; "" is "311".
	FromName  string
	Mailboxes []Mailbox
	SMTP      SMTPOptions
	Intake    *cases.Intake
	Store     Store
	Media     MediaOptions
	// MaxRepliesPerHour caps the automatic replies (acknowledgements of
	// new reports) one address receives in an hour; a report beyond it is
	// taken in, and its sender gets the case's status updates, but it is
	// not acknowledged. Status updates are never capped. 0 is 5.
	MaxRepliesPerHour int
	// Holder names this replica in mailbox leases; "" is a random name.
	Holder string
	Logger *slog.Logger     // nil discards
	Now    func() time.Time // nil is time.Now
}

// Mailbox is one IMAP mailbox the channel reads.
type Mailbox struct {
	Addr     string // host:port
	TLS      string // TLSImplicit, TLSStartTLS or TLSNone; "" is TLSImplicit
	Username string
	Password string
	Mailbox  string // "" is INBOX
	// Processed is where messages go once their case is committed; "" is
	// "Processed". It is created when missing.
	Processed string
	// Failed is where a message goes that could not be taken in after
	// three tries (for a reason other than the store being unavailable),
	// so that it neither blocks the mailbox nor is lost; "" is "Failed".
	Failed string
	// Bulk is where bulk and automatic mail that answers no case goes
	// (lists, newsletters, no-reply senders, out-of-office replies to no
	// case): not a case, but kept for staff to look through; "" is "Bulk".
	// It is created when missing.
	Bulk      string
	TLSConfig *tls.Config // nil verifies the server's name
	// PollInterval is the wait between checks when the server has no IDLE;
	// 0 is 30 seconds.
	PollInterval time.Duration
	// NoIdle polls even when the server has IDLE, for servers whose IDLE
	// misbehaves.
	NoIdle bool
	// IdleRestart is how long one IDLE lasts before it is re-issued and
	// followed by NOOP; 0 is 25 minutes (servers may drop IDLE after 30).
	IdleRestart time.Duration
	// Lease is how long this replica holds the mailbox between renewals;
	// 0 is a minute. Another replica takes over within a lease of a crash.
	Lease time.Duration
}

// MediaOptions say which attachments become case media and where they go.
type MediaOptions struct {
	// Dir holds the files; "" keeps no files (attachments are listed in
	// the message text only).
	Dir string
	// MaxBytes bounds one file; 0 is 10 MiB.
	MaxBytes int64
	// Types are the media types kept; nil is common photo formats.
	Types []string
}

// DefaultMediaTypes are the attachments kept when MediaOptions.Types is nil.
var DefaultMediaTypes = []string{"image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif"}

func (m *Mailbox) withDefaults() Mailbox {
	d := *m
	d.TLS = cmp(d.TLS, TLSImplicit)
	d.Mailbox = cmp(d.Mailbox, "INBOX")
	d.Processed = cmp(d.Processed, "Processed")
	d.Failed = cmp(d.Failed, "Failed")
	d.Bulk = cmp(d.Bulk, "Bulk")
	d.PollInterval = cmp(d.PollInterval, 30*time.Second)
	d.IdleRestart = cmp(d.IdleRestart, 25*time.Minute)
	d.Lease = cmp(d.Lease, time.Minute)
	return d
}

// key names the mailbox in leases and cursors.
func (m *Mailbox) key() string { return m.Username + "@" + m.Addr + "/" + m.Mailbox }
