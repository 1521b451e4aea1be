package httpapi

import (
	"bytes"
	"io/fs"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/tulkki/tulkki/internal/httpapi/graphiql"
)

// apiPolicy is the Content-Security-Policy of every response that is not a
// page: JSON, CSV and plain-text answers load nothing and are framed by
// nothing. Pages set their own (the web app in internal/webui, the seating
// sheet and GraphiQL below).
const apiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"

// securityHeaders sets the headers every response carries: no MIME
// sniffing, no referrer sent on, no framing (clickjacking), and a
// Content-Security-Policy that a handler serving a page replaces with its
// own.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", apiPolicy)
		next.ServeHTTP(w, r)
	})
}

// graphiqlPolicy: GraphiQL's scripts and styles come from this server
// (internal/httpapi/graphiql); its editors set inline styles, and its
// fonts and icons are data: URLs.
const graphiqlPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"

// mountGraphiQL serves the GraphQL IDE at /graphiql and its files under
// /graphiql/ when on; off, a 404 that says why, so the web app's footer
// link explains itself.
func mountGraphiQL(r chi.Router, on bool) {
	if !on {
		off := func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "GraphiQL is turned off on this server (TULKKI_INTROSPECTION).", http.StatusNotFound)
		}
		r.Get("/graphiql", off)
		r.Get("/graphiql/*", off)
		return
	}
	serve := func(w http.ResponseWriter, req *http.Request, name string) {
		body, err := fs.ReadFile(graphiql.Files, name)
		if err != nil {
			http.NotFound(w, req)
			return
		}
		w.Header().Set("Content-Security-Policy", graphiqlPolicy)
		w.Header().Set("Cache-Control", "no-cache")
		// ServeContent sets the type from the name and answers
		// If-Modified-Since; the files are embedded, so no date.
		http.ServeContent(w, req, name, time.Time{}, bytes.NewReader(body))
	}
	r.Get("/graphiql", func(w http.ResponseWriter, req *http.Request) { serve(w, req, "index.html") })
	r.Get("/graphiql/{file}", func(w http.ResponseWriter, req *http.Request) { serve(w, req, chi.URLParam(req, "file")) })
}
