package config

import (
	"path/filepath"
	"time"

	"github.com/goccy/go-yaml"
)

// Config is the whole configuration of the gateway. The zero value is not
// useful: get one from Parse, Load or Demo.
type Config struct {
	City      City      `yaml:"city"`
	Server    Server    `yaml:"server"`
	Storage   Storage   `yaml:"storage"`
	Auth      Auth      `yaml:"auth"`
	Outbox    Outbox    `yaml:"outbox"`
	Routing   Routing   `yaml:"routing"`
	Log       Log       `yaml:"log"`
	Templates Templates `yaml:"templates"`
	Channels  Channels  `yaml:"channels"`
	IVR       IVR       `yaml:"ivr"`

	// Warnings are problems that do not stop the gateway, such as a token
	// left empty, formatted like errors.
	Warnings []string `yaml:"-"`

	dir string         // directory of the file, for relative paths
	loc *time.Location // City.Timezone, loaded
	src *source        // positions of the keys of the file, for Validate
}

// City describes the city the gateway serves.
type City struct {
	Name     string `yaml:"name"`
	Timezone string `yaml:"timezone"` // IANA name, such as America/Chicago
	// Languages are the languages residents are answered in, as lower-case
	// tags such as "en" or "es".
	Languages []string `yaml:"languages"`
	// DefaultLanguage answers residents whose language is unknown or not
	// supported. When the file does not set it, it is the first language.
	DefaultLanguage string `yaml:"default_language"`
}

// Server configures the HTTP server.
type Server struct {
	Addr string `yaml:"addr"` // host:port to listen on
	// PublicURL is the absolute http(s) URL residents and providers reach
	// the server at; webhook signatures and links are computed against it.
	PublicURL       string   `yaml:"public_url"`
	MaxBodyBytes    int64    `yaml:"max_body_bytes"`
	ReadTimeout     Duration `yaml:"read_timeout"`
	ShutdownTimeout Duration `yaml:"shutdown_timeout"`
}

// Storage drivers.
const (
	DriverSQLite   = "sqlite"
	DriverPostgres = "postgres"
)

// Storage says where cases are kept.
type Storage struct {
	Driver string `yaml:"driver"` // DriverSQLite or DriverPostgres
	// DSN is the PostgreSQL URL, or the SQLite file path ("" puts it in
	// DataDir). It is a Secret because a URL may carry a password.
	DSN Secret `yaml:"dsn"`
	// DataDir holds the gateway's files. A relative path is relative to the
	// working directory, like the --data flag.
	DataDir string `yaml:"data_dir"`
}

// Auth configures the staff API.
type Auth struct {
	Tokens []Token `yaml:"tokens"` // bearer tokens
}

// Outbox configures the dispatcher that delivers notifications.
type Outbox struct {
	Workers        int      `yaml:"workers"`      // concurrent sends
	Batch          int      `yaml:"batch"`        // notifications claimed at a time
	Lease          Duration `yaml:"lease"`        // how long a claim lasts
	MaxAttempts    int      `yaml:"max_attempts"` // before a notification is dead-lettered
	BackoffInitial Duration `yaml:"backoff_initial"`
	BackoffMax     Duration `yaml:"backoff_max"`
	PollInterval   Duration `yaml:"poll_interval"` // idle wait between claims
}

// Routing locates the routing document.
type Routing struct {
	// File is the routing document (service catalogue, keywords, rules);
	// "" is the built-in demo document. A relative path is relative to the
	// configuration file. Use Config.RoutingPath.
	File string `yaml:"file"`
}

// Log configures logging.
type Log struct {
	Level  string `yaml:"level"`  // debug, info, warn or error
	Format string `yaml:"format"` // text or json
}

// Templates are the texts residents receive, in Go text/template syntax,
// by language and then by key ("ack", "ack.emergency", "status",
// "status.<status>", "note"). A key left out falls back to the demo text of
// the same language and key.
type Templates map[string]map[string]string

// Location returns the city's time zone (UTC if it cannot be loaded, which
// a parsed configuration rules out).
func (c *Config) Location() *time.Location {
	if c.loc != nil {
		return c.loc
	}
	if loc, err := loadLocation(c.City.Timezone); err == nil {
		return loc
	}
	return time.UTC
}

// SQLitePath returns the SQLite database file: Storage.DSN, or
// intake311.db in Storage.DataDir.
func (c *Config) SQLitePath() string {
	if c.Storage.DSN != "" {
		return string(c.Storage.DSN)
	}
	return filepath.Join(c.Storage.DataDir, "intake311.db")
}

// RoutingPath returns the routing document's path resolved against the
// configuration file's directory, or "" for the built-in document.
func (c *Config) RoutingPath() string {
	f := c.Routing.File
	if f == "" || filepath.IsAbs(f) {
		return f
	}
	return filepath.Join(c.dir, f)
}

// String returns the configuration as YAML, with secrets redacted.
func (c *Config) String() string {
	b, err := yaml.MarshalWithOptions(c, yaml.IndentSequence(true))
	if err != nil {
		return "config: " + err.Error()
	}
	return string(b)
}
