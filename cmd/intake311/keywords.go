package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/intake311/intake311/nlp"
)

// runKeywords helps managers tune keywords. Only "suggest" exists.
func runKeywords(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] != "suggest" {
		fmt.Fprintln(env.Stderr, "usage: intake311 keywords suggest --data FILE.csv [--json] [--rules FILE] [--max N] [--min-texts N]")
		return errUsage
	}
	return runKeywordsSuggest(ctx, env, args[1:])
}

// runKeywordsSuggest mines labelled requests for the terms that would
// most improve each service's recall or precision, for a manager to
// review. Nothing is changed.
func runKeywordsSuggest(_ context.Context, env *Env, args []string) error {
	const synopsis = "keywords suggest --data FILE.csv [--json] [--rules FILE] [--max N] [--min-texts N]"
	fs := flags(env, "keywords suggest", synopsis)
	data := fs.String("data", "", "CSV with the columns text and service_code")
	asJSON := fs.Bool("json", false, "print JSON")
	rules := fs.String("rules", "", "routing document to tune (default: the demo city's)")
	maxTerms := fs.Int("max", 5, "terms of each kind per service")
	minTexts := fs.Int("min-texts", 3, "texts a term must occur in")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *data == "" || len(pos) != 0 {
		fs.Usage()
		return errUsage
	}
	samples, err := readSamples(*data)
	if err != nil {
		return fmt.Errorf("keywords suggest: %w", err)
	}
	e, err := rulesEngine(*rules)
	if err != nil {
		return fmt.Errorf("keywords suggest: %w", err)
	}
	sugs := e.Suggest(samples, nlp.SuggestOptions{Max: *maxTerms, MinSupport: *minTexts})
	if *asJSON {
		return printJSON(env, sugs)
	}
	printSuggestions(env.Stdout, sugs, len(samples))
	return nil
}

func readSamples(path string) ([]nlp.Sample, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return nlp.ReadSamples(f)
}

func printSuggestions(w io.Writer, sugs []nlp.Suggestion, n int) {
	fmt.Fprintf(w, "Suggestions from %d labelled texts, for review; nothing has been changed.\n", n)
	fmt.Fprintln(w, "fixes/breaks: texts that would become right/wrong; share: texts with the term that carry the label.")
	for _, s := range sugs {
		if len(s.Add)+len(s.Negative)+len(s.Review) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s: %d of %d right, %d predicted\n", s.Service, s.Correct, s.Support, s.Predicted)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		printTerms(tw, "add keyword", s.Add, true)
		printTerms(tw, "add negative", s.Negative, false)
		printTerms(tw, "lower or remove", s.Review, true)
		tw.Flush()
	}
}

func printTerms(w io.Writer, what string, ts []nlp.TermSuggestion, weight bool) {
	for _, t := range ts {
		term := fmt.Sprintf("%q", t.Term)
		if weight {
			term = fmt.Sprintf("%q: %g", t.Term, t.Weight)
		}
		fmt.Fprintf(w, "  %s\t%s\tfixes %d\tbreaks %d\tin %d texts\tshare %.2f\n", what, term, t.Fixes, t.Breaks, t.Texts, t.Share)
	}
}
