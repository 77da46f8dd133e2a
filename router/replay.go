package router

import (
	"context"
	"runtime"
	"sync"
	"time"

	"github.com/intake311/intake311/cases"
)

// DefaultReplaySamples is how many changed and triaged cases a replay keeps
// with their explanations when ReplayOptions.Samples is zero.
const DefaultReplaySamples = 10

// ReplayOptions choose the stored cases a replay reads. The zero value
// replays every case with GOMAXPROCS workers and keeps
// DefaultReplaySamples examples of each kind.
type ReplayOptions struct {
	// Since and Until bound the cases' creation time: [Since, Until).
	// Zero times do not bound.
	Since, Until time.Time
	// Samples is how many changed cases, and how many newly triaged
	// cases, are kept with their explanations (the newest first).
	Samples int
	// Workers is how many goroutines classify and route; zero is
	// GOMAXPROCS.
	Workers int
}

func (o ReplayOptions) samples() int {
	if o.Samples <= 0 {
		return DefaultReplaySamples
	}
	return o.Samples
}

func (o ReplayOptions) workers() int {
	if o.Workers <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return o.Workers
}

// Replay classifies and routes stored cases — their original description,
// channel, language, location and creation time — through the live engine
// and a draft, and reports what the draft would change. The stored
// service and department are not consulted, so the report isolates the
// draft's effect. Cases are read in pages of cases.MaxPageSize by one
// reader per worker, each over a slice of the time window, so reading and
// classifying overlap.
func Replay(ctx context.Context, store cases.CaseStore, live, draft *Engine, opts ReplayOptions) (*ReplayReport, error) {
	start := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	windows, err := replayWindows(ctx, store, opts, opts.workers())
	if err != nil {
		return nil, err
	}
	pages := make(chan page, 2*len(windows))
	errc := make(chan error, 1)
	go func() { errc <- readWindows(ctx, store, windows, pages) }()
	r := replayer{before: live.cur.Load(), after: draft.cur.Load(), now: live.opts.Now, keep: opts.samples()}
	rep := r.run(pages, opts.workers())
	if err := <-errc; err != nil {
		return nil, err
	}
	r.explain(rep)
	rep.Seconds = time.Since(start).Seconds()
	rep.PerSecond = perSecond(rep.Cases, time.Since(start))
	return rep, nil
}

// replayer holds the two compiled documents a replay compares.
type replayer struct {
	before, after *compiled
	now           func() time.Time
	keep          int
}

// run classifies the pages with n workers and merges their reports.
func (r *replayer) run(pages <-chan page, n int) *ReplayReport {
	parts := make([]*ReplayReport, n)
	var wg sync.WaitGroup
	for i := range parts {
		parts[i] = newReplayReport(r.before.version, r.after.version)
		wg.Add(1)
		go func(rep *ReplayReport) {
			defer wg.Done()
			for p := range pages {
				for j, c := range p.cases {
					r.replayCase(rep, p.first+int64(j), c)
				}
			}
		}(parts[i])
	}
	wg.Wait()
	rep := newReplayReport(r.before.version, r.after.version)
	for _, p := range parts {
		rep.merge(p, r.keep)
	}
	return rep
}

// replayCase counts one case under both documents.
func (r *replayer) replayCase(rep *ReplayReport, seq int64, c *cases.Case) {
	b := r.before.outcome(c, r.now)
	a := r.after.outcome(c, r.now)
	rep.count(b, a)
	if b.Service != a.Service || b.Department != a.Department {
		rep.Changes = keepNewest(rep.Changes, newChange(seq, c, b, a), r.keep)
	}
	if a.Triage && !b.Triage {
		rep.Triaged = keepNewest(rep.Triaged, newChange(seq, c, b, a), r.keep)
	}
}

// outcome classifies and routes c as intake would, without encoding the
// explanations.
func (cp *compiled) outcome(c *cases.Case, now func() time.Time) Outcome {
	res := cp.cls.Brief(c.Description, c.Language)
	rc := asReported(c, res.Service, res.Language, res.Emergency, res.Confidence)
	rc.Classification.Location = res.Location
	a, tr := cp.decide(&rc, now, false)
	return Outcome{Service: tr.Service, Department: a.Department, Queue: a.Queue, Priority: a.Priority,
		Rule: a.RuleID, Confidence: res.Confidence, Triage: res.Triage, SLAHours: a.SLA.Hours()}
}

// asReported is the case as intake would have built it from c's original
// report and a new classification.
func asReported(c *cases.Case, service, language string, emergency bool, confidence float64) cases.Case {
	return cases.Case{Description: c.Description, Channel: c.Channel, Language: language, ServiceCode: service,
		Emergency: emergency, Lat: c.Lat, Lon: c.Lon, CreatedAt: c.CreatedAt,
		Classification: cases.Classification{ServiceCode: service, Confidence: confidence, Language: language, Emergency: emergency}}
}
