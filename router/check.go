package router

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/nlp"
)

// check validates a decoded document and builds the Document, recording
// every problem in ps.
func check(raw *rawDoc, ps *problems) *Document {
	d := &Document{City: strings.TrimSpace(raw.City), TimeZone: raw.TimeZone, Triage: raw.Triage}
	if d.City == "" {
		ps.add("city", "the city needs a name")
	}
	d.zone = checkZone(raw.TimeZone, ps)
	d.Languages = checkLanguages(raw.Languages, ps)
	d.Threshold = checkThreshold(raw.Threshold, ps)
	d.BusinessHours = checkHours(raw.BusinessHours, ps)
	d.Departments = checkDepartments(raw.Departments, d.Languages[0], ps)
	d.Services = checkServices(raw.Services, d, ps)
	d.Districts = checkDistricts(raw.Districts, ps)
	d.Landmarks = checkLandmarks(raw.Landmarks, ps)
	d.Emergency = checkTermsByLang(raw.Emergency.Phrases, "emergency.phrases", d.Languages, ps)
	d.NotEmergency = checkTermsByLang(raw.Emergency.Not, "emergency.not", d.Languages, ps)
	if len(d.Emergency) == 0 {
		ps.add("emergency.phrases", "at least one emergency phrase is needed")
	}
	if d.Triage == "" {
		ps.add("triage", "name the triage service (for reports the classifier cannot place)")
	} else if d.service(d.Triage) == nil {
		ps.add("triage", "unknown service %q", d.Triage)
	}
	d.Rules = checkRules(raw.Rules, d, ps)
	return d
}

func checkZone(name string, ps *problems) *time.Location {
	if name == "" {
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		ps.add("time_zone", "unknown time zone %q (want an IANA name such as America/Chicago)", name)
		return nil
	}
	return loc
}

var languageCode = regexp.MustCompile(`^[a-z]{2}$`)

func checkLanguages(langs []string, ps *problems) []string {
	if len(langs) == 0 {
		return []string{nlp.English, nlp.Spanish}
	}
	for i, l := range langs {
		if !languageCode.MatchString(l) {
			ps.add(fmt.Sprintf("languages[%d]", i), "%q is not a two-letter language code", l)
		}
	}
	return langs
}

func checkThreshold(t *float64, ps *problems) float64 {
	if t == nil {
		return nlp.DefaultThreshold
	}
	if *t < 0 || *t >= 1 {
		ps.add("threshold", "the threshold is a confidence in [0, 1), not %v", *t)
	}
	return *t
}

func checkHours(raw *rawHours, ps *problems) BusinessHours {
	h := defaultHours()
	if raw == nil {
		return h
	}
	if raw.Days != nil {
		days, err := parseDays(strList(raw.Days, "business_hours.days", ps))
		if err != nil {
			ps.add("business_hours.days", "%v", err)
		}
		h.Days = days
	}
	h.Open = clockOr(raw.Open, h.Open, "business_hours.open", ps)
	h.Close = clockOr(raw.Close, h.Close, "business_hours.close", ps)
	if h.Close <= h.Open {
		ps.add("business_hours", "business hours close (%s) before they open (%s)", h.Close, h.Open)
	}
	for i, s := range raw.Holidays {
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			ps.add(fmt.Sprintf("business_hours.holidays[%d]", i), "%q is not a date (want YYYY-MM-DD)", s)
		}
	}
	h.Holidays = raw.Holidays
	return h
}

func clockOr(s string, def Clock, path string, ps *problems) Clock {
	if s == "" {
		return def
	}
	c, err := ParseClock(s)
	if err != nil {
		ps.add(path, "%v", err)
	}
	return c
}

var codePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_\-]*$`)

func checkCode(code, path, what string, seen map[string]bool, ps *problems) {
	switch {
	case code == "":
		ps.add(path, "a %s needs a code", what)
	case !codePattern.MatchString(code):
		ps.add(path, "%s code %q: use lower-case letters, digits, _ and -", what, code)
	case seen[code]:
		ps.add(path, "duplicate %s code %q", what, code)
	}
	seen[code] = true
}

func checkDepartments(raw []rawDepartment, lang string, ps *problems) []Department {
	if len(raw) == 0 {
		ps.add("departments", "at least one department is needed")
	}
	seen := map[string]bool{}
	var out []Department
	for i, r := range raw {
		path := fmt.Sprintf("departments[%d]", i)
		checkCode(r.Code, path+".code", "department", seen, ps)
		if r.Name[lang] == "" {
			ps.add(path+".name", "department %q needs a name in %q", r.Code, lang)
		}
		out = append(out, Department(r))
	}
	return out
}

func (d *Document) department(code string) *Department {
	for i := range d.Departments {
		if d.Departments[i].Code == code {
			return &d.Departments[i]
		}
	}
	return nil
}

func (d *Document) service(code string) *Service {
	for i := range d.Services {
		if d.Services[i].Code == code {
			return &d.Services[i]
		}
	}
	return nil
}

func (d *Document) district(name string) *District {
	for i := range d.Districts {
		if d.Districts[i].Name == name {
			return &d.Districts[i]
		}
	}
	return nil
}

func checkPriority(s, path string, def cases.Priority, ps *problems) cases.Priority {
	if s == "" {
		return def
	}
	p := cases.Priority(s)
	if !p.Valid() {
		ps.add(path, "unknown priority %q (want low, normal, high or emergency)", s)
	}
	return p
}

// strList reads a string or a list of strings.
func strList(v any, path string, ps *problems) []string {
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for i, e := range v {
			s, ok := e.(string)
			if !ok {
				ps.add(fmt.Sprintf("%s[%d]", path, i), "want a string, not %v", e)
				continue
			}
			out = append(out, s)
		}
		return out
	}
	ps.add(path, "want a string or a list of strings")
	return nil
}

func checkLangKey(lang, path string, langs []string, ps *problems) bool {
	if slices.Contains(langs, lang) {
		return true
	}
	ps.add(path, "language %q is not in the document's languages %v", lang, langs)
	return false
}
