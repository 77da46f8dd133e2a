package twilio

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/ivr"
)

// Store is what the channel keeps in the gateway's store: cases, and the
// conversations and opt-outs of residents' numbers.
type Store interface {
	cases.CaseStore
	cases.StateStore
}

// Options configure a Channel. AccountSID, AuthToken, From, PublicURL,
// Store and Intake are required; every other zero value is a usable
// default.
type Options struct {
	AccountSID string
	AuthToken  string // signs webhooks and authenticates REST calls
	From       string // the city's number, E.164, that texts come from
	// PublicURL is the absolute URL Twilio reaches the gateway at, such as
	// https://311.example.gov. Webhook signatures are checked against it,
	// never against the Host header, so the gateway may sit behind a proxy.
	PublicURL string
	// APIBase is the Twilio REST API; "" is https://api.twilio.com.
	APIBase string
	// HTTPClient makes the REST calls; nil is a client with a 10s timeout.
	HTTPClient *http.Client

	Store    Store
	Intake   *cases.Intake
	Workflow *cases.Workflow // CANCEL; nil answers that cancelling is not available
	// ServiceName names a service in a language; nil uses the code.
	ServiceName func(code, language string) string
	// Choices are the services offered, in order, when a text is unclear.
	Choices []string
	// MinConfidence is the classifier confidence below which the resident
	// is asked to choose a service.
	MinConfidence float64
	// Sender is how replies name the city's line, such as "Riverton 311";
	// "" is "311".
	Sender string
	// DefaultLanguage answers residents whose language is unknown; "" is "en".
	DefaultLanguage string

	// IdleTimeout ends a conversation the resident left; zero is 30 minutes.
	IdleTimeout time.Duration
	// MaxSegments caps an outbound text; zero is 4 segments.
	MaxSegments int
	// RateLimit is how many texts a number may send per RateWindow before
	// it is told to slow down; zero is 10 per 10 minutes. The counts are
	// kept in Store, so every replica sees them and a restart keeps them.
	RateLimit  int
	RateWindow time.Duration

	// IVR answers calls at /channels/twilio/voice and places the calls of
	// notifications on the "voice" channel; nil leaves voice off.
	IVR *ivr.Engine
	// CallRetries is how many more times a notification call that found
	// the line busy or got no answer is placed; zero places it once only.
	CallRetries int
	// CallRetryDelay is how long to wait before calling again; zero calls
	// again at once. The retry waits in the outbox, on the call's case; a
	// call with no case (none is known) waits in memory.
	CallRetryDelay time.Duration

	// Abandoned, if set, is called for each call to the menu that ended
	// before the menu had finished (no goodbye, no transfer).
	Abandoned func()

	// Changed is called after a case or its notifications were written,
	// so the outbox can deliver at once; nil does nothing.
	Changed func()
	// Replied, if set, is told about each reply given in TwiML, such as a
	// question, with the TwiML document; the sandbox shows them.
	Replied func(to, text, twiml string)
	// Logger receives problems that get no answer; nil is slog.Default().
	Logger *slog.Logger
	// Now is the clock; nil is time.Now.
	Now func() time.Time
}

func (o *Options) defaults() {
	if o.APIBase == "" {
		o.APIBase = "https://api.twilio.com"
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	if o.DefaultLanguage == "" {
		o.DefaultLanguage = "en"
	}
	if o.Sender == "" {
		o.Sender = "311"
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = 30 * time.Minute
	}
	if o.MaxSegments <= 0 {
		o.MaxSegments = 4
	}
	if o.RateLimit <= 0 {
		o.RateLimit = 10
	}
	if o.RateWindow <= 0 {
		o.RateWindow = 10 * time.Minute
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}
