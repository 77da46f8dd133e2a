package config

import (
	"fmt"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
)

// Duration is a time.Duration written as a string such as "250ms", "30s"
// or "15m".
type Duration struct {
	time.Duration
}

// UnmarshalText parses a duration with time.ParseDuration.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("%q is not a duration (write it like 30s, 15m or 2h)", b)
	}
	d.Duration = v
	return nil
}

// UnmarshalYAML parses a duration from a YAML scalar.
func (d *Duration) UnmarshalYAML(b []byte) error {
	var s string
	if err := yaml.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("duration: %w", err)
	}
	return d.UnmarshalText([]byte(s))
}

// MarshalYAML writes d as it would be written by hand.
func (d Duration) MarshalYAML() (any, error) { return d.String(), nil }

// String formats d like time.Duration without zero trailing units:
// "15m" rather than "15m0s".
func (d Duration) String() string {
	s := d.Duration.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
