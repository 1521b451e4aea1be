package httpapi

import (
	"bufio"
	"context"
	"errors"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/i18n"
	"github.com/tulkki/tulkki/internal/workshop"
)

// SeatingSource gives a workshop's seating to a caller who may read it
// (internal/workshop applies the policy).
type SeatingSource interface {
	Seating(ctx context.Context, caller auth.Principal, id string) (*workshop.Seating, error)
}

// mountWorkshops adds the seating exports. They sit behind the same
// authentication as /graphql and answer 401/403/404 with plain text.
func mountWorkshops(r chi.Router, src SeatingSource, log *slog.Logger) {
	load := func(w http.ResponseWriter, req *http.Request) *workshop.Seating {
		s, err := src.Seating(req.Context(), auth.From(req.Context()), chi.URLParam(req, "id"))
		if err != nil {
			writeDomainError(w, req, log, err, "workshop seating", "workshop not found")
			return nil
		}
		return s
	}
	r.Get("/workshops/{id}/seating.csv", func(w http.ResponseWriter, req *http.Request) {
		s := load(w, req)
		if s == nil {
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="seating-`+safeFileName(s.Workshop.ID)+`.csv"`)
		writeSeatingCSV(w, s)
	})
	r.Get("/workshops/{id}/seating.html", func(w http.ResponseWriter, req *http.Request) {
		s := load(w, req)
		if s == nil {
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", seatingPagePolicy)
		if err := seatingPage.Execute(w, s); err != nil {
			log.ErrorContext(req.Context(), "render seating", "err", err)
		}
	})
}

// writeDomainError answers a domain error of what with its status and a
// plain-text message in the request's language (notFound, a message key,
// for NOT_FOUND); a server-side failure is logged.
func writeDomainError(w http.ResponseWriter, req *http.Request, log *slog.Logger, err error, what, notFound string) {
	status, msg := http.StatusInternalServerError, i18n.T("internal error")
	var de *errs.Error
	switch {
	case errors.Is(err, errs.ErrUnauthenticated):
		status, msg = http.StatusUnauthorized, i18n.T("sign in: send Authorization: Bearer <token>")
	case errors.Is(err, errs.ErrForbidden) && errors.As(err, &de):
		status, msg = http.StatusForbidden, de.Text
	case errors.Is(err, errs.ErrNotFound):
		status, msg = http.StatusNotFound, i18n.T(notFound)
	case errors.Is(err, errs.ErrUnavailable):
		status, msg = http.StatusServiceUnavailable, i18n.T("the database is not reachable; try again")
	}
	if status >= 500 {
		log.ErrorContext(req.Context(), what, "err", err)
	}
	http.Error(w, msg.In(requestLang(req)), status)
}

// requestLang is the language req asks for (Accept-Language) where the
// GraphQL edge, which words its own errors, is not in the way.
func requestLang(req *http.Request) i18n.Lang {
	return i18n.FromAcceptLanguage(req.Header.Get("Accept-Language"))
}

// SeatingCSVHeader are the columns of seating.csv.
var SeatingCSVHeader = []string{"table", "role", "person_id", "person_name", "organisation_id", "organisation_name", "sector"}

// seatingPagePolicy: the printable sheet has its style inline and loads
// nothing.
const seatingPagePolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"

func writeSeatingCSV(w io.Writer, s *workshop.Seating) {
	cw := bufio.NewWriter(w)
	writeCSVRecord(cw, SeatingCSVHeader)
	for _, t := range s.Tables {
		for _, seat := range t.Seats {
			writeCSVRecord(cw, []string{strconv.Itoa(seat.Table), string(seat.Role), cell(seat.PersonID), cell(seat.PersonName),
				cell(seat.OrganisationID), cell(seat.OrganisationName), string(seat.Sector)})
		}
	}
	_ = cw.Flush()
}

// writeCSVRecord writes one RFC 4180 record with every field quoted.
// encoding/csv quotes a field only when it holds a comma, and a
// spreadsheet set to Finnish reads ';' as the separator: a name such as
// `x;=1+1;` would split into cells there, one of them a formula. Quoted,
// it stays one cell whatever the separator.
func writeCSVRecord(w *bufio.Writer, fields []string) {
	for i, f := range fields {
		if i > 0 {
			_ = w.WriteByte(',')
		}
		_ = w.WriteByte('"')
		_, _ = w.WriteString(strings.ReplaceAll(f, `"`, `""`))
		_ = w.WriteByte('"')
	}
	_, _ = w.WriteString("\r\n")
}

// cell defuses spreadsheet formulas: a cell starting with = + - @ (or a
// tab or carriage return) is prefixed with an apostrophe.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func safeFileName(id string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '_'
	}, id)
}

// seatingPage prints one block per table; html/template escapes all text.
var seatingPage = template.Must(template.New("seating").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Seating: {{.Workshop.Title}}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem; color: #111; }
  header p { margin: .2rem 0; }
  .tables { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem; }
  section.table { border: 1px solid #444; border-radius: 6px; padding: .6rem 1rem; }
  section.table h2 { margin: 0 0 .3rem; font-size: 1.2rem; }
  .sectors, .pairing { font-size: .85rem; color: #444; margin: .2rem 0; }
  ul { list-style: none; padding: 0; margin: .4rem 0 0; }
  li { padding: .15rem 0; border-top: 1px dotted #bbb; }
  li.translator { font-weight: bold; }
  .role { font-size: .75rem; text-transform: lowercase; color: #555; }
  @media print {
    body { margin: 0; }
    .tables { display: block; }
    section.table { break-inside: avoid; page-break-inside: avoid; margin-bottom: 1rem; }
  }
</style>
</head>
<body>
<header>
  <h1>{{.Workshop.Title}}</h1>
  <p>{{.Workshop.Date}}{{with .Workshop.Place}} · {{.}}{{end}}{{with .Workshop.Facilitator}} · facilitator {{.}}{{end}}</p>
  <p>Topic: {{.Topic}}</p>
</header>
<main class="tables">
{{range .Tables}}<section class="table">
  <h2>Table {{.Number}}</h2>
  <p class="sectors">Sectors: {{range $i, $s := .Sectors}}{{if $i}}, {{end}}{{$s}}{{end}}</p>
  {{with .Pairing}}<p class="pairing">Unusual pairing: {{range $i, $n := .}}{{if $i}} × {{end}}{{$n}}{{end}}</p>{{end}}
  <ul>
  {{range .Seats}}<li{{if eq .Role "TRANSLATOR"}} class="translator"{{end}}>{{.PersonName}}{{with .OrganisationName}} — {{.}}{{end}} <span class="role">{{if eq .Role "TRANSLATOR"}}translator{{else}}{{.Sector}}{{end}}</span></li>
  {{end}}</ul>
</section>
{{end}}</main>
</body>
</html>
`))
