package email

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"slices"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/intake311/intake311/cases"
)

// errNotHolder ends a session when another replica holds the mailbox.
var errNotHolder = errors.New("another replica reads this mailbox")

// poller reads one mailbox: one IMAP session at a time, reconnecting with
// backoff, while this replica holds the mailbox's lease.
type poller struct {
	ch     *Channel
	mb     Mailbox
	notify chan struct{} // new mail announced during IDLE
	// failures counts the failed tries of each message, by UID.
	failures map[imap.UID]int
}

// maxTries is how often a message is tried before it is set aside.
const maxTries = 3

// run keeps a session open until ctx ends.
func (p *poller) run(ctx context.Context) {
	p.notify = make(chan struct{}, 1)
	p.failures = map[imap.UID]int{}
	first := min(time.Second, p.mb.PollInterval)
	wait := first
	for ctx.Err() == nil {
		start := time.Now()
		err := p.session(ctx)
		switch {
		case ctx.Err() != nil:
			return
		case errors.Is(err, errNotHolder):
			sleep(ctx, p.leaseTTL()/2)
			continue
		case err != nil:
			p.ch.log.Warn("email: mailbox session ended", "mailbox", p.mb.key(), "err", err, "retry_in", wait)
		}
		if time.Since(start) > time.Minute {
			wait = first
		}
		sleep(ctx, wait)
		wait = min(wait*2, 5*time.Minute)
	}
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// leaseTTL outlasts the longest wait between two renewals.
func (p *poller) leaseTTL() time.Duration { return max(p.mb.Lease, 3*p.mb.PollInterval) }

func (p *poller) leaseName() string { return "email:" + p.mb.key() }

func (p *poller) acquire(ctx context.Context) error {
	ok, err := p.ch.opts.Store.AcquireLease(ctx, p.leaseName(), p.ch.opts.Holder, p.leaseTTL())
	if err != nil {
		return fmt.Errorf("lease: %w", err)
	}
	if !ok {
		return errNotHolder
	}
	return nil
}

// session logs in, then processes new mail and waits for more until an
// error, a lost lease or the end of ctx.
func (p *poller) session(ctx context.Context) error {
	if err := p.acquire(ctx); err != nil {
		return err
	}
	defer p.ch.opts.Store.ReleaseLease(context.WithoutCancel(ctx), p.leaseName(), p.ch.opts.Holder)
	c, validity, err := p.open(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	for {
		if err := p.drain(ctx, c, validity); err != nil {
			return err
		}
		if err := p.wait(ctx, c); err != nil {
			return err
		}
		if err := p.acquire(ctx); err != nil {
			return err
		}
	}
}

// open connects, logs in, makes sure the processed, failed and bulk
// folders exist and selects the mailbox, returning its UIDVALIDITY.
func (p *poller) open(ctx context.Context) (*imapclient.Client, uint32, error) {
	c, err := p.dial(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("imap %s: %w", p.mb.Addr, err)
	}
	if err := c.Login(p.mb.Username, p.mb.Password).Wait(); err != nil {
		c.Close()
		return nil, 0, fmt.Errorf("imap login: %w", err)
	}
	_ = c.Create(p.mb.Processed, nil).Wait() // they may exist already
	_ = c.Create(p.mb.Failed, nil).Wait()
	_ = c.Create(p.mb.Bulk, nil).Wait()
	sel, err := c.Select(p.mb.Mailbox, nil).Wait()
	if err != nil {
		c.Close()
		return nil, 0, fmt.Errorf("imap select %s: %w", p.mb.Mailbox, err)
	}
	return c, sel.UIDValidity, nil
}

func (p *poller) dial(ctx context.Context) (*imapclient.Client, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", p.mb.Addr)
	if err != nil {
		return nil, err
	}
	opts := &imapclient.Options{
		TLSConfig:             p.tlsConfig(),
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{Mailbox: p.announced},
	}
	switch p.mb.TLS {
	case TLSNone:
		return imapclient.New(conn, opts), nil
	case TLSStartTLS:
		return imapclient.NewStartTLS(conn, opts)
	}
	return imapclient.New(tls.Client(conn, opts.TLSConfig), opts), nil
}

func (p *poller) tlsConfig() *tls.Config {
	if p.mb.TLSConfig != nil {
		return p.mb.TLSConfig.Clone()
	}
	host, _, _ := net.SplitHostPort(p.mb.Addr)
	return &tls.Config{ServerName: host}
}

// announced wakes the poller when the server reports new messages.
func (p *poller) announced(d *imapclient.UnilateralDataMailbox) {
	if d.NumMessages == nil {
		return
	}
	select {
	case p.notify <- struct{}{}:
	default:
	}
}

// wait returns when new mail may have arrived: at a notification during
// IDLE, or after a poll interval. IDLE is re-issued before the server
// drops it and always followed by NOOP, as a notification can be missed.
func (p *poller) wait(ctx context.Context, c *imapclient.Client) error {
	if p.mb.NoIdle || !c.Caps().Has(imap.CapIdle) {
		sleep(ctx, p.mb.PollInterval)
		return p.noop(ctx, c)
	}
	idle, err := c.Idle()
	if err != nil {
		return fmt.Errorf("imap idle: %w", err)
	}
	t := time.NewTimer(min(p.mb.IdleRestart, p.leaseTTL()/3))
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	case <-p.notify:
	}
	if err := idle.Close(); err != nil {
		return fmt.Errorf("imap idle: %w", err)
	}
	if err := idle.Wait(); err != nil {
		return fmt.Errorf("imap idle: %w", err)
	}
	return p.noop(ctx, c)
}

func (p *poller) noop(ctx context.Context, c *imapclient.Client) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err := c.Noop().Wait(); err != nil {
		return fmt.Errorf("imap noop: %w", err)
	}
	return nil
}

