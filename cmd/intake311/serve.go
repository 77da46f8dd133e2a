package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"
)

func runServe(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "serve", "serve [--config FILE] [--addr HOST:PORT] [--data DIR] [--sandbox]")
	cfgPath := fs.String("config", "", "configuration file (default: the built-in demo city)")
	addr := fs.String("addr", "", "address to listen on (default: server.addr, 127.0.0.1:8311)")
	data := fs.String("data", "", "data directory for the SQLite store (default: storage.data_dir, ./var)")
	sandboxMode := fs.Bool("sandbox", false, "stand in for every provider on loopback; see /sandbox")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*cfgPath, env)
	if err != nil {
		return err
	}
	if *addr != "" {
		cfg.Server.Addr = *addr
	}
	if *data != "" {
		cfg.Storage.DataDir = *data
	}
	log := newLogger(cfg, env)
	for _, w := range cfg.Warnings {
		log.Warn("configuration", "warning", w)
	}
	ln, err := net.Listen("tcp", cfg.Server.Addr)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	var sb *sandbox
	if *sandboxMode {
		if sb, err = newSandbox(ctx, base); err != nil {
			ln.Close()
			return err
		}
		defer sb.close()
	}
	g, err := newGateway(ctx, cfg, log, sb)
	if err != nil {
		ln.Close()
		return err
	}
	srv := &http.Server{Handler: g.handler, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: cfg.Server.ReadTimeout.Duration, IdleTimeout: 2 * time.Minute}
	log.Info("listening", "addr", ln.Addr().String(), "store", cfg.Storage.Driver, "sandbox", sb != nil)
	fmt.Fprintf(env.Stdout, "intake311 listening on %s\n", base)
	if sb != nil {
		fmt.Fprintf(env.Stdout, "sandbox: %s/sandbox (peers: %s/sandbox/peers)\n", base, base)
	}
	return g.run(ctx, srv, func() error { return srv.Serve(ln) })
}
