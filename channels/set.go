package channels

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/intake311/intake311/cases"
)

// Set is the gateway's channels, each under its unique name. It routes a
// notification to the channel the notification names, so a Set is the
// cases.Notifier the outbox dispatcher calls. A Set does not change after
// NewSet and is safe for concurrent use.
type Set struct {
	byName map[string]Channel
	names  []string // sorted
}

var _ cases.Notifier = (*Set)(nil)

// NewSet returns a Set of chs. A nil channel, an empty name or a name used
// twice is an error.
func NewSet(chs ...Channel) (*Set, error) {
	s := &Set{byName: make(map[string]Channel, len(chs))}
	for i, ch := range chs {
		if err := s.add(ch); err != nil {
			return nil, fmt.Errorf("channel %d: %w", i, err)
		}
	}
	slices.Sort(s.names)
	return s, nil
}

func (s *Set) add(ch Channel) error {
	if ch == nil {
		return errors.New("nil channel")
	}
	name := ch.Name()
	switch {
	case name == "":
		return fmt.Errorf("%T has no name", ch)
	case s.byName[name] != nil:
		return fmt.Errorf("two channels are named %q", name)
	}
	s.byName[name] = ch
	s.names = append(s.names, name)
	return nil
}

// Notify sends n on the channel named n.Channel. A channel the Set does
// not have is a permanent error: no retry will make it appear.
func (s *Set) Notify(ctx context.Context, n *cases.Notification) (string, error) {
	ch := s.byName[n.Channel]
	if ch == nil {
		return "", Permanent(fmt.Errorf("no channel %q", n.Channel))
	}
	id, err := ch.Send(ctx, n)
	if err != nil {
		return "", fmt.Errorf("%s: %w", n.Channel, err)
	}
	return id, nil
}

// Get returns the channel called name.
func (s *Set) Get(name string) (Channel, bool) {
	ch, ok := s.byName[name]
	return ch, ok
}

// Names lists the channels' names in order.
func (s *Set) Names() []string { return slices.Clone(s.names) }

// Webhooks lists the channels that receive provider webhooks, by name.
func (s *Set) Webhooks() []Webhook { return all[Webhook](s) }

// Pollers lists the channels that pull inbound traffic, by name.
func (s *Set) Pollers() []Poller { return all[Poller](s) }

// all lists the channels of s that implement T, in name order.
func all[T Channel](s *Set) []T {
	var out []T
	for _, name := range s.names {
		if ch, ok := s.byName[name].(T); ok {
			out = append(out, ch)
		}
	}
	return out
}
