package ivr

import "time"

// Step is what the call does next, in provider-neutral terms. The Say
// prompts come first; then at most one of Gather, Record, Dial or Hangup
// says how the turn ends. A channel renders a Step and reports what the
// caller did with the next call to Engine.Next.
type Step struct {
	Say    []Prompt
	Gather *Gather // wait for keypad digits or speech
	Record *Record // record a message
	Dial   string  // transfer the call to this number (E.164); the menu is done
	Hangup bool    // end the call; the menu is done
}

// Done reports whether the engine has finished with the call: it was
// transferred or hung up.
func (s Step) Done() bool { return s.Dial != "" || s.Hangup }

// Prompt is text to speak in a language ("en", "es"), for the channel to
// pick a voice.
type Prompt struct {
	Text     string
	Language string
}

// Gather asks for the caller's answer. The Say prompts of its step belong
// to it: a caller may answer before they end.
type Gather struct {
	DTMF   bool // keypad digits
	Speech bool // speech, recognised in Language
	// Language is the language to recognise speech in.
	Language string
	// Hints are words and phrases the caller is likely to say.
	Hints []string
	// Timeout is how long to wait for an answer before the caller is
	// taken to have said nothing.
	Timeout time.Duration
	// NumDigits ends the answer after this many digits; 0 waits for
	// FinishOnKey or the timeout.
	NumDigits int
	// FinishOnKey ends keypad input (and is not part of the digits); ""
	// means none.
	FinishOnKey string
}

// Record records a message after a beep. The recording's URL comes back
// in Input.RecordingURL.
type Record struct {
	MaxLength   time.Duration
	Timeout     time.Duration // silence that ends the recording
	FinishOnKey string
}

// Input is what the caller did in answer to a Step. The zero Input means
// the caller said and pressed nothing before the timeout.
type Input struct {
	Digits       string // keys pressed, without the finishing key
	Speech       string // what the caller said, as recognised
	RecordingURL string // the recording, after a Record step
}
