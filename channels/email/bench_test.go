package email_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/mail"
	"os"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels/email"
	"github.com/intake311/intake311/channels/email/emailtest"
)

func loadCorpus(b *testing.B) [][]byte {
	var msgs [][]byte
	for _, path := range corpusFiles(b) {
		if raw, err := os.ReadFile(path); err == nil {
			msgs = append(msgs, raw)
		}
	}
	return msgs
}

// BenchmarkParseCorpus parses, classifies and extracts the case text of
// every message of the evaluation data, reporting messages per second.
func BenchmarkParseCorpus(b *testing.B) {
	msgs := loadCorpus(b)
	n := 0
	for b.Loop() {
		for _, raw := range msgs {
			p := email.Parse(raw)
			email.Classify(p)
			email.CaseText(p)
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "msgs/s")
}

// BenchmarkParseCorpusBaseline reads the same messages with net/mail
// (header and raw body, no MIME decoding): the floor to compare with.
func BenchmarkParseCorpusBaseline(b *testing.B) {
	msgs := loadCorpus(b)
	n := 0
	for b.Loop() {
		for _, raw := range msgs {
			if m, err := mail.ReadMessage(bytes.NewReader(raw)); err == nil {
				io.Copy(io.Discard, m.Body)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "msgs/s")
}

const mailboxBatch = 1000

// BenchmarkMailbox1000 puts 1,000 reports in the sandbox mailbox and
// times the channel until every case is committed and every message moved.
func BenchmarkMailbox1000(b *testing.B) {
	for range b.N {
		b.StopTimer()
		r := newRig(b)
		fill(b, r)
		b.StartTimer()
		r.run(r.channel())
		waitFor(b, func() bool { return r.count("Processed") == mailboxBatch })
		b.StopTimer()
		if n := countCases(b, r); n != mailboxBatch {
			b.Fatalf("%d cases", n)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(mailboxBatch*b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// BenchmarkIntake1000Baseline submits the same 1,000 reports straight to
// the intake, with no mail in between.
func BenchmarkIntake1000Baseline(b *testing.B) {
	for range b.N {
		b.StopTimer()
		r := newRig(b)
		b.StartTimer()
		for i := range mailboxBatch {
			_, _, err := r.intake.Submit(context.Background(), cases.Report{Channel: email.Name, ExternalID: fmt.Sprint(i),
				Text: reportBody(i), Contact: &cases.Contact{Channel: email.Name, Address: resident(i), Consent: true}})
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(mailboxBatch*b.N)/b.Elapsed().Seconds(), "msgs/s")
}

func reportBody(i int) string {
	return fmt.Sprintf("Pothole number %d in front of %d Main St, about a foot deep.", i, 100+i)
}

func resident(i int) string { return fmt.Sprintf("r%d@resident.example", i) }

func fill(b *testing.B, r *rig) {
	for i := range mailboxBatch {
		raw, err := (&emailtest.Message{From: resident(i), Subject: "Pothole", Body: reportBody(i)}).Bytes()
		if err != nil {
			b.Fatal(err)
		}
		if err := r.imap.Append(context.Background(), raw); err != nil {
			b.Fatal(err)
		}
	}
}

func waitFor(b *testing.B, done func() bool) {
	for !done() {
		time.Sleep(10 * time.Millisecond)
	}
}

func countCases(b *testing.B, r *rig) int {
	page, err := r.store.FindCases(context.Background(), cases.Filter{Limit: cases.MaxPageSize})
	if err != nil {
		b.Fatal(err)
	}
	n := len(page.Cases)
	for page.Next != "" {
		if page, err = r.store.FindCases(context.Background(), cases.Filter{Limit: cases.MaxPageSize, Cursor: page.Next}); err != nil {
			b.Fatal(err)
		}
		n += len(page.Cases)
	}
	return n
}
