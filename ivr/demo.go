package ivr

import (
	_ "embed"
	"fmt"
)

//go:embed demo.yaml
var demoYAML []byte

// DemoYAML returns the commented voice menu of the demo city, Riverton: a
// starting point for a city's own.
func DemoYAML() []byte { return append([]byte(nil), demoYAML...) }

// Demo returns the demo city's voice menu. A test proves it valid.
func Demo() *Menu {
	m, err := Parse("demo.yaml", demoYAML)
	if err != nil {
		panic(fmt.Sprintf("ivr: the demo menu is invalid: %v", err))
	}
	return m
}
