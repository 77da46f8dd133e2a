package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/api"
	"github.com/intake311/intake311/cases/sqlite"
)

// tokens of the test server, one per role.
var tokens = map[api.Role]string{
	api.RoleViewer: "viewer-secret", api.RoleAgent: "agent-secret",
	api.RoleWorkOrder: "workorder-secret", api.RoleManager: "manager-secret",
}

type fixture struct {
	t     *testing.T
	srv   *httptest.Server
	store *sqlite.Store
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "cases.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tm, err := cases.NewTemplates(map[string]map[string]string{
		"en": {"ack": "Case {{.Tracking}} received.", "status": "Case {{.Tracking}} is {{.Status}}. {{.Note}}", "note": "{{.Note}}"},
	}, "en")
	if err != nil {
		t.Fatal(err)
	}
	cls := cases.ClassifierFunc(func(_ context.Context, text, lang string) (cases.Classification, error) {
		code := "general"
		if strings.Contains(strings.ToLower(text), "pothole") {
			code = "pothole"
		}
		return cases.Classification{ServiceCode: code, Confidence: 0.9, Language: "en"}, nil
	})
	rt := cases.RouterFunc(func(_ context.Context, c *cases.Case) (cases.Assignment, error) {
		return cases.Assignment{Department: "streets", Priority: cases.PriorityNormal}, nil
	})
	var toks []api.Token
	for role, tok := range tokens {
		toks = append(toks, api.Token{Name: string(role) + "-1", Role: role, Digest: digest(tok)})
	}
	srv := api.New(api.Options{
		Store: store, Tokens: toks, Channels: []string{"sms", "email", "voice"}, MaxBodyBytes: 4096,
		Intake:   &cases.Intake{Store: store, Classifier: cls, Router: rt, Templates: tm},
		Workflow: &cases.Workflow{Store: store, Templates: tm},
		Service:  func(code string) bool { return code == "pothole" || code == "general" },
	})
	hs := httptest.NewServer(srv)
	t.Cleanup(func() { hs.Close(); store.Close() })
	return &fixture{t: t, srv: hs, store: store}
}

// do sends a request as role ("" sends no token) and decodes the reply.
func (f *fixture) do(role api.Role, method, path, body string, hdr ...string) (int, map[string]any) {
	f.t.Helper()
	req, _ := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
	if role != "" {
		req.Header.Set("Authorization", "Bearer "+tokens[role])
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		f.t.Fatalf("%s %s: reply is not JSON: %s", method, path, raw)
	}
	return res.StatusCode, out
}

func (f *fixture) create(body string) string {
	f.t.Helper()
	code, out := f.do(api.RoleAgent, "POST", "/api/v1/cases", body)
	if code != http.StatusCreated {
		f.t.Fatalf("create: %d %v", code, out)
	}
	return out["tracking_number"].(string)
}

func (f *fixture) count() int {
	p, err := f.store.FindCases(context.Background(), cases.Filter{Limit: cases.MaxPageSize})
	if err != nil {
		f.t.Fatal(err)
	}
	return len(p.Cases)
}

const report = `{"description": "Big pothole on Elm", "address": "12 Elm St",
	"contact": {"channel": "sms", "address": "+1 (555) 010-2000"}}`

func TestCreateAndGet(t *testing.T) {
	f := newFixture(t)
	tn := f.create(report)
	code, c := f.do(api.RoleViewer, "GET", "/api/v1/cases/"+tn, "")
	if code != 200 || c["service_code"] != "pothole" || c["channel"] != "phone-agent" || c["status"] != "open" {
		t.Fatalf("get: %d %v", code, c)
	}
	contacts := c["contacts"].([]any)
	if got := contacts[0].(map[string]any)["address"]; got != "+15550102000" {
		t.Errorf("contact address = %v, want the E.164 form", got)
	}
	spaced := tn[:3] + " " + tn[3:6] + "-" + tn[6:]
	if code, _ := f.do(api.RoleViewer, "GET", "/api/v1/cases/"+strings.ReplaceAll(spaced, " ", "%20"), ""); code != 200 {
		t.Errorf("tracking number with spaces and hyphens: %d", code)
	}
}

func TestIdempotencyKey(t *testing.T) {
	f := newFixture(t)
	code1, c1 := f.do(api.RoleAgent, "POST", "/api/v1/cases", report, "Idempotency-Key", "call-42")
	code2, c2 := f.do(api.RoleAgent, "POST", "/api/v1/cases", report, "Idempotency-Key", "call-42")
	if code1 != 201 || code2 != 200 || c1["tracking_number"] != c2["tracking_number"] || f.count() != 1 {
		t.Fatalf("retry made %d cases: %d %d", f.count(), code1, code2)
	}
}

