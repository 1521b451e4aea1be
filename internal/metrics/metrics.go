// Package metrics holds Tulkki's Prometheus metrics: the collectors that the
// GraphQL edge, the store and the HTTP router feed, and the /metrics
// handler. One Registry serves one process (tests build one per server).
// The packages that feed it declare the small interfaces they need
// (graph.OperationObserver, store.StatementObserver); cmd/tulkki wires it.
package metrics

import (
	"net/http"
	"regexp"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Registry is the process's metrics.
type Registry struct {
	reg *prometheus.Registry

	operations       *prometheus.CounterVec
	operationSeconds *prometheus.HistogramVec
	statementSeconds prometheus.Histogram
	statementErrors  *prometheus.CounterVec
	transactions     prometheus.Gauge
	requests         prometheus.Gauge
	queriesWaiting   prometheus.Gauge

	names operationNames
}

// New makes a registry with the Go runtime's and the process's metrics and
// Tulkki's own, all at zero.
func New() *Registry {
	r := &Registry{
		reg: prometheus.NewRegistry(),
		operations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tulkki_graphql_operations_total",
			Help: "GraphQL operations answered, by operation name and outcome: ok, or the first error's extensions.code " +
				"(refusals by the request limits included).",
		}, []string{"operation", "outcome"}),
		operationSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "tulkki_graphql_operation_duration_seconds",
			Help:    "Time from reading a GraphQL request to its answer, by operation name.",
			Buckets: []float64{.002, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"operation"}),
		statementSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "tulkki_cypher_statement_duration_seconds",
			Help:    "Time of one Cypher statement, from sending it to its last record.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 5},
		}),
		statementErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tulkki_neo4j_errors_total",
			Help: "Transactions that failed, by kind: timeout, overloaded, unavailable, conflict or other.",
		}, []string{"kind"}),
		transactions: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tulkki_neo4j_transactions_in_flight",
			Help: "Neo4j transactions running or waiting for a pooled connection now; each holds a connection while it runs " +
				"(the pool's size is NEO4J_MAX_CONNECTIONS).",
		}),
		requests: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tulkki_http_requests_in_flight",
			Help: "HTTP requests being served now.",
		}),
		queriesWaiting: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tulkki_graphql_queries_waiting",
			Help: "GraphQL queries waiting for their turn to run now (TULKKI_MAX_RUNNING_QUERIES run at once).",
		}),
	}
	r.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		r.operations, r.operationSeconds, r.statementSeconds, r.statementErrors, r.transactions, r.requests,
		r.queriesWaiting)
	return r
}

// Handler serves the metrics in the Prometheus text format.
func (r *Registry) Handler() http.Handler {
	return promhttp.HandlerFor(r.reg, promhttp.HandlerOpts{})
}

// Register adds a collector of another package (e.g. a counter function).
func (r *Registry) Register(c prometheus.Collector) { r.reg.MustRegister(c) }

// OperationDone records one GraphQL operation (graph.OperationObserver).
func (r *Registry) OperationDone(name, outcome string, took time.Duration) {
	name = r.names.label(name)
	r.operations.WithLabelValues(name, outcome).Inc()
	r.operationSeconds.WithLabelValues(name).Observe(took.Seconds())
}

// StatementDone records one Cypher statement (store.StatementObserver).
func (r *Registry) StatementDone(took time.Duration) { r.statementSeconds.Observe(took.Seconds()) }

// TransactionFailed counts a failed transaction by kind (store.StatementObserver).
func (r *Registry) TransactionFailed(kind string) { r.statementErrors.WithLabelValues(kind).Inc() }

// TransactionStarted counts a transaction in flight until the returned
// function is called (store.StatementObserver).
func (r *Registry) TransactionStarted() (done func()) {
	r.transactions.Inc()
	return r.transactions.Dec
}

// QueryWaiting counts a query waiting for its turn until the returned
// function is called (graph.QueueObserver).
func (r *Registry) QueryWaiting() (done func()) {
	r.queriesWaiting.Inc()
	return r.queriesWaiting.Dec
}

// InFlight is HTTP middleware counting the requests being served.
func (r *Registry) InFlight(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.requests.Inc()
		defer r.requests.Dec()
		next.ServeHTTP(w, req)
	})
}

// MaxOperationNames bounds the distinct operation names kept as labels:
// the names come from clients, and each new one is a new time series.
const MaxOperationNames = 100

// operationNameShape is what a GraphQL operation name looks like (with a
// length bound); anything else is counted as "other".
var operationNameShape = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// operationNames keeps the first MaxOperationNames well-formed names seen;
// later ones are "other", an unnamed operation is "anonymous".
type operationNames struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (n *operationNames) label(name string) string {
	if name == "" {
		return "anonymous"
	}
	if !operationNameShape.MatchString(name) {
		return "other"
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.seen == nil {
		n.seen = map[string]bool{}
	}
	if !n.seen[name] {
		if len(n.seen) >= MaxOperationNames {
			return "other"
		}
		n.seen[name] = true
	}
	return name
}
