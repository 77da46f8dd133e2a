package config

import (
	"fmt"
	"io"
)

// redacted is how a non-empty Secret is printed.
const redacted = "[redacted]"

// Secret is a string that is never printed: every fmt verb, String and
// the YAML and text encodings show "[redacted]" (or "" when it is empty).
// Convert it with string(s) where the value itself is needed.
type Secret string

// String returns "[redacted]", or "" for an empty secret.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// Format prints s redacted whatever the verb, so %v, %#v, %x and %d of a
// configuration do not reveal it.
func (s Secret) Format(f fmt.State, verb rune) {
	_, _ = io.WriteString(f, s.String())
}

// MarshalText returns the redacted form.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// MarshalYAML returns the redacted form.
func (s Secret) MarshalYAML() (any, error) { return s.String(), nil }
