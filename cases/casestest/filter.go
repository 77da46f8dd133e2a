package casestest

import (
	_ "embed"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
)

var findTests = []test{
	{"Filters", testFindFilters},
	{"ListShape", testFindShape},
	{"Pages", testFindPages},
	{"CursorAfterInsert", testCursorAfterInsert},
	{"BadCursor", testBadCursor},
	{"Text", testFindText},
	{"TextPages", testFindTextPages},
	{"TextAgreesWithScan", testTextAgreesWithScan},
	{"TextTooManyWords", testTextTooManyWords},
}

// findJSON holds the cases the filter tests search, each created its age
// before a common base time.
//
//go:embed testdata/find.json
var findJSON []byte

type findCase struct {
	Key         string `json:"key"`
	Age         string `json:"age"`
	Channel     string `json:"channel"`
	ServiceCode string `json:"service_code"`
	Department  string `json:"department"`
	Status      string `json:"status"`
	CloseReason string `json:"close_reason"`
	Description string `json:"description"`
	Address     string `json:"address"`
	Contact     *struct {
		Channel string `json:"channel"`
		Address string `json:"address"`
	} `json:"contact"`
}

// seedFind stores the cases of testdata/find.json and returns them by key,
// and the keys by tracking number.
func seedFind(t *testing.T, st cases.Store, base time.Time) (map[string]*cases.Case, map[cases.TrackingNumber]string) {
	t.Helper()
	return seedJSON(t, st, base, "testdata/find.json", findJSON)
}

// seedJSON stores the cases of a fixture file (a JSON array of findCase)
// in its order and returns them by key, and the keys by tracking number.
func seedJSON(t *testing.T, st cases.Store, base time.Time, name string, data []byte) (map[string]*cases.Case, map[cases.TrackingNumber]string) {
	t.Helper()
	var fixtures []findCase
	if err := json.Unmarshal(data, &fixtures); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	byKey, keys := map[string]*cases.Case{}, map[cases.TrackingNumber]string{}
	for _, f := range fixtures {
		c := f.build(t, base)
		byKey[f.Key] = create(t, st, c)
		keys[c.Tracking] = f.Key
	}
	return byKey, keys
}

func (f findCase) build(t *testing.T, base time.Time) *cases.Case {
	age, err := time.ParseDuration(f.Age)
	if err != nil {
		t.Fatalf("fixture %s: %v", f.Key, err)
	}
	at := base.Add(-age)
	c := &cases.Case{
		Tracking: newTracking(t), Status: cases.Status(f.Status), CloseReason: cases.CloseReason(f.CloseReason),
		ServiceCode: f.ServiceCode, Department: f.Department, Priority: cases.PriorityNormal,
		Description: f.Description, Address: f.Address, Language: "en", Channel: f.Channel,
		CreatedAt: at, UpdatedAt: at,
		History: []cases.HistoryEntry{{Status: cases.Status(f.Status), At: at}},
	}
	if f.Contact != nil {
		c.Contacts = []cases.Contact{{Channel: f.Contact.Channel, Address: f.Contact.Address, Language: "en", Role: cases.RoleReporter, Consent: true, CreatedAt: at}}
	}
	return c
}

// findBase is the base time of the filter fixtures. It is kept to the
// microsecond so that filter bounds equal stored times exactly.
func findBase() time.Time { return instant().Truncate(time.Microsecond) }

