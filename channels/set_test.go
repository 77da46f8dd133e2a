package channels_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels"
)

// echo is a channel that answers with its name and the recipient.
func echo(name string) channels.Channel {
	return channels.Func(name, func(ctx context.Context, n *cases.Notification) (string, error) {
		return name + ":" + n.To, nil
	})
}

// hook is a channel that also receives webhooks.
type hook struct{ channels.Channel }

func (hook) Handler() http.Handler { return http.NotFoundHandler() }

// poller is a channel that also pulls inbound traffic.
type poller struct{ channels.Channel }

func (poller) Poll(ctx context.Context) error { <-ctx.Done(); return nil }

var (
	_ channels.Webhook = hook{}
	_ channels.Poller  = poller{}
)

func TestNewSetRefuses(t *testing.T) {
	tests := []struct {
		name string
		chs  []channels.Channel
		want string
	}{
		{"Duplicate", []channels.Channel{echo("sms"), echo("email"), echo("sms")}, `two channels are named "sms"`},
		{"Nil", []channels.Channel{echo("sms"), nil}, "nil channel"},
		{"NoName", []channels.Channel{echo("")}, "has no name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := channels.NewSet(tt.chs...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("NewSet = %v, %v; want an error saying %q", s, err, tt.want)
			}
		})
	}
}

func TestSetNotifyRoutes(t *testing.T) {
	s := newSet(t, echo("sms"), echo("email"))
	tests := []struct {
		channel, to, want string
	}{
		{"sms", "+13125550101", "sms:+13125550101"},
		{"email", "ana@example.org", "email:ana@example.org"},
	}
	for _, tt := range tests {
		t.Run(tt.channel, func(t *testing.T) {
			id, err := s.Notify(t.Context(), &cases.Notification{Channel: tt.channel, To: tt.to})
			if err != nil || id != tt.want {
				t.Errorf("Notify = %q, %v; want %q", id, err, tt.want)
			}
		})
	}
}

func TestSetNotifyUnknownChannelIsPermanent(t *testing.T) {
	s := newSet(t, echo("sms"))
	_, err := s.Notify(t.Context(), &cases.Notification{Channel: "fax", To: "+13125550101"})
	if err == nil || !cases.IsPermanent(err) || !strings.Contains(err.Error(), "fax") {
		t.Errorf("Notify on an unknown channel = %v; want a permanent error naming it", err)
	}
}

func TestSetNotifyKeepsErrorKind(t *testing.T) {
	cause := errors.New("21211 invalid 'To' number")
	s := newSet(t, channels.Func("sms", func(context.Context, *cases.Notification) (string, error) {
		return "", channels.Permanent(cause)
	}))
	_, err := s.Notify(t.Context(), &cases.Notification{Channel: "sms"})
	if !cases.IsPermanent(err) || !errors.Is(err, cause) || err.Error() != "sms: "+cause.Error() {
		t.Errorf("Notify = %v; want the permanent cause prefixed with the channel", err)
	}
}

func TestSetLists(t *testing.T) {
	s := newSet(t, echo("sms"), poller{echo("email")}, hook{echo("slack")}, hook{echo("x")})
	if got, want := s.Names(), []string{"email", "slack", "sms", "x"}; !slices.Equal(got, want) {
		t.Errorf("Names = %v, want %v", got, want)
	}
	if got, want := names(s.Webhooks()), []string{"slack", "x"}; !slices.Equal(got, want) {
		t.Errorf("Webhooks = %v, want %v", got, want)
	}
	if got, want := names(s.Pollers()), []string{"email"}; !slices.Equal(got, want) {
		t.Errorf("Pollers = %v, want %v", got, want)
	}
	if ch, ok := s.Get("slack"); !ok || ch.Name() != "slack" {
		t.Errorf("Get(slack) = %v, %v", ch, ok)
	}
	if ch, ok := s.Get("fax"); ok {
		t.Errorf("Get(fax) = %v, true; want none", ch)
	}
}

func TestEmptySet(t *testing.T) {
	s := newSet(t)
	if len(s.Names()) != 0 || len(s.Webhooks()) != 0 || len(s.Pollers()) != 0 {
		t.Errorf("an empty set lists %v, %v, %v", s.Names(), s.Webhooks(), s.Pollers())
	}
}

func newSet(t *testing.T, chs ...channels.Channel) *channels.Set {
	t.Helper()
	s, err := channels.NewSet(chs...)
	if err != nil {
		t.Fatalf("NewSet: %v", err)
	}
	return s
}

func names[T channels.Channel](chs []T) []string {
	var out []string
	for _, ch := range chs {
		out = append(out, ch.Name())
	}
	return out
}
