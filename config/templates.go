package config

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"text/template/parse"
)

// TemplateKeys lists the texts the gateway sends: the acknowledgement of a
// new case (and of an emergency), a status update ("status" is used for a
// status without its own text) and a public note.
var TemplateKeys = []string{
	"ack", "ack.emergency",
	"status", "status.open", "status.assigned", "status.in_progress",
	"status.on_hold", "status.resolved", "status.closed",
	"note",
}

// TemplateFields lists the fields a template may use, such as
// {{.TrackingSpoken}}: those of cases.TemplateData.
var TemplateFields = []string{
	"Tracking", "TrackingSpoken", "Status", "CloseReason",
	"Service", "ServiceCode", "Department", "Address", "Note",
}

func (k *checker) templates() {
	langs := k.c.City.Languages
	for _, lang := range slices.Sorted(maps.Keys(k.c.Templates)) {
		path := "templates." + lang
		if !slices.Contains(langs, lang) {
			k.errorf(path, "%q is not one of city.languages (%s)", lang, strings.Join(langs, ", "))
		}
		texts := k.c.Templates[lang]
		for _, key := range slices.Sorted(maps.Keys(texts)) {
			k.template(path+"."+key, key, texts[key])
		}
	}
	k.coverage()
}

// coverage checks that every language has texts and that the default
// language has the two that every other language falls back to.
func (k *checker) coverage() {
	def := k.c.City.DefaultLanguage
	for _, lang := range k.c.City.Languages {
		if len(k.c.Templates[lang]) == 0 && lang != def {
			k.warnf("templates", "no texts in %q: residents who write in it get the %q texts", lang, def)
		}
	}
	if !k.defaultLanguageOK() {
		return
	}
	for _, key := range []string{"ack", "status"} {
		if _, ok := k.c.Templates[def][key]; !ok {
			k.errorf("templates."+def, "the default language %q needs a %q text", def, key)
		}
	}
}

// template checks one text: its key, its syntax and the fields it uses.
func (k *checker) template(path, key, text string) {
	k.templateKey(path, key)
	if strings.TrimSpace(text) == "" {
		k.errorf(path, "the text is empty")
		return
	}
	t, err := template.New(key).Option("missingkey=error").Parse(text)
	if err != nil {
		k.errorf(path, "%s", templateError(err, text))
		return
	}
	for _, name := range unknownFields(t) {
		k.errorf(path, "unknown field .%s %s", name, suggestField(name))
	}
}

// templateKey rejects a misspelt built-in key. Other keys are allowed:
// routing rules may name texts of their own.
func (k *checker) templateKey(path, key string) {
	if slices.Contains(TemplateKeys, key) {
		return
	}
	family, _, dotted := strings.Cut(key, ".")
	if dotted && (family == "ack" || family == "status") {
		k.errorf(path, "unknown text %q %s", key, suggest(key, TemplateKeys))
		return
	}
	if best := closest(key, TemplateKeys); best != "" {
		k.warnf(path, "%q is not a built-in text (did you mean %q?); only routing rules that name it use it", key, best)
	}
}

var templateErrorPrefix = regexp.MustCompile(`^template: [^:]*:(\d+): `)

// templateError strips the template's name from a parse error and says on
// which line of a multi-line text it is.
func templateError(err error, text string) string {
	msg := err.Error()
	m := templateErrorPrefix.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	msg = "template: " + strings.Replace(msg[len(m[0]):], "unexpected EOF", "the text ends too soon (is an {{end}} missing?)", 1)
	if strings.Contains(strings.TrimSpace(text), "\n") {
		msg += " (line " + m[1] + " of the text)"
	}
	return msg
}

func suggestField(name string) string {
	if best := closest(name, TemplateFields); best != "" {
		return fmt.Sprintf("(did you mean .%s?)", best)
	}
	return "(want ." + strings.Join(TemplateFields, ", .") + ")"
}

// unknownFields lists the fields of the template data a template uses but
// that do not exist. Inside range and with, where dot is something else,
// only $.Field is checked.
func unknownFields(t *template.Template) []string {
	w := fieldWalker{seen: map[string]bool{}}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			w.node(tt.Root, true)
		}
	}
	return w.unknown
}

type fieldWalker struct {
	seen    map[string]bool
	unknown []string
}

func (w *fieldWalker) field(name string) {
	if !slices.Contains(TemplateFields, name) && !w.seen[name] {
		w.seen[name] = true
		w.unknown = append(w.unknown, name)
	}
}

// node walks n; dotIsData says whether dot is the template data there.
func (w *fieldWalker) node(n parse.Node, dotIsData bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				w.node(c, dotIsData)
			}
		}
	case *parse.ActionNode:
		w.pipe(n.Pipe, dotIsData)
	case *parse.TemplateNode:
		w.pipe(n.Pipe, dotIsData)
	case *parse.IfNode:
		w.branch(&n.BranchNode, dotIsData, dotIsData)
	case *parse.RangeNode:
		w.branch(&n.BranchNode, dotIsData, false)
	case *parse.WithNode:
		w.branch(&n.BranchNode, dotIsData, false)
	}
}

func (w *fieldWalker) branch(b *parse.BranchNode, dotIsData, insideIsData bool) {
	w.pipe(b.Pipe, dotIsData)
	w.node(b.List, insideIsData)
	w.node(b.ElseList, dotIsData)
}

func (w *fieldWalker) pipe(p *parse.PipeNode, dotIsData bool) {
	if p == nil {
		return
	}
	for _, cmd := range p.Cmds {
		for _, arg := range cmd.Args {
			w.arg(arg, dotIsData)
		}
	}
}

func (w *fieldWalker) arg(n parse.Node, dotIsData bool) {
	switch n := n.(type) {
	case *parse.FieldNode:
		if dotIsData {
			w.field(n.Ident[0])
		}
	case *parse.VariableNode:
		if n.Ident[0] == "$" && len(n.Ident) > 1 {
			w.field(n.Ident[1])
		}
	case *parse.ChainNode:
		w.arg(n.Node, dotIsData)
	case *parse.PipeNode:
		w.pipe(n, dotIsData)
	}
}
