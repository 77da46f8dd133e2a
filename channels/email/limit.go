package email

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/intake311/intake311/cases"
)

const replyScope = "email.replies"

// allowReply counts an automatic reply to addr (the acknowledgement of a
// new report) in the current hour and reports whether it is within the
// cap. Status updates and staff notes are not automatic replies and are
// never counted or held back. The count lives in the store, so every
// replica shares it.
func (c *Channel) allowReply(ctx context.Context, addr string) (bool, error) {
	limit := cmp(c.opts.MaxRepliesPerHour, 5)
	key := addr + "|" + c.now().Truncate(time.Hour).Format(time.RFC3339)
	for attempt := 0; attempt < 5; attempt++ {
		raw, version, err := c.opts.Store.GetState(ctx, replyScope, key)
		if err != nil && !errors.Is(err, cases.ErrNotFound) {
			return false, fmt.Errorf("reply count: %w", err)
		}
		n, _ := strconv.Atoi(string(raw))
		if n >= limit {
			return false, nil
		}
		_, err = c.opts.Store.PutState(ctx, replyScope, key, []byte(strconv.Itoa(n+1)), version, 2*time.Hour)
		if !errors.Is(err, cases.ErrConflict) {
			return err == nil, err
		}
	}
	return false, nil
}
