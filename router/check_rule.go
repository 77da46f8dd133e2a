package router

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/intake311/intake311/nlp"
)

func checkRules(raw []rawRule, d *Document, ps *problems) []Rule {
	if len(raw) == 0 {
		ps.add("rules", "at least one rule is needed: a final default rule with no conditions")
		return nil
	}
	seen := map[string]bool{}
	out := make([]Rule, 0, len(raw))
	for i := range raw {
		path := fmt.Sprintf("rules[%d]", i)
		r := Rule{ID: raw[i].ID, Description: raw[i].Description}
		checkCode(r.ID, path+".id", "rule", seen, ps)
		r.When = checkWhen(&raw[i].When, path+".when", d, ps)
		r.Then = checkThen(&raw[i].Then, path+".then", d, ps)
		if r.When.Empty() && i < len(raw)-1 {
			ps.add(path+".when", "rule %q has no conditions, so the rules after it never match; only the last rule may be the default", r.ID)
		}
		out = append(out, r)
	}
	if last := out[len(out)-1]; !last.When.Empty() {
		ps.add(fmt.Sprintf("rules[%d].when", len(out)-1), "the last rule must be the default: a rule with no conditions")
	}
	return out
}

func checkWhen(r *rawWhen, path string, d *Document, ps *problems) Conditions {
	c := Conditions{Emergency: r.Emergency, Pattern: r.Pattern}
	c.Services = checkNames(r.Service, path+".service", "service", func(s string) bool { return d.service(s) != nil }, ps)
	c.Channels = strList(r.Channel, path+".channel", ps)
	c.Languages = checkNames(r.Language, path+".language", "language", func(s string) bool { return languageCode.MatchString(s) }, ps)
	c.Districts = checkNames(r.District, path+".district", "district", func(s string) bool { return d.district(s) != nil }, ps)
	c.Words, c.words = checkWords(r.Words, path+".words", ps)
	c.WithoutWords, c.without = checkWords(r.WithoutWords, path+".without_words", ps)
	for i, s := range strList(r.Priority, path+".priority", ps) {
		c.Priorities = append(c.Priorities, checkPriority(s, fmt.Sprintf("%s.priority[%d]", path, i), "", ps))
	}
	if r.Pattern != "" {
		re, err := regexp.Compile(r.Pattern)
		if err != nil {
			ps.add(path+".pattern", "the pattern does not compile: %v", err)
		}
		c.pattern = re
	}
	if r.ConfidenceBelow != nil {
		c.ConfidenceBelow = *r.ConfidenceBelow
		if c.ConfidenceBelow <= 0 || c.ConfidenceBelow > 1 {
			ps.add(path+".confidence_below", "a confidence is in (0, 1], not %v", c.ConfidenceBelow)
		}
	}
	if r.Time != nil {
		c.Time = checkTime(r.Time, path+".time", ps)
	}
	return c
}

// checkNames reads a string or list whose items must pass known.
func checkNames(v any, path, what string, known func(string) bool, ps *problems) []string {
	list := strList(v, path, ps)
	for i, s := range list {
		if !known(s) {
			p := path
			if _, isList := v.([]any); isList {
				p = fmt.Sprintf("%s[%d]", path, i)
			}
			ps.add(p, "unknown %s %q", what, s)
		}
	}
	return list
}

func checkWords(v any, path string, ps *problems) ([]string, [][]string) {
	list := strList(v, path, ps)
	folded := make([][]string, 0, len(list))
	for i, s := range list {
		var words []string
		for _, t := range nlp.Tokenize(s) {
			if t.Kind != nlp.Punct {
				words = append(words, t.Text)
			}
		}
		if len(words) == 0 {
			ps.add(fmt.Sprintf("%s[%d]", path, i), "%q has no words", s)
		}
		folded = append(folded, words)
	}
	return list, folded
}

func checkTime(r *rawTime, path string, ps *problems) *TimeWindow {
	w := &TimeWindow{}
	if r.Days != nil {
		days, err := parseDays(strList(r.Days, path+".days", ps))
		if err != nil {
			ps.add(path+".days", "%v", err)
		}
		w.Days = days
	}
	if r.From == "" || r.To == "" {
		ps.add(path, "a time window needs from and to (HH:MM)")
	}
	w.From = clockOr(r.From, 0, path+".from", ps)
	w.To = clockOr(r.To, 24*60, path+".to", ps)
	if w.From == w.To {
		ps.add(path, "the window from %s to %s is empty", w.From, w.To)
	}
	return w
}

func checkThen(r *rawThen, path string, d *Document, ps *problems) Actions {
	a := Actions{Department: r.Department, Queue: r.Queue, Reply: strings.TrimSpace(r.Reply),
		Priority: checkPriority(r.Priority, path+".priority", "", ps), Tags: strList(r.Tags, path+".tags", ps)}
	if a.Department != "" && d.department(a.Department) == nil {
		ps.add(path+".department", "unknown department %q", a.Department)
	}
	if r.SLA != "" {
		sla, err := ParseSLA(r.SLA)
		if err != nil {
			ps.add(path+".sla", "%v", err)
		}
		a.SLA = &sla
	}
	return a
}
