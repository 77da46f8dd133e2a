package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/api"
	"github.com/intake311/intake311/cases/outbox"
	"github.com/intake311/intake311/channels"
	"github.com/intake311/intake311/config"
	"github.com/intake311/intake311/router"
)

// gateway is the whole server, wired.
type gateway struct {
	cfg        *config.Config
	log        *slog.Logger
	store      cases.Store
	engine     *router.Engine
	intake     *cases.Intake
	workflow   *cases.Workflow
	channels   *channels.Set
	dispatcher *outbox.Dispatcher
	metrics    *metrics
	sandbox    *sandbox // nil unless --sandbox
	handler    http.Handler
}

// newGateway opens the store and wires every part. sb, when not nil, is
// the sandbox whose stand-in channels replace the providers.
func newGateway(ctx context.Context, cfg *config.Config, log *slog.Logger, sb *sandbox) (*gateway, error) {
	store, err := openStore(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	g, err := assemble(ctx, cfg, log, sb, store)
	if err != nil {
		store.Close()
	}
	return g, err
}

// assemble wires the gateway around an open store.
func assemble(ctx context.Context, cfg *config.Config, log *slog.Logger, sb *sandbox, store cases.Store) (*gateway, error) {
	g := &gateway{cfg: cfg, log: log, sandbox: sb, metrics: newMetrics(), store: store}
	return g, g.wire(ctx)
}

func (g *gateway) wire(ctx context.Context) error {
	var err error
	if g.engine, err = newEngine(ctx, g.cfg, g.store, g.log); err != nil {
		return err
	}
	tm, err := cases.NewTemplates(g.cfg.Templates, g.cfg.City.DefaultLanguage)
	if err != nil {
		return fmt.Errorf("templates: %w", err)
	}
	tm.ServiceName = g.engine.ServiceName
	counted := &countingStore{Store: g.store, m: g.metrics}
	g.intake = &cases.Intake{Store: counted, Classifier: g.engine, Router: g.engine, Templates: tm}
	g.workflow = &cases.Workflow{Store: g.store, Templates: tm}
	chs, err := g.channelList()
	if err != nil {
		return err
	}
	if g.channels, err = channels.NewSet(chs...); err != nil {
		return err
	}
	g.dispatcher = outbox.New(g.store, g.channels, g.outboxOptions())
	g.handler = g.routes()
	return nil
}

// channelList is every channel the gateway serves: one line per channel
// package. In the sandbox, a recorder stands in for each channel not built
// here.
func (g *gateway) channelList() ([]channels.Channel, error) {
	var chs []channels.Channel
	for _, build := range []func() ([]channels.Channel, error){
		// one line per channel, e.g. g.twilioChannels,
		g.twilioChannels,
		g.emailChannels,
	} {
		built, err := build()
		if err != nil {
			return nil, err
		}
		chs = append(chs, built...)
	}
	if g.sandbox != nil {
		chs = append(chs, g.sandbox.recorders(chs)...)
	}
	return chs, nil
}

func (g *gateway) outboxOptions() outbox.Options {
	o := g.cfg.Outbox
	return outbox.Options{
		Workers: o.Workers, Batch: o.Batch, Lease: o.Lease.Duration, MaxAttempts: o.MaxAttempts,
		BackoffInitial: o.BackoffInitial.Duration, BackoffMax: o.BackoffMax.Duration,
		PollInterval: o.PollInterval.Duration, Logger: g.log, Observe: g.metrics.observeNotification,
	}
}

// staffAPI builds the staff API with the configured tokens (and the
// sandbox's).
func (g *gateway) staffAPI() *api.Server {
	var tokens []api.Token
	for _, t := range g.cfg.Auth.Tokens {
		if t.Enabled() {
			tokens = append(tokens, api.Token{Name: t.Name, Role: api.Role(t.Role), Digest: t.Digest()})
		}
	}
	if g.sandbox != nil {
		tokens = append(tokens, g.sandbox.staffToken())
	}
	return api.New(api.Options{
		Store: g.store, Intake: g.intake, Workflow: g.workflow, Tokens: tokens,
		Channels: g.channels.Names(), Service: g.hasService, MaxBodyBytes: g.cfg.Server.MaxBodyBytes,
		Changed: g.dispatcher.Kick, Logger: g.log,
	})
}

// run serves on srv until ctx ends, then shuts down in order: stop taking
// requests and let those in flight finish, stop pollers and the
// dispatcher (which records the sends in flight), close the store.
func (g *gateway) run(ctx context.Context, srv *http.Server, serve func() error) error {
	bg, stopBackground := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	g.background(bg, &wg)
	errc := make(chan error, 1)
	go func() { errc <- serve() }()
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	g.log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), g.cfg.Server.ShutdownTimeout.Duration)
	defer cancel()
	if serr := srv.Shutdown(sctx); serr != nil {
		g.log.Warn("requests did not finish in time", "err", serr)
	}
	stopBackground()
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return errors.Join(err, g.store.Close())
}

// background starts the dispatcher, the pollers and the rules watcher.
func (g *gateway) background(ctx context.Context, wg *sync.WaitGroup) {
	start := func(name string, f func(context.Context) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(ctx); err != nil && ctx.Err() == nil {
				g.log.Error(name+" stopped", "err", err)
			}
		}()
	}
	start("outbox", g.dispatcher.Run)
	start("rules watcher", func(ctx context.Context) error {
		g.engine.Watch(ctx, g.store, 2*time.Second)
		return nil
	})
	for _, p := range g.channels.Pollers() {
		start(p.Name()+" poller", p.Poll)
	}
}

// loadRouting reads the configured routing document, or the demo one.
func loadRouting(cfg *config.Config) (*router.Document, []byte, error) {
	path := cfg.RoutingPath()
	if path == "" {
		return router.Demo(), router.DemoYAML(), nil
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	doc, err := router.Parse(path, raw)
	return doc, raw, err
}

// newEngine starts the routing engine on the newest published routing
// document. A store with none gets the configured document as version 1.
func newEngine(ctx context.Context, cfg *config.Config, store cases.RulesStore, log *slog.Logger) (*router.Engine, error) {
	doc, raw, err := loadRouting(cfg)
	if err != nil {
		return nil, fmt.Errorf("routing document: %w", err)
	}
	var version int64
	latest, err := store.Rules(ctx, 0)
	switch {
	case errors.Is(err, cases.ErrNotFound):
		version, err = store.PublishRules(ctx, raw, "intake311 serve", "the configured routing document")
	case err == nil:
		version, doc = latest.Version, published(latest, doc, log)
	}
	if err != nil {
		return nil, fmt.Errorf("routing document: %w", err)
	}
	return router.New(doc, version, router.Options{Location: cfg.Location(), Logger: log})
}

// published parses a stored version, falling back to the configured
// document if it no longer parses (a newer binary may be stricter).
func published(v *cases.RulesVersion, fallback *router.Document, log *slog.Logger) *router.Document {
	doc, err := router.Parse(fmt.Sprintf("rules version %d", v.Version), v.Document)
	if err != nil {
		log.Error("the published routing document does not parse; serving the configured one", "version", v.Version, "err", err)
		return fallback
	}
	return doc
}
