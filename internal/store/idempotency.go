package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/errs"
)

// A client that sends a create mutation and gets no answer (a dropped
// connection, UNAVAILABLE after Neo4j committed, a timeout) cannot know
// whether it was made; retrying would make a second one. With an
// idempotency key the retry gets the first one instead. The key travels in
// the context (WithIdempotencyKey, set by the GraphQL edge from the
// Idempotency-Key header, scoped to the caller and the mutation field); the
// create functions record it in the same transaction as what they create,
// so a key is recorded exactly when its creation committed.

// IdempotencyKeyTTL is how long a recorded key answers retries.
const IdempotencyKeyTTL = 24 * time.Hour

type idempotencyKeyCtx struct{}

type idempotency struct{ key, request string }

// WithIdempotencyKey makes the create mutations run under ctx happen at
// most once per scope: scope names the caller, the client's key and the
// mutation field; request is what was asked (the field's arguments), so
// that the key reused for a different request is refused rather than
// answered with the first one's result. Only SHA-256 sums are stored.
func WithIdempotencyKey(ctx context.Context, scope, request string) context.Context {
	return context.WithValue(ctx, idempotencyKeyCtx{}, idempotency{key: sum(scope), request: sum(request)})
}

func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func idempotencyOf(ctx context.Context) idempotency {
	k, _ := ctx.Value(idempotencyKeyCtx{}).(idempotency)
	return k
}

// replayed returns the id of the kind of thing an earlier request with
// ctx's key created, "" when there is no key or no earlier request. The
// same key used for another kind is a CONFLICT; an expired key is removed.
func (s *Store) replayed(ctx context.Context, tx neo4j.ManagedTransaction, kind string) (string, error) {
	k := idempotencyOf(ctx)
	if k.key == "" {
		return "", nil
	}
	rec, err := s.single(ctx, tx, `
MATCH (k:IdempotencyKey {key: $key})
WITH k, k.at < datetime() - duration({seconds: $ttl}) AS expired
CALL (k, expired) { WITH k WHERE expired DELETE k }
RETURN CASE WHEN expired THEN null ELSE k.kind END AS kind, k.request AS request, k.resultId AS id`,
		map[string]any{"key": k.key, "ttl": int64(IdempotencyKeyTTL.Seconds())})
	if err != nil || rec == nil {
		return "", err
	}
	was, _ := recordValue(rec, "kind").(string)
	request, _ := recordValue(rec, "request").(string)
	switch {
	case was == "":
		return "", nil
	case was != kind || request != k.request:
		return "", errs.Conflict("this Idempotency-Key was used for another request (creating a %s); use a new key for each create", was)
	}
	id, _ := recordValue(rec, "id").(string)
	return id, nil
}

// remember records ctx's key as having created the thing of kind with id,
// in tx, the transaction that created it.
func (s *Store) remember(ctx context.Context, tx neo4j.ManagedTransaction, kind, id string) error {
	k := idempotencyOf(ctx)
	if k.key == "" {
		return nil
	}
	_, err := s.collect(ctx, tx, "CREATE (:IdempotencyKey {key: $key, request: $request, kind: $kind, resultId: $id, at: datetime()})",
		map[string]any{"key": k.key, "request": k.request, "kind": kind, "id": id})
	return err
}

// createOnce runs create in one write transaction under ctx's idempotency
// key: a retry of a create that committed answers what the first one made,
// read with replayCypher (matching it by $id as n) and decode, instead of
// making another; a first request records its key in the same transaction
// as the id create returns. Without a key it is writeTx(create).
func createOnce[T any](ctx context.Context, s *Store, kind, replayCypher string, decode func(*neo4j.Record) T,
	create func(tx neo4j.ManagedTransaction) (created T, id string, err error)) (T, error) {
	return writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (T, error) {
		if id, err := s.replayed(ctx, tx, kind); err != nil || id != "" {
			if err != nil {
				var zero T
				return zero, err
			}
			return replay(ctx, s, tx, kind, id, replayCypher, decode)
		}
		created, id, err := create(tx)
		if err != nil {
			return created, err
		}
		return created, s.remember(ctx, tx, kind, id)
	})
}

// replay reads the thing an earlier request created, with cypher (which
// matches it by $id as n): what the retry answers. It is NOT_FOUND when the
// thing has been deleted since.
func replay[T any](ctx context.Context, s *Store, tx neo4j.ManagedTransaction, kind, id, cypher string, decode func(*neo4j.Record) T) (T, error) {
	var zero T
	rec, err := s.single(ctx, tx, cypher, map[string]any{"id": id})
	if err != nil {
		return zero, err
	}
	if rec == nil {
		return zero, errs.NotFound(kind, id)
	}
	return decode(rec), nil
}
