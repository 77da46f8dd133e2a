package cases_test

import (
	"errors"
	"testing"

	"github.com/intake311/intake311/cases"
)

func TestTemplates(t *testing.T) {
	tm, err := cases.NewTemplates(map[string]map[string]string{
		"en": {"ack": "Got it: {{.Tracking}} ({{.Service}})", "status": "{{.Tracking}} is {{.Status}}", "status.closed": "{{.Tracking}} closed: {{.CloseReason}}"},
		"es": {"ack": "Recibido: {{.TrackingSpoken}} ({{.Service}})"},
	}, "en")
	if err != nil {
		t.Fatal(err)
	}
	tm.ServiceName = func(code, lang string) string { return map[string]string{"en": "Pothole", "es": "Bache"}[lang] }
	d := cases.TemplateData{Tracking: "1234567893", ServiceCode: "pothole", Status: cases.StatusClosed, CloseReason: cases.ReasonFixed}
	for _, tc := range []struct{ lang, key, want string }{
		{"en", "ack", "Got it: 1234567893 (Pothole)"},
		{"es", "ack", "Recibido: 123-456-7893 (Bache)"},
		{"fr", "ack", "Got it: 1234567893 (Pothole)"},       // unknown language: fallback
		{"en", "status.closed", "1234567893 closed: fixed"}, // specific key
		{"en", "status.on_hold", "1234567893 is closed"},    // falls back to "status"
		{"es", "status.closed", "1234567893 closed: fixed"}, // missing in es: English
	} {
		t.Run(tc.lang+"/"+tc.key, func(t *testing.T) {
			got, err := tm.Render(tc.lang, tc.key, d)
			if err != nil || got != tc.want {
				t.Fatalf("Render = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestTemplatesRejectBadInput(t *testing.T) {
	for name, texts := range map[string]map[string]map[string]string{
		"syntax":      {"en": {"ack": "{{.Tracking", "status": "x"}},
		"no ack":      {"en": {"status": "x"}},
		"no fallback": {"es": {"ack": "x", "status": "x"}},
	} {
		if _, err := cases.NewTemplates(texts, "en"); !errors.Is(err, cases.ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
