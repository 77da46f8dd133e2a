package router

import (
	"fmt"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// positions knows where each key path of a YAML document is written.
type positions struct {
	byPath map[string]pos // "services[2].keywords.en" -> where its value starts
	byPos  map[pos]string // the reverse, for decoder errors
}

type pos struct{ line, col int }

// newPositions parses data for positions only; a syntax error leaves it
// empty (the decoder reports it).
func newPositions(data []byte) *positions {
	p := &positions{byPath: map[string]pos{}, byPos: map[pos]string{}}
	f, err := parser.ParseBytes(data, 0)
	if err != nil || len(f.Docs) == 0 {
		return p
	}
	p.walk("", f.Docs[0].Body)
	return p
}

func (p *positions) walk(path string, n ast.Node) {
	if n == nil {
		return
	}
	p.put(path, n)
	switch n := n.(type) {
	case *ast.MappingNode:
		for _, v := range n.Values {
			p.walkPair(path, v)
		}
	case *ast.MappingValueNode:
		p.walkPair(path, n)
	case *ast.SequenceNode:
		for i, v := range n.Values {
			p.walk(fmt.Sprintf("%s[%d]", path, i), v)
		}
	case *ast.AnchorNode:
		p.walk(path, n.Value)
	case *ast.TagNode:
		p.walk(path, n.Value)
	}
}

func (p *positions) walkPair(path string, v *ast.MappingValueNode) {
	key := strings.TrimSpace(v.Key.String())
	child := key
	if path != "" {
		child = path + "." + key
	}
	// A value on the key's line is where a problem is; a block below its
	// key is better pointed at by the key.
	if tv, tk := v.Value.GetToken(), v.Key.GetToken(); tv != nil && tk != nil &&
		tv.Position != nil && tk.Position != nil && tv.Position.Line == tk.Position.Line {
		p.walk(child, v.Value)
		p.put(child, v.Key)
		return
	}
	p.put(child, v.Key)
	p.walk(child, v.Value)
}

func (p *positions) put(path string, n ast.Node) {
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return
	}
	at := pos{tk.Position.Line, tk.Position.Column}
	if _, ok := p.byPath[path]; !ok {
		p.byPath[path] = at
	}
	if _, ok := p.byPos[at]; !ok {
		p.byPos[at] = path
	}
}

// find returns where path is written, or where its closest written parent
// is (a missing key is reported at the mapping that lacks it).
func (p *positions) find(path string) pos {
	for {
		if at, ok := p.byPath[path]; ok {
			return at
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return p.byPath[""]
		}
		path = path[:i]
	}
}
