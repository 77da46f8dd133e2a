package config

import (
	"fmt"
	"strings"
)

// envProblem is a reference to the environment that cannot be expanded.
type envProblem struct {
	ref string // the text to point at, such as "${TOKEN"
	msg string
}

// expand replaces ${VAR}, ${VAR:-default} and $$ in s. ${VAR:-default}
// uses default when VAR is unset or empty; any other $ is kept. It returns
// the first variable s refers to, or "".
func expand(s string, lookupEnv func(string) (string, bool)) (string, string, []envProblem) {
	if !strings.Contains(s, "$") {
		return s, "", nil
	}
	var (
		b        strings.Builder
		first    string
		problems []envProblem
	)
	for len(s) > 0 {
		i := strings.IndexByte(s, '$')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		switch {
		case strings.HasPrefix(s, "$$"):
			b.WriteByte('$')
			s = s[2:]
		case strings.HasPrefix(s, "${"):
			name, val, rest, p := expandRef(s, lookupEnv)
			b.WriteString(val)
			s = rest
			if p != nil {
				problems = append(problems, *p)
			}
			if first == "" {
				first = name
			}
		default:
			b.WriteByte('$')
			s = s[1:]
		}
	}
	return b.String(), first, problems
}

// expandRef expands the reference at the start of s ("${...}") and returns
// the variable's name, its value and the rest of s.
func expandRef(s string, lookupEnv func(string) (string, bool)) (name, value, rest string, p *envProblem) {
	end := strings.IndexByte(s, '}')
	if end < 0 {
		return "", "", "", &envProblem{ref: "${", msg: "${ has no closing }"}
	}
	name, def, hasDef := strings.Cut(s[2:end], ":-")
	rest = s[end+1:]
	if !validEnvName(name) {
		return "", "", rest, &envProblem{ref: s[:end+1], msg: fmt.Sprintf("%q is not an environment variable name", name)}
	}
	if v, ok := lookupEnv(name); ok && (v != "" || !hasDef) {
		return name, v, rest, nil
	}
	if hasDef {
		return name, def, rest, nil
	}
	return name, "", rest, &envProblem{
		ref: "${" + name,
		msg: fmt.Sprintf("environment variable %s is not set (write ${%s:-} to allow it to be empty)", name, name),
	}
}

// validEnvName reports whether name is a shell variable name.
func validEnvName(name string) bool {
	if name == "" || name[0] >= '0' && name[0] <= '9' {
		return false
	}
	for _, r := range name {
		if r != '_' && (r < 'A' || r > 'Z') && (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}
