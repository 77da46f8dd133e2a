package config_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/intake311/intake311/config"
)

// testEnv is the environment the testdata files are read with. Its values
// marked SECRET must never show in an error, a warning or printed output.
var testEnv = map[string]string{
	"CITY_NAME":     "Springfield",
	"DATABASE_URL":  "postgres://intake311:db-SECRET-password@db/intake311",
	"MANAGER_TOKEN": "manager-SECRET-token-0123456789",
	"LISTEN_ADDR":   "addr-SECRET-value",
	"MANAGER_ROLE":  "role-SECRET-value",
	"EMPTY":         "",
}

func lookup(env map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := env[name]
		return v, ok
	}
}

// parseFile parses testdata/name with testEnv.
func parseFile(t *testing.T, name string) (*config.Config, error) {
	t.Helper()
	path := filepath.Join("testdata", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return config.Parse(path, data, lookup(testEnv))
}

// errorFiles maps each invalid testdata file to the exact error Parse
// reports for it.
var errorFiles = []struct {
	file string
	want string
}{
	{"many_errors.yaml", `testdata/many_errors.yaml:3:3: city.timezone: unknown time zone "America/Chicgo" (want an IANA name, such as America/Chicago)
testdata/many_errors.yaml:4:23: city.languages[2]: "en" is listed twice
testdata/many_errors.yaml:4:27: city.languages[3]: "EN" is not a language tag (want a lower-case code such as en, es or zh-hant)
testdata/many_errors.yaml:5:3: city.default_language: "fr" is not one of city.languages (en, es, en, EN)
testdata/many_errors.yaml:7:3: server.addr: "localhost" is not host:port (such as 127.0.0.1:8311 or :8311)
testdata/many_errors.yaml:8:3: server.public_url: "311.riverton.gov" is not an absolute http or https URL (such as https://311.example.gov)
testdata/many_errors.yaml:9:3: server.max_body_bytes: must be more than 0, not 0
testdata/many_errors.yaml:10:3: server.read_timeout: must be longer than 0, not -5s
testdata/many_errors.yaml:12:3: storage.driver: unknown driver "mysql" (want sqlite or postgres)
testdata/many_errors.yaml:17:7: auth.tokens[0].sha256: want the SHA-256 of the token as 64 hex digits
testdata/many_errors.yaml:18:7: auth.tokens[1]: give either token or sha256, not both
testdata/many_errors.yaml:18:7: auth.tokens[1].name: "manager" is also the name of auth.tokens[0]
testdata/many_errors.yaml:19:7: auth.tokens[1].role: unknown role "admin" (want agent, manager, viewer or workorder)
testdata/many_errors.yaml:22:7: auth.tokens[2].name: a token needs a name
testdata/many_errors.yaml:24:3: outbox.workers: must be more than 0, not -1
testdata/many_errors.yaml:25:3: outbox.backoff_initial: 1h is longer than backoff_max (15m)
testdata/many_errors.yaml:28:3: log.level: unknown level "verbose" (want debug, info, warn or error)
testdata/many_errors.yaml:29:3: log.format: unknown format "xml" (want text or json)`},
	{"channels_errors.yaml", `testdata/channels_errors.yaml:5:5: channels.twilio.auth_token: texting needs the account's auth token (put it in the environment: ${TWILIO_AUTH_TOKEN})
testdata/channels_errors.yaml:6:5: channels.twilio.from: "555-0100" is not a phone number in E.164 form, such as +13125550100
testdata/channels_errors.yaml:7:5: channels.twilio.api_base: "api.twilio.com" is not an absolute http or https URL
testdata/channels_errors.yaml:9:7: channels.twilio.voice.call_retries: must be 0 or more, not -1
testdata/channels_errors.yaml:10:3: channels.email.smtp: email needs an SMTP server to send replies: set smtp.addr, such as mail.riverton.gov:587
testdata/channels_errors.yaml:11:5: channels.email.address: "three-one-one" is not an email address, such as 311@riverton.gov
testdata/channels_errors.yaml:13:9: channels.email.mailboxes[0].addr: "imap.riverton.gov" is not host:port, such as mail.riverton.gov:993
testdata/channels_errors.yaml:14:9: channels.email.mailboxes[0].tls: unknown tls "ssl" (want implicit or starttls)
testdata/channels_errors.yaml:15:9: channels.email.mailboxes[0].username: a mailbox needs a username and a password (put it in the environment)
testdata/channels_errors.yaml:17:9: channels.email.mailboxes[0].idle_restart: must be under 29m, not 45m`},
	{"unknown_keys.yaml", `testdata/unknown_keys.yaml:3:3: city.tiemzone: unknown key (did you mean "timezone"?)
testdata/unknown_keys.yaml:4:3: city.langauges: unknown key (did you mean "languages"?)
testdata/unknown_keys.yaml:5:1: serverr: unknown key (did you mean "server"?)
testdata/unknown_keys.yaml:9:3: storage.path: unknown key (want driver, dsn or data_dir)
testdata/unknown_keys.yaml:14:7: auth.tokens[0].tokn: unknown key (did you mean "token"?)
testdata/unknown_keys.yaml:16:3: outbox.Workers: unknown key (did you mean "workers"?)
testdata/unknown_keys.yaml:17:3: outbox.max-attempts: unknown key (did you mean "max_attempts"?)`},
	{"type_errors.yaml", `testdata/type_errors.yaml:2:3: city.name: want a string, got a list
testdata/type_errors.yaml:3:3: city.languages: want a list, got a single value
testdata/type_errors.yaml:5:3: server.max_body_bytes: "1MB" is not a whole number
testdata/type_errors.yaml:6:3: server.read_timeout: "15" is not a duration (write it like 30s, 15m or 2h)
testdata/type_errors.yaml:7:3: server.shutdown_timeout: "soon" is not a duration (write it like 30s, 15m or 2h)
testdata/type_errors.yaml:8:1: storage: want a mapping, got a single value
testdata/type_errors.yaml:10:3: auth.tokens: want a list, got a mapping
testdata/type_errors.yaml:13:3: outbox.workers: "2.5" is not a whole number
testdata/type_errors.yaml:14:3: outbox.batch: want a whole number, got a mapping
testdata/type_errors.yaml:16:3: templates.en: want a mapping, got a single value`},
	{"env_missing.yaml", `testdata/env_missing.yaml:5:30: storage.dsn: environment variable DB_PASSWORD is not set (write ${DB_PASSWORD:-} to allow it to be empty)
testdata/env_missing.yaml:5:75: storage.dsn: environment variable DB_USER is not set (write ${DB_USER:-} to allow it to be empty)
testdata/env_missing.yaml:13:14: auth.tokens[1].token: "1BAD" is not an environment variable name
testdata/env_missing.yaml:15:12: outbox.workers: ${ has no closing }`},
	{"templates.yaml", `testdata/templates.yaml:6:5: templates.en.ack: unknown field .Trackng (did you mean .Tracking?)
testdata/templates.yaml:7:5: templates.en.status.closd: unknown text "status.closd" (did you mean "status.closed"?)
testdata/templates.yaml:8:5: templates.en.status.resolved: template: the text ends too soon (is an {{end}} missing?)
testdata/templates.yaml:9:5: templates.en.note: template: function "upper" not defined (line 2 of the text)
testdata/templates.yaml:12:5: templates.en.ackk: unknown field .Addres (did you mean .Address?)
testdata/templates.yaml:12:5: templates.en.ackk: unknown field .Tags (want .Tracking, .TrackingSpoken, .Status, .CloseReason, .Service, .ServiceCode, .Department, .Address, .Note)
testdata/templates.yaml:14:5: templates.en.status.on_hold: the text is empty
testdata/templates.yaml:15:3: templates.fr: "fr" is not one of city.languages (en)`},
	{"secrets.yaml", `testdata/secrets.yaml:4:3: server.addr: the value of ${LISTEN_ADDR} is not host:port (such as 127.0.0.1:8311 or :8311)
testdata/secrets.yaml:11:7: auth.tokens[0].role: unknown role the value of ${MANAGER_ROLE} (want agent, manager, viewer or workorder)
testdata/secrets.yaml:16:7: auth.tokens[2]: give either token or sha256, not both
testdata/secrets.yaml:21:3: outbox.workers: the value of ${MANAGER_TOKEN} is not a whole number`},
	{"syntax.yaml", `testdata/syntax.yaml:4:1: syntax error: ',' or ']' must be specified`},
	{"syntax_secret.yaml", `testdata/syntax_secret.yaml:5:14: syntax error: could not find end character of double-quoted text`},
	{"indent.yaml", `testdata/indent.yaml:3:2: syntax error: value is not allowed in this context`},
	{"two_docs.yaml", `testdata/two_docs.yaml:2:1: the file has 2 YAML documents; a configuration is one`},
	{"routing_missing.yaml", `testdata/routing_missing.yaml:3:3: routing.file: testdata/routing/missing.yaml does not exist`},
}

func TestParseErrors(t *testing.T) {
	for _, tt := range errorFiles {
		t.Run(tt.file, func(t *testing.T) {
			c, err := parseFile(t, tt.file)
			if err == nil {
				t.Fatalf("no error; warnings %q", c.Warnings)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error:\n%s\nwant:\n%s", got, tt.want)
			}
			var errs config.Errors
			if !errors.As(err, &errs) || len(errs) != strings.Count(tt.want, "\n")+1 {
				t.Errorf("error is %T with %d entries, want config.Errors, one per line", err, len(errs))
			}
		})
	}
}

// validFiles maps each valid testdata file to checks of what Parse made
// of it.
var validFiles = []struct {
	file     string
	warnings []string
	check    func(t *testing.T, c *config.Config)
}{
	{"minimal.yaml", []string{"auth.tokens[0]: token is empty; the token is disabled"}, checkMinimal},
	{"languages.yaml", []string{"auth.tokens[0]: token is empty; the token is disabled"}, checkLanguages},
	{"env.yaml", []string{"testdata/env.yaml:13:7: auth.tokens[1]: token is empty; the token is disabled"}, checkEnv},
	{"routing.yaml", []string{"auth.tokens[0]: token is empty; the token is disabled"}, checkRouting},
}

func TestParse(t *testing.T) {
	for _, tt := range validFiles {
		t.Run(tt.file, func(t *testing.T) {
			c, err := parseFile(t, tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(c.Warnings, tt.warnings) {
				t.Errorf("warnings %q, want %q", c.Warnings, tt.warnings)
			}
			tt.check(t, c)
		})
	}
}

// checkMinimal: a file of one line keeps every other demo value.
func checkMinimal(t *testing.T, c *config.Config) {
	demo := config.Demo()
	demo.City.Name, demo.City.Timezone = "Springfield", "America/New_York"
	assertSame(t, c, demo)
	if got := c.Location().String(); got != "America/New_York" {
		t.Errorf("Location() = %s", got)
	}
	if got := c.SQLitePath(); got != filepath.Join("var", "intake311.db") {
		t.Errorf("SQLitePath() = %s", got)
	}
	if c.RoutingPath() != "" {
		t.Errorf("RoutingPath() = %q, want the built-in document", c.RoutingPath())
	}
}

// checkLanguages: the first language is the default unless the file says
// otherwise, and a text left out falls back to the demo text in its
// language.
func checkLanguages(t *testing.T, c *config.Config) {
	if c.City.DefaultLanguage != "es" {
		t.Errorf("default language %q, want es", c.City.DefaultLanguage)
	}
	demo := config.Demo().Templates
	if got, want := c.Templates["es"]["ack"], "Villa Nueva 311: recibimos su reporte {{.TrackingSpoken}}."; got != want {
		t.Errorf("es ack = %q, want %q", got, want)
	}
	if got := c.Templates["es"]["status.closed"]; got != demo["es"]["status.closed"] {
		t.Errorf("es status.closed = %q, want the demo text", got)
	}
	if !reflect.DeepEqual(c.Templates["en"], demo["en"]) {
		t.Errorf("en texts differ from the demo's")
	}
}

// checkEnv: ${VAR}, ${VAR:-default} and $$ in strings and numbers.
func checkEnv(t *testing.T, c *config.Config) {
	want := []config.Token{
		{Name: "manager", Role: config.RoleManager, Token: "manager-SECRET-token-0123456789"},
		{Name: "work-orders", Role: config.RoleWorkOrder},
		{Name: "kiosk", Role: config.RoleViewer, Token: "${not a reference}-kiosk-0123456789"},
	}
	if !reflect.DeepEqual(c.Auth.Tokens, want) {
		t.Errorf("tokens %#v, want %#v", tokenValues(c.Auth.Tokens), tokenValues(want))
	}
	got := []any{c.City.Name, c.Server.PublicURL, string(c.Storage.DSN), c.Outbox.Workers}
	wantScalars := []any{"Springfield", "https://311.example.gov/", testEnv["DATABASE_URL"], 4}
	if !reflect.DeepEqual(got, wantScalars) {
		t.Errorf("got %q, want %q", got, wantScalars)
	}
	if c.Auth.Tokens[1].Enabled() || !c.Auth.Tokens[0].Enabled() {
		t.Errorf("Enabled() wrong: an empty token is disabled, a set one enabled")
	}
}

// checkRouting: a relative routing file is relative to the configuration.
func checkRouting(t *testing.T, c *config.Config) {
	if got, want := c.RoutingPath(), filepath.Join("testdata", "routing", "rules.yaml"); got != want {
		t.Errorf("RoutingPath() = %q, want %q", got, want)
	}
}

// TestTestdata checks that every testdata file is in a table.
func TestTestdata(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, f := range errorFiles {
		listed = append(listed, f.file)
	}
	for _, f := range validFiles {
		listed = append(listed, f.file)
	}
	for _, f := range files {
		if !slices.Contains(listed, filepath.Base(f)) {
			t.Errorf("%s is in no test table", f)
		}
	}
}

func TestEnvExpansion(t *testing.T) {
	env := map[string]string{"A": "alpha", "EMPTY": "", "PRICE": "5"}
	tests := []struct {
		in, want string
	}{
		{"plain", "plain"},
		{"${A}", "alpha"},
		{"x-${A}-${A}-y", "x-alpha-alpha-y"},
		{"${UNSET:-fallback}", "fallback"},
		{"${EMPTY:-fallback}", "fallback"},
		{"${EMPTY}", ""},
		{"${A:-fallback}", "alpha"},
		{"${UNSET:-}", ""},
		{"${UNSET:-a:-b c}", "a:-b c"},
		{"$$", "$"},
		{"$${A}", "${A}"},
		{"$$$${A}", "$${A}"},
		{"$$${A}", "$alpha"},
		{"costs $${PRICE} or $PRICE or $", "costs ${PRICE} or $PRICE or $"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			data := fmt.Sprintf("city:\n  name: '[%s]'\n", tt.in)
			c, err := config.Parse("env.yaml", []byte(data), lookup(env))
			if err != nil {
				t.Fatal(err)
			}
			if want := "[" + tt.want + "]"; c.City.Name != want {
				t.Errorf("got %q, want %q", c.City.Name, want)
			}
		})
	}
}

func TestEnvExpansionErrors(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"${UNSET}", `env.yaml:2:10: city.name: environment variable UNSET is not set (write ${UNSET:-} to allow it to be empty)`},
		{"a ${UNSET} b ${ALSO}", "env.yaml:2:12: city.name: environment variable UNSET is not set (write ${UNSET:-} to allow it to be empty)\n" +
			"env.yaml:2:23: city.name: environment variable ALSO is not set (write ${ALSO:-} to allow it to be empty)"},
		{"${}", `env.yaml:2:10: city.name: "" is not an environment variable name`},
		{"${A-B}", `env.yaml:2:10: city.name: "A-B" is not an environment variable name`},
		{"ab ${A", `env.yaml:2:13: city.name: ${ has no closing }`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			data := fmt.Sprintf("city:\n  name: \"%s\"\n", tt.in)
			_, err := config.Parse("env.yaml", []byte(data), nil)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error:\n%v\nwant:\n%s", err, tt.want)
			}
		})
	}
}

