package router

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
)

func newTestEngine(t *testing.T) *Engine {
	t.Helper()
	d, err := Parse("small.yaml", readTestdata(t, "small.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(d, 7, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func ptr(f float64) *float64 { return &f }

func TestRoute(t *testing.T) {
	e := newTestEngine(t)
	ny, _ := time.LoadLocation("America/New_York")
	monday := time.Date(2026, 6, 29, 10, 0, 0, 0, ny)  // a Monday, 10:00
	thursday := time.Date(2026, 7, 2, 16, 0, 0, 0, ny) // before the 3 July holiday
	night := time.Date(2026, 6, 30, 23, 30, 0, 0, ny)  // a Tuesday night
	tests := []struct {
		name       string
		c          cases.Case
		rule, dept string
		queue      string
		prio       cases.Priority
		due        time.Time
	}{
		{"default", cases.Case{ServiceCode: "pothole", Channel: "web", CreatedAt: monday},
			"default", "streets", "repair", "normal", time.Date(2026, 7, 1, 10, 0, 0, 0, ny)},
		{"business days skip weekend and holiday", cases.Case{ServiceCode: "pothole", Channel: "web", CreatedAt: thursday},
			"default", "streets", "repair", "normal", time.Date(2026, 7, 7, 16, 0, 0, 0, ny)},
		{"emergency", cases.Case{ServiceCode: "general", Emergency: true, Channel: "sms", CreatedAt: monday},
			"emergency", "dispatch", "", "emergency", monday.Add(time.Hour)},
		{"words", cases.Case{ServiceCode: "water_leak", Description: "The WATER MAIN broke", Channel: "web", CreatedAt: monday},
			"main-break", "water", "main-break", "high", monday.Add(4 * time.Hour)},
		{"district", cases.Case{ServiceCode: "pothole", Lat: ptr(40.5), Lon: ptr(-79.5), Channel: "web", CreatedAt: monday},
			"center-potholes", "streets", "center-crew", "normal", time.Date(2026, 7, 1, 10, 0, 0, 0, ny)},
		{"outside district", cases.Case{ServiceCode: "pothole", Lat: ptr(42.5), Lon: ptr(-79.5), Channel: "web", CreatedAt: monday},
			"default", "streets", "repair", "normal", time.Date(2026, 7, 1, 10, 0, 0, 0, ny)},
		{"time window past midnight", cases.Case{ServiceCode: "water_leak", Channel: "sms", CreatedAt: night},
			"night-sms", "water", "crew", "high", night.Add(24 * time.Hour)},
		{"unknown service", cases.Case{ServiceCode: "unicorn", Channel: "web", CreatedAt: monday},
			"default", "desk", "triage", "normal", monday.Add(48 * time.Hour)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := e.Route(context.Background(), &tt.c)
			if err != nil {
				t.Fatal(err)
			}
			if a.RuleID != tt.rule || a.Department != tt.dept || a.Queue != tt.queue || a.Priority != tt.prio || a.Version != 7 {
				t.Errorf("assignment = %+v\n%s", a, a.Explanation)
			}
			if a.DueAt == nil || !a.DueAt.Equal(tt.due) {
				t.Errorf("due %v, want %v", a.DueAt, tt.due.UTC())
			}
			var tr Trace
			if err := json.Unmarshal(a.Explanation, &tr); err != nil || tr.Rule != tt.rule || tr.Version != 7 {
				t.Errorf("explanation %s: %v", a.Explanation, err)
			}
		})
	}
}

func TestClassifyThroughEngine(t *testing.T) {
	e := Must(New(Demo(), 1, Options{}))
	cl, err := e.Classify(context.Background(), "There is a gas leak on Elm", "")
	if err != nil || !cl.Emergency || cl.Language != "en" {
		t.Fatalf("classification = %+v, %v", cl, err)
	}
	c := &cases.Case{ServiceCode: cl.ServiceCode, Emergency: cl.Emergency, Classification: cl, Channel: "sms"}
	a, err := e.Route(context.Background(), c)
	if err != nil || a.Priority != cases.PriorityEmergency || a.RuleID != "emergency" {
		t.Errorf("assignment = %+v, %v", a, err)
	}
	if got := e.ServiceName("pothole", "es"); got != "Bache" {
		t.Errorf("ServiceName = %q", got)
	}
}

func TestSwap(t *testing.T) {
	e := newTestEngine(t)
	e.Swap(Demo(), 8)
	if e.Version() != 8 || len(e.Services()) != len(Demo().Services) {
		t.Errorf("after Swap: version %d, %d services", e.Version(), len(e.Services()))
	}
}
