package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// binary is the intake311 binary built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "intake311-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "intake311")
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// server is a running `intake311 serve --sandbox`.
type server struct {
	t     *testing.T
	cmd   *exec.Cmd
	base  string
	token string
	logs  *bytes.Buffer
}

// startServer starts the binary in sandbox mode on a free port with its
// store in dir, and waits until it listens.
func startServer(t *testing.T, dir string) *server {
	t.Helper()
	// A short outbox lease, so notifications claimed by a killed server
	// are sent again soon after the restart.
	cfg := filepath.Join(dir, "intake311.yaml")
	if err := os.WriteFile(cfg, []byte("city: {name: Riverton}\noutbox: {lease: 2s}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary, "serve", "--sandbox", "--config", cfg, "--addr", "127.0.0.1:0", "--data", dir)
	logs := &bytes.Buffer{}
	cmd.Stderr = logs
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{t: t, cmd: cmd, logs: logs}
	t.Cleanup(s.kill)
	line, err := bufio.NewReader(stdout).ReadString('\n')
	go io.Copy(io.Discard, stdout)
	base, ok := strings.CutPrefix(strings.TrimSpace(line), "intake311 listening on ")
	if err != nil || !ok {
		t.Fatalf("server did not start: %q %v\n%s", line, err, logs)
	}
	s.base = base
	var peers struct {
		StaffToken string `json:"staff_token"`
	}
	s.get("/sandbox/peers", &peers)
	s.token = peers.StaffToken
	return s
}

func (s *server) kill() {
	if s.cmd.ProcessState == nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
	}
}

// call sends a request with the staff token and decodes the reply into
// out; it returns the status, or 0 if the server did not answer.
func (s *server) call(method, path, body string, out any, hdr ...string) int {
	req, _ := http.NewRequest(method, s.base+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+s.token)
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	defer res.Body.Close()
	if out != nil {
		json.NewDecoder(res.Body).Decode(out)
	}
	return res.StatusCode
}

func (s *server) get(path string, out any) int {
	s.t.Helper()
	code := s.call("GET", path, "", out)
	if code == 0 {
		s.t.Fatalf("GET %s: no answer\n%s", path, s.logs)
	}
	return code
}

type caseJSON struct {
	Tracking string `json:"tracking_number"`
	Status   string `json:"status"`
	History  []struct {
		Status string `json:"status"`
	} `json:"history"`
	Messages []struct {
		Direction string `json:"direction"`
		Text      string `json:"text"`
	} `json:"messages"`
}

func (c *caseJSON) outbound() int {
	n := 0
	for _, m := range c.Messages {
		if m.Direction == "out" {
			n++
		}
	}
	return n
}

type outboxEntry struct {
	Channel  string `json:"channel"`
	To       string `json:"to"`
	Text     string `json:"text"`
	Tracking string `json:"tracking_number"`
}

// eventually retries check until it returns "" or a minute passes.
func eventually(t *testing.T, what string, check func() string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		msg := check()
		if msg == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %s", what, msg)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestSandboxEndToEnd(t *testing.T) {
	s := startServer(t, t.TempDir())
	var c caseJSON
	code := s.call("POST", "/api/v1/cases", `{"description": "Deep pothole in front of 1200 Main St",
		"contact": {"channel": "sms", "address": "+15555550100"}}`, &c)
	if code != http.StatusCreated || c.Tracking == "" {
		t.Fatalf("create: %d %+v\n%s", code, c, s.logs)
	}
	if code := s.call("POST", "/api/v1/cases/"+c.Tracking+"/status", `{"status": "in_progress", "note": "A crew is on the way."}`, &c); code != 200 {
		t.Fatalf("status: %d", code)
	}
	eventually(t, "acknowledgement and update in /sandbox/outbox", func() string {
		var out []outboxEntry
		s.get("/sandbox/outbox", &out)
		if len(out) != 2 || out[0].Tracking != c.Tracking || !strings.Contains(out[1].Text, "crew is on the way") {
			return fmt.Sprintf("outbox %+v", out)
		}
		return ""
	})
	for path, want := range map[string]string{
		"/healthz": `"ok"`, "/readyz": `"ready"`, "/sandbox": c.Tracking,
		"/metrics": `intake311_cases_created_total{channel="phone-agent"} 1`,
	} {
		res, err := http.Get(s.base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %d, want %q in:\n%.2000s", path, res.StatusCode, want, body)
		}
	}
}

// TestGracefulShutdown sends SIGTERM and expects a clean exit.
func TestGracefulShutdown(t *testing.T) {
	s := startServer(t, t.TempDir())
	if code := s.call("POST", "/api/v1/cases", `{"description": "Streetlight out on Oak Ave"}`, nil); code != 201 {
		t.Fatalf("create: %d", code)
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	if err := s.cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v\n%s", err, s.logs)
	}
	if !strings.Contains(s.logs.String(), "shutting down") {
		t.Errorf("no shutdown in the log:\n%s", s.logs)
	}
}

// burst drives concurrent intakes and status changes against s until stop
// is closed, recording what the server acknowledged.
type burst struct {
	mu      sync.Mutex
	created map[string]string // idempotency key -> tracking number
	moved   map[string]bool   // tracking numbers acknowledged in progress
	acks    atomic.Int64
}

func (b *burst) run(s *server, worker int, stop <-chan struct{}) {
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		default:
		}
		key := fmt.Sprintf("burst-%d-%d", worker, i)
		var c caseJSON
		body := fmt.Sprintf(`{"description": "Overflowing trash can %s", "contact": {"channel": "email", "address": "r%d@example.org"}}`, key, worker)
		code := s.call("POST", "/api/v1/cases", body, &c, "Idempotency-Key", key)
		if code != 201 && code != 200 {
			continue
		}
		b.mu.Lock()
		b.created[key] = c.Tracking
		b.mu.Unlock()
		b.acks.Add(1)
		if s.call("POST", "/api/v1/cases/"+c.Tracking+"/status", `{"status": "in_progress"}`, nil) == 200 {
			b.mu.Lock()
			b.moved[c.Tracking] = true
			b.mu.Unlock()
		}
	}
}

