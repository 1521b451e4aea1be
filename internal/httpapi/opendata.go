package httpapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/i18n"
	"github.com/tulkki/tulkki/internal/opendata"
)

// OpenData builds the open data documents (*opendata.Service is one).
type OpenData interface {
	Organisations(ctx context.Context, base string, page opendata.Page) (opendata.Document, error)
	Collaborations(ctx context.Context, base string, page opendata.Page) (opendata.Document, error)
	Catalogue(base string) opendata.Document
}

// mountOpenData serves /open/ (the DCAT catalogue) and the two paged
// JSON-LD datasets to anyone, with an ETag and Last-Modified so that a
// portal polling them gets 304 Not Modified while nothing changed.
func mountOpenData(r chi.Router, od OpenData, log *slog.Logger) {
	if od == nil {
		return
	}
	dataset := func(read func(ctx context.Context, base string, page opendata.Page) (opendata.Document, error)) http.HandlerFunc {
		return func(w http.ResponseWriter, req *http.Request) {
			page := opendata.Page{After: req.URL.Query().Get("after")}
			if f := req.URL.Query().Get("first"); f != "" {
				n, err := strconv.Atoi(f)
				if err != nil {
					writeJSON(w, http.StatusBadRequest, map[string]string{"code": "BAD_USER_INPUT", "error": i18n.T("first must be a whole number").In(requestLang(req))})
					return
				}
				page.First = n
			}
			doc, err := read(req.Context(), publicBase(req), page)
			var domainErr *errs.Error
			switch {
			case errors.As(err, &domainErr) && errors.Is(err, errs.ErrInvalidInput):
				writeJSON(w, http.StatusBadRequest, map[string]string{"code": "BAD_USER_INPUT", "error": domainErr.Text.In(requestLang(req))})
				return
			case err != nil:
				log.ErrorContext(req.Context(), "open data", "err", err)
				writeJSON(w, http.StatusServiceUnavailable, map[string]string{"code": "UNAVAILABLE", "error": i18n.T("the data cannot be read now; try again shortly").In(requestLang(req))})
				return
			}
			serveJSONLD(w, req, doc)
		}
	}
	r.Get("/open/organisations.jsonld", dataset(od.Organisations))
	r.Get("/open/collaborations.jsonld", dataset(od.Collaborations))
	r.Get("/open/", func(w http.ResponseWriter, req *http.Request) { serveJSONLD(w, req, od.Catalogue(publicBase(req))) })
}

// serveJSONLD writes doc with caching headers: the ETag is the body's
// hash, Last-Modified the latest change in it; ServeContent answers
// If-None-Match and If-Modified-Since with 304.
func serveJSONLD(w http.ResponseWriter, req *http.Request, doc opendata.Document) {
	body, err := json.Marshal(doc.Body)
	if err != nil {
		http.Error(w, "could not encode the document", http.StatusInternalServerError)
		return
	}
	sum := sha256.Sum256(body)
	h := w.Header()
	h.Set("Content-Type", "application/ld+json")
	h.Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("Access-Control-Allow-Origin", "*") // open data: any portal's page may fetch it
	http.ServeContent(w, req, "", doc.LastModified, bytes.NewReader(body))
}

// publicBase is the server's URL as the client reached it: the scheme a
// TLS-terminating proxy reports (X-Forwarded-Proto), else the connection's.
func publicBase(req *http.Request) string {
	scheme := "http"
	if req.TLS != nil {
		scheme = "https"
	}
	if p := req.Header.Get("X-Forwarded-Proto"); p == "https" || p == "http" {
		scheme = p
	}
	return scheme + "://" + req.Host
}
