package twilio

import (
	"errors"
	"net/http"

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
	err := c.opts.Store.SetMessageDelivery(r.Context(), SMSChannel, sid, status, errText)
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
