package twilio

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels"
	"github.com/twilio/twilio-go/client"
)

// Twilio error codes that retrying the same message cannot fix.
var permanentCodes = map[int]bool{
	13223: true, // invalid phone number format (calls)
	13224: true, // invalid phone number (calls)
	21211: true, // invalid To number
	21215: true, // no permission to call the region
	21216: true, // the number is blocked for calls
	21214: true, // To number cannot be reached
	21408: true, // no permission to send to the region
	21606: true, // From number cannot send this message
	21610: true, // the recipient replied STOP
	21612: true, // no route between the numbers
	21614: true, // To number is not a mobile number
	21617: true, // body too long
	30003: true, // unreachable handset
	30004: true, // message blocked
	30005: true, // unknown destination handset
	30006: true, // landline or unreachable carrier
	30007: true, // filtered by the carrier
}

// CodeUnsubscribed is Twilio's error for a recipient who replied STOP.
const CodeUnsubscribed = 21610

// sendError classifies a failed send: a permanent Twilio code or a 4xx
// is channels.Permanent, 429 and 5xx are retried (after Retry-After), and
// a failure to reach Twilio at all is retried. 21610 also opts the
// number out.
func (c *Channel) sendError(ctx context.Context, n *cases.Notification, rt *apiTransport, api string, err error) error {
	status, h := rt.answer()
	var te *client.TwilioRestError
	if !errors.As(err, &te) {
		if status == 0 || status >= 200 && status < 300 {
			return fmt.Errorf("%s: %w", api, err)
		}
		return channels.StatusError(status, h, fmt.Errorf("%s: %s: %w", api, http.StatusText(status), err))
	}
	wrapped := fmt.Errorf("%s: twilio error %d: %s", api, te.Code, te.Message)
	if te.Code == CodeUnsubscribed && n.Channel == SMSChannel {
		if oerr := c.optOut(ctx, n.To); oerr != nil {
			c.opts.Logger.Error("sms: recording an opt-out", "err", oerr)
		}
	}
	if permanentCodes[te.Code] {
		return channels.Permanent(wrapped)
	}
	return channels.StatusError(firstStatus(te.Status, status), h, wrapped)
}

func firstStatus(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}
