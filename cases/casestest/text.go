package casestest

import (
	_ "embed"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/intake311/intake311/cases"
)

// Text filters (cases.Filter.Text). A case matches when every word of the
// text begins a word of its description or address: "main st" finds "1234
// Main Street" but "treet" does not. Words are runs of letters and digits;
// everything else (spaces, punctuation, quotes, "*", "-", ":") separates
// words and is never read as search syntax. Case is folded in every
// script; the diacritics of Latin letters are ignored ("pena" finds
// "Peña", "PEÑA" finds "Pena"), also when written as combining accents. A
// text without a letter or digit matches no case (it is not an error),
// and a text of more than 32 different words (as written) is ErrInvalid.

// textJSON holds the cases the text tests search, each created its age
// before a common base time, stored in an order unlike their ages.
//
//go:embed testdata/text.json
var textJSON []byte

// testFindText runs text filters over the fixtures of testdata/text.json.
func testFindText(t *testing.T, st cases.Store) {
	_, keys := seedJSON(t, st, findBase(), "testdata/text.json", textJSON)
	peña := []string{"decomposed", "pena", "pena-plain"}
	mainSt := []string{"main-street", "n-main"}
	tests := []struct {
		name string
		f    cases.Filter
		want []string
	}{
		{"WordPrefixes", cases.Filter{Text: "main st"}, mainSt},
		{"WordPrefix", cases.Filter{Text: "MAIN"}, []string{"main-street", "mainland", "n-main"}},
		{"NotInsideWords", cases.Filter{Text: "treet"}, nil},
		{"PrefixOfLongerWords", cases.Filter{Text: "stre"}, []string{"main-street", "streetcar"}},
		{"EveryWordMustMatch", cases.Filter{Text: "main graffiti"}, []string{"mainland"}},
		{"EveryWordMustMatchToo", cases.Filter{Text: "pothole main"}, []string{"n-main"}},
		{"OneWordMissing", cases.Filter{Text: "pothole mainland"}, nil},
		{"DescriptionAndAddress", cases.Filter{Text: "library main"}, []string{"main-street"}},
		{"Digits", cases.Filter{Text: "12"}, []string{"main-street", "pena", "n-main"}},
		{"ShortWords", cases.Filter{Text: "2 ft"}, []string{"n-main"}},
		{"AccentInFilter", cases.Filter{Text: "PEÑA"}, peña},
		{"AccentInCase", cases.Filter{Text: "pena"}, peña},
		{"CombiningAccentInFilter", cases.Filter{Text: "Pen\u0303a"}, peña},
		{"AccentInWord", cases.Filter{Text: "panaderia"}, []string{"pena"}},
		{"AccentUpperCase", cases.Filter{Text: "cafe ecole"}, []string{"cafe"}},
		{"AccentBothSides", cases.Filter{Text: "café l'école"}, []string{"cafe"}},
		{"CyrillicAnyCase", cases.Filter{Text: "ЛЕНИНА"}, []string{"cyrillic"}},
		{"CyrillicPrefixes", cases.Filter{Text: "яма дор"}, []string{"cyrillic"}},
		{"Punctuation", cases.Filter{Text: "1200 N. Main St."}, []string{"n-main"}},
		{"Hyphen", cases.Filter{Text: "main-street"}, []string{"main-street"}},
		{"QuotesAreNoPhrase", cases.Filter{Text: `"main st"`}, mainSt},
		{"Brackets", cases.Filter{Text: "(main) st!"}, mainSt},
		{"StarIsPunctuation", cases.Filter{Text: "main*"}, []string{"main-street", "mainland", "n-main"}},
		{"QuoteInjection", cases.Filter{Text: `pothole" OR "library`}, nil},
		{"NearIsAWord", cases.Filter{Text: "NEAR(wires trimmed)"}, []string{"operators"}},
		{"ColumnFilterIsWords", cases.Filter{Text: "search:pothole"}, nil},
		{"MinusIsNoNot", cases.Filter{Text: "-pothole"}, []string{"n-main"}},
		{"OperatorsAreWords", cases.Filter{Text: "AND NOT"}, []string{"operators"}},
		{"OrIsAWord", cases.Filter{Text: "OR"}, nil},
		{"WithStatus", cases.Filter{Text: "main", Status: []cases.Status{cases.StatusOpen}}, mainSt},
		{"WithDepartment", cases.Filter{Text: "pena", Department: []string{"streets"}, Status: []cases.Status{cases.StatusOpen}}, []string{"decomposed", "pena"}},
	}
	for _, text := range []string{"%", "-", `"`, "*", "()", "+-*/:^", "\u0301", "…", "  "} {
		tests = append(tests, struct {
			name string
			f    cases.Filter
			want []string
		}{fmt.Sprintf("NoWord%+q", text), cases.Filter{Text: text}, nil})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := st.FindCases(t.Context(), tt.f)
			if err != nil {
				t.Fatalf("FindCases(%q): %v", tt.f.Text, err)
			}
			got := make([]string, len(page.Cases))
			for i, c := range page.Cases {
				got[i] = keys[c.Tracking]
			}
			if !slices.Equal(got, tt.want) || page.Next != "" {
				t.Errorf("FindCases(%q) = %q, next %q; want %q (newest first), no next page", tt.f.Text, got, page.Next, tt.want)
			}
		})
	}
}

