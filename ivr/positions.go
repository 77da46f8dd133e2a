package ivr

import (
	"fmt"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// position is a 1-based line and column in a file.
type position struct{ line, col int }

// positions knows where each key path of a YAML file is written.
type positions struct {
	byPath map[string]position // "nodes.main.options[1]" -> its key or list item
	byPos  map[position]string // the reverse, to name the path of a decoder error
}

// newPositions parses data for positions only; a file that does not parse
// has none (the decoder reports why).
func newPositions(data []byte) *positions {
	p := &positions{byPath: map[string]position{}, byPos: map[position]string{}}
	f, err := parser.ParseBytes(data, 0)
	if err != nil || len(f.Docs) == 0 {
		return p
	}
	p.walk(f.Docs[0].Body, "")
	return p
}

func (p *positions) set(path string, at position) {
	p.byPath[path] = at
	if _, ok := p.byPos[at]; !ok {
		p.byPos[at] = path
	}
}

// walk records the positions of the keys and items under n.
func (p *positions) walk(n ast.Node, path string) {
	switch t := n.(type) {
	case *ast.MappingNode:
		for _, kv := range t.Values {
			p.pair(kv, path)
		}
	case *ast.MappingValueNode:
		p.pair(t, path)
	case *ast.SequenceNode:
		for i, v := range t.Values {
			item := fmt.Sprintf("%s[%d]", path, i)
			p.set(item, itemPos(v))
			p.walk(v, item)
		}
	case *ast.TagNode:
		p.walk(t.Value, path)
	case *ast.AnchorNode:
		p.walk(t.Value, path)
	}
}

func (p *positions) pair(kv *ast.MappingValueNode, path string) {
	if kv.Key == nil || kv.Key.GetToken() == nil {
		return
	}
	key := join(path, kv.Key.GetToken().Value)
	at := tokenPos(kv.Key.GetToken())
	p.set(key, at)
	if kv.Value != nil {
		p.byPos[tokenPos(kv.Value.GetToken())] = key
		p.walk(kv.Value, key)
	}
}

// at returns where path is written, or its nearest enclosing key that is.
func (p *positions) at(path string) position {
	for ; path != ""; path = parent(path) {
		if at, ok := p.byPath[path]; ok {
			return at
		}
	}
	return position{}
}

// itemPos is where a list item starts: a mapping at its first key.
func itemPos(n ast.Node) position {
	if m, ok := n.(*ast.MappingNode); ok && !m.IsFlowStyle && len(m.Values) > 0 {
		n = m.Values[0].Key
	}
	if kv, ok := n.(*ast.MappingValueNode); ok {
		n = kv.Key
	}
	return tokenPos(n.GetToken())
}

func tokenPos(tk *token.Token) position {
	if tk == nil || tk.Position == nil {
		return position{}
	}
	return position{tk.Position.Line, tk.Position.Column}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// parent strips the last element of a key path: "a.b[2]" -> "a.b".
func parent(path string) string {
	if i := strings.LastIndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return ""
}
