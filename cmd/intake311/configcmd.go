package main

import (
	"context"
	"fmt"

	"github.com/intake311/intake311/config"
	"github.com/intake311/intake311/router"
)

func runConfig(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "config", "config init [--routing] | config check FILE")
	routing := fs.Bool("routing", false, "init: print the demo routing document (catalogue, keywords, rules) instead")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch fs.Arg(0) {
	case "init":
		if err := parse(fs, fs.Args()[1:]); err != nil {
			return err
		}
		if *routing {
			_, err := env.Stdout.Write(router.DemoYAML())
			return err
		}
		_, err := env.Stdout.Write(config.DemoYAML())
		return err
	case "check":
		return checkConfig(env, fs.Args()[1:])
	}
	fs.Usage()
	return errUsage
}

// checkConfig validates a configuration file and the routing document it
// names, printing every problem as file:line:col.
func checkConfig(env *Env, args []string) error {
	if len(args) != 1 {
		fmt.Fprintln(env.Stderr, "usage: intake311 config check FILE")
		return errUsage
	}
	cfg, err := loadConfig(args[0], env)
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return fmt.Errorf("%s has problems", args[0])
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintln(env.Stderr, "warning:", w)
	}
	if _, _, err := loadRouting(cfg); err != nil {
		fmt.Fprintln(env.Stderr, err)
		return fmt.Errorf("the routing document has problems")
	}
	fmt.Fprintf(env.Stdout, "%s: ok\n", args[0])
	return nil
}
