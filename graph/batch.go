package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// The nested entity fields are gqlgen batch resolvers (gqlgen.yml): gqlgen
// calls them once with every sibling parent of a list. A value that was read
// together with its parent (model.Nested, see selection.go) is used as it
// is; the parents that came without it (from a mutation, a translator search,
// a workshop) are read in one statement for all of them, with everything the
// query selects below the field, so the levels beneath need no more reads.
// Nothing waits for a batch to fill: the batch is the list.

// readFunc reads entities by id with the fields of a selection; ids that do
// not exist, or people the caller may not see, are absent.
type readFunc[T any] func(ctx context.Context, ids []string, sel model.Selection) (map[string]*T, error)

// currentField is the field being resolved, with what its query selects
// inside it.
func currentField(ctx context.Context) model.SelectedField {
	return selectedField(graphql.GetOperationContext(ctx), graphql.GetFieldContext(ctx).Field)
}

// ownList answers a list field of entities that can be read again by id
// (Person.experiences): from each parent's Nested, else by reading the
// parents without it again, with just this field.
func ownList[P interface{ *T }, T any, E any](ctx context.Context, parents []P, nested func(P) model.Nested,
	id func(P) string, read readFunc[T]) ([][]E, error) {
	key := responseKey(graphql.GetFieldContext(ctx).Field.Field)
	out := make([][]E, len(parents))
	var missing []string
	for i, p := range parents {
		if v, ok := nested(p)[key]; ok {
			out[i], _ = v.([]E)
		} else {
			missing = append(missing, id(p))
		}
	}
	if len(missing) > 0 {
		f := currentField(ctx)
		again, err := read(ctx, missing, model.Selection{f})
		if err != nil {
			return nil, err
		}
		for i, p := range parents {
			if out[i] != nil {
				continue
			}
			if e, ok := again[id(p)]; ok {
				out[i], _ = nested(P(e))[key].([]E)
			}
		}
	}
	for i := range out {
		if out[i] == nil {
			out[i] = []E{}
		}
	}
	return out, nil
}

// related answers a field that is one entity referenced by id
// (Experience.organisation): from each parent's Nested, else read for all
// parents without it in one statement. An id that is empty or not found is
// null, or NOT_FOUND when the field may not be null.
func related[P any, T any](ctx context.Context, parents []P, nested func(P) model.Nested, id func(P) string,
	read readFunc[T], kind string, required bool) ([]*T, error) {
	out, err := computed(ctx, parents, nested, id, func(ctx context.Context, ids []string) (map[string]*T, error) {
		return read(ctx, ids, currentField(ctx).Sub) // built only when something is read
	}, nothing[*T])
	if err != nil || !required {
		return out, err
	}
	var perParent graphql.BatchErrorList
	for i, v := range out {
		if v == nil {
			if perParent == nil {
				perParent = make(graphql.BatchErrorList, len(out))
			}
			perParent[i] = errs.NotFound(kind, id(parents[i]))
		}
	}
	if perParent != nil {
		return out, perParent
	}
	return out, nil
}

// relatedMany answers a field that is a list of entities referenced by ids
// (UnusualPairing.organisations), in the order of the ids, leaving out
// those not found.
func relatedMany[P any, T any](ctx context.Context, parents []P, ids func(P) []string, read readFunc[T]) ([][]*T, error) {
	f := currentField(ctx)
	var all []string
	for _, p := range parents {
		all = append(all, ids(p)...)
	}
	found := map[string]*T{}
	if len(all) > 0 {
		var err error
		if found, err = read(ctx, all, f.Sub); err != nil {
			return nil, err
		}
	}
	out := make([][]*T, len(parents))
	for i, p := range parents {
		out[i] = []*T{}
		for _, id := range ids(p) {
			if v, ok := found[id]; ok {
				out[i] = append(out[i], v)
			}
		}
	}
	return out, nil
}

// computed answers a field that the domain computes for many parents at
// once (Person.bridging): the values in the parents' Nested, and one call
// for the others; a parent without a value gets orElse (nil for a
// nullable field).
func computed[P any, V any](ctx context.Context, parents []P, nested func(P) model.Nested, id func(P) string,
	read func(context.Context, []string) (map[string]V, error), orElse func() V) ([]V, error) {
	out, _, err := lookup(ctx, parents, nested, id, responseKey(graphql.GetFieldContext(ctx).Field.Field), read, orElse)
	return out, err
}

