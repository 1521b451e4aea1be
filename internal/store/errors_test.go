package store

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// TestFailuresSayWhatHappened: a read that fails because the caller's
// deadline passed is ErrTimeout, because every pooled connection stayed
// busy is ErrOverloaded, and because Neo4j cannot be reached is
// ErrUnavailable (issue 17, point 1: the first two were all
// "unavailable" while Neo4j was up).
func TestFailuresSayWhatHappened(t *testing.T) {
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	open := func(t *testing.T, c config.Neo4j) *Store {
		t.Helper()
		st, err := New(c, quiet)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = st.Close(context.Background()) })
		return st
	}
	read := func(ctx context.Context, st *Store) error {
		_, err := st.ReadPeople(ctx, []string{"p-none"}, model.Selection{{Key: "id", Name: "id"}}, model.PersonScope{})
		return err
	}

	t.Run("deadline passed", func(t *testing.T) {
		st := open(t, cfg.Neo4j)
		if err := st.Ping(context.Background()); err != nil {
			t.Fatalf("neo4j unavailable: %v", err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
		defer cancel()
		<-ctx.Done()
		if err := read(ctx, st); !errors.Is(err, errs.ErrTimeout) {
			t.Fatalf("got %v, want ErrTimeout", err)
		}
	})

	t.Run("every connection busy", func(t *testing.T) {
		c := cfg.Neo4j
		c.MaxConnections, c.Timeout = 1, 300*time.Millisecond
		st := open(t, c)
		ctx := context.Background()
		// Hold the only connection in an open transaction.
		session := st.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: c.Database})
		defer session.Close(ctx)
		tx, err := session.BeginTransaction(ctx)
		if err != nil {
			t.Fatalf("neo4j unavailable: %v", err)
		}
		defer tx.Rollback(ctx)
		if _, err := tx.Run(ctx, "RETURN 1", nil); err != nil {
			t.Fatal(err)
		}
		err = read(ctx, st)
		if !errors.Is(err, errs.ErrOverloaded) || errors.Is(err, errs.ErrUnavailable) {
			t.Fatalf("got %v, want ErrOverloaded", err)
		}
	})

	t.Run("neo4j unreachable", func(t *testing.T) {
		st := open(t, config.Neo4j{URI: "bolt://127.0.0.1:1", Username: "neo4j", Password: "x", Timeout: 300 * time.Millisecond})
		err := read(context.Background(), st)
		if !errors.Is(err, errs.ErrUnavailable) || errors.Is(err, errs.ErrOverloaded) || errors.Is(err, errs.ErrTimeout) {
			t.Fatalf("got %v, want ErrUnavailable only", err)
		}
	})
}
