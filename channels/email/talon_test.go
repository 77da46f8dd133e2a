package email_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/intake311/intake311/channels/email"
)

// talonExpectations are mailgun/talon's expected replies for whole MIME
// replies and for HTML replies.
type talonExpectations struct {
	Standard map[string]string `json:"standard_replies"`
	HTML     map[string]struct {
		Plain string `json:"expected_plain"`
	} `json:"html_replies"`
}

// TestTalonFixtures measures the whole reading path (Parse, then Visible)
// on talon's replies from a dozen mail clients, and HTML replies made
// readable. talon keeps signatures and the gateway drops them, so this is
// reported, and only a floor is checked.
func TestTalonFixtures(t *testing.T) {
	dir := filepath.Join(corpus, "mailgun_talon")
	raw, err := os.ReadFile(filepath.Join(dir, "expectations_fixtures.json"))
	if err != nil {
		t.Skipf("no talon fixtures: %v", err)
	}
	var exp talonExpectations
	if err := json.Unmarshal(raw, &exp); err != nil {
		t.Fatal(err)
	}
	std := measure(t, exp.Standard, func(name string) string {
		return email.Visible(email.Parse(readIn(t, dir, "fixtures", "standard_replies", name)).Text)
	}, strings.TrimSpace)
	html := map[string]string{}
	for name, e := range exp.HTML {
		html[name] = e.Plain
	}
	htm := measure(t, html, func(name string) string {
		return email.Visible(email.HTMLText(string(readIn(t, dir, "fixtures", "html_replies", name))))
	}, noSpace)
	t.Logf("talon: standard replies %d of %d, HTML replies %d of %d", std, len(exp.Standard), htm, len(html))
	if 2*(std+htm) < len(exp.Standard)+len(html) {
		t.Errorf("fewer than half of talon's replies read as expected")
	}
}

func measure(t *testing.T, want map[string]string, got func(string) string, norm func(string) string) int {
	n := 0
	for name, w := range want {
		if g := got(name); norm(g) == norm(w) {
			n++
		} else {
			t.Logf("%s:\n got %q\nwant %q", name, g, w)
		}
	}
	return n
}

func readIn(t *testing.T, parts ...string) []byte {
	raw, err := os.ReadFile(filepath.Join(parts...))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
