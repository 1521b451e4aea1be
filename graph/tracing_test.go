package graph_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/tulkki/tulkki/graph"
	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/httpapi"
	"github.com/tulkki/tulkki/internal/storetest"
	"github.com/tulkki/tulkki/internal/tracing"
)

// TestOneTracePerRequest: with tracing on, a request is one trace: the HTTP
// server span (continuing the caller's trace context), the GraphQL
// operation under it, a span per root field under that, and each Cypher
// statement under its root field, without the statement's parameters
// (issue 17, observability).
func TestOneTracePerRequest(t *testing.T) {
	st := storetest.Open(t) // opened (and migrated) before spans are recorded
	spans := tracetest.NewInMemoryExporter()
	before := otel.GetTracerProvider()
	tracing.Install(sdktrace.NewTracerProvider(sdktrace.WithSyncer(spans)))
	t.Cleanup(func() { otel.SetTracerProvider(before) })

	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	gql := graph.NewServer(graph.NewResolver(st), graph.ServerOptions{ComplexityLimit: config.DefaultComplexityLimit, Log: quiet})
	srv := httptest.NewServer(httpapi.NewRouter(httpapi.Options{GraphQL: gql, DB: st, Log: quiet, RequestTimeout: 30 * time.Second, Tracing: true}))
	t.Cleanup(srv.Close)

	secret := storetest.ID("salainen")
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql",
		strings.NewReader(`{"query":"query Find($q: String) { people(first: 2, filter: {search: $q}) { nodes { id } } sectors { code } }","variables":{"q":"`+secret+`"}}`))
	req.Header.Set("Content-Type", "application/json")
	// A caller's W3C trace context is continued.
	const callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736"
	req.Header.Set("traceparent", "00-"+callerTrace+"-00f067aa0ba902b7-01")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || strings.Contains(string(body), `"errors"`) {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}

	got := spans.GetSpans()
	byName := map[string]tracetest.SpanStub{}
	var cyphers []tracetest.SpanStub
	for _, s := range got {
		if s.SpanContext.TraceID().String() != callerTrace {
			t.Errorf("span %q (%v) is in trace %s, not the caller's", s.Name, s.Attributes, s.SpanContext.TraceID())
		}
		for _, a := range s.Attributes {
			if strings.Contains(a.Value.Emit(), secret) {
				t.Errorf("span %q records a parameter: %s=%s", s.Name, a.Key, a.Value.Emit())
			}
		}
		if s.Name == "cypher" {
			cyphers = append(cyphers, s)
		}
		byName[s.Name] = s
	}
	parent := func(child, want string) {
		t.Helper()
		c, ok1 := byName[child]
		p, ok2 := byName[want]
		if !ok1 || !ok2 {
			t.Fatalf("spans %q or %q missing; got %v", child, want, names(got))
		}
		if c.Parent.SpanID() != p.SpanContext.SpanID() {
			t.Errorf("%q is not under %q", child, want)
		}
	}
	parent("graphql query", "POST /graphql")
	parent("Query.people", "graphql query")
	parent("Query.sectors", "graphql query")
	if len(cyphers) == 0 {
		t.Fatalf("no cypher span; got %v", names(got))
	}
	for _, c := range cyphers {
		if c.Parent.SpanID() != byName["Query.people"].SpanContext.SpanID() && c.Parent.SpanID() != byName["Query.sectors"].SpanContext.SpanID() {
			t.Errorf("a cypher span is not under a root field")
		}
	}
}

func names(spans tracetest.SpanStubs) []string {
	var out []string
	for _, s := range spans {
		out = append(out, s.Name)
	}
	return out
}
