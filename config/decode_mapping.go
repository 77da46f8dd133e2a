package config

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// structure decodes a mapping into the fields of a struct, by their yaml
// tags, and reports every key that is not one of them.
func (d *decoder) structure(n ast.Node, v reflect.Value, path string, at position) {
	entries, ok := d.entries(n, "a mapping", path, at)
	if !ok {
		return
	}
	names, index := fieldsOf(v.Type())
	for _, kv := range entries {
		key, kp, ok := d.key(kv, path)
		if !ok {
			continue
		}
		kpath := joinPath(path, key)
		i, known := index[key]
		if !known {
			d.errorf(kp, kpath, "unknown key %s", suggest(key, names))
			continue
		}
		d.keys[kpath] = kp
		d.value(kv.Value, v.Field(i), kpath, kp)
	}
}

// dictionary decodes a mapping into a map with string keys, over the
// entries the map already has.
func (d *decoder) dictionary(n ast.Node, v reflect.Value, path string, at position) {
	entries, ok := d.entries(n, "a mapping", path, at)
	if !ok {
		return
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(v.Type()))
	}
	for _, kv := range entries {
		key, kp, ok := d.key(kv, path)
		if !ok {
			continue
		}
		kpath := joinPath(path, key)
		d.keys[kpath] = kp
		k := reflect.ValueOf(key).Convert(v.Type().Key())
		elem := reflect.New(v.Type().Elem()).Elem()
		if old := v.MapIndex(k); old.IsValid() {
			elem.Set(old)
		}
		d.value(kv.Value, elem, kpath, kp)
		v.SetMapIndex(k, elem)
	}
}

// list decodes a sequence into a new slice: a list in the file replaces
// the default list rather than adding to it.
func (d *decoder) list(n ast.Node, v reflect.Value, path string, at position) {
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		d.errorf(at, path, "want a list, got %s", describe(n))
		return
	}
	out := reflect.MakeSlice(v.Type(), len(seq.Values), len(seq.Values))
	for i, e := range seq.Values {
		ipath := fmt.Sprintf("%s[%d]", path, i)
		p := nodePos(e)
		d.keys[ipath] = p
		d.value(e, out.Index(i), ipath, p)
	}
	v.Set(out)
}

// entries returns the key-value pairs of a mapping, or reports that want
// was expected.
func (d *decoder) entries(n ast.Node, want, path string, at position) ([]*ast.MappingValueNode, bool) {
	switch t := n.(type) {
	case *ast.MappingNode:
		return t.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{t}, true
	}
	d.errorf(at, path, "want %s, got %s", want, describe(n))
	return nil, false
}

// key returns the text and position of a mapping key.
func (d *decoder) key(kv *ast.MappingValueNode, path string) (string, position, bool) {
	p := nodePos(kv.Key)
	if kv.Key.IsMergeKey() {
		d.errorf(p, path, "merge keys (<<) are not supported")
		return "", p, false
	}
	n := d.resolve(kv.Key)
	if mk, ok := n.(*ast.MappingKeyNode); ok {
		n = d.resolve(mk.Value)
	}
	switch n.(type) {
	case nil, *ast.MappingNode, *ast.MappingValueNode, *ast.SequenceNode:
		d.errorf(p, path, "a key must be a single value")
		return "", p, false
	}
	return n.GetToken().Value, p, true
}

// describe names the kind of a node for "want X, got Y" messages. A
// scalar is not quoted: it could be a secret in the wrong place.
func describe(n ast.Node) string {
	switch n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	}
	return "a single value"
}

// fieldsOf lists the yaml names of the fields of a struct type and maps
// them to the fields' indexes.
func fieldsOf(t reflect.Type) ([]string, map[string]int) {
	var names []string
	index := map[string]int{}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		names = append(names, name)
		index[name] = i
	}
	return names, index
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// nodePos returns where a node starts: a block mapping at its first key,
// anything else at its first token.
func nodePos(n ast.Node) position {
	switch t := n.(type) {
	case *ast.MappingNode:
		if !t.IsFlowStyle && len(t.Values) > 0 {
			return nodePos(t.Values[0].Key)
		}
	case *ast.MappingValueNode:
		return nodePos(t.Key)
	case *ast.DocumentNode:
		if t.Start != nil {
			return tokenPos(t.Start)
		}
		if t.Body != nil {
			return nodePos(t.Body)
		}
	}
	return tokenPos(n.GetToken())
}

func tokenPos(tk *token.Token) position {
	if tk == nil || tk.Position == nil {
		return position{}
	}
	return position{line: tk.Position.Line, col: tk.Position.Column}
}