// testFindFilters runs each filter over the fixtures. A text matches the
// cases with a word that each of its words begins (text.go has the
// details), case-insensitively for non-ASCII letters too (Spanish street
// names); punctuation such as "%" or "_" separates words.
func testFindFilters(t *testing.T, st cases.Store) {
	base := findBase()
	_, keys := seedFind(t, st, base)
	ago := func(m int) time.Time { return base.Add(-time.Duration(m) * time.Minute) }
	all := []string{"pothole-main", "light-oak", "graffiti-bridge", "trash-elm", "bache-pena", "tree-lake", "noise-main", "dip-high"}
	tests := []struct {
		name string
		f    cases.Filter
		want []string
	}{
		{"All", cases.Filter{}, all},
		{"Status", cases.Filter{Status: []cases.Status{cases.StatusOpen}}, []string{"pothole-main", "tree-lake", "dip-high"}},
		{"Statuses", cases.Filter{Status: []cases.Status{cases.StatusOpen, cases.StatusClosed}}, []string{"pothole-main", "bache-pena", "tree-lake", "dip-high"}},
		{"Service", cases.Filter{ServiceCode: []string{"pothole"}}, []string{"pothole-main", "bache-pena", "dip-high"}},
		{"Services", cases.Filter{ServiceCode: []string{"noise", "graffiti"}}, []string{"graffiti-bridge", "noise-main"}},
		{"Channel", cases.Filter{Channel: []string{"sms"}}, []string{"pothole-main", "noise-main"}},
		{"Channels", cases.Filter{Channel: []string{"sms", "voice"}}, []string{"pothole-main", "bache-pena", "noise-main"}},
		{"Department", cases.Filter{Department: []string{"sanitation"}}, []string{"graffiti-bridge", "trash-elm"}},
		{"RangeFromInclusiveToExclusive", cases.Filter{From: ago(40), To: ago(20)}, []string{"graffiti-bridge", "trash-elm"}},
		{"From", cases.Filter{From: ago(35)}, []string{"pothole-main", "light-oak", "graffiti-bridge"}},
		{"To", cases.Filter{To: ago(60)}, []string{"noise-main", "dip-high"}},
		{"TextInAddress", cases.Filter{Text: "main st"}, []string{"pothole-main", "graffiti-bridge", "noise-main"}},
		{"TextInDescriptionAnyCase", cases.Filter{Text: "pothole"}, []string{"pothole-main", "dip-high"}},
		{"TextPercentSeparates", cases.Filter{Text: "100%"}, []string{"graffiti-bridge", "tree-lake"}}, // "100% covered", "1005 W LAKE ST"
		{"TextUnderscoreSeparates", cases.Filter{Text: "pothole_like"}, []string{"dip-high"}},
		{"TextNonASCIIAnyCase", cases.Filter{Text: "PEÑA"}, []string{"bache-pena"}},
		{"TextWithoutAccent", cases.Filter{Text: "pena"}, []string{"bache-pena"}},
		{"TextNoMatch", cases.Filter{Text: "sinkhole"}, nil},
		{"Contact", cases.Filter{ContactChannel: "sms", ContactAddress: "+13125550101"}, []string{"pothole-main"}},
		{"ContactOnOtherChannel", cases.Filter{ContactChannel: "voice", ContactAddress: "+13125550101"}, []string{"bache-pena"}},
		{"ContactUnknown", cases.Filter{ContactChannel: "sms", ContactAddress: "+13125550000"}, nil},
		{"DepartmentAndStatus", cases.Filter{Department: []string{"streets"}, Status: []cases.Status{cases.StatusOpen}}, []string{"pothole-main", "dip-high"}},
		{"ServiceAndText", cases.Filter{ServiceCode: []string{"pothole"}, Text: "main"}, []string{"pothole-main"}},
		{"Everything", cases.Filter{
			Status: []cases.Status{cases.StatusOpen}, ServiceCode: []string{"pothole"}, Channel: []string{"sms"},
			Department: []string{"streets"}, From: ago(15), To: base.Add(time.Second), Text: "SCHOOL",
			ContactChannel: "sms", ContactAddress: "+13125550101",
		}, []string{"pothole-main"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := st.FindCases(t.Context(), tt.f)
			if err != nil {
				t.Fatalf("FindCases: %v", err)
			}
			got := make([]string, len(page.Cases))
			for i, c := range page.Cases {
				got[i] = keys[c.Tracking]
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("FindCases(%+v) = %q, want %q (newest first)", tt.f, got, tt.want)
			}
			if page.Next != "" {
				t.Errorf("Next = %q on the only page, want \"\"", page.Next)
			}
		})
	}
}

// testFindShape checks what a list holds: every field of the case, and no
// details, except the contacts when the filter names a contact (at least
// the contact it names).
func testFindShape(t *testing.T, st cases.Store) {
	byKey, keys := seedFind(t, st, findBase())
	page, err := st.FindCases(t.Context(), cases.Filter{})
	if err != nil {
		t.Fatalf("FindCases: %v", err)
	}
	for _, c := range page.Cases {
		want := withoutDetails(getCase(t, st, byKey[keys[c.Tracking]].Tracking))
		same(t, "FindCases "+keys[c.Tracking], c, want)
	}

	f := cases.Filter{ContactChannel: "email", ContactAddress: "ana@example.org"}
	page, err = st.FindCases(t.Context(), f)
	if err != nil {
		t.Fatalf("FindCases(contact): %v", err)
	}
	if len(page.Cases) != 1 {
		t.Fatalf("FindCases(contact) = %d cases, want 1", len(page.Cases))
	}
	got := page.Cases[0]
	if got.Contact(f.ContactChannel, f.ContactAddress) == nil {
		t.Errorf("FindCases(contact): contacts %+v lack the contact the filter names", got.Contacts)
	}
	same(t, "FindCases(contact)", got, withoutDetails(getCase(t, st, byKey["light-oak"].Tracking)), "Contacts")
}

