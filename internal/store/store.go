// Package store is Tulkki's only door to Neo4j: it owns the driver, the
// Cypher, the transactions and the translation of database failures into the
// domain's error kinds. Every query is parameterised and runs in a managed
// transaction (ExecuteRead/ExecuteWrite), so a failed mutation leaves nothing
// half-written and transient faults are retried by the driver.
package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync/atomic"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	neo4jconfig "github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/errs"
)

// tracer starts a span per statement (internal/tracing; a no-op unless
// tracing is configured). Only the statement's first line is recorded,
// never its parameters, which may hold personal data.
var tracer = otel.Tracer("github.com/tulkki/tulkki/internal/store")

// Store runs Tulkki's queries against one Neo4j database. One Store (and so
// one driver) serves the whole process; it is safe for concurrent use.
type Store struct {
	driver   neo4j.DriverWithContext
	database string
	timeout  time.Duration
	log      *slog.Logger
	queries  atomic.Int64
	observer StatementObserver

	// sectorCandidates keeps recent sector-only reads with the Version
	// they were read after (SectorCandidateScores).
	sectorCandidates *lru.Cache[sectorCandidatesKey, sectorCandidatesEntry]
	// ecosystems keeps recent ecosystem aggregates with the Version they
	// were read at (ecosystem.go).
	ecosystems *lru.Cache[ecosystemKey, ecosystemEntry]
}

// Open creates the driver and checks that the database answers.
func Open(ctx context.Context, cfg config.Neo4j, log *slog.Logger) (*Store, error) {
	s, err := New(cfg, log)
	if err != nil {
		return nil, err
	}
	if err := s.Ping(ctx); err != nil {
		_ = s.Close(ctx)
		return nil, fmt.Errorf("connect to neo4j at %s: %w", cfg.URI, err)
	}
	return s, nil
}

// New creates the driver without contacting the database; connections are
// made lazily. Open is what a service wants; New lets tests and tools hold
// a store for a database that is not (yet) up.
func New(cfg config.Neo4j, log *slog.Logger) (*Store, error) {
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""),
		func(c *neo4jconfig.Config) {
			// Bounded waits everywhere: with Neo4j down a request fails
			// with UNAVAILABLE within about Timeout instead of hanging.
			c.SocketConnectTimeout = cfg.Timeout
			c.ConnectionAcquisitionTimeout = cfg.Timeout
			c.MaxTransactionRetryTime = cfg.Timeout
			if cfg.MaxConnections > 0 {
				c.MaxConnectionPoolSize = cfg.MaxConnections
			}
		})
	if err != nil {
		return nil, fmt.Errorf("create neo4j driver for %s: %w", cfg.URI, err)
	}
	cache, err := lru.New[sectorCandidatesKey, sectorCandidatesEntry](sectorCandidatesKept)
	if err != nil {
		return nil, fmt.Errorf("create sector candidate cache: %w", err)
	}
	ecosystems, err := lru.New[ecosystemKey, ecosystemEntry](ecosystemsKept)
	if err != nil {
		return nil, err
	}
	return &Store{driver: driver, database: cfg.Database, timeout: cfg.Timeout, log: log, sectorCandidates: cache,
		ecosystems: ecosystems, observer: unobserved{}}, nil
}

// StatementObserver is told of every statement and transaction the store
// runs (metrics.Registry is one).
type StatementObserver interface {
	StatementDone(took time.Duration)
	// TransactionStarted is called when a transaction asks for a
	// connection; done when it has ended.
	TransactionStarted() (done func())
	// TransactionFailed names the kind of a failed transaction: timeout,
	// overloaded, unavailable, conflict or other.
	TransactionFailed(kind string)
}

// Observe sets the observer of the store's statements; call it before the
// store serves requests.
func (s *Store) Observe(o StatementObserver) { s.observer = o }

type unobserved struct{}

func (unobserved) StatementDone(time.Duration)   {}
func (unobserved) TransactionStarted() func()    { return func() {} }
func (unobserved) TransactionFailed(kind string) {}

