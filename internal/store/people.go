package store

import (
	"context"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

const personReturn = "n {.*} AS n"

func decodePerson(p fields) *model.Person {
	if p.absent() {
		return nil
	}
	return &model.Person{
		ID: p.str("id"), Name: p.str("name"), Headline: p.str("headline"), Languages: p.strings("languages"),
		Region: p.str("region"), Email: p.str("email"), Phone: p.str("phone"),
		Visibility: model.Visibility(p.str("visibility")), OpenToBridging: p.boolean("openToBridging"),
		Contactable: p.boolean("contactable"), CreatedAt: p.time("createdAt"), UpdatedAt: p.time("updatedAt"),
	}
}

func personRecord(r *neo4j.Record) *model.Person { return decodePerson(recordProps(r, "n")) }

// PeopleByID loads people by id, in no particular order; unknown ids are
// simply absent from the result.
func (s *Store) PeopleByID(ctx context.Context, ids []string) (map[string]*model.Person, error) {
	return readKeyed(ctx, s, "MATCH (n:Person) WHERE n.id IN $ids RETURN "+personReturn,
		map[string]any{"ids": ids}, func(r *neo4j.Record) (string, *model.Person) {
			p := personRecord(r)
			return p.ID, p
		})
}

// peopleList builds the list of people matching f. A list filtered by an
// organisation or a topic starts from that node, which few people touch,
// instead of reading every person.
func peopleList(f model.PersonFilter) (listQuery, map[string]any) {
	q := listQuery{source: "MATCH (n:Person)", sortKey: "name"}
	q.from(f.TopicID != "", "MATCH (:Topic {id: $topicId})<-[:EXPERT_IN]-(n:Person)")
	q.from(f.OrganisationID != "", "MATCH (:Organisation {id: $organisationId})<-[:AT]-(:Experience)<-[:HAS_EXPERIENCE]-(n:Person)\nWITH DISTINCT n")
	q.and(true, visible("n"))
	q.and(f.Region != "", "n.region = $region")
	q.and(f.Language != "", "$language IN n.languages")
	q.and(f.TopicID != "", "EXISTS { (n)-[:EXPERT_IN]->(:Topic {id: $topicId}) }")
	q.and(f.OrganisationID != "", "EXISTS { (n)-[:HAS_EXPERIENCE]->(:Experience)-[:AT]->(:Organisation {id: $organisationId}) }")
	q.and(f.Sector != "", "EXISTS { (n)-[:HAS_EXPERIENCE]->(:Experience)-[:AT]->(:Organisation)-[:IN_SECTOR]->(:Sector {code: $sector}) }")
	params := map[string]any{
		"visibilities": visibilityStrings(f.Scope.Visibilities), "selfId": f.Scope.SelfID,
		"region": f.Region, "language": f.Language, "topicId": f.TopicID,
		"organisationId": f.OrganisationID, "sector": string(f.Sector),
	}
	q.search(params, "person_text", f.Search)
	return q, params
}

// CreatePerson stores a new person and their expertise, under p.ID or,
// when that is empty, a fresh id. An id that is taken is a CONFLICT.
func (s *Store) CreatePerson(ctx context.Context, p model.Person, expertiseTopicIDs []string) (*model.Person, error) {
	if p.ID == "" {
		p.ID = uuid.NewString()
	}
	return createOnce(ctx, s, "person", "MATCH (n:Person {id: $id}) RETURN "+personReturn, personRecord,
		func(tx neo4j.ManagedTransaction) (*model.Person, string, error) {
			if err := s.requireAll(ctx, tx, "Topic", expertiseTopicIDs); err != nil {
				return nil, "", err
			}
			taken, err := s.single(ctx, tx, "MATCH (n:Person {id: $id}) RETURN n.id AS id", map[string]any{"id": p.ID})
			if err != nil {
				return nil, "", err
			}
			if taken != nil {
				return nil, "", errs.Conflict("a person with id %q exists already", p.ID)
			}
			rec, err := s.single(ctx, tx, `
CREATE (n:Person {id: $id, name: $name, headline: $headline, languages: $languages, region: $region,
  email: $email, phone: $phone, visibility: $visibility, openToBridging: $openToBridging,
  contactable: $contactable, createdAt: datetime(), updatedAt: datetime()})
WITH n
CALL (n) {
  UNWIND $topics AS topicId
  MATCH (t:Topic {id: topicId})
  MERGE (n)-[:EXPERT_IN]->(t)
}
RETURN `+personReturn, map[string]any{
				"id": p.ID, "name": p.Name, "headline": p.Headline, "languages": nonNil(p.Languages), "region": p.Region,
				"email": p.Email, "phone": p.Phone, "visibility": string(p.Visibility), "openToBridging": p.OpenToBridging,
				"contactable": p.Contactable, "topics": nonNil(expertiseTopicIDs),
			})
			if err != nil {
				return nil, "", err
			}
			return personRecord(rec), p.ID, nil
		})
}

// UpdatePerson applies patch to person id.
func (s *Store) UpdatePerson(ctx context.Context, id string, patch model.PersonPatch) (*model.Person, error) {
	return writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.Person, error) {
		if patch.ExpertiseTopicIDs != nil {
			if err := s.requireAll(ctx, tx, "Topic", *patch.ExpertiseTopicIDs); err != nil {
				return nil, err
			}
		}
		set := map[string]any{}
		setIf(set, "name", patch.Name)
		setIf(set, "headline", patch.Headline)
		setIf(set, "region", patch.Region)
		setIf(set, "email", patch.Email)
		setIf(set, "phone", patch.Phone)
		setIf(set, "openToBridging", patch.OpenToBridging)
		setIf(set, "contactable", patch.Contactable)
		if patch.Languages != nil {
			set["languages"] = nonNil(*patch.Languages)
		}
		if patch.Visibility != nil {
			set["visibility"] = string(*patch.Visibility)
		}
		var topics any // nil: leave expertise as it is
		if patch.ExpertiseTopicIDs != nil {
			topics = nonNil(*patch.ExpertiseTopicIDs)
		}
		rec, err := s.single(ctx, tx, `
MATCH (n:Person {id: $id})
SET n += $set, n.updatedAt = datetime()
WITH n
CALL (n) {
  WITH n WHERE $topics IS NOT NULL
  OPTIONAL MATCH (n)-[old:EXPERT_IN]->()
  DELETE old
  WITH DISTINCT n
  UNWIND $topics AS topicId
  MATCH (t:Topic {id: topicId})
  MERGE (n)-[:EXPERT_IN]->(t)
}
RETURN `+personReturn, map[string]any{"id": id, "set": set, "topics": topics})
		if err != nil {
			return nil, err
		}
		if rec == nil {
			return nil, errs.NotFound("person", id)
		}
		return personRecord(rec), nil
	})
}

// requireAll fails with NOT_FOUND naming the first of ids that has no node
// with that label. label is always a constant of this package.
func (s *Store) requireAll(ctx context.Context, tx neo4j.ManagedTransaction, label string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	rec, err := s.single(ctx, tx, "UNWIND $ids AS id OPTIONAL MATCH (n:"+label+" {id: id}) WITH id, n WHERE n IS NULL RETURN collect(id) AS missing",
		map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	if missing := recordList(rec, "missing"); len(missing) > 0 {
		id, _ := missing[0].(string)
		return errs.NotFound(labelNoun[label], id)
	}
	return nil
}

var labelNoun = map[string]string{
	"Person": "person", "Organisation": "organisation", "Topic": "topic",
	"Collaboration": "collaboration", "Experience": "experience",
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func setIf[T any](set map[string]any, key string, v *T) {
	if v != nil {
		set[key] = *v
	}
}

func visibilityStrings(vs []model.Visibility) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
