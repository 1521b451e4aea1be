package graph

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/tulkki/tulkki/internal/errs"
)

// queryTurns lets a bounded number of queries run at once; the others wait
// for a turn until their deadline. A query's answer is built in memory as
// a tree of thousands of small objects before it is written, so on a small
// server eight concurrent large answers cost more memory (and collector
// CPU) than they gain in throughput: the cores are busy with two.
// Measured on query b of bench-peer at eight clients (docs/performance.md,
// "Issue 12, turns"): with four turns and the 64 MiB memory limit the peak
// RSS fell from 106–111 to 92–93 MiB and the CPU per answer went down, not up.
//
// Only queries take turns. Mutations are few and some are long (importData
// runs for seconds), and a refused document never gets this far: the shape,
// validation and complexity checks run before the operation does, so
// hostile requests are refused without waiting.
type queryTurns struct {
	slots chan struct{}
	// waiting counts the queries waiting now; beyond maxWaiting a query is
	// refused at once (OVERLOADED) rather than queued until its deadline.
	waiting    atomic.Int64
	maxWaiting int64
	observe    func() (done func())
}

// DefaultRunningQueries is the number of queries that run at once when
// ServerOptions.MaxRunningQueries is zero: two per core the Go runtime
// uses, so that one query's wait for Neo4j does not leave a core idle.
func DefaultRunningQueries() int { return 2 * runtime.GOMAXPROCS(0) }

// waitingPerTurn bounds the queue: so many waiting queries per turn.
const waitingPerTurn = 32

// newQueryTurns returns turns for limit running queries; limit < 0 means
// no limit (nil), 0 the default.
func newQueryTurns(limit int, observer OperationObserver) *queryTurns {
	if limit < 0 {
		return nil
	}
	if limit == 0 {
		limit = DefaultRunningQueries()
	}
	t := &queryTurns{slots: make(chan struct{}, limit), maxWaiting: int64(limit * waitingPerTurn)}
	if o, ok := observer.(QueueObserver); ok {
		t.observe = o.QueryWaiting
	} else {
		t.observe = func() func() { return func() {} }
	}
	return t
}

// QueueObserver is told when a query starts and stops waiting for its turn
// (metrics.Registry is one).
type QueueObserver interface {
	QueryWaiting() (done func())
}

// wait returns when the query may run, with the function that ends its
// turn; or an error of kind errs.ErrOverloaded (too many waiting) or
// errs.ErrTimeout (the request's deadline passed while it waited).
func (t *queryTurns) wait(ctx context.Context) (done func(), err error) {
	if t == nil {
		return func() {}, nil
	}
	select {
	case t.slots <- struct{}{}:
		return t.release, nil
	default:
	}
	if t.waiting.Add(1) > t.maxWaiting {
		t.waiting.Add(-1)
		return nil, fmt.Errorf("%d queries are waiting to run: %w", t.maxWaiting, errs.ErrOverloaded)
	}
	defer t.waiting.Add(-1)
	stop := t.observe()
	defer stop()
	select {
	case t.slots <- struct{}{}:
		return t.release, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting for a turn to run the query: %w: %w", errs.ErrTimeout, context.Cause(ctx))
	}
}

func (t *queryTurns) release() { <-t.slots }

// run answers a query in its turn, or with the error of waiting for one.
func (t *queryTurns) run(ctx context.Context, handle graphql.ResponseHandler, present graphql.ErrorPresenterFunc) *graphql.Response {
	done, err := t.wait(ctx)
	if err != nil {
		return &graphql.Response{Errors: gqlerror.List{present(ctx, err)}}
	}
	defer done()
	return handle(ctx)
}
