package auth

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/i18n"
)

// Middleware puts the caller's Principal into the request context:
//   - no Authorization header: an anonymous visitor (the zero Principal);
//   - "Authorization: Bearer <token>" with a valid token: its principal;
//   - any other Authorization header, or an invalid token: HTTP 401 with
//     `WWW-Authenticate: Bearer error="invalid_token"` and a GraphQL-shaped
//     body {"errors":[{"message":…,"extensions":{"code":"UNAUTHENTICATED"}}]};
//     the next handler is not called.
//
// A rejection is logged at info level with its reason only, never the token
// or its claims. A nil v rejects every token.
func Middleware(v *Verifier, log *slog.Logger) func(http.Handler) http.Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			headers := r.Header.Values("Authorization")
			if len(headers) == 0 {
				next.ServeHTTP(w, r.WithContext(WithPrincipal(r.Context(), Principal{})))
				return
			}
			p, err := authenticate(r, v, headers)
			if err != nil {
				reject(w, r, log, err)
				return
			}
			next.ServeHTTP(w, r.WithContext(WithPrincipal(r.Context(), p)))
		})
	}
}

func authenticate(r *http.Request, v *Verifier, headers []string) (Principal, error) {
	if len(headers) > 1 {
		return Principal{}, errs.Unauthenticated("more than one Authorization header")
	}
	scheme, token, _ := strings.Cut(headers[0], " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return Principal{}, errs.Unauthenticated("Authorization header must be: Bearer <token>")
	}
	token = strings.TrimLeft(token, " ")
	if token == "" || strings.ContainsAny(token, " \t") {
		return Principal{}, errs.Unauthenticated("Authorization header must be: Bearer <token>")
	}
	return v.Verify(r.Context(), token)
}

func reject(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	text := i18n.T("invalid token")
	var e *errs.Error
	if errors.As(err, &e) && errors.Is(err, errs.ErrUnauthenticated) {
		text = e.Text
	}
	log.InfoContext(r.Context(), "bearer token rejected", "reason", text.String())
	// The refusal comes before the GraphQL edge, so it reads the
	// language the request asks for itself.
	msg := text.In(i18n.FromAcceptLanguage(r.Header.Get("Accept-Language")))

	type gqlError struct {
		Message    string            `json:"message"`
		Extensions map[string]string `json:"extensions"`
	}
	body, _ := json.Marshal(struct {
		Errors []gqlError `json:"errors"`
	}{[]gqlError{{Message: msg, Extensions: map[string]string{"code": "UNAUTHENTICATED"}}}})

	h := w.Header()
	h.Set("WWW-Authenticate", `Bearer error="invalid_token"`)
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusUnauthorized)
	_, _ = w.Write(body)
}
