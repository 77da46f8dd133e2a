package ivr_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/sqlite"
	"github.com/intake311/intake311/ivr"
)

// concurrentCalls is how many calls are in progress at once.
const concurrentCalls = 200

// scripts are the callers' turns, repeated call after call.
var scripts = map[string][]ivr.Input{
	// Menus only: language, information, back, status menu and back.
	"menus": {press("1"), press("3"), press("2"), press("9"), press("3"), press("*"), press("9")},
	// A whole report: classified, located, confirmed, filed.
	"report": {press("1"), press("1"), speak("There's a pothole in front of 200 Main Street"), press("1"), press("1"), press("2"), press("1"), press("2")},
}

// loads are how the 200 callers pace their turns. Real callers take
// several seconds to listen and answer (200 calls make some 50 turns a
// second). "calls" callers answer after a second, four times that load;
// "saturated" callers answer at once, to find the most turns a second.
// Callers start at random moments within one pause, as calls do.
var loads = []struct {
	name  string
	think time.Duration
}{{"calls", time.Second}, {"saturated", 0}}

// syncs are the store's durability settings: FULL (the default) waits
// for the disk on every commit, NORMAL only at checkpoints, which takes
// the shared disk's flush out of the figures.
var syncs = []string{"FULL", "NORMAL"}

// BenchmarkStep measures one turn (Start or Next) with 200 calls in
// progress on SQLite and reports the median and 99th percentile. The
// baseline, BenchmarkStateRoundTrip, is the least a turn must do: read and
// write the call's state once.
func BenchmarkStep(b *testing.B) {
	for _, load := range loads {
		for _, sync := range syncs {
			for _, name := range []string{"menus", "report"} {
				b.Run(load.name+"/sync="+sync+"/"+name, func(b *testing.B) {
					benchStep(b, benchCity(b, sync), load.think, scripts[name])
				})
			}
		}
	}
}

func benchStep(b *testing.B, c *city, think time.Duration, script []ivr.Input) {
	var n atomic.Int64
	runConcurrent(b, think, func(lat *[]time.Duration) {
		id := fmt.Sprintf("CA%d", n.Add(1))
		caller{e: c.ivr, id: id, script: script, think: think}.turns(b, lat)
	})
}

// BenchmarkStateRoundTrip is the baseline of BenchmarkStep: one GetState
// and one PutState of a call-sized value per turn, 200 calls at once.
func BenchmarkStateRoundTrip(b *testing.B) {
	for _, load := range loads {
		for _, sync := range syncs {
			b.Run(load.name+"/sync="+sync, func(b *testing.B) {
				c := benchCity(b, sync)
				value := make([]byte, 200)
				var n atomic.Int64
				runConcurrent(b, load.think, func(lat *[]time.Duration) {
					roundTrips(b, c.store, fmt.Sprintf("CA%d", n.Add(1)), value, load.think, lat)
				})
			})
		}
	}
}

func roundTrips(b *testing.B, store cases.StateStore, key string, value []byte, think time.Duration, lat *[]time.Duration) {
	ctx := context.Background()
	var version int64
	for range 8 {
		time.Sleep(think)
		start := time.Now()
		_, _, err := store.GetState(ctx, ivr.StateScope, key)
		if err != nil && !errors.Is(err, cases.ErrNotFound) {
			b.Fatal(err)
		}
		if version, err = store.PutState(ctx, ivr.StateScope, key, value, version, time.Hour); err != nil {
			b.Fatal(err)
		}
		*lat = append(*lat, time.Since(start))
	}
}

func benchCity(b *testing.B, sync string) *city {
	b.Helper()
	c := newCity(b, ivr.Demo())
	store, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{Synchronous: sync})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	c.store, c.intake.Store = store, store
	c.ivr, err = ivr.New(ivr.Demo(), ivr.Options{Store: store, Intake: c.intake, ServiceName: c.router.ServiceName, AgentNumber: agentNumber})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// runConcurrent runs call until b.N turns are done, on 200 goroutines,
// and reports the turns' median and 99th percentile.
func runConcurrent(b *testing.B, think time.Duration, call func(lat *[]time.Duration)) {
	var mu sync.Mutex
	var all []time.Duration
	var left atomic.Int64
	left.Store(int64(b.N))
	var wg sync.WaitGroup
	b.ResetTimer()
	for range concurrentCalls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(rand.Int64N(int64(think) + 1)))
			var lat []time.Duration
			for left.Load() > 0 {
				before := len(lat)
				call(&lat)
				left.Add(-int64(len(lat) - before))
			}
			mu.Lock()
			all = append(all, lat...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	b.StopTimer()
	report(b, all)
}

func report(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	at := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))]) / 1e6 }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
	b.ReportMetric(float64(len(lat))/b.Elapsed().Seconds(), "turns/s")
}

// caller plays a script as one call, timing each turn.
type caller struct {
	e      *ivr.Engine
	id     string
	script []ivr.Input
	think  time.Duration // before each turn, not timed
}

func (c caller) turns(b *testing.B, lat *[]time.Duration) {
	ctx := context.Background()
	time.Sleep(c.think)
	start := time.Now()
	if _, err := c.e.Start(ctx, c.id, "+15555550123"); err != nil {
		b.Fatal(err)
	}
	*lat = append(*lat, time.Since(start))
	for _, in := range c.script {
		time.Sleep(c.think)
		start := time.Now()
		if _, err := c.e.Next(ctx, c.id, in); err != nil {
			b.Fatal(err)
		}
		*lat = append(*lat, time.Since(start))
	}
}

// BenchmarkParse parses the demo menu, as the gateway does at start-up.
func BenchmarkParse(b *testing.B) {
	data := ivr.DemoYAML()
	for b.Loop() {
		if _, err := ivr.Parse("demo.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}
