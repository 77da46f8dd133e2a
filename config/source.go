package config

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// position is a place in a file: 1-based line and column, the column
// counted in characters as the YAML parser counts them.
type position struct{ line, col int }

// source is a configuration file and where its keys are.
type source struct {
	file string
	data []byte
	keys map[string]position // key path -> the key, or the element of a list
	// env maps the key paths whose value came from the environment to the
	// first variable used.
	env map[string]string
	// failed holds the key paths whose value could not be decoded: they
	// keep their default, which validation does not blame on the file.
	failed map[string]bool
}

func newSource(file string, data []byte) *source {
	return &source{
		file: file, data: data,
		keys: map[string]position{}, env: map[string]string{}, failed: map[string]bool{},
	}
}

// hasFailed reports whether path, or a key that contains it, could not be
// decoded.
func (s *source) hasFailed(path string) bool {
	for ; s != nil && path != ""; path = parentPath(path) {
		if s.failed[path] {
			return true
		}
	}
	return false
}

// show quotes a value of path for a message, unless it came from the
// environment: then it names the variable instead.
func (s *source) show(path, value string) string {
	if name, ok := s.envVar(path); ok {
		return "the value of ${" + name + "}"
	}
	return strconv.Quote(value)
}

func (s *source) envVar(path string) (string, bool) {
	if s == nil {
		return "", false
	}
	name, ok := s.env[path]
	return name, ok
}

// has reports whether the file gives path.
func (s *source) has(path string) bool {
	if s == nil {
		return false
	}
	_, ok := s.keys[path]
	return ok
}

// at returns the position of path, or of the nearest enclosing key the
// file gives, or the zero position.
func (s *source) at(path string) position {
	for s != nil && path != "" {
		if p, ok := s.keys[path]; ok {
			return p
		}
		path = parentPath(path)
	}
	return position{}
}

// parentPath strips the last element of a key path: "a.b[2]" -> "a.b".
func parentPath(path string) string {
	if i := strings.LastIndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return ""
}

// offset returns the byte offset of p in the file, or -1.
func (s *source) offset(p position) int {
	off := 0
	for line := 1; line < p.line; line++ {
		i := bytes.IndexByte(s.data[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	for col := 1; col < p.col && off < len(s.data) && s.data[off] != '\n'; col++ {
		_, n := utf8.DecodeRune(s.data[off:])
		off += n
	}
	return off
}

// positionOf returns the position of the byte at offset off.
func (s *source) positionOf(off int) position {
	before := s.data[:off]
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return position{
		line: bytes.Count(before, []byte("\n")) + 1,
		col:  utf8.RuneCount(before[lineStart:]) + 1,
	}
}

// find returns the position of the first occurrence of needle at or after
// from, or from itself if there is none.
func (s *source) find(from position, needle string) position {
	off := s.offset(from)
	if off < 0 {
		return from
	}
	i := bytes.Index(s.data[off:], []byte(needle))
	if i < 0 {
		return from
	}
	return s.positionOf(off + i)
}