func TestStatusChanges(t *testing.T) {
	f := newFixture(t)
	tn := f.create(report)
	path := "/api/v1/cases/" + tn + "/status"
	for _, tc := range []struct {
		name, role, body string
		want             int
		code             string
	}{
		{"unknown status", "agent", `{"status": "done"}`, 400, "invalid"},
		{"close without reason", "agent", `{"status": "closed"}`, 400, "invalid"},
		{"bad close reason", "agent", `{"status": "closed", "close_reason": "meh"}`, 400, "invalid"},
		{"viewer may not", "viewer", `{"status": "in_progress"}`, 403, "forbidden"},
		{"work order", "workorder", `{"status": "in_progress", "note": "Crew on site"}`, 200, ""},
		{"not from in progress to open", "agent", `{"status": "open"}`, 409, "conflict"},
		{"close", "agent", `{"status": "closed", "close_reason": "fixed", "note": "Filled"}`, 200, ""},
		{"closed twice", "agent", `{"status": "closed", "close_reason": "fixed"}`, 409, "conflict"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out := f.do(api.Role(tc.role), "POST", path, tc.body)
			if code != tc.want {
				t.Fatalf("status %d, want %d: %v", code, tc.want, out)
			}
			if tc.code != "" && out["error"].(map[string]any)["code"] != tc.code {
				t.Errorf("error = %v, want code %s", out["error"], tc.code)
			}
		})
	}
	_, c := f.do(api.RoleViewer, "GET", "/api/v1/cases/"+tn, "")
	if h := c["history"].([]any); len(h) != 3 || c["status"] != "closed" || c["close_reason"] != "fixed" {
		t.Fatalf("history %v status %v", h, c["status"])
	}
	ns, _ := f.store.Notifications(context.Background(), cases.NotificationPending, 0, 10)
	if len(ns) != 3 || !strings.Contains(ns[2].Text, "closed. Filled") {
		t.Fatalf("want ack + 2 updates in the outbox, got %d", len(ns))
	}
}

func TestBadInput(t *testing.T) {
	f := newFixture(t)
	tn := f.create(report)
	big := `{"description": "` + strings.Repeat("x", 5000) + `"}`
	for _, tc := range []struct {
		name, role, method, path, body string
		want                           int
	}{
		{"no token", "", "GET", "/api/v1/cases", "", 401},
		{"wrong token", "nobody", "GET", "/api/v1/cases", "", 401},
		{"bad check digit", "viewer", "GET", "/api/v1/cases/" + flipLast(tn), "", 400},
		{"letters", "viewer", "GET", "/api/v1/cases/abc", "", 400},
		{"unknown case", "viewer", "GET", "/api/v1/cases/" + otherNumber(tn), "", 404},
		{"invalid JSON", "agent", "POST", "/api/v1/cases", `{"description": `, 400},
		{"not an object", "agent", "POST", "/api/v1/cases", `[1]`, 400},
		{"unknown field", "agent", "POST", "/api/v1/cases", `{"descripton": "x"}`, 400},
		{"trailing data", "agent", "POST", "/api/v1/cases", `{"description": "x"} {}`, 400},
		{"empty", "agent", "POST", "/api/v1/cases", `{}`, 400},
		{"wrong type", "agent", "POST", "/api/v1/cases", `{"description": 5}`, 400},
		{"bad phone", "agent", "POST", "/api/v1/cases", `{"description": "x", "contact": {"channel": "sms", "address": "call me"}}`, 400},
		{"unknown channel", "agent", "POST", "/api/v1/cases", `{"description": "x", "contact": {"channel": "fax", "address": "1"}}`, 400},
		{"unknown service", "agent", "POST", "/api/v1/cases", `{"description": "x", "service_code": "unicorns"}`, 400},
		{"half a position", "agent", "POST", "/api/v1/cases", `{"description": "x", "lat": 41.1}`, 400},
		{"too large", "agent", "POST", "/api/v1/cases", big, 413},
		{"viewer may not create", "viewer", "POST", "/api/v1/cases", report, 403},
		{"agent may not read dead letters", "agent", "GET", "/api/v1/notifications/dead", "", 403},
		{"bad filter", "viewer", "GET", "/api/v1/cases?status=nope", "", 400},
		{"bad date", "viewer", "GET", "/api/v1/cases?from=yesterday", "", 400},
		{"bad cursor", "viewer", "GET", "/api/v1/cases?cursor=zzz", "", 400},
		{"no such endpoint", "viewer", "GET", "/api/v1/nothing", "", 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out := f.do(api.Role(tc.role), tc.method, tc.path, tc.body)
			e, _ := out["error"].(map[string]any)
			if code != tc.want || e == nil || e["message"] == "" {
				t.Fatalf("got %d %v, want %d with an error message", code, out, tc.want)
			}
		})
	}
	if n := f.count(); n != 1 {
		t.Fatalf("bad requests wrote cases: %d", n)
	}
}

