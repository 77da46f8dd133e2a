package router

import (
	"context"
	"encoding/json"
	"time"

	"github.com/intake311/intake311/cases"
)

// Trace says why a case was routed as it was; it is the routing
// explanation kept on the case.
type Trace struct {
	Rule        string   `json:"rule"`
	Description string   `json:"description,omitempty"`
	Version     int64    `json:"version"`
	Service     string   `json:"service_code"`
	Note        string   `json:"note,omitempty"`
	Checks      []Check  `json:"conditions"`        // of the rule that matched
	Skipped     []Missed `json:"skipped,omitempty"` // earlier rules, with the condition that failed
	Defaults    Defaults `json:"defaults"`          // the service's own department, priority and SLA
	Actions     Actions  `json:"actions"`
	SLA         string   `json:"sla"`
	DueAt       string   `json:"due_at,omitempty"`
}

// Missed is a rule that did not match, with the condition that failed.
type Missed struct {
	Rule   string `json:"rule"`
	Failed Check  `json:"failed"`
}

// Defaults are the service's own routing.
type Defaults struct {
	Department string         `json:"department"`
	Priority   cases.Priority `json:"priority"`
	SLA        string         `json:"sla"`
}

// Route implements cases.Router: the first rule whose conditions all hold
// decides, over the defaults of the case's service.
func (e *Engine) Route(ctx context.Context, c *cases.Case) (cases.Assignment, error) {
	a, tr := e.Decide(c)
	b, err := json.Marshal(tr)
	if err != nil {
		return cases.Assignment{}, err
	}
	a.Explanation = b
	return a, nil
}

// Decide routes c with the current document and returns the assignment
// and its trace, without encoding the trace.
func (e *Engine) Decide(c *cases.Case) (cases.Assignment, *Trace) {
	return e.cur.Load().decide(c, e.opts.Now, true)
}

// decide routes c. With explain false the trace keeps only the rule and
// the service, and the due time is not worked out: what a replay needs.
func (cp *compiled) decide(c *cases.Case, now func() time.Time, explain bool) (cases.Assignment, *Trace) {
	tr := &Trace{Version: cp.version}
	svc := cp.services[c.ServiceCode]
	if svc == nil {
		svc = cp.services[cp.doc.Triage]
		tr.Note = "unknown service " + quote(c.ServiceCode) + ": routed as " + svc.Code
	}
	tr.Service = svc.Code
	tr.Defaults = Defaults{Department: svc.Department, Priority: svc.Priority, SLA: svc.SLA.String()}
	f := newFacts(c, svc, cp.zone, now)
	rule := cp.match(f, tr, explain)
	a := cp.apply(rule, svc, f.at, tr, explain)
	return a, tr
}

func quote(s string) string { return `"` + s + `"` }

// match returns the first rule whose conditions hold; the last rule has
// none, so there always is one.
func (cp *compiled) match(f *facts, tr *Trace, explain bool) *Rule {
	rules := cp.doc.Rules
	if explain {
		tr.Skipped = make([]Missed, 0, len(rules)-1)
	}
	for i := range rules {
		checks, ok := cp.doc.evaluate(&rules[i], f, explain)
		if ok {
			tr.Rule, tr.Description, tr.Checks = rules[i].ID, rules[i].Description, checks
			if tr.Checks == nil {
				tr.Checks = []Check{}
			}
			return &rules[i]
		}
		if explain {
			tr.Skipped = append(tr.Skipped, Missed{Rule: rules[i].ID, Failed: checks[len(checks)-1]})
		}
	}
	return &rules[len(rules)-1]
}

func (cp *compiled) apply(r *Rule, svc *Service, at time.Time, tr *Trace, explain bool) cases.Assignment {
	act := r.Then
	tr.Actions = act
	a := cases.Assignment{Department: or(act.Department, svc.Department), Queue: act.Queue,
		Priority: svc.Priority, Tags: act.Tags, ReplyTemplate: act.Reply, RuleID: r.ID, Version: cp.version}
	if a.Queue == "" {
		if d := cp.depts[a.Department]; d != nil {
			a.Queue = d.Queue
		}
	}
	if act.Priority != "" {
		a.Priority = act.Priority
	}
	sla := svc.SLA
	if act.SLA != nil {
		sla = *act.SLA
	}
	a.SLA = sla.Duration(cp.doc.BusinessHours.day())
	tr.SLA = sla.String()
	if explain {
		due := cp.due(at, sla)
		a.DueAt = &due
		tr.DueAt = due.Format(time.RFC3339)
	}
	return a
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
