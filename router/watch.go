package router

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/intake311/intake311/cases"
)

// DefaultWatchInterval is how often Watch polls when given no interval;
// it keeps every replica within a few seconds of a publish.
const DefaultWatchInterval = 2 * time.Second

// Watch polls store every interval for a version newer than the one being
// served and swaps it in. A version that does not parse is logged once and
// skipped; the current one keeps serving. Watch returns when ctx is done.
func (e *Engine) Watch(ctx context.Context, store cases.RulesStore, every time.Duration) {
	if every <= 0 {
		every = DefaultWatchInterval
	}
	var bad int64
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		bad = e.poll(ctx, store, bad)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// poll swaps in the newest version if it is newer and good; bad is the
// newest version already refused.
func (e *Engine) poll(ctx context.Context, store cases.RulesStore, bad int64) int64 {
	v, err := store.Rules(ctx, 0)
	switch {
	case errors.Is(err, cases.ErrNotFound):
		return bad
	case err != nil:
		if ctx.Err() == nil {
			e.opts.Logger.Warn("rules poll", "err", err)
		}
		return bad
	case v.Version <= e.Version() || v.Version == bad:
		return bad
	}
	doc, err := Parse(fmt.Sprintf("rules-v%d.yaml", v.Version), v.Document)
	if err != nil {
		e.opts.Logger.Error("published rules refused; the current version keeps serving",
			"version", v.Version, "serving", e.Version(), "err", err)
		return v.Version
	}
	e.Swap(doc, v.Version)
	return bad
}
