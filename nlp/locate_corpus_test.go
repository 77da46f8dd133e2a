package nlp

import (
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The address corpora in ../shared/data/address are read in place; the
// test skips when they are absent.

// dumpLocate logs every wrong and missed place of the corpus tests:
// go test -run 'TestLocateCorpora|TestLocateDev' -v ./nlp -args -locate.dump
var dumpLocate = flag.Bool("locate.dump", false, "log the wrong and missed places of the location corpora")

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
		} else if n, ok := ordinalNumbers[w]; ok {
			w = n
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

func (s *locScore) add(t *testing.T, c locCase) {
	ok := map[string]bool{}
	for _, w := range append([]string{c.want}, c.also...) {
		if w != "" {
			ok[normPlace(w)] = true
		}
	}
	if c.want != "" {
		s.want++
	}
	hit := false
	for _, l := range Locate(c.text) {
		s.found++
		if !ok[normPlace(l.Normalized)] {
			if *dumpLocate {
				t.Logf("wrong %-12s %-30q in %q (want %q)", l.Kind, l.Normalized, c.text, c.want)
			}
			continue
		}
		s.correct++
		if normPlace(l.Normalized) == normPlace(c.want) {
			hit = true
		}
	}
	if hit {
		s.hit++
	} else if c.want != "" && *dumpLocate {
		t.Logf("missed %q in %q", c.want, c.text)
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
// the place its number and street, or its two streets when it is an
// intersection. A street alone is not a place to find.
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
		var text, num, zip []string
		streets := [][]string{nil}
		for _, p := range s.Parts {
			text = append(text, p.Text)
			w := strings.Trim(p.Text, ",. ")
			switch p.XMLName.Local {
			case "ZipCode":
				zip = append(zip, w)
			case "AddressNumberPrefix", "AddressNumber", "AddressNumberSuffix":
				num = append(num, w)
			case "IntersectionSeparator":
				streets = append(streets, nil)
			case "StreetNamePreModifier", "StreetNamePreDirectional", "StreetNamePreType",
				"StreetName", "StreetNamePostType", "StreetNamePostDirectional":
				streets[len(streets)-1] = append(streets[len(streets)-1], w)
			}
		}
		out = append(out, locCase{text: strings.Join(text, " "), want: usaddressWant(num, streets), also: zip})
	}
	return out
}

// usaddressWant is a house number and its street, or two streets.
func usaddressWant(num []string, streets [][]string) string {
	switch {
	case len(num) > 0 && len(streets[0]) > 0:
		return strings.Join(num, " ") + " " + strings.Join(streets[0], " ")
	case len(num) == 0 && len(streets) == 2 && len(streets[1]) > 0:
		return strings.Join(streets[0], " ") + " & " + strings.Join(streets[1], " ")
	}
	return ""
}

// libpostalCases reads the US cases of libpostal's parser tests: the
// place is the house number and road, the postcode also counts.
func libpostalCases(t *testing.T) []locCase {
	var doc struct {
		Cases []struct {
			Suite    string `json:"suite"`
			Input    string `json:"input"`
			Expected []struct {
				Label string `json:"label"`
				Value string `json:"value"`
			} `json:"expected"`
		} `json:"cases"`
	}
	readJSON(t, sharedData(t, "address/libpostal/test_parser_cases.json"), &doc)
	var out []locCase
	for _, c := range doc.Cases {
		if c.Suite != "test_us_parses" {
			continue
		}
		e := map[string]string{}
		for _, x := range c.Expected {
			e[x.Label] = x.Value
		}
		lc := locCase{text: c.Input}
		if e["house_number"] != "" && e["road"] != "" {
			lc.want = e["house_number"] + " " + e["road"]
		}
		if z := e["postcode"]; z != "" {
			lc.also = []string{z}
		}
		out = append(out, lc)
	}
	return out
}

// pyapCases reads pyap's full-street and full-address cases. pyap labels
// a whole string as an address or not; the place to find is read here
// from the string itself (see pyapWant). A string that is not an address
// has no place to find, so any street found in it is wrong; a ZIP code is
// right in every string.
func pyapCases(t *testing.T) []locCase {
	var doc struct {
		Tests map[string]struct {
			Cases [][2]any `json:"cases"`
		} `json:"tests"`
	}
	readJSON(t, sharedData(t, "address/pyap/us_parametrized_cases.json"), &doc)
	var out []locCase
	for _, name := range []string{"test_full_street_positive", "test_full_address"} {
		for _, c := range doc.Tests[name].Cases {
			text, _ := c[0].(string)
			lc := locCase{text: text, also: zipCodes(text)}
			if yes, _ := c[1].(bool); yes {
				lc.want = pyapWant(text)
			}
			out = append(out, lc)
		}
	}
	return out
}

// pyapWant cuts an address string after its street: before the first
// comma, parenthesis, "#" or unit word, and after the last street type
// (and a direction that follows it) when there is one.
func pyapWant(text string) string {
	toks := Tokenize(text)
	end := len(toks)
	for i, tk := range toks {
		if tk.Text == "," || tk.Text == "(" || tk.Text == "#" || pyapUnits[tk.Text] {
			end = i
			break
		}
	}
	for k := end - 1; k > 0; k-- {
		if isStreetType(toks[k].Text) {
			if k+1 < end && isDirection(toks[k+1].Text) {
				k++
			}
			end = k + 1
			break
		}
	}
	if end == 0 {
		return ""
	}
	return text[toks[0].Start:toks[end-1].End]
}

// zipCodes returns the five-digit numbers of text, with their +4 part.
func zipCodes(text string) []string {
	toks := Tokenize(text)
	var out []string
	for i, tk := range toks {
		if tk.Kind != Number || len(tk.Text) != 5 {
			continue
		}
		z := tk.Text
		if i+2 < len(toks) && toks[i+1].Text == "-" && len(toks[i+2].Text) == 4 {
			z += "-" + toks[i+2].Text
		}
		out = append(out, z)
	}
	return out
}

var pyapUnits = set(`suite ste apt bldg building p po floor fl unit`)

// TestLocateCorpora measures extraction on the labelled address corpora:
// recall over the addresses and intersections to find, precision over
// every place found (a ZIP code the labels name counts as right). Each
// corpus must keep precision at 0.90 or more.
func TestLocateCorpora(t *testing.T) {
	corpora := []struct {
		name  string
		cases []locCase
	}{
		{"pelias", peliasCases(t)},
		{"usaddress", usaddressCases(t, "address/usaddress/measure_performance/test_data/labeled.xml")},
		{"usaddress-us50", usaddressCases(t, "address/usaddress/measure_performance/test_data/us50_test_tagged.xml")},
		{"usaddress-train", usaddressCases(t, "address/usaddress/training/labeled.xml")},
		{"libpostal-us", libpostalCases(t)},
		{"pyap", pyapCases(t)},
	}
	for _, c := range corpora {
		var s locScore
		for _, lc := range c.cases {
			s.add(t, lc)
		}
		t.Logf("%-16s to find %4d hit %4d found %4d correct %4d precision %.3f recall %.3f",
			c.name, s.want, s.hit, s.found, s.correct, s.precision(), s.recall())
		if s.precision() < 0.90 {
			t.Errorf("%s: location precision %.3f, want at least 0.90", c.name, s.precision())
		}
	}
}
