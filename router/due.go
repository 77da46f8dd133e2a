package router

import "time"

// due returns when a case created at start must be done under sla: after
// the SLA's length in calendar time, or in business time counted only
// during business hours on business days that are not holidays.
func (cp *compiled) due(start time.Time, sla SLA) time.Time {
	h := &cp.doc.BusinessHours
	left := sla.Duration(h.day())
	if !sla.Business {
		return start.Add(left).UTC()
	}
	t := start.In(cp.zone)
	for range 3660 { // ten years of days bounds a bad calendar
		open, close := cp.window(t)
		if !open.IsZero() && t.Before(close) {
			if t.Before(open) {
				t = open
			}
			if avail := close.Sub(t); left <= avail {
				return t.Add(left).UTC()
			} else {
				left -= avail
			}
		}
		y, m, d := t.Date()
		t = time.Date(y, m, d+1, 0, 0, 0, 0, cp.zone)
	}
	return t.UTC()
}

// window returns the business hours of t's day, or zero times on a closed
// day.
func (cp *compiled) window(t time.Time) (open, close time.Time) {
	h := &cp.doc.BusinessHours
	if !h.isDay(t.Weekday()) || cp.holidays[t.Format(time.DateOnly)] {
		return time.Time{}, time.Time{}
	}
	y, m, d := t.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, cp.zone)
	return day.Add(time.Duration(h.Open) * time.Minute), day.Add(time.Duration(h.Close) * time.Minute)
}

func (h *BusinessHours) isDay(d time.Weekday) bool {
	for _, x := range h.Days {
		if x == d {
			return true
		}
	}
	return false
}
