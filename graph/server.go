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
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/i18n"
	"github.com/tulkki/tulkki/internal/store"
)

// tracer starts a span per operation and per root field (internal/tracing;
// a no-op unless tracing is configured).
var tracer = otel.Tracer("github.com/tulkki/tulkki/graph")

// ServerOptions tune the GraphQL server.
type ServerOptions struct {
	// ComplexityLimit caps the cost of one operation of a signed-in caller
	// (cost.go says what fields cost).
	ComplexityLimit int
	// AnonymousComplexityLimit caps the cost of one operation of a caller
	// without a token; zero means a quarter of ComplexityLimit.
	AnonymousComplexityLimit int
	// Shape bounds the size of a document before it is validated; limits
	// left at zero take DefaultShapeLimits.
	Shape ShapeLimits
	// Introspection answers __schema and __type queries; off, they are
	// refused (GRAPHQL_VALIDATION_FAILED). config.Config.Introspection.
	Introspection bool
	// Observer is told of every operation answered (metrics.Registry is
	// one); nil tells no one.
	Observer OperationObserver
	// SlowOperation: an operation that takes longer is logged at WARN with
	// its name, time and cost; zero logs none.
	SlowOperation time.Duration
	Log           *slog.Logger
	// MaxUploadBytes bounds the files of one multipart request (importData);
	// zero takes DefaultMaxUploadBytes.
	MaxUploadBytes int64
	// MaxRunningQueries bounds the queries that run at once; the others wait
	// their turn (turns.go). Zero takes DefaultRunningQueries, a negative
	// number sets no bound.
	MaxRunningQueries int
}

// DefaultMaxUploadBytes bounds the files of one importData request: two
// files at the import's default limit of 50 MB each.
const DefaultMaxUploadBytes = 100 << 20

// OperationObserver is told of each GraphQL operation answered: its name
// ("" when it has none or the request was refused before it was parsed),
// its outcome ("ok" or the first error's extensions.code) and its time.
type OperationObserver interface {
	OperationDone(name, outcome string, took time.Duration)
}

// NewServer builds the GraphQL handler the way gqlgen recommends for
// production: explicit transports, a parsed-query cache, automatic persisted
// queries, limits on a document's shape and cost, and one error presenter.
func NewServer(r *Resolver, opts ServerOptions) http.Handler {
	return httpEdge(newExecutor(r, opts), opts.Shape.withDefaults().Tokens)
}

