package router

import (
	_ "embed"
	"fmt"
)

//go:embed demo.yaml
var demoYAML []byte

// DemoYAML returns the routing document of the demo city, Riverton.
func DemoYAML() []byte { return append([]byte(nil), demoYAML...) }

// Demo returns the demo city's parsed document. A test proves it valid.
func Demo() *Document {
	d, err := Parse("demo.yaml", demoYAML)
	if err != nil {
		panic(fmt.Sprintf("router: the demo document is invalid: %v", err))
	}
	return d
}