// testTextTooManyWords settles a reading: a text is at most 32 different
// words (each is an index lookup); more is the client's mistake.
func testTextTooManyWords(t *testing.T, st cases.Store) {
	create(t, st, plainCase(t, instant()))
	words := make([]string, 33)
	for i := range words {
		words[i] = fmt.Sprintf("w%d", i)
	}
	if _, err := st.FindCases(t.Context(), cases.Filter{Text: strings.Join(words, " ")}); !isKind(err, cases.ErrInvalid) {
		t.Errorf("FindCases(33 words) = %v, want ErrInvalid", err)
	}
	repeated := strings.Repeat("graffiti ", 40) + strings.Join(words[:31], " ")
	if _, err := st.FindCases(t.Context(), cases.Filter{Text: repeated}); err != nil {
		t.Errorf("FindCases(72 words, 32 different) = %v, want no error", err)
	}
}

// testFindTextPages walks text filters combined with the other filters,
// page by page, over cases whose ids do not follow their creation times
// (many share one), and checks every page against a scan of the cases.
func testFindTextPages(t *testing.T, st cases.Store) {
	base := findBase()
	texts := []string{"Pothole on Main St", "Streetlight out on Oak Ave", "Deep pothole by the school", "Main St pothole, again"}
	statuses := []cases.Status{cases.StatusOpen, cases.StatusAssigned, cases.StatusClosed}
	var stored []*cases.Case
	for i := range 40 {
		c := plainCase(t, base.Add(-time.Duration(i*7%13)*time.Minute))
		c.Description, c.Status = texts[i%len(texts)], statuses[i%len(statuses)]
		stored = append(stored, create(t, st, c))
	}
	open := []cases.Status{cases.StatusOpen, cases.StatusAssigned}
	for _, f := range []cases.Filter{
		{Text: "pothole main", Limit: 2},
		{Text: "pothole main", Status: open, Limit: 3},
		{Text: "main", Limit: 5},
		{Text: "pothole", To: base.Add(-6 * time.Minute), Limit: 2},
		{Text: "pothole", From: base.Add(-9 * time.Minute), Status: []cases.Status{cases.StatusOpen}, Limit: 1},
		{Text: "st", Status: []cases.Status{cases.StatusClosed}, Limit: 4},
	} {
		walkText(t, st, f, stored)
	}
}

// testTextAgreesWithScan stores cases of random words and creation times
// and checks random text filters, with random statuses and page sizes,
// against a scan of the cases.
func testTextAgreesWithScan(t *testing.T, st cases.Store) {
	rng := rand.New(rand.NewPCG(311, 1))
	vocabulary := []string{"main", "mainland", "maine", "st", "street", "oak", "pothole", "potholes", "light", "lightning", "12", "120", "1200", "ave", "elm"}
	pick := func() string { return vocabulary[rng.IntN(len(vocabulary))] }
	base := findBase()
	var stored []*cases.Case
	for range 150 {
		c := plainCase(t, base.Add(-time.Duration(rng.IntN(60))*time.Minute))
		c.Description = pick() + " " + pick() + ", " + pick()
		c.Address = pick() + " " + pick()
		c.Status = []cases.Status{cases.StatusOpen, cases.StatusAssigned, cases.StatusClosed}[rng.IntN(3)]
		stored = append(stored, create(t, st, c))
	}
	prefix := func() string { w := pick(); return w[:1+rng.IntN(len(w))] }
	for range 40 {
		f := cases.Filter{Text: prefix(), Limit: 1 + rng.IntN(8)}
		if rng.IntN(2) == 0 {
			f.Text += " " + strings.ToUpper(prefix())
		}
		if rng.IntN(3) == 0 {
			f.Status = []cases.Status{cases.StatusOpen}
		}
		walkText(t, st, f, stored)
	}
}

// walkText follows the pages of f and compares them with the cases of all
// that f selects, newest first.
func walkText(t *testing.T, st cases.Store, f cases.Filter, all []*cases.Case) {
	t.Helper()
	want := scanText(f, all)
	var got []cases.TrackingNumber
	for pages := 0; pages <= len(all); pages++ {
		page, err := st.FindCases(t.Context(), f)
		if err != nil {
			t.Fatalf("FindCases(%+v): %v", f, err)
		}
		if page.Next != "" && len(page.Cases) != f.PageSize() {
			t.Errorf("FindCases(%+v): %d cases and a cursor, want a full page of %d", f, len(page.Cases), f.PageSize())
		}
		got = append(got, trackings(page.Cases)...)
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	f.Cursor = ""
	if !slices.Equal(got, want) {
		t.Errorf("pages of FindCases(%+v) hold %v, want %v", f, got, want)
	}
}

// scanText returns what f selects from cases, newest first. It knows only
// the text, status and time filters, and only ASCII texts.
func scanText(f cases.Filter, all []*cases.Case) []cases.TrackingNumber {
	var found []*cases.Case
	for _, c := range all {
		if textMatches(f.Text, c.Description+" "+c.Address) && (len(f.Status) == 0 || slices.Contains(f.Status, c.Status)) &&
			(f.From.IsZero() || !c.CreatedAt.Before(f.From)) && (f.To.IsZero() || c.CreatedAt.Before(f.To)) {
			found = append(found, c)
		}
	}
	slices.SortFunc(found, func(a, b *cases.Case) int {
		if !a.CreatedAt.Equal(b.CreatedAt) {
			return b.CreatedAt.Compare(a.CreatedAt)
		}
		return int(b.ID - a.ID)
	})
	return trackings(found)
}

// textMatches reports whether every word of text begins a word of s.
func textMatches(text, s string) bool {
	split := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	words := split(s)
	for _, w := range split(text) {
		if !slices.ContainsFunc(words, func(v string) bool { return strings.HasPrefix(v, w) }) {
			return false
		}
	}
	return true
}
