package twilio

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/intake311/intake311/cases"
)

// serveStatus records a delivery report on the outbound message: delivered,
// undelivered or failed with the error code. 21610 also opts the number
// out.
func (c *Channel) serveStatus(w http.ResponseWriter, r *http.Request) {
	form, ok := c.verified(w, r)
	if !ok {
		return
	}
	sid, status, code := form.Get("MessageSid"), form.Get("MessageStatus"), form.Get("ErrorCode")
	if sid == "" || status == "" {
		http.Error(w, "a status callback needs MessageSid and MessageStatus", http.StatusBadRequest)
		return
	}
	if code == "21610" {
		if err := c.optOut(r.Context(), form.Get("To")); err != nil {
			c.fail(w, "sms status", err)
			return
		}
	}
	if !final(status) {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	errText := ""
	if code != "" {
		errText = "twilio error " + code
	}
	err := c.setDelivery(r.Context(), sid, status, errText)
	switch {
	case errors.Is(err, cases.ErrNotFound):
		c.opts.Logger.Warn("sms status: no such message", "sid", sid, "status", status)
	case err != nil:
		c.fail(w, "sms status", wrapStore("delivery", err))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// final reports whether a message status is one the case keeps.
func final(status string) bool {
	switch status {
	case cases.DeliveryDelivered, cases.DeliveryUndelivered, cases.DeliveryFailed:
		return true
	}
	return false
}

// deliveryWaits bound how long a delivery report waits for its message:
// Twilio may report before the outbox has recorded the message's SID.
const (
	deliveryTries = 20
	deliveryPause = 100 * time.Millisecond
)

// setDelivery records a delivery report, waiting a little for a message
// the outbox has not recorded yet.
func (c *Channel) setDelivery(ctx context.Context, sid, status, errText string) error {
	for try := 1; ; try++ {
		err := c.opts.Store.SetMessageDelivery(ctx, SMSChannel, sid, status, errText)
		if !errors.Is(err, cases.ErrNotFound) || try == deliveryTries {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(deliveryPause):
		}
	}
}
