package twilio_test

import (
	"fmt"
	"io"
	"math/rand/v2"
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
	"github.com/intake311/intake311/ivr"
	"github.com/intake311/intake311/router"
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

// calls is how many calls are in progress at once in the voice benchmark.
const calls = 200

// BenchmarkVoiceStep measures one turn of a call to the menu over loopback
// HTTP (signature check, the call's state read and written in SQLite, the
// step rendered as TwiML) with 200 calls in progress at once: each call
// starts, chooses English and asks to hear the menu again, ten turns a
// call. In the closed loop every caller answers at once, so the latency is
// mostly queueing (200 callers over the throughput); paced callers take
// 50 to 150 ms to answer, still far quicker than people. Bare is the
// signature-only handler with the same callers.
func BenchmarkVoiceStep(b *testing.B) {
	for _, pace := range []time.Duration{0, 100 * time.Millisecond} {
		name := "ClosedLoop"
		if pace > 0 {
			name = "Paced"
		}
		b.Run(name+"/Menu", func(b *testing.B) {
			store, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { store.Close() })
			e := buildEnv(b, store, benchIVR(b))
			benchCalls(b, e.srv.URL, e.api.AuthToken(), pace)
		})
		b.Run(name+"/Bare", func(b *testing.B) {
			const token = "0123456789abcdef0123456789abcdef"
			var srv *httptest.Server
			srv = httptest.NewServer(bareHandler(token, func() string { return srv.URL }))
			defer srv.Close()
			benchCalls(b, srv.URL, token, pace)
		})
	}
}

func benchIVR(b *testing.B) func(*twilio.Options) {
	return func(o *twilio.Options) {
		var codes []string
		for _, s := range router.Demo().Services {
			codes = append(codes, s.Code)
		}
		engine, err := ivr.New(ivr.Demo(), ivr.Options{Store: o.Store, Intake: o.Intake, Services: codes})
		if err != nil {
			b.Fatal(err)
		}
		o.IVR = engine
	}
}

// benchCalls runs b.N turns over 200 concurrent calls, each caller
// waiting pace before answering, and reports turns/s, p50 and p99.
func benchCalls(b *testing.B, base, token string, pace time.Duration) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: calls}}
	var next atomic.Int64
	lat := make([]time.Duration, b.N)
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for g := range calls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for turn := 0; ; turn++ {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				if pace > 0 {
					time.Sleep(pace/2 + rand.N(pace)) // spread out, as people are
				}
				lat[i] = callTurn(b, client, base, token, fmt.Sprintf("CAbench%06d%06d", g, turn/10), turn%10)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "turns/s")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

// callTurn posts turn k of a call: the call itself, English, then the
// menu again and again.
func callTurn(b *testing.B, client *http.Client, base, token, sid string, k int) time.Duration {
	path, form := "/channels/twilio/voice", url.Values{"CallSid": {sid}, "From": {"+15555550900"}, "To": {cityNumber}}
	switch k {
	case 0:
	case 1:
		path = "/channels/twilio/voice/next"
		form.Set("Digits", "1")
	default:
		path = "/channels/twilio/voice/next"
		form.Set("Digits", "*")
	}
	req, _ := http.NewRequest("POST", base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", twiliotest.Sign(token, base+path, form))
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
