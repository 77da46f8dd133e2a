package email_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
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
	checkIntake(t, files)
}

// personalMail is corpus mail people wrote with their own mail clients
// (Gmail, Outlook, Yahoo, iPhone, Thunderbird...): each must become a case.
var personalMail = []string{
	"mailgun_talon/fixtures/standard_replies/*.eml",
	"enmime/mail/other-parts.raw",
	"enmime/mail/unknown-part-type.raw",
	"sisimai_set-of-emails/maildir-not/is-not-bounce-*.eml",
	"spamscope_mail-parser/mails/mail_test_3",
}

// listMail is corpus newsletter and list mail: each must be set aside.
var listMail = []string{
	"spamscope_mail-parser/mails/mail_test_5",
	"spamscope_mail-parser/mails/mail_test_6",
	"spamscope_mail-parser/mails/mail_test_13",
}

// checkIntake takes every message in through Receive, on a real store
// with the demo classifier, and reports how many became cases and how
// many were set aside as bulk, and why. Before bulk mail was set aside,
// every message of kind bulk with a sender became a case as well.
func checkIntake(t *testing.T, files []string) {
	r := newRig(t)
	ch := r.channelWith(anHour)
	got := map[string]string{}
	count, reasons, wasCase := map[string]int{}, map[string]int{}, 0
	for _, path := range files {
		raw, _ := os.ReadFile(path)
		what, reason := intakeOf(r, ch, raw, path)
		rel, _ := filepath.Rel(corpus, path)
		got[rel] = what
		count[what]++
		if what == "set aside" {
			reasons[reason]++
			if strings.HasPrefix(reason, string(email.Bulk)+":") {
				wasCase++
			}
		}
	}
	t.Logf("intake: %d messages made %d cases (%d were copies of a message taken in), %d set aside (%d of kind bulk, which made cases before), %d neither (bounces, no sender)",
		count["case"]+count["case again"], count["case"], count["case again"], count["set aside"], wasCase, count["neither"])
	t.Logf("set aside: %v", reasons)
	expectIntake(t, got, personalMail, "case", "case again")
	expectIntake(t, got, listMail, "set aside")
}

// intakeOf receives raw and says what became of it: "case" (a new one),
// "case again" (a copy of a message that made a case), "set aside" (with
// the reason) or "neither" (a bounce, an answer or no sender).
func intakeOf(r *rig, ch *email.Channel, raw []byte, path string) (what, reason string) {
	before := len(r.cases())
	out, err := ch.Receive(r.t.Context(), raw, "corpus:"+path)
	switch {
	case err != nil:
		r.t.Errorf("%s: %v", path, err)
		return "error", ""
	case out.Bulk:
		return "set aside", out.Reason
	case len(r.cases()) > before:
		return "case", ""
	}
	p := email.Parse(raw)
	if _, err := r.store.CaseByExternalID(r.t.Context(), email.Name, p.MessageID); err == nil && p.From.Addr != "" && email.Classify(p).Answerable() {
		return "case again", ""
	}
	return "neither", ""
}

// expectIntake checks that the files matching patterns came out as one of
// want.
func expectIntake(t *testing.T, got map[string]string, patterns []string, want ...string) {
	for _, pattern := range patterns {
		paths, _ := filepath.Glob(filepath.Join(corpus, pattern))
		if len(paths) == 0 {
			t.Errorf("no corpus file matches %s", pattern)
		}
		for _, path := range paths {
			rel, _ := filepath.Rel(corpus, path)
			if !slices.Contains(want, got[rel]) {
				t.Errorf("%s: %s, want %s", rel, got[rel], strings.Join(want, " or "))
			}
		}
	}
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