// failed maps a transaction's error and tells the observer its kind. The
// domain's own refusals (not found, invalid, forbidden) raised inside a
// transaction are not failures of the database and are not counted.
func (s *Store) failed(ctx context.Context, err error) error {
	err = mapError(ctx, err)
	kind := "other"
	switch {
	case errors.Is(err, errs.ErrTimeout):
		kind = "timeout"
	case errors.Is(err, errs.ErrOverloaded):
		kind = "overloaded"
	case errors.Is(err, errs.ErrUnavailable):
		kind = "unavailable"
	case errors.Is(err, errs.ErrConflict):
		kind = "conflict"
	case errors.As(err, new(*errs.Error)):
		return err
	}
	s.observer.TransactionFailed(kind)
	return err
}

// Close releases the driver's connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Ping checks that Neo4j is reachable and accepts our credentials.
func (s *Store) Ping(ctx context.Context) error {
	// Mapped with the caller's ctx: running out of this bounded wait means
	// Neo4j did not answer (UNAVAILABLE), not that the caller timed out.
	pingCtx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	if err := s.driver.VerifyConnectivity(pingCtx); err != nil {
		return mapError(ctx, err)
	}
	return nil
}

// QueryCount is the number of Cypher statements run since the Store opened.
// Tests use it to prove that nested fields are batched, not run per parent.
func (s *Store) QueryCount() int64 { return s.queries.Load() }

// session opens a session for one transaction of ctx's request, waiting
// for the request's bookmarks (bookmarks.go).
func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, bookmarksOf(ctx).config(s.database, mode))
}

// readTx runs work in a managed read transaction (routed to readers).
func readTx[T any](ctx context.Context, s *Store, work func(tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	out, _, err := readTxVersion(ctx, s, work)
	return out, err
}

// writeTx runs work in one managed write transaction: all of it or none.
func writeTx[T any](ctx context.Context, s *Store, work func(tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	defer s.observer.TransactionStarted()()
	session := s.session(ctx, neo4j.AccessModeWrite)
	defer session.Close(ctx)
	out, err := neo4j.ExecuteWrite(ctx, session, work)
	if err != nil {
		var zero T
		return zero, s.failed(ctx, err)
	}
	bookmarksOf(ctx).wrote(session.LastBookmarks())
	return out, nil
}

// collect runs one statement inside a transaction and returns all records
// (each, keeping every record).
func (s *Store) collect(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	var records []*neo4j.Record
	err := s.each(ctx, tx, cypher, params, func(r *neo4j.Record) error {
		records = append(records, r)
		return nil
	})
	return records, err
}

// each runs one statement inside a transaction and hands its records to fn
// one at a time as they arrive, so that a statement returning millions of
// rows (LoadCoMembership) need not hold them all; an error from fn stops
// it. Every statement Tulkki runs goes through here, so it is counted and
// logged (the statement's text only: parameters may hold personal data).
func (s *Store) each(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any, fn func(*neo4j.Record) error) (err error) {
	s.queries.Add(1)
	start := time.Now()
	ctx, span := tracer.Start(ctx, "cypher", trace.WithSpanKind(trace.SpanKindClient),
		trace.WithAttributes(attribute.String("db.system.name", "neo4j"), attribute.String("db.query.summary", firstLine(cypher))))
	defer func() {
		if err != nil {
			span.RecordError(err)
			span.SetStatus(codes.Error, "statement failed")
		}
		span.End()
	}()
	result, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return err
	}
	rows := 0
	for result.Next(ctx) {
		rows++
		if err := fn(result.Record()); err != nil {
			return err
		}
	}
	err = result.Err()
	span.SetAttributes(attribute.Int("db.response.returned_rows", rows))
	s.observer.StatementDone(time.Since(start))
	if s.log.Enabled(ctx, slog.LevelDebug) {
		s.log.DebugContext(ctx, "cypher", "query", firstLine(cypher), "records", rows, "took", time.Since(start))
	}
	return err
}

// single is collect for statements that return at most one record; it
// returns nil when there is none.
func (s *Store) single(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) (*neo4j.Record, error) {
	records, err := s.collect(ctx, tx, cypher, params)
	if err != nil || len(records) == 0 {
		return nil, err
	}
	return records[0], nil
}

// readIDs runs cypher in a read transaction and returns its "id" column,
// in the order of the rows.
func (s *Store) readIDs(ctx context.Context, cypher string, params map[string]any) ([]string, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]string, error) {
		recs, err := s.collect(ctx, tx, cypher, params)
		if err != nil {
			return nil, err
		}
		ids := make([]string, len(recs))
		for i, r := range recs {
			ids[i], _ = recordValue(r, "id").(string)
		}
		return ids, nil
	})
}

