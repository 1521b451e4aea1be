package httpapi

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

// mountWebUI serves the web app for every GET that no other route takes,
// so the app's client routes (/translators, /profile, …) load on reload and
// from bookmarks. Other methods on unknown paths stay 404.
func mountWebUI(r chi.Router, app http.Handler) {
	if app == nil {
		return
	}
	r.NotFound(func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodGet && req.Method != http.MethodHead {
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "not found"})
			return
		}
		app.ServeHTTP(w, req)
	})
}
