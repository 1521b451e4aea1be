package graph_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/tulkki/tulkki/graph"
	"github.com/tulkki/tulkki/internal/directory"
	"github.com/tulkki/tulkki/internal/httpapi"
	"github.com/tulkki/tulkki/internal/partnership"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/storetest"
)

// api is the whole HTTP stack (router, GraphQL server, domain, store) over
// the real test Neo4j, as a client sees it.
type api struct {
	t     *testing.T
	st    *store.Store
	url   string
	close func()
}

func newAPIWith(t *testing.T, st *store.Store) *api {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	resolver := &graph.Resolver{Directory: directory.New(st), Partnerships: partnership.New(st)}
	gql := graph.NewServer(resolver, graph.ServerOptions{ComplexityLimit: 5000, Log: log})
	srv := httptest.NewServer(httpapi.NewRouter(httpapi.Options{GraphQL: gql, DB: st, Log: log, RequestTimeout: 30 * time.Second}))
	t.Cleanup(srv.Close)
	return &api{t: t, st: st, url: srv.URL, close: srv.Close}
}

func newAPI(t *testing.T) *api {
	t.Helper()
	return newAPIWith(t, storetest.Open(t))
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

// do posts one operation and returns the raw response.
func (a *api) do(query string, vars map[string]any) gqlResponse {
	a.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	resp, err := http.Post(a.url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		a.t.Fatalf("post graphql: %v", err)
	}
	defer resp.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		a.t.Fatalf("decode response (status %d): %v", resp.StatusCode, err)
	}
	return out
}

// ok runs an operation that must succeed and decodes its data into out.
func (a *api) ok(query string, vars map[string]any, out any) {
	a.t.Helper()
	r := a.do(query, vars)
	if len(r.Errors) > 0 {
		a.t.Fatalf("unexpected errors: %+v\nquery: %s", r.Errors, query)
	}
	if out != nil {
		if err := json.Unmarshal(r.Data, out); err != nil {
			a.t.Fatalf("decode data %s: %v", r.Data, err)
		}
	}
}

// fails runs an operation that must fail with the given extensions.code.
func (a *api) fails(query string, vars map[string]any, code string) gqlError {
	a.t.Helper()
	r := a.do(query, vars)
	if len(r.Errors) == 0 {
		a.t.Fatalf("expected error %s, got data %s", code, r.Data)
	}
	if got := r.Errors[0].Extensions["code"]; got != code {
		a.t.Fatalf("expected code %s, got %v: %s", code, got, r.Errors[0].Message)
	}
	return r.Errors[0]
}

func (a *api) get(path string) (int, string) {
	a.t.Helper()
	resp, err := http.Get(a.url + path)
	if err != nil {
		a.t.Fatalf("get %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
