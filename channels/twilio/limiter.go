package twilio

import (
	"hash/fnv"
	"sync"
	"time"
)

// limiter counts each number's texts in a fixed window: too many gets one
// "slow down" reply and then silence until the window ends, and the same
// text arriving again and again (an auto-responder answering our replies)
// gets no reply at all, which ends the loop.
type limiter struct {
	max    int
	window time.Duration

	mu      sync.Mutex
	numbers map[string]*usage
	swept   time.Time
}

type usage struct {
	start   time.Time
	count   int
	warned  bool
	lastSum uint64
	repeats int
}

// verdict is what to do with a text.
type verdict int

const (
	allow   verdict = iota
	warn            // over the limit: say so, once
	silence         // over the limit and told, or a loop: no reply
)

// loopRepeats is how many identical texts in a row count as a loop.
const loopRepeats = 3

func newLimiter(max int, window time.Duration) *limiter {
	return &limiter{max: max, window: window, numbers: map[string]*usage{}}
}

// check counts a text from addr and says what to do with it.
func (l *limiter) check(addr, text string, now time.Time) verdict {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	u := l.numbers[addr]
	if u == nil || now.Sub(u.start) >= l.window {
		u = &usage{start: now}
		l.numbers[addr] = u
	}
	u.count++
	if sum := checksum(text); sum == u.lastSum {
		u.repeats++
	} else {
		u.lastSum, u.repeats = sum, 1
	}
	switch {
	case u.repeats >= loopRepeats:
		return silence
	case u.count <= l.max:
		return allow
	case !u.warned:
		u.warned = true
		return warn
	}
	return silence
}

// sweep forgets numbers whose window ended, once per window.
func (l *limiter) sweep(now time.Time) {
	if now.Sub(l.swept) < l.window {
		return
	}
	l.swept = now
	for addr, u := range l.numbers {
		if now.Sub(u.start) >= l.window {
			delete(l.numbers, addr)
		}
	}
}

func checksum(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}
