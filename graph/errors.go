package graph

import (
	"context"
	"errors"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/tulkki/tulkki/internal/errs"
)

// Error codes in extensions.code, as clients (and Apollo tooling) expect.
const (
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeNotFound        = "NOT_FOUND"
	CodeConflict        = "CONFLICT"
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeForbidden       = "FORBIDDEN"
	CodeUnavailable     = "UNAVAILABLE"
	CodeBadRequest      = "BAD_REQUEST"
	CodeInternal        = "INTERNAL_SERVER_ERROR"
)

var codeOfKind = []struct {
	kind error
	code string
}{
	{errs.ErrInvalidInput, CodeBadUserInput},
	{errs.ErrNotFound, CodeNotFound},
	{errs.ErrConflict, CodeConflict},
	{errs.ErrUnauthenticated, CodeUnauthenticated},
	{errs.ErrForbidden, CodeForbidden},
	{errs.ErrUnavailable, CodeUnavailable},
}

// ErrorPresenter maps domain errors to codes, once, for the whole API.
// Errors of no known kind are logged in full and shown to the client only
// as an internal error, so no stack or Cypher detail leaks.
func ErrorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		if gqlErr.Extensions == nil {
			gqlErr.Extensions = map[string]any{}
		}
		for _, m := range codeOfKind {
			if errors.Is(err, m.kind) {
				gqlErr.Extensions["code"] = m.code
				var domainErr *errs.Error
				if errors.As(err, &domainErr) {
					gqlErr.Message = domainErr.Message
					if field := fieldOf(domainErr, gqlErr.Path); field != "" {
						gqlErr.Extensions["field"] = field
					}
				} else if m.kind == errs.ErrUnavailable {
					gqlErr.Message = "the database is unavailable; try again shortly"
				}
				if m.kind == errs.ErrUnavailable {
					log.WarnContext(ctx, "request failed: database unavailable", "err", err)
				}
				return gqlErr
			}
		}
		if isBadValue(gqlErr) {
			gqlErr.Extensions["code"] = CodeBadUserInput
			return gqlErr
		}
		if _, ok := gqlErr.Extensions["code"]; ok {
			return gqlErr // parse and other validation errors carry gqlgen's own codes
		}
		if gqlErr.Err == nil && len(gqlErr.Path) == 0 {
			// gqlgen's own complaints about the request itself (an APQ hash
			// that does not match its query, an unknown APQ version) come
			// without a wrapped error or a path: the client is at fault.
			gqlErr.Extensions["code"] = CodeBadRequest
			return gqlErr
		}
		log.ErrorContext(ctx, "internal error", "err", err, "path", gqlErr.Path.String())
		gqlErr.Message = "internal error"
		gqlErr.Extensions["code"] = CodeInternal
		return gqlErr
	}
}

// RecoverFunc turns a resolver panic into an internal error instead of
// crashing the process.
func RecoverFunc(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", p)
		return errors.New("internal error")
	}
}

// isBadValue tells a wrong value (an unknown enum value, a string where a
// number belongs, a variable that does not fit its type) from a wrong
// query: the client's data is at fault, not the operation, so it is
// BAD_USER_INPUT rather than GRAPHQL_VALIDATION_FAILED.
func isBadValue(e *gqlerror.Error) bool {
	if e.Rule == "ValuesOfCorrectType" || e.Rule == "ValuesOfCorrectTypeWithoutSuggestions" {
		return true
	}
	if len(e.Path) > 0 {
		if name, ok := e.Path[0].(ast.PathName); ok && name == "variable" {
			return true
		}
	}
	return false
}

// fieldOf names the input field at fault. Scalar and enum parsers do not
// know which field they parse (they leave Field empty), so the last name on
// the error's path is used: "startDate" in addExperience.input.startDate.
func fieldOf(e *errs.Error, path ast.Path) string {
	if e.Field != "" || e.Kind != errs.ErrInvalidInput {
		return e.Field
	}
	for i := len(path) - 1; i >= 0; i-- {
		if name, ok := path[i].(ast.PathName); ok {
			return string(name)
		}
	}
	return ""
}
