package twilio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/intake311/intake311/cases"
)

// numberScope is the store scope of what is known about a resident's
// number: its language and whether it opted out of texts.
const numberScope = "twilio.number"

// number is the stored record of a resident's number.
type number struct {
	Language string `json:"language,omitempty"`
	OptedOut bool   `json:"opted_out,omitempty"`
	version  int64
}

// number loads what is known about a number; a number never seen is the
// zero record.
func (c *Channel) number(ctx context.Context, addr string) (*number, error) {
	raw, version, err := c.opts.Store.GetState(ctx, numberScope, addr)
	switch {
	case errors.Is(err, cases.ErrNotFound):
		return &number{}, nil
	case err != nil:
		return nil, fmt.Errorf("%w: number: %w", errStore, err)
	}
	n := &number{version: version}
	if err := json.Unmarshal(raw, n); err != nil {
		return nil, fmt.Errorf("number %s: %w", addr, err)
	}
	return n, nil
}

// updateNumber applies fn to the stored record of addr, retrying when
// another replica wrote it in between.
func (c *Channel) updateNumber(ctx context.Context, addr string, fn func(*number)) error {
	for attempt := 0; ; attempt++ {
		n, err := c.number(ctx, addr)
		if err != nil {
			return err
		}
		fn(n)
		raw, _ := json.Marshal(n)
		_, err = c.opts.Store.PutState(ctx, numberScope, addr, raw, n.version, 0)
		if err == nil || !errors.Is(err, cases.ErrConflict) || attempt == 4 {
			return wrapStore("save number", err)
		}
	}
}

// optOut records that addr wants no more texts, on the number and on the
// contacts of every case of that number, so no notification is written for
// it and none is sent.
func (c *Channel) optOut(ctx context.Context, addr string) error {
	if err := c.updateNumber(ctx, addr, func(n *number) { n.OptedOut = true }); err != nil {
		return err
	}
	return c.updateContacts(ctx, addr, false, func(ct *cases.Contact) { ct.Consent = false })
}

// optIn undoes optOut for the cases still open.
func (c *Channel) optIn(ctx context.Context, addr string) error {
	if err := c.updateNumber(ctx, addr, func(n *number) { n.OptedOut = false }); err != nil {
		return err
	}
	return c.updateContacts(ctx, addr, true, func(ct *cases.Contact) { ct.Consent = true })
}

// updateContacts changes the contact of addr on each of its cases (only
// the open ones when openOnly).
func (c *Channel) updateContacts(ctx context.Context, addr string, openOnly bool, fn func(*cases.Contact)) error {
	f := cases.Filter{ContactChannel: SMSChannel, ContactAddress: addr, Limit: cases.MaxPageSize}
	for {
		page, err := c.opts.Store.FindCases(ctx, f)
		if err != nil {
			return wrapStore("find cases", err)
		}
		for _, k := range page.Cases {
			if openOnly && k.Status.Done() {
				continue
			}
			if err := c.updateContact(ctx, k.Tracking, addr, fn); err != nil {
				return err
			}
		}
		if f.Cursor = page.Next; f.Cursor == "" {
			return nil
		}
	}
}

func (c *Channel) updateContact(ctx context.Context, tn cases.TrackingNumber, addr string, fn func(*cases.Contact)) error {
	at := c.opts.Now().UTC()
	_, err := c.opts.Store.UpdateCase(ctx, tn, func(k *cases.Case) (*cases.Update, error) {
		ct := k.Contact(SMSChannel, addr)
		if ct == nil {
			return nil, nil
		}
		changed := *ct
		fn(&changed)
		return &cases.Update{At: at, Contacts: []cases.Contact{changed}}, nil
	})
	return wrapStore("update contact", err)
}

// wrapStore marks a store failure, so the webhook answers 503.
func wrapStore(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: %s: %w", errStore, what, err)
}
