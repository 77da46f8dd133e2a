package nlp

import (
	"testing"
)

func TestLocate(t *testing.T) {
	tests := []struct {
		text, kind, norm, span string
	}{
		{"Pothole in front of 1234 N Main St, please fix", KindAddress, "1234 N MAIN ST", "1234 N Main St"},
		{"trash at 1234 Main", KindAddress, "1234 MAIN", "1234 Main"},
		{"light out at Main and 5th", KindIntersection, "MAIN & 5TH", "Main and 5th"},
		{"tree down on the corner of Elm & Oak", KindIntersection, "ELM & OAK", "corner of Elm & Oak"},
		{"5th St at Pine is flooded", KindIntersection, "5TH ST & PINE", "5th St at Pine"},
		{"INTERSECTION OF SYLVESTER RD & MINOT ST", KindIntersection, "SYLVESTER RD & MINOT ST", "INTERSECTION OF SYLVESTER RD & MINOT ST"},
		{"junk in the 100 block of Elm", KindBlock, "100 BLOCK OF ELM", "100 block of Elm"},
		{"IN THE 700 BLOCK OF NORTH AVE", KindBlock, "700 BLOCK OF NORTH AVE", "700 BLOCK OF NORTH AVE"},
		{"dead deer at 42.3601, -71.0589", KindLatLon, "42.3601,-71.0589", "42.3601, -71.0589"},
		{"Riverton, IL 61820", KindZIP, "61820", "61820"},
		{"esquina de Main St y 5th Ave", KindIntersection, "MAIN ST & 5TH AVE", "Main St y 5th Ave"},
		{"Marietta St NW at Spring St", KindIntersection, "MARIETTA ST NW & SPRING ST", "Marietta St NW at Spring St"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			locs := Locate(tt.text)
			l := best(locs)
			if l == nil {
				t.Fatalf("Locate(%q) found nothing", tt.text)
			}
			if l.Kind != tt.kind || l.Normalized != tt.norm || l.Text != tt.span || tt.text[l.Start:l.End] != l.Text {
				t.Errorf("Locate(%q) = %+v, want %s %q %q", tt.text, *l, tt.kind, tt.norm, tt.span)
			}
		})
	}
}

func TestLocateNothing(t *testing.T) {
	for _, text := range []string{
		"Pothole at the school",
		"Trash & Recycling not picked up",
		"parked for 20 Minutes",
		"it has been 3 weeks",
		"call me at 617 555 0100",
		"Mary and John reported it",
		"",
	} {
		if locs := Locate(text); len(locs) > 0 {
			t.Errorf("Locate(%q) = %+v, want nothing", text, locs)
		}
	}
}

func TestStreetNamesAreNotKeywords(t *testing.T) {
	c := newTestClassifier(t, Options{})
	r := c.Analyze("trash pickup missed at 12 Tree St", "")
	for _, m := range r.Matches {
		if m.Service == "tree" {
			t.Errorf("the street name matched %+v", m)
		}
	}
	if r.Location == nil || r.Location.Normalized != "12 TREE ST" {
		t.Errorf("location = %+v", r.Location)
	}
}
