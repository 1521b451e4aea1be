package graph

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"github.com/tulkki/tulkki/internal/errs"
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
