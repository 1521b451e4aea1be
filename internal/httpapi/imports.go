package httpapi

import (
	"archive/zip"
	"context"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/importer"
)

// Exporter writes the data a caller may see as the import's CSV files
// (*importer.Service is one; it applies the policy).
type Exporter interface {
	Export(ctx context.Context, caller auth.Principal, sources []string) ([]importer.ExportFile, error)
}

// mountExport serves /export.zip (every CSV file of an export, for
// coordinators and administrators, behind the same authentication as
// /graphql).
func mountExport(r chi.Router, ex Exporter, log *slog.Logger) {
	r.Get("/export.zip", func(w http.ResponseWriter, req *http.Request) {
		files, err := ex.Export(req.Context(), auth.From(req.Context()), nil)
		if err != nil {
			writeDomainError(w, req, log, err, "export", "nothing to export")
			return
		}
		w.Header().Set("Content-Type", "application/zip")
		w.Header().Set("Content-Disposition", `attachment; filename="tulkki-export-`+time.Now().UTC().Format("2006-01-02")+`.zip"`)
		zw := zip.NewWriter(w)
		for _, f := range files {
			fw, err := zw.Create(f.Name)
			if err == nil {
				_, err = fw.Write(f.Body)
			}
			if err != nil {
				log.WarnContext(req.Context(), "export: writing the zip", "err", err)
				return
			}
		}
		if err := zw.Close(); err != nil {
			log.WarnContext(req.Context(), "export: closing the zip", "err", err)
		}
	})
}

// mountTemplates serves /import/templates/{kind}.csv: an empty file of
// each kind, its header line, for anyone.
func mountTemplates(r chi.Router) {
	r.Get("/import/templates/{file}", func(w http.ResponseWriter, req *http.Request) {
		name := chi.URLParam(req, "file")
		kind := importer.Kind(strings.TrimSuffix(name, ".csv"))
		if _, ok := importer.Columns[kind]; !ok || !strings.HasSuffix(name, ".csv") {
			http.Error(w, "no such template; there is one per kind: topics.csv, organisations.csv, people.csv, experiences.csv, collaborations.csv, partners.csv, contributors.csv", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+string(kind)+`.csv"`)
		_, _ = w.Write(importer.Template(kind))
	})
}

// requestSize bounds request bodies: max, or uploadMax for a multipart
// upload (importData's files).
func requestSize(max, uploadMax int64) func(http.Handler) http.Handler {
	small, large := middleware.RequestSize(max), middleware.RequestSize(uploadMax)
	return func(next http.Handler) http.Handler {
		s, l := small(next), large(next)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" && uploadMax > max {
				l.ServeHTTP(w, r)
				return
			}
			s.ServeHTTP(w, r)
		})
	}
}
