package graph

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// TestMarshalList checks what the rewrite of gqlgen's list marshalling
// (tools/gqlgen) must keep: every element in its place, each with its own
// index in the field context, a panic in one element contained as a null
// with an error, and lists inside a shared list marshalled in order by the
// worker that holds their element.
func TestMarshalList(t *testing.T) {
	tests := []struct {
		name   string
		length int
		panics map[int]bool
	}{
		{name: "empty", length: 0},
		{name: "one", length: 1},
		{name: "many", length: 257},
		{name: "a panic in one element", length: 10, panics: map[int]bool{3: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, graphql.DefaultRecover)
			var nestedShared atomic.Int32
			got := marshalList(ctx, tc.length, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
				if idx := graphql.GetFieldContext(ctx).Index; idx == nil || *idx != i {
					t.Errorf("element %d: field context index %v", i, idx)
				}
				if tc.panics[i] {
					panic(errors.New("boom"))
				}
				// A nested list: marshalled in order, on this goroutine.
				inner := marshalList(ctx, 3, 0, false, func(ctx context.Context, j int) graphql.Marshaler {
					if ctx.Value(insideSharedList{}) == nil && tc.length > 1 {
						nestedShared.Add(1)
					}
					return graphql.MarshalString(strconv.Itoa(j))
				})
				if len(inner) != 3 {
					t.Errorf("element %d: nested list of %d", i, len(inner))
				}
				return graphql.MarshalString(strconv.Itoa(i))
			})
			if len(got) != tc.length {
				t.Fatalf("got %d elements, want %d", len(got), tc.length)
			}
			for i, m := range got {
				var b strings.Builder
				m.MarshalGQL(&b)
				want := strconv.Quote(strconv.Itoa(i))
				if tc.panics[i] {
					want = "null"
				}
				if b.String() != want {
					t.Errorf("element %d = %s, want %s", i, b.String(), want)
				}
			}
			if n := nestedShared.Load(); n > 0 {
				t.Errorf("%d nested elements were not marked as inside a shared list", n)
			}
			if errs := graphql.GetErrors(ctx); len(errs) != len(tc.panics) {
				t.Errorf("got %d errors, want %d: %v", len(errs), len(tc.panics), errs)
			}
		})
	}
}
