package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/tulkki/tulkki/graph"
	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/httpapi"
	"github.com/tulkki/tulkki/internal/introduction"
	"github.com/tulkki/tulkki/internal/metrics"
	"github.com/tulkki/tulkki/internal/opendata"
	"github.com/tulkki/tulkki/internal/tracing"
	"github.com/tulkki/tulkki/internal/webui"
)

func runServe(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", env.cfg.Addr, "listen address (TULKKI_ADDR)")
	shutdownGrace := fs.Duration("shutdown-grace", 15*time.Second, "how long to let requests finish on SIGTERM")
	if err := fs.Parse(args); err != nil {
		return err
	}
	tuneGC(env.log)

	st, err := openMigrated(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())

	verifier, err := auth.NewVerifier(ctx, env.cfg.Auth, env.log)
	if err != nil {
		return fmt.Errorf("token verification: %w", err)
	}
	stopTracing, err := tracing.Start(ctx, env.cfg.TracingEndpoint)
	if err != nil {
		return err
	}
	defer func() {
		if err := stopTracing(context.Background()); err != nil {
			env.log.Warn("tracing: flushing spans at shutdown", "err", err)
		}
	}()
	reg := metrics.New()
	st.Observe(reg)
	resolver := graph.NewResolver(st)
	resolver.Intros = introduction.New(st, introduction.Options(env.cfg.Introductions))
	gql := graph.NewServer(resolver, graph.ServerOptions{ComplexityLimit: env.cfg.QueryComplexityLimit, Introspection: env.cfg.Introspection,
		Observer: reg, SlowOperation: env.cfg.SlowRequest, MaxRunningQueries: env.cfg.MaxRunningQueries, Log: env.log})
	app, err := webui.Handler()
	if err != nil {
		return err
	}
	srv := &http.Server{
		Addr: *addr,
		Handler: httpapi.NewRouter(httpapi.Options{
			GraphQL: gql, DB: st, Log: env.log, RequestTimeout: 30 * time.Second,
			Authenticate: auth.Middleware(verifier, env.log), Workshops: resolver.Planner,
			Export: resolver.Imports, MaxUploadBytes: graph.DefaultMaxUploadBytes,
			WebUI: app, DevLogin: devLogin(env, st), GraphiQL: env.cfg.Introspection, Metrics: reg, OpenData: opendata.New(st),
			Tracing: env.cfg.TracingEndpoint != "",
		}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}

	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	env.log.Info("tulkki listening", "addr", listener.Addr().String(), "graphql", "/graphql", "app", "/", "ide", "/graphiql")
	fmt.Fprintf(env.stdout, "Tulkki is serving on http://%s/ (web app; GraphQL at /graphql, GraphiQL at /graphiql). Ctrl-C stops it.\n",
		displayAddr(listener.Addr()))

	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(listener) }()

	select {
	case err := <-serveErr:
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	env.log.Info("shutting down", "grace", shutdownGrace.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), *shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("graceful shutdown: %w", err)
	}
	if err := <-serveErr; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	env.log.Info("stopped")
	return nil
}

func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if ok && (tcp.IP == nil || tcp.IP.IsUnspecified()) {
		return fmt.Sprintf("localhost:%d", tcp.Port)
	}
	return a.String()
}
