package ivr_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intake311/intake311/ivr"
)

// problemFiles maps each invalid testdata file to every problem Parse
// must report for it, in order.
var problemFiles = []struct {
	file string
	want []string
}{
	{"broken.yaml", []string{
		`4:1: retries: must be from 0 to 5, not 9`,
		`5:1: timeout: "soon" is not a duration (write it like 5s or 2m)`,
		`13:5: always[1].digits: an option offered everywhere needs 0, * or #: the dialogues use "5" for answers`,
		`25:9: nodes.hello.options[0].target: there is no node "parks" (nodes: hello, lost)`,
		`26:9: nodes.hello.options[0].prompt: the option's prompt is missing in es`,
		`28:9: nodes.hello.options[1].digits: "1" already chooses options[0]`,
		`33:9: nodes.hello.options[2].digits: "0" already chooses an option of always`,
		`38:9: nodes.hello.options[3].digits: "12" is not one key: want 0-9, * or # (in quotes: "*", "#")`,
		`39:9: nodes.hello.options[3].action: unknown action "dance" (want agent, back, hangup, info, language, menu, record, repeat, report, status)`,
		`43:9: nodes.hello.options[4].info: the information is missing in en`,
		`43:9: nodes.hello.options[4].info: the information is missing in es`,
		`45:9: nodes.hello.options[4].target: target is only for menu and language options`,
		`49:3: nodes.lost: no option leads to node "lost" from the start (hello)`,
		`62:5: phrases.goodbye.en: unknown placeholder {name} (this phrase may use: none)`,
		`63:3: phrases.farewell: unknown phrase farewell`,
		`70:3: words.maybe: unknown meaning maybe (want yes, no, call, text)`,
	}},
	{"syntax.yaml", []string{`2:1: ',' or ']' must be specified`}},
	{"shape.yaml", []string{`5:10: nodes.main.say: string was used where mapping is expected`}},
}

func TestParseProblems(t *testing.T) {
	for _, tc := range problemFiles {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", tc.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			m, err := ivr.Parse(path, data)
			var ps ivr.Problems
			if m != nil || !errors.As(err, &ps) {
				t.Fatalf("Parse = %v, %v; want Problems", m, err)
			}
			want := path + ":" + strings.Join(tc.want, "\n"+path+":")
			if err.Error() != want {
				t.Fatalf("got\n%s\nwant\n%s", err, want)
			}
		})
	}
}

func TestParseFillsDemoPhrases(t *testing.T) {
	m, err := ivr.Parse("message.yaml", readFile(t, "message.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Phrases["goodbye"]["en"]; got != "Thank you. We will be in touch." {
		t.Errorf("goodbye = %q, want the file's", got)
	}
	if got := m.Phrases["no_input"]; got["en"] == "" || got["es"] != "" {
		t.Errorf("no_input = %q, want the demo's English only", got)
	}
	if m.Retries != 1 || m.Timeout <= 0 || m.RecordMax <= 0 || len(m.Words["yes"]["en"]) == 0 || len(m.Words["text"]["es"]) != 0 {
		t.Errorf("defaults: retries %d, timeout %s, record_max %s, words %q", m.Retries, m.Timeout, m.RecordMax, m.Words)
	}
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}
