package recorder

import (
	"encoding/json"
	"sync"
	"time"

	"github.com/intake311/intake311/cases"
)

// DefaultMax is how many entries a Log keeps unless told otherwise.
const DefaultMax = 10_000

// Entry is one message a recorder sent, in the shape of GET
// /sandbox/outbox.
type Entry struct {
	Channel        string               `json:"channel"`
	To             string               `json:"to"`
	Text           string               `json:"text"`
	TrackingNumber cases.TrackingNumber `json:"tracking_number"`
	At             time.Time            `json:"at"`
	Subject        string               `json:"subject,omitempty"`
	ThreadRef      string               `json:"thread_ref,omitempty"`
	Kind           string               `json:"kind,omitempty"`
	Language       string               `json:"language,omitempty"`
	ProviderID     string               `json:"provider_id,omitempty"`
	// Extra holds channel-specific fields (twiml, in_reply_to, thread,
	// ...), written at the top level of the entry's JSON.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the entry with its Extra fields at the top level.
func (e Entry) MarshalJSON() ([]byte, error) {
	type plain Entry
	b, err := json.Marshal(plain(e))
	if err != nil || len(e.Extra) == 0 {
		return b, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for k, v := range e.Extra {
		if _, taken := m[k]; !taken {
			m[k] = v
		}
	}
	return json.Marshal(m)
}

// Options tune a Log. The zero value keeps DefaultMax entries stamped
// with the wall clock.
type Options struct {
	// Max is how many entries the log keeps; older ones are dropped.
	Max int
	// Now stamps entries; nil is time.Now.
	Now func() time.Time
}

// Log keeps the newest entries of any number of recorders. It is safe for
// concurrent use; its zero value is ready to use with the default Options.
type Log struct {
	opts  Options
	mu    sync.Mutex
	ring  []Entry
	start int // index of the oldest entry once ring is full
}

// NewLog returns an empty log.
func NewLog(opts Options) *Log { return &Log{opts: opts} }

// Entries returns a copy of the kept entries, oldest first.
func (l *Log) Entries() []Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Entry, 0, len(l.ring))
	out = append(out, l.ring[l.start:]...)
	return append(out, l.ring[:l.start]...)
}

// Len returns how many entries are kept.
func (l *Log) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.ring)
}

// Add stamps e with the log's clock and keeps it, dropping the oldest entry
// when full. Provider stand-ins use it to show what they received.
func (l *Log) Add(e Entry) { l.add(e) }

// add stamps e and keeps it, dropping the oldest entry when full.
func (l *Log) add(e Entry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	e.At = l.now() // under the lock, so that entries are in time order
	if len(l.ring) < l.max() {
		l.ring = append(l.ring, e)
		return
	}
	l.ring[l.start] = e
	l.start = (l.start + 1) % len(l.ring)
}

func (l *Log) max() int {
	if l.opts.Max > 0 {
		return l.opts.Max
	}
	return DefaultMax
}

func (l *Log) now() time.Time {
	if l.opts.Now != nil {
		return l.opts.Now().UTC()
	}
	return time.Now().UTC()
}