func newExecutor(r *Resolver, opts ServerOptions) *handler.Server {
	cfg := Config{Resolvers: r}
	setCosts(&cfg)
	shape := opts.Shape.withDefaults()
	anonymous := opts.AnonymousComplexityLimit
	if anonymous <= 0 {
		anonymous = max(opts.ComplexityLimit/4, 1)
	}

	srv := handler.New(NewExecutableSchema(cfg))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	maxUpload := opts.MaxUploadBytes
	if maxUpload <= 0 {
		maxUpload = DefaultMaxUploadBytes
	}
	// Uploads (importData) follow the GraphQL multipart request spec;
	// MultipartForm claims only multipart/form-data, so it comes before
	// postJSON, which claims every other POST.
	srv.AddTransport(multipart{transport.MultipartForm{MaxUploadSize: maxUpload, MaxMemory: 32 << 20}})
	srv.AddTransport(postJSON{maxAnonymousBody: int64(shape.Bytes) + anonymousVariableBytes}) // not transport.POST: see transport.go
	parsed := lru.New[*ast.QueryDocument](1000)
	srv.SetQueryCache(parsed)
	// The shape check parses with the same limit first; this one guards
	// gqlgen's own parse should the check ever be left out.
	srv.SetParserTokenLimit(shape.Tokens)
	if opts.Introspection {
		srv.Use(extension.Introspection{})
	}
	// Order matters among these: gqlgen runs parameter mutators (APQ, then
	// the shape check on the query APQ resolved) before it parses and
	// validates, and context mutators (the deadline check, then the
	// complexity limit) after.
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	srv.Use(shapeLimit{limits: shape, parsed: parsed})
	srv.Use(deadlineCheck{log: opts.Log})
	srv.Use(&extension.ComplexityLimit{Func: complexityBudget(opts.ComplexityLimit, anonymous)})
	presenter := ErrorPresenter(opts.Log)
	srv.SetErrorPresenter(presenter)
	srv.SetRecoverFunc(RecoverFunc(opts.Log))
	turns := newQueryTurns(opts.MaxRunningQueries, opts.Observer)
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		op := graphql.GetOperationContext(ctx)
		ctx = withFailureLog(ctx)
		ctx, span := tracer.Start(ctx, "graphql "+string(op.Operation.Operation),
			trace.WithAttributes(attribute.String("graphql.operation.name", operationName(op)),
				attribute.String("graphql.operation.type", string(op.Operation.Operation))))
		// The header was checked at the HTTP edge (httpEdge).
		after, _ := store.DecodeBookmarks(op.Headers.Get(BookmarkHeader))
		ctx, bookmarks := store.WithBookmarks(ctx, after)
		handle := next(ctx)
		return func(ctx context.Context) *graphql.Response {
			// A query's work (and its answer's memory) is in handle: it
			// waits for its turn here.
			var resp *graphql.Response
			if op.Operation.Operation == ast.Query {
				resp = turns.run(ctx, handle, presenter)
			} else {
				resp = handle(ctx)
			}
			if written := bookmarks.Written(); resp != nil && len(written) > 0 {
				if resp.Extensions == nil {
					resp.Extensions = map[string]any{}
				}
				resp.Extensions["bookmark"] = store.EncodeBookmarks(written)
			}
			if resp != nil && len(resp.Errors) > 0 {
				span.SetStatus(codes.Error, outcome(resp))
			}
			span.End()
			return resp
		}
	})
	srv.AroundRootFields(func(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
		fc := graphql.GetRootFieldContext(ctx)
		ctx, span := tracer.Start(ctx, fc.Field.ObjectDefinition.Name+"."+fc.Field.Name)
		defer span.End()
		return next(withIdempotencyKey(ctx, fc))
	})
	srv.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		start := time.Now()
		resp := next(ctx)
		took := time.Since(start)
		var name string
		if graphql.HasOperationContext(ctx) {
			op := graphql.GetOperationContext(ctx)
			name = operationName(op)
			if !op.Stats.OperationStart.IsZero() { // from reading the request on
				took = time.Since(op.Stats.OperationStart)
			}
		}
		result := outcome(resp)
		if opts.Observer != nil {
			opts.Observer.OperationDone(name, result, took)
		}
		switch {
		case opts.SlowOperation > 0 && took > opts.SlowOperation:
			attrs := []any{"operation", name, "took", took, "outcome", result}
			if stats := extension.GetComplexityStats(ctx); stats != nil {
				attrs = append(attrs, "cost", stats.Complexity, "cost_limit", stats.ComplexityLimit)
			}
			opts.Log.WarnContext(ctx, "slow graphql operation", attrs...)
		case opts.Log.Enabled(ctx, slog.LevelDebug):
			opts.Log.DebugContext(ctx, "graphql operation", "operation", name, "errors", len(resp.Errors), "took", took)
		}
		return resp
	})
	return srv
}

// operationName is the operation's name as the request gave it, else as
// its document does; "" for an unnamed operation and for a document
// refused before it was validated (which is not read for a name).
func operationName(op *graphql.OperationContext) string {
	if op.OperationName == "" && op.Operation != nil {
		return op.Operation.Name
	}
	return op.OperationName
}

// BookmarkHeader carries the bookmark token of a request's writes back to
// the client (also as extensions.bookmark), and from the client on later
// requests, which then see those writes on any server of a Neo4j cluster
// (store.WithBookmarks).
const BookmarkHeader = "Tulkki-Bookmark"

// IdempotencyKeyHeader names the header with which a client makes its
// create mutations safe to retry (store.WithIdempotencyKey).
const IdempotencyKeyHeader = "Idempotency-Key"

