package graph

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/tulkki/tulkki/internal/errs"
)

// waitingCounter is a QueueObserver that counts the queries waiting now
// and the most that ever waited at once.
type waitingCounter struct {
	now, most atomic.Int64
}

func (c *waitingCounter) QueryWaiting() func() {
	n := c.now.Add(1)
	for m := c.most.Load(); n > m && !c.most.CompareAndSwap(m, n); m = c.most.Load() {
	}
	return func() { c.now.Add(-1) }
}

func (c *waitingCounter) OperationDone(string, string, time.Duration) {}

func TestQueryTurnsRunAtMostTheLimit(t *testing.T) {
	tests := []struct {
		name    string
		limit   int
		queries int
		want    int // most running at once
	}{
		{"one turn", 1, 12, 1},
		{"three turns", 3, 12, 3},
		{"fewer queries than turns", 8, 3, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			observer := &waitingCounter{}
			turns := newQueryTurns(tt.limit, observer)
			var running, most atomic.Int64
			release := make(chan struct{})
			var wg sync.WaitGroup
			for range tt.queries {
				wg.Go(func() {
					done, err := turns.wait(context.Background())
					if err != nil {
						t.Errorf("wait: %v", err)
						return
					}
					defer done()
					n := running.Add(1)
					for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
					}
					<-release
					running.Add(-1)
				})
			}
			// Let every query start or queue before the first finishes.
			deadline := time.Now().Add(5 * time.Second)
			for running.Load()+observer.now.Load() < int64(tt.queries) && time.Now().Before(deadline) {
				time.Sleep(time.Millisecond)
			}
			close(release)
			wg.Wait()
			if got := most.Load(); got != int64(tt.want) {
				t.Errorf("at most %d ran at once, want %d", got, tt.want)
			}
			if waited, want := observer.most.Load(), int64(tt.queries-tt.want); waited != want {
				t.Errorf("%d waited at once, want %d", waited, want)
			}
			if observer.now.Load() != 0 {
				t.Errorf("%d still counted as waiting", observer.now.Load())
			}
		})
	}
}

func TestQueryTurnsRefusals(t *testing.T) {
	present := ErrorPresenter(slog.New(slog.NewTextHandler(io.Discard, nil)))
	answered := func(context.Context) *graphql.Response { return &graphql.Response{Data: []byte(`{}`)} }
	tests := []struct {
		name     string
		deadline time.Duration // of the waiting query; 0: none
		waiting  int           // queries already waiting
		wantKind error
		wantCode string
	}{
		{"the deadline passes while waiting", 20 * time.Millisecond, 0, errs.ErrTimeout, CodeRequestTimeout},
		{"the queue is full", 0, 2 * waitingPerTurn, errs.ErrOverloaded, CodeOverloaded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			turns := newQueryTurns(2, nil)
			for range 2 { // both turns taken
				if _, err := turns.wait(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			turns.waiting.Add(int64(tt.waiting))
			ctx := context.Background()
			if tt.deadline > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.deadline)
				defer cancel()
			}
			_, err := turns.wait(ctx)
			if !errors.Is(err, tt.wantKind) {
				t.Fatalf("wait: %v, want %v", err, tt.wantKind)
			}
			resp := turns.run(ctx, answered, present)
			if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != tt.wantCode || resp.Data != nil {
				t.Fatalf("answer %+v, want one error with code %s and no data", resp, tt.wantCode)
			}
			if got := turns.waiting.Load(); got != int64(tt.waiting) {
				t.Errorf("waiting = %d after the refusal, want %d", got, tt.waiting)
			}
		})
	}
}

func TestQueryTurnsEndWithTheAnswer(t *testing.T) {
	turns := newQueryTurns(1, nil)
	panicking := func(context.Context) *graphql.Response { panic("resolver bug") }
	func() {
		defer func() { _ = recover() }()
		turns.run(context.Background(), panicking, nil)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	for i := range 3 {
		resp := turns.run(ctx, func(context.Context) *graphql.Response { return &graphql.Response{Data: []byte(`{}`)} }, nil)
		if resp.Errors != nil {
			t.Fatalf("query %d after a panic: %v (its turn was not given back)", i, resp.Errors)
		}
	}
	if none := newQueryTurns(-1, nil); none != nil {
		t.Errorf("a negative limit gives turns %+v, want none", none)
	}
}
