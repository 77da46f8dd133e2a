package router

import (
	"bufio"
	"os"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
)

func benchMessages(b *testing.B) []string {
	f, err := os.Open("../nlp/testdata/messages.txt")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var out []string
	for sc := bufio.NewScanner(f); sc.Scan(); {
		out = append(out, sc.Text())
	}
	return out
}

// BenchmarkClassifyDemo classifies 120-byte messages with the demo
// catalogue, as intake does (without encoding the explanation).
func BenchmarkClassifyDemo(b *testing.B) {
	e := Must(New(Demo(), 1, Options{}))
	msgs := benchMessages(b)
	for _, m := range msgs {
		e.Analyze(m, "")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		e.Analyze(msgs[i%len(msgs)], "")
	}
}

// BenchmarkClassifyDemoBrief classifies as replays and evaluations do:
// the verdict without the matches that explain it.
func BenchmarkClassifyDemoBrief(b *testing.B) {
	e := Must(New(Demo(), 1, Options{}))
	msgs := benchMessages(b)
	for _, m := range msgs {
		e.Brief(m, "")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		e.Brief(msgs[i%len(msgs)], "")
	}
}

// BenchmarkReplay classifies and routes stored cases through one
// document, as rules replay does for each of the live document and the
// draft: the verdict and the assignment, nothing encoded.
func BenchmarkReplay(b *testing.B) {
	e := Must(New(Demo(), 1, Options{}))
	cp := e.cur.Load()
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	var stored []*cases.Case
	for _, m := range benchMessages(b) {
		stored = append(stored, &cases.Case{Description: m, Channel: "sms", CreatedAt: at})
	}
	for _, c := range stored {
		cp.outcome(c, e.opts.Now)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		cp.outcome(stored[i%len(stored)], e.opts.Now)
	}
}

// BenchmarkIntakePath is the full work of one report at intake: classify
// and route with both explanations encoded to JSON.
func BenchmarkIntakePath(b *testing.B) {
	e := Must(New(Demo(), 1, Options{}))
	msgs := benchMessages(b)
	ctx := b.Context()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		cl, _ := e.Classify(ctx, msgs[i%len(msgs)], "")
		c := &cases.Case{Description: msgs[i%len(msgs)], Channel: "sms", ServiceCode: cl.ServiceCode,
			Emergency: cl.Emergency, Language: cl.Language, Classification: cl}
		e.Route(ctx, c)
	}
}