func TestListFilterAndPages(t *testing.T) {
	f := newFixture(t)
	for i := 0; i < 7; i++ {
		f.create(report)
	}
	f.create(`{"description": "Loud music all night"}`)
	_, out := f.do(api.RoleViewer, "GET", "/api/v1/cases?service_code=general", "")
	if got := len(out["cases"].([]any)); got != 1 {
		t.Fatalf("service filter: %d cases", got)
	}
	seen, cursor := map[string]bool{}, ""
	for pages := 0; pages < 10; pages++ {
		_, out := f.do(api.RoleViewer, "GET", "/api/v1/cases?limit=3&status=open&cursor="+cursor, "")
		for _, c := range out["cases"].([]any) {
			seen[c.(map[string]any)["tracking_number"].(string)] = true
		}
		next, _ := out["next"].(string)
		if next == "" {
			break
		}
		cursor = next
	}
	if len(seen) != 8 {
		t.Fatalf("pages visited %d distinct cases, want 8", len(seen))
	}
}

func TestNotes(t *testing.T) {
	f := newFixture(t)
	tn := f.create(report)
	if code, out := f.do(api.RoleAgent, "POST", "/api/v1/cases/"+tn+"/notes", `{"text": "resident sounds upset"}`); code != 200 {
		t.Fatalf("internal note: %d %v", code, out)
	}
	if code, out := f.do(api.RoleAgent, "POST", "/api/v1/cases/"+tn+"/notes", `{"text": "Crew scheduled Tuesday", "public": true}`); code != 200 {
		t.Fatalf("public note: %d %v", code, out)
	}
	ns, _ := f.store.Notifications(context.Background(), cases.NotificationPending, 0, 10)
	if len(ns) != 2 || ns[1].Text != "Crew scheduled Tuesday" {
		t.Fatalf("only the public note is sent: %d notifications", len(ns))
	}
}

func TestAssign(t *testing.T) {
	f := newFixture(t)
	tn := f.create(report)
	code, c := f.do(api.RoleAgent, "POST", "/api/v1/cases/"+tn+"/assign", `{"department": "parks", "priority": "high"}`)
	if code != 200 || c["department"] != "parks" || c["priority"] != "high" || c["status"] != "assigned" {
		t.Fatalf("assign: %d %v", code, c)
	}
	if code, _ := f.do(api.RoleAgent, "POST", "/api/v1/cases/"+tn+"/assign", `{"priority": "whenever"}`); code != 400 {
		t.Fatalf("bad priority: %d", code)
	}
}

func TestDeadLetters(t *testing.T) {
	f := newFixture(t)
	f.create(report)
	ctx := context.Background()
	ns, err := f.store.ClaimNotifications(ctx, time.Now(), time.Minute, 10)
	if err != nil || len(ns) != 1 {
		t.Fatal(err, len(ns))
	}
	if err := f.store.KillNotification(ctx, ns[0].ID, "21610: unsubscribed recipient"); err != nil {
		t.Fatal(err)
	}
	_, out := f.do(api.RoleManager, "GET", "/api/v1/notifications/dead", "")
	dead := out["notifications"].([]any)
	if len(dead) != 1 || dead[0].(map[string]any)["last_error"] != "21610: unsubscribed recipient" {
		t.Fatalf("dead letters: %v", out)
	}
	path := "/api/v1/notifications/" + strconv.FormatInt(ns[0].ID, 10) + "/retry"
	if code, out := f.do(api.RoleManager, "POST", path, ""); code != 202 {
		t.Fatalf("retry: %d %v", code, out)
	}
	if code, _ := f.do(api.RoleManager, "POST", path, ""); code != 409 {
		t.Fatalf("retrying a pending notification: %d, want 409", code)
	}
	if code, _ := f.do(api.RoleManager, "POST", "/api/v1/notifications/999/retry", ""); code != 404 {
		t.Fatalf("retrying a missing notification: %d, want 404", code)
	}
}

func TestStoreDown(t *testing.T) {
	f := newFixture(t)
	tn := f.create(report)
	f.store.Close()
	for _, tc := range []struct{ method, path, body string }{
		{"GET", "/api/v1/cases/" + tn, ""},
		{"POST", "/api/v1/cases", report},
		{"POST", "/api/v1/cases/" + tn + "/status", `{"status": "in_progress"}`},
	} {
		code, out := f.do(api.RoleManager, tc.method, tc.path, tc.body)
		if code != 503 || out["error"].(map[string]any)["code"] != "unavailable" {
			t.Errorf("%s %s with the store down: %d %v", tc.method, tc.path, code, out)
		}
	}
}

func digest(tok string) [32]byte { return sha256.Sum256([]byte(tok)) }

func flipLast(tn string) string {
	last := tn[len(tn)-1]
	return tn[:len(tn)-1] + string('0'+(last-'0'+1)%10)
}

// otherNumber returns a valid tracking number that is not tn.
func otherNumber(tn string) string {
	for {
		n, _ := cases.NewTrackingNumber(nil)
		if string(n) != tn {
			return string(n)
		}
	}
}
