package email

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/emersion/go-imap/v2"

	"github.com/intake311/intake311/cases"
)

// cursor is the newest UID of a mailbox whose message is committed, under
// one UIDVALIDITY. It is kept in the store, so a message committed before
// a crash is moved, not read again, after the restart.
type cursor struct {
	Validity uint32 `json:"uidvalidity"`
	UID      uint32 `json:"uid"`
	version  int64
}

func (c *cursor) done(uid imap.UID) bool { return uint32(uid) <= c.UID }

const cursorScope = "email.cursor"

// loadCursor reads the mailbox's cursor; a new UIDVALIDITY starts over
// (Message-IDs still keep old messages from being taken in twice).
func (p *poller) loadCursor(ctx context.Context, validity uint32) (cursor, error) {
	raw, version, err := p.ch.opts.Store.GetState(ctx, cursorScope, p.mb.key())
	var cur cursor
	switch {
	case errors.Is(err, cases.ErrNotFound):
	case err != nil:
		return cursor{}, fmt.Errorf("cursor: %w", err)
	default:
		if err := json.Unmarshal(raw, &cur); err != nil {
			cur = cursor{}
		}
	}
	cur.version = version
	if cur.Validity != validity {
		cur.Validity, cur.UID = validity, 0
	}
	return cur, nil
}

func (p *poller) saveCursor(ctx context.Context, cur *cursor, uid imap.UID) error {
	next := *cur
	next.UID = uint32(uid)
	raw, _ := json.Marshal(next)
	v, err := p.ch.opts.Store.PutState(ctx, cursorScope, p.mb.key(), raw, cur.version, 0)
	if err != nil {
		return fmt.Errorf("cursor: %w", err)
	}
	*cur = next
	cur.version = v
	return nil
}
