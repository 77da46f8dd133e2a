package api

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Role is what a token may do.
type Role string

// Roles.
const (
	RoleViewer    Role = "viewer"    // read cases
	RoleAgent     Role = "agent"     // call-takers: enter, update, assign and annotate cases
	RoleWorkOrder Role = "workorder" // work-order systems: read, report status, add notes
	RoleManager   Role = "manager"   // everything, including the dead-letter queue
)

// Token is a bearer token, kept only as its SHA-256 digest.
type Token struct {
	Name   string
	Role   Role
	Digest [32]byte
}

// Caller is the authenticated user of a request.
type Caller struct {
	Name string `json:"name"`
	Role Role   `json:"role"`
}

var (
	errUnauthorized = errors.New("unauthorized")
	errForbidden    = errors.New("forbidden")
)

type authenticator struct{ tokens []Token }

func newAuthenticator(tokens []Token) *authenticator {
	return &authenticator{tokens: slices.Clone(tokens)}
}

// authenticate finds the caller of r by its bearer token. Every configured
// digest is compared, in constant time, so timing tells nothing about
// which tokens exist.
func (a *authenticator) authenticate(r *http.Request) (*Caller, error) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return nil, fmt.Errorf("%w: send the header Authorization: Bearer <token>", errUnauthorized)
	}
	digest := sha256.Sum256([]byte(strings.TrimSpace(token)))
	var found *Token
	for i := range a.tokens {
		if subtle.ConstantTimeCompare(digest[:], a.tokens[i].Digest[:]) == 1 {
			found = &a.tokens[i]
		}
	}
	if found == nil {
		return nil, fmt.Errorf("%w: the token is not valid", errUnauthorized)
	}
	return &Caller{Name: found.Name, Role: found.Role}, nil
}

// roleSet is the roles allowed on an endpoint.
type roleSet []Role

var (
	canRead   = roleSet{RoleViewer, RoleAgent, RoleWorkOrder, RoleManager}
	canEnter  = roleSet{RoleAgent, RoleManager}
	canUpdate = roleSet{RoleAgent, RoleWorkOrder, RoleManager}
	canManage = roleSet{RoleManager}
)

func (rs roleSet) check(c *Caller, r *http.Request) error {
	if slices.Contains(rs, c.Role) {
		return nil
	}
	return fmt.Errorf("%w: a %s token may not %s %s", errForbidden, c.Role, r.Method, r.URL.Path)
}
