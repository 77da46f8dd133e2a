package main

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"time"

	"github.com/intake311/intake311/router"
)

// routes is the gateway's HTTP layout (DESIGN.md): /api/v1, /channels,
// /healthz, /readyz, /metrics, and /sandbox in sandbox mode.
func (g *gateway) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/api/v1/", g.staffAPI())
	for _, wh := range g.channels.Webhooks() {
		mux.Handle("/channels/"+wh.Name()+"/", wh.Handler())
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		reply(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", g.ready)
	mux.Handle("GET /metrics", g.metrics.handler())
	if g.sandbox != nil {
		g.sandbox.mount(mux, g)
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		reply(w, http.StatusNotFound, map[string]any{"error": map[string]string{
			"code": "not_found", "message": "no such page: " + r.URL.Path}})
	})
	return g.metrics.instrument(http.MaxBytesHandler(mux, g.cfg.Server.MaxBodyBytes))
}

// ready reports whether the store answers within two seconds, and why not.
func (g *gateway) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := g.store.Ping(ctx); err != nil {
		reply(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "store": err.Error()})
		return
	}
	reply(w, http.StatusOK, map[string]any{"status": "ready", "rules_version": g.engine.Version()})
}

func reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// hasService reports whether code is in the live catalogue.
func (g *gateway) hasService(code string) bool {
	return slices.ContainsFunc(g.engine.Services(), func(s router.Service) bool { return s.Code == code })
}
