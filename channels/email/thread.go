package email

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"

	"github.com/intake311/intake311/cases"
)

// threads makes and reads the gateway's Message-IDs and plus addresses,
// which carry the case's tracking number so that a reply finds its case.
type threads struct {
	local, domain string // of the gateway's address
}

func newThreads(address string) threads {
	local, domain, _ := strings.Cut(strings.ToLower(address), "@")
	local, _, _ = strings.Cut(local, "+")
	return threads{local: local, domain: domain}
}

// newID returns a fresh Message-ID (without angle brackets) for a message
// about tn.
func (t threads) newID(tn cases.TrackingNumber) string {
	var b [8]byte
	rand.Read(b[:])
	return fmt.Sprintf("311.%s.%s@%s", tn, hex.EncodeToString(b[:]), t.domain)
}

// replyTo returns the plus address that threads replies back to tn.
func (t threads) replyTo(tn cases.TrackingNumber) string {
	return fmt.Sprintf("%s+%s@%s", t.local, tn, t.domain)
}

// ownID returns the tracking number in one of the gateway's Message-IDs.
func (t threads) ownID(id string) (cases.TrackingNumber, bool) {
	rest, ok := strings.CutPrefix(strings.ToLower(id), "311.")
	if !ok || !strings.HasSuffix(rest, "@"+t.domain) {
		return "", false
	}
	digits, _, _ := strings.Cut(rest, ".")
	tn, err := cases.ParseTrackingNumber(digits)
	return tn, err == nil
}

// plusTracking returns the tracking number of a plus address of the
// gateway's.
func (t threads) plusTracking(addr string) (cases.TrackingNumber, bool) {
	local, domain, _ := strings.Cut(strings.ToLower(addr), "@")
	base, token, ok := strings.Cut(local, "+")
	if !ok || base != t.local || domain != t.domain {
		return "", false
	}
	tn, err := cases.ParseTrackingNumber(token)
	return tn, err == nil
}

// ownIDRE finds the gateway's Message-IDs in free text, such as a bounce.
func (t threads) ownIDRE() *regexp.Regexp {
	return regexp.MustCompile(`(?i)311\.[0-9]{4,10}\.[0-9a-f]{16}@` + regexp.QuoteMeta(t.domain))
}

// replyTarget returns the case a message answers: by In-Reply-To and
// References, then by plus address. The subject's tracking number is
// checked separately, against the case's contact.
func (t threads) replyTarget(p *Parsed) (cases.TrackingNumber, bool) {
	for _, id := range append(append([]string{}, p.InReplyTo...), p.References...) {
		if tn, ok := t.ownID(id); ok {
			return tn, true
		}
	}
	for _, a := range p.Recipients {
		if tn, ok := t.plusTracking(a); ok {
			return tn, true
		}
	}
	return "", false
}

var subjectTrackingRE = regexp.MustCompile(`#\s*([0-9][0-9 -]{2,16}[0-9])`)

// subjectTracking returns the tracking number written in a subject, such as
// "Re: [311 #123-456-7890] ...".
func subjectTracking(subject string) (cases.TrackingNumber, bool) {
	m := subjectTrackingRE.FindStringSubmatch(subject)
	if m == nil {
		return "", false
	}
	tn, err := cases.ParseTrackingNumber(m[1])
	return tn, err == nil
}

var (
	subjectTagRE    = regexp.MustCompile(`\[\s*311\s*#[0-9 -]+\]`)
	subjectPrefixRE = regexp.MustCompile(`(?i)^\s*((re|fwd?|aw|wg|sv|vs|rv|tr|res|enc)\s*(\[\d+\])?\s*:\s*)+`)
)

// cleanSubject removes reply prefixes and the gateway's tag.
func cleanSubject(s string) string {
	s = subjectTagRE.ReplaceAllString(s, " ")
	s = subjectPrefixRE.ReplaceAllString(s, "")
	return strings.Join(strings.Fields(s), " ")
}