func firstLine(s string) string {
	for i, c := range s {
		if c == '\n' && i > 0 {
			return s[:i]
		}
	}
	return s
}

// mapError turns a driver error into one of the domain's kinds, keeping the
// driver's error as the cause (the edge logs it once per request):
//   - the request's own deadline passed, or its client left, while it waited
//     for a connection or ran: errs.ErrTimeout, whatever the driver made of
//     it (a pool wait cut short, a retry given up, a socket read stopped);
//   - Neo4j is up but no pooled connection became free within the
//     acquisition timeout: errs.ErrOverloaded;
//   - a uniqueness constraint: CONFLICT; wrong credentials, a missing
//     database, an unreachable server, transient errors: errs.ErrUnavailable.
func mapError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	var domainErr *errs.Error
	if errors.As(err, &domainErr) {
		return err
	}
	if ctx.Err() != nil {
		return fmt.Errorf("%w: %w (%w)", errs.ErrTimeout, ctx.Err(), err)
	}
	if poolExhausted(err) {
		return fmt.Errorf("%w: no neo4j connection became free in time: %w", errs.ErrOverloaded, err)
	}
	var neoErr *neo4j.Neo4jError
	if errors.As(err, &neoErr) {
		switch {
		case neoErr.Code == "Neo.ClientError.Schema.ConstraintValidationFailed":
			return errs.Newf(errs.ErrConflict, "the change clashes with existing data: a unique value (an id or a name) is taken")
		case neoErr.Code == "Neo.ClientError.Security.Unauthorized" || neoErr.Code == "Neo.ClientError.Security.AuthenticationRateLimit":
			return fmt.Errorf("%w: neo4j rejected the configured credentials: %w", errs.ErrUnavailable, err)
		case neoErr.Code == "Neo.ClientError.Database.DatabaseNotFound":
			return fmt.Errorf("%w: the configured neo4j database does not exist: %w", errs.ErrUnavailable, err)
		case neoErr.Classification() == "TransientError":
			return fmt.Errorf("%w: %w", errs.ErrUnavailable, err)
		}
		return err
	}
	if neo4j.IsConnectivityError(err) || neo4j.IsTransactionExecutionLimit(err) ||
		errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w: neo4j is not reachable: %w", errs.ErrUnavailable, err)
	}
	return err
}

// poolExhausted reports whether err is the driver's "no connection became
// free in time" (its internal PoolTimeout or PoolFull), also after
// retries. The driver wraps them in a ConnectivityError without Unwrap, and
// retries in a TransactionExecutionLimit that lists its attempts' errors,
// so the inner error's type name is all there is to tell a busy pool from
// an unreachable server; TestPoolExhaustedIsOverloaded pins it.
func poolExhausted(err error) bool {
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) {
		return slices.ContainsFunc(limit.Errors, poolExhausted)
	}
	var conn *neo4j.ConnectivityError
	if !errors.As(err, &conn) || conn.Inner == nil {
		return false
	}
	switch fmt.Sprintf("%T", conn.Inner) {
	case "*errorutil.PoolTimeout", "*errorutil.PoolFull":
		return true
	}
	return false
}
