package api

import (
	"net/http"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/intake311/intake311/cases"
)

func (s *Server) me(w http.ResponseWriter, r *http.Request, c *Caller) error {
	writeJSON(w, http.StatusOK, c)
	return nil
}

func (s *Server) getCase(w http.ResponseWriter, r *http.Request, _ *Caller) error {
	tn, err := tracking(r)
	if err != nil {
		return err
	}
	c, err := s.opts.Store.Case(r.Context(), tn)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, c)
	return nil
}

func (s *Server) listCases(w http.ResponseWriter, r *http.Request, _ *Caller) error {
	f, err := parseFilter(r)
	if err != nil {
		return err
	}
	page, err := s.opts.Store.FindCases(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, page)
	return nil
}

// parseFilter reads a case filter from the query string: status,
// service_code, channel and department (repeated or comma-separated),
// from and to (RFC 3339 or YYYY-MM-DD), q (text), contact_channel and
// contact_address, limit and cursor.
func parseFilter(r *http.Request) (cases.Filter, error) {
	q := r.URL.Query()
	f := cases.Filter{ServiceCode: list(q["service_code"]), Channel: list(q["channel"]),
		Department: list(q["department"]), Text: strings.TrimSpace(q.Get("q")), Cursor: q.Get("cursor"),
		ContactChannel: q.Get("contact_channel"), ContactAddress: q.Get("contact_address")}
	for _, v := range list(q["status"]) {
		st, err := cases.ParseStatus(v)
		if err != nil {
			return f, err
		}
		f.Status = append(f.Status, st)
	}
	var err error
	if f.From, err = timeParam(q.Get("from"), "from"); err != nil {
		return f, err
	}
	if f.To, err = timeParam(q.Get("to"), "to"); err != nil {
		return f, err
	}
	limit, err := intParam(r, "limit")
	f.Limit = int(limit)
	return f, err
}

func timeParam(v, name string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errorf("query parameter %s=%q is not a date (2026-01-31) or time (2026-01-31T08:00:00Z)", name, v)
}

// newCase is the body of POST /api/v1/cases.
type newCase struct {
	Description string      `json:"description"`
	Address     string      `json:"address"`
	Lat         *float64    `json:"lat"`
	Lon         *float64    `json:"lon"`
	ServiceCode string      `json:"service_code"`
	Language    string      `json:"language"`
	Contact     *newContact `json:"contact"`
}

type newContact struct {
	Channel  string `json:"channel"`
	Address  string `json:"address"`
	Name     string `json:"name"`
	Language string `json:"language"`
	Consent  *bool  `json:"consent"` // default true: the caller asked to be kept informed
}

// CallTakerChannel is the channel of cases entered by call-takers.
const CallTakerChannel = "phone-agent"

// createCase enters a case for a call-taker. An Idempotency-Key header
// makes a retried request return the first case instead of a second one.
func (s *Server) createCase(w http.ResponseWriter, r *http.Request, c *Caller) error {
	var body newCase
	if err := decode(r, &body); err != nil {
		return err
	}
	rep, err := s.report(body, c)
	if err != nil {
		return err
	}
	rep.ExternalID = r.Header.Get("Idempotency-Key")
	created, isNew, err := s.opts.Intake.Submit(r.Context(), rep)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if isNew {
		status = http.StatusCreated
		s.changed()
	}
	w.Header().Set("Location", "/api/v1/cases/"+string(created.Tracking))
	writeJSON(w, status, created)
	return nil
}

func (s *Server) report(b newCase, c *Caller) (cases.Report, error) {
	rep := cases.Report{Channel: CallTakerChannel, Text: b.Description, Address: strings.TrimSpace(b.Address),
		Lat: b.Lat, Lon: b.Lon, ServiceCode: b.ServiceCode, Language: b.Language, Actor: c.Name}
	if b.ServiceCode != "" && s.opts.Service != nil && !s.opts.Service(b.ServiceCode) {
		return rep, errorf("unknown service_code %q", b.ServiceCode)
	}
	if b.Contact == nil {
		return rep, nil
	}
	ct, err := s.contact(*b.Contact)
	rep.Contact = ct
	return rep, err
}

var e164 = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)

// contact checks a resident's contact for the channel it names.
func (s *Server) contact(b newContact) (*cases.Contact, error) {
	ch, addr := strings.ToLower(strings.TrimSpace(b.Channel)), strings.TrimSpace(b.Address)
	if len(s.opts.Channels) > 0 && !slices.Contains(s.opts.Channels, ch) {
		return nil, errorf("contact.channel %q is not one of %s", b.Channel, strings.Join(s.opts.Channels, ", "))
	}
	switch ch {
	case "sms", "voice":
		addr = strings.NewReplacer(" ", "", "-", "", "(", "", ")", "", ".", "").Replace(addr)
		if !e164.MatchString(addr) {
			return nil, errorf("contact.address %q is not a phone number in E.164 form, like +15551234567", b.Address)
		}
	case "email":
		a, err := mail.ParseAddress(addr)
		if err != nil {
			return nil, errorf("contact.address %q is not an email address", b.Address)
		}
		addr = a.Address
	}
	if addr == "" {
		return nil, errorf("contact.address is empty")
	}
	consent := b.Consent == nil || *b.Consent
	return &cases.Contact{Channel: ch, Address: addr, Name: b.Name, Language: b.Language, Consent: consent}, nil
}
