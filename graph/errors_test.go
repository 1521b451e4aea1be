package graph

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/i18n"
)

// TestFailuresAreToldAndLoggedOnce: database failures that are not the
// caller's doing get their own code and a message without the cause, and
// one request logs its cause once however many of its fields failed
// (issue 17, point 1: one request wrote 4,188 WARN lines).
func TestFailuresAreToldAndLoggedOnce(t *testing.T) {
	tests := []struct {
		name  string
		kind  error
		also  error // a further cause in the chain
		code  string
		level string // of the one log line
	}{
		{"unavailable", errs.ErrUnavailable, nil, CodeUnavailable, "WARN"},
		{"overloaded", errs.ErrOverloaded, nil, CodeOverloaded, "WARN"},
		{"deadline", errs.ErrTimeout, context.DeadlineExceeded, CodeRequestTimeout, "WARN"},
		// A browser moving on cancels its requests: told as a timeout to
		// nobody, and no warning for the operator.
		{"client left", errs.ErrTimeout, context.Canceled, CodeRequestTimeout, "INFO"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var logged bytes.Buffer
			present := ErrorPresenter(slog.New(slog.NewTextHandler(&logged, nil)))
			ctx := withFailureLog(graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, graphql.DefaultRecover))
			for i := range 1000 {
				cause := fmt.Errorf("%w: secret-cause-%d at bolt://10.0.0.7:7687", tc.kind, i)
				if tc.also != nil {
					cause = fmt.Errorf("%w (%w)", cause, tc.also)
				}
				e := present(ctx, cause)
				if e.Extensions["code"] != tc.code {
					t.Fatalf("code %v, want %s", e.Extensions["code"], tc.code)
				}
				if strings.Contains(e.Message, "secret-cause") || strings.Contains(e.Message, "10.0.0.7") {
					t.Fatalf("message tells the cause: %q", e.Message)
				}
			}
			lines := strings.Count(logged.String(), "\n")
			if lines != 1 || !strings.Contains(logged.String(), "secret-cause-0") || !strings.Contains(logged.String(), tc.code) ||
				!strings.Contains(logged.String(), "level="+tc.level) {
				t.Fatalf("logged %d lines, want one at %s with the first cause and the code:\n%s", lines, tc.level, logged.String())
			}
		})
	}
}

// TestErrorMessagesInTheRequestLanguage: the presenter words domain errors
// and the fixed failure messages in the request's language, English when
// the language is not one of Tulkki's three.
func TestErrorMessagesInTheRequestLanguage(t *testing.T) {
	present := ErrorPresenter(slog.New(slog.NewTextHandler(io.Discard, nil)))
	errors := []struct {
		name string
		err  error
		text i18n.Text
	}{
		{"bad input", errs.Invalid("name", "%s must not be empty", "name"), i18n.T("%s must not be empty", "name")},
		{"not found", errs.NotFound("workshop", "w-1"), i18n.T("%s %q not found", i18n.T("workshop"), "w-1")},
		{"unavailable", fmt.Errorf("%w: bolt refused", errs.ErrUnavailable), failureMessages[errs.ErrUnavailable]},
		{"timeout", fmt.Errorf("%w: deadline", errs.ErrTimeout), failureMessages[errs.ErrTimeout]},
	}
	for _, lang := range []i18n.Lang{i18n.FI, i18n.SV, i18n.EN, "de"} {
		for _, e := range errors {
			t.Run(string(lang)+" "+e.name, func(t *testing.T) {
				ctx := i18n.WithLang(graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, graphql.DefaultRecover), lang)
				got := present(ctx, e.err).Message
				want := e.text.In(lang)
				if lang == "de" {
					want = e.text.String()
				}
				if got != want {
					t.Errorf("message %q, want %q", got, want)
				}
				if (lang == i18n.FI || lang == i18n.SV) && got == e.text.String() {
					t.Errorf("message %q is still in English", got)
				}
			})
		}
	}
}
