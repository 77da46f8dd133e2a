package config

import (
	_ "embed"
)

// demoName names the embedded demo configuration in errors.
const demoName = "demo.yaml"

//go:embed demo.yaml
var demoYAML []byte

// DemoYAML returns the commented configuration of the built-in demo city,
// Riverton: every default, and the texts residents receive. It is a
// starting point for a city's own file.
func DemoYAML() []byte { return append([]byte(nil), demoYAML...) }

// Demo returns the configuration of the built-in demo city. It reads no
// environment, so its staff token is disabled; for the demo with secrets
// from the environment, Parse DemoYAML with os.LookupEnv.
func Demo() *Config {
	c, err := Parse(demoName, demoYAML, nil)
	if err != nil {
		panic("config: the embedded demo configuration is broken: " + err.Error())
	}
	return c
}
