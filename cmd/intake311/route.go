package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/router"
)

// runRoute classifies a text and routes it as intake would on a channel,
// with the live routing document (or the one given with --rules).
func runRoute(ctx context.Context, env *Env, args []string) error {
	const synopsis = `route [--channel sms] [--lang en|es] [--json] [--rules FILE] [--config FILE] [--data DIR] "text"`
	fs := flags(env, "route", synopsis)
	channel := fs.String("channel", "sms", "the channel the report came in on")
	lang := fs.String("lang", "", "the text's language (en, es); empty: detect")
	asJSON := fs.Bool("json", false, "print JSON")
	rules := fs.String("rules", "", "routing document to use (default: the live version in the store)")
	sf := addStoreFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return errUsage
	}
	e, err := routeEngine(ctx, env, sf, *rules)
	if err != nil {
		return fmt.Errorf("route: %w", err)
	}
	c, err := routeText(ctx, e, strings.Join(pos, " "), *channel, *lang)
	if err != nil {
		return fmt.Errorf("route: %w", err)
	}
	if *asJSON {
		return printJSON(env, routeJSON(c))
	}
	printRoute(env, e, c)
	return nil
}

// routeEngine is the document a route uses: the --rules file, else the
// newest published version, else the configured document.
func routeEngine(ctx context.Context, env *Env, sf storeFlags, rules string) (*router.Engine, error) {
	if rules != "" {
		doc, err := readDocument(env, rules)
		if err != nil {
			return nil, err
		}
		return router.New(doc, 0, router.Options{Logger: slog.New(slog.DiscardHandler)})
	}
	cfg, err := sf.load(env)
	if err != nil {
		return nil, err
	}
	if !storeExists(cfg) {
		return liveEngine(ctx, cfg, nil)
	}
	store, err := openStore(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	defer store.Close()
	return liveEngine(ctx, cfg, store)
}

// routeText builds the case intake would build from text: classified,
// located and routed.
func routeText(ctx context.Context, e *router.Engine, text, channel, lang string) (*cases.Case, error) {
	cl, err := e.Classify(ctx, text, lang)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	c := &cases.Case{Status: cases.StatusOpen, ServiceCode: cl.ServiceCode, Description: text, Channel: channel,
		Language: cmp.Or(lang, cl.Language), Emergency: cl.Emergency, Classification: cl, CreatedAt: now, UpdatedAt: now}
	if l := cl.Location; l != nil {
		c.Address, c.Lat, c.Lon = cmp.Or(l.Normalized, l.Text), l.Lat, l.Lon
	}
	a, err := e.Route(ctx, c)
	if err != nil {
		return nil, err
	}
	c.Assignment = a
	c.Department, c.Queue, c.Priority, c.DueAt, c.Tags = a.Department, a.Queue, a.Priority, a.DueAt, a.Tags
	return c, nil
}

// routeJSON is the classify --json shape plus the rule, the assignment
// and both explanations.
func routeJSON(c *cases.Case) map[string]any {
	m := withExplanation(c.Classification, nil)
	m["rule"] = c.Assignment.RuleID
	m["assignment"] = c.Assignment
	m["explanation"] = cases.Explanation{Classification: c.Classification.Explanation, Routing: c.Assignment.Explanation}
	return m
}

func printRoute(env *Env, e *router.Engine, c *cases.Case) {
	cl, a := c.Classification, c.Assignment
	w := env.Stdout
	fmt.Fprintf(w, "service:    %s (%s)\nconfidence: %.3f\nlanguage:   %s\nemergency:  %v\n",
		cl.ServiceCode, e.ServiceName(cl.ServiceCode, cl.Language), cl.Confidence, cl.Language, cl.Emergency)
	if l := cl.Location; l != nil {
		fmt.Fprintf(w, "location:   %s %q (%s)\n", l.Kind, l.Text, l.Normalized)
	}
	for _, alt := range cl.Alternatives {
		fmt.Fprintf(w, "also:       %s %.1f\n", alt.ServiceCode, alt.Score)
	}
	fmt.Fprintf(w, "rule:       %s (version %d)\n", a.RuleID, a.Version)
	fmt.Fprintf(w, "department: %s (%s)\nqueue:      %s\npriority:   %s\n",
		a.Department, e.DepartmentName(a.Department, cl.Language), a.Queue, a.Priority)
	if len(a.Tags) > 0 {
		fmt.Fprintf(w, "tags:       %s\n", strings.Join(a.Tags, ", "))
	}
	var tr router.Trace
	if json.Unmarshal(a.Explanation, &tr) == nil {
		printTrace(w, &tr)
	}
}

// printTrace gives the SLA as written and says why the rule matched and
// which rules before it did not.
func printTrace(w io.Writer, tr *router.Trace) {
	fmt.Fprintf(w, "sla:        %s (due %s)\n", tr.SLA, tr.DueAt)
	fmt.Fprintf(w, "why:        %s\n", cmp.Or(tr.Description, "rule "+tr.Rule))
	if tr.Note != "" {
		fmt.Fprintf(w, "note:       %s\n", tr.Note)
	}
	for _, s := range tr.Skipped {
		fmt.Fprintf(w, "  skipped %s: %s wanted %v, got %v\n", s.Rule, s.Failed.Condition, s.Failed.Want, s.Failed.Got)
	}
}
