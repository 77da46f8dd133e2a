package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/postgres"
	"github.com/intake311/intake311/cases/sqlite"
	"github.com/intake311/intake311/config"
)

// loadConfig reads the configuration file, or the built-in demo city when
// path is empty. Secrets come from env.
func loadConfig(path string, env *Env) (*config.Config, error) {
	if path == "" {
		return config.Parse("demo.yaml", config.DemoYAML(), env.LookupEnv)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return config.Parse(path, data, env.LookupEnv)
}

// openStore opens the configured store, applying migrations.
func openStore(ctx context.Context, cfg *config.Config) (cases.Store, error) {
	switch cfg.Storage.Driver {
	case config.DriverPostgres:
		return postgres.Open(ctx, string(cfg.Storage.DSN), postgres.Options{})
	default:
		path := cfg.SQLitePath()
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return nil, fmt.Errorf("data directory: %w", err)
		}
		return sqlite.Open(ctx, path, sqlite.Options{})
	}
}

// newLogger returns the configured structured logger.
func newLogger(cfg *config.Config, env *Env) *slog.Logger {
	var level slog.Level
	level.UnmarshalText([]byte(cfg.Log.Level))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.Log.Format == "json" {
		return slog.New(slog.NewJSONHandler(env.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(env.Stderr, opts))
}

func runMigrate(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "migrate", "migrate [--config FILE] [--data DIR]")
	cfgPath := fs.String("config", "", "configuration file (default: the built-in demo city)")
	data := fs.String("data", "", "data directory for the SQLite store (overrides storage.data_dir)")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*cfgPath, env)
	if err != nil {
		return err
	}
	if *data != "" {
		cfg.Storage.DataDir = *data
	}
	applied, err := migrate(ctx, cfg)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintln(env.Stdout, "the store is up to date")
	}
	for _, m := range applied {
		fmt.Fprintln(env.Stdout, "applied", m)
	}
	return nil
}

func migrate(ctx context.Context, cfg *config.Config) ([]string, error) {
	if cfg.Storage.Driver == config.DriverPostgres {
		return postgres.Migrate(ctx, string(cfg.Storage.DSN), postgres.Options{})
	}
	path := cfg.SQLitePath()
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	return sqlite.Migrate(ctx, path)
}
