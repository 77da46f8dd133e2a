package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/intake311/intake311/router"
)

// runRulesReplay replays stored cases through the live document and a
// draft and reports what the draft would change.
func runRulesReplay(ctx context.Context, env *Env, args []string) error {
	const synopsis = "rules replay FILE [--since 90d] [--json] [--samples N] [--config FILE] [--data DIR]"
	fs := flags(env, "rules replay", synopsis)
	since := fs.String("since", "90d", `how far back to replay: "90d", "2w", "36h"; "all" for every case`)
	asJSON := fs.Bool("json", false, "print JSON")
	samples := fs.Int("samples", router.DefaultReplaySamples, "changed and triaged cases to show with explanations")
	sf := addStoreFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	age, ok := parseAge(*since)
	if len(pos) != 1 || !ok {
		fs.Usage()
		return errUsage
	}
	rep, err := replay(ctx, env, sf, pos[0], age, *samples)
	if err != nil {
		return fmt.Errorf("rules replay: %w", err)
	}
	if *asJSON {
		return printJSON(env, rep)
	}
	printReplay(env.Stdout, rep, *since)
	return nil
}

func replay(ctx context.Context, env *Env, sf storeFlags, path string, age time.Duration, samples int) (*router.ReplayReport, error) {
	doc, err := readDocument(env, path)
	if err != nil {
		return nil, err
	}
	cfg, store, err := sf.open(ctx, env)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	live, err := liveEngine(ctx, cfg, store)
	if err != nil {
		return nil, err
	}
	draft, err := router.New(doc, 0, router.Options{Location: cfg.Location()})
	if err != nil {
		return nil, err
	}
	opts := router.ReplayOptions{Samples: samples}
	if age > 0 {
		opts.Since = time.Now().Add(-age)
	}
	return router.Replay(ctx, store, live, draft, opts)
}

// parseAge reads "90d", "2w", "36h", "45m" or "all" (0).
func parseAge(s string) (time.Duration, bool) {
	if s == "all" {
		return 0, true
	}
	if n, err := strconv.Atoi(strings.TrimRight(s, "dw")); err == nil && n > 0 && len(s) > 1 {
		switch s[len(s)-1] {
		case 'd':
			return time.Duration(n) * 24 * time.Hour, true
		case 'w':
			return time.Duration(n) * 7 * 24 * time.Hour, true
		}
	}
	d, err := time.ParseDuration(s)
	return d, err == nil && d > 0
}

func printReplay(w io.Writer, rep *router.ReplayReport, since string) {
	live := fmt.Sprintf("version %d (live)", rep.LiveVersion)
	if rep.LiveVersion == 0 {
		live = "the configured document (no version published yet)"
	}
	fmt.Fprintf(w, "replayed %d cases (since %s) through %s and the draft in %.1fs (%.0f cases/s)\n",
		rep.Cases, since, live, rep.Seconds, rep.PerSecond)
	fmt.Fprintf(w, "service changed: %d  department changed: %d  triage: %d → %d\n\n",
		rep.ChangedService, rep.ChangedDepartment, rep.TriageBefore, rep.TriageAfter)
	printCounts(w, "SERVICE", rep.Services)
	fmt.Fprintln(w)
	printLoads(w, rep.Departments)
	printChanges(w, "Cases that change service or department", rep.Changes)
	printChanges(w, "Cases that would fall to triage", rep.Triaged)
}

func printCounts(w io.Writer, title string, counts map[string]*router.Count) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\tBEFORE\tAFTER\tCHANGE\t\n", title)
	for _, code := range byVolume(counts, func(c *router.Count) int { return c.Before + c.After }) {
		c := counts[code]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%+d\t\n", code, c.Before, c.After, c.After-c.Before)
	}
	tw.Flush()
}

func printLoads(w io.Writer, loads map[string]*router.Load) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "DEPARTMENT\tBEFORE\tAFTER\tCHANGE\tSLA HOURS BEFORE\tSLA HOURS AFTER\t")
	for _, code := range byVolume(loads, func(l *router.Load) int { return l.Before + l.After }) {
		l := loads[code]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%+d\t%.0f\t%.0f\t\n", code, l.Before, l.After, l.After-l.Before, l.SLAHoursBefore, l.SLAHoursAfter)
	}
	tw.Flush()
}

// byVolume returns the keys of m, the largest first.
func byVolume[T any](m map[string]T, size func(T) int) []string {
	keys := slices.Sorted(maps.Keys(m))
	slices.SortStableFunc(keys, func(a, b string) int { return cmp.Compare(size(m[b]), size(m[a])) })
	return keys
}

func printChanges(w io.Writer, title string, changes []router.Change) {
	if len(changes) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s (the newest %d):\n", title, len(changes))
	for _, c := range changes {
		fmt.Fprintf(w, "\n  %s  %s  %s  %q\n", c.Tracking, c.Created.UTC().Format(time.DateTime), c.Channel, c.Text)
		printOutcome(w, "before", c.Before)
		printOutcome(w, "after ", c.After)
	}
}

func printOutcome(w io.Writer, label string, o router.Outcome) {
	fmt.Fprintf(w, "    %s %s → %s (rule %s, confidence %.2f)", label, o.Service, o.Department, o.Rule, o.Confidence)
	if o.Why != nil && len(o.Why.Terms) > 0 {
		fmt.Fprintf(w, ": %s", strings.Join(o.Why.Terms, ", "))
	}
	fmt.Fprintln(w)
}
