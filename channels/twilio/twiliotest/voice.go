package twiliotest

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"net/url"
	"strings"
)

// Voice is what a voice TwiML document asks of the call.
type Voice struct {
	Says     []string // every <Say>, in order, inside <Gather> or not
	Action   string   // the <Gather> or <Record> action URL
	Gather   bool     // a <Gather> waits for keys or speech
	Record   bool     // a <Record> waits for a message
	Hints    string   // the <Gather> speech hints
	Redirect string   // the <Redirect> after them
	Dial     string   // a <Dial> transfers the call
	Hangup   bool
}

// ParseVoice reads a voice TwiML document.
func ParseVoice(doc string) (Voice, error) {
	var v Voice
	dec := xml.NewDecoder(strings.NewReader(doc))
	var path []string
	for {
		tok, err := dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return v, nil
			}
			return v, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			path = append(path, t.Name.Local)
			v.start(t)
		case xml.EndElement:
			path = path[:len(path)-1]
		case xml.CharData:
			v.text(path, strings.TrimSpace(string(t)))
		}
	}
}

func (v *Voice) start(t xml.StartElement) {
	attr := func(name string) string {
		for _, a := range t.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	switch t.Name.Local {
	case "Gather":
		v.Gather, v.Action, v.Hints = true, attr("action"), attr("hints")
	case "Record":
		v.Record, v.Action = true, attr("action")
	case "Hangup":
		v.Hangup = true
	}
}

func (v *Voice) text(path []string, s string) {
	if s == "" || len(path) == 0 {
		return
	}
	switch path[len(path)-1] {
	case "Say":
		v.Says = append(v.Says, s)
	case "Redirect":
		v.Redirect = s
	case "Dial":
		v.Dial = s
	}
}

// Call posts an incoming call from a number to /channels/twilio/voice.
func (c *Client) Call(ctx context.Context, sid, from string) (*Reply, error) {
	return c.Post(ctx, "/channels/twilio/voice", c.callForm(sid, from, "ringing"))
}

// Input is what a caller does in answer to a <Gather> or <Record>.
type Input struct {
	Digits       string
	Speech       string
	RecordingURL string
}

// Answer posts what the caller did to a TwiML action URL (a <Gather> or
// <Record> action, or a <Redirect>), as Twilio does.
func (c *Client) Answer(ctx context.Context, action, sid, from string, in Input) (*Reply, error) {
	form := c.callForm(sid, from, "in-progress")
	if in.Digits != "" {
		form.Set("Digits", in.Digits)
	}
	if in.Speech != "" {
		form.Set("SpeechResult", in.Speech)
		form.Set("Confidence", "0.92")
	}
	if in.RecordingURL != "" {
		form.Set("RecordingUrl", in.RecordingURL)
		form.Set("RecordingDuration", "7")
	}
	return c.Post(ctx, strings.TrimPrefix(action, c.BaseURL), form)
}

// CallStatus posts a call's status callback to path, as Twilio does when
// a call ends.
func (c *Client) CallStatus(ctx context.Context, path, sid, to, status string) (*Reply, error) {
	form := c.callForm(sid, to, status)
	form.Set("To", to)
	return c.Post(ctx, strings.TrimPrefix(path, c.BaseURL), form)
}

func (c *Client) callForm(sid, from, status string) url.Values {
	return url.Values{"CallSid": {sid}, "AccountSid": {"AC" + strings.Repeat("0", 32)}, "From": {from},
		"To": {c.To}, "CallStatus": {status}, "Direction": {"inbound"}, "ApiVersion": {"2010-04-01"}}
}