func TestDemo(t *testing.T) {
	c := config.Demo()
	want := []string{"demo.yaml:53:7: auth.tokens[0]: token is empty; the token is disabled"}
	if !slices.Equal(c.Warnings, want) {
		t.Errorf("warnings %q, want %q", c.Warnings, want)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	if c.City.Name != "Riverton" || c.Location().String() != "America/Chicago" {
		t.Errorf("the demo city is %s in %s", c.City.Name, c.Location())
	}
	for _, lang := range c.City.Languages {
		for _, key := range config.TemplateKeys {
			if c.Templates[lang][key] == "" {
				t.Errorf("the demo has no %s text in %s", key, lang)
			}
		}
	}
}

// TestDemoRoundTrip checks that the defaults are the demo file, and that
// the printed configuration reads back as the same configuration.
func TestDemoRoundTrip(t *testing.T) {
	demo := config.Demo()
	tests := []struct {
		name string
		data []byte
	}{
		{"empty file", nil},
		{"comments only", []byte("# nothing to change\n")},
		{"DemoYAML", config.DemoYAML()},
		{"String", []byte(demo.String())},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := config.Parse("demo.yaml", tt.data, nil)
			if err != nil {
				t.Fatal(err)
			}
			assertSame(t, c, demo)
		})
	}
}

