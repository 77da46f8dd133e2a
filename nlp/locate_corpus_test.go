package nlp

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The address corpora in ../shared/data/address are read in place; the
// test skips when they are absent.

func sharedData(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "data", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("evaluation data not available (%v)", err)
	}
	return p
}

// locCase is one text with the place it names.
type locCase struct {
	text string
	want string   // the address or intersection, "" when there is none
	also []string // other places the text names correctly (its ZIP code)
}

// normPlace normalises a street, address or intersection for comparison.
func normPlace(s string) string {
	var out []string
	for _, t := range Tokenize(s) {
		w := t.Text
		if a, ok := streetTypes[w]; ok {
			w = a
		} else if a, ok := directions[w]; ok {
			w = a
		} else if t.Kind == Punct {
			if w != "&" {
				continue
			}
		}
		out = append(out, strings.ToUpper(w))
	}
	return strings.Join(out, " ")
}

// locScore counts how extraction fared on cases: precision over every
// place found, recall over the addresses and intersections to find.
type locScore struct{ want, hit, found, correct int }

func (s *locScore) add(c locCase) {
	ok := map[string]bool{}
	for _, w := range append([]string{c.want}, c.also...) {
		if w != "" {
			ok[normPlace(w)] = true
		}
	}
	if c.want != "" {
		s.want++
	}
	for _, l := range Locate(c.text) {
		s.found++
		if ok[normPlace(l.Normalized)] {
			s.correct++
			if normPlace(l.Normalized) == normPlace(c.want) {
				s.hit++
			}
		}
	}
}

func (s locScore) precision() float64 { return float64(s.correct) / float64(max(s.found, 1)) }
func (s locScore) recall() float64    { return float64(s.hit) / float64(max(s.want, 1)) }

func peliasCases(t *testing.T) []locCase {
	var doc struct {
		Files map[string][]struct {
			Input    string          `json:"input"`
			Expected json.RawMessage `json:"expected"`
		} `json:"files"`
	}
	readJSON(t, sharedData(t, "address/pelias_parser/cases.json"), &doc)
	var out []locCase
	for _, file := range []string{"intersection.test.js", "address.usa.test.js"} {
		for _, c := range doc.Files[file] {
			var parts []map[string]string
			if json.Unmarshal(c.Expected, &parts) != nil {
				continue // a list of alternatives: ambiguous input
			}
			if want := peliasWant(parts); want != "" {
				out = append(out, locCase{text: c.Input, want: want, also: peliasZIP(parts)})
			}
		}
	}
	return out
}

// peliasWant builds the expected place from pelias labels: a house number
// and street, or two streets.
func peliasWant(parts []map[string]string) string {
	var num string
	var streets []string
	for _, p := range parts {
		num += p["housenumber"]
		if s := p["street"]; s != "" {
			streets = append(streets, s)
		}
	}
	switch {
	case num != "" && len(streets) == 1:
		return num + " " + streets[0]
	case num == "" && len(streets) == 2:
		return streets[0] + " & " + streets[1]
	}
	return ""
}

func peliasZIP(parts []map[string]string) []string {
	for _, p := range parts {
		if z := p["postcode"]; z != "" {
			return []string{z}
		}
	}
	return nil
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// usaddressCases reads labelled addresses: the text is the whole string,
// the place its number and street.
func usaddressCases(t *testing.T, rel string) []locCase {
	b, err := os.ReadFile(sharedData(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Strings []struct {
			Parts []struct {
				XMLName xml.Name
				Text    string `xml:",chardata"`
			} `xml:",any"`
		} `xml:"AddressString"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	var out []locCase
	for _, s := range doc.Strings {
		var text, want, zip []string
		for _, p := range s.Parts {
			text = append(text, p.Text)
			switch p.XMLName.Local {
			case "ZipCode":
				zip = append(zip, strings.Trim(p.Text, ",. "))
			case "AddressNumberPrefix", "AddressNumber", "StreetNamePreModifier", "StreetNamePreDirectional", "StreetNamePreType",
				"StreetName", "StreetNamePostType", "StreetNamePostDirectional":
				want = append(want, strings.Trim(p.Text, ",. "))
			}
		}
		out = append(out, locCase{text: strings.Join(text, " "), want: strings.Join(want, " "), also: zip})
	}
	return out
}

func TestLocateCorpora(t *testing.T) {
	corpora := map[string][]locCase{
		"pelias":    peliasCases(t),
		"usaddress": usaddressCases(t, "address/usaddress/measure_performance/test_data/labeled.xml"),
	}
	var all locScore
	for name, cs := range corpora {
		var s locScore
		for _, c := range cs {
			s.add(c)
			all.add(c)
		}
		t.Logf("%-10s to find %4d found %4d correct %4d precision %.3f recall %.3f", name, s.want, s.found, s.correct, s.precision(), s.recall())
	}
	if all.precision() < 0.90 {
		t.Errorf("location precision %.3f, want at least 0.90", all.precision())
	}
}

// TestLocateDev checks the places found in real 311 texts against the
// address each request was filed at: a found street must be one of the
// streets of that address (a cross street named in the text is counted as
// wrong, so the figure is a lower bound).
func TestLocateDev(t *testing.T) {
	f, err := os.Open(sharedData(t, "311/dev.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	samples, err := ReadSamples(f)
	if err != nil {
		t.Fatal(err)
	}
	known := cityStreets(samples)
	var found, confirmed, knownStreet, withAddr int
	for _, s := range samples {
		if s.Address == "" {
			continue
		}
		withAddr++
		addr := " " + normPlace(s.Address) + " "
		for _, l := range Locate(s.Text) {
			if l.Kind == KindZIP || l.Kind == KindLatLon {
				continue
			}
			found++
			if sharesStreet(l.Normalized, addr) {
				confirmed++
			}
			if sharesStreet(l.Normalized, known) {
				knownStreet++
			}
		}
	}
	t.Logf("dev.csv: %d texts with an address, %d places found, %d name the request's own address (%.3f), %d name a street of the data's addresses (precision %.3f)",
		withAddr, found, confirmed, float64(confirmed)/float64(max(found, 1)), knownStreet, float64(knownStreet)/float64(max(found, 1)))
}

// cityStreets is every word of every address column, normalised.
func cityStreets(samples []Sample) string {
	var b strings.Builder
	b.WriteString(" ")
	for _, s := range samples {
		b.WriteString(normPlace(s.Address))
		b.WriteString(" ")
	}
	return b.String()
}

// sharesStreet reports whether a name word of the found place occurs in
// the normalised address.
func sharesStreet(found, addr string) bool {
	for _, w := range strings.Fields(normPlace(found)) {
		if len(w) < 3 || w == "BLOCK" || w == "OF" || isStreetType(strings.ToLower(w)) || (w[0] >= '0' && w[0] <= '9' && !isOrdinal(strings.ToLower(w))) {
			continue
		}
		if strings.Contains(addr, " "+w+" ") {
			return true
		}
	}
	return false
}
