package twilio_test

import (
	"strings"
	"testing"

	"github.com/intake311/intake311/channels/twilio"
)

func TestSegments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		n    int
		ucs2 bool
	}{
		{"Short", "Your report is in.", 1, false},
		{"Full", strings.Repeat("a", 160), 1, false},
		{"TwoParts", strings.Repeat("a", 161), 2, false},
		{"ThreeParts", strings.Repeat("a", 307), 3, false},
		{"Extended", strings.Repeat("{", 80), 1, false},
		{"ExtendedOver", strings.Repeat("{", 81), 2, false},
		{"GSMAccents", "Él ve: ñ, ü, é, à, Ñ", 1, false},
		{"Spanish", "Su número", 1, true},
		{"SpanishFull", strings.Repeat("ó", 70), 1, true},
		{"SpanishTwo", strings.Repeat("ó", 71), 2, true},
		{"Emoji", "Thanks 👍", 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, ucs2 := twilio.Segments(tt.text)
			if n != tt.n || ucs2 != tt.ucs2 {
				t.Errorf("Segments = %d, %v; want %d, %v", n, ucs2, tt.n, tt.ucs2)
			}
		})
	}
}

func TestFit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		max        int
		want       string
	}{
		{"Fits", "Short text.", 2, "Short text."},
		{"PlainQuotes", "It\u2019s fixed \u2014 thanks", 1, "It's fixed - thanks"},
		{"Cut", strings.Repeat("word ", 40), 1, strings.TrimSpace(strings.Repeat("word ", 31)) + "..."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := twilio.Fit(tt.text, tt.max)
			if got != tt.want {
				t.Errorf("Fit = %q, want %q", got, tt.want)
			}
			if n, _ := twilio.Segments(got); n > tt.max {
				t.Errorf("Fit gave %d segments, cap %d", n, tt.max)
			}
		})
	}
}
