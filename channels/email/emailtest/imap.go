package emailtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// IMAPOptions tune an IMAPServer. The zero value serves one user with a
// random password, IDLE and MOVE.
type IMAPOptions struct {
	Username string // "" is "311@riverton.example"
	Password string // "" is random
	NoMove   bool   // leave MOVE out, so clients fall back to COPY + EXPUNGE
}

// IMAPServer is an in-memory IMAP server on loopback with one user and
// its INBOX. Login is in plain text, which suits loopback only.
type IMAPServer struct {
	Addr     string
	Username string
	Password string
	Mailbox  string
	srv      *imapserver.Server
	ln       net.Listener
}

// NewIMAPServer starts a server on a free loopback port.
func NewIMAPServer(opts IMAPOptions) (*IMAPServer, error) {
	s := &IMAPServer{Username: opts.Username, Password: opts.Password, Mailbox: "INBOX"}
	if s.Username == "" {
		s.Username = "311@riverton.example"
	}
	if s.Password == "" {
		s.Password = randomHex(12)
	}
	mem := imapmemserver.New()
	user := imapmemserver.NewUser(s.Username, s.Password)
	if err := user.Create(s.Mailbox, nil); err != nil {
		return nil, fmt.Errorf("imap: %w", err)
	}
	mem.AddUser(user)
	caps := imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapUIDPlus: {}}
	if !opts.NoMove {
		caps[imap.CapMove] = struct{}{}
	}
	s.srv = imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps: caps, InsecureAuth: true, Logger: discard{},
	})
	return s, s.listen()
}

func (s *IMAPServer) listen() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("imap: %w", err)
	}
	s.ln, s.Addr = ln, ln.Addr().String()
	go s.srv.Serve(ln)
	return nil
}

// Close stops the server.
func (s *IMAPServer) Close() error { return s.srv.Close() }

// Append puts raw in the mailbox, as a mail provider does on delivery.
func (s *IMAPServer) Append(ctx context.Context, raw []byte) error {
	return Append(ctx, Account{s.Addr, s.Username, s.Password, s.Mailbox}, raw)
}

// Count returns how many messages mailbox holds.
func (s *IMAPServer) Count(ctx context.Context, mailbox string) (int, error) {
	c, err := login(ctx, Account{s.Addr, s.Username, s.Password, mailbox})
	if err != nil {
		return 0, err
	}
	defer c.Close()
	st, err := c.Status(mailbox, &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil {
		return 0, fmt.Errorf("imap status: %w", err)
	}
	return int(*st.NumMessages), nil
}

// Account is a mailbox and the login to reach it, as /sandbox/peers gives
// them.
type Account struct {
	Addr     string `json:"addr"`
	Username string `json:"username"`
	Password string `json:"password"`
	Mailbox  string `json:"mailbox"`
}

// Append delivers raw to the account's mailbox over IMAP (plain text, for
// servers on loopback).
func Append(ctx context.Context, a Account, raw []byte) error {
	c, err := login(ctx, a)
	if err != nil {
		return err
	}
	defer c.Close()
	cmd := c.Append(a.Mailbox, int64(len(raw)), nil)
	if _, err := cmd.Write(raw); err != nil {
		return fmt.Errorf("imap append: %w", err)
	}
	if err := cmd.Close(); err != nil {
		return fmt.Errorf("imap append: %w", err)
	}
	if _, err := cmd.Wait(); err != nil {
		return fmt.Errorf("imap append: %w", err)
	}
	return c.Logout().Wait()
}

func login(ctx context.Context, a Account) (*imapclient.Client, error) {
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", a.Addr)
	if err != nil {
		return nil, fmt.Errorf("imap %s: %w", a.Addr, err)
	}
	c := imapclient.New(conn, nil)
	if err := c.Login(a.Username, a.Password).Wait(); err != nil {
		c.Close()
		return nil, fmt.Errorf("imap login: %w", err)
	}
	return c, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

var _ imapserver.Logger = discard{}

// discard is an imapserver.Logger that drops everything: clients closing
// their connections is normal here.
type discard struct{}

func (discard) Printf(string, ...any) {}
