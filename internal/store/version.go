package store

import (
	"context"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/tulkki/tulkki/internal/model"
)

// readTxVersion runs work in a managed read transaction (routed to
// readers) and returns the Version the transaction saw.
func readTxVersion[T any](ctx context.Context, s *Store, work func(tx neo4j.ManagedTransaction) (T, error)) (T, model.Version, error) {
	defer s.observer.TransactionStarted()()
	session := s.session(ctx, neo4j.AccessModeRead)
	defer session.Close(ctx)
	out, err := neo4j.ExecuteRead(ctx, session, work)
	if err != nil {
		var zero T
		return zero, "", s.failed(ctx, err)
	}
	marks := slices.Clone(session.LastBookmarks())
	slices.Sort(marks)
	return out, model.Version(strings.Join(marks, ",")), nil
}

// CurrentVersion is the Version of the database now.
func (s *Store) CurrentVersion(ctx context.Context) (model.Version, error) {
	_, v, err := readTxVersion(ctx, s, func(tx neo4j.ManagedTransaction) (*neo4j.Record, error) {
		return s.single(ctx, tx, "RETURN 1 AS one", nil)
	})
	return v, err
}
