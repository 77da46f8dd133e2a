package ivr

import (
	"context"
	"encoding/json"
	"fmt"
)

// state is what the engine remembers about a call between turns.
type state struct {
	From     string   `json:"from,omitempty"`
	Lang     string   `json:"lang"`
	Node     string   `json:"node"`           // the current menu node
	Back     []string `json:"back,omitempty"` // the nodes to go back to, the last first
	Stage    string   `json:"stage"`          // the question being asked
	Tries    int      `json:"tries,omitempty"`
	Draft    *draft   `json:"draft,omitempty"`    // a report being made
	Tracking string   `json:"tracking,omitempty"` // the case made or looked up
	Filed    int      `json:"filed,omitempty"`    // cases made on this call
}

// draft is a report being put together over several turns.
type draft struct {
	Message   bool     `json:"message,omitempty"` // a recorded message rather than a described problem
	Text      string   `json:"text,omitempty"`
	Service   string   `json:"service,omitempty"`
	Emergency bool     `json:"emergency,omitempty"`
	Suggested []string `json:"suggested,omitempty"` // the classifier's alternatives
	Choices   []string `json:"choices,omitempty"`   // the short list offered
	Place     string   `json:"place,omitempty"`     // as heard
	Address   string   `json:"address,omitempty"`   // as normalised
	Lat       *float64 `json:"lat,omitempty"`
	Lon       *float64 `json:"lon,omitempty"`
	Recording string   `json:"recording,omitempty"`
	SMS       bool     `json:"sms,omitempty"` // updates by text message rather than by phone
}

// fresh is the state of a call that has just begun. A caller id that is
// not a phone number (withheld, "anonymous") is not kept.
func (e *Engine) fresh(from string) *state {
	if !phoneNumber(from) {
		from = ""
	}
	return &state{From: from, Lang: e.menu.Languages[0], Node: e.menu.Start, Stage: stageMenu}
}

// phoneNumber reports whether s is a number in E.164 form.
func phoneNumber(s string) bool {
	if len(s) < 8 || len(s) > 16 || s[0] != '+' || s[1] == '0' {
		return false
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// load reads a call's state. A state this menu cannot continue (its node
// or question no longer exists, or a report's draft is missing) starts
// over at the start node, and the call is marked restarted.
func (e *Engine) load(ctx context.Context, callID string) (*call, int64, error) {
	data, version, err := e.opts.Store.GetState(ctx, StateScope, callID)
	if err != nil {
		return nil, 0, fmt.Errorf("load call: %w", err)
	}
	st := &state{}
	if err := json.Unmarshal(data, st); err != nil {
		return nil, 0, fmt.Errorf("load call: %w", err)
	}
	c := &call{e: e, id: callID, st: st}
	if s, ok := e.stages[st.Stage]; !ok || s.draft && st.Draft == nil || e.menu.Nodes[st.Node] == nil {
		c.st, c.restarted = e.fresh(st.From), true
	}
	return c, version, nil
}

// save writes a call's state over version.
func (e *Engine) save(ctx context.Context, c *call, version int64) error {
	data, err := json.Marshal(c.st)
	if err != nil {
		return fmt.Errorf("save call: %w", err)
	}
	if _, err := e.opts.Store.PutState(ctx, StateScope, c.id, data, version, e.opts.TTL); err != nil {
		return fmt.Errorf("save call: %w", err)
	}
	return nil
}
