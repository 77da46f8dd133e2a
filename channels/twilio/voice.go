package twilio

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/ivr"
	"github.com/twilio/twilio-go/twiml"
)

// serveCall answers an incoming call with the first step of the menu.
func (c *Channel) serveCall(w http.ResponseWriter, r *http.Request) {
	form, ok := c.verified(w, r)
	if !ok {
		return
	}
	sid := form.Get("CallSid")
	if sid == "" {
		http.Error(w, "a voice webhook needs CallSid", http.StatusBadRequest)
		return
	}
	step, err := c.opts.IVR.Start(r.Context(), sid, form.Get("From"))
	c.writeStep(r.Context(), w, sid, step, err)
}

// serveTurn takes what the caller pressed, said or recorded.
func (c *Channel) serveTurn(w http.ResponseWriter, r *http.Request) {
	form, ok := c.verified(w, r)
	if !ok {
		return
	}
	sid := form.Get("CallSid")
	if sid == "" {
		http.Error(w, "a voice webhook needs CallSid", http.StatusBadRequest)
		return
	}
	step, err := c.opts.IVR.Next(r.Context(), sid, callInput(form))
	c.writeStep(r.Context(), w, sid, step, err)
}

// callInput reads a <Gather> or <Record> action; a <Redirect> after them
// carries none of its fields, which is the caller saying nothing.
func callInput(form url.Values) ivr.Input {
	return ivr.Input{Digits: form.Get("Digits"), Speech: strings.TrimSpace(form.Get("SpeechResult")),
		RecordingURL: form.Get("RecordingUrl")}
}

// writeStep answers with the step as TwiML. A turn that failed still has a
// step fit to play (an apology and an agent), so the caller is never left
// in silence; the failure is logged.
func (c *Channel) writeStep(ctx context.Context, w http.ResponseWriter, sid string, step ivr.Step, err error) {
	if err != nil {
		c.opts.Logger.Error("twilio: call turn failed", "call", sid, "err", err)
	}
	if step.Done() {
		c.finished(ctx, sid)
	}
	doc, err := twiml.Voice(c.render(step))
	if err != nil {
		http.Error(w, "twiml: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.Write([]byte(doc))
}

// finishedScope marks the calls the menu finished (a goodbye or a
// transfer), so that a call that ends without one counts as abandoned.
const finishedScope = "twilio.call-finished"

func (c *Channel) finished(ctx context.Context, sid string) {
	if _, err := c.opts.Store.PutState(ctx, finishedScope, sid, []byte("1"), 0, time.Hour); err != nil && !errors.Is(err, cases.ErrConflict) {
		c.opts.Logger.Warn("twilio: marking a call finished", "call", sid, "err", err)
	}
}

// abandoned reports whether a call to the menu ended before the menu
// finished it, and forgets the mark.
func (c *Channel) abandoned(ctx context.Context, sid string) bool {
	_, _, err := c.opts.Store.GetState(ctx, finishedScope, sid)
	if err == nil {
		c.opts.Store.DeleteState(ctx, finishedScope, sid)
	}
	return errors.Is(err, cases.ErrNotFound)
}

// render turns a provider-neutral step into TwiML verbs. Text goes into
// elements, never into markup, so a resident's words are escaped.
func (c *Channel) render(s ivr.Step) []twiml.Element {
	says := sayVerbs(s.Say)
	next := c.opts.PublicURL + "/channels/twilio/voice/next"
	redirect := twiml.VoiceRedirect{Url: next, Method: http.MethodPost}
	switch {
	case s.Gather != nil:
		return []twiml.Element{gatherVerb(s.Gather, next, says), redirect}
	case s.Record != nil:
		return append(says, recordVerb(s.Record, next), redirect)
	case s.Dial != "":
		return append(says, twiml.VoiceDial{Number: s.Dial})
	case s.Hangup:
		return append(says, twiml.VoiceHangup{})
	}
	return append(says, redirect)
}

func sayVerbs(ps []ivr.Prompt) []twiml.Element {
	out := make([]twiml.Element, 0, len(ps)+2)
	for _, p := range ps {
		out = append(out, twiml.VoiceSay{Message: p.Text, Language: locale(p.Language)})
	}
	return out
}

func gatherVerb(g *ivr.Gather, action string, says []twiml.Element) twiml.VoiceGather {
	var input []string
	if g.DTMF {
		input = append(input, "dtmf")
	}
	if g.Speech {
		input = append(input, "speech")
	}
	v := twiml.VoiceGather{Input: strings.Join(input, " "), Action: action, Method: http.MethodPost,
		Timeout: seconds(g.Timeout), FinishOnKey: g.FinishOnKey, Hints: strings.Join(g.Hints, ", "),
		InnerElements: says}
	if g.NumDigits > 0 {
		v.NumDigits = strconv.Itoa(g.NumDigits)
	}
	if g.Speech {
		v.Language, v.SpeechTimeout = locale(g.Language), "auto"
	}
	return v
}

func recordVerb(r *ivr.Record, action string) twiml.VoiceRecord {
	return twiml.VoiceRecord{Action: action, Method: http.MethodPost, MaxLength: seconds(r.MaxLength),
		Timeout: seconds(r.Timeout), FinishOnKey: r.FinishOnKey, PlayBeep: "true"}
}

// seconds writes a duration as whole seconds, "" for none.
func seconds(d time.Duration) string {
	if d <= 0 {
		return ""
	}
	return strconv.Itoa(int((d + time.Second - 1) / time.Second))
}

// locale is the Twilio language of a menu language.
func locale(lang string) string {
	switch lang {
	case "es":
		return "es-MX"
	case "en", "":
		return "en-US"
	}
	return lang
}
