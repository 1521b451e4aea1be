package httpapi

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/tulkki/tulkki/internal/metrics"
)

// StatementCounter reports how many Cypher statements have run since the
// process connected; *store.Store is one (QueryCount).
type StatementCounter interface {
	QueryCount() int64
}

// mountMetrics serves GET /metrics in the Prometheus text format from m
// (internal/metrics: operations, statements, in-flight counts, the Go
// runtime), adding tulkki_cypher_statements_total when db counts its
// statements; `tulkki bench-peer` reads that counter before and after a
// run to report statements per request.
func mountMetrics(r chi.Router, m *metrics.Registry, db Pinger) {
	if c, ok := db.(StatementCounter); ok {
		m.Register(prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "tulkki_cypher_statements_total",
			Help: "Cypher statements run against Neo4j since the server started.",
		}, func() float64 { return float64(c.QueryCount()) }))
	}
	r.Method(http.MethodGet, "/metrics", m.Handler())
}
