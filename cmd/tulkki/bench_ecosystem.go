package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/tulkki/tulkki/graph"
	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/httpapi"
	"github.com/tulkki/tulkki/internal/perf"
	"github.com/tulkki/tulkki/internal/store"
)

// The coordinator's dashboard and map, as the web app asks for them.
const (
	benchEcosystemQuery = `query($f:EcosystemFilter,$d:String){ ecosystem(filter:$f, stalledFor:$d){
	collaborations stalled evaluationsPending
	collaborationsByPhase { phase count } collaborationsByForm { form count }
	sectorMatrix { a b collaborations translators organisationsA organisationsB }
	crossSectorByYear { year collaborations crossSector } } }`
	benchEcosystemGraphQuery = `query($f:EcosystemGraphFilter){ ecosystemGraph(filter:$f, maxNodes:300){ omitted
	nodes { organisation { id name sector } collaborations betweenness }
	edges { a b weight phase } } }`
)

// benchEcosystem times ecosystem and ecosystemGraph(maxNodes: 300) through
// the HTTP API as a coordinator, unfiltered and filtered to the region with
// the most organisations, runs times each after warmup, and writes a table
// to report. With runs < 1 it does nothing.
func benchEcosystem(ctx context.Context, st *store.Store, env *environment, report io.Writer, runs, warmup int) error {
	if runs < 1 {
		return nil
	}
	region, err := st.BusiestRegion(ctx, "gen-")
	if err != nil {
		return fmt.Errorf("bench ecosystem: %w", err)
	}
	resolver := graph.NewResolver(st)
	gql := graph.NewServer(resolver, graph.ServerOptions{ComplexityLimit: env.cfg.QueryComplexityLimit, Log: env.log})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	// Every request is a coordinator's: the token check (tens of
	// microseconds) is left out, the rest of the API path is measured.
	coordinator := auth.Principal{Subject: "bench-coordinator", Roles: []auth.Role{auth.RoleCoordinator}}
	asCoordinator := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(w, r.WithContext(auth.WithPrincipal(r.Context(), coordinator)))
		})
	}
	quietLog := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv := &http.Server{Handler: httpapi.NewRouter(httpapi.Options{GraphQL: gql, DB: st, Log: quietLog, RequestTimeout: 30 * time.Second,
		Authenticate: asCoordinator}), ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()

	inRegion := map[string]any{"region": region}
	// The aggregates are kept per Version (store.EcosystemStats): with
	// nothing written meanwhile, a repeated query is answered from what was
	// read. The cold rows ask with a stalledFor of their own each run, so
	// every run reads.
	cold := func(f map[string]any) func(int) map[string]any {
		return func(run int) map[string]any { return map[string]any{"f": f, "d": fmt.Sprintf("P%dD", 90+run)} }
	}
	queries := []perf.Operation{
		{Name: "ecosystem (cold)", Query: benchEcosystemQuery, Vary: cold(nil)},
		{Name: "ecosystem (cold, region)", Query: benchEcosystemQuery, Vary: cold(inRegion)},
		{Name: "ecosystem (repeated)", Query: benchEcosystemQuery},
		{Name: "ecosystem (repeated, region)", Query: benchEcosystemQuery, Variables: map[string]any{"f": inRegion}},
		{Name: "ecosystemGraph(maxNodes: 300)", Query: benchEcosystemGraphQuery},
		{Name: "ecosystemGraph(maxNodes: 300, region)", Query: benchEcosystemGraphQuery, Variables: map[string]any{"f": inRegion}},
	}
	prog := newProgress(os.Stderr, isTerminal(os.Stderr), nil)
	res, err := perf.MeasureQueries(ctx, "http://"+ln.Addr().String()+"/graphql", queries, runs, warmup,
		func(done, total int) { prog.phase("ecosystem", done, total) })
	prog.finish()
	if err != nil {
		return fmt.Errorf("bench ecosystem: %w", err)
	}
	fmt.Fprintf(report, "\nCoordinator queries through the API (%d runs each after %d warm-up, round-robin; region %q):\n\n", runs, warmup, region)
	fmt.Fprintln(report, "| query | p50 | p95 | p99 | max |")
	fmt.Fprintln(report, "|---|---:|---:|---:|---:|")
	for _, q := range queries {
		l := res[q.Name]
		fmt.Fprintf(report, "| %s | %s | %s | %s | %s |\n", q.Name, ms(l.P50), ms(l.P95), ms(l.P99), ms(l.Max))
	}
	return nil
}
