package email_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intake311/intake311/channels/email"
)

// corpusFiles lists every message file of the evaluation data.
func corpusFiles(t testing.TB) []string {
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("no evaluation data at %s", corpus)
	}
	var files []string
	filepath.WalkDir(corpus, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(path) {
		case ".json", ".md", ".csv":
			return nil
		}
		files = append(files, path)
		return nil
	})
	return files
}

// outcome is what the gateway would do with one message.
func outcome(raw []byte) (text string, v email.Verdict, reason string) {
	p := email.Parse(raw)
	v = email.Classify(p)
	switch {
	case !v.Answerable():
		return "", v, string(v.Kind) + ": " + v.Reason
	case p.From.Addr == "":
		return "", v, "no sender"
	}
	text = email.CaseText(p)
	if text == "" && len(p.Attachments) == 0 {
		return "", v, "nothing written"
	}
	return text, v, ""
}

// TestCorpusSweep reads every message of the evaluation data: none may
// panic, each yields a case text or a reason to skip it, and the sisimai
// bounces and auto-replies must be recognised.
func TestCorpusSweep(t *testing.T) {
	files := corpusFiles(t)
	texts, skipped := 0, map[string]int{}
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		text, _, reason := outcome(raw)
		if text == "" && reason == "" {
			t.Errorf("%s: neither a case text nor a reason", path)
		}
		if reason != "" {
			skipped[strings.SplitN(reason, ":", 2)[0]]++
			continue
		}
		texts++
	}
	t.Logf("%d messages: %d case texts, skipped %v", len(files), texts, skipped)
	checkSisimai(t)
}

// sisimaiWant is the kind each sisimai file prefix must get.
func sisimaiWant(name string) (email.Kind, bool) {
	switch {
	case strings.HasPrefix(name, "rfc3834-"):
		return email.AutoReply, true
	case strings.HasPrefix(name, "lhost-"), strings.HasPrefix(name, "rhost-"), strings.HasPrefix(name, "rfc3464-"):
		return email.Bounce, true
	case strings.HasPrefix(name, "arf-"):
		return email.Bulk, true
	case strings.HasPrefix(name, "is-not-bounce"):
		return email.Person, true
	}
	return "", false
}

// checkSisimai measures recognition on the sisimai set: the exact kind,
// and "not answered" (any kind but Person), which is what protects
// residents and the gateway from mail loops.
func checkSisimai(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpus, "sisimai_set-of-emails", "*", "*.eml"))
	exact, unanswered, n := 0, 0, 0
	for _, path := range files {
		want, ok := sisimaiWant(filepath.Base(path))
		if !ok {
			continue
		}
		raw, _ := os.ReadFile(path)
		v := email.Classify(email.Parse(raw))
		n++
		if v.Kind == want {
			exact++
		} else {
			t.Logf("%s: %s (%s), want %s", filepath.Base(path), v.Kind, v.Reason, want)
		}
		if (v.Kind == email.Person) == (want == email.Person) {
			unanswered++
		}
	}
	t.Logf("sisimai: %d files, exact kind %d (%.1f%%), answered or not as it should be %d (%.1f%%)",
		n, exact, pct(exact, n), unanswered, pct(unanswered, n))
	if pct(unanswered, n) < 95 {
		t.Errorf("only %.1f%% of the sisimai set is recognised", pct(unanswered, n))
	}
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}
