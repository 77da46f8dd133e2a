package config

import (
	"crypto/sha256"
	"encoding/hex"
)

// Role is what a staff API token may do.
type Role string

// Roles of staff API tokens.
const (
	RoleAgent     Role = "agent"     // call-takers: enter and update cases
	RoleManager   Role = "manager"   // everything, including routing rules
	RoleViewer    Role = "viewer"    // read only
	RoleWorkOrder Role = "workorder" // a work-order system reporting progress
)

// Roles lists every role.
var Roles = []Role{RoleAgent, RoleManager, RoleViewer, RoleWorkOrder}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	switch r {
	case RoleAgent, RoleManager, RoleViewer, RoleWorkOrder:
		return true
	}
	return false
}

// Token is a bearer token of the staff API, given either as the token
// itself (normally from the environment) or as its SHA-256 digest in hex.
type Token struct {
	Name   string `yaml:"name"` // who or what uses it, unique
	Role   Role   `yaml:"role"`
	Token  Secret `yaml:"token"`
	SHA256 string `yaml:"sha256"`
}

// Enabled reports whether t can be used: a token whose value is empty
// (typically an unset environment variable with an empty default) is
// disabled.
func (t *Token) Enabled() bool { return t.Token != "" || t.SHA256 != "" }

// Digest returns the SHA-256 of the token, however it was given; the zero
// array when the token is disabled.
func (t *Token) Digest() [32]byte {
	var d [32]byte
	switch {
	case t.Token != "":
		d = sha256.Sum256([]byte(t.Token))
	case t.SHA256 != "":
		if b, err := hex.DecodeString(t.SHA256); err == nil && len(b) == len(d) {
			copy(d[:], b)
		}
	}
	return d
}
