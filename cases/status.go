package cases

import (
	"slices"
	"strings"
)

// Status is where a case is in its life.
type Status string

// The statuses of a case. Open311 reports resolved and closed as "closed",
// everything else as "open".
const (
	StatusOpen       Status = "open"
	StatusAssigned   Status = "assigned"
	StatusInProgress Status = "in_progress"
	StatusOnHold     Status = "on_hold"
	StatusResolved   Status = "resolved"
	StatusClosed     Status = "closed"
)

// Statuses lists every status in lifecycle order.
var Statuses = []Status{StatusOpen, StatusAssigned, StatusInProgress, StatusOnHold, StatusResolved, StatusClosed}

// transitions is the table of allowed status changes.
var transitions = map[Status][]Status{
	StatusOpen:       {StatusAssigned, StatusInProgress, StatusOnHold, StatusResolved, StatusClosed},
	StatusAssigned:   {StatusOpen, StatusInProgress, StatusOnHold, StatusResolved, StatusClosed},
	StatusInProgress: {StatusAssigned, StatusOnHold, StatusResolved, StatusClosed},
	StatusOnHold:     {StatusAssigned, StatusInProgress, StatusResolved, StatusClosed},
	StatusResolved:   {StatusOpen, StatusInProgress, StatusClosed},
	StatusClosed:     {StatusOpen},
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { _, ok := transitions[s]; return ok }

// CanBecome reports whether a case in status s may move to status to.
func (s Status) CanBecome(to Status) bool { return slices.Contains(transitions[s], to) }

// Next lists the statuses s may move to.
func (s Status) Next() []Status { return slices.Clone(transitions[s]) }

// Done reports whether the case is finished from the resident's view.
func (s Status) Done() bool { return s == StatusResolved || s == StatusClosed }

// Open311 returns the GeoReport v2 status: "closed" or "open".
func (s Status) Open311() string {
	if s.Done() {
		return "closed"
	}
	return "open"
}

// ParseStatus parses a status name, accepting any case and "-" or " " for "_".
func ParseStatus(s string) (Status, error) {
	st := Status(strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(strings.TrimSpace(s))))
	if !st.Valid() {
		return "", Errorf(ErrInvalid, "unknown status %q (want one of %s)", s, joinStatuses(Statuses))
	}
	return st, nil
}

func joinStatuses(ss []Status) string {
	names := make([]string, len(ss))
	for i, s := range ss {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// CloseReason says why a case was closed.
type CloseReason string

// The close reasons.
const (
	ReasonFixed                 CloseReason = "fixed"
	ReasonDuplicate             CloseReason = "duplicate"
	ReasonNotCityResponsibility CloseReason = "not_city_responsibility"
	ReasonCannotLocate          CloseReason = "cannot_locate"
	ReasonWithdrawn             CloseReason = "withdrawn"
	ReasonInfoProvided          CloseReason = "info_provided"
)

// CloseReasons lists every close reason.
var CloseReasons = []CloseReason{ReasonFixed, ReasonDuplicate, ReasonNotCityResponsibility, ReasonCannotLocate, ReasonWithdrawn, ReasonInfoProvided}

// Valid reports whether r is a known close reason.
func (r CloseReason) Valid() bool { return slices.Contains(CloseReasons, r) }

// Transition checks a status change from the current status and returns the
// close reason the case will carry afterwards. Closing requires a reason;
// resolving defaults to "fixed"; any other status clears it.
func Transition(from, to Status, reason CloseReason) (CloseReason, error) {
	if !to.Valid() {
		return "", Errorf(ErrInvalid, "unknown status %q (want one of %s)", to, joinStatuses(Statuses))
	}
	if !from.CanBecome(to) {
		return "", Errorf(ErrConflict, "a case that is %s cannot become %s (it can become %s)", from, to, joinStatuses(from.Next()))
	}
	return closeReasonFor(to, reason)
}

func closeReasonFor(to Status, reason CloseReason) (CloseReason, error) {
	if reason != "" && !reason.Valid() {
		return "", Errorf(ErrInvalid, "unknown close reason %q", reason)
	}
	switch {
	case to == StatusClosed && reason == "":
		return "", Errorf(ErrInvalid, "closing a case needs a close_reason")
	case to == StatusResolved && reason == "":
		return ReasonFixed, nil
	case !to.Done() && reason != "":
		return "", Errorf(ErrInvalid, "close_reason is only for resolved or closed, not %s", to)
	}
	return reason, nil
}