func TestDemoYAMLIsACopy(t *testing.T) {
	b := config.DemoYAML()
	clear(b)
	if config.Demo().City.Name != "Riverton" {
		t.Error("changing DemoYAML's result changed the demo")
	}
}

// assertSame compares the exported fields of two configurations.
func assertSame(t *testing.T, got, want *config.Config) {
	t.Helper()
	sections := func(c *config.Config) []any {
		return []any{c.City, c.Server, c.Storage, tokenValues(c.Auth.Tokens), c.Outbox, c.Routing, c.Log, c.Templates}
	}
	g, w := sections(got), sections(want)
	for i := range g {
		if !reflect.DeepEqual(g[i], w[i]) {
			t.Errorf("got  %+v\nwant %+v", g[i], w[i])
		}
	}
}

// tokenValues unwraps the secrets so that a failing test can show them.
func tokenValues(tokens []config.Token) [][4]string {
	var out [][4]string
	for _, tk := range tokens {
		out = append(out, [4]string{tk.Name, string(tk.Role), string(tk.Token), tk.SHA256})
	}
	return out
}

// TestSecretsNeverShow checks errors, warnings and every way of printing a
// configuration for the secrets of testEnv and of the files.
func TestSecretsNeverShow(t *testing.T) {
	secrets := []string{"SECRET", "hunter2", "abc-short-tok", "literal-token-in-file", "literal-digest-in-file", "pasted-secret-token"}
	var texts []string
	for _, f := range errorFiles {
		_, err := parseFile(t, f.file)
		texts = append(texts, err.Error())
	}
	c, err := parseFile(t, "env.yaml")
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, c.Warnings...)
	texts = append(texts, c.String(), c.Auth.Tokens[0].Token.String())
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		texts = append(texts, fmt.Sprintf(verb, c), fmt.Sprintf(verb, *c), fmt.Sprintf(verb, c.Auth.Tokens), fmt.Sprintf(verb, c.Storage))
	}
	for _, text := range texts {
		for _, s := range secrets {
			if strings.Contains(text, s) || strings.Contains(text, hex.EncodeToString([]byte(s))) {
				t.Errorf("%q shows in:\n%s", s, text)
			}
		}
	}
	if !strings.Contains(c.String(), "token: '[redacted]'") && !strings.Contains(c.String(), `token: "[redacted]"`) {
		t.Errorf("String() does not show the redacted token:\n%s", c.String())
	}
}

