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
		// abbreviations written with periods, hyphenated names
		{"sign down on Walnut Rd. & Hazel Dr. in SW", KindIntersection, "WALNUT RD & HAZEL DR", "Walnut Rd. & Hazel Dr"},
		{"pothole at 450 N. Lake Ave. today", KindAddress, "450 N LAKE AVE", "450 N. Lake Ave"},
		{"light out at Anna J. Carter Blvd & Fisher St", KindIntersection, "ANNA J CARTER BLVD & FISHER ST", "Anna J. Carter Blvd & Fisher St"},
		{"signal at Cedar-Ridge Road at Harbor Parkway", KindIntersection, "CEDAR RIDGE RD & HARBOR PKWY", "Cedar-Ridge Road at Harbor Parkway"},
		// house numbers: ranges, halves, Queens, letters
		{"ice in front of 22-24 Baker St", KindAddress, "22-24 BAKER ST", "22-24 Baker St"},
		{"not shoveled outside 311/313 Cole St", KindAddress, "311-313 COLE ST", "311/313 Cole St"},
		{"office at 71-20 Harbor Avenue Queens", KindAddress, "71-20 HARBOR AVE", "71-20 Harbor Avenue"},
		{"3120-B W RIVER RD SPRINGFIELD", KindAddress, "3120-B W RIVER RD", "3120-B W RIVER RD"},
		{"418 1/2 Linden Avenue", KindAddress, "418 1/2 LINDEN AVE", "418 1/2 Linden Avenue"},
		// street types and directions
		{"17 Birch Lane Riverton, IL", KindAddress, "17 BIRCH LN", "17 Birch Lane"},
		{"900 Lakeview Avenue North Suite 12", KindAddress, "900 LAKEVIEW AVE N", "900 Lakeview Avenue North"},
		{"615 Hickory Road, NW Riverton", KindAddress, "615 HICKORY RD NW", "615 Hickory Road, NW"},
		{"212 14th Avenue Pl SW, Unit 2", KindAddress, "212 14TH AVE PL SW", "212 14th Avenue Pl SW"},
		{"88 FOX RUN RD MILLTOWN", KindAddress, "88 FOX RUN RD", "88 FOX RUN RD"},
		{"310 Broadway, Riverton", KindAddress, "310 BROADWAY", "310 Broadway"},
		{"2200 US Highway 51, STE 4", KindAddress, "2200 US HWY 51", "2200 US Highway 51"},
		{"75 W. 112 St. Riverton", KindAddress, "75 W 112 ST", "75 W. 112 St"},
		{"400 K Street, NW", KindAddress, "400 K ST NW", "400 K Street, NW"},
		{"light on Vista del Sol Ave and Pine Ave", KindIntersection, "VISTA DEL SOL AVE & PINE AVE", "Vista del Sol Ave and Pine Ave"},
		// numbered streets written out, numbered roads
		{"stop sign at Harbor & Third is hidden", KindIntersection, "HARBOR & 3RD", "Harbor & Third"},
		{"250 Sixth Ave #4B Riverton", KindAddress, "250 6TH AVE", "250 Sixth Ave"},
		{"Miller Rd At Fm 1960, Riverton", KindIntersection, "MILLER RD & FM 1960", "Miller Rd At Fm 1960"},
		// crossings announced by their context
		{"What is the nearest cross street? Oak and Chestnut | Details", KindIntersection, "OAK & CHESTNUT", "cross street? Oak and Chestnut"},
		{"ice on the corner of maple and linden hasn't been salted", KindIntersection, "MAPLE & LINDEN", "corner of maple and linden"},
		{"parked on Grove Ave between Lincoln Ave and Church Sq", KindIntersection, "GROVE AVE & LINCOLN AVE", "Grove Ave between Lincoln Ave and Church Sq"},
		// a name after words in lower case in a text that uses case
		{"snow left on side/back Walnut Street and Spruce Street", KindIntersection, "WALNUT ST & SPRUCE ST", "Walnut Street and Spruce Street"},
		// plain names with context
		{"Sidewalk at 52 Maple is a sheet of ice", KindAddress, "52 MAPLE", "52 Maple"},
		{"410 WEST OAK, RIVERTON, ILLINOIS", KindAddress, "410 W OAK", "410 WEST OAK"},
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
		// numbers that are not house numbers
		"Phone (555)010-4477 Contact: the site manager",
		"2019 Reg. Sticker, been here since spring",
		"an old Dodge 250 Pick-up left at this spot",
		"Van #4410 Company: a plumber",
		"Request ID: 812 Tagged: streetlight",
		"see http://example.org/requests/55120 Reopening soon",
		"Exit 12 Mill St. to Grove Rd",
		"this 2 lane street has a hole",
		"a 2 way street with 25 mph traffic",
		"parked all day on a 2 hour parking limit st",
		"highway 41 right before highway 41 meets highway 9",
		"the I-70 service drive",
		"since Nov 2011 Req to tow",
		"the 300 Office Buildings next to the mall",
		"75 south, before the overpass",
		"CALLED BACK AT 4:15 P.M. TODAY",
		// words that are not streets
		"Weeds and overgrowth along Maple Place growing into the road",
		"the bike lane and the bus lane are blocked",
		"heading north in elm street at St Anne's Church",
		"the Lincoln Elementary School and Lincoln High School crossing guard",
		"fix the second and third floors",
		"potholes between Ash Rd and Birch Dr",
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

// TestClassTable checks that the scanner's table of word classes agrees
// with wordClasses on every word it knows and on words it does not.
func TestClassTable(t *testing.T) {
	for w, c := range wordClasses {
		if got := classes.of(w); got != c {
			t.Errorf("classes.of(%q) = %b, want %b", w, got, c)
		}
	}
	for _, w := range []string{"", "x", "mainn", "sts", "avenues", "pothole1", "bdway", "stt", "nw1", "elm", "zz"} {
		if got, want := classes.of(w), wordClasses[w]; got != want {
			t.Errorf("classes.of(%q) = %b, want %b", w, got, want)
		}
	}
}

// TestLandmarks finds landmarks by their names and aliases, longest
// first, and nothing at words that only start like one.
func TestLandmarks(t *testing.T) {
	lm, err := newLandmarkIndex([]Landmark{
		{Name: "City Hall", Aliases: []string{"Riverton City Hall", "Ayuntamiento"}, Lat: 1, Lon: 2},
		{Name: "Union Station", Lat: 3, Lon: 4},
		{Name: "Union Station Annex", Lat: 5, Lon: 6},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, want string }{
		{"trash outside City Hall today", "CITY HALL"},
		{"graffiti on riverton city hall", "CITY HALL"},
		{"luz rota en el Ayuntamiento", "CITY HALL"},
		{"a leak in the Union Station Annex lobby", "UNION STATION ANNEX"},
		{"the union station clock stopped", "UNION STATION"},
		{"the city council and the union hall", ""},
	}
	var s scanner
	for _, tt := range tests {
		got := ""
		for _, l := range s.locate(tt.text, Tokenize(tt.text), lm) {
			if l.Kind == KindLandmark {
				got = l.Normalized
			}
		}
		if got != tt.want {
			t.Errorf("landmark in %q = %q, want %q", tt.text, got, tt.want)
		}
	}
	for w := range lm.byFirst {
		if !lm.mayStart(w) {
			t.Errorf("mayStart(%q) = false for a landmark's first word", w)
		}
	}
}
