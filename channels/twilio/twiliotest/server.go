package twiliotest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Message is one message the stand-in was asked to send.
type Message struct {
	SID            string
	From, To       string
	Body           string
	MediaURLs      []string
	StatusCallback string
	At             time.Time
}

// Call is one outbound call the stand-in was asked to place.
type Call struct {
	SID            string
	From, To       string
	TwiML, URL     string
	StatusCallback string
	At             time.Time
}

// Failure is how the stand-in answers a request told to fail: an HTTP
// status with a Twilio error code, as the real API does.
type Failure struct {
	Status     int // HTTP status, such as 400, 429 or 503
	Code       int // Twilio error code, such as 21610 or 20429
	RetryAfter string
}

// Options configure a Server. Zero values give the test account
// "AC" followed by zeros and an auth token of 32 hex digits.
type Options struct {
	AccountSID string
	AuthToken  string
	// OnMessage and OnCall, if set, are told about each accepted request.
	OnMessage func(Message)
	OnCall    func(Call)
	// Deliver makes the stand-in report each accepted message delivered
	// to its status callback, signed, as Twilio does once the carrier
	// answers.
	Deliver bool
}

// Server is a stand-in for the Twilio REST API on loopback: the Messages
// and Calls resources of one account, with basic authentication.
type Server struct {
	// URL is the API base, to use in place of https://api.twilio.com.
	URL  string
	opts Options
	srv  *httptest.Server
	run  string // random, 16 hex digits
	seq  atomic.Int64

	mu       sync.Mutex
	messages []Message
	calls    []Call
	failures []Failure
	reports  sync.WaitGroup
}

// NewServer starts a stand-in. Close it when done.
func NewServer(opts Options) *Server {
	if opts.AccountSID == "" {
		opts.AccountSID = "AC" + strings.Repeat("0", 32)
	}
	if opts.AuthToken == "" {
		opts.AuthToken = "0123456789abcdef0123456789abcdef"
	}
	var run [8]byte
	rand.Read(run[:])
	s := &Server{opts: opts, run: hex.EncodeToString(run[:])}
	mux := http.NewServeMux()
	base := "/2010-04-01/Accounts/" + opts.AccountSID
	mux.HandleFunc("POST "+base+"/Messages.json", s.createMessage)
	mux.HandleFunc("POST "+base+"/Calls.json", s.createCall)
	s.srv = httptest.NewServer(s.authenticate(mux))
	s.URL = s.srv.URL
	return s
}

// Close stops the stand-in, after the delivery reports under way.
func (s *Server) Close() {
	s.reports.Wait()
	s.srv.Close()
}

// AccountSID and AuthToken are the credentials the stand-in accepts.
func (s *Server) AccountSID() string { return s.opts.AccountSID }

// AuthToken is the account's auth token, which also signs webhooks.
func (s *Server) AuthToken() string { return s.opts.AuthToken }

// Messages returns the messages accepted so far, oldest first.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// Calls returns the calls accepted so far, oldest first.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// FailNext makes the next requests fail, one failure each, in order.
func (s *Server) FailNext(fs ...Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, fs...)
}

func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, pass, ok := r.BasicAuth()
		if !ok || user != s.opts.AccountSID || pass != s.opts.AuthToken {
			writeError(w, Failure{Status: http.StatusUnauthorized, Code: 20003})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// failure takes the next scheduled failure, if any.
func (s *Server) failure() (Failure, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.failures) == 0 {
		return Failure{}, false
	}
	f := s.failures[0]
	s.failures = s.failures[1:]
	return f, true
}

// sid returns a new id: a random part, so ids stay unique across
// restarts of a stand-in over the same database, and a sequence number.
func (s *Server) sid(prefix string) string {
	return fmt.Sprintf("%s%s%016x", prefix, s.run, s.seq.Add(1))
}

func (s *Server) createMessage(w http.ResponseWriter, r *http.Request) {
	if f, ok := s.failure(); ok {
		writeError(w, f)
		return
	}
	r.ParseForm()
	m := Message{SID: s.sid("SM"), From: r.PostForm.Get("From"), To: r.PostForm.Get("To"), Body: r.PostForm.Get("Body"),
		MediaURLs: r.PostForm["MediaUrl"], StatusCallback: r.PostForm.Get("StatusCallback"), At: time.Now().UTC()}
	if m.To == "" || (m.Body == "" && len(m.MediaURLs) == 0) {
		writeError(w, Failure{Status: http.StatusBadRequest, Code: 21602})
		return
	}
	s.mu.Lock()
	s.messages = append(s.messages, m)
	s.mu.Unlock()
	if s.opts.OnMessage != nil {
		s.opts.OnMessage(m)
	}
	if s.opts.Deliver && m.StatusCallback != "" {
		s.reports.Add(1)
		go func() {
			defer s.reports.Done()
			s.report(m, "delivered")
		}()
	}
	writeJSON(w, http.StatusCreated, map[string]any{"sid": m.SID, "account_sid": s.opts.AccountSID,
		"from": m.From, "to": m.To, "body": m.Body, "status": "queued", "num_media": fmt.Sprint(len(m.MediaURLs))})
}

func (s *Server) createCall(w http.ResponseWriter, r *http.Request) {
	if f, ok := s.failure(); ok {
		writeError(w, f)
		return
	}
	r.ParseForm()
	c := Call{SID: s.sid("CA"), From: r.PostForm.Get("From"), To: r.PostForm.Get("To"), TwiML: r.PostForm.Get("Twiml"),
		URL: r.PostForm.Get("Url"), StatusCallback: r.PostForm.Get("StatusCallback"), At: time.Now().UTC()}
	s.mu.Lock()
	s.calls = append(s.calls, c)
	s.mu.Unlock()
	if s.opts.OnCall != nil {
		s.opts.OnCall(c)
	}
	writeJSON(w, http.StatusCreated, map[string]any{"sid": c.SID, "account_sid": s.opts.AccountSID,
		"from": c.From, "to": c.To, "status": "queued"})
}

func writeError(w http.ResponseWriter, f Failure) {
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	writeJSON(w, f.Status, map[string]any{"code": f.Code, "message": errorMessage(f.Code),
		"more_info": "https://www.twilio.com/docs/errors/" + fmt.Sprint(f.Code), "status": f.Status})
}

// errorMessage is a short description of the error codes tests use.
func errorMessage(code int) string {
	switch code {
	case 21610:
		return "Attempt to send to unsubscribed recipient"
	case 21211:
		return "Invalid 'To' Phone Number"
	case 21602:
		return "Message body is required"
	case 20003:
		return "Authentication Error"
	case 20429:
		return "Too Many Requests"
	}
	return "Error " + fmt.Sprint(code)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// Query returns a query parameter of a message's status callback URL.
func (m Message) Query(name string) string { return query(m.StatusCallback, name) }

// Query returns a query parameter of a call's status callback URL.
func (c Call) Query(name string) string { return query(c.StatusCallback, name) }

func query(rawURL, name string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return u.Query().Get(name)
}

// report posts a delivery report for m to its status callback.
func (s *Server) report(m Message, status string) {
	cl := &Client{AuthToken: s.opts.AuthToken, HTTP: &http.Client{Timeout: 10 * time.Second}}
	form := url.Values{"MessageSid": {m.SID}, "SmsSid": {m.SID}, "MessageStatus": {status}, "SmsStatus": {status},
		"From": {m.From}, "To": {m.To}, "AccountSid": {s.opts.AccountSID}, "ApiVersion": {"2010-04-01"}}
	cl.post(context.Background(), m.StatusCallback, form, Sign(s.opts.AuthToken, m.StatusCallback, form))
}
