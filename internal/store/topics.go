package store

import (
	"context"
	"strings"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

func decodeTopic(p fields) *model.Topic {
	if p.absent() {
		return nil
	}
	return &model.Topic{ID: p.str("id"), Name: p.str("name"), NameFi: p.str("nameFi"), NameSv: p.str("nameSv"), Description: p.str("description")}
}

// Topics lists every topic by name.
func (s *Store) Topics(ctx context.Context) ([]*model.Topic, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]*model.Topic, error) {
		recs, err := s.collect(ctx, tx, "MATCH (t:Topic) RETURN t {.*} AS t ORDER BY t.name, t.id", nil)
		if err != nil {
			return nil, err
		}
		out := make([]*model.Topic, 0, len(recs))
		for _, r := range recs {
			out = append(out, decodeTopic(recordProps(r, "t")))
		}
		return out, nil
	})
}

// TopicsPage reads one page of the topics, by name (then id), those with
// search in any of their names (case-insensitive) when it is not empty.
func (s *Store) TopicsPage(ctx context.Context, search string, first int, after *string, count bool) (*model.Page[*model.Topic], error) {
	q := listQuery{source: "MATCH (n:Topic)", sortKey: "name"}
	q.and(search != "", "any(k IN ['name', 'nameFi', 'nameSv', 'nameEn'] WHERE toLower(n[k]) CONTAINS $search)")
	params := map[string]any{"search": strings.ToLower(search)}
	return readPage(ctx, s, q, params, first, after, count, "n {.*}",
		func(v any) *model.Topic { return decodeTopic(asProps(v)) }, func(t *model.Topic) string { return t.ID })
}

// TopicsByID loads topics by id.
func (s *Store) TopicsByID(ctx context.Context, ids []string) (map[string]*model.Topic, error) {
	return readKeyed(ctx, s, "MATCH (t:Topic) WHERE t.id IN $ids RETURN t {.*} AS t", map[string]any{"ids": ids}, func(r *neo4j.Record) (string, *model.Topic) {
		t := decodeTopic(recordProps(r, "t"))
		return t.ID, t
	})
}

// topicRel names the relationship from each kind of owner to its topics.
// Only these constants are ever put into Cypher text.
var topicRel = map[string]string{
	"Person":        "EXPERT_IN",
	"Organisation":  "INTERESTED_IN",
	"Collaboration": "ABOUT",
}

// TopicsOf loads, for nodes with the given label, each node's topics by name.
func (s *Store) TopicsOf(ctx context.Context, label string, ids []string) (map[string][]*model.Topic, error) {
	rel, ok := topicRel[label]
	if !ok {
		panic("store: no topics for label " + label)
	}
	return readGrouped(ctx, s, "MATCH (n:"+label+")-[:"+rel+"]->(t:Topic) WHERE n.id IN $ids "+
		"RETURN n.id AS owner, t {.*} AS t ORDER BY t.name, t.id", map[string]any{"ids": ids}, func(r *neo4j.Record) (string, *model.Topic) {
		owner := recordValue(r, "owner").(string)
		return owner, decodeTopic(recordProps(r, "t"))
	})
}

// CreateTopic stores a new topic; names are unique regardless of case.
func (s *Store) CreateTopic(ctx context.Context, t model.Topic) (*model.Topic, error) {
	t.ID = uuid.NewString()
	return createOnce(ctx, s, "topic", "MATCH (t:Topic {id: $id}) RETURN t {.*} AS t", func(r *neo4j.Record) *model.Topic { return decodeTopic(recordProps(r, "t")) },
		func(tx neo4j.ManagedTransaction) (*model.Topic, string, error) {
			dup, err := s.single(ctx, tx, "MATCH (t:Topic) WHERE toLower(t.name) = toLower($name) RETURN t.id AS id LIMIT 1",
				map[string]any{"name": t.Name})
			if err != nil {
				return nil, "", err
			}
			if dup != nil {
				return nil, "", errs.Conflict("a topic named %q already exists (id %s)", t.Name, recordValue(dup, "id"))
			}
			rec, err := s.single(ctx, tx, "CREATE (t:Topic {id: $id, name: $name, nameKey: toLower(trim($name)), nameFi: $nameFi, nameSv: $nameSv, description: $description}) RETURN t {.*} AS t",
				map[string]any{"id": t.ID, "name": t.Name, "nameFi": t.NameFi, "nameSv": t.NameSv, "description": t.Description})
			if err != nil {
				return nil, "", err
			}
			return decodeTopic(recordProps(rec, "t")), t.ID, nil
		})
}

// Sectors lists the four sectors with their names.
func (s *Store) Sectors(ctx context.Context) ([]*model.SectorInfo, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]*model.SectorInfo, error) {
		recs, err := s.collect(ctx, tx, "MATCH (s:Sector) RETURN s {.*} AS s", nil)
		if err != nil {
			return nil, err
		}
		byCode := map[model.Sector]*model.SectorInfo{}
		for _, r := range recs {
			p := recordProps(r, "s")
			byCode[model.Sector(p.str("code"))] = &model.SectorInfo{
				Code: model.Sector(p.str("code")), NameFi: p.str("nameFi"), NameSv: p.str("nameSv"), NameEn: p.str("nameEn"),
			}
		}
		out := make([]*model.SectorInfo, 0, len(byCode))
		for _, code := range model.AllSectors {
			if info, ok := byCode[code]; ok {
				out = append(out, info)
			}
		}
		return out, nil
	})
}
