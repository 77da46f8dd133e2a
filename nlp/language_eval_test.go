package nlp

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// labelled reads a testdata file of label<TAB>text lines, skipping
// comments and blank lines.
func labelled(t *testing.T, name string) [][2]string {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][2]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		label, text, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("%s: no tab in %q", name, line)
		}
		out = append(out, [2]string{label, text})
	}
	return out
}

// TestLanguageDetection measures English/Spanish detection on short
// messages with no language hint.
func TestLanguageDetection(t *testing.T) {
	right, all := 0, labelled(t, "language.tsv")
	for _, c := range all {
		if got := DetectLanguage(c[1], "en"); got == c[0] {
			right++
		} else {
			t.Logf("%s, want %s: %q", got, c[0], c[1])
		}
	}
	acc := float64(right) / float64(len(all))
	t.Logf("short messages: %d of %d right (%.3f)", right, len(all), acc)
	if acc < 0.95 {
		t.Errorf("language detection %.3f on short messages, want at least 0.95", acc)
	}
}