// lookup finds the value under key of each parent: in its Nested, or else
// by one call of read for all the parents without one (fresh marks those),
// or else orElse. Empty ids are not read.
func lookup[P any, V any](ctx context.Context, parents []P, nested func(P) model.Nested, id func(P) string, key string,
	read func(context.Context, []string) (map[string]V, error), orElse func() V) (out []V, fresh []bool, err error) {
	out = make([]V, len(parents))
	fresh = make([]bool, len(parents))
	var ids []string
	for i, p := range parents {
		if v, ok := nested(p)[key]; ok {
			out[i], _ = v.(V)
			continue
		}
		fresh[i] = true
		if id(p) != "" {
			ids = append(ids, id(p))
		}
	}
	found := map[string]V{}
	if len(ids) > 0 {
		if found, err = read(ctx, ids); err != nil {
			return nil, nil, err
		}
	}
	for i, p := range parents {
		if !fresh[i] {
			continue
		}
		v, ok := found[id(p)]
		if !ok {
			v = orElse()
		}
		out[i] = v
	}
	return out, fresh, nil
}

// withNested returns people that the domain found (translator matches,
// whose profiles hold every scalar field) ready for the selection of the
// field being resolved: when it asks for nested fields, they are read again
// for all of them in one statement (with their bridging profiles computed
// in one call), so that the people's own fields need no read per person.
func (r *Resolver) withNested(ctx context.Context, people []*model.Person) ([]*model.Person, error) {
	sel := currentField(ctx).Sub
	if !asksNested(sel) || len(people) == 0 {
		return people, nil
	}
	ids := make([]string, len(people))
	for i, p := range people {
		ids[i] = p.ID
	}
	again, err := r.readPeople(ctx, ids, sel)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Person, len(people))
	for i, p := range people {
		if a, ok := again[p.ID]; ok {
			p = a
		}
		out[i] = p
	}
	return out, nil
}

// asksNested reports whether sel asks for more than a person's own
// properties.
func asksNested(sel model.Selection) bool {
	for _, f := range sel {
		if f.Sub != nil || f.Name == "sectors" || f.Name == "bridging" {
			return true
		}
	}
	return false
}

func nothing[V any]() V {
	var zero V
	return zero
}

// The readers of each kind of entity, with the caller's visibility rules.

// Each reads with a projection and completes the computed fields beneath
// (complete.go).

func (r *Resolver) readPeople(ctx context.Context, ids []string, sel model.Selection) (map[string]*model.Person, error) {
	m, err := r.Directory.ReadPeopleByID(ctx, caller(ctx), ids, sel)
	if err != nil {
		return nil, err
	}
	return m, r.completer(ctx).people(values(m), sel)
}

func (r *Resolver) readOrganisations(ctx context.Context, ids []string, sel model.Selection) (map[string]*model.Organisation, error) {
	m, err := r.Directory.ReadOrganisationsByID(ctx, caller(ctx), ids, sel)
	if err != nil {
		return nil, err
	}
	return m, r.completer(ctx).organisations(values(m), sel)
}

func (r *Resolver) readCollaborations(ctx context.Context, ids []string, sel model.Selection) (map[string]*model.Collaboration, error) {
	m, err := r.Collab.ReadCollaborationsByID(ctx, caller(ctx), ids, sel)
	if err != nil {
		return nil, err
	}
	return m, r.completer(ctx).collaborations(values(m), sel)
}

// workshopOrigins is the workshops the caller may read that the
// collaborations collabIDs came out of.
func (r *Resolver) workshopOrigins(ctx context.Context, collabIDs []string) (map[string]*model.Workshop, error) {
	return r.Planner.OriginsOf(ctx, caller(ctx), collabIDs)
}

func (r *Resolver) readTopics(ctx context.Context, ids []string, _ model.Selection) (map[string]*model.Topic, error) {
	return r.Directory.TopicsByID(ctx, ids)
}

func (r *Resolver) readCalls(ctx context.Context, ids []string, sel model.Selection) (map[string]*model.PartnershipCall, error) {
	m, err := r.Calls.CallsByID(ctx, caller(ctx), ids)
	if err != nil {
		return nil, err
	}
	return m, r.completer(ctx).calls(values(m), sel)
}

func (r *Resolver) readIntroductions(ctx context.Context, ids []string, _ model.Selection) (map[string]*model.Introduction, error) {
	return r.Intros.ByID(ctx, caller(ctx), ids)
}

func (r *Resolver) readResponses(ctx context.Context, ids []string, sel model.Selection) (map[string]*model.CallResponse, error) {
	m, err := r.Calls.ResponsesByID(ctx, caller(ctx), ids)
	if err != nil {
		return nil, err
	}
	return m, r.completer(ctx).responses(values(m), sel)
}

// Accessors for the generic helpers.

func personNested(p *model.Person) model.Nested               { return p.Nested }
func personID(p *model.Person) string                         { return p.ID }
func organisationNested(o *model.Organisation) model.Nested   { return o.Nested }
func organisationID(o *model.Organisation) string             { return o.ID }
func collaborationNested(c *model.Collaboration) model.Nested { return c.Nested }
func collaborationID(c *model.Collaboration) string           { return c.ID }
func noNested[P any](P) model.Nested                          { return nil }
