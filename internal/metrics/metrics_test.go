package metrics

import (
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func scrape(t *testing.T, r *Registry) string {
	t.Helper()
	rec := httptest.NewRecorder()
	r.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

func TestRegistry(t *testing.T) {
	r := New()
	r.OperationDone("People", "ok", 20*time.Millisecond)
	r.OperationDone("People", "QUERY_TOO_LARGE", time.Millisecond)
	r.OperationDone("", "ok", time.Millisecond)
	r.OperationDone(`x"} 1`+"\n", "ok", time.Millisecond) // not a GraphQL name
	for i := range MaxOperationNames + 5 {
		r.OperationDone(fmt.Sprintf("Op%d", i), "ok", time.Millisecond)
	}
	r.StatementDone(3 * time.Millisecond)
	r.TransactionFailed("overloaded")
	done := r.TransactionStarted()
	r.TransactionStarted()
	done()
	r.QueryWaiting()()
	r.QueryWaiting()

	out := scrape(t, r)
	for _, want := range []string{
		`tulkki_graphql_operations_total{operation="People",outcome="ok"} 1`,
		`tulkki_graphql_operations_total{operation="People",outcome="QUERY_TOO_LARGE"} 1`,
		`tulkki_graphql_operations_total{operation="anonymous",outcome="ok"} 1`,
		`tulkki_graphql_operation_duration_seconds_count{operation="People"} 2`,
		`tulkki_cypher_statement_duration_seconds_count 1`,
		`tulkki_neo4j_errors_total{kind="overloaded"} 1`,
		`tulkki_neo4j_transactions_in_flight 1`,
		`tulkki_http_requests_in_flight 0`,
		`tulkki_graphql_queries_waiting 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	// Names beyond the bound, and names that are not GraphQL names, are
	// "other": 1 malformed + 6 over the bound (People took one place).
	if want := `tulkki_graphql_operations_total{operation="other",outcome="ok"} 7`; !strings.Contains(out, want) {
		t.Errorf("metrics lack %q", want)
	}
	if n := strings.Count(out, "tulkki_graphql_operations_total{"); n > MaxOperationNames+3 {
		t.Errorf("%d operation series, want at most %d", n, MaxOperationNames+3)
	}
}