// batch is how many messages one FETCH reads; the lease is renewed
// between batches.
const batch = 16

// drain processes every message in the mailbox, oldest first.
func (p *poller) drain(ctx context.Context, c *imapclient.Client, validity uint32) error {
	data, err := c.UIDSearch(&imap.SearchCriteria{}, nil).Wait()
	if err != nil {
		return fmt.Errorf("imap search: %w", err)
	}
	uids := data.AllUIDs()
	slices.Sort(uids)
	cur, err := p.loadCursor(ctx, validity)
	if err != nil {
		return err
	}
	for chunk := range slices.Chunk(uids, batch) {
		if err := p.chunk(ctx, c, &cur, chunk); err != nil {
			return err
		}
		if err := p.acquire(ctx); err != nil {
			return err
		}
	}
	return nil
}

// chunk reads the messages of uids not yet committed in one FETCH, then
// processes each in order.
func (p *poller) chunk(ctx context.Context, c *imapclient.Client, cur *cursor, uids []imap.UID) error {
	var todo []imap.UID
	for _, uid := range uids {
		if !cur.done(uid) {
			todo = append(todo, uid)
		}
	}
	bodies, err := fetch(c, todo)
	if err != nil {
		return err
	}
	for _, uid := range uids {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := p.one(ctx, c, cur, uid, bodies); err != nil {
			return err
		}
	}
	return nil
}

// one commits the message uid (unless the cursor says it is committed
// already), records it in the cursor, and only then moves it. Bulk mail,
// which commits nothing, goes to the bulk folder without a cursor entry,
// so that after a crash before its move it is read, and set aside, again.
func (p *poller) one(ctx context.Context, c *imapclient.Client, cur *cursor, uid imap.UID, bodies map[imap.UID][]byte) error {
	if !cur.done(uid) {
		raw, ok := bodies[uid]
		if !ok {
			return nil // expunged by someone else since the search
		}
		out, err := p.ch.Receive(ctx, raw, fallbackID(p.mb, cur.Validity, uid))
		if err != nil {
			return p.failed(ctx, c, uid, err)
		}
		if out.Bulk {
			return p.setAside(c, uid, out)
		}
		if err := p.saveCursor(ctx, cur, uid); err != nil {
			return err
		}
	}
	return p.move(c, uid, p.mb.Processed)
}

// setAside files bulk mail in the bulk folder, where staff can find it,
// and logs which message it was and why.
func (p *poller) setAside(c *imapclient.Client, uid imap.UID, out Outcome) error {
	if err := p.move(c, uid, p.mb.Bulk); err != nil {
		return err
	}
	p.ch.log.Info("email: bulk mail set aside, not a case", "folder", p.mb.Bulk, "message_id", out.MessageID,
		"from", out.From, "reason", out.Reason)
	return nil
}

// move moves the message uid to folder, after the beforeMove hook.
func (p *poller) move(c *imapclient.Client, uid imap.UID, folder string) error {
	if h := p.ch.beforeMove; h != nil {
		if err := h(uint32(uid)); err != nil {
			return err
		}
	}
	if _, err := c.Move(imap.UIDSetNum(uid), folder).Wait(); err != nil {
		return fmt.Errorf("imap move uid %d to %s: %w", uid, folder, err)
	}
	return nil
}

var wholeMessage = &imap.FetchItemBodySection{Peek: true}

// fetch reads whole messages by UID, without marking them seen.
func fetch(c *imapclient.Client, uids []imap.UID) (map[imap.UID][]byte, error) {
	bodies := make(map[imap.UID][]byte, len(uids))
	if len(uids) == 0 {
		return bodies, nil
	}
	opts := &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{wholeMessage}}
	bufs, err := c.Fetch(imap.UIDSetNum(uids...), opts).Collect()
	if err != nil {
		return nil, fmt.Errorf("imap fetch: %w", err)
	}
	for _, b := range bufs {
		bodies[b.UID] = b.FindBodySection(wholeMessage)
	}
	return bodies, nil
}

// fallbackID identifies a message without a Message-ID by where it was
// found.
func fallbackID(mb Mailbox, validity uint32, uid imap.UID) string {
	return fmt.Sprintf("imap:%s:%d:%d", mb.key(), validity, uid)
}

// failed handles a message that could not be taken in: it is tried again
// later, and after maxTries set aside in the Failed folder, unless the
// store is unavailable (then every message would fail alike).
func (p *poller) failed(ctx context.Context, c *imapclient.Client, uid imap.UID, err error) error {
	err = fmt.Errorf("message uid %d: %w", uid, err)
	if errors.Is(err, cases.ErrUnavailable) || ctx.Err() != nil {
		return err
	}
	if p.failures[uid]++; p.failures[uid] < maxTries {
		return err
	}
	delete(p.failures, uid)
	p.ch.log.Error("email: message set aside", "folder", p.mb.Failed, "err", err)
	if _, merr := c.Move(imap.UIDSetNum(uid), p.mb.Failed).Wait(); merr != nil {
		return fmt.Errorf("imap move uid %d: %w", uid, merr)
	}
	return nil
}