// TestKillDuringBurst kills the server with SIGKILL in the middle of a
// burst of intakes and status changes, restarts it, and finds every
// acknowledged case and every notification present exactly once.
func TestKillDuringBurst(t *testing.T) {
	dir := t.TempDir()
	s := startServer(t, dir)
	b := &burst{created: map[string]string{}, moved: map[string]bool{}}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() { defer wg.Done(); b.run(s, w, stop) }()
	}
	for b.acks.Load() < 150 {
		time.Sleep(5 * time.Millisecond)
	}
	s.cmd.Process.Signal(syscall.SIGKILL)
	s.cmd.Wait()
	close(stop)
	wg.Wait()

	s = startServer(t, dir)
	t.Logf("%d cases and %d status changes acknowledged before the kill", len(b.created), len(b.moved))
	checkCases(t, s, b)
	checkNoDuplicates(t, s, len(b.created))
	checkNotifications(t, s, b)
}

// checkCases re-sends every acknowledged intake: each must come back as the
// same case, not a new one, with its acknowledged status change.
func checkCases(t *testing.T, s *server, b *burst) {
	for key, tn := range b.created {
		var c caseJSON
		body := fmt.Sprintf(`{"description": "Overflowing trash can %s"}`, key)
		if code := s.call("POST", "/api/v1/cases", body, &c, "Idempotency-Key", key); code != 200 || c.Tracking != tn {
			t.Fatalf("acknowledged case %s (%s) after restart: %d %s", key, tn, code, c.Tracking)
		}
		if b.moved[tn] && c.Status != "in_progress" {
			t.Errorf("case %s lost its acknowledged status change: %s", tn, c.Status)
		}
	}
}

// checkNoDuplicates lists every case and finds each burst key once.
func checkNoDuplicates(t *testing.T, s *server, acknowledged int) {
	seen, cursor := map[string]int{}, ""
	for {
		var page struct {
			Cases []struct {
				Description string `json:"description"`
			} `json:"cases"`
			Next string `json:"next"`
		}
		s.get("/api/v1/cases?limit=500&cursor="+cursor, &page)
		for _, c := range page.Cases {
			seen[c.Description]++
		}
		if cursor = page.Next; cursor == "" {
			break
		}
	}
	for desc, n := range seen {
		if n != 1 {
			t.Errorf("%q stored %d times", desc, n)
		}
	}
	if len(seen) < acknowledged {
		t.Errorf("%d cases stored, %d acknowledged", len(seen), acknowledged)
	}
}

// checkNotifications waits for the outbox to drain and finds, on every
// case, one outbound message per notification: the acknowledgement and
// one per status change.
func checkNotifications(t *testing.T, s *server, b *burst) {
	for _, tn := range b.created {
		eventually(t, "notifications of "+tn, func() string {
			var c caseJSON
			s.get("/api/v1/cases/"+tn, &c)
			if got, want := c.outbound(), len(c.History); got != want {
				return fmt.Sprintf("%d outbound messages, want %d (ack + %d status changes)", got, want, want-1)
			}
			return ""
		})
	}
}

// TestCommandLine runs Main in-process.
func TestCommandLine(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("city:\n  name: X\n  tiemzone: Nowhere\nserver:\n  addr: nope\n"), 0o600)
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"help", []string{"help"}, 0, "serve", ""},
		{"unknown", []string{"frobnicate"}, 2, "", "unknown command"},
		{"serve help", []string{"serve", "--help"}, 0, "", "--sandbox"},
		{"migrate help", []string{"migrate", "--help"}, 0, "", "--data"},
		{"config help", []string{"config", "--help"}, 0, "", "config check FILE"},
		{"bad flag", []string{"serve", "--nope"}, 2, "", "flag provided but not defined"},
		{"config init", []string{"config", "init"}, 0, "city:", ""},
		{"config init routing", []string{"config", "init", "--routing"}, 0, "pothole", ""},
		{"config check bad", []string{"config", "check", bad}, 1, "", "bad.yaml:3:3: city.tiemzone"},
		{"config check missing", []string{"config", "check"}, 2, "", "usage"},
		{"migrate", []string{"migrate", "--data", t.TempDir()}, 0, "applied 0001_init.sql", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, LookupEnv: func(string) (string, bool) { return "", false }}
			code := Main(t.Context(), tc.args, env)
			if code != tc.code || !strings.Contains(out.String(), tc.stdout) || !strings.Contains(errb.String(), tc.stderr) {
				t.Fatalf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, tc.code, out.String(), errb.String())
			}
		})
	}
}

func TestConfigInitChecks(t *testing.T) {
	var out bytes.Buffer
	env := &Env{Stdout: &out, Stderr: io.Discard, LookupEnv: func(string) (string, bool) { return "", false }}
	if Main(t.Context(), []string{"config", "init"}, env) != 0 {
		t.Fatal("config init failed")
	}
	path := filepath.Join(t.TempDir(), "city.yaml")
	os.WriteFile(path, out.Bytes(), 0o600)
	out.Reset()
	if code := Main(t.Context(), []string{"config", "check", path}, env); code != 0 || !strings.Contains(out.String(), "ok") {
		t.Fatalf("the printed demo configuration does not check: %d %s", code, out.String())
	}
}
