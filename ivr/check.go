package ivr

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// check reports every problem of m.
func check(m *Menu, r *report) {
	checkLanguages(m, r)
	checkSettings(m, r)
	for i := range m.Always {
		checkAlways(m, &m.Always[i], fmt.Sprintf("always[%d]", i), r)
	}
	for _, id := range slices.Sorted(maps.Keys(m.Nodes)) {
		checkNode(m, m.Nodes[id], r)
	}
	checkStart(m, r)
	checkReachable(m, r)
	checkPhrases(m, r)
	checkWords(m, r)
	checkReport(m, r)
}

func checkLanguages(m *Menu, r *report) {
	if len(m.Languages) == 0 {
		r.add("languages", "the menu needs at least one language, such as [en]")
	}
	for i, l := range m.Languages {
		path := fmt.Sprintf("languages[%d]", i)
		switch {
		case !validLanguage(l):
			r.add(path, "%q is not a language tag (want a lower-case code such as en or es)", l)
		case slices.Index(m.Languages, l) < i:
			r.add(path, "%q is listed twice", l)
		}
	}
}

// validLanguage accepts lower-case tags such as "en", "es" or "pt-br".
func validLanguage(tag string) bool {
	for i, part := range strings.Split(tag, "-") {
		if len(part) < 2 || len(part) > 8 || i == 0 && len(part) > 3 {
			return false
		}
		for _, c := range part {
			if (c < 'a' || c > 'z') && (i == 0 || c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}

func checkSettings(m *Menu, r *report) {
	if m.Retries < 0 || m.Retries > 5 {
		r.add("retries", "must be from 0 to 5, not %d", m.Retries)
	}
	between(m.Timeout, time.Second, time.Minute, "timeout", r)
	between(m.RecordMax, 5*time.Second, 10*time.Minute, "record_max", r)
}

func between(d, lo, hi time.Duration, path string, r *report) {
	if d < lo || d > hi {
		r.add(path, "must be from %s to %s, not %s", lo, hi, d)
	}
}

// alwaysKeys are the keys an Always option may use: the dialogues take
// 1 to 9 as answers.
const alwaysKeys = "0*#"

func checkAlways(m *Menu, o *Option, path string, r *report) {
	checkOption(m, o, path, r)
	if len(o.Digits) == 1 && strings.Contains(keys, o.Digits) && !strings.Contains(alwaysKeys, o.Digits) {
		r.add(path+".digits", "an option offered everywhere needs 0, * or #: the dialogues use %q for answers", o.Digits)
	}
}

func checkStart(m *Menu, r *report) {
	switch {
	case m.Start == "":
		r.add("start", "the menu needs a start node")
	case m.Nodes[m.Start] == nil:
		r.add("start", "there is no node %q (nodes: %s)", m.Start, nodeList(m))
	}
}

func nodeList(m *Menu) string {
	return strings.Join(slices.Sorted(maps.Keys(m.Nodes)), ", ")
}

func checkNode(m *Menu, n *Node, r *report) {
	path := "nodes." + n.ID
	checkText(m, n.Say, m.Languages, path+".say", "what the node says", r)
	if len(n.Options) == 0 {
		r.add(path, "the node has no options")
	}
	seen := map[string]string{}
	for _, o := range m.Always {
		seen[o.Digits] = "an option of always"
	}
	for i := range n.Options {
		opath := fmt.Sprintf("%s.options[%d]", path, i)
		o := &n.Options[i]
		checkOption(m, o, opath, r)
		if other, dup := seen[o.Digits]; dup && o.Digits != "" {
			r.add(opath+".digits", "%q already chooses %s", o.Digits, other)
		}
		seen[o.Digits] = fmt.Sprintf("options[%d]", i)
	}
}

// checkText reports the languages t lacks, and those the menu does not
// speak.
func checkText(m *Menu, t Text, langs []string, path, what string, r *report) {
	for _, l := range langs {
		if strings.TrimSpace(t[l]) == "" {
			r.add(path, "%s is missing in %s", what, l)
		}
	}
	for _, l := range slices.Sorted(maps.Keys(t)) {
		if !slices.Contains(m.Languages, l) {
			r.add(path+"."+l, "%q is not one of the menu's languages (%s)", l, strings.Join(m.Languages, ", "))
		}
	}
}
