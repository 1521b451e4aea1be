package graph_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tulkki/tulkki/graph"
	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/metrics"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/storetest"
)

// TestDatabaseUnavailable: with Neo4j unreachable, operations fail with
// UNAVAILABLE (not a panic, not a hang, not an internal error), readiness
// says so and liveness does not.
func TestDatabaseUnavailable(t *testing.T) {
	st, err := store.New(config.Neo4j{URI: "bolt://127.0.0.1:1", Username: "neo4j", Password: "x", Timeout: time.Second},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("store.New: %v", err)
	}
	a := newAPIWith(t, st)
	for _, c := range []struct {
		name, query string
		vars        map[string]any
	}{
		{"query by id", `query($id:ID!){ person(id:$id){ id name } }`, map[string]any{"id": "p-1"}},
		{"list", `{ people(first:5){ totalCount nodes { id } } }`, nil},
		{"topics", `{ topics { id } sectors { code } }`, nil},
		{"mutation", `mutation{ createTopic(input:{name:"Saavutettavuus"}){ id } }`, nil},
		{"mutation with rules", `mutation{ addPartner(collaborationId:"c-1", organisationId:"o-1", role:PARTNER){ id } }`, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := a.with(t).do(c.query, c.vars)
			if len(r.Errors) == 0 {
				t.Fatalf("expected UNAVAILABLE, got data %s", r.Data)
			}
			for _, e := range r.Errors {
				if e.Extensions["code"] != "UNAVAILABLE" {
					t.Fatalf("code = %v (%q), want UNAVAILABLE", e.Extensions["code"], e.Message)
				}
				if strings.Contains(e.Message, "127.0.0.1") || strings.Contains(e.Message, "dial") {
					t.Fatalf("message leaks connection details: %q", e.Message)
				}
			}
		})
	}

	status, body := a.get("/readyz")
	if status != http.StatusServiceUnavailable {
		t.Fatalf("/readyz = %d %s, want 503", status, body)
	}
	var ready map[string]string
	if err := json.Unmarshal([]byte(body), &ready); err != nil || ready["status"] != "unavailable" {
		t.Fatalf("/readyz body = %s", body)
	}
	if status, body := a.get("/healthz"); status != http.StatusOK || !strings.Contains(body, `"ok"`) {
		t.Fatalf("/healthz = %d %s, want 200 while the process is alive", status, body)
	}
}

func TestHealthEndpoints(t *testing.T) {
	a := newAPI(t)
	for path, want := range map[string]string{"/readyz": `{"neo4j":"ok","status":"ready"}`, "/healthz": `{"status":"ok"}`} {
		status, body := a.get(path)
		if status != http.StatusOK {
			t.Fatalf("%s = %d %s, want 200", path, status, body)
		}
		assertJSON(t, []byte(body), want)
	}
}

