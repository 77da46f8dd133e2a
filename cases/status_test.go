package cases_test

import (
	"errors"
	"testing"

	"github.com/intake311/intake311/cases"
)

func TestParseStatus(t *testing.T) {
	for in, want := range map[string]cases.Status{"open": cases.StatusOpen, "In Progress": cases.StatusInProgress,
		"on-hold": cases.StatusOnHold, " CLOSED ": cases.StatusClosed} {
		if got, err := cases.ParseStatus(in); err != nil || got != want {
			t.Errorf("ParseStatus(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := cases.ParseStatus("done"); !errors.Is(err, cases.ErrInvalid) {
		t.Errorf("unknown status: %v", err)
	}
}

func TestTransition(t *testing.T) {
	for _, tc := range []struct {
		name       string
		from, to   cases.Status
		reason     cases.CloseReason
		wantReason cases.CloseReason
		wantErr    error
	}{
		{"assign", cases.StatusOpen, cases.StatusAssigned, "", "", nil},
		{"resolve defaults to fixed", cases.StatusInProgress, cases.StatusResolved, "", cases.ReasonFixed, nil},
		{"close with reason", cases.StatusResolved, cases.StatusClosed, cases.ReasonDuplicate, cases.ReasonDuplicate, nil},
		{"close needs a reason", cases.StatusOpen, cases.StatusClosed, "", "", cases.ErrInvalid},
		{"unknown reason", cases.StatusOpen, cases.StatusClosed, "bored", "", cases.ErrInvalid},
		{"reason only when done", cases.StatusOpen, cases.StatusInProgress, cases.ReasonFixed, "", cases.ErrInvalid},
		{"reopen", cases.StatusClosed, cases.StatusOpen, "", "", nil},
		{"closed cannot go on hold", cases.StatusClosed, cases.StatusOnHold, "", "", cases.ErrConflict},
		{"same status", cases.StatusOpen, cases.StatusOpen, "", "", cases.ErrConflict},
		{"unknown target", cases.StatusOpen, "gone", "", "", cases.ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cases.Transition(tc.from, tc.to, tc.reason)
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) || got != tc.wantReason {
				t.Fatalf("Transition = %q, %v; want %q, %v", got, err, tc.wantReason, tc.wantErr)
			}
		})
	}
}

func TestOpen311Status(t *testing.T) {
	for st, want := range map[cases.Status]string{cases.StatusOpen: "open", cases.StatusOnHold: "open",
		cases.StatusResolved: "closed", cases.StatusClosed: "closed"} {
		if got := st.Open311(); got != want {
			t.Errorf("%s.Open311() = %s", st, got)
		}
	}
}

func TestEveryStatusIsReachableAndLeavable(t *testing.T) {
	reached := map[cases.Status]bool{cases.StatusOpen: true}
	for _, from := range cases.Statuses {
		if len(from.Next()) == 0 {
			t.Errorf("%s is a dead end", from)
		}
		for _, to := range from.Next() {
			reached[to] = true
		}
	}
	for _, st := range cases.Statuses {
		if !reached[st] {
			t.Errorf("%s cannot be reached", st)
		}
	}
}
