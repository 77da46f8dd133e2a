package cases

import (
	"context"
	"strings"
	"time"
)

// Workflow applies staff actions to cases: status changes, assignments and
// notes. Each action and the notifications it causes commit together.
type Workflow struct {
	Store     CaseStore
	Templates *Templates
	Now       func() time.Time // nil: time.Now
}

// StatusChange is a request to move a case to a new status. Its note is
// public: it is kept on the case and sent to the residents with the update.
type StatusChange struct {
	Status      Status      `json:"status"`
	CloseReason CloseReason `json:"close_reason,omitempty"`
	Note        string      `json:"note,omitempty"`
	Actor       string      `json:"-"`
}

func (w *Workflow) now() time.Time {
	if w.Now != nil {
		return w.Now().UTC()
	}
	return time.Now().UTC()
}

// ChangeStatus moves the case to a new status, records it in the history
// and notifies every resident on the case who agreed to updates.
func (w *Workflow) ChangeStatus(ctx context.Context, tn TrackingNumber, ch StatusChange) (*Case, error) {
	at := w.now()
	return w.Store.UpdateCase(ctx, tn, func(c *Case) (*Update, error) {
		reason, err := Transition(c.Status, ch.Status, ch.CloseReason)
		if err != nil {
			return nil, err
		}
		return w.statusUpdate(c, HistoryEntry{Status: ch.Status, CloseReason: reason, Note: strings.TrimSpace(ch.Note), Actor: ch.Actor, At: at})
	})
}

// statusUpdate builds the update that moves c to h.Status, with the
// residents' notifications rendered against the new status.
func (w *Workflow) statusUpdate(c *Case, h HistoryEntry) (*Update, error) {
	next := *c
	next.Status, next.CloseReason = h.Status, h.CloseReason
	d := dataFor(&next)
	d.Note = h.Note
	notify, err := w.Templates.notify(&next, KindStatus, TemplateStatus+"."+string(h.Status), d)
	if err != nil {
		return nil, err
	}
	u := &Update{At: h.At, Status: &h, Notify: notify}
	if h.Note != "" {
		u.Notes = []Note{{Text: h.Note, Public: true, Author: h.Actor, At: h.At}}
	}
	return u, nil
}

// Assign changes where a case goes. Empty fields of a keep their current
// value. An open case becomes assigned, and its residents are told.
func (w *Workflow) Assign(ctx context.Context, tn TrackingNumber, a Assignment, actor string) (*Case, error) {
	if a.Priority != "" && !a.Priority.Valid() {
		return nil, Errorf(ErrInvalid, "unknown priority %q (want low, normal, high or emergency)", a.Priority)
	}
	if a.Department == "" && a.Queue == "" && a.Assignee == "" && a.Priority == "" {
		return nil, Errorf(ErrInvalid, "an assignment needs a department, queue, assignee or priority")
	}
	at := w.now()
	return w.Store.UpdateCase(ctx, tn, func(c *Case) (*Update, error) {
		merged := mergeAssignment(c, a, actor)
		u := &Update{At: at, Assignment: &merged}
		if c.Status == StatusOpen {
			su, err := w.statusUpdate(c, HistoryEntry{Status: StatusAssigned, Note: "", Actor: actor, At: at})
			if err != nil {
				return nil, err
			}
			u.Status, u.Notify = su.Status, su.Notify
		}
		return u, nil
	})
}

func mergeAssignment(c *Case, a Assignment, actor string) Assignment {
	m := c.Assignment
	m.Department = firstNonEmpty(a.Department, c.Department)
	m.Queue = firstNonEmpty(a.Queue, c.Queue)
	m.Assignee = firstNonEmpty(a.Assignee, c.Assignee)
	m.Priority = Priority(firstNonEmpty(string(a.Priority), string(c.Priority)))
	m.DueAt = c.DueAt
	if a.DueAt != nil {
		m.DueAt = a.DueAt
	}
	m.RuleID = "manual:" + actor
	return m
}

// AddNote adds a staff note. A public note is sent to the residents.
func (w *Workflow) AddNote(ctx context.Context, tn TrackingNumber, n Note) (*Case, error) {
	n.Text = strings.TrimSpace(n.Text)
	if n.Text == "" {
		return nil, Errorf(ErrInvalid, "a note needs text")
	}
	if len(n.Text) > MaxTextLen {
		return nil, Errorf(ErrInvalid, "the note is %d bytes; the limit is %d", len(n.Text), MaxTextLen)
	}
	n.At = w.now()
	return w.Store.UpdateCase(ctx, tn, func(c *Case) (*Update, error) {
		u := &Update{At: n.At, Notes: []Note{n}}
		if !n.Public {
			return u, nil
		}
		d := dataFor(c)
		d.Note = n.Text
		notify, err := w.Templates.notify(c, KindNote, TemplateNote, d)
		u.Notify = notify
		return u, err
	})
}
