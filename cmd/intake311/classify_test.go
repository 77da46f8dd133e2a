package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func runMain(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, LookupEnv: func(string) (string, bool) { return "", false }}
	code := Main(context.Background(), args, env)
	return code, out.String(), errOut.String()
}

func TestClassifyCommand(t *testing.T) {
	code, out, errOut := runMain(t, "classify", "--json", "hay un bache enorme en 1234 N Main St")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Service     string          `json:"service_code"`
		Language    string          `json:"language"`
		Location    map[string]any  `json:"location"`
		Explanation json.RawMessage `json:"explanation"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if got.Service != "pothole" || got.Language != "es" || got.Location["kind"] != "address" || len(got.Explanation) == 0 {
		t.Errorf("classify --json = %s", out)
	}
}

func TestRulesCheckCommand(t *testing.T) {
	if code, _, errOut := runMain(t, "rules", "check", "../../router/testdata/bad.yaml"); code != 1 ||
		!strings.Contains(errOut, "bad.yaml:22:21: rules[0].when.service: unknown service") {
		t.Errorf("rules check of a bad file: exit %d, %s", code, errOut)
	}
	if code, out, errOut := runMain(t, "rules", "check", "../../router/demo.yaml"); code != 0 || !strings.Contains(out, "ok: Riverton") {
		t.Errorf("rules check of the demo: exit %d, %s %s", code, out, errOut)
	}
}
