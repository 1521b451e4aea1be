// Package storetest connects tests to the real Neo4j that `make test`
// starts (or the one NEO4J_URI names). There is no fake: when the database
// cannot be reached the test fails, with a hint on how to start it.
package storetest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/store"
)

var (
	once    sync.Once
	shared  *store.Store
	openErr error
)

// Open returns the process-wide store, migrated, or fails the test.
// Tests share one database, so each must create its own data with unique
// ids (see ID) and filter by them, never assume an empty database.
func Open(t testing.TB) *store.Store {
	t.Helper()
	once.Do(func() {
		cfg, err := config.FromEnv()
		if err != nil {
			openErr = err
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		if os.Getenv("TULKKI_TEST_LOG") != "" {
			log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
		}
		st, err := store.Open(ctx, cfg.Neo4j, log)
		if err != nil {
			openErr = fmt.Errorf("%w\n\nThese tests need a running Neo4j: run them with `make test`, "+
				"or start one with `make neo4j-test-start` and export the variables of `scripts/neo4j.sh env test`, "+
				"or set NEO4J_URI/NEO4J_USERNAME/NEO4J_PASSWORD to a server of your own", err)
			return
		}
		if _, err := st.Migrate(ctx); err != nil {
			openErr = fmt.Errorf("migrate test database: %w", err)
			return
		}
		shared = st
	})
	if openErr != nil {
		t.Fatalf("neo4j unavailable: %v", openErr)
	}
	return shared
}

// ID returns a unique id with a readable prefix, so data made by one test
// never collides with another's or with the demo data.
func ID(prefix string) string {
	return prefix + "-" + strings.ReplaceAll(uuid.NewString(), "-", "")[:16]
}

// DeleteSource deletes every record an import of source wrote (nodes and
// the partners and contributors it added).
func DeleteSource(ctx context.Context, st *store.Store, source string) error {
	return st.DeleteImportSource(ctx, source)
}
