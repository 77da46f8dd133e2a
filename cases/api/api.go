// Package api serves the staff API under /api/v1: call-takers enter and
// update cases, managers read and fix the outbox, viewers read, and
// departments' work-order systems report progress. Requests and responses
// are JSON; every request carries a bearer token whose role decides what it
// may do; every error is {"error": {"code", "message"}}.
package api

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/intake311/intake311/cases"
)

// Store is what the API needs from the case store.
type Store interface {
	cases.CaseStore
	cases.Outbox
}

// Options configure a Server. Store, Intake, Workflow and Tokens are
// required.
type Options struct {
	Store    Store
	Intake   *cases.Intake
	Workflow *cases.Workflow
	Tokens   []Token
	// Channels are the channels residents can be reached on; a call-taker's
	// contact must use one of them. Empty allows any.
	Channels []string
	// Service reports whether a service code is in the catalogue; nil
	// accepts any.
	Service func(code string) bool
	// MaxBodyBytes bounds request bodies (default 1 MiB); larger ones get 413.
	MaxBodyBytes int64
	// Changed is called after a write that may have enqueued notifications,
	// e.g. to wake the outbox dispatcher.
	Changed func()
	Now     func() time.Time
	Logger  *slog.Logger
}

// Server is the staff API handler.
type Server struct {
	opts Options
	mux  *http.ServeMux
	auth *authenticator
}

// New returns the staff API. Mount it at "/api/v1/".
func New(opts Options) *Server {
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = 1 << 20
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{opts: opts, mux: http.NewServeMux(), auth: newAuthenticator(opts.Tokens)}
	s.routes()
	return s
}

func (s *Server) routes() {
	s.handle("GET /api/v1/me", canRead, s.me)
	s.handle("GET /api/v1/cases", canRead, s.listCases)
	s.handle("POST /api/v1/cases", canEnter, s.createCase)
	s.handle("GET /api/v1/cases/{tracking}", canRead, s.getCase)
	s.handle("POST /api/v1/cases/{tracking}/status", canUpdate, s.changeStatus)
	s.handle("POST /api/v1/cases/{tracking}/assign", canEnter, s.assign)
	s.handle("POST /api/v1/cases/{tracking}/notes", canUpdate, s.addNote)
	s.handle("GET /api/v1/notifications/dead", canManage, s.deadLetters)
	s.handle("POST /api/v1/notifications/{id}/retry", canManage, s.retry)
	s.mux.HandleFunc("/api/v1/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, cases.Errorf(cases.ErrNotFound, "no such endpoint: %s %s", r.Method, r.URL.Path))
	})
}

// handle registers h for pattern, behind authentication and a role check.
func (s *Server) handle(pattern string, allowed roleSet, h func(http.ResponseWriter, *http.Request, *Caller) error) {
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		caller, err := s.auth.authenticate(r)
		if err == nil {
			err = allowed.check(caller, r)
		}
		if err == nil {
			r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
			err = h(w, r, caller)
		}
		if err != nil {
			s.fail(w, r, err)
		}
	})
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := writeError(w, err)
	if status >= 500 {
		s.opts.Logger.Error("staff api", "method", r.Method, "path", r.URL.Path, "err", err)
	}
}

func (s *Server) changed() {
	if s.opts.Changed != nil {
		s.opts.Changed()
	}
}
