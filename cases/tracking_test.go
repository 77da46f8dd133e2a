package cases_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/intake311/intake311/cases"
)

func TestNewTrackingNumber(t *testing.T) {
	seen := map[cases.TrackingNumber]bool{}
	for i := 0; i < 2000; i++ {
		tn, err := cases.NewTrackingNumber(nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(tn) != cases.TrackingDigits || tn[0] == '0' || strings.Trim(string(tn), "0123456789") != "" {
			t.Fatalf("%q is not 10 digits without a leading zero", tn)
		}
		if _, err := cases.ParseTrackingNumber(string(tn)); err != nil {
			t.Fatalf("a new number does not parse: %v", err)
		}
		if seen[tn] {
			t.Fatalf("%s drawn twice in 2000 draws", tn)
		}
		seen[tn] = true
	}
}

func TestTrackingNumberFromReader(t *testing.T) {
	a, _ := cases.NewTrackingNumber(bytes.NewReader([]byte{0, 0, 0, 0, 0, 0, 0, 1}))
	b, _ := cases.NewTrackingNumber(bytes.NewReader([]byte{0, 0, 0, 0, 0, 0, 0, 2}))
	if a == b || a[:9] != "100000001" {
		t.Fatalf("numbers from a reader: %s %s", a, b)
	}
	if _, err := cases.NewTrackingNumber(bytes.NewReader(nil)); err == nil {
		t.Fatal("an empty reader gave a number")
	}
}

func TestParseTrackingNumber(t *testing.T) {
	// 572 has Damm check digit 4 (the algorithm's textbook example);
	// 123456789 has check digit 4.
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"1234567894", "1234567894", true},
		{"123-456-7894", "1234567894", true},
		{" 123 456 7894 ", "1234567894", true},
		{"#123.456.7894", "1234567894", true},
		{"1234567893", "", false}, // wrong check digit
		{"1234567984", "", false}, // adjacent digits swapped
		{"2134567894", "", false}, // first two swapped
		{"123456789", "", false},  // too short
		{"12345678940", "", false},
		{"12345a7894", "", false},
		{"0000005724", "0000005724", true}, // 572 -> 4, the textbook example
		{"", "", false},
		{"５７２", "", false}, // full-width digits are not keyed in
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := cases.ParseTrackingNumber(tc.in)
			if tc.ok != (err == nil) || string(got) != tc.want {
				t.Fatalf("ParseTrackingNumber(%q) = %q, %v", tc.in, got, err)
			}
			if err != nil && !errors.Is(err, cases.ErrInvalid) {
				t.Fatalf("error %v is not ErrInvalid", err)
			}
		})
	}
}

// TestDammCatchesEverySingleError checks the property that makes the check
// digit worth having: every single-digit error and every adjacent
// transposition of a valid number is rejected.
func TestDammCatchesEverySingleError(t *testing.T) {
	tn, _ := cases.NewTrackingNumber(nil)
	s := []byte(tn)
	for i := range s {
		for d := byte('0'); d <= '9'; d++ {
			if d == s[i] {
				continue
			}
			bad := append([]byte(nil), s...)
			bad[i] = d
			if _, err := cases.ParseTrackingNumber(string(bad)); err == nil {
				t.Errorf("%s accepted (digit %d of %s changed)", bad, i, tn)
			}
		}
		if i+1 < len(s) && s[i] != s[i+1] {
			bad := append([]byte(nil), s...)
			bad[i], bad[i+1] = bad[i+1], bad[i]
			if _, err := cases.ParseTrackingNumber(string(bad)); err == nil {
				t.Errorf("%s accepted (digits %d,%d of %s swapped)", bad, i, i+1, tn)
			}
		}
	}
}

func TestSpoken(t *testing.T) {
	if got := cases.TrackingNumber("1234567894").Spoken(); got != "123-456-7894" {
		t.Fatal(got)
	}
}
