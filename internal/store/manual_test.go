//go:build neo4jmanual

package store

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/tulkki/tulkki/internal/config"
)

// openManual opens the store on the database NEO4J_URI names (with the
// other NEO4J_ variables), for the measurements behind the neo4jmanual
// build tag; it is closed when the test ends. log is where the store's
// log goes (io.Discard for none).
func openManual(t *testing.T, log io.Writer) *Store {
	t.Helper()
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	st, err := Open(context.Background(), cfg.Neo4j, slog.New(slog.NewTextHandler(log, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	return st
}
