// Package httpapi is Tulkki's HTTP edge: the router, its middleware, the
// health endpoints, the web app, the development login and the GraphQL IDE.
// It wires handlers; it holds no domain logic.
package httpapi

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/tulkki/tulkki/internal/metrics"
)

// MaxRequestBytes caps a GraphQL request body; real operations are a few KiB.
const MaxRequestBytes = 1 << 20

// Pinger reports whether a dependency is reachable.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Options are the parts the router serves.
type Options struct {
	GraphQL http.Handler
	DB      Pinger
	Log     *slog.Logger
	// RequestTimeout bounds one request, so a slow query cannot hold a
	// connection forever.
	RequestTimeout time.Duration
	// Authenticate puts the caller (auth.Principal) into the request
	// context, or refuses the request with 401 for a bad token. Nil leaves
	// every caller anonymous, the least privileged.
	Authenticate func(http.Handler) http.Handler
	// WebUI serves the web app at / and its client routes (webui.go); nil
	// serves none.
	WebUI http.Handler
	// DevLogin enables /dev/login and /dev/people (devlogin.go); nil
	// answers 404 there.
	DevLogin *DevLogin
	// Workshops serves the seating exports (workshops.go); nil leaves them out.
	Workshops SeatingSource
	// Tracing starts a server span per request (continuing the caller's W3C
	// trace context) under the global tracer provider (internal/tracing).
	Tracing bool
	// Export serves /export.zip (imports.go); nil serves none.
	Export Exporter
	// MaxUploadBytes bounds a multipart request to /graphql (importData's
	// files); zero allows none larger than MaxRequestBytes.
	MaxUploadBytes int64
	// OpenData serves /open/ (opendata.go); nil serves none.
	OpenData OpenData
	// Metrics are served at /metrics and count the requests in flight; nil
	// makes a registry of the router's own.
	Metrics *metrics.Registry
	// GraphiQL serves the GraphQL IDE at /graphiql (it needs introspection,
	// config.Config.Introspection); off, /graphiql says so with a 404.
	GraphiQL bool
}

// NewRouter returns the service's HTTP handler.
func NewRouter(o Options) http.Handler {
	if o.Authenticate == nil {
		o.Authenticate = func(next http.Handler) http.Handler { return next }
	}
	if o.Metrics == nil {
		o.Metrics = metrics.New()
	}
	r := chi.NewRouter()
	if o.Tracing {
		r.Use(traced)
	}
	r.Use(o.Metrics.InFlight)
	r.Use(middleware.RequestID)
	r.Use(middleware.RealIP)
	r.Use(requestLog(o.Log))
	r.Use(middleware.Recoverer)
	r.Use(securityHeaders)

	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	r.Get("/readyz", func(w http.ResponseWriter, req *http.Request) {
		if err := o.DB.Ping(req.Context()); err != nil {
			o.Log.WarnContext(req.Context(), "not ready", "err", err)
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "neo4j": "unreachable"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready", "neo4j": "ok"})
	})
	mountGraphiQL(r, o.GraphiQL)
	r.Group(func(r chi.Router) {
		r.Use(middleware.Timeout(o.RequestTimeout))
		mountOpenData(r, o.OpenData, o.Log)
	})
	mountMetrics(r, o.Metrics, o.DB)
	mountTemplates(r)
	r.Group(func(r chi.Router) {
		r.Use(middleware.Timeout(o.RequestTimeout))
		r.Use(requestSize(MaxRequestBytes, o.MaxUploadBytes))
		r.Use(o.Authenticate)
		r.Handle("/graphql", o.GraphQL)
		if o.Workshops != nil {
			mountWorkshops(r, o.Workshops, o.Log)
		}
		if o.Export != nil {
			mountExport(r, o.Export, o.Log)
		}
	})
	r.Group(func(r chi.Router) {
		r.Use(middleware.Timeout(o.RequestTimeout))
		r.Use(middleware.RequestSize(MaxRequestBytes))
		mountDevLogin(r, o.DevLogin)
	})
	mountWebUI(r, o.WebUI)
	return r
}

// requestLog logs one line per request: never bodies or query strings,
// which may carry personal data.
func requestLog(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			next.ServeHTTP(ww, r)
			log.InfoContext(r.Context(), "http request", "method", r.Method, "path", r.URL.Path,
				"status", ww.Status(), "bytes", ww.BytesWritten(), "took", time.Since(start),
				"request_id", middleware.GetReqID(r.Context()))
		})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
