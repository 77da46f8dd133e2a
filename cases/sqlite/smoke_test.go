package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
)

func TestSmoke(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "x.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tm, err := cases.NewTemplates(map[string]map[string]string{"en": {"ack": "got {{.Tracking}}", "status": "now {{.Status}} {{.Note}}", "note": "{{.Note}}"}}, "en")
	if err != nil {
		t.Fatal(err)
	}
	in := &cases.Intake{Store: s, Templates: tm,
		Classifier: cases.ClassifierFunc(func(ctx context.Context, text, lang string) (cases.Classification, error) {
			return cases.Classification{ServiceCode: "pothole", Confidence: 0.9, Language: "en"}, nil
		}),
		Router: cases.RouterFunc(func(ctx context.Context, c *cases.Case) (cases.Assignment, error) {
			return cases.Assignment{Department: "streets", Priority: cases.PriorityNormal}, nil
		})}
	c, created, err := in.Submit(ctx, cases.Report{Channel: "sms", ExternalID: "SM1", Text: "pothole on main", Contact: &cases.Contact{Channel: "sms", Address: "+15550001111", Consent: true}})
	if err != nil || !created {
		t.Fatal(err, created)
	}
	c2, created, err := in.Submit(ctx, cases.Report{Channel: "sms", ExternalID: "SM1", Text: "pothole on main", Contact: &cases.Contact{Channel: "sms", Address: "+15550001111", Consent: true}})
	if err != nil || created || c2.Tracking != c.Tracking {
		t.Fatal(err, created)
	}
	wf := &cases.Workflow{Store: s, Templates: tm}
	c3, err := wf.ChangeStatus(ctx, c.Tracking, cases.StatusChange{Status: cases.StatusInProgress, Note: "crew sent"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", c3)
	ns, err := s.ClaimNotifications(ctx, time.Now(), time.Minute, 10)
	if err != nil || len(ns) != 2 {
		t.Fatal(err, len(ns))
	}
	for _, n := range ns {
		t.Logf("%+v", n)
		if err := s.CompleteNotification(ctx, n.ID, "P"+n.Text, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	p, err := s.FindCases(ctx, cases.Filter{Text: "POTHOLE"})
	if err != nil || len(p.Cases) != 1 {
		t.Fatal(err)
	}
	c4, _ := s.Case(ctx, c.Tracking)
	t.Logf("%d messages %+v", len(c4.Messages), c4.Messages)
}
