// Package config is the YAML configuration of the intake311 gateway: the
// city, the HTTP server, storage, staff API tokens, the outbox dispatcher,
// routing, logging and the texts residents receive.
//
// A configuration file is read over the built-in demo city (see DemoYAML), so
// every key it leaves out keeps its demo value and a file may be as short as
//
//	city: {name: Springfield}
//
// Any scalar may refer to the environment: ${VAR} is replaced by the
// variable's value, ${VAR:-text} falls back to text when the variable is unset
// or empty, and $$ stands for a literal $. Secrets such as API tokens normally
// come in this way and never appear in errors or in the printed
// configuration.
//
// Parse reports every problem at once, each with its file:line:col and key
// path, as Errors. Only cmd/intake311 reads this package; it turns a Config
// into the Options of the concrete components.
package config
