package router

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// SLA is how long a department has to act: calendar time, or business
// time counted only while the city works ("3 business days" is three
// working days' worth of business hours).
type SLA struct {
	Business bool
	Hours    float64 // from hour and minute units
	Days     float64 // from day and week units
	text     string
}

// ParseSLA reads "48h", "90m", "72 hours", "5 days", "2 weeks",
// "3 business days" or "24 business hours".
func ParseSLA(s string) (SLA, error) {
	f := strings.Fields(strings.ToLower(s))
	sla := SLA{text: strings.Join(f, " ")}
	if len(f) == 1 {
		return parseCompactSLA(sla, f[0])
	}
	if len(f) == 3 && f[1] == "business" {
		sla.Business = true
		f = []string{f[0], f[2]}
	}
	if len(f) != 2 {
		return SLA{}, fmt.Errorf("sla %q: want a number and a unit, e.g. \"3 business days\" or \"48h\"", s)
	}
	n, err := strconv.ParseFloat(f[0], 64)
	if err != nil || n <= 0 {
		return SLA{}, fmt.Errorf("sla %q: %q is not a positive number", s, f[0])
	}
	return sla, sla.setUnit(n, strings.TrimSuffix(f[1], "s"))
}

func parseCompactSLA(sla SLA, s string) (SLA, error) {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return SLA{}, fmt.Errorf("sla %q: want e.g. \"48h\", \"5 days\" or \"3 business days\"", s)
	}
	sla.Hours = d.Hours()
	return sla, nil
}

func (s *SLA) setUnit(n float64, unit string) error {
	switch unit {
	case "minute", "min":
		s.Hours = n / 60
	case "hour", "hr":
		s.Hours = n
	case "day":
		s.Days = n
	case "week", "wk":
		s.Days = 7 * n
		if s.Business {
			s.Days = 5 * n
		}
	default:
		return fmt.Errorf("sla: unknown unit %q (want minutes, hours, days or weeks)", unit)
	}
	return nil
}

func (s SLA) String() string { return s.text }

// MarshalJSON writes the SLA as written.
func (s SLA) MarshalJSON() ([]byte, error) { return json.Marshal(s.text) }

// Duration returns the SLA's length: calendar, or business time given the
// length of a business day.
func (s SLA) Duration(businessDay time.Duration) time.Duration {
	day := 24 * time.Hour
	if s.Business {
		day = businessDay
	}
	return time.Duration(s.Hours*float64(time.Hour)) + time.Duration(s.Days*float64(day))
}

// UnmarshalJSON reads an SLA as written.
func (s *SLA) UnmarshalJSON(b []byte) error {
	var text string
	if err := json.Unmarshal(b, &text); err != nil {
		return err
	}
	v, err := ParseSLA(text)
	if err != nil {
		return err
	}
	*s = v
	return nil
}
