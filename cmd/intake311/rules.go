package main

import (
	"context"
	"fmt"
	"os"

	"github.com/intake311/intake311/router"
)

// runRules manages routing documents. Only "check" is available so far.
func runRules(ctx context.Context, env *Env, args []string) error {
	if len(args) != 2 || args[0] != "check" {
		fmt.Fprintln(env.Stderr, "usage: intake311 rules check FILE")
		return errUsage
	}
	data, err := os.ReadFile(args[1])
	if err != nil {
		return fmt.Errorf("rules check: %w", err)
	}
	doc, err := router.Parse(args[1], data)
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return fmt.Errorf("rules check: %s is not valid", args[1])
	}
	fmt.Fprintf(env.Stdout, "%s: ok: %s, %d services, %d rules\n", args[1], doc.City, len(doc.Services), len(doc.Rules))
	return nil
}