func TestTokenDigest(t *testing.T) {
	const token = "front-desk-0123456789abcdef"
	sum := sha256.Sum256([]byte(token))
	tests := []struct {
		name    string
		tok     config.Token
		want    [32]byte
		enabled bool
	}{
		{"token", config.Token{Token: token}, sum, true},
		{"sha256", config.Token{SHA256: hex.EncodeToString(sum[:])}, sum, true},
		{"upper-case sha256", config.Token{SHA256: strings.ToUpper(hex.EncodeToString(sum[:]))}, sum, true},
		{"disabled", config.Token{}, [32]byte{}, false},
		{"malformed sha256", config.Token{SHA256: "abcd"}, [32]byte{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.tok.Digest(); got != tt.want {
				t.Errorf("Digest() = %x, want %x", got, tt.want)
			}
			if got := tt.tok.Enabled(); got != tt.enabled {
				t.Errorf("Enabled() = %v", got)
			}
		})
	}
}

func TestDuration(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Duration
		printed string
	}{
		{"250ms", 250 * time.Millisecond, "250ms"},
		{"30s", 30 * time.Second, "30s"},
		{"15m", 15 * time.Minute, "15m"},
		{"90m", 90 * time.Minute, "1h30m"},
		{"2h", 2 * time.Hour, "2h"},
		{"1h0m1s", time.Hour + time.Second, "1h0m1s"},
		{"0s", 0, "0s"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var d config.Duration
			if err := d.UnmarshalText([]byte(tt.in)); err != nil {
				t.Fatal(err)
			}
			if d.Duration != tt.want || d.String() != tt.printed {
				t.Errorf("got %v printed %q, want %v printed %q", d.Duration, d.String(), tt.want, tt.printed)
			}
			var y config.Duration
			if err := y.UnmarshalYAML([]byte(`"` + tt.printed + `"`)); err != nil || y != d {
				t.Errorf("UnmarshalYAML(%q) = %v, %v", tt.printed, y, err)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "riverton.yaml")
	data := "city: {name: Riverton}\nrouting: {file: rules.yaml}\nauth:\n  tokens:\n    - {name: ops, role: manager, token: \"${INTAKE311_TEST_LOAD_TOKEN}\"}\n"
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "rules.yaml"), []byte("services: []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("INTAKE311_TEST_LOAD_TOKEN", "load-token-0123456789abcdef")
	c, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(c.Auth.Tokens[0].Token); got != "load-token-0123456789abcdef" {
		t.Errorf("token from the environment = %q", got)
	}
	if got, want := c.RoutingPath(), filepath.Join(dir, "rules.yaml"); got != want {
		t.Errorf("RoutingPath() = %q, want %q", got, want)
	}
	if _, err := config.Load(filepath.Join(dir, "missing.yaml")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load of a missing file: %v, want fs.ErrNotExist", err)
	}
}

// TestValidate checks a configuration changed after parsing, as a
// command-line flag changes it.
func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		change func(c *config.Config)
		want   string
	}{
		{"valid", "minimal.yaml", func(c *config.Config) { c.Server.Addr = ":9000" }, ""},
		{"value the file does not set", "minimal.yaml", func(c *config.Config) { c.Server.Addr = "nowhere" },
			`server.addr: "nowhere" is not host:port (such as 127.0.0.1:8311 or :8311)`},
		{"value the file sets", "routing.yaml", func(c *config.Config) { c.Routing.File = "elsewhere.yaml" },
			`testdata/routing.yaml:3:3: routing.file: testdata/elsewhere.yaml does not exist`},
		{"postgres without dsn", "minimal.yaml", func(c *config.Config) { c.Storage.Driver = config.DriverPostgres },
			`storage.dsn: PostgreSQL needs a dsn, such as postgres://intake311@db.example.gov/intake311`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := parseFile(t, tt.file)
			if err != nil {
				t.Fatal(err)
			}
			tt.change(c)
			got := ""
			if err := c.Validate(); err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Validate() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSQLitePath(t *testing.T) {
	tests := []struct {
		dsn, dataDir, want string
	}{
		{"", "/srv/intake311", "/srv/intake311/intake311.db"},
		{"", "./var", "var/intake311.db"},
		{"/data/cases.db", "./var", "/data/cases.db"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			c := config.Demo()
			c.Storage.DSN, c.Storage.DataDir = config.Secret(tt.dsn), tt.dataDir
			if got := c.SQLitePath(); got != tt.want {
				t.Errorf("SQLitePath() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestErrorsFormat(t *testing.T) {
	errs := config.Errors{
		{Path: "templates.fr", Msg: "no position"},
		{File: "c.yaml", Line: 9, Col: 1, Path: "log", Msg: "late"},
		{File: "c.yaml", Line: 2, Col: 5, Path: "city.name", Msg: "later column"},
		{File: "c.yaml", Line: 2, Col: 3, Msg: "whole file"},
		{File: "c.yaml", Msg: "file only"},
	}
	want := "c.yaml:2:3: whole file\nc.yaml:2:5: city.name: later column\nc.yaml:9:1: log: late\nc.yaml: file only\ntemplates.fr: no position"
	if got := errs.Error(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	var one *config.Error
	if !errors.As(error(errs), &one) || one.Msg != "no position" {
		t.Errorf("errors.As found %v, want the first error", one)
	}
}
