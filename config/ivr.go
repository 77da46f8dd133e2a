package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// IVR configures the voice menus callers hear.
type IVR struct {
	// File is the voice menu; "" is the built-in demo menu. A relative
	// path is relative to the configuration file. Use Config.IVRPath.
	File string `yaml:"file"`
	// AgentNumber is where a caller who asks for a person is transferred,
	// in E.164 form (+15555550100). Empty: the caller hears that no one
	// can answer now, and the call ends.
	AgentNumber string `yaml:"agent_number"`
	// CallTTL is how long the state of a call that has gone quiet is kept.
	CallTTL Duration `yaml:"call_ttl"`
}

// IVRPath returns the voice menu's path resolved against the configuration
// file's directory, or "" for the built-in menu.
func (c *Config) IVRPath() string {
	f := c.IVR.File
	if f == "" || filepath.IsAbs(f) {
		return f
	}
	return filepath.Join(c.dir, f)
}

func (k *checker) ivr() {
	v := &k.c.IVR
	if path := k.c.IVRPath(); path != "" {
		switch _, err := os.Stat(path); {
		case errors.Is(err, fs.ErrNotExist):
			k.errorf("ivr.file", "%s does not exist", path)
		case err != nil:
			k.errorf("ivr.file", "cannot read the voice menu: %v", err)
		}
	}
	if v.AgentNumber != "" && !e164.MatchString(v.AgentNumber) {
		k.errorf("ivr.agent_number", "%s is not a phone number in E.164 form (such as +15555550100)", k.show("ivr.agent_number", v.AgentNumber))
	}
	k.positiveDuration("ivr.call_ttl", v.CallTTL)
}
