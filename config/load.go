package config

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// Load reads the configuration file at path, with secrets from the
// process environment. A problem in the file is reported as Errors.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(path, data, os.LookupEnv)
}

// Parse reads a configuration from data over the demo configuration, so
// that every key data leaves out keeps its demo value. filename names data
// in errors and is where relative paths in it start from. lookupEnv expands
// ${VAR} references; nil means an empty environment.
//
// Every problem is reported at once, as Errors sorted by position.
func Parse(filename string, data []byte, lookupEnv func(string) (string, bool)) (*Config, error) {
	if lookupEnv == nil {
		lookupEnv = noEnv
	}
	c := &Config{}
	if _, errs := decodeFile(c, demoName, demoYAML, lookupEnv); len(errs) > 0 {
		return nil, errs
	}
	src, errs := decodeFile(c, filename, data, lookupEnv)
	c.src, c.dir = src, filepath.Dir(filename)
	c.settle()
	verrs, warns := c.validate()
	if errs = append(errs, verrs...); len(errs) > 0 {
		errs.sort()
		return nil, errs
	}
	warns.sort()
	for _, w := range warns {
		c.Warnings = append(c.Warnings, w.Error())
	}
	return c, nil
}

func noEnv(string) (string, bool) { return "", false }

// settle derives what depends on what the file gave: the default language
// is the first language unless the file says otherwise, and demo texts in
// languages the city does not use are dropped.
func (c *Config) settle() {
	if !c.src.has("city.default_language") && c.src.has("city.languages") && len(c.City.Languages) > 0 {
		c.City.DefaultLanguage = c.City.Languages[0]
	}
	for lang := range c.Templates {
		if !slices.Contains(c.City.Languages, lang) && !c.src.has("templates."+lang) {
			delete(c.Templates, lang)
		}
	}
}
