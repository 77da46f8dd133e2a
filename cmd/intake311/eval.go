package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sort"

	"github.com/intake311/intake311/nlp"
)

// runEval scores the classifier on a labelled CSV, beside a naive-Bayes
// baseline trained by k-fold cross validation on the same file.
func runEval(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	asJSON := fs.Bool("json", false, "print JSON")
	data := fs.String("data", "", "CSV with the columns text and service_code")
	rules := fs.String("rules", "", "routing document to use (default: the demo city's)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *data == "" {
		fmt.Fprintln(env.Stderr, "usage: intake311 eval [--json] [--rules FILE] --data FILE.csv")
		return errUsage
	}
	f, err := os.Open(*data)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	defer f.Close()
	samples, err := nlp.ReadSamples(f)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	e, err := rulesEngine(*rules)
	if err != nil {
		return err
	}
	ev, err := e.Evaluate(ctx, samples)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	if *asJSON {
		return printJSON(env, ev)
	}
	fmt.Fprintf(env.Stdout, "n %d  accuracy %.4f  macro-F1 %.4f  triage %.4f  %.0f/s\n", ev.N, ev.Accuracy, ev.MacroF1, ev.TriageRate, ev.PerSecond)
	fmt.Fprintf(env.Stdout, "baseline (%s): accuracy %.4f  macro-F1 %.4f\n\n", ev.Baseline.Name, ev.Baseline.Accuracy, ev.Baseline.MacroF1)
	codes := make([]string, 0, len(ev.PerService))
	for c := range ev.PerService {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	fmt.Fprintf(env.Stdout, "%-20s %7s %9s %9s %6s\n", "service", "support", "precision", "recall", "f1")
	for _, c := range codes {
		s := ev.PerService[c]
		fmt.Fprintf(env.Stdout, "%-20s %7d %9.3f %9.3f %6.3f\n", c, s.Support, s.Precision, s.Recall, s.F1)
	}
	return nil
}
