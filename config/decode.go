package config

import (
	"encoding"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// decoder reads a YAML file over a Config, keeping what the file leaves
// out, and collects every problem with its position.
type decoder struct {
	*source
	lookupEnv func(string) (string, bool)
	anchors   map[string]ast.Node
	errs      Errors
}

// decodeFile decodes data over c and returns where its keys are.
func decodeFile(c *Config, file string, data []byte, lookupEnv func(string) (string, bool)) (*source, Errors) {
	d := &decoder{source: newSource(file, data), lookupEnv: lookupEnv, anchors: map[string]ast.Node{}}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		d.syntaxError(err)
		return d.source, d.errs
	}
	d.file(f, c)
	return d.source, d.errs
}

func (d *decoder) errorf(p position, path, format string, args ...any) {
	d.failed[path] = true
	d.errs = append(d.errs, &Error{File: d.source.file, Line: p.line, Col: p.col, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// syntaxError reports a parser error at its token, without the source
// excerpt the parser adds (the excerpt could show a secret).
func (d *decoder) syntaxError(err error) {
	var ye yaml.Error
	if !errors.As(err, &ye) {
		d.errorf(position{}, "", "%v", err)
		return
	}
	d.errorf(tokenPos(ye.GetToken()), "", "syntax error: %s", ye.GetMessage())
}

func (d *decoder) file(f *ast.File, c *Config) {
	if len(f.Docs) > 1 {
		d.errorf(nodePos(f.Docs[1]), "", "the file has %d YAML documents; a configuration is one", len(f.Docs))
		return
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return
	}
	body := f.Docs[0].Body
	d.value(body, reflect.ValueOf(c).Elem(), "", nodePos(body))
}

// value decodes n into v. at is where errors about the value point: the
// key it belongs to, or the element of a list.
func (d *decoder) value(n ast.Node, v reflect.Value, path string, at position) {
	n = d.resolve(n)
	if n == nil || n.Type() == ast.NullType {
		return
	}
	if u, ok := v.Addr().Interface().(encoding.TextUnmarshaler); ok {
		d.text(n, u, path, at)
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.structure(n, v, path, at)
	case reflect.Map:
		d.dictionary(n, v, path, at)
	case reflect.Slice:
		d.list(n, v, path, at)
	case reflect.String:
		if s, ok := d.scalar(n, "a string", path, at); ok {
			v.SetString(s)
		}
	case reflect.Int, reflect.Int64:
		d.integer(n, v, path, at)
	default:
		panic("config: cannot decode into " + v.Type().String())
	}
}

// resolve unwraps tags and anchors and follows aliases.
func (d *decoder) resolve(n ast.Node) ast.Node {
	for {
		switch t := n.(type) {
		case *ast.TagNode:
			n = t.Value
		case *ast.AnchorNode:
			d.anchors[t.Name.GetToken().Value] = t.Value
			n = t.Value
		case *ast.AliasNode:
			n = d.anchors[t.Value.GetToken().Value]
		default:
			return n
		}
	}
}

func (d *decoder) text(n ast.Node, u encoding.TextUnmarshaler, path string, at position) {
	s, ok := d.scalar(n, "a single value", path, at)
	if !ok {
		return
	}
	if err := u.UnmarshalText([]byte(s)); err != nil {
		d.errorf(at, path, "%s", d.redact(path, err.Error(), s))
	}
}

func (d *decoder) integer(n ast.Node, v reflect.Value, path string, at position) {
	s, ok := d.scalar(n, "a whole number", path, at)
	if !ok {
		return
	}
	i, err := strconv.ParseInt(s, 0, v.Type().Bits())
	if err != nil {
		d.errorf(at, path, "%s is not a whole number", d.show(path, s))
		return
	}
	v.SetInt(i)
}

// redact replaces the quoted value in msg if it came from the environment.
func (d *decoder) redact(path, msg, s string) string {
	return strings.ReplaceAll(msg, strconv.Quote(s), d.show(path, s))
}

// scalar returns the text of a scalar, with the environment expanded, or
// reports that want was expected.
func (d *decoder) scalar(n ast.Node, want, path string, at position) (string, bool) {
	switch t := n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		d.errorf(at, path, "want %s, got a mapping", want)
		return "", false
	case *ast.SequenceNode:
		d.errorf(at, path, "want %s, got a list", want)
		return "", false
	case *ast.StringNode:
		return d.expand(t.Value, path, nodePos(t))
	case *ast.LiteralNode:
		return d.expand(t.Value.Value, path, nodePos(t))
	}
	return n.GetToken().Value, true
}

// expand expands the environment in s, found at p, and reports each
// reference it cannot expand at the reference itself.
func (d *decoder) expand(s, path string, p position) (string, bool) {
	out, name, problems := expand(s, d.lookupEnv)
	if name != "" {
		d.env[path] = name
	}
	for _, pr := range problems {
		d.errorf(d.find(p, pr.ref), path, "%s", pr.msg)
	}
	return out, len(problems) == 0
}
