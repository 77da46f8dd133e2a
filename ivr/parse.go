package ivr

import (
	"errors"
	"fmt"
	"maps"
	"strings"
	"sync"
	"time"

	"github.com/goccy/go-yaml"
)

// MaxMenuSize bounds a menu file, in bytes.
const MaxMenuSize = 1 << 20

// rawMenu is the YAML shape of a menu, decoded as written and checked
// afterwards, so that every problem is reported at once.
type rawMenu struct {
	Languages []string                       `yaml:"languages"`
	Start     string                         `yaml:"start"`
	Retries   *int                           `yaml:"retries"`
	Timeout   string                         `yaml:"timeout"`
	RecordMax string                         `yaml:"record_max"`
	Always    []Option                       `yaml:"always"`
	Nodes     map[string]*Node               `yaml:"nodes"`
	Phrases   map[string]Text                `yaml:"phrases"`
	Words     map[string]map[string][]string `yaml:"words"`
	Report    ReportOptions                  `yaml:"report"`
}

// Defaults of a menu file.
const (
	defaultRetries   = 2
	defaultTimeout   = 5 * time.Second
	defaultRecordMax = 90 * time.Second
)

// Parse reads and checks a menu. filename names data in problems. The
// error, if any, is Problems: every problem found, each
// "file:line:col: key.path: message".
func Parse(filename string, data []byte) (*Menu, error) {
	r := &report{file: filename, pos: newPositions(data)}
	if len(data) > MaxMenuSize {
		r.add("", "the menu is %d bytes; the limit is %d", len(data), MaxMenuSize)
		return nil, r.err()
	}
	var raw rawMenu
	if err := decode(data, &raw); err != nil {
		r.decodeError(err)
		return nil, r.err()
	}
	m := build(&raw, r)
	check(m, r)
	if err := r.err(); err != nil {
		return nil, err
	}
	return m, nil
}

// decode runs the YAML decoder, turning a panic inside it into an error: a
// bad file must never bring the server down.
func decode(data []byte, raw *rawMenu) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the YAML could not be read (%v); check the quoting and indentation", p)
		}
	}()
	return yaml.UnmarshalWithOptions(data, raw, yaml.Strict())
}

// decodeError places a YAML syntax or shape error at its token.
func (r *report) decodeError(err error) {
	var ye yaml.Error
	if !errors.As(err, &ye) || ye.GetToken() == nil || ye.GetToken().Position == nil {
		r.ps = append(r.ps, &Problem{File: r.file, Msg: firstLine(err.Error())})
		return
	}
	at := tokenPos(ye.GetToken())
	r.ps = append(r.ps, &Problem{File: r.file, Line: at.line, Col: at.col, Path: r.pos.byPos[at], Msg: firstLine(ye.GetMessage())})
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// build turns the raw file into a Menu, with defaults for what it leaves
// out.
func build(raw *rawMenu, r *report) *Menu {
	m := &Menu{
		Languages: raw.Languages, Start: raw.Start, Retries: defaultRetries,
		Always: raw.Always, Nodes: raw.Nodes, Phrases: raw.Phrases,
		Report:    raw.Report,
		Timeout:   duration(raw.Timeout, "timeout", defaultTimeout, r),
		RecordMax: duration(raw.RecordMax, "record_max", defaultRecordMax, r),
	}
	if raw.Retries != nil {
		m.Retries = *raw.Retries
	}
	m.Phrases = textsWithDefaults(m.Phrases, demoRaw().Phrases, m.Languages)
	m.Words = textsWithDefaults(raw.Words, demoRaw().Words, m.Languages)
	for id, n := range m.Nodes {
		if n == nil {
			n = &Node{}
			m.Nodes[id] = n
		}
		n.ID = id
	}
	return m
}

// demoRaw is the demo menu as decoded, for the texts other menus leave
// out.
var demoRaw = sync.OnceValue(func() *rawMenu {
	var raw rawMenu
	if err := decode(demoYAML, &raw); err != nil {
		panic("ivr: the demo menu does not decode: " + err.Error())
	}
	return &raw
})

// textsWithDefaults fills what a file leaves out, by key and then by one
// of the menu's languages, from the demo's.
func textsWithDefaults[T any, M ~map[string]T](file, demo map[string]M, langs []string) map[string]M {
	out := map[string]M{}
	for key, byLang := range demo {
		out[key] = M{}
		for _, l := range langs {
			if v, ok := byLang[l]; ok {
				out[key][l] = v
			}
		}
	}
	for key, byLang := range file {
		if out[key] == nil {
			out[key] = M{}
		}
		maps.Copy(out[key], byLang)
	}
	return out
}

func duration(s, path string, def time.Duration, r *report) time.Duration {
	if s == "" {
		return def
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		r.add(path, "%q is not a duration (write it like 5s or 2m)", s)
		return def
	}
	return d
}
