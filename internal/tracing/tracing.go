// Package tracing sets up OpenTelemetry tracing for tulkki serve. It is off
// unless an OTLP endpoint is configured with the SDK's own variables
// (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT, with
// OTEL_EXPORTER_OTLP_HEADERS and the rest as the SDK reads them); then
// spans go over OTLP/HTTP in batches. Off, the global tracer is
// OpenTelemetry's no-op one, and the spans the code starts cost next to
// nothing.
//
// Spans: the HTTP request (httpapi, otelhttp), the GraphQL operation and
// each root field (graph), and each Cypher statement (store), as one trace
// per request; W3C trace context from the caller is continued.
package tracing

import (
	"context"
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
)

// Start installs the global tracer provider exporting to endpoint (the
// configured OTLP endpoint; "" leaves tracing off) and returns the function
// that flushes and stops it.
func Start(ctx context.Context, endpoint string) (shutdown func(context.Context) error, err error) {
	if endpoint == "" {
		return func(context.Context) error { return nil }, nil
	}
	exporter, err := otlptracehttp.New(ctx) // reads the OTEL_EXPORTER_OTLP_* variables
	if err != nil {
		return nil, fmt.Errorf("tracing: OTLP exporter for %s: %w", endpoint, err)
	}
	res, err := resource.Merge(resource.Default(), resource.NewSchemaless(semconv.ServiceName("tulkki")))
	if err != nil {
		return nil, fmt.Errorf("tracing: resource: %w", err)
	}
	provider := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exporter), sdktrace.WithResource(res))
	Install(provider)
	return provider.Shutdown, nil
}

// Install makes tp the global tracer provider, with W3C trace context and
// baggage propagation; tests install one with an in-memory exporter.
func Install(tp *sdktrace.TracerProvider) {
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}))
}
