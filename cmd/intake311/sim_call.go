package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/intake311/intake311/channels/twilio/twiliotest"
)

var simCall = command{"call", "call the city's number as Twilio would: hear the menu, answer with keys or words", runSimCall}

func runSimCall(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "sim call", `sim call [--url URL] [--from +1555...] [--input "1,1,say: pothole at 200 Main St,..."]`)
	base := fs.String("url", "http://127.0.0.1:8311", "the running sandbox")
	from := fs.String("from", "+15555550100", "the caller's number")
	script := fs.String("input", "", "answers separated by commas, instead of reading stdin: digits (a trailing # is the end key), \"say: words\", or nothing for silence")
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
	cl := &twiliotest.Client{BaseURL: peers.BaseURL, AuthToken: peers.Twilio.AuthToken, To: peers.Twilio.From}
	in := callInputs(env, *script)
	if *script == "" {
		fmt.Fprintln(env.Stdout, "Answer with keypad digits (1, 1234567890#), \"say: your words\", or an empty line for silence. Ctrl-D hangs up.")
	}
	return (&simCaller{env: env, cl: cl, sid: cl.NewSID("CA"), from: *from, next: in}).run(ctx)
}

// callInputs returns the caller's answers: the script's, or stdin's lines.
func callInputs(env *Env, script string) func() (string, bool) {
	if script != "" {
		items := strings.Split(script, ",")
		return func() (string, bool) {
			if len(items) == 0 {
				return "", false
			}
			s := items[0]
			items = items[1:]
			return strings.TrimSpace(s), true
		}
	}
	sc := bufio.NewScanner(env.Stdin)
	return func() (string, bool) {
		if !sc.Scan() {
			return "", false
		}
		return strings.TrimSpace(sc.Text()), true
	}
}

// simCaller is one call walked through the menu.
type simCaller struct {
	env   *Env
	cl    *twiliotest.Client
	sid   string
	from  string
	next  func() (string, bool)
	turns int
}

func (c *simCaller) run(ctx context.Context) error {
	reply, err := c.cl.Call(ctx, c.sid, c.from)
	for {
		if err != nil {
			return err
		}
		if reply.Status != http.StatusOK {
			return fmt.Errorf("the gateway answered %d: %s", reply.Status, reply.Body)
		}
		v, perr := twiliotest.ParseVoice(reply.Body)
		if perr != nil {
			return fmt.Errorf("twiml: %w", perr)
		}
		c.print(v)
		action, in, more := c.answer(v)
		if !more {
			return c.hangup(ctx)
		}
		reply, err = c.cl.Answer(ctx, action, c.sid, c.from, in)
	}
}

func (c *simCaller) print(v twiliotest.Voice) {
	for _, s := range v.Says {
		fmt.Fprintf(c.env.Stdout, "say: %s\n", s)
	}
	switch {
	case v.Dial != "":
		fmt.Fprintf(c.env.Stdout, "[transferred to %s]\n", v.Dial)
	case v.Hangup:
		fmt.Fprintln(c.env.Stdout, "[the city hung up]")
	case v.Record:
		fmt.Fprintln(c.env.Stdout, "[beep: recording; type anything to leave a message]")
	}
}

// answer reads the caller's next answer to v and says where it goes.
func (c *simCaller) answer(v twiliotest.Voice) (string, twiliotest.Input, bool) {
	if v.Dial != "" || v.Hangup || c.turns > 200 {
		return "", twiliotest.Input{}, false
	}
	if !v.Gather && !v.Record {
		return v.Redirect, twiliotest.Input{}, v.Redirect != ""
	}
	fmt.Fprint(c.env.Stdout, "> ")
	line, ok := c.next()
	if !ok {
		fmt.Fprintln(c.env.Stdout)
		return "", twiliotest.Input{}, false
	}
	c.turns++
	in := simInput(line, v.Record, c.turns)
	if in == (twiliotest.Input{}) {
		return v.Redirect, in, v.Redirect != ""
	}
	return v.Action, in, true
}

// simInput reads one answer: words after "say:", keypad digits (the end
// key is not part of them, as with Twilio), or a recording.
func simInput(line string, record bool, turn int) twiliotest.Input {
	switch {
	case line == "":
		return twiliotest.Input{}
	case record:
		return twiliotest.Input{RecordingURL: fmt.Sprintf("https://recordings.sandbox.invalid/RE%032d", turn)}
	}
	if words, ok := strings.CutPrefix(line, "say:"); ok {
		return twiliotest.Input{Speech: strings.TrimSpace(words)}
	}
	return twiliotest.Input{Digits: strings.TrimSuffix(line, "#")}
}

// hangup tells the gateway the call is over, as Twilio's status callback
// does.
func (c *simCaller) hangup(ctx context.Context) error {
	r, err := c.cl.CallStatus(ctx, "/channels/twilio/voice/status", c.sid, c.from, "completed")
	if err == nil && r.Status >= 300 {
		err = fmt.Errorf("call status: the gateway answered %d", r.Status)
	}
	fmt.Fprintln(c.env.Stdout, "[call over]")
	return err
}
