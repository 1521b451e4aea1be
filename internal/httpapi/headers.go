package httpapi

import (
	"net/http"

	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/go-chi/chi/v5"
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

// graphiqlPolicy lets the GraphiQL page load its scripts and styles from
// the CDN gqlgen's playground names (with subresource integrity) and run
// its inline start-up script, and talk only to this server.
const graphiqlPolicy = "default-src 'none'; script-src 'unsafe-inline' https://cdn.jsdelivr.net; " +
	"style-src 'unsafe-inline' https://cdn.jsdelivr.net; font-src https://cdn.jsdelivr.net data:; " +
	"img-src 'self' data: https://cdn.jsdelivr.net; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"

// mountGraphiQL serves the GraphQL IDE at /graphiql when on; off, a 404
// that says why, so the web app's footer link explains itself.
func mountGraphiQL(r chi.Router, on bool) {
	if !on {
		r.Get("/graphiql", func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "GraphiQL is turned off on this server (TULKKI_INTROSPECTION).", http.StatusNotFound)
		})
		return
	}
	ide := playground.Handler("Tulkki GraphQL", "/graphql")
	r.Get("/graphiql", func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Security-Policy", graphiqlPolicy)
		ide.ServeHTTP(w, req)
	})
}
