package config

import (
	"net/url"
	"regexp"
)

// Twilio configures SMS, MMS and voice on Twilio. Texting is on when
// AccountSID is set; the sandbox always has it, pointed at a stand-in.
type Twilio struct {
	AccountSID string `yaml:"account_sid"`
	AuthToken  Secret `yaml:"auth_token"` // signs Twilio's webhooks, authenticates REST calls
	From       string `yaml:"from"`       // the city's number, E.164
	// APIBase is the Twilio REST API; change it only for a stand-in.
	APIBase string      `yaml:"api_base"`
	SMS     TwilioSMS   `yaml:"sms"`
	Voice   TwilioVoice `yaml:"voice"`
}

// TwilioVoice tunes calls; the menu itself is the ivr section.
type TwilioVoice struct {
	// CallRetries is how many more times an update call that found the
	// line busy or got no answer is placed.
	CallRetries int `yaml:"call_retries"`
	// CallRetryDelay is the wait before calling again.
	CallRetryDelay Duration `yaml:"call_retry_delay"`
}

// TwilioSMS tunes conversations by text.
type TwilioSMS struct {
	IdleTimeout Duration `yaml:"idle_timeout"` // a conversation left this long ends
	MaxSegments int      `yaml:"max_segments"` // longer texts are shortened
	RateLimit   int      `yaml:"rate_limit"`   // texts one number may send per window
	RateWindow  Duration `yaml:"rate_window"`
	// Choices are the services offered, in order, when a text is unclear.
	Choices []string `yaml:"choices"`
}

// Enabled reports whether texting over Twilio is configured.
func (t *Twilio) Enabled() bool { return t.AccountSID != "" }

var e164 = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)

func (k *checker) twilio() {
	t := &k.c.Channels.Twilio
	const p = "channels.twilio."
	if u, err := url.Parse(t.APIBase); err != nil || u.Host == "" || u.Scheme != "http" && u.Scheme != "https" {
		k.errorf(p+"api_base", "%s is not an absolute http or https URL", k.show(p+"api_base", t.APIBase))
	}
	positive(k, p+"sms.max_segments", t.SMS.MaxSegments)
	positive(k, p+"sms.rate_limit", t.SMS.RateLimit)
	k.positiveDuration(p+"sms.idle_timeout", t.SMS.IdleTimeout)
	k.positiveDuration(p+"sms.rate_window", t.SMS.RateWindow)
	if t.Voice.CallRetryDelay.Duration < 0 {
		k.errorf(p+"voice.call_retry_delay", "must not be negative, not %s", t.Voice.CallRetryDelay)
	}
	if t.Voice.CallRetries < 0 {
		k.errorf(p+"voice.call_retries", "must be 0 or more, not %d", t.Voice.CallRetries)
	}
	if !t.Enabled() {
		return
	}
	if t.AuthToken == "" {
		k.errorf(p+"auth_token", "texting needs the account's auth token (put it in the environment: ${TWILIO_AUTH_TOKEN})")
	}
	if !e164.MatchString(t.From) {
		k.errorf(p+"from", "%s is not a phone number in E.164 form, such as +13125550100", k.show(p+"from", t.From))
	}
}
