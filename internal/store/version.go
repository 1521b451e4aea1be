package store

import (
	"context"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Version names the state of the database that a read transaction saw:
// its bookmark. Neo4j gives a read transaction the bookmark of the last
// transaction committed before it, so two reads with the same non-empty
// Version saw the same committed data, and a commit in between (from any
// client) makes them differ. Empty means unknown.
type Version string

// readTxVersion runs work in a managed read transaction (routed to
// readers) and returns the Version the transaction saw.
func readTxVersion[T any](ctx context.Context, s *Store, work func(tx neo4j.ManagedTransaction) (T, error)) (T, Version, error) {
	session := s.session(ctx, neo4j.AccessModeRead)
	defer session.Close(ctx)
	out, err := neo4j.ExecuteRead(ctx, session, work)
	if err != nil {
		var zero T
		return zero, "", mapError(err)
	}
	marks := slices.Clone(session.LastBookmarks())
	slices.Sort(marks)
	return out, Version(strings.Join(marks, ",")), nil
}

// CurrentVersion is the Version of the database now.
func (s *Store) CurrentVersion(ctx context.Context) (Version, error) {
	_, v, err := readTxVersion(ctx, s, func(tx neo4j.ManagedTransaction) (*neo4j.Record, error) {
		return s.single(ctx, tx, "RETURN 1 AS one", nil)
	})
	return v, err
}
