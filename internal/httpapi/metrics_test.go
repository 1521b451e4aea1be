package httpapi

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/tulkki/tulkki/internal/metrics"
)

type countingDB struct{ n int64 }

func (d *countingDB) Ping(context.Context) error { return nil }
func (d *countingDB) QueryCount() int64          { return d.n }

type plainDB struct{}

func (plainDB) Ping(context.Context) error { return nil }

func TestMetrics(t *testing.T) {
	tests := []struct {
		name string
		db   Pinger
		want string // a line the body must hold; "" when the counter must be absent
	}{
		{"store that counts", &countingDB{n: 42}, "tulkki_cypher_statements_total 42"},
		{"store that does not count", plainDB{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := chi.NewRouter()
			mountMetrics(r, metrics.New(), tt.db)
			rec := httptest.NewRecorder()
			r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			body, _ := io.ReadAll(rec.Body)
			has := strings.Contains(string(body), "tulkki_cypher_statements_total")
			if tt.want == "" && has {
				t.Errorf("counter present without a StatementCounter:\n%s", body)
			}
			if tt.want != "" && !strings.Contains(string(body), tt.want+"\n") {
				t.Errorf("no line %q in:\n%s", tt.want, body)
			}
		})
	}
}

// TestRequestLogHandler: a line logged with a request's context carries
// the request's id once, however the caller logged it.
func TestRequestLogHandler(t *testing.T) {
	var b strings.Builder
	log := slog.New(RequestLogHandler(slog.NewJSONHandler(&b, nil)))
	var ctx context.Context
	middleware.RequestID(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { ctx = r.Context() })).
		ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	log.InfoContext(ctx, "deep in the store")
	log.InfoContext(ctx, "at the edge", "request_id", middleware.GetReqID(ctx))
	log.Info("no request")
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	id := middleware.GetReqID(ctx)
	if len(lines) != 3 || id == "" {
		t.Fatalf("lines %q, id %q", lines, id)
	}
	for i, want := range []int{1, 1, 0} {
		if n := strings.Count(lines[i], `"request_id":"`+id+`"`); n != want {
			t.Errorf("line %d has the request id %d times, want %d: %s", i, n, want, lines[i])
		}
	}
}
