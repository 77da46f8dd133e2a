package main

import (
	"path/filepath"
	"time"

	"github.com/intake311/intake311/channels"
	"github.com/intake311/intake311/channels/email"
	"github.com/intake311/intake311/channels/email/emailtest"
	"github.com/intake311/intake311/config"
)

// sandboxEmailAddress is the 311 address of the sandbox's mailbox.
const sandboxEmailAddress = "311@riverton.example"

// emailChannels builds the email channel: from the configuration, or in
// the sandbox on a loopback IMAP server and SMTP catcher.
func (g *gateway) emailChannels() ([]channels.Channel, error) {
	cfg := g.cfg.Channels.Email
	opts := email.Options{
		Address: cfg.Address, FromName: cfg.FromName, Intake: g.intake, Store: g.store,
		Media:             email.MediaOptions{Dir: g.mediaDir(cfg.Media), MaxBytes: cfg.Media.MaxBytes, Types: cfg.Media.Types},
		MaxRepliesPerHour: cfg.MaxRepliesPerHour, Logger: g.log,
	}
	switch {
	case g.sandbox != nil:
		if err := g.sandboxEmail(&opts); err != nil {
			return nil, err
		}
	case !cfg.Enabled():
		return nil, nil
	default:
		opts.Mailboxes, opts.SMTP = mailboxes(cfg.Mailboxes), smtpOptions(cfg.SMTP)
	}
	ch, err := email.New(opts)
	if err != nil {
		return nil, err
	}
	return []channels.Channel{ch}, nil
}

func (g *gateway) mediaDir(m config.EmailMedia) string {
	if m.Dir != "" {
		return m.Dir
	}
	return filepath.Join(g.cfg.Storage.DataDir, "media")
}

func mailboxes(in []config.EmailMailbox) []email.Mailbox {
	out := make([]email.Mailbox, len(in))
	for i, m := range in {
		out[i] = email.Mailbox{
			Addr: m.Addr, TLS: m.TLS, Username: m.Username, Password: string(m.Password), Mailbox: m.Mailbox,
			Processed: m.Processed, Failed: m.Failed, Bulk: m.Bulk, PollInterval: m.PollInterval.Duration, NoIdle: m.NoIdle, IdleRestart: m.IdleRestart.Duration,
		}
	}
	return out
}

func smtpOptions(s config.EmailSMTP) email.SMTPOptions {
	return email.SMTPOptions{Addr: s.Addr, TLS: s.TLS, Username: s.Username, Password: string(s.Password)}
}

// sandboxEmail starts the loopback stand-ins, publishes them in
// /sandbox/peers and points opts at them (plain-text login: loopback
// only).
func (g *gateway) sandboxEmail(opts *email.Options) error {
	if opts.Address == "" {
		opts.Address = sandboxEmailAddress
	}
	imap, err := emailtest.NewIMAPServer(emailtest.IMAPOptions{Username: opts.Address})
	if err != nil {
		return err
	}
	g.sandbox.addPeer("imap", emailtest.Account{Addr: imap.Addr, Username: imap.Username, Password: imap.Password, Mailbox: imap.Mailbox}, func() { imap.Close() })
	catcher, err := emailtest.NewCatcher(g.sandbox.log)
	if err != nil {
		return err
	}
	g.sandbox.addPeer("smtp", map[string]string{"addr": catcher.Addr}, func() { catcher.Close() })
	opts.Mailboxes = []email.Mailbox{{Addr: imap.Addr, TLS: email.TLSNone, Username: imap.Username, Password: imap.Password,
		PollInterval: 250 * time.Millisecond, Lease: 10 * time.Second}}
	opts.SMTP = email.SMTPOptions{Addr: catcher.Addr, TLS: email.TLSNone}
	return nil
}
