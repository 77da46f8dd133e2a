package email_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intake311/intake311/channels/email"
)

// corpus is the shared evaluation data, read in place (never copied).
const corpus = "../../../shared/data/email"

// replyCase is one fixture whose visible reply the upstream project's own
// tests state.
type replyCase struct {
	source, test, fixture, want string
}

// replySources are the fixture sets measured, with their folders.
var replySources = []struct{ dir, fixtures, expectations string }{
	{"github_email_reply_parser", "emails", "expectations.json"},
	{"zapier_email-reply-parser", "emails", "expectations.json"},
	{"willdurand_EmailReplyParser", "fixtures", "expectations_EmailParserTest.json"},
	{"willdurand_EmailReplyParser", "fixtures", "expectations_EmailReplyParserTest.json"},
}

// visibleExprs are the expressions under test upstream that mean "the
// visible reply".
var visibleExprs = []string{"parse_reply", "parseReply", "getVisibleText", "message.reply"}

func loadReplyCases(t testing.TB) []replyCase {
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("no evaluation data at %s", corpus)
	}
	var out []replyCase
	for _, src := range replySources {
		out = append(out, replyCasesOf(t, src.dir, src.fixtures, src.expectations)...)
	}
	return out
}

func replyCasesOf(t testing.TB, dir, fixtures, file string) []replyCase {
	raw, err := os.ReadFile(filepath.Join(corpus, dir, file))
	if err != nil {
		t.Fatal(err)
	}
	var tests []struct {
		Test       string   `json:"test"`
		Fixtures   []string `json:"fixtures"`
		Assertions []struct {
			Expected *string `json:"expected"`
			Expr     string  `json:"actual_expr"`
		} `json:"assertions"`
	}
	if err := json.Unmarshal(raw, &tests); err != nil {
		t.Fatal(err)
	}
	var out []replyCase
	for _, tc := range tests {
		for _, a := range tc.Assertions {
			if a.Expected != nil && len(tc.Fixtures) == 1 && visibleExpr(a.Expr) {
				name := strings.TrimSuffix(filepath.Base(tc.Fixtures[0]), ".txt") + ".txt"
				out = append(out, replyCase{dir, tc.Test, filepath.Join(corpus, dir, fixtures, name), *a.Expected})
			}
		}
	}
	return out
}

func visibleExpr(expr string) bool {
	for _, v := range visibleExprs {
		if strings.Contains(expr, v) {
			return true
		}
	}
	return false
}

// TestVisibleOnFixtures measures quote and signature stripping against
// the visible replies the reply-parser projects expect: at least 90% must
// match exactly.
func TestVisibleOnFixtures(t *testing.T) {
	all := loadReplyCases(t)
	exact, bySource := 0, map[string][2]int{}
	for _, rc := range all {
		n := bySource[rc.source]
		n[1]++
		bySource[rc.source] = n
		body, err := os.ReadFile(rc.fixture)
		if err != nil {
			t.Errorf("%s: %v", rc.test, err)
			continue
		}
		got := email.Visible(string(body))
		if got == strings.TrimSpace(rc.want) {
			exact++
			n[0]++
			bySource[rc.source] = n
			continue
		}
		t.Logf("%s %s:\n got %q\nwant %q", rc.source, rc.test, got, strings.TrimSpace(rc.want))
	}
	for src, n := range bySource {
		t.Logf("%s: %d of %d", src, n[0], n[1])
	}
	rate := float64(exact) / float64(len(all))
	t.Logf("exact match: %d of %d (%.1f%%)", exact, len(all), 100*rate)
	if len(all) == 0 || rate < 0.9 {
		t.Errorf("exact match %.1f%%, want at least 90%%", 100*rate)
	}
}
