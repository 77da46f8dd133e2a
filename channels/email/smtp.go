package email

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/intake311/intake311/channels"
)

// Transport security of an IMAP or SMTP connection.
const (
	TLSImplicit = "implicit" // TLS from the first byte (IMAPS 993, SMTPS 465)
	TLSStartTLS = "starttls" // upgraded with STARTTLS (IMAP 143, submission 587)
	TLSNone     = "none"     // plain text: for servers on loopback only
)

// SMTPOptions say where replies are submitted.
type SMTPOptions struct {
	Addr     string // host:port
	TLS      string // TLSImplicit, TLSStartTLS or TLSNone; "" is TLSStartTLS
	Username string // "" sends without AUTH
	Password string
	// TLSConfig is used for TLS; nil verifies the server's name.
	TLSConfig *tls.Config
	// Timeout bounds one submission; 0 is 30 seconds.
	Timeout time.Duration
}

// submit sends one message over SMTP. A 5xx answer is permanent; a 4xx
// answer or a broken connection is worth retrying.
func (o *SMTPOptions) submit(ctx context.Context, from string, to []string, msg []byte) error {
	ctx, cancel := context.WithTimeout(ctx, cmp(o.Timeout, 30*time.Second))
	defer cancel()
	c, err := o.dial(ctx)
	if err != nil {
		return fmt.Errorf("smtp %s: %w", o.Addr, err)
	}
	defer c.Close()
	if err := o.deliver(c, from, to, msg); err != nil {
		return smtpError(err)
	}
	return nil
}

func (o *SMTPOptions) dial(ctx context.Context) (*smtp.Client, error) {
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", o.Addr)
	if err != nil {
		return nil, err
	}
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	switch o.TLS {
	case TLSImplicit:
		return smtp.NewClient(tls.Client(conn, o.tlsConfig())), nil
	case TLSNone:
		return smtp.NewClient(conn), nil
	}
	c, err := smtp.NewClientStartTLS(conn, o.tlsConfig())
	if err != nil {
		conn.Close()
	}
	return c, err
}

func (o *SMTPOptions) tlsConfig() *tls.Config {
	if o.TLSConfig != nil {
		return o.TLSConfig.Clone()
	}
	host, _, _ := net.SplitHostPort(o.Addr)
	return &tls.Config{ServerName: host}
}

func (o *SMTPOptions) deliver(c *smtp.Client, from string, to []string, msg []byte) error {
	if o.Username != "" {
		if err := c.Auth(sasl.NewPlainClient("", o.Username, o.Password)); err != nil {
			return fmt.Errorf("auth: %w", err)
		}
	}
	if err := c.SendMail(from, to, bytes.NewReader(msg)); err != nil {
		return err
	}
	return c.Quit()
}

// smtpError marks a failed submission for the outbox: permanent for a 5xx
// answer, retryable otherwise.
func smtpError(err error) error {
	var se *smtp.SMTPError
	if errors.As(err, &se) && se.Code >= 500 {
		return channels.Permanent(fmt.Errorf("smtp: %w", err))
	}
	return fmt.Errorf("smtp: %w", err)
}

func cmp[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
