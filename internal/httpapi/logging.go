package httpapi

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/trace"
)

// RequestLogHandler wraps h so that every record logged with a request's
// context carries the request's id (the X-Request-Id chi's RequestID
// middleware sets or takes) and, inside a GraphQL operation, its name: the
// lines of one request can then be found together, whichever layer logged
// them.
func RequestLogHandler(h slog.Handler) slog.Handler { return requestLogHandler{h} }

type requestLogHandler struct{ slog.Handler }

func (h requestLogHandler) Handle(ctx context.Context, r slog.Record) error {
	if id := middleware.GetReqID(ctx); id != "" && !hasAttr(r, "request_id") {
		r.AddAttrs(slog.String("request_id", id))
	}
	if graphql.HasOperationContext(ctx) && !hasAttr(r, "operation") {
		op := graphql.GetOperationContext(ctx)
		name := op.OperationName
		if name == "" && op.Operation != nil {
			name = op.Operation.Name
		}
		if name != "" {
			r.AddAttrs(slog.String("operation", name))
		}
	}
	return h.Handler.Handle(ctx, r)
}

func (h requestLogHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return requestLogHandler{h.Handler.WithAttrs(attrs)}
}

func (h requestLogHandler) WithGroup(name string) slog.Handler {
	return requestLogHandler{h.Handler.WithGroup(name)}
}

func hasAttr(r slog.Record, key string) (found bool) {
	r.Attrs(func(a slog.Attr) bool {
		found = a.Key == key
		return !found
	})
	return found
}

// traced starts a server span per request with otelhttp and names it, once
// the router has matched, by method and route pattern ("POST /graphql",
// "GET /workshops/{id}/seating.csv"), never by a path with ids in it.
func traced(next http.Handler) http.Handler {
	named := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
		if rc := chi.RouteContext(r.Context()); rc != nil && rc.RoutePattern() != "" {
			trace.SpanFromContext(r.Context()).SetName(r.Method + " " + rc.RoutePattern())
		}
	})
	return otelhttp.NewHandler(named, "http request",
		otelhttp.WithSpanNameFormatter(func(_ string, r *http.Request) string { return r.Method }))
}
