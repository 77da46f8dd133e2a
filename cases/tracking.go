package cases

import (
	"crypto/rand"
	"encoding/binary"
	"io"
	"strings"
)

// TrackingNumber identifies a case to residents and staff: ten digits, not
// sequential, the last a Damm check digit, so a caller can key it in and a
// mistyped digit or an adjacent transposition is caught before any lookup.
// It is the Open311 service_request_id.
type TrackingNumber string

// TrackingDigits is the length of a tracking number, check digit included.
const TrackingDigits = 10

// damm is the quasigroup table of the Damm algorithm.
var damm = [10][10]byte{
	{0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
	{7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
	{4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
	{1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
	{6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
	{3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
	{5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
	{8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
	{9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
	{2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
}

// dammDigit returns the check digit for a string of ASCII digits.
func dammDigit(digits string) byte {
	var interim byte
	for i := 0; i < len(digits); i++ {
		interim = damm[interim][digits[i]-'0']
	}
	return interim
}

// NewTrackingNumber draws a random tracking number from r (crypto/rand when
// r is nil). The first digit is never zero, so the number survives being
// treated as an integer.
func NewTrackingNumber(r io.Reader) (TrackingNumber, error) {
	if r == nil {
		r = rand.Reader
	}
	var b [8]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", err
	}
	const span = 900_000_000 // nine digits, first one 1-9
	n := 100_000_000 + binary.BigEndian.Uint64(b[:])%span
	body := uitoa(n)
	return TrackingNumber(body + string('0'+dammDigit(body))), nil
}

func uitoa(n uint64) string {
	var buf [20]byte
	i := len(buf)
	for n > 0 || i == len(buf) {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}

// ParseTrackingNumber accepts a tracking number as people write or key it:
// with spaces, hyphens or dots between digit groups, or a leading "#". It
// rejects anything else, and a number whose check digit does not match.
func ParseTrackingNumber(s string) (TrackingNumber, error) {
	digits, ok := trackingDigits(s)
	if !ok || len(digits) != TrackingDigits {
		return "", Errorf(ErrInvalid, "%q is not a tracking number: it has %d digits, want %d", s, len(digits), TrackingDigits)
	}
	if dammDigit(digits) != 0 {
		return "", Errorf(ErrInvalid, "%q is not a valid tracking number: a digit is wrong or two are swapped", s)
	}
	return TrackingNumber(digits), nil
}

func trackingDigits(s string) (string, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '.' || r == '\u00a0':
		default:
			return b.String(), false
		}
	}
	return b.String(), true
}

// Spoken returns the number grouped for reading aloud or printing: 3-3-4.
func (t TrackingNumber) Spoken() string {
	s := string(t)
	if len(s) != TrackingDigits {
		return s
	}
	return s[:3] + "-" + s[3:6] + "-" + s[6:]
}

func (t TrackingNumber) String() string { return string(t) }
