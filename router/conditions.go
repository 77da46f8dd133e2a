package router

import (
	"slices"
	"strings"
	"time"
)

// Check is one condition of a rule and how the case fared against it.
type Check struct {
	Condition string `json:"condition"`
	Want      any    `json:"want"`
	Got       any    `json:"got"`
	OK        bool   `json:"ok"`
}

// evaluate tests the conditions of r against f in order. With all true it
// returns every check; otherwise it stops at the first that failed. With
// explain false it only answers, and the checks are nil.
func (d *Document) evaluate(r *Rule, f *facts, explain bool) ([]Check, bool) {
	w := &r.When
	var checks []Check
	for _, test := range conditionTests {
		c, applies := test(d, w, f, explain)
		if !applies {
			continue
		}
		if explain {
			checks = append(checks, c)
		}
		if !c.OK {
			return checks, false
		}
	}
	return checks, true
}

// conditionTest tests one kind of condition, if the rule has it; the
// check's Want and Got are filled only to explain.
type conditionTest func(d *Document, w *Conditions, f *facts, explain bool) (Check, bool)

// conditionTests run cheapest first.
var conditionTests = []conditionTest{
	testEmergency, testService, testChannel, testLanguage, testPriority,
	testConfidence, testTime, testDistrict, testWords, testWithout, testPattern,
}

// brief is a check without what it wanted and got: enough to decide,
// and free of the allocations an explanation costs.
func brief(name string, ok bool) Check { return Check{Condition: name, OK: ok} }

func testEmergency(_ *Document, w *Conditions, f *facts, explain bool) (Check, bool) {
	if w.Emergency == nil {
		return Check{}, false
	}
	ok := *w.Emergency == f.emergency
	if !explain {
		return brief("emergency", ok), true
	}
	return Check{"emergency", *w.Emergency, f.emergency, ok}, true
}

func testService(_ *Document, w *Conditions, f *facts, explain bool) (Check, bool) {
	return inList("service", w.Services, f.service, explain)
}

func testChannel(_ *Document, w *Conditions, f *facts, explain bool) (Check, bool) {
	return inList("channel", w.Channels, f.channel, explain)
}

func testLanguage(_ *Document, w *Conditions, f *facts, explain bool) (Check, bool) {
	return inList("language", w.Languages, f.language, explain)
}

func inList(name string, want []string, got string, explain bool) (Check, bool) {
	if len(want) == 0 {
		return Check{}, false
	}
	ok := slices.Contains(want, got)
	if !explain {
		return brief(name, ok), true
	}
	return Check{name, want, got, ok}, true
}

func testPriority(_ *Document, w *Conditions, f *facts, explain bool) (Check, bool) {
	if len(w.Priorities) == 0 {
		return Check{}, false
	}
	ok := slices.Contains(w.Priorities, f.priority)
	if !explain {
		return brief("priority", ok), true
	}
	return Check{"priority", w.Priorities, f.priority, ok}, true
}

func testConfidence(_ *Document, w *Conditions, f *facts, explain bool) (Check, bool) {
	if w.ConfidenceBelow == 0 {
		return Check{}, false
	}
	ok := f.confidence < w.ConfidenceBelow
	if !explain {
		return brief("confidence_below", ok), true
	}
	return Check{"confidence_below", w.ConfidenceBelow, f.confidence, ok}, true
}

func testTime(_ *Document, w *Conditions, f *facts, explain bool) (Check, bool) {
	if w.Time == nil {
		return Check{}, false
	}
	ok := w.Time.Contains(f.at)
	if !explain {
		return brief("time", ok), true
	}
	return Check{"time", w.Time.String(), f.at.Format("Mon 15:04"), ok}, true
}

func testDistrict(d *Document, w *Conditions, f *facts, explain bool) (Check, bool) {
	if len(w.Districts) == 0 {
		return Check{}, false
	}
	found := d.inDistrict(w.Districts, f)
	switch {
	case !explain:
		return brief("district", found != ""), true
	case f.lat == nil || f.lon == nil:
		return Check{"district", w.Districts, "no location", false}, true
	case found == "":
		return Check{"district", w.Districts, []float64{*f.lat, *f.lon}, false}, true
	}
	return Check{"district", w.Districts, found, true}, true
}

// inDistrict returns the first of the named districts that holds the
// case's location, or "".
func (d *Document) inDistrict(names []string, f *facts) string {
	if f.lat == nil || f.lon == nil {
		return ""
	}
	for _, name := range names {
		if dist := d.district(name); dist != nil && dist.Contains(*f.lat, *f.lon) {
			return name
		}
	}
	return ""
}

func testWords(_ *Document, w *Conditions, f *facts, explain bool) (Check, bool) {
	if len(w.words) == 0 {
		return Check{}, false
	}
	i := f.firstPhrase(w.words)
	switch {
	case !explain:
		return brief("words", i >= 0), true
	case i < 0:
		return Check{"words", w.Words, nil, false}, true
	}
	return Check{"words", w.Words, w.Words[i], true}, true
}

func testWithout(_ *Document, w *Conditions, f *facts, explain bool) (Check, bool) {
	if len(w.without) == 0 {
		return Check{}, false
	}
	i := f.firstPhrase(w.without)
	switch {
	case !explain:
		return brief("without_words", i < 0), true
	case i < 0:
		return Check{"without_words", w.WithoutWords, nil, true}, true
	}
	return Check{"without_words", w.WithoutWords, w.WithoutWords[i], false}, true
}

func testPattern(_ *Document, w *Conditions, f *facts, explain bool) (Check, bool) {
	if w.pattern == nil {
		return Check{}, false
	}
	loc := w.pattern.FindStringIndex(f.text)
	switch {
	case !explain:
		return brief("pattern", loc != nil), true
	case loc == nil:
		return Check{"pattern", w.Pattern, "", false}, true
	}
	return Check{"pattern", w.Pattern, f.text[loc[0]:loc[1]], true}, true
}

// Contains reports whether t falls in the window; a window that wraps past
// midnight belongs to the day it starts on.
func (w *TimeWindow) Contains(t time.Time) bool {
	now := Clock(t.Hour()*60 + t.Minute())
	day := t.Weekday()
	if w.From < w.To {
		return w.From <= now && now < w.To && w.onDay(day)
	}
	if now >= w.From {
		return w.onDay(day)
	}
	return now < w.To && w.onDay((day+6)%7)
}

func (w *TimeWindow) onDay(d time.Weekday) bool {
	return len(w.Days) == 0 || slices.Contains(w.Days, d)
}

func (w *TimeWindow) String() string {
	var days []string
	for _, d := range w.Days {
		days = append(days, d.String()[:3])
	}
	s := w.From.String() + "-" + w.To.String()
	if len(days) > 0 {
		s += " " + strings.Join(days, ",")
	}
	return s
}
