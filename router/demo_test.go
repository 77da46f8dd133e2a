package router

import (
	"testing"

	"github.com/intake311/intake311/cases"
)

func TestDemoIsValid(t *testing.T) {
	d, err := Parse("demo.yaml", DemoYAML())
	if err != nil {
		t.Fatalf("the demo document is invalid:\n%v", err)
	}
	want := []string{"pothole", "sidewalk", "streetlight", "signs_markings", "traffic", "missed_trash",
		"bulky_item", "illegal_dumping", "graffiti", "abandoned_vehicle", "illegal_parking", "drainage",
		"tree", "overgrowth", "vacant_property", "animal", "snow_ice", "parks", "street_cleaning",
		"mosquito", "noise", "water_leak", "general"}
	for _, code := range want {
		s := d.service(code)
		if s == nil {
			t.Errorf("the demo catalogue lacks %q", code)
			continue
		}
		if s.Name["en"] == "" || s.Name["es"] == "" {
			t.Errorf("service %q needs names in English and Spanish", code)
		}
		if !s.Priority.Valid() || s.SLA.Duration(d.BusinessHours.day()) <= 0 {
			t.Errorf("service %q: priority %q, SLA %v", code, s.Priority, s.SLA)
		}
	}
	if d.Triage != "general" {
		t.Errorf("triage = %q, want general", d.Triage)
	}
	if p := d.Rules[0].Then.Priority; p != cases.PriorityEmergency {
		t.Errorf("the first rule sets priority %q, want emergency", p)
	}
}