// withIdempotencyKey scopes a request's Idempotency-Key to the caller and
// to this mutation field (its response key: two creates in one document
// are two requests), with the field's arguments as what was asked.
func withIdempotencyKey(ctx context.Context, fc *graphql.RootFieldContext) context.Context {
	op := graphql.GetOperationContext(ctx)
	key := op.Headers.Get(IdempotencyKeyHeader)
	if key == "" || op.Operation == nil || op.Operation.Operation != ast.Mutation {
		return ctx
	}
	args, err := json.Marshal(fc.Field.ArgumentMap(op.Variables)) // map keys sorted
	if err != nil {
		return ctx
	}
	scope := auth.From(ctx).Subject + "\x00" + key + "\x00" + fc.Field.Alias
	return store.WithIdempotencyKey(ctx, scope, fc.Field.Name+string(args))
}

// outcome is "ok" for a response without errors, otherwise its first
// error's extensions.code ("error" when it has none).
func outcome(resp *graphql.Response) string {
	if resp == nil || len(resp.Errors) == 0 {
		return "ok"
	}
	if code, ok := resp.Errors[0].Extensions["code"].(string); ok {
		return code
	}
	return "error"
}

// httpEdge answers, with a coded GraphQL error, the requests gqlgen would
// refuse without a code (a method other than GET, POST and OPTIONS, a
// protocol upgrade, GET variables or extensions that are not a JSON
// object), and refuses mutations sent with GET: GET must stay safe to
// repeat and cache. It parses GET documents with the token limit, so a huge
// query string stops early (and is then refused by the shape check).
func httpEdge(next http.Handler, tokenLimit int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodPost, http.MethodOptions:
		default:
			w.Header().Set("Allow", "GET, POST, OPTIONS")
			writeError(w, r, http.StatusMethodNotAllowed, CodeBadRequest, "send GraphQL requests with POST (or queries with GET)")
			return
		}
		if key := r.Header.Get(IdempotencyKeyHeader); key != "" && !validIdempotencyKey(key) {
			writeError(w, r, http.StatusBadRequest, CodeBadRequest, "the Idempotency-Key header must be 1 to 255 visible ASCII characters")
			return
		}
		if token := r.Header.Get(BookmarkHeader); token != "" {
			if _, err := store.DecodeBookmarks(token); err != nil {
				writeError(w, r, http.StatusBadRequest, CodeBadRequest, "the %s header must be a token this API returned", BookmarkHeader)
				return
			}
		}
		if r.Header.Get("Upgrade") != "" {
			writeError(w, r, http.StatusBadRequest, CodeBadRequest, "this server offers no subscriptions or protocol upgrades")
			return
		}
		if r.Method == http.MethodGet {
			q := r.URL.Query()
			for _, param := range []string{"variables", "extensions"} {
				if raw := q.Get(param); raw != "" && !isJSONObject(raw) {
					writeError(w, r, http.StatusBadRequest, CodeBadRequest, "the %s parameter must be a JSON object", param)
					return
				}
			}
			if doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: q.Get("query")}, tokenLimit); err == nil {
				if op := doc.Operations.ForName(q.Get("operationName")); op != nil && op.Operation != ast.Query {
					w.Header().Set("Allow", "POST")
					writeError(w, r, http.StatusMethodNotAllowed, CodeBadRequest,
						"only queries may be sent with GET; send %ss with POST", string(op.Operation))
					return
				}
			}
		}
		// Server-written text (explanations, evidence, error messages)
		// comes in the language the client asks for; caches must keep
		// the languages apart.
		w.Header().Add("Vary", "Accept-Language")
		next.ServeHTTP(w, r.WithContext(i18n.WithLang(r.Context(), i18n.FromAcceptLanguage(r.Header.Get("Accept-Language")))))
	})
}

func isJSONObject(raw string) bool {
	var m map[string]any
	return json.Unmarshal([]byte(raw), &m) == nil // null too, as gqlgen takes it
}

func validIdempotencyKey(key string) bool {
	if len(key) > 255 {
		return false
	}
	for i := 0; i < len(key); i++ {
		if key[i] < 0x21 || key[i] > 0x7e {
			return false
		}
	}
	return true
}
