// Package errs holds the domain's error kinds. The domain and the store wrap
// one of the sentinels below; the GraphQL edge maps each to an
// extensions.code once (graph/errors.go), so no other layer knows about codes.
package errs

import (
	"errors"
	"fmt"

	"github.com/tulkki/tulkki/internal/i18n"
)

// The kinds of failure the API distinguishes.
var (
	ErrInvalidInput    = errors.New("invalid input")
	ErrNotFound        = errors.New("not found")
	ErrConflict        = errors.New("conflict")
	ErrUnauthenticated = errors.New("unauthenticated")
	ErrForbidden       = errors.New("forbidden")
	ErrUnavailable     = errors.New("unavailable")
	// ErrTimeout: the request's deadline passed (or the client left) while
	// it waited for or ran a statement; the database itself may be fine.
	ErrTimeout = errors.New("timeout")
	// ErrOverloaded: the service is up but too busy to take the request now:
	// no connection to the database became free in time, or too many
	// queries are waiting for their turn to run.
	ErrOverloaded = errors.New("overloaded")
)

// Error is a domain error with a message meant for the API's users and,
// for invalid input, the input field at fault. Text is the message as a
// key with arguments, which the GraphQL edge words in the reader's
// language (internal/i18n); Message is the same in English.
type Error struct {
	Kind    error
	Field   string
	Message string
	Text    i18n.Text
}

func newError(kind error, field, format string, args []any) *Error {
	t := i18n.T(format, args...)
	return &Error{Kind: kind, Field: field, Message: t.String(), Text: t}
}

func (e *Error) Error() string { return e.Message }

// Unwrap lets errors.Is match the kind.
func (e *Error) Unwrap() error { return e.Kind }

// Newf reports a failure of kind with a message for the API's users.
func Newf(kind error, format string, args ...any) error {
	return newError(kind, "", format, args)
}

// Invalid reports bad input in field.
func Invalid(field, format string, args ...any) error {
	return newError(ErrInvalidInput, field, format, args)
}

// NotFound reports that a thing of some kind with this id does not exist.
func NotFound(kind, id string) error {
	return newError(ErrNotFound, "", "%s %q not found", []any{i18n.T(kind), id})
}

// Conflict reports that the request clashes with the data as it is.
func Conflict(format string, args ...any) error {
	return newError(ErrConflict, "", format, args)
}

// Forbidden reports that the caller may not do this.
func Forbidden(format string, args ...any) error {
	return newError(ErrForbidden, "", format, args)
}

// Unauthenticated reports missing or bad credentials.
func Unauthenticated(format string, args ...any) error {
	return newError(ErrUnauthenticated, "", format, args)
}

// TextOf is err's message to be worded in the reader's language: a domain
// error's Text, or err's own text (not translated) for any other error.
func TextOf(err error) i18n.Text {
	var e *Error
	if errors.As(err, &e) && !e.Text.IsZero() {
		return e.Text
	}
	return i18n.Plain(err.Error())
}

// Lookup picks id out of the result of a batch load (a map by id and the
// load's error): the value, the load error wrapped with what was loaded,
// or NOT_FOUND when the map lacks id.
func Lookup[T any](kind, id string, m map[string]T, err error) (T, error) {
	var zero T
	if err != nil {
		return zero, fmt.Errorf("load %s %s: %w", kind, id, err)
	}
	v, ok := m[id]
	if !ok {
		return zero, NotFound(kind, id)
	}
	return v, nil
}

// Detailed is an error that tells the API's users more than its message:
// Details, worded in the reader's language, are added to the GraphQL
// error's extensions (an import's problems, for instance).
type Detailed interface {
	Details(l i18n.Lang) map[string]any
}
