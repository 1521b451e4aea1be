package graph

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
)

// marshalList marshals a list of objects. gqlgen's generated code calls
// graphql.MarshalSliceConcurrently, which starts a goroutine per element;
// tools/gqlgen rewrites those calls to this function (same signature).
//
// No field of a list element blocks on a read of its own here: nested data
// comes with the root field's projected statement, or from a batch resolver
// that answers every sibling at once (gqlgen runs it once, for the first
// element that asks). So a goroutine per element buys nothing and costs:
// on a page of 20 organisations with 3,700 people it was a third of the
// request's CPU (docs/performance.md, "Lists without a goroutine each").
// What does pay is using the machine's cores for one large response: the
// outermost list of a response is shared among GOMAXPROCS workers, and the
// lists inside it are marshalled in order by the worker that holds their
// element.
//
// A panic in one element is contained as gqlgen does it: the element
// becomes null and the error is added to the response (unless gqlgen was
// configured to omit its panic handler).
func marshalList(ctx context.Context, length int, _ int64, omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler,
) graphql.Array {
	ret := make(graphql.Array, length)
	one := func(ctx context.Context, i int) {
		childCtx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
		if omitPanicHandler {
			ret[i] = marshalElement(childCtx, i)
			return
		}
		ret[i] = marshalRecovering(childCtx, i, marshalElement)
	}

	workers := min(runtime.GOMAXPROCS(0), length)
	if workers < 2 || ctx.Value(insideSharedList{}) != nil {
		for i := range length {
			one(ctx, i)
		}
		return ret
	}
	ctx = context.WithValue(ctx, insideSharedList{}, true)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < length; i = int(next.Add(1) - 1) {
				one(ctx, i)
			}
		})
	}
	wg.Wait()
	return ret
}

// insideSharedList marks a context as below a list whose elements are
// shared among workers: lists there are marshalled in order.
type insideSharedList struct{}

func marshalRecovering(ctx context.Context, i int, marshalElement func(ctx context.Context, i int) graphql.Marshaler) (m graphql.Marshaler) {
	defer func() {
		if r := recover(); r != nil {
			graphql.AddError(ctx, graphql.Recover(ctx, r))
			m = graphql.Null
		}
	}()
	return marshalElement(ctx, i)
}

// newDeferredGroup stands in for graphql.NewDeferredGroup in the generated
// executor (tools/gqlgen rewrites the calls). gqlgen's computes the
// object's path, a field set and a map for every object it marshals, for
// fields under @defer; the shape check refuses @defer and @stream
// (incrementalDirective), so no field is ever deferred and the group is
// never filled. On a page of 11,000 objects the paths alone were a sixth of
// the request's CPU.
func newDeferredGroup(ctx context.Context) graphql.DeferredGroup {
	return graphql.DeferredGroup{Context: ctx}
}
