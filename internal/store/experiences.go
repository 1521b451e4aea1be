package store

import (
	"context"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// An experience is a node between its person and organisation:
// (:Person)-[:HAS_EXPERIENCE]->(:Experience)-[:AT]->(:Organisation).
// A node (not a relationship) so that one person may hold several stints at
// one organisation, each with its own id.

const (
	experienceMap    = "e {.*, personId: p.id, organisationId: o.id}"
	experienceReturn = experienceMap + " AS e"
)

func decodeExperience(p fields) *model.Experience {
	if p.absent() {
		return nil
	}
	e := &model.Experience{
		ID: p.str("id"), PersonID: p.str("personId"), OrganisationID: p.str("organisationId"),
		Kind: model.ExperienceKind(p.str("kind")), RoleTitle: p.str("roleTitle"), EndDate: p.date("endDate"),
	}
	if d := p.date("startDate"); d != nil {
		e.StartDate = *d
	}
	return e
}

func experienceRecord(r *neo4j.Record) *model.Experience {
	return decodeExperience(recordProps(r, "e"))
}

// ExperiencesByID loads experiences by id.
func (s *Store) ExperiencesByID(ctx context.Context, ids []string) (map[string]*model.Experience, error) {
	return readKeyed(ctx, s, `
MATCH (p:Person)-[:HAS_EXPERIENCE]->(e:Experience)-[:AT]->(o:Organisation)
WHERE e.id IN $ids
RETURN `+experienceReturn, map[string]any{"ids": ids}, func(r *neo4j.Record) (string, *model.Experience) {
		e := experienceRecord(r)
		return e.ID, e
	})
}

// ExperiencesByPerson loads the stints of each person, most recent first.
func (s *Store) ExperiencesByPerson(ctx context.Context, personIDs []string) (map[string][]*model.Experience, error) {
	return readGrouped(ctx, s, `
MATCH (p:Person)-[:HAS_EXPERIENCE]->(e:Experience)-[:AT]->(o:Organisation)
WHERE p.id IN $ids
RETURN `+experienceReturn+`
ORDER BY e.endDate IS NULL DESC, e.startDate DESC, e.id`, map[string]any{"ids": personIDs}, func(r *neo4j.Record) (string, *model.Experience) {
		e := experienceRecord(r)
		return e.PersonID, e
	})
}

// AddExperience records a stint of a person at an organisation.
func (s *Store) AddExperience(ctx context.Context, e model.Experience) (*model.Experience, error) {
	e.ID = uuid.NewString()
	return createOnce(ctx, s, "experience", "MATCH (p:Person)-[:HAS_EXPERIENCE]->(e:Experience {id: $id})-[:AT]->(o:Organisation) RETURN "+experienceReturn, experienceRecord,
		func(tx neo4j.ManagedTransaction) (*model.Experience, string, error) {
			if err := s.requireAll(ctx, tx, "Person", []string{e.PersonID}); err != nil {
				return nil, "", err
			}
			if err := s.requireAll(ctx, tx, "Organisation", []string{e.OrganisationID}); err != nil {
				return nil, "", err
			}
			rec, err := s.single(ctx, tx, `
MATCH (p:Person {id: $personId}), (o:Organisation {id: $organisationId})
CREATE (p)-[:HAS_EXPERIENCE]->(e:Experience {id: $id, kind: $kind, roleTitle: $roleTitle,
  startDate: $startDate, endDate: $endDate})-[:AT]->(o)
SET p.updatedAt = datetime()
RETURN `+experienceReturn, map[string]any{
				"id": e.ID, "personId": e.PersonID, "organisationId": e.OrganisationID, "kind": string(e.Kind),
				"roleTitle": e.RoleTitle, "startDate": dateParam(&e.StartDate), "endDate": dateParam(e.EndDate),
			})
			if err != nil {
				return nil, "", err
			}
			if err := s.refreshStintValuesOf(ctx, tx, []string{e.PersonID}); err != nil {
				return nil, "", err
			}
			return experienceRecord(rec), e.ID, nil
		})
}

// UpdateExperience applies patch to experience id. check runs inside the
// transaction on the experience as it would be after the change, so rules
// that span old and new values (end after start) see a consistent state.
func (s *Store) UpdateExperience(ctx context.Context, id string, patch model.ExperiencePatch, check func(after *model.Experience) error) (*model.Experience, error) {
	return writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.Experience, error) {
		if patch.OrganisationID != nil {
			if err := s.requireAll(ctx, tx, "Organisation", []string{*patch.OrganisationID}); err != nil {
				return nil, err
			}
		}
		set := map[string]any{}
		setIf(set, "roleTitle", patch.RoleTitle)
		if patch.Kind != nil {
			set["kind"] = string(*patch.Kind)
		}
		if patch.StartDate != nil {
			set["startDate"] = dateParam(patch.StartDate)
		}
		if patch.SetEndDate {
			set["endDate"] = dateParam(patch.EndDate) // nil removes the property
		}
		rec, err := s.single(ctx, tx, `
MATCH (p:Person)-[:HAS_EXPERIENCE]->(e:Experience {id: $id})-[at:AT]->(old:Organisation)
SET e += $set, p.updatedAt = datetime()
WITH p, e, at, old
CALL (e, at, old) {
  WITH e, at, old WHERE $organisationId IS NOT NULL AND $organisationId <> old.id
  MATCH (new:Organisation {id: $organisationId})
  DELETE at
  CREATE (e)-[:AT]->(new)
}
WITH p, e
MATCH (e)-[:AT]->(o:Organisation)
RETURN `+experienceReturn, map[string]any{"id": id, "set": set, "organisationId": derefOrNil(patch.OrganisationID)})
		if err != nil {
			return nil, err
		}
		if rec == nil {
			return nil, errs.NotFound("experience", id)
		}
		after := experienceRecord(rec)
		if err := check(after); err != nil {
			return nil, err // rolls the transaction back
		}
		if err := s.refreshStintValuesOf(ctx, tx, []string{after.PersonID}); err != nil {
			return nil, err
		}
		return after, nil
	})
}

// RemoveExperience deletes a stint and returns the id of its person.
func (s *Store) RemoveExperience(ctx context.Context, id string) (string, error) {
	return writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (string, error) {
		rec, err := s.single(ctx, tx, `
MATCH (p:Person)-[:HAS_EXPERIENCE]->(e:Experience {id: $id})
DETACH DELETE e
SET p.updatedAt = datetime()
RETURN p.id AS personId`, map[string]any{"id": id})
		if err != nil {
			return "", err
		}
		if rec == nil {
			return "", errs.NotFound("experience", id)
		}
		personID := recordValue(rec, "personId").(string)
		if err := s.refreshStintValuesOf(ctx, tx, []string{personID}); err != nil {
			return "", err
		}
		return personID, nil
	})
}

func derefOrNil[T any](v *T) any {
	if v == nil {
		return nil
	}
	return *v
}
