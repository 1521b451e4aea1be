package graph

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/i18n"
)

// Error codes in extensions.code, as clients (and Apollo tooling) expect.
const (
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeNotFound        = "NOT_FOUND"
	CodeConflict        = "CONFLICT"
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeForbidden       = "FORBIDDEN"
	CodeUnavailable     = "UNAVAILABLE"
	CodeOverloaded      = "OVERLOADED"
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
	{errs.ErrOverloaded, CodeOverloaded},
	{errs.ErrTimeout, CodeRequestTimeout},
}

// failureMessages are what the caller is told of a failure that is not
// theirs, worded in the request's language; the cause goes to the log.
var failureMessages = map[error]i18n.Text{
	errs.ErrUnavailable: i18n.T("the database is unavailable; try again shortly"),
	errs.ErrOverloaded:  i18n.T("the service is busy; try again shortly"),
	errs.ErrTimeout:     i18n.T("the request ran out of time"),
}

// ErrorPresenter maps domain errors to codes, once, for the whole API, and
// words their messages in the request's language (Accept-Language; the
// domain returns message keys with arguments, internal/i18n). Errors of no
// known kind are logged in full and shown to the client only
// as an internal error, so no stack or Cypher detail leaks.
func ErrorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		if gqlErr.Extensions == nil {
			gqlErr.Extensions = map[string]any{}
		}
		lang := i18n.LangOf(ctx)
		for _, m := range codeOfKind {
			if errors.Is(err, m.kind) {
				gqlErr.Extensions["code"] = m.code
				var domainErr *errs.Error
				var worded i18n.Wordable
				if errors.As(err, &domainErr) {
					gqlErr.Message = domainErr.Message
					if !domainErr.Text.IsZero() {
						gqlErr.Message = domainErr.Text.In(lang)
					}
					if field := fieldOf(domainErr, gqlErr.Path); field != "" {
						gqlErr.Extensions["field"] = field
					}
				} else if msg, ok := failureMessages[m.kind]; ok {
					gqlErr.Message = msg.In(lang)
				} else if errors.As(err, &worded) {
					gqlErr.Message = worded.In(lang) // an import's problems
				}
				var detailed errs.Detailed
				if errors.As(err, &detailed) {
					for k, v := range detailed.Details(lang) {
						gqlErr.Extensions[k] = v
					}
				}
				if _, ok := failureMessages[m.kind]; ok && firstFailure(ctx) {
					// Once per request: a list whose every item failed
					// would otherwise log the same cause thousands of times.
					if errors.Is(err, context.Canceled) {
						// The client left (a browser moving to the next
						// page): nothing failed that an operator must see.
						log.InfoContext(ctx, "client left before the answer", "code", m.code, "err", err)
					} else {
						log.WarnContext(ctx, "request failed", "code", m.code, "err", err)
					}
				}
				return gqlErr
			}
		}
		var worded i18n.Wordable
		if errors.As(err, &worded) {
			gqlErr.Message = worded.In(lang) // a textError of the limits
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
		gqlErr.Message = i18n.T("internal error").In(lang)
		gqlErr.Extensions["code"] = CodeInternal
		return gqlErr
	}
}

// wordedError is the cause of a textError: its message as a key with
// arguments (i18n.Wordable), so that ErrorPresenter or writeGQLError can
// word it in the request's language.
type wordedError struct{ i18n.Text }

func (e wordedError) Error() string { return e.String() }

// textError is a GraphQL error made outside the domain (the HTTP edge, the
// query limits) whose message is worded in the request's language; the
// message is English until then.
func textError(format string, args ...any) *gqlerror.Error {
	t := i18n.T(format, args...)
	return &gqlerror.Error{Message: t.String(), Err: wordedError{t}}
}

// failureLogged holds, per request, whether a failure not of the caller's
// making has been logged (withFailureLog).
type failureLogged struct{}

// withFailureLog marks ctx as one request's, so that ErrorPresenter logs
// the first database failure of it and not the rest.
func withFailureLog(ctx context.Context) context.Context {
	return context.WithValue(ctx, failureLogged{}, new(atomic.Bool))
}

// firstFailure reports whether this is the first failure logged for ctx's
// request (true when ctx is not a request's, so nothing is lost).
func firstFailure(ctx context.Context) bool {
	logged, ok := ctx.Value(failureLogged{}).(*atomic.Bool)
	return !ok || logged.CompareAndSwap(false, true)
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
