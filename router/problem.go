package router

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/intake311/intake311/cases"
)

// Problem is one thing wrong with a routing document.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Path    string `json:"path"` // key path: rules[3].when.service
	Message string `json:"message"`
}

func (p Problem) String() string {
	path := p.Path
	if path == "" {
		path = "(document)"
	}
	return fmt.Sprintf("%s:%d:%d: %s: %s", p.File, p.Line, p.Col, path, p.Message)
}

// Problems is every problem found in a document; it is an error of kind
// cases.ErrInvalid.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Unwrap makes errors.Is(err, cases.ErrInvalid) true.
func (ps Problems) Unwrap() error { return cases.ErrInvalid }

// problems collects the problems of one document as it is checked.
type problems struct {
	file string
	pos  *positions
	list Problems
}

func (ps *problems) add(path, format string, args ...any) {
	at := ps.pos.find(path)
	ps.list = append(ps.list, Problem{File: ps.file, Line: max(at.line, 1), Col: max(at.col, 1),
		Path: path, Message: fmt.Sprintf(format, args...)})
}

func (ps *problems) addAt(at pos, path, msg string) {
	ps.list = append(ps.list, Problem{File: ps.file, Line: max(at.line, 1), Col: max(at.col, 1), Path: path, Message: msg})
}

func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	slices.SortStableFunc(ps.list, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return ps.list
}
