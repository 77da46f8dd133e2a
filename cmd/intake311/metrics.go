package main

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/outbox"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the gateway's Prometheus metrics, on their own registry.
type metrics struct {
	reg           *prometheus.Registry
	cases         *prometheus.CounterVec
	notifications *prometheus.CounterVec
	requests      *prometheus.HistogramVec
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		cases: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "intake311_cases_created_total", Help: "Cases created, by the channel they came in on.",
		}, []string{"channel"}),
		notifications: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "intake311_notifications_total", Help: "Notification send attempts, by channel and outcome (sent, failed, dead).",
		}, []string{"channel", "outcome"}),
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "intake311_http_request_duration_seconds", Help: "HTTP request latency, by route, method and status.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method", "code"}),
	}
	m.reg.MustRegister(m.cases, m.notifications, m.requests,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// observeNotification counts the dispatcher's outcomes.
func (m *metrics) observeNotification(n *cases.Notification, o outbox.Outcome, _ error) {
	outcome := "sent"
	switch o {
	case outbox.Retried:
		outcome = "failed"
	case outbox.Dead:
		outcome = "dead"
	}
	m.notifications.WithLabelValues(n.Channel, outcome).Inc()
}

// instrument records the latency of every request by the mux pattern
// that served it, so paths with tracking numbers do not explode the labels.
func (m *metrics) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		m.requests.WithLabelValues(route, r.Method, strconv.Itoa(sw.status)).Observe(time.Since(start).Seconds())
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// countingStore counts the cases it creates.
type countingStore struct {
	cases.Store
	m *metrics
}

func (s *countingStore) CreateCase(ctx context.Context, c *cases.Case, n []cases.Notification) (*cases.Case, bool, error) {
	stored, created, err := s.Store.CreateCase(ctx, c, n)
	if created {
		s.m.cases.WithLabelValues(c.Channel).Inc()
	}
	return stored, created, err
}
