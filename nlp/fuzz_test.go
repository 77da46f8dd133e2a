package nlp

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"Pothole at 1234 N Main St",
	"corner of Elm & Oak, 100 block of 5th",
	"hay un bache en la esquina de Main St y 5th Ave",
	"42.3601, -71.0589 Riverton, IL 61820-1234",
	"don\u2019t \u0301 \xff\xfe ＦＵＬＬ",
	"",
}

func FuzzTokenize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		for _, tok := range Tokenize(text) {
			if tok.Start < last || tok.End <= tok.Start || tok.End > len(text) {
				t.Fatalf("token %+v out of order or out of %d bytes", tok, len(text))
			}
			if tok.Text == "" {
				t.Fatalf("empty token %+v", tok)
			}
			if want := foldedSpan(text[tok.Start:tok.End]); tok.Kind != Punct && tok.Text != want {
				t.Fatalf("token %+v is not the folded %q", tok, want)
			}
			last = tok.End
		}
	})
}

// foldedSpan is what a word token of span reads: folded, without its
// apostrophes.
func foldedSpan(span string) string {
	return strings.NewReplacer("'", "", "\u2019", "").Replace(Fold(span))
}

// locateSeeds exercise house number ranges, abbreviations with periods,
// hyphenated names and the words that announce a crossing.
var locateSeeds = []string{
	"ice at 22-24 Elm St. & 5th Ave, 311/313 Oak St and 418 1/2 Linden Avenue",
	"Anna J. Carter Blvd. & Fisher-King St NW; 71-20 Harbor Ave; 3120-B W River Rd",
	"nearest cross street? Oak and Pine | on Grove Ave between Lincoln Ave and Church Sq",
	"the I-70 service drive at 5:00 P.M., US Hwy 51 at Fm 1960, 400 K Street, NW",
}

func FuzzLocate(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	for _, s := range locateSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, l := range Locate(text) {
			if l.Start < 0 || l.End > len(text) || l.Start >= l.End || text[l.Start:l.End] != l.Text {
				t.Fatalf("location %+v does not span its text", l)
			}
			if l.Normalized == "" || l.Kind == "" {
				t.Fatalf("location %+v lacks a normal form or kind", l)
			}
		}
	})
}

func FuzzClassify(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	c, err := New(testLexicon(), Options{MaxLen: 256})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		r := c.Analyze(text, "")
		if r.Service == "" || r.Language == "" {
			t.Fatalf("result %+v lacks a service or language", r)
		}
		for _, m := range r.Matches {
			if !utf8.ValidString(m.Text) && utf8.ValidString(text[:min(len(text), 256)]) {
				t.Fatalf("match %+v is not valid text", m)
			}
		}
	})
}
