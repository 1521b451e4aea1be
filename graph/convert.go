package graph

import (
	"github.com/99designs/gqlgen/graphql"

	"github.com/tulkki/tulkki/graph/gqlmodel"
	"github.com/tulkki/tulkki/internal/bridge"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// pageInfo builds Relay page info from a page of any kind.
func pageInfo[T any](p *model.Page[T]) *model.PageInfo {
	info := &model.PageInfo{HasNextPage: p.HasNext, HasPreviousPage: p.HasPrev}
	if n := len(p.Cursors); n > 0 {
		info.StartCursor, info.EndCursor = &p.Cursors[0], &p.Cursors[n-1]
	}
	return info
}

// edges pairs each item of a page with its cursor.
func edges[T, E any](p *model.Page[T], edge func(cursor string, node T) E) []E {
	out := make([]E, len(p.Items))
	for i, item := range p.Items {
		out[i] = edge(p.Cursors[i], item)
	}
	return out
}

// notNull reads an omittable field that cannot be cleared: absent means
// unchanged, an explicit null is refused.
func notNull[T any](field string, o graphql.Omittable[*T]) (*T, error) {
	v, set := o.ValueOK()
	if set && v == nil {
		return nil, errs.Invalid(field, "%s cannot be null; leave it out to keep it as it is", field)
	}
	return v, nil
}

// clearable reads an omittable text field: absent means unchanged, an
// explicit null clears it.
func clearable(o graphql.Omittable[*string]) *string {
	v, set := o.ValueOK()
	if set && v == nil {
		empty := ""
		return &empty
	}
	return v
}

// patchList reads an omittable list; nil means unchanged, an explicit null
// or [] means empty.
func patchList[T any](o graphql.Omittable[[]T]) *[]T {
	v, set := o.ValueOK()
	if !set {
		return nil
	}
	if v == nil {
		v = []T{}
	}
	return &v
}

func deref[T any](v *T) T {
	var zero T
	if v == nil {
		return zero
	}
	return *v
}

func orEmpty(s *string) string { return deref(s) }

// translatorQuery is a translator search as the API asks it: first
// matches (bridge.DefaultMatches when not given), narrowed by filter.
// The resolver sets what the search is between.
func translatorQuery(first *int, filter *model.TranslatorFilter) bridge.Query {
	f := deref(filter)
	return bridge.Query{Limit: orDefault(first, bridge.DefaultMatches), MinScore: f.MinScore, ExcludeInsiders: f.ExcludeInsiders,
		Language: f.Language, Region: f.Region}
}

// collaborationOrdering is the order of Query.collaborations (by title
// when not given).
func collaborationOrdering(o *gqlmodel.CollaborationOrder) model.CollaborationOrdering {
	if o == nil {
		return model.CollaborationOrdering{}
	}
	return model.CollaborationOrdering{Field: o.Field, Desc: o.Direction != nil && *o.Direction == gqlmodel.OrderDirectionDesc}
}
