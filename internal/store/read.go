package store

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/model"
)

// The reads of this file answer a GraphQL root field in one statement that
// returns one record: the entities with everything the selection asks for
// (projection.go) and, for a page, the total when it is asked for. One
// record because Bolt costs about 20 µs per record here, more than building
// the list in Cypher.

// ReadPeople reads the people with these ids whom scope may see, with the
// fields of sel; the others are absent from the result.
func (s *Store) ReadPeople(ctx context.Context, ids []string, sel model.Selection, scope model.PersonScope) (map[string]*model.Person, error) {
	p := &projection{scope: scope}
	cols := p.person("n", sel)
	cypher := "MATCH (n:Person) WHERE n.id IN $ids AND " + visible("n") + " RETURN collect(" + cols.list() + ") AS items"
	return readByID(ctx, s, cypher, p.params(map[string]any{"ids": ids}), readPerson(sel, cols),
		func(x *model.Person) string { return x.ID })
}

// ReadOrganisations reads the organisations with these ids with the fields
// of sel (people nested in them filtered by scope).
func (s *Store) ReadOrganisations(ctx context.Context, ids []string, sel model.Selection, scope model.PersonScope) (map[string]*model.Organisation, error) {
	p := &projection{scope: scope}
	cols := p.organisation("n", sel)
	cypher := "MATCH (n:Organisation) WHERE n.id IN $ids RETURN collect(" + cols.list() + ") AS items"
	return readByID(ctx, s, cypher, p.params(map[string]any{"ids": ids}), readOrganisation(sel, cols),
		func(x *model.Organisation) string { return x.ID })
}

// ReadCollaborations reads the collaborations with these ids with the
// fields of sel (people nested in them filtered by scope).
func (s *Store) ReadCollaborations(ctx context.Context, ids []string, sel model.Selection, scope model.PersonScope) (map[string]*model.Collaboration, error) {
	p := &projection{scope: scope}
	cols := p.collaboration("n", sel)
	cypher := "MATCH (n:Collaboration) WHERE n.id IN $ids RETURN collect(" + cols.list() + ") AS items"
	return readByID(ctx, s, cypher, p.params(map[string]any{"ids": ids}), readCollaboration(sel, cols),
		func(x *model.Collaboration) string { return x.ID })
}

// readKeyed runs cypher in a read transaction and keys each record's value
// by id: row returns both. It is the shape of every batch read by id.
func readKeyed[T any](ctx context.Context, s *Store, cypher string, params map[string]any,
	row func(r *neo4j.Record) (id string, v T)) (map[string]T, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]T, error) {
		recs, err := s.collect(ctx, tx, cypher, params)
		if err != nil {
			return nil, err
		}
		return keyed(recs, row), nil
	})
}

// readGrouped is readKeyed for reads of many values per id (an owner's
// list), kept in the order of the records.
func readGrouped[T any](ctx context.Context, s *Store, cypher string, params map[string]any,
	row func(r *neo4j.Record) (id string, v T)) (map[string][]T, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string][]T, error) {
		recs, err := s.collect(ctx, tx, cypher, params)
		if err != nil {
			return nil, err
		}
		out := make(map[string][]T)
		for _, r := range recs {
			id, v := row(r)
			out[id] = append(out[id], v)
		}
		return out, nil
	})
}

// keyed maps each record's value to its id (the last one wins).
func keyed[T any](recs []*neo4j.Record, row func(r *neo4j.Record) (id string, v T)) map[string]T {
	out := make(map[string]T, len(recs))
	for _, r := range recs {
		id, v := row(r)
		out[id] = v
	}
	return out
}

func readByID[T any](ctx context.Context, s *Store, cypher string, params map[string]any,
	decode func(any) T, id func(T) string) (map[string]T, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]T, error) {
		rec, err := s.single(ctx, tx, cypher, params)
		if err != nil {
			return nil, err
		}
		items := decodeEach(recordValue(rec, "items"), decode)
		out := make(map[string]T, len(items))
		for _, x := range items {
			out[id(x)] = x
		}
		return out, nil
	})
}

// ReadPeoplePage reads one page of the people matching f, ordered by name
// then id, with the fields of r.
func (s *Store) ReadPeoplePage(ctx context.Context, f model.PersonFilter, first int, after *string, r model.PageRead) (*model.Page[*model.Person], error) {
	q, params := peopleList(f)
	p := &projection{scope: f.Scope}
	cols := p.person("n", r.Fields)
	return readPage(ctx, s, q, p.params(params), first, after, r.Count, cols.list(), readPerson(r.Fields, cols),
		func(x *model.Person) string { return x.ID })
}

// ReadOrganisationsPage reads one page of the organisations matching f,
// ordered by name then id, with the fields of r.
func (s *Store) ReadOrganisationsPage(ctx context.Context, f model.OrganisationFilter, first int, after *string, r model.PageRead, scope model.PersonScope) (*model.Page[*model.Organisation], error) {
	q, params := organisationList(f)
	p := &projection{scope: scope}
	cols := p.organisation("n", r.Fields)
	return readPage(ctx, s, q, p.params(params), first, after, r.Count, cols.list(), readOrganisation(r.Fields, cols),
		func(x *model.Organisation) string { return x.ID })
}

// ReadCollaborationsPage reads one page of the collaborations matching f,
// in order o (then by id), with the fields of r.
func (s *Store) ReadCollaborationsPage(ctx context.Context, f model.CollaborationFilter, o model.CollaborationOrdering, first int, after *string, r model.PageRead, scope model.PersonScope) (*model.Page[*model.Collaboration], error) {
	q, params := collaborationList(f, o)
	p := &projection{scope: scope}
	cols := p.collaboration("n", r.Fields)
	return readPage(ctx, s, q, p.params(params), first, after, r.Count, cols.list(), readCollaboration(r.Fields, cols),
		func(x *model.Collaboration) string { return x.ID })
}

// readPage reads a page of q, projecting each item with proj, in one
// statement: the count (when asked) and the page are two subqueries of it,
// so they agree.
func readPage[T any](ctx context.Context, s *Store, q listQuery, params map[string]any, first int, after *string, count bool,
	proj string, decode func(any) T, id func(T) string) (*model.Page[T], error) {
	c, err := decodeCursor(after)
	if err != nil {
		return nil, err
	}
	keysetParams(params, c)
	params["limit"] = first + 1
	cypher := q.read(c != nil, count, proj)
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.Page[T], error) {
		rec, err := s.single(ctx, tx, cypher, params)
		if err != nil {
			return nil, err
		}
		page := &model.Page[T]{HasPrev: c != nil}
		if total, ok := recordValue(rec, "total").(int64); ok {
			page.TotalCount = int(total)
		}
		rows, _ := recordValue(rec, "items").([]any)
		if len(rows) > first {
			page.HasNext = true
			rows = rows[:first]
		}
		for _, raw := range rows {
			row := asProps(raw)
			item := decode(row["item"])
			page.Items = append(page.Items, item)
			page.Cursors = append(page.Cursors, encodeCursor(row.str("key"), id(item)))
		}
		return page, nil
	})
}
