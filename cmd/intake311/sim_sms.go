package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/intake311/intake311/channels/twilio/twiliotest"
)

var simSMS = command{"sms", "text the city's number as Twilio would; print the reply and the texts sent back", runSimSMS}

// twilioPeer is the Twilio stand-in the sandbox publishes.
type twilioPeer struct {
	BaseURL string `json:"base_url"`
	Twilio  *struct {
		AuthToken string `json:"auth_token"`
		APIBase   string `json:"api_base"`
		From      string `json:"from"`
	} `json:"twilio"`
}

// mediaFlag collects --media URL[,content-type] flags.
type mediaFlag []twiliotest.Media

func (m *mediaFlag) String() string { return fmt.Sprint(len(*m), " photos") }

func (m *mediaFlag) Set(v string) error {
	u, ct, _ := strings.Cut(v, ",")
	if !strings.HasPrefix(u, "http") {
		return errors.New("want an http(s) URL, optionally followed by ,content/type")
	}
	*m = append(*m, twiliotest.Media{URL: u, ContentType: smsOr(ct, "image/jpeg")})
	return nil
}

func smsOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func runSimSMS(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "sim sms", `sim sms [--url URL] [--from +1555...] [--media URL[,TYPE]]... "text"`)
	base := fs.String("url", "http://127.0.0.1:8311", "the running sandbox")
	from := fs.String("from", "+15555550100", "the resident's number")
	wait := fs.Duration("wait", 3*time.Second, "how long to wait for texts sent back")
	var media mediaFlag
	fs.Var(&media, "media", "a photo's URL, optionally with ,content/type (repeat for more)")
	if err := parse(fs, args); err != nil {
		return err
	}
	var peers twilioPeer
	if err := sandboxPeers(ctx, *base, &peers); err != nil {
		return err
	}
	if peers.Twilio == nil {
		return errors.New("the sandbox has no Twilio stand-in")
	}
	seen, err := smsOutboxLen(ctx, *base)
	if err != nil {
		return err
	}
	cl := &twiliotest.Client{BaseURL: peers.BaseURL, AuthToken: peers.Twilio.AuthToken, To: peers.Twilio.From}
	reply, err := cl.SMS(ctx, twiliotest.SMS{From: *from, Body: strings.Join(fs.Args(), " "), Media: media})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "reply (HTTP %d):\n%s\n", reply.Status, strings.TrimSpace(reply.Body))
	if reply.Status != http.StatusOK {
		return fmt.Errorf("the gateway answered %d", reply.Status)
	}
	if len(reply.Texts) > 0 {
		*wait = min(*wait, 500*time.Millisecond) // a question or an answer: texts are unlikely
	}
	return smsPrintTexts(ctx, env, *base, *from, seen, *wait)
}

// smsEntry is one entry of /sandbox/outbox.
type smsEntry struct {
	Channel string `json:"channel"`
	To      string `json:"to"`
	Text    string `json:"text"`
	Kind    string `json:"kind"`
	SID     string `json:"sid"`
}

// smsPrintTexts waits up to wait for texts sent to `to` after the first
// seen outbox entries, and prints them.
func smsPrintTexts(ctx context.Context, env *Env, base, to string, seen int, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	for {
		var entries []smsEntry
		if err := sandboxGet(ctx, base+"/sandbox/outbox", &entries); err != nil {
			return err
		}
		printed := 0
		for _, e := range entries[min(seen, len(entries)):] {
			if e.Channel == "sms" && e.To == to && e.Kind != "reply" {
				fmt.Fprintf(env.Stdout, "text to %s (%s):\n%s\n", e.To, e.SID, e.Text)
				printed++
			}
		}
		if printed > 0 || time.Now().After(deadline) {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func smsOutboxLen(ctx context.Context, base string) (int, error) {
	var entries []json.RawMessage
	err := sandboxGet(ctx, base+"/sandbox/outbox", &entries)
	return len(entries), err
}
