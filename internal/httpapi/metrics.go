package httpapi

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// StatementCounter reports how many Cypher statements have run since the
// process connected; *store.Store is one (QueryCount).
type StatementCounter interface {
	QueryCount() int64
}

// mountMetrics serves GET /metrics in the Prometheus text format: the Go
// runtime's and the process's own metrics and, when db counts its
// statements, tulkki_cypher_statements_total. `tulkki bench-peer` reads
// that counter before and after a run to report statements per request.
// Each router gets a registry of its own, so tests can build many routers.
func mountMetrics(r chi.Router, db Pinger) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if c, ok := db.(StatementCounter); ok {
		reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "tulkki_cypher_statements_total",
			Help: "Cypher statements run against Neo4j since the server started.",
		}, func() float64 { return float64(c.QueryCount()) }))
	}
	r.Method(http.MethodGet, "/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
}
