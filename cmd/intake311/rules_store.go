package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/config"
	"github.com/intake311/intake311/router"
)

// storeFlags are the flags of the commands that work on the configured
// case store.
type storeFlags struct {
	config, data *string
}

func addStoreFlags(fs *flag.FlagSet) storeFlags {
	return storeFlags{
		config: fs.String("config", "", "configuration file (default: the built-in demo city)"),
		data:   fs.String("data", "", "data directory for the SQLite store (default: storage.data_dir, ./var)"),
	}
}

// load reads the configuration with the flags applied.
func (sf storeFlags) load(env *Env) (*config.Config, error) {
	cfg, err := loadConfig(*sf.config, env)
	if err != nil {
		return nil, err
	}
	if *sf.data != "" {
		cfg.Storage.DataDir = *sf.data
	}
	return cfg, nil
}

// open reads the configuration and opens its store; the caller closes it.
func (sf storeFlags) open(ctx context.Context, env *Env) (*config.Config, cases.Store, error) {
	cfg, err := sf.load(env)
	if err != nil {
		return nil, nil, err
	}
	store, err := openStore(ctx, cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("open store: %w", err)
	}
	return cfg, store, nil
}

// storeExists reports whether the configured store may hold published
// versions: a SQLite file that is not there yet holds none.
func storeExists(cfg *config.Config) bool {
	if cfg.Storage.Driver == config.DriverPostgres {
		return true
	}
	_, err := os.Stat(cfg.SQLitePath())
	return err == nil
}

// liveEngine returns an engine on the newest published version, or on
// the configured document (as version 0) when none is published.
func liveEngine(ctx context.Context, cfg *config.Config, store cases.RulesStore) (*router.Engine, error) {
	opts := router.Options{Location: cfg.Location(), Logger: slog.New(slog.DiscardHandler)}
	var latest *cases.RulesVersion
	var err error
	if store != nil {
		latest, err = store.Rules(ctx, 0)
	}
	if store == nil || errors.Is(err, cases.ErrNotFound) {
		doc, _, err := loadRouting(cfg)
		if err != nil {
			return nil, fmt.Errorf("routing document: %w", err)
		}
		return router.New(doc, 0, opts)
	}
	if err != nil {
		return nil, fmt.Errorf("live rules: %w", err)
	}
	doc, err := router.Parse(fmt.Sprintf("version %d", latest.Version), latest.Document)
	if err != nil {
		return nil, fmt.Errorf("the live version %d does not parse: %w", latest.Version, err)
	}
	return router.New(doc, latest.Version, opts)
}

// author is who publishes: the --author flag, else the login name.
func author(env *Env, flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if u, ok := env.LookupEnv("USER"); ok && u != "" {
		return u
	}
	return "manager"
}

// parseArgs parses flags that may come before, between or after the
// positional arguments, and returns the positional ones.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parse(fs, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}
