package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/sqlite"
)

// benchCase is a typical new case: one contact, one inbound message, the
// opening history entry, and one acknowledgement in the outbox.
func benchCase(i int64) (*cases.Case, []cases.Notification) {
	now := time.Now().UTC()
	tn, _ := cases.NewTrackingNumber(nil)
	due := now.Add(72 * time.Hour)
	c := &cases.Case{
		Tracking: tn, Status: cases.StatusOpen, ServiceCode: "pothole", Department: "streets",
		Priority: cases.PriorityNormal, Description: "Deep pothole in the right lane near the bus stop, cars swerving",
		Address: "1200 N Main St", Language: "en", Channel: "sms", ExternalID: fmt.Sprintf("SM%032d", i),
		CreatedAt: now, UpdatedAt: now, DueAt: &due,
		Classification: cases.Classification{ServiceCode: "pothole", Confidence: 0.92, Language: "en"},
		Assignment:     cases.Assignment{Department: "streets", Priority: cases.PriorityNormal, RuleID: "default"},
		Contacts:       []cases.Contact{{Channel: "sms", Address: "+15555550100", Language: "en", Role: cases.RoleReporter, Consent: true, CreatedAt: now}},
		Messages:       []cases.Message{{Direction: cases.Inbound, Channel: "sms", Address: "+15555550100", ProviderID: fmt.Sprintf("SM%032d", i), Text: "Deep pothole in the right lane", At: now, DeliveryStatus: cases.DeliveryReceived}},
		History:        []cases.HistoryEntry{{Status: cases.StatusOpen, Note: "reported by sms", At: now}},
	}
	ack := []cases.Notification{{Channel: "sms", To: "+15555550100", Language: "en", Kind: cases.KindAck,
		Text: "We got your report. Your tracking number is " + string(tn) + "."}}
	return c, ack
}

func openBench(b *testing.B, opts sqlite.Options) *sqlite.Store {
	b.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkCreateCase50 is intake on synchronous=FULL with 50 concurrent
// submitters: concurrent creates share a transaction (group commit).
func BenchmarkCreateCase50(b *testing.B) {
	s := openBench(b, sqlite.Options{})
	ctx := context.Background()
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	for w := 0; w < 50; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1); i <= int64(b.N); i = next.Add(1) {
				if err := create(ctx, s, i); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "cases/s")
}

// BenchmarkCreateCaseSerial is the floor: the same rows, one transaction
// (and one fsync) per case, one after another, same durability.
func BenchmarkCreateCaseSerial(b *testing.B) {
	s := openBench(b, sqlite.Options{MaxBatch: 1})
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := create(ctx, s, int64(i)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "cases/s")
}

// create stores case i, drawing another tracking number on a collision, as
// cases.Intake does.
func create(ctx context.Context, s *sqlite.Store, i int64) error {
	for {
		c, ack := benchCase(i)
		_, _, err := s.CreateCase(ctx, c, ack)
		if !errors.Is(err, cases.ErrConflict) {
			return err
		}
	}
}
