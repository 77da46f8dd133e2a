package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/intake311/intake311/cases"
)

// statusBody is the body of POST /api/v1/cases/{tracking}/status.
type statusBody struct {
	Status      string `json:"status"`
	Note        string `json:"note"`
	CloseReason string `json:"close_reason"`
}

func (s *Server) changeStatus(w http.ResponseWriter, r *http.Request, c *Caller) error {
	tn, err := tracking(r)
	if err != nil {
		return err
	}
	var b statusBody
	if err := decode(r, &b); err != nil {
		return err
	}
	st, err := cases.ParseStatus(b.Status)
	if err != nil {
		return err
	}
	out, err := s.opts.Workflow.ChangeStatus(r.Context(), tn, cases.StatusChange{
		Status: st, CloseReason: cases.CloseReason(b.CloseReason), Note: b.Note, Actor: c.Name})
	return s.respond(w, out, err)
}

// assignBody is the body of POST /api/v1/cases/{tracking}/assign.
type assignBody struct {
	Department string     `json:"department"`
	Queue      string     `json:"queue"`
	Assignee   string     `json:"assignee"`
	Priority   string     `json:"priority"`
	DueAt      *time.Time `json:"due_at"`
}

func (s *Server) assign(w http.ResponseWriter, r *http.Request, c *Caller) error {
	tn, err := tracking(r)
	if err != nil {
		return err
	}
	var b assignBody
	if err := decode(r, &b); err != nil {
		return err
	}
	out, err := s.opts.Workflow.Assign(r.Context(), tn, cases.Assignment{Department: b.Department, Queue: b.Queue,
		Assignee: b.Assignee, Priority: cases.Priority(b.Priority), DueAt: b.DueAt}, c.Name)
	return s.respond(w, out, err)
}

// noteBody is the body of POST /api/v1/cases/{tracking}/notes. A public
// note is sent to the residents on the case; an internal one is not.
type noteBody struct {
	Text   string `json:"text"`
	Public bool   `json:"public"`
}

func (s *Server) addNote(w http.ResponseWriter, r *http.Request, c *Caller) error {
	tn, err := tracking(r)
	if err != nil {
		return err
	}
	var b noteBody
	if err := decode(r, &b); err != nil {
		return err
	}
	out, err := s.opts.Workflow.AddNote(r.Context(), tn, cases.Note{Text: b.Text, Public: b.Public, Author: c.Name})
	return s.respond(w, out, err)
}

// respond writes the updated case and wakes the dispatcher.
func (s *Server) respond(w http.ResponseWriter, c *cases.Case, err error) error {
	if err != nil {
		return err
	}
	s.changed()
	writeJSON(w, http.StatusOK, c)
	return nil
}

// deadLetters lists dead-lettered notifications, oldest first; ?after=ID
// pages on.
func (s *Server) deadLetters(w http.ResponseWriter, r *http.Request, _ *Caller) error {
	after, err := intParam(r, "after")
	if err != nil {
		return err
	}
	limit, err := intParam(r, "limit")
	if err != nil {
		return err
	}
	ns, err := s.opts.Store.Notifications(r.Context(), cases.NotificationDead, after, int(limit))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"notifications": ns})
	return nil
}

// retry puts a dead-lettered notification back in the outbox.
func (s *Server) retry(w http.ResponseWriter, r *http.Request, _ *Caller) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return errorf("%q is not a notification id", r.PathValue("id"))
	}
	if err := s.opts.Store.RequeueNotification(r.Context(), id, s.opts.Now().UTC()); err != nil {
		return err
	}
	s.changed()
	writeJSON(w, http.StatusAccepted, map[string]any{"id": id, "state": cases.NotificationPending})
	return nil
}
