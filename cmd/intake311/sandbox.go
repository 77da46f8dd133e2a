package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"html/template"
	"net/http"
	"slices"
	"sync"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/api"
	"github.com/intake311/intake311/channels"
	"github.com/intake311/intake311/channels/recorder"
)

// sandbox stands in for every provider on loopback, so the whole gateway
// works on a fresh machine with no accounts. It shows every message
// residents would have received.
type sandbox struct {
	base    string
	token   string
	log     *recorder.Log // what residents would have received, on every channel
	mu      sync.Mutex
	peers   map[string]any // provider stand-ins' addresses and secrets, by provider
	closers []func()
}

// recordedChannels are the channels a recorder stands in for when no
// provider stand-in serves them.
var recordedChannels = []string{"sms", "voice", "email", "slack", "x"}

func newSandbox(_ context.Context, base string) (*sandbox, error) {
	var b [24]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	return &sandbox{base: base, token: "sandbox-" + hex.EncodeToString(b[:]), log: recorder.NewLog(recorder.Options{}),
		peers: map[string]any{}}, nil
}

// recorders returns a recorder for each recorded channel that built does
// not already serve.
func (s *sandbox) recorders(built []channels.Channel) []channels.Channel {
	var out []channels.Channel
	for _, name := range recordedChannels {
		if !slices.ContainsFunc(built, func(c channels.Channel) bool { return c.Name() == name }) {
			out = append(out, recorder.New(name, s.log))
		}
	}
	return out
}

// addPeer publishes a provider stand-in in /sandbox/peers under name, and
// registers its shutdown.
func (s *sandbox) addPeer(name string, peer any, close func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.peers[name] = peer
	if close != nil {
		s.closers = append(s.closers, close)
	}
}

func (s *sandbox) peerMap() map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := map[string]any{"base_url": s.base, "staff_token": s.token}
	for k, v := range s.peers {
		m[k] = v
	}
	return m
}

// staffToken is the sandbox's manager token, published in /sandbox/peers.
func (s *sandbox) staffToken() api.Token {
	return api.Token{Name: "sandbox", Role: api.RoleManager, Digest: sha256.Sum256([]byte(s.token))}
}

// close stops the provider stand-ins.
func (s *sandbox) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.closers {
		c()
	}
	s.closers = nil
}

func (s *sandbox) mount(mux *http.ServeMux, g *gateway) {
	mux.HandleFunc("GET /sandbox/peers", func(w http.ResponseWriter, r *http.Request) {
		reply(w, http.StatusOK, s.peerMap())
	})
	mux.HandleFunc("GET /sandbox/outbox", func(w http.ResponseWriter, r *http.Request) {
		reply(w, http.StatusOK, s.log.Entries())
	})
	mux.HandleFunc("GET /sandbox", func(w http.ResponseWriter, r *http.Request) { s.page(w, r, g.store) })
}

//go:embed sandbox.html
var sandboxHTML string

var sandboxPage = template.Must(template.New("sandbox").Parse(sandboxHTML))

// sandboxRow is one message on the sandbox page, with its case.
type sandboxRow struct {
	recorder.Entry
	Case *cases.Case
}

// page renders every message residents would have received, newest
// first, each with the case it belongs to.
func (s *sandbox) page(w http.ResponseWriter, r *http.Request, store cases.CaseStore) {
	entries := s.log.Entries()
	slices.Reverse(entries)
	if len(entries) > 500 {
		entries = entries[:500]
	}
	found := map[cases.TrackingNumber]*cases.Case{}
	rows := make([]sandboxRow, len(entries))
	for i, e := range entries {
		c, ok := found[e.TrackingNumber]
		if !ok {
			c, _ = store.Case(r.Context(), e.TrackingNumber)
			found[e.TrackingNumber] = c
		}
		rows[i] = sandboxRow{Entry: e, Case: c}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	sandboxPage.Execute(w, map[string]any{"Base": s.base, "Token": s.token, "Rows": rows})
}
