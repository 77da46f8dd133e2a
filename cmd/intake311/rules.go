package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/intake311/intake311/router"
)

// rulesCommands are the subcommands of `intake311 rules`.
var rulesCommands = []command{
	{"check", "check FILE: validate a routing document", runRulesCheck},
	{"publish", `publish FILE --comment "...": validate and publish as the newest version`, runRulesPublish},
	{"history", "history: list the published versions, newest first", runRulesHistory},
	{"diff", "diff V1 V2: the lines that differ between two versions", runRulesDiff},
	{"rollback", "rollback V: publish version V's document again as the newest", runRulesRollback},
	{"replay", "replay FILE [--since 90d]: what a draft would change on stored cases", runRulesReplay},
}

// runRules manages the versions of the routing document.
func runRules(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		for _, c := range rulesCommands {
			if c.name == args[0] {
				return c.run(ctx, env, args[1:])
			}
		}
	}
	rulesUsage(env.Stderr)
	return errUsage
}

func rulesUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: intake311 rules <subcommand> [flags] [args]\n\nsubcommands:")
	for _, c := range rulesCommands {
		fmt.Fprintf(w, "  %s\n", c.summary)
	}
}

func runRulesCheck(_ context.Context, env *Env, args []string) error {
	if len(args) != 1 {
		fmt.Fprintln(env.Stderr, "usage: intake311 rules check FILE")
		return errUsage
	}
	doc, err := readDocument(env, args[0])
	if err != nil {
		return fmt.Errorf("rules check: %w", err)
	}
	fmt.Fprintf(env.Stdout, "%s: ok: %s, %d services, %d rules\n", args[0], doc.City, len(doc.Services), len(doc.Rules))
	return nil
}

// readDocument reads and validates a routing document; its problems, each
// with file:line:col and key path, go to stderr.
func readDocument(env *Env, path string) (*router.Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	doc, err := router.Parse(path, data)
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return nil, fmt.Errorf("%s is not valid", path)
	}
	return doc, nil
}
