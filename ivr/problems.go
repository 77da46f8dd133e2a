package ivr

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Problem is one thing wrong with a menu file, at a key path such as
// "nodes.main.options[2].target".
type Problem struct {
	File      string
	Line, Col int // 1-based; 0 when the problem has no place in the file
	Path      string
	Msg       string
}

// Error formats p as "file:line:col: path: msg", leaving out what is
// unknown.
func (p *Problem) Error() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File + ":")
	}
	if p.Line > 0 {
		fmt.Fprintf(&b, "%d:%d:", p.Line, p.Col)
	}
	if b.Len() > 0 {
		b.WriteString(" ")
	}
	if p.Path != "" {
		b.WriteString(p.Path + ": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Problems is every problem found in a menu, sorted by position.
type Problems []*Problem

var (
	_ error = (*Problem)(nil)
	_ error = Problems(nil)
)

// Error lists the problems one per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems, so errors.As finds a *Problem.
func (ps Problems) Unwrap() []error {
	errs := make([]error, len(ps))
	for i, p := range ps {
		errs[i] = p
	}
	return errs
}

// sort orders ps by position, problems without one last.
func (ps Problems) sort() {
	line := func(p *Problem) int {
		if p.Line == 0 {
			return int(^uint(0) >> 1)
		}
		return p.Line
	}
	slices.SortStableFunc(ps, func(a, b *Problem) int {
		return cmp.Or(cmp.Compare(line(a), line(b)), cmp.Compare(a.Col, b.Col), cmp.Compare(a.Path, b.Path))
	})
}

// report collects problems, placing each at its key path in the file.
type report struct {
	file string
	pos  *positions
	ps   Problems
}

func (r *report) add(path, format string, args ...any) {
	p := r.pos.at(path)
	r.ps = append(r.ps, &Problem{File: r.file, Line: p.line, Col: p.col, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// err returns the problems sorted, or nil.
func (r *report) err() error {
	if len(r.ps) == 0 {
		return nil
	}
	r.ps.sort()
	return r.ps
}
