package twilio_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intake311/intake311/cases/sqlite"
	"github.com/intake311/intake311/channels/twilio"
	"github.com/intake311/intake311/channels/twilio/twiliotest"
	"github.com/twilio/twilio-go/twiml"
)

// senders is how many residents text at once in the benchmarks.
const senders = 50

// BenchmarkSMSWebhook measures a signed inbound text with a place all the
// way to a committed case and the TwiML reply, over loopback HTTP against
// SQLite (synchronous=FULL, as the gateway opens it), with 50 concurrent
// senders. Bare is the baseline in the same run: a handler that only checks
// the signature and answers empty TwiML.
func BenchmarkSMSWebhook(b *testing.B) {
	b.Run("Intake", func(b *testing.B) {
		e := newBenchEnv(b)
		benchWebhook(b, e.srv.URL, e.api.AuthToken())
	})
	b.Run("Bare", func(b *testing.B) {
		const token = "0123456789abcdef0123456789abcdef"
		var srv *httptest.Server
		srv = httptest.NewServer(bareHandler(token, func() string { return srv.URL }))
		defer srv.Close()
		benchWebhook(b, srv.URL, token)
	})
}

// newBenchEnv is newEnv with the store opened as the gateway opens it.
func newBenchEnv(b *testing.B) *env {
	store, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	return buildEnv(b, store)
}

// bareHandler checks the signature and answers empty TwiML.
func bareHandler(token string, base func() string) http.Handler {
	v := twilio.NewVerifier(token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !v.Verify(base()+r.URL.RequestURI(), body, r.Header.Get("X-Twilio-Signature")) {
			http.Error(w, "invalid signature", http.StatusForbidden)
			return
		}
		doc, _ := twiml.Messages(nil)
		w.Header().Set("Content-Type", "text/xml")
		io.WriteString(w, doc)
	})
}

// benchWebhook sends b.N signed texts from 50 senders, each from its own
// number, and reports texts/s, p50 and p99.
func benchWebhook(b *testing.B, base, token string) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: senders}}
	var next atomic.Int64
	lat := make([]time.Duration, b.N)
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				lat[i] = sendOne(b, client, base, token, i)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "texts/s")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

func sendOne(b *testing.B, client *http.Client, base, token string, i int64) time.Duration {
	form := url.Values{"MessageSid": {fmt.Sprintf("SMbench%026d", i)}, "From": {fmt.Sprintf("+1555%07d", i)},
		"To": {cityNumber}, "Body": {"Deep pothole in front of 1200 Main St"}, "NumMedia": {"0"}}
	body := form.Encode()
	req, _ := http.NewRequest("POST", base+"/channels/twilio/sms", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", twiliotest.Sign(token, base+"/channels/twilio/sms", form))
	t0 := time.Now()
	res, err := client.Do(req)
	if err != nil {
		b.Error(err)
		return 0
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	d := time.Since(t0)
	if res.StatusCode != http.StatusOK {
		b.Errorf("status %d", res.StatusCode)
	}
	return d
}
