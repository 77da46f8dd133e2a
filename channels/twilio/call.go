package twilio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/intake311/intake311/cases"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
	"github.com/twilio/twilio-go/twiml"
)

// callScope keeps the notification calls in progress, by CallSid, so a
// busy line or a call nobody answered can be placed again.
const callScope = "twilio.call"

// placed is a notification call in progress.
type placed struct {
	To       string `json:"to"`
	Text     string `json:"text"`
	Language string `json:"language"`
	Tracking string `json:"tracking,omitempty"`
	Attempt  int    `json:"attempt"`           // 0 for the first call
	Retried  bool   `json:"retried,omitempty"` // its next attempt is scheduled
}

// retryKind marks a notification that places an update call again after a
// busy line or no answer. Its Subject is the attempt number. It waits in
// the outbox, so a restart does not lose it.
const retryKind = "call-retry"

// call places a notification call through the Calls API: the update is
// spoken twice in the resident's language, after answering-machine
// detection has waited for the greeting to end, so a voicemail gets the
// whole message.
func (c *Channel) call(ctx context.Context, n *cases.Notification) (string, error) {
	p := placed{To: n.To, Text: n.Text, Language: n.Language, Tracking: string(n.Tracking)}
	if n.Kind == retryKind {
		p.Attempt, _ = strconv.Atoi(n.Subject)
	}
	return c.place(ctx, p, n)
}

func (c *Channel) place(ctx context.Context, p placed, n *cases.Notification) (string, error) {
	doc, err := twiml.Voice(spoken(p))
	if err != nil {
		return "", fmt.Errorf("calls api: twiml: %w", err)
	}
	params := &openapi.CreateCallParams{}
	params.SetPathAccountSid(c.opts.AccountSID)
	params.SetTo(p.To).SetFrom(c.opts.From).SetTwiml(doc).SetMachineDetection("DetectMessageEnd")
	params.SetStatusCallback(c.callCallback(p)).SetStatusCallbackEvent([]string{"completed"})
	rt := &apiTransport{ctx: ctx, base: c.apiBase(), next: c.opts.HTTPClient.Transport}
	res, err := c.api(rt).CreateCall(params)
	if err != nil {
		return "", c.sendError(ctx, n, rt, "calls api", err)
	}
	if res.Sid == nil {
		return "", errors.New("calls api: no sid in the answer")
	}
	raw, _ := json.Marshal(p)
	if _, err := c.opts.Store.PutState(ctx, callScope, *res.Sid, raw, 0, callKeep); err != nil {
		c.opts.Logger.Warn("twilio: a placed call will not be retried", "call", *res.Sid, "err", err)
	}
	return *res.Sid, nil
}

// callKeep is how long a placed call is remembered for its retries.
const callKeep = 24 * time.Hour

// spoken is the TwiML of a notification call.
func spoken(p placed) []twiml.Element {
	say := twiml.VoiceSay{Message: p.Text, Language: locale(p.Language)}
	return []twiml.Element{say, twiml.VoicePause{Length: "1"}, say}
}

func (c *Channel) callCallback(p placed) string {
	u := c.opts.PublicURL + "/channels/twilio/voice/status"
	if p.Tracking != "" {
		u += "?tracking=" + url.QueryEscape(p.Tracking)
	}
	return u
}

// serveCallStatus records how a call ended: a notification call that found
// the line busy or got no answer is placed again, up to CallRetries times;
// an IVR call's state is dropped.
func (c *Channel) serveCallStatus(w http.ResponseWriter, r *http.Request) {
	form, ok := c.verified(w, r)
	if !ok {
		return
	}
	sid, status := form.Get("CallSid"), form.Get("CallStatus")
	if sid == "" {
		http.Error(w, "a call status needs CallSid", http.StatusBadRequest)
		return
	}
	if err := c.callEnded(r.Context(), sid, status); err != nil {
		c.fail(w, "call status", err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (c *Channel) callEnded(ctx context.Context, sid, status string) error {
	raw, version, err := c.opts.Store.GetState(ctx, callScope, sid)
	if errors.Is(err, cases.ErrNotFound) {
		return c.menuCallEnded(ctx, sid) // a resident's call to the menu
	}
	if err != nil {
		return wrapStore("call", err)
	}
	var p placed
	if err := json.Unmarshal(raw, &p); err != nil {
		return fmt.Errorf("call %s: %w", sid, err)
	}
	if (status != "busy" && status != "no-answer") || p.Attempt >= c.opts.CallRetries || p.Retried {
		return nil
	}
	next := p
	next.Attempt++
	switch {
	case c.opts.CallRetryDelay <= 0:
		return c.callAgain(ctx, next)
	case p.Tracking != "":
		return c.scheduleRetry(ctx, sid, p, version, next)
	}
	// No case to keep the retry on: wait in memory.
	time.AfterFunc(c.opts.CallRetryDelay, func() {
		if err := c.callAgain(context.Background(), next); err != nil {
			c.opts.Logger.Error("twilio: calling again", "to", p.To, "err", err)
		}
	})
	return nil
}

// scheduleRetry puts the next attempt in the outbox, due after the retry
// delay, and marks the ended call so a repeated status callback does not
// schedule it twice.
func (c *Channel) scheduleRetry(ctx context.Context, sid string, ended placed, version int64, next placed) error {
	at := time.Now().UTC()
	n := cases.Notification{Channel: VoiceChannel, To: next.To, Text: next.Text, Language: next.Language,
		Kind: retryKind, Subject: strconv.Itoa(next.Attempt), NextAt: at.Add(c.opts.CallRetryDelay)}
	_, err := c.opts.Store.UpdateCase(ctx, cases.TrackingNumber(next.Tracking), func(*cases.Case) (*cases.Update, error) {
		return &cases.Update{At: at, Notify: []cases.Notification{n}}, nil
	})
	if err != nil {
		return wrapStore("call retry", err)
	}
	ended.Retried = true
	raw, _ := json.Marshal(ended)
	if _, err := c.opts.Store.PutState(ctx, callScope, sid, raw, version, callKeep); err != nil {
		c.opts.Logger.Warn("twilio: a repeated status callback may place the call twice", "call", sid, "err", err)
	}
	return nil
}

func (c *Channel) callAgain(ctx context.Context, p placed) error {
	_, err := c.place(ctx, p, &cases.Notification{Channel: VoiceChannel, To: p.To})
	return err
}

// menuCallEnded forgets a call to the menu and counts it if the caller
// left before the menu finished.
func (c *Channel) menuCallEnded(ctx context.Context, sid string) error {
	if c.abandoned(ctx, sid) && c.opts.Abandoned != nil {
		c.opts.Abandoned()
	}
	return c.opts.IVR.End(ctx, sid)
}