func TestGraphiQLPage(t *testing.T) {
	a := newAPI(t)
	resp, err := http.Get(a.url + "/graphiql")
	if err != nil {
		t.Fatalf("get /graphiql: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("/graphiql = %d %s, want 200 text/html", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if !strings.Contains(string(body), `src="/graphiql/graphiql.min.js"`) || strings.Contains(string(body), "https://") {
		t.Fatalf("/graphiql does not serve GraphiQL from this server: %.300s", body)
	}
}

func TestComplexityLimit(t *testing.T) {
	a := privateAPI(t)
	// Four top-level lists of 100 with about 30 fields each (stints count
	// five times): far over the default limit.
	const fields = `id name headline languages region visibility openToBridging contactable createdAt updatedAt sectors
		expertise { id name nameFi description } experiences { id kind roleTitle startDate endDate ongoing organisation { id name kind sector } }`
	over := `{ a: people(first:100){ totalCount nodes { ` + fields + ` } } b: people(first:100){ nodes { ` + fields + ` } }
		c: people(first:100){ nodes { ` + fields + ` } } d: people(first:100){ nodes { ` + fields + ` } } }`
	before := a.st.QueryCount()
	e := a.fails(over, nil, "COMPLEXITY_LIMIT_EXCEEDED")
	if !strings.Contains(e.Message, "complexity") {
		t.Fatalf("message %q does not explain the refusal", e.Message)
	}
	if n := a.st.QueryCount() - before; n != 0 {
		t.Fatalf("a refused operation ran %d statements", n)
	}
	// The same selection on smaller pages is fine.
	a.ok(strings.ReplaceAll(over, "first:100", "first:20"), nil, nil)
}

// TestDeepFanOutIsLimited: a query whose nested lists fan out per item
// (100 people × their stints × everyone at each organisation × their
// stints) costs far more than its top-level page and must be refused.
func TestDeepFanOutIsLimited(t *testing.T) {
	a := newAPI(t)
	r := a.do(`{ people(first:100){ nodes { experiences { organisation { people { person { experiences { id } } } } } } } }`, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "COMPLEXITY_LIMIT_EXCEEDED" {
		t.Fatalf("the fan-out query was not refused: %d bytes of data, errors %+v; want COMPLEXITY_LIMIT_EXCEEDED", len(r.Data), r.Errors)
	}
}

func TestAutomaticPersistedQueries(t *testing.T) {
	a := newAPI(t)
	// A comment makes the text, so its hash, unique to this run.
	query := "{ sectors { code } } # " + storetest.ID("apq")
	sum := sha256.Sum256([]byte(query))
	hash := hex.EncodeToString(sum[:])
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hash}}
	const want = `{"sectors":[{"code":"PUBLIC"},{"code":"PRIVATE"},{"code":"THIRD"},{"code":"ACADEMIA"}]}`

	// Hash only, before the query is known.
	_, r := a.postBody(map[string]any{"extensions": ext})
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "PERSISTED_QUERY_NOT_FOUND" {
		t.Fatalf("hash-only call before registration = %+v, want PERSISTED_QUERY_NOT_FOUND", r)
	}
	// Register: query and hash together.
	status, r := a.postBody(map[string]any{"query": query, "extensions": ext})
	if status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("registration = %d %+v", status, r)
	}
	assertJSON(t, r.Data, want)
	// Hash only, now known: by POST and by GET.
	status, r = a.postBody(map[string]any{"extensions": ext})
	if status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("hash-only POST = %d %+v", status, r)
	}
	assertJSON(t, r.Data, want)
	extJSON, _ := json.Marshal(ext)
	status, r = a.getGraphQL(url.Values{"extensions": {string(extJSON)}})
	if status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("hash-only GET = %d %+v", status, r)
	}
	assertJSON(t, r.Data, want)

	// The same flow over GET alone, for another query.
	query2 := "{ sectors { nameEn } } # " + storetest.ID("apq")
	sum2 := sha256.Sum256([]byte(query2))
	ext2, _ := json.Marshal(map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum2[:])}})
	if _, r = a.getGraphQL(url.Values{"extensions": {string(ext2)}}); len(r.Errors) == 0 ||
		r.Errors[0].Extensions["code"] != "PERSISTED_QUERY_NOT_FOUND" {
		t.Fatalf("hash-only GET before registration = %+v", r)
	}
	if _, r = a.getGraphQL(url.Values{"query": {query2}, "extensions": {string(ext2)}}); len(r.Errors) > 0 {
		t.Fatalf("GET registration = %+v", r)
	}
	if _, r = a.getGraphQL(url.Values{"extensions": {string(ext2)}}); len(r.Errors) > 0 || !strings.Contains(string(r.Data), "public sector") {
		t.Fatalf("hash-only GET after registration = %+v", r)
	}
}

// TestAPQClientErrors: a wrong hash or APQ version is the client's fault:
// it is refused with a code of its own, not reported as an internal error.
func TestAPQClientErrors(t *testing.T) {
	a := newAPI(t)
	for _, c := range []struct {
		name string
		ext  map[string]any
	}{
		{"hash does not match the query", map[string]any{"version": 1, "sha256Hash": strings.Repeat("ab", 32)}},
		{"unsupported version", map[string]any{"version": 2, "sha256Hash": strings.Repeat("ab", 32)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := a.with(t)
			_, r := a.postBody(map[string]any{"query": "{ sectors { code } }", "extensions": map[string]any{"persistedQuery": c.ext}})
			if len(r.Errors) == 0 {
				t.Fatalf("expected an error, got %s", r.Data)
			}
			if code := r.Errors[0].Extensions["code"]; code == nil || code == "INTERNAL_SERVER_ERROR" {
				t.Fatalf("code = %v (%q), want a client error code", code, r.Errors[0].Message)
			}
		})
	}
}

