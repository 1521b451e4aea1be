package httpapi

import (
	"encoding/csv"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/workshop"
)

// TestSecurityHeaders: every response, whatever the route and status,
// refuses MIME sniffing, referrers and framing and carries a
// Content-Security-Policy; pages carry their own (issue 17, point 8).
func TestSecurityHeaders(t *testing.T) {
	gql := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"data":{}}`)
	})
	router := func(graphiql bool) http.Handler {
		return NewRouter(Options{GraphQL: gql, DB: plainDB{}, Log: slog.New(slog.DiscardHandler), GraphiQL: graphiql})
	}
	tests := []struct {
		name, method, path string
		graphiql           bool
		status             int
		policy             string // a part the Content-Security-Policy must hold
	}{
		{name: "GraphQL", method: "POST", path: "/graphql", status: 200, policy: "default-src 'none'"},
		{name: "health", method: "GET", path: "/healthz", status: 200, policy: "default-src 'none'"},
		{name: "not found", method: "GET", path: "/nothing.txt", status: 404, policy: "default-src 'none'"},
		{name: "GraphiQL on", method: "GET", path: "/graphiql", graphiql: true, status: 200, policy: "script-src 'self';"},
		{name: "GraphiQL's script", method: "GET", path: "/graphiql/graphiql.min.js", graphiql: true, status: 200, policy: "script-src 'self';"},
		{name: "no such GraphiQL file", method: "GET", path: "/graphiql/nothing.js", graphiql: true, status: 404, policy: "default-src 'none'"},
		{name: "GraphiQL off", method: "GET", path: "/graphiql", status: 404, policy: "default-src 'none'"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			router(tc.graphiql).ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, strings.NewReader(`{}`)))
			h := rec.Header()
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body)
			}
			if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" || h.Get("Referrer-Policy") != "no-referrer" {
				t.Errorf("headers %v", h)
			}
			if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, tc.policy) || !strings.Contains(csp, "frame-ancestors 'none'") {
				t.Errorf("Content-Security-Policy %q, want it to hold %q and frame-ancestors 'none'", csp, tc.policy)
			}
		})
	}
}

// TestSeatingCSVQuotesEveryField: names that would split into cells, or
// become formulas, in a spreadsheet reading ';' (Finnish Excel) or ',' stay
// one inert cell (issue 17, point 8).
func TestSeatingCSVQuotesEveryField(t *testing.T) {
	names := []string{`x;=1+1;`, `=HYPERLINK("http://x")`, `-2+3`, `Ääkkönen, "Aku"`, "rivi\nrivi", "@SUM(A1)", "tavallinen"}
	s := &workshop.Seating{Tables: []workshop.SeatingTable{{Number: 1}}}
	for i, n := range names {
		s.Tables[0].Seats = append(s.Tables[0].Seats, workshop.Seat{Table: 1, Role: model.WorkshopRole("ORGANISATION_REP"),
			PersonID: "p-" + string(rune('a'+i)), PersonName: n, OrganisationName: n, Sector: model.SectorPublic})
	}
	var b strings.Builder
	writeSeatingCSV(&b, s)
	out := b.String()

	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(names) {
		t.Fatalf("%d rows, want %d", len(rows), 1+len(names))
	}
	for i, n := range names {
		if row := rows[i+1]; len(row) != len(SeatingCSVHeader) || row[3] != cell(n) || row[5] != cell(n) {
			t.Errorf("row %d = %q, want the name as %q in one cell", i, row, cell(n))
		}
	}
	// A spreadsheet that splits on ';' (outside quotes, as they do) finds
	// no cell that starts a formula.
	for _, line := range strings.Split(out, "\r\n") {
		for _, c := range splitOutsideQuotes(line, ';') {
			c = strings.TrimPrefix(c, `"`)
			if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
				t.Errorf("split on ';', cell %q starts a formula (line %q)", c, line)
			}
		}
	}
	// RFC 4180: every field quoted, records end with CRLF.
	if header := `"table","role","person_id","person_name","organisation_id","organisation_name","sector"` + "\r\n"; !strings.HasPrefix(out, header) {
		t.Errorf("output starts %q, want %q", out[:min(len(out), len(header))], header)
	}
}

// splitOutsideQuotes splits line at sep where sep is not inside a quoted
// field.
func splitOutsideQuotes(line string, sep rune) []string {
	var out []string
	var cur strings.Builder
	quoted := false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case r == sep && !quoted:
			out = append(out, cur.String())
			cur.Reset()
			continue
		}
		cur.WriteRune(r)
	}
	return append(out, cur.String())
}
