package email

import (
	"strings"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
)

func TestSubjectFor(t *testing.T) {
	for _, tc := range []struct {
		kind, lang, subject, want string
	}{
		{cases.KindAck, "en", "", "[311 #1234567890] We got your report"},
		{cases.KindAck, "es", "", "[311 #1234567890] Recibimos su reporte"},
		{cases.KindStatus, "es", "", "[311 #1234567890] Novedades sobre su reporte"},
		{cases.KindNote, "fr", "", "[311 #1234567890] A message about your report"},
		{"other", "en", "", "[311 #1234567890] About your report"},
		{cases.KindStatus, "en", "Closed", "[311 #1234567890] Closed"},
	} {
		t.Run(tc.kind+"."+tc.lang, func(t *testing.T) {
			n := &cases.Notification{Tracking: "1234567890", Kind: tc.kind, Language: tc.lang, Subject: tc.subject}
			if got := subjectFor(n); got != tc.want {
				t.Errorf("%q, want %q", got, tc.want)
			}
		})
	}
}

// TestCompose writes a Spanish update and reads it back.
func TestCompose(t *testing.T) {
	o := &outgoing{ID: "311.1.ab@riverton.example", From: "311@riverton.example", FromName: "Riverton 311",
		To: "ana@resident.example", ReplyTo: "311+1@riverton.example", Subject: "[311 #1] Novedades sobre su reporte",
		References: []string{"a@resident.example", "b@resident.example"}, Text: "Ya empezamos.\n\nGracias.",
		Language: "es", Kind: cases.KindStatus, Date: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	raw, err := o.compose()
	if err != nil {
		t.Fatal(err)
	}
	p := Parse(raw)
	switch {
	case p.MessageID != o.ID || strings.Join(p.InReplyTo, " ") != "b@resident.example" || len(p.References) != 2:
		t.Errorf("ids %q %v %v", p.MessageID, p.InReplyTo, p.References)
	case p.Header.Get("Auto-Submitted") != "auto-generated" || p.Subject != o.Subject:
		t.Errorf("Auto-Submitted %q subject %q", p.Header.Get("Auto-Submitted"), p.Subject)
	case !strings.HasPrefix(p.Text, "Ya empezamos.\n\nGracias.") || !strings.Contains(p.Text, "responda a este correo"):
		t.Errorf("text %q", p.Text)
	case !strings.Contains(string(raw), `lang=3D"es"`) && !strings.Contains(string(raw), `lang="es"`):
		t.Errorf("no Spanish HTML part:\n%s", raw)
	}
}

func TestJoinRefs(t *testing.T) {
	var ids []string
	for i := range 15 {
		ids = append(ids, strings.Repeat("x", i+1)+"@r.example")
	}
	refs := threadRefs(joinRefs(ids))
	if len(refs) != maxRefs || refs[0] != ids[0] || refs[len(refs)-1] != ids[14] {
		t.Fatalf("refs %v", refs)
	}
}