// TestGETCannotMutate: a mutation over GET (a link, an <img>) is refused
// with a coded error and changes nothing.
func TestGETCannotMutate(t *testing.T) {
	a := newAPI(t)
	name := storetest.ID("get-topic")
	status, r := a.getGraphQL(url.Values{"query": {`mutation{ createTopic(input:{name:"` + name + `"}){ id } }`}})
	if status == http.StatusOK && len(r.Errors) == 0 {
		t.Fatalf("GET mutation succeeded: %s", r.Data)
	}
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] == nil {
		t.Fatalf("GET mutation refused (%d) without a coded error: %+v", status, r)
	}
	var topics struct{ Topics []struct{ Name string } }
	a.ok(`{ topics { name } }`, nil, &topics)
	for _, tp := range topics.Topics {
		if tp.Name == name {
			t.Fatalf("the GET mutation created topic %q", name)
		}
	}
}

// TestOperationsAreObserved: each operation is counted by name and
// outcome with its time, each statement and transaction of the store is
// measured, and an operation over the slow threshold is logged with its
// name and cost (issue 17, observability).
func TestOperationsAreObserved(t *testing.T) {
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	var logged strings.Builder
	log := slog.New(slog.NewJSONHandler(&logged, nil))
	st, err := store.Open(context.Background(), cfg.Neo4j, log)
	if err != nil {
		t.Fatalf("neo4j unavailable: %v", err)
	}
	t.Cleanup(func() { _ = st.Close(context.Background()) })
	reg := metrics.New()
	st.Observe(reg)
	a := newAPIWithLogger(t, st, log, func(o *graph.ServerOptions) { o.Observer, o.SlowOperation = reg, time.Nanosecond })

	a.do(`query People { people(first: 2) { nodes { id } } }`, nil)
	// Refused by validation, the document's name is not known, but the
	// request's operationName is.
	a.postBody(map[string]any{"query": `query Broken { people(first: 2) { nodes { salary } } }`, "operationName": "Broken"})
	a.do(`query Unnamed { people(first: 2) { nodes { salary } } }`, nil)
	a.do(`{ __typename }`, nil)

	rec := httptest.NewRecorder()
	reg.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	out := rec.Body.String()
	for _, want := range []string{
		`tulkki_graphql_operations_total{operation="People",outcome="ok"} 1`,
		`tulkki_graphql_operations_total{operation="Broken",outcome="GRAPHQL_VALIDATION_FAILED"} 1`,
		`tulkki_graphql_operations_total{operation="anonymous",outcome="ok"} 1`,
		`tulkki_graphql_operations_total{operation="anonymous",outcome="GRAPHQL_VALIDATION_FAILED"} 1`,
		`tulkki_graphql_operation_duration_seconds_count{operation="People"} 1`,
		`tulkki_neo4j_transactions_in_flight 0`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %q in:\n%s", want, grepLines(out, "tulkki_graphql_operations_total"))
		}
	}
	if !strings.Contains(out, "tulkki_cypher_statement_duration_seconds_count") || strings.Contains(out, "tulkki_cypher_statement_duration_seconds_count 0") {
		t.Errorf("no statement measured:\n%s", out)
	}
	var slow bool
	for _, line := range strings.Split(logged.String(), "\n") {
		if strings.Contains(line, `"slow graphql operation"`) && strings.Contains(line, `"operation":"People"`) && strings.Contains(line, `"cost":`) {
			slow = true
		}
	}
	if !slow {
		t.Errorf("no slow-operation line for People with its cost in:\n%s", logged.String())
	}
}

func grepLines(text, substr string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, substr) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