// testFindPages stores more cases than the largest page, many sharing a
// creation time, and walks them with different page sizes and filters.
func testFindPages(t *testing.T, st cases.Store) {
	const n = cases.MaxPageSize + 5
	base := instant()
	channels := []string{"sms", "email", "voice"}
	for i := range n {
		c := plainCase(t, base.Add(-time.Duration(i%5)*time.Minute))
		c.Channel = channels[i%3]
		create(t, st, c)
	}
	sms := (n + 2) / 3
	t.Run("DefaultLimit", func(t *testing.T) { firstPage(t, st, cases.Filter{}, cases.DefaultPageSize) })
	t.Run("NegativeLimit", func(t *testing.T) { firstPage(t, st, cases.Filter{Limit: -1}, cases.DefaultPageSize) })
	t.Run("LimitCapped", func(t *testing.T) { firstPage(t, st, cases.Filter{Limit: cases.MaxPageSize + 1}, cases.MaxPageSize) })
	t.Run("WalkMax", func(t *testing.T) { walkAll(t, st, cases.Filter{Limit: cases.MaxPageSize}, n) })
	t.Run("WalkExactPages", func(t *testing.T) { walkAll(t, st, cases.Filter{Limit: 5}, n) })
	t.Run("WalkOddPages", func(t *testing.T) { walkAll(t, st, cases.Filter{Limit: 13}, n) })
	t.Run("WalkFiltered", func(t *testing.T) { walkAll(t, st, cases.Filter{Channel: []string{"sms"}, Limit: 7}, sms) })
}

func firstPage(t *testing.T, st cases.Store, f cases.Filter, want int) {
	page, err := st.FindCases(t.Context(), f)
	if err != nil {
		t.Fatalf("FindCases: %v", err)
	}
	if len(page.Cases) != want || page.Next == "" {
		t.Errorf("FindCases(Limit %d) = %d cases, next %q; want %d and a cursor", f.Limit, len(page.Cases), page.Next, want)
	}
}

// walkAll follows the cursors from the first page to the last and checks
// that every case comes exactly once, newest first, in full pages, and
// that the page holding the last case says there is no next one.
func walkAll(t *testing.T, st cases.Store, f cases.Filter, want int) {
	t.Helper()
	var all []*cases.Case
	seen := map[cases.TrackingNumber]bool{}
	for pages := 0; ; pages++ {
		if pages > want+1 {
			t.Fatalf("more than %d pages: the cursors loop", pages)
		}
		page, err := st.FindCases(t.Context(), f)
		if err != nil {
			t.Fatalf("FindCases page %d: %v", pages, err)
		}
		if len(page.Cases) == 0 && pages > 0 {
			t.Errorf("page %d is empty: the page before it, holding the last case, should have had no cursor", pages)
		}
		if page.Next != "" && len(page.Cases) != f.PageSize() {
			t.Errorf("page %d has %d cases and a cursor, want full pages of %d", pages, len(page.Cases), f.PageSize())
		}
		for _, c := range page.Cases {
			if seen[c.Tracking] {
				t.Errorf("page %d: case %s seen before", pages, c.Tracking)
			}
			seen[c.Tracking] = true
		}
		all = append(all, page.Cases...)
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	if len(all) != want {
		t.Errorf("walked %d cases, want %d", len(all), want)
	}
	for i := 1; i < len(all); i++ {
		if all[i].CreatedAt.After(all[i-1].CreatedAt) {
			t.Fatalf("case %d created %v after case %d created %v: not newest first", i, all[i].CreatedAt, i-1, all[i-1].CreatedAt)
		}
	}
}

// testCursorAfterInsert checks that a cursor goes on from where its page
// ended although newer cases arrived in between.
func testCursorAfterInsert(t *testing.T, st cases.Store) {
	base := instant()
	for i := range 6 {
		create(t, st, plainCase(t, base.Add(-time.Duration(i)*time.Second)))
	}
	first, err := st.FindCases(t.Context(), cases.Filter{Limit: 3})
	if err != nil {
		t.Fatalf("FindCases: %v", err)
	}
	newest := create(t, st, plainCase(t, base.Add(time.Second)))
	rest, err := st.FindCases(t.Context(), cases.Filter{Limit: 3, Cursor: first.Next})
	if err != nil {
		t.Fatalf("FindCases(cursor): %v", err)
	}
	got := append(trackings(first.Cases), trackings(rest.Cases)...)
	if len(got) != 6 || slices.Contains(got, newest.Tracking) || rest.Next != "" {
		t.Errorf("pages %v then %v (next %q): want the 6 older cases in two pages", trackings(first.Cases), trackings(rest.Cases), rest.Next)
	}
	again, err := st.FindCases(t.Context(), cases.Filter{Limit: 3})
	if err != nil {
		t.Fatalf("FindCases: %v", err)
	}
	if len(again.Cases) == 0 || again.Cases[0].Tracking != newest.Tracking {
		t.Errorf("a new first page starts with %v, want the newest case %s", trackings(again.Cases), newest.Tracking)
	}
}

// testBadCursor settles a reading: a cursor the store did not hand out is
// the client's mistake, ErrInvalid (an HTTP 400), not a server error.
func testBadCursor(t *testing.T, st cases.Store) {
	create(t, st, plainCase(t, instant()))
	for _, cursor := range []string{"not-a-cursor", "%%%"} {
		if _, err := st.FindCases(t.Context(), cases.Filter{Cursor: cursor}); !isKind(err, cases.ErrInvalid) {
			t.Errorf("FindCases(cursor %q) = %v, want ErrInvalid", cursor, err)
		}
	}
}
