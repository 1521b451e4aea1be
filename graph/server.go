package graph

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/tulkki/tulkki/graph/gqlmodel"
	"github.com/tulkki/tulkki/internal/model"
)

// ServerOptions tune the GraphQL server.
type ServerOptions struct {
	// ComplexityLimit caps the cost of one operation (each field costs 1,
	// list fields of connections cost `first` times their children).
	ComplexityLimit int
	Log             *slog.Logger
}

// NextStepsCost is what Collaboration.nextSteps costs against the
// complexity limit, before what is selected inside it: with the default
// limit of 10000, at most nine collaborations of one operation may ask for
// it.
const NextStepsCost = 1000

// NewServer builds the GraphQL handler the way gqlgen recommends for
// production: explicit transports, a parsed-query cache, automatic persisted
// queries, a complexity limit, and one error presenter.
func NewServer(r *Resolver, opts ServerOptions) http.Handler {
	return QueriesOnlyOverGET(newExecutor(r, opts))
}

func newExecutor(r *Resolver, opts ServerOptions) *handler.Server {
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

	// Nested lists multiply the cost of what is selected inside them by
	// their typical length, so that deep fan-out (organisations → people →
	// experiences → organisation → people …) is refused up front instead of
	// returning megabytes.
	perItem := func(n int) func(int) int { return func(c int) int { return 1 + n*c } }
	cfg.Complexity.Person.Experiences = perItem(5)
	cfg.Complexity.Person.Contributions = perItem(5)
	cfg.Complexity.Membership.Experiences = perItem(3)
	cfg.Complexity.Organisation.People = func(c int, _ *gqlmodel.Tenure) int { return 1 + 20*c }
	cfg.Complexity.Organisation.Collaborations = perItem(10)
	cfg.Complexity.Collaboration.Partners = perItem(4)
	cfg.Complexity.Collaboration.Contributors = perItem(4)
	// nextSteps runs a gap query and up to four translator searches per
	// collaboration: a flat cost that lets one collaboration (or a handful)
	// ask for it and refuses a page of them (docs/api.md).
	cfg.Complexity.Collaboration.NextSteps = func(c int, _ *int, _ *model.TranslatorFilter) int { return NextStepsCost + 3*c }

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

// QueriesOnlyOverGET refuses mutations sent with GET before gqlgen sees
// them, with a coded GraphQL error: GET must stay safe to repeat and cache,
// and gqlgen's own refusal carries no extensions.code.
func QueriesOnlyOverGET(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			q := r.URL.Query()
			if doc, err := parser.ParseQuery(&ast.Source{Input: q.Get("query")}); err == nil {
				if op := doc.Operations.ForName(q.Get("operationName")); op != nil && op.Operation != ast.Query {
					w.Header().Set("Content-Type", "application/json")
					w.Header().Set("Allow", "POST")
					w.WriteHeader(http.StatusMethodNotAllowed)
					_ = json.NewEncoder(w).Encode(map[string]any{"errors": []map[string]any{{
						"message":    "only queries may be sent with GET; send " + string(op.Operation) + "s with POST",
						"extensions": map[string]any{"code": CodeBadRequest},
					}}})
					return
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}
