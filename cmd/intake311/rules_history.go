package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/intake311/intake311/cases"
)

// runRulesHistory lists the published versions, newest (live) first.
func runRulesHistory(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "rules history", "rules history [--json] [--config FILE] [--data DIR]")
	asJSON := fs.Bool("json", false, "print JSON")
	sf := addStoreFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		fs.Usage()
		return errUsage
	}
	_, store, err := sf.open(ctx, env)
	if err != nil {
		return fmt.Errorf("rules history: %w", err)
	}
	defer store.Close()
	versions, err := store.RulesHistory(ctx)
	if err != nil {
		return fmt.Errorf("rules history: %w", err)
	}
	if *asJSON {
		return printJSON(env, versions)
	}
	printHistory(env, versions)
	return nil
}

func printHistory(env *Env, versions []cases.RulesVersion) {
	if len(versions) == 0 {
		fmt.Fprintln(env.Stdout, "no version published yet (serve publishes the configured document as version 1)")
		return
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VERSION\tPUBLISHED (UTC)\tAUTHOR\tCOMMENT")
	for i, v := range versions {
		live := ""
		if i == 0 {
			live = " (live)"
		}
		fmt.Fprintf(tw, "%d%s\t%s\t%s\t%s\n", v.Version, live, v.At.UTC().Format(time.DateTime), v.Author, oneLine(v.Comment))
	}
	tw.Flush()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// runRulesDiff prints a unified, line-based diff of two versions'
// documents.
func runRulesDiff(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "rules diff", "rules diff V1 V2 [--context N] [--config FILE] [--data DIR]")
	around := fs.Int("context", 3, "unchanged lines shown around each change")
	sf := addStoreFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	vs, ok := versionArg(pos, 2)
	if !ok {
		fs.Usage()
		return errUsage
	}
	_, store, err := sf.open(ctx, env)
	if err != nil {
		return fmt.Errorf("rules diff: %w", err)
	}
	defer store.Close()
	a, err := fetchVersion(ctx, store, vs[0])
	if err != nil {
		return fmt.Errorf("rules diff: %w", err)
	}
	b, err := fetchVersion(ctx, store, vs[1])
	if err != nil {
		return fmt.Errorf("rules diff: %w", err)
	}
	printDiff(env, a, b, max(*around, 0))
	return nil
}

func printDiff(env *Env, a, b *cases.RulesVersion, around int) {
	hunks := diffLines(splitLines(string(a.Document)), splitLines(string(b.Document)), around)
	if len(hunks) == 0 {
		fmt.Fprintf(env.Stdout, "versions %d and %d have the same document\n", a.Version, b.Version)
		return
	}
	fmt.Fprintf(env.Stdout, "--- version %d\t%s by %s: %s\n", a.Version, a.At.UTC().Format(time.DateTime), a.Author, oneLine(a.Comment))
	fmt.Fprintf(env.Stdout, "+++ version %d\t%s by %s: %s\n", b.Version, b.At.UTC().Format(time.DateTime), b.Author, oneLine(b.Comment))
	for _, h := range hunks {
		h.write(env.Stdout)
	}
}
