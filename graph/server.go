package graph

import (
	"context"
	"log/slog"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/tulkki/tulkki/internal/model"
)

// ServerOptions tune the GraphQL server.
type ServerOptions struct {
	// ComplexityLimit caps the cost of one operation (each field costs 1,
	// list fields of connections cost `first` times their children).
	ComplexityLimit int
	Log             *slog.Logger
}

// NewServer builds the GraphQL handler the way gqlgen recommends for
// production: explicit transports, a parsed-query cache, automatic persisted
// queries, a complexity limit, and one error presenter.
func NewServer(r *Resolver, opts ServerOptions) *handler.Server {
	cfg := Config{Resolvers: r}
	connectionCost := func(childComplexity int, first *int) int {
		n := 20
		if first != nil && *first > 0 {
			n = *first
		}
		return 1 + n*childComplexity
	}
	cfg.Complexity.Query.People = func(c int, _ *model.PersonFilter, first *int, _ *string) int { return connectionCost(c, first) }
	cfg.Complexity.Query.Organisations = func(c int, _ *model.OrganisationFilter, first *int, _ *string) int {
		return connectionCost(c, first)
	}
	cfg.Complexity.Query.Collaborations = func(c int, _ *model.CollaborationFilter, first *int, _ *string) int {
		return connectionCost(c, first)
	}

	srv := handler.New(NewExecutableSchema(cfg))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	srv.Use(extension.FixedComplexityLimit(opts.ComplexityLimit))
	srv.SetErrorPresenter(ErrorPresenter(opts.Log))
	srv.SetRecoverFunc(RecoverFunc(opts.Log))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(withLoaders(ctx, r))
	})
	srv.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		start := time.Now()
		resp := next(ctx)
		if opts.Log.Enabled(ctx, slog.LevelDebug) && graphql.HasOperationContext(ctx) {
			op := graphql.GetOperationContext(ctx)
			opts.Log.DebugContext(ctx, "graphql operation", "operation", op.OperationName,
				"errors", len(resp.Errors), "took", time.Since(start))
		}
		return resp
	})
	return srv
}
