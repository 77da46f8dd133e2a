package router

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // the city's time zone must load on any machine
)

// ParseClock reads "HH:MM" (24-hour).
func ParseClock(s string) (Clock, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		if strings.TrimSpace(s) == "24:00" {
			return 24 * 60, nil
		}
		return 0, fmt.Errorf("%q is not a time of day (want HH:MM)", s)
	}
	return Clock(t.Hour()*60 + t.Minute()), nil
}

func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", c/60, c%60) }

// MarshalText writes "HH:MM".
func (c Clock) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// parseWeekday reads "mon", "Monday", ...; "weekdays" and "weekend" are
// expanded by parseDays.
func parseWeekday(s string) (time.Weekday, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) >= 3 {
		if d, ok := weekdays[s[:3]]; ok && strings.HasPrefix(strings.ToLower(d.String()), s) {
			return d, nil
		}
	}
	return 0, fmt.Errorf("%q is not a day of the week", s)
}

// parseDays reads a list of days; "weekdays" is mon-fri, "weekend" sat
// and sun.
func parseDays(list []string) ([]time.Weekday, error) {
	var out []time.Weekday
	for _, s := range list {
		switch strings.ToLower(s) {
		case "weekdays":
			out = append(out, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday)
			continue
		case "weekend", "weekends":
			out = append(out, time.Saturday, time.Sunday)
			continue
		}
		d, err := parseWeekday(s)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// defaultHours are Monday to Friday, 08:00 to 17:00.
func defaultHours() BusinessHours {
	days, _ := parseDays([]string{"weekdays"})
	return BusinessHours{Days: days, Open: 8 * 60, Close: 17 * 60}
}

// day returns the length of one business day.
func (h *BusinessHours) day() time.Duration { return time.Duration(h.Close-h.Open) * time.Minute }
