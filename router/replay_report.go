package router

import (
	"cmp"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/nlp"
)

// ReplayReport is what replaying stored cases through the live document
// and a draft found.
type ReplayReport struct {
	Cases             int               `json:"cases"`
	LiveVersion       int64             `json:"live_version"`
	DraftVersion      int64             `json:"draft_version"` // 0: not published
	Services          map[string]*Count `json:"services"`
	Departments       map[string]*Load  `json:"departments"`
	ChangedService    int               `json:"changed_service"`
	ChangedDepartment int               `json:"changed_department"`
	TriageBefore      int               `json:"triage_before"`
	TriageAfter       int               `json:"triage_after"`
	Changes           []Change          `json:"changes"` // a sample, newest first
	Triaged           []Change          `json:"triaged"` // newly sent to triage: a sample, newest first
	Seconds           float64           `json:"seconds"`
	PerSecond         float64           `json:"per_second"`
}

// Count is how many cases a service or department gets before (live) and
// after (draft).
type Count struct {
	Before int `json:"before"`
	After  int `json:"after"`
}

// Load is a department's cases and the SLA hours they commit it to,
// before and after.
type Load struct {
	Count
	SLAHoursBefore float64 `json:"sla_hours_before"`
	SLAHoursAfter  float64 `json:"sla_hours_after"`
}

// Change is one case that the draft routes differently.
type Change struct {
	Tracking cases.TrackingNumber `json:"tracking_number"`
	Created  time.Time            `json:"created_at"`
	Channel  string               `json:"channel"`
	Text     string               `json:"text"` // the description, cut to SampleTextLen bytes
	Before   Outcome              `json:"before"`
	After    Outcome              `json:"after"`

	seq  int64 // the case's place in the replay's order, newest first
	orig *cases.Case
}

// SampleTextLen bounds the description kept in a sample.
const SampleTextLen = 200

// Outcome is how one document classifies and routes a case.
type Outcome struct {
	Service    string         `json:"service_code"`
	Department string         `json:"department"`
	Queue      string         `json:"queue,omitempty"`
	Priority   cases.Priority `json:"priority"`
	Rule       string         `json:"rule"`
	Confidence float64        `json:"confidence"`
	Triage     bool           `json:"triage,omitempty"`
	SLAHours   float64        `json:"sla_hours"`
	Why        *Why           `json:"why,omitempty"` // on samples only
}

// Why is the short explanation of a sampled outcome.
type Why struct {
	Terms  []string    `json:"terms"`            // "potholes" → pothole +3
	Scores []nlp.Score `json:"scores,omitempty"` // the best three
	Rule   string      `json:"rule"`             // the rule's description
	Note   string      `json:"note,omitempty"`
}

func newReplayReport(live, draft int64) *ReplayReport {
	return &ReplayReport{LiveVersion: live, DraftVersion: draft,
		Services: map[string]*Count{}, Departments: map[string]*Load{}, Changes: []Change{}, Triaged: []Change{}}
}

// count adds one case's outcomes.
func (r *ReplayReport) count(b, a Outcome) {
	r.Cases++
	r.service(b.Service).Before++
	r.service(a.Service).After++
	db, da := r.department(b.Department), r.department(a.Department)
	db.Before++
	db.SLAHoursBefore += b.SLAHours
	da.After++
	da.SLAHoursAfter += a.SLAHours
	if b.Service != a.Service {
		r.ChangedService++
	}
	if b.Department != a.Department {
		r.ChangedDepartment++
	}
	r.TriageBefore += btoi(b.Triage)
	r.TriageAfter += btoi(a.Triage)
}

func (r *ReplayReport) service(code string) *Count {
	c := r.Services[code]
	if c == nil {
		c = &Count{}
		r.Services[code] = c
	}
	return c
}

func (r *ReplayReport) department(code string) *Load {
	l := r.Departments[code]
	if l == nil {
		l = &Load{}
		r.Departments[code] = l
	}
	return l
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// merge adds another worker's report to r.
func (r *ReplayReport) merge(o *ReplayReport, keep int) {
	r.Cases += o.Cases
	r.ChangedService += o.ChangedService
	r.ChangedDepartment += o.ChangedDepartment
	r.TriageBefore += o.TriageBefore
	r.TriageAfter += o.TriageAfter
	for code, c := range o.Services {
		s := r.service(code)
		s.Before, s.After = s.Before+c.Before, s.After+c.After
	}
	for code, l := range o.Departments {
		d := r.department(code)
		d.Before, d.After = d.Before+l.Before, d.After+l.After
		d.SLAHoursBefore += l.SLAHoursBefore
		d.SLAHoursAfter += l.SLAHoursAfter
	}
	for _, c := range o.Changes {
		r.Changes = keepNewest(r.Changes, c, keep)
	}
	for _, c := range o.Triaged {
		r.Triaged = keepNewest(r.Triaged, c, keep)
	}
}

func newChange(seq int64, c *cases.Case, b, a Outcome) Change {
	return Change{Tracking: c.Tracking, Created: c.CreatedAt, Channel: c.Channel, Text: cut(c.Description, SampleTextLen),
		Before: b, After: a, seq: seq, orig: c}
}

// keepNewest adds c to the samples, which stay sorted by position in the
// replay (the newest case first) and at most n long.
func keepNewest(samples []Change, c Change, n int) []Change {
	if len(samples) >= n && c.seq > samples[len(samples)-1].seq {
		return samples
	}
	i, _ := slices.BinarySearchFunc(samples, c.seq, func(s Change, seq int64) int { return cmp.Compare(s.seq, seq) })
	samples = slices.Insert(samples, i, c)
	if len(samples) > n {
		samples = samples[:n]
	}
	return samples
}

// explain adds the explanations to the kept samples.
func (r *replayer) explain(rep *ReplayReport) {
	for _, list := range [][]Change{rep.Changes, rep.Triaged} {
		for i := range list {
			list[i].Before.Why = r.before.why(list[i].orig, r.now)
			list[i].After.Why = r.after.why(list[i].orig, r.now)
		}
	}
}

// why classifies and routes c again, keeping the explanation.
func (cp *compiled) why(c *cases.Case, now func() time.Time) *Why {
	res := cp.cls.Analyze(c.Description, c.Language)
	rc := asReported(c, res.Service, res.Language, res.Emergency, res.Confidence)
	rc.Classification.Location = res.Location
	_, tr := cp.decide(&rc, now, true)
	w := &Why{Terms: []string{}, Scores: res.Scores[:min(3, len(res.Scores))], Rule: tr.Description, Note: tr.Note}
	for _, m := range res.Matches {
		if m.Service != "" && m.Weight > 0 {
			w.Terms = append(w.Terms, fmt.Sprintf("%q → %s +%g", m.Text, m.Service, m.Weight))
		}
	}
	if res.Truncated {
		w.Note = "the text is longer than the classifier reads; only its start was read"
	}
	return w
}

// cut shortens s to at most n bytes on a rune boundary, marking the cut.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
