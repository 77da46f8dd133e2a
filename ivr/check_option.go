package ivr

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// keys are the keypad keys an option may use.
const keys = "0123456789*#"

func checkOption(m *Menu, o *Option, path string, r *report) {
	checkDigits(o.Digits, path+".digits", r)
	need, known := actions[o.Action]
	if !known {
		r.add(path+".action", "unknown action %q (want %s)", o.Action, actionList())
		return
	}
	checkText(m, o.Prompt, promptLanguages(m, o), path+".prompt", "the option's prompt", r)
	checkSpeech(m, o.Speech, path+".speech", r)
	checkTarget(m, o, need.target, path, r)
	if o.Action == ActionLanguage && o.Language != nextLanguage && !slices.Contains(m.Languages, o.Language) {
		r.add(path+".language", "want one of the menu's languages (%s) or next, not %q", strings.Join(m.Languages, ", "), o.Language)
	}
	if need.info {
		checkText(m, o.Info, m.Languages, path+".info", "the information", r)
	}
	if need.service && strings.TrimSpace(o.Service) == "" {
		r.add(path, "a record option needs the service code of the case its message becomes")
	}
	unexpected(o.Language != "" && o.Action != ActionLanguage, path+".language", "language", ActionLanguage, r)
	unexpected(len(o.Info) > 0 && !need.info, path+".info", "info", ActionInfo, r)
	unexpected(o.Service != "" && !need.service, path+".service", "service", ActionRecord, r)
	unexpected(o.Number != "" && o.Action != ActionAgent, path+".number", "number", ActionAgent, r)
}

func unexpected(bad bool, path, key string, action Action, r *report) {
	if bad {
		r.add(path, "%s is only for %s options", key, action)
	}
}

func checkDigits(d, path string, r *report) {
	switch {
	case d == "":
		r.add(path, "an option needs a key to press: 0-9, * or #")
	case len(d) != 1 || !strings.Contains(keys, d):
		r.add(path, "%q is not one key: want 0-9, * or # (in quotes: \"*\", \"#\")", d)
	}
}

func actionList() string {
	names := make([]string, 0, len(actions))
	for a := range actions {
		names = append(names, string(a))
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// promptLanguages are the languages an option's prompt is said in: a
// language option's own language, or every language.
func promptLanguages(m *Menu, o *Option) []string {
	if o.Action == ActionLanguage && o.Language != nextLanguage && slices.Contains(m.Languages, o.Language) {
		return []string{o.Language}
	}
	return m.Languages
}

func checkSpeech(m *Menu, speech map[string][]string, path string, r *report) {
	for _, l := range slices.Sorted(maps.Keys(speech)) {
		switch {
		case !slices.Contains(m.Languages, l):
			r.add(path+"."+l, "%q is not one of the menu's languages (%s)", l, strings.Join(m.Languages, ", "))
		case slices.ContainsFunc(speech[l], func(s string) bool { return fold(s) == "" }):
			r.add(path+"."+l, "a phrase is empty")
		}
	}
}

func checkTarget(m *Menu, o *Option, needed bool, path string, r *report) {
	switch {
	case needed && o.Target == "":
		r.add(path, "a %s option needs a target node", o.Action)
	case o.Target != "" && !needed && o.Action != ActionLanguage:
		r.add(path+".target", "target is only for menu and language options")
	case o.Target != "" && m.Nodes[o.Target] == nil:
		r.add(path+".target", "there is no node %q (nodes: %s)", o.Target, nodeList(m))
	}
}

// checkReachable reports the nodes no path from the start reaches.
func checkReachable(m *Menu, r *report) {
	if m.Nodes[m.Start] == nil {
		return
	}
	seen := map[string]bool{m.Start: true}
	queue := []string{m.Start}
	for len(queue) > 0 {
		n := m.Nodes[queue[0]]
		queue = queue[1:]
		for _, o := range slices.Concat(n.Options, m.Always) {
			if t := o.Target; m.Nodes[t] != nil && !seen[t] {
				seen[t] = true
				queue = append(queue, t)
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(m.Nodes)) {
		if !seen[id] {
			r.add("nodes."+id, "no option leads to node %q from the start (%s)", id, m.Start)
		}
	}
}

func checkPhrases(m *Menu, r *report) {
	for _, key := range slices.Sorted(maps.Keys(phraseKeys)) {
		path := "phrases." + key
		if _, ok := m.Phrases[key]; !ok {
			r.add("phrases", "phrase %s is missing", key)
			continue
		}
		checkText(m, m.Phrases[key], m.Languages, path, "the phrase", r)
		checkPlaceholders(m.Phrases[key], phraseKeys[key], path, r)
	}
	for _, key := range slices.Sorted(maps.Keys(m.Phrases)) {
		if _, ok := phraseKeys[key]; !ok {
			r.add("phrases."+key, "unknown phrase %s", key)
		}
	}
}

func checkPlaceholders(t Text, allowed []string, path string, r *report) {
	for _, l := range slices.Sorted(maps.Keys(t)) {
		for _, sub := range placeholder.FindAllStringSubmatch(t[l], -1) {
			if !slices.Contains(allowed, sub[1]) {
				r.add(path+"."+l, "unknown placeholder %s (this phrase may use: %s)", sub[0], placeholderList(allowed))
			}
		}
	}
}

func placeholderList(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return "{" + strings.Join(names, "}, {") + "}"
}

// wordKeys are the meanings of Menu.Words.
var wordKeys = []string{"yes", "no", "call", "text"}

func checkWords(m *Menu, r *report) {
	for _, key := range wordKeys {
		path := "words." + key
		for _, l := range m.Languages {
			if len(m.Words[key][l]) == 0 {
				r.add(path, "the words for %s are missing in %s", key, l)
			}
		}
		checkSpeech(m, m.Words[key], path, r)
	}
	for _, key := range slices.Sorted(maps.Keys(m.Words)) {
		if !slices.Contains(wordKeys, key) {
			r.add("words."+key, "unknown meaning %s (want %s)", key, strings.Join(wordKeys, ", "))
		}
	}
}

func checkReport(m *Menu, r *report) {
	if strings.TrimSpace(m.Report.Other) == "" {
		r.add("report.other", "name the service of a problem that fits no other, such as general")
	}
	for i, s := range m.Report.Services {
		if strings.TrimSpace(s) == "" {
			r.add(fmt.Sprintf("report.services[%d]", i), "a service code is empty")
		}
	}
}
