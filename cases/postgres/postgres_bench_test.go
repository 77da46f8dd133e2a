package postgres_test

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/postgres"
)

// submitters is how many reports arrive at once in BenchmarkCreateCase:
// webhooks from every channel on a busy morning.
const submitters = 50

// BenchmarkCreateCase stores cases as Intake does, from 50 concurrent
// submitters, each case in its own transaction with its reporter, message,
// history and acknowledgement.
func BenchmarkCreateCase(b *testing.B) {
	st := open(b, postgres.Options{MaxConns: submitters})
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	for range submitters {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(b.N); i = next.Add(1) - 1 {
				if !createBenchCase(b, st, i) {
					return
				}
			}
		})
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "cases/s")
}

// BenchmarkCreateCaseSerial is the baseline of BenchmarkCreateCase: the
// same cases, one transaction after the other from a single goroutine.
func BenchmarkCreateCaseSerial(b *testing.B) {
	st := open(b, postgres.Options{})
	b.ResetTimer()
	for i := range int64(b.N) {
		if !createBenchCase(b, st, i) {
			return
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "cases/s")
}

// createBenchCase stores the i-th benchmark case; it reports failure with
// b.Error, which other goroutines may call, and returns false.
func createBenchCase(b *testing.B, st *postgres.Store, i int64) bool {
	c, notify := benchCase(i)
	if _, _, err := st.CreateCase(b.Context(), c, notify); err != nil {
		b.Errorf("CreateCase %d: %v", i, err)
		return false
	}
	return true
}

// benchCase returns the i-th case of a run, as Intake builds it from an
// SMS, with its acknowledgement. Tracking numbers are drawn from i so they
// never collide.
func benchCase(i int64) (*cases.Case, []cases.Notification) {
	tn, _ := cases.NewTrackingNumber(counterReader(i))
	at := time.Now().UTC()
	phone := fmt.Sprintf("+1312555%04d", i%10000)
	text := "Pothole in the right lane at 1200 N Main St, cars swerving around it"
	c := &cases.Case{
		Tracking: tn, Status: cases.StatusOpen, ServiceCode: "pothole", Department: "streets",
		Priority: cases.PriorityNormal, Description: text, Address: "1200 N MAIN ST", Language: "en",
		Channel: "sms", ExternalID: fmt.Sprintf("SM%032d", i), CreatedAt: at, UpdatedAt: at,
		Classification: cases.Classification{ServiceCode: "pothole", Confidence: 0.91, Language: "en",
			Explanation: json.RawMessage(`{"keywords":["pothole","lane"]}`)},
		Assignment: cases.Assignment{Department: "streets", Priority: cases.PriorityNormal, RuleID: "potholes",
			Explanation: json.RawMessage(`{"rule":"potholes","matched":true}`)},
		Contacts: []cases.Contact{{Channel: "sms", Address: phone, Language: "en", Role: cases.RoleReporter, Consent: true, CreatedAt: at}},
		History:  []cases.HistoryEntry{{Status: cases.StatusOpen, Note: "reported by sms", At: at}},
		Messages: []cases.Message{{Direction: cases.Inbound, Channel: "sms", Address: phone, ProviderID: fmt.Sprintf("SM%032d", i), Text: text, At: at, DeliveryStatus: cases.DeliveryReceived}},
	}
	ack := cases.Notification{Channel: "sms", To: phone, Language: "en", Kind: cases.KindAck,
		Text: "We got your report. Case " + tn.Spoken() + ".", Status: cases.StatusOpen, State: cases.NotificationPending}
	return c, []cases.Notification{ack}
}

// counterReader yields the 8 bytes of i, from which NewTrackingNumber
// draws a distinct number for each i below 900 million.
type counterReader int64

func (r counterReader) Read(p []byte) (int, error) {
	return copy(p, binary.BigEndian.AppendUint64(nil, uint64(r))), nil
}
