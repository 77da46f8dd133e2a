package config

import (
	"encoding/hex"
	"fmt"
	"strings"
)

// minTokenLen is the length below which a token is easy to guess.
const minTokenLen = 16

func (k *checker) auth() {
	seen := map[string]int{}
	for i := range k.c.Auth.Tokens {
		path := fmt.Sprintf("auth.tokens[%d]", i)
		t := &k.c.Auth.Tokens[i]
		k.tokenName(path, t.Name, i, seen)
		if !t.Role.Valid() {
			k.errorf(path+".role", "unknown role %s (want %s)", k.show(path+".role", string(t.Role)), orList(roleNames()))
		}
		k.tokenValue(path, t)
	}
}

func (k *checker) tokenName(path, name string, i int, seen map[string]int) {
	switch first, dup := seen[name]; {
	case strings.TrimSpace(name) == "":
		k.errorf(path+".name", "a token needs a name")
	case dup:
		k.errorf(path+".name", "%q is also the name of auth.tokens[%d]", name, first)
	default:
		seen[name] = i
	}
}

// tokenValue checks that a token is given at most one way; one given
// neither way, typically from an unset environment variable with an empty
// default, is disabled. It never puts the token in a message.
func (k *checker) tokenValue(path string, t *Token) {
	switch {
	case t.Token != "" && t.SHA256 != "":
		k.errorf(path, "give either token or sha256, not both")
	case t.SHA256 != "":
		if b, err := hex.DecodeString(t.SHA256); err != nil || len(b) != 32 {
			k.errorf(path+".sha256", "want the SHA-256 of the token as 64 hex digits")
		}
	case t.Token != "":
		if len(t.Token) < minTokenLen {
			k.warnf(path+".token", "the token is shorter than %d characters and easy to guess", minTokenLen)
		}
	default:
		k.warnf(path, "token is empty; the token is disabled")
	}
}

func roleNames() []string {
	names := make([]string, len(Roles))
	for i, r := range Roles {
		names[i] = string(r)
	}
	return names
}
