package email_test

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/intake311/intake311/channels/email"
)

// addSeeds adds the package's own fixtures to f's corpus.
func addSeeds(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	for _, path := range files {
		if raw, err := os.ReadFile(path); err == nil {
			f.Add(raw)
		}
	}
	f.Add([]byte("Subject: =?x-unknown?Q?abc?=\r\nContent-Type: multipart/alternative; boundary=\"\"\r\n\r\n--\r\n"))
}

// FuzzParse reads arbitrary bytes as a message: never a panic, and the
// text it gives is valid UTF-8.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		p := email.Parse(raw)
		email.Classify(p)
		for _, s := range []string{p.Text, p.Subject, email.CaseText(p)} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8: %q", s)
			}
		}
	})
}

// FuzzVisible strips quotes from arbitrary text: never a panic, and never
// more text than it was given.
func FuzzVisible(f *testing.F) {
	f.Add("Thanks!\n\nOn Mon, Jan 5, 2026 at 9:00 AM, City <311@riverton.example> wrote:\n> old")
	f.Add("Gracias\n\n-----Mensaje original-----\nDe: 311\nEnviado: hoy\n")
	f.Add("<p>Hi</p><blockquote>old</blockquote>")
	f.Fuzz(func(t *testing.T, text string) {
		got := email.Visible(text)
		if len(got) > len(text) {
			t.Fatalf("Visible grew the text: %q -> %q", text, got)
		}
		html := email.HTMLText(text)
		if utf8.ValidString(text) && !utf8.ValidString(html) {
			t.Fatalf("HTMLText broke UTF-8: %q -> %q", text, html)
		}
	})
}
