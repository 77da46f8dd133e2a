package router

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/nlp"
)

func checkServices(raw []rawService, d *Document, ps *problems) []Service {
	if len(raw) == 0 {
		ps.add("services", "the service catalogue is empty")
	}
	seen := map[string]bool{}
	out := make([]Service, 0, len(raw))
	for i := range raw {
		out = append(out, checkService(&raw[i], fmt.Sprintf("services[%d]", i), d, seen, ps))
	}
	return out
}

func checkService(r *rawService, path string, d *Document, seen map[string]bool, ps *problems) Service {
	s := Service{Code: r.Code, Name: r.Name, Description: r.Description, Department: r.Department,
		Priority: checkPriority(r.Priority, path+".priority", cases.PriorityNormal, ps)}
	checkCode(r.Code, path+".code", "service", seen, ps)
	if r.Name[d.Languages[0]] == "" {
		ps.add(path+".name", "service %q needs a name in %q", r.Code, d.Languages[0])
	}
	if r.Department == "" {
		ps.add(path+".department", "service %q needs a department", r.Code)
	} else if d.department(r.Department) == nil {
		ps.add(path+".department", "unknown department %q", r.Department)
	}
	if r.SLA == "" {
		ps.add(path+".sla", "service %q needs an SLA, e.g. \"3 business days\"", r.Code)
	} else if sla, err := ParseSLA(r.SLA); err != nil {
		ps.add(path+".sla", "%v", err)
	} else {
		s.SLA = sla
	}
	s.Attributes = checkAttributes(r.Attributes, path+".attributes", ps)
	s.Keywords = checkTermsByLang(r.Keywords, path+".keywords", d.Languages, ps)
	s.Context = checkTermsByLang(r.Context, path+".context", d.Languages, ps)
	s.Negative = checkTermsByLang(r.Negative, path+".negative", d.Languages, ps)
	return s
}

var datatypes = []string{"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}

func checkAttributes(raw []rawAttribute, path string, ps *problems) []Attribute {
	var out []Attribute
	seen := map[string]bool{}
	for i, r := range raw {
		p := fmt.Sprintf("%s[%d]", path, i)
		checkCode(r.Code, p+".code", "attribute", seen, ps)
		if !slices.Contains(datatypes, r.Datatype) {
			ps.add(p+".datatype", "unknown datatype %q (want one of %s)", r.Datatype, strings.Join(datatypes, ", "))
		}
		isList := strings.HasSuffix(r.Datatype, "list")
		if isList != (len(r.Values) > 0) {
			ps.add(p+".values", "list datatypes, and only they, have values")
		}
		a := Attribute{Code: r.Code, Datatype: r.Datatype, Required: r.Required, Description: r.Description}
		for _, v := range r.Values {
			a.Values = append(a.Values, AttributeValue{Key: v.Key, Name: v.Name})
		}
		out = append(out, a)
	}
	return out
}

// checkTermsByLang reads keyword lists keyed by language.
func checkTermsByLang(raw map[string][]any, path string, langs []string, ps *problems) map[string][]nlp.Term {
	if len(raw) == 0 {
		return nil
	}
	out := map[string][]nlp.Term{}
	for _, lang := range slices.Sorted(maps.Keys(raw)) {
		p := path + "." + lang
		if checkLangKey(lang, p, langs, ps) {
			out[lang] = checkTerms(raw[lang], p, ps)
		}
	}
	return out
}

// checkTerms reads a list whose items are a word or phrase, or a
// one-entry mapping from a word or phrase to its weight.
func checkTerms(raw []any, path string, ps *problems) []nlp.Term {
	out := make([]nlp.Term, 0, len(raw))
	for i, item := range raw {
		p := fmt.Sprintf("%s[%d]", path, i)
		t, err := termOf(item)
		if err != nil {
			ps.add(p, "%v", err)
			continue
		}
		if len(nlp.Tokenize(t.Text)) == 0 {
			ps.add(p, "term %q has no words", t.Text)
			continue
		}
		out = append(out, t)
	}
	return out
}

func termOf(item any) (nlp.Term, error) {
	switch v := item.(type) {
	case string:
		return nlp.Term{Text: v}, nil
	case map[string]any:
		if len(v) != 1 {
			return nlp.Term{}, fmt.Errorf("want a term, or one \"term: weight\" pair")
		}
		for text, w := range v {
			f, ok := number(w)
			if !ok || f <= 0 {
				return nlp.Term{}, fmt.Errorf("the weight of %q must be a positive number", text)
			}
			return nlp.Term{Text: text, Weight: f}, nil
		}
	}
	return nlp.Term{}, fmt.Errorf("want a term, or one \"term: weight\" pair, not %v", item)
}

func number(v any) (float64, bool) {
	switch v := v.(type) {
	case int:
		return float64(v), true
	case int64:
		return float64(v), true
	case uint64:
		return float64(v), true
	case float64:
		return v, true
	}
	return 0, false
}

func checkDistricts(raw []rawDistrict, ps *problems) []District {
	seen := map[string]bool{}
	var out []District
	for i, r := range raw {
		p := fmt.Sprintf("districts[%d]", i)
		checkCode(r.Name, p+".name", "district", seen, ps)
		shape, err := ParseGeoJSON(r.GeoJSON)
		if err != nil {
			ps.add(p+".geojson", "%v", err)
		}
		out = append(out, District{Name: r.Name, Shape: shape})
	}
	return out
}

func checkLandmarks(raw []rawLandmark, ps *problems) []nlp.Landmark {
	var out []nlp.Landmark
	for i, r := range raw {
		p := fmt.Sprintf("landmarks[%d]", i)
		if len(nlp.Tokenize(r.Name)) == 0 {
			ps.add(p+".name", "a landmark needs a name")
		}
		if r.Lat < -90 || r.Lat > 90 || r.Lon < -180 || r.Lon > 180 || (r.Lat == 0 && r.Lon == 0) {
			ps.add(p, "landmark %q needs its lat and lon", r.Name)
		}
		out = append(out, nlp.Landmark{Name: r.Name, Aliases: r.Aliases, Lat: r.Lat, Lon: r.Lon})
	}
	return out
}
