package httpapi

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
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
			mountMetrics(r, tt.db)
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
