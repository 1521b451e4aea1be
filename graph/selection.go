package graph

import (
	"context"
	"reflect"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/tulkki/tulkki/internal/model"
)

// Reads shaped by the query: a root field hands the domain what its query
// selected (model.Selection), the store reads exactly that in one statement,
// and the nested resolvers below find their values in the parent's
// model.Nested instead of reading again. A nested field that was not read
// with its parent (it came from a mutation, or a translator search, or the
// store cannot compute it) is read by its batch resolver (batch.go).

// selected is the selection of the field being resolved, for objects of
// typeName.
func selected(ctx context.Context, typeName string) model.Selection {
	return selectionOf(graphql.GetOperationContext(ctx), graphql.GetFieldContext(ctx).Field.Selections, typeName)
}

// pageSelected is the selection of a connection field being resolved: the
// fields asked of its nodes (under nodes and edges.node), and whether
// totalCount is asked.
func pageSelected(ctx context.Context, typeName string) model.PageRead {
	op := graphql.GetOperationContext(ctx)
	var read model.PageRead
	for _, f := range graphql.CollectFields(op, graphql.GetFieldContext(ctx).Field.Selections, nil) {
		switch f.Name {
		case "totalCount":
			read.Count = true
		case "nodes":
			read.Fields = merge(read.Fields, selectionOf(op, f.Selections, typeName))
		case "edges":
			for _, e := range graphql.CollectFields(op, f.Selections, nil) {
				if e.Name == "node" {
					read.Fields = merge(read.Fields, selectionOf(op, e.Selections, typeName))
				}
			}
		}
	}
	return read
}

// selectionOf converts a GraphQL selection set on typeName, fragments
// followed, into a model.Selection.
func selectionOf(op *graphql.OperationContext, set ast.SelectionSet, typeName string) model.Selection {
	if len(set) == 0 {
		return nil
	}
	var out model.Selection
	for _, f := range graphql.CollectFields(op, set, []string{typeName}) {
		out = append(out, selectedField(op, f))
	}
	return out
}

// selectedField converts one collected field, with what is selected inside
// it.
func selectedField(op *graphql.OperationContext, f graphql.CollectedField) model.SelectedField {
	field := model.SelectedField{Key: responseKey(f.Field), Name: f.Name}
	if f.Definition != nil {
		if len(f.Definition.Arguments) > 0 {
			field.Args = f.ArgumentMap(op.Variables)
		}
		field.Sub = selectionOf(op, f.Selections, f.Definition.Type.Name())
	}
	return field
}

// merge adds b's fields to a. Fields under the same response key with the
// same name and arguments merge their selections; two different fields
// under one key (possible only across nodes and edges.node) are both left
// out, so that their resolvers read them the usual way.
func merge(a, b model.Selection) model.Selection {
	out := append(model.Selection(nil), a...)
	var conflicts []string
	for _, f := range b {
		i := indexOfKey(out, f.Key)
		switch {
		case i < 0:
			out = append(out, f)
		case out[i].Name == f.Name && reflect.DeepEqual(out[i].Args, f.Args):
			out[i].Sub = merge(out[i].Sub, f.Sub)
		default:
			conflicts = append(conflicts, f.Key)
		}
	}
	for _, key := range conflicts {
		if i := indexOfKey(out, key); i >= 0 {
			out = append(out[:i], out[i+1:]...)
		}
	}
	return out
}

func indexOfKey(s model.Selection, key string) int {
	for i, f := range s {
		if f.Key == key {
			return i
		}
	}
	return -1
}

func responseKey(f *ast.Field) string {
	if f.Alias != "" {
		return f.Alias
	}
	return f.Name
}
