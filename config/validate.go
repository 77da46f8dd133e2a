package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // time zones resolve on hosts without a zoneinfo database
)

// checker validates a decoded configuration and collects errors and
// warnings at the positions of their keys.
type checker struct {
	c     *Config
	src   *source
	errs  Errors
	warns Errors
}

// problem places a message at path in the file, or nowhere when the value
// is not from the file but a default.
func (k *checker) problem(path, format string, args []any) *Error {
	e := &Error{Path: path, Msg: fmt.Sprintf(format, args...)}
	if p := k.src.at(path); p.line > 0 {
		e.File, e.Line, e.Col = k.src.file, p.line, p.col
	}
	return e
}

// errorf reports a problem at path, unless the file's value there could
// not be decoded: that has been reported, and the value is a default.
func (k *checker) errorf(path, format string, args ...any) {
	if !k.src.hasFailed(path) {
		k.errs = append(k.errs, k.problem(path, format, args))
	}
}

func (k *checker) warnf(path, format string, args ...any) {
	k.warns = append(k.warns, k.problem(path, format, args))
}

func (k *checker) show(path, s string) string { return k.src.show(path, s) }

// validate checks c. It caches the time zone it loads.
func (c *Config) validate() (errs, warns Errors) {
	k := &checker{c: c, src: c.src}
	k.city()
	k.server()
	k.storage()
	k.auth()
	k.outbox()
	k.routing()
	k.log()
	k.templates()
	k.channels()
	k.ivr()
	return k.errs, k.warns
}

// Validate checks the configuration, for instance after a command-line flag
// changed it. It returns Errors, with the positions of the keys in the file
// c was parsed from, or nil.
func (c *Config) Validate() error {
	errs, _ := c.validate()
	if len(errs) == 0 {
		return nil
	}
	errs.sort()
	return errs
}

func (k *checker) city() {
	c := &k.c.City
	if strings.TrimSpace(c.Name) == "" {
		k.errorf("city.name", "the city needs a name")
	}
	k.timezone()
	k.languages()
	if len(c.Languages) > 0 && !k.defaultLanguageOK() {
		k.errorf("city.default_language", "%q is not one of city.languages (%s)", c.DefaultLanguage, strings.Join(c.Languages, ", "))
	}
}

// defaultLanguageOK reports whether the default language is one of the
// city's languages.
func (k *checker) defaultLanguageOK() bool {
	return slices.Contains(k.c.City.Languages, k.c.City.DefaultLanguage)
}

func (k *checker) timezone() {
	tz := k.c.City.Timezone
	loc, err := loadLocation(tz)
	if err != nil {
		k.errorf("city.timezone", "%v", err)
		return
	}
	k.c.loc = loc
}

// loadLocation loads an IANA time zone, refusing "" and "Local", which
// depend on the host rather than the city.
func loadLocation(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("want an IANA time zone name, such as America/Chicago")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q (want an IANA name, such as America/Chicago)", name)
	}
	return loc, nil
}

func (k *checker) languages() {
	langs := k.c.City.Languages
	if len(langs) == 0 {
		k.errorf("city.languages", "the city needs at least one language")
	}
	for i, l := range langs {
		path := fmt.Sprintf("city.languages[%d]", i)
		switch {
		case !validLanguage(l):
			k.errorf(path, "%q is not a language tag (want a lower-case code such as en, es or zh-hant)", l)
		case slices.Index(langs, l) < i:
			k.errorf(path, "%q is listed twice", l)
		}
	}
}

// validLanguage accepts lower-case BCP 47 style tags: "en", "es", "pt-br".
func validLanguage(tag string) bool {
	for i, part := range strings.Split(tag, "-") {
		if len(part) < 2 || len(part) > 8 || i == 0 && len(part) > 3 {
			return false
		}
		for _, r := range part {
			if (r < 'a' || r > 'z') && (i == 0 || r < '0' || r > '9') {
				return false
			}
		}
	}
	return true
}

func (k *checker) server() {
	s := &k.c.Server
	if _, port, err := net.SplitHostPort(s.Addr); err != nil || !validPort(port) {
		k.errorf("server.addr", "%s is not host:port (such as 127.0.0.1:8311 or :8311)", k.show("server.addr", s.Addr))
	}
	k.publicURL()
	positive(k, "server.max_body_bytes", s.MaxBodyBytes)
	k.positiveDuration("server.read_timeout", s.ReadTimeout)
	k.positiveDuration("server.shutdown_timeout", s.ShutdownTimeout)
}

func validPort(port string) bool {
	n, err := strconv.Atoi(port)
	return err == nil && n >= 0 && n <= 65535
}

func (k *checker) publicURL() {
	const path = "server.public_url"
	u, err := url.Parse(k.c.Server.PublicURL)
	switch {
	case err != nil || u.Host == "" || u.Scheme != "http" && u.Scheme != "https":
		k.errorf(path, "%s is not an absolute http or https URL (such as https://311.example.gov)", k.show(path, k.c.Server.PublicURL))
	case u.User != nil || u.RawQuery != "" || u.Fragment != "":
		k.errorf(path, "the public URL cannot have a user, a query or a fragment")
	}
}

func positive[N int | int64](k *checker, path string, n N) {
	if n <= 0 {
		k.errorf(path, "must be more than 0, not %d", n)
	}
}

func (k *checker) positiveDuration(path string, d Duration) {
	if d.Duration <= 0 {
		k.errorf(path, "must be longer than 0, not %s", d)
	}
}

func (k *checker) storage() {
	s := &k.c.Storage
	switch s.Driver {
	case DriverSQLite:
		if s.DSN == "" && s.DataDir == "" {
			k.errorf("storage.data_dir", "SQLite needs a data_dir or a dsn")
		}
	case DriverPostgres:
		if s.DSN == "" {
			k.errorf("storage.dsn", "PostgreSQL needs a dsn, such as postgres://intake311@db.example.gov/intake311")
		}
	default:
		k.errorf("storage.driver", "unknown driver %s (want sqlite or postgres)", k.show("storage.driver", s.Driver))
	}
}

func (k *checker) outbox() {
	o := &k.c.Outbox
	positive(k, "outbox.workers", o.Workers)
	positive(k, "outbox.batch", o.Batch)
	positive(k, "outbox.max_attempts", o.MaxAttempts)
	k.positiveDuration("outbox.lease", o.Lease)
	k.positiveDuration("outbox.backoff_initial", o.BackoffInitial)
	k.positiveDuration("outbox.backoff_max", o.BackoffMax)
	k.positiveDuration("outbox.poll_interval", o.PollInterval)
	if o.BackoffInitial.Duration > 0 && o.BackoffInitial.Duration > o.BackoffMax.Duration {
		k.errorf("outbox.backoff_initial", "%s is longer than backoff_max (%s)", o.BackoffInitial, o.BackoffMax)
	}
}

func (k *checker) routing() {
	path := k.c.RoutingPath()
	if path == "" {
		return
	}
	switch _, err := os.Stat(path); {
	case errors.Is(err, fs.ErrNotExist):
		k.errorf("routing.file", "%s does not exist", path)
	case err != nil:
		k.errorf("routing.file", "cannot read the routing document: %v", err)
	}
}

func (k *checker) log() {
	l := &k.c.Log
	if !slices.Contains([]string{"debug", "info", "warn", "error"}, l.Level) {
		k.errorf("log.level", "unknown level %s (want debug, info, warn or error)", k.show("log.level", l.Level))
	}
	if l.Format != "text" && l.Format != "json" {
		k.errorf("log.format", "unknown format %s (want text or json)", k.show("log.format", l.Format))
	}
}
