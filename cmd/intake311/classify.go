package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/intake311/intake311/router"
)

// runClassify prints what the classifier makes of a text.
func runClassify(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("classify", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	asJSON := fs.Bool("json", false, "print JSON")
	lang := fs.String("lang", "", "the text's language (en, es); empty: detect")
	rules := fs.String("rules", "", "routing document to use (default: the demo city's)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(env.Stderr, `usage: intake311 classify [--json] [--lang en|es] [--rules FILE] "text"`)
		return errUsage
	}
	e, err := rulesEngine(*rules)
	if err != nil {
		return err
	}
	cl, err := e.Classify(ctx, strings.Join(fs.Args(), " "), *lang)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(env, withExplanation(cl, cl.Explanation))
	}
	fmt.Fprintf(env.Stdout, "service:    %s (%s)\nconfidence: %.3f\nlanguage:   %s\nemergency:  %v\n",
		cl.ServiceCode, e.ServiceName(cl.ServiceCode, cl.Language), cl.Confidence, cl.Language, cl.Emergency)
	if cl.Location != nil {
		fmt.Fprintf(env.Stdout, "location:   %s %q (%s)\n", cl.Location.Kind, cl.Location.Text, cl.Location.Normalized)
	}
	for _, a := range cl.Alternatives {
		fmt.Fprintf(env.Stdout, "also:       %s %.1f\n", a.ServiceCode, a.Score)
	}
	return nil
}

// rulesEngine compiles the routing document in path, or the demo city's.
func rulesEngine(path string) (*router.Engine, error) {
	doc := router.Demo()
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read rules: %w", err)
		}
		if doc, err = router.Parse(path, data); err != nil {
			return nil, err
		}
	}
	return router.New(doc, 0, router.Options{})
}

func printJSON(env *Env, v any) error {
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// withExplanation returns v's JSON fields plus "explanation".
func withExplanation(v any, explanation json.RawMessage) map[string]any {
	b, _ := json.Marshal(v)
	m := map[string]any{}
	json.Unmarshal(b, &m)
	m["explanation"] = explanation
	return m
}
