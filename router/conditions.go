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
// returns every check; otherwise it stops at the first that failed.
func (d *Document) evaluate(r *Rule, f *facts, checks []Check) ([]Check, bool) {
	w := &r.When
	for _, test := range conditionTests {
		c, applies := test(d, w, f)
		if !applies {
			continue
		}
		checks = append(checks, c)
		if !c.OK {
			return checks, false
		}
	}
	return checks, true
}

type conditionTest func(d *Document, w *Conditions, f *facts) (Check, bool)

// conditionTests run cheapest first.
var conditionTests = []conditionTest{
	testEmergency, testService, testChannel, testLanguage, testPriority,
	testConfidence, testTime, testDistrict, testWords, testWithout, testPattern,
}

func testEmergency(_ *Document, w *Conditions, f *facts) (Check, bool) {
	if w.Emergency == nil {
		return Check{}, false
	}
	return Check{"emergency", *w.Emergency, f.emergency, *w.Emergency == f.emergency}, true
}

func testService(_ *Document, w *Conditions, f *facts) (Check, bool) {
	return inList("service", w.Services, f.service)
}

func testChannel(_ *Document, w *Conditions, f *facts) (Check, bool) {
	return inList("channel", w.Channels, f.channel)
}

func testLanguage(_ *Document, w *Conditions, f *facts) (Check, bool) {
	return inList("language", w.Languages, f.language)
}

func inList(name string, want []string, got string) (Check, bool) {
	if len(want) == 0 {
		return Check{}, false
	}
	return Check{name, want, got, slices.Contains(want, got)}, true
}

func testPriority(_ *Document, w *Conditions, f *facts) (Check, bool) {
	if len(w.Priorities) == 0 {
		return Check{}, false
	}
	return Check{"priority", w.Priorities, f.priority, slices.Contains(w.Priorities, f.priority)}, true
}

func testConfidence(_ *Document, w *Conditions, f *facts) (Check, bool) {
	if w.ConfidenceBelow == 0 {
		return Check{}, false
	}
	return Check{"confidence_below", w.ConfidenceBelow, f.confidence, f.confidence < w.ConfidenceBelow}, true
}

func testTime(_ *Document, w *Conditions, f *facts) (Check, bool) {
	if w.Time == nil {
		return Check{}, false
	}
	got := f.at.Format("Mon 15:04")
	return Check{"time", w.Time.String(), got, w.Time.Contains(f.at)}, true
}

func testDistrict(d *Document, w *Conditions, f *facts) (Check, bool) {
	if len(w.Districts) == 0 {
		return Check{}, false
	}
	if f.lat == nil || f.lon == nil {
		return Check{"district", w.Districts, "no location", false}, true
	}
	for _, name := range w.Districts {
		if dist := d.district(name); dist != nil && dist.Contains(*f.lat, *f.lon) {
			return Check{"district", w.Districts, name, true}, true
		}
	}
	return Check{"district", w.Districts, []float64{*f.lat, *f.lon}, false}, true
}

func testWords(_ *Document, w *Conditions, f *facts) (Check, bool) {
	if len(w.words) == 0 {
		return Check{}, false
	}
	for i, p := range w.words {
		if f.hasPhrase(p) {
			return Check{"words", w.Words, w.Words[i], true}, true
		}
	}
	return Check{"words", w.Words, nil, false}, true
}

func testWithout(_ *Document, w *Conditions, f *facts) (Check, bool) {
	if len(w.without) == 0 {
		return Check{}, false
	}
	for i, p := range w.without {
		if f.hasPhrase(p) {
			return Check{"without_words", w.WithoutWords, w.WithoutWords[i], false}, true
		}
	}
	return Check{"without_words", w.WithoutWords, nil, true}, true
}

func testPattern(_ *Document, w *Conditions, f *facts) (Check, bool) {
	if w.pattern == nil {
		return Check{}, false
	}
	m := w.pattern.FindString(f.text)
	return Check{"pattern", w.Pattern, m, w.pattern.MatchString(f.text)}, true
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
