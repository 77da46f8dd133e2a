package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/router"
)

// runRulesPublish validates a routing document and publishes it as the
// newest version; every replica swaps it in within seconds.
func runRulesPublish(ctx context.Context, env *Env, args []string) error {
	const synopsis = `rules publish FILE --comment "..." [--author NAME] [--config FILE] [--data DIR]`
	fs := flags(env, "rules publish", synopsis)
	comment := fs.String("comment", "", "what changed and why (required)")
	by := fs.String("author", "", "who publishes (default: $USER)")
	sf := addStoreFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *comment == "" {
		fs.Usage()
		return errUsage
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return fmt.Errorf("rules publish: %w", err)
	}
	doc, err := router.Parse(pos[0], data)
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return fmt.Errorf("rules publish: %s is not valid; nothing was published", pos[0])
	}
	return publish(ctx, env, sf, doc, data, author(env, *by), *comment)
}

// publish stores a validated document as the newest version.
func publish(ctx context.Context, env *Env, sf storeFlags, doc *router.Document, data []byte, by, comment string) error {
	_, store, err := sf.open(ctx, env)
	if err != nil {
		return fmt.Errorf("rules publish: %w", err)
	}
	defer store.Close()
	v, err := store.PublishRules(ctx, data, by, comment)
	if err != nil {
		return fmt.Errorf("rules publish: %w", err)
	}
	fmt.Fprintf(env.Stdout, "published version %d: %s, %d services, %d rules (by %s: %s)\n",
		v, doc.City, len(doc.Services), len(doc.Rules), by, comment)
	return nil
}

// runRulesRollback publishes an older version's document again, as the
// newest version.
func runRulesRollback(ctx context.Context, env *Env, args []string) error {
	const synopsis = `rules rollback V [--comment "..."] [--author NAME] [--config FILE] [--data DIR]`
	fs := flags(env, "rules rollback", synopsis)
	comment := fs.String("comment", "", "why (added to the version's comment)")
	by := fs.String("author", "", "who rolls back (default: $USER)")
	sf := addStoreFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	v, ok := versionArg(pos, 1)
	if !ok {
		fs.Usage()
		return errUsage
	}
	_, store, err := sf.open(ctx, env)
	if err != nil {
		return fmt.Errorf("rules rollback: %w", err)
	}
	defer store.Close()
	return rollback(ctx, env, store, v[0], author(env, *by), *comment)
}

func rollback(ctx context.Context, env *Env, store cases.RulesStore, v int64, by, why string) error {
	old, err := fetchVersion(ctx, store, v)
	if err != nil {
		return fmt.Errorf("rules rollback: %w", err)
	}
	if _, err := router.Parse(fmt.Sprintf("version %d", v), old.Document); err != nil {
		fmt.Fprintln(env.Stderr, err)
		return fmt.Errorf("rules rollback: version %d is not valid any more; nothing was published", v)
	}
	comment := fmt.Sprintf("rollback to version %d", v)
	if why != "" {
		comment += ": " + why
	}
	nv, err := store.PublishRules(ctx, old.Document, by, comment)
	if err != nil {
		return fmt.Errorf("rules rollback: %w", err)
	}
	fmt.Fprintf(env.Stdout, "published version %d: the document of version %d (%s)\n", nv, v, old.Comment)
	return nil
}

// fetchVersion returns one published version; a missing one is an error
// that names it.
func fetchVersion(ctx context.Context, store cases.RulesStore, v int64) (*cases.RulesVersion, error) {
	rv, err := store.Rules(ctx, v)
	if errors.Is(err, cases.ErrNotFound) {
		return nil, fmt.Errorf("version %d does not exist (see intake311 rules history)", v)
	}
	return rv, err
}

// versionArg reads n version numbers (1, 2, ...; "v3" is 3).
func versionArg(args []string, n int) ([]int64, bool) {
	if len(args) != n {
		return nil, false
	}
	out := make([]int64, n)
	for i, a := range args {
		if len(a) > 1 && (a[0] == 'v' || a[0] == 'V') {
			a = a[1:]
		}
		v, err := strconv.ParseInt(a, 10, 64)
		if err != nil || v <= 0 {
			return nil, false
		}
		out[i] = v
	}
	return out, true
}
