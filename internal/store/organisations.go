package store

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// The sector is a relationship to a shared :Sector node, returned inline.
const organisationReturn = "n {.*, sector: [(n)-[:IN_SECTOR]->(s:Sector) | s.code][0]} AS n"

func decodeOrganisation(p fields) *model.Organisation {
	if p.absent() {
		return nil
	}
	return &model.Organisation{
		ID: p.str("id"), Name: p.str("name"), Kind: model.OrganisationKind(p.str("kind")),
		Sector: model.Sector(p.str("sector")), Region: p.str("region"), Website: p.str("website"),
		Description: p.str("description"), CreatedAt: p.time("createdAt"), UpdatedAt: p.time("updatedAt"),
	}
}

func organisationRecord(r *neo4j.Record) *model.Organisation {
	return decodeOrganisation(recordProps(r, "n"))
}

// OrganisationsByID loads organisations by id.
func (s *Store) OrganisationsByID(ctx context.Context, ids []string) (map[string]*model.Organisation, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]*model.Organisation, error) {
		return s.organisationsByID(ctx, tx, ids)
	})
}

// OrganisationsByIDVersion is OrganisationsByID that also returns the
// Version of the database it read.
func (s *Store) OrganisationsByIDVersion(ctx context.Context, ids []string) (map[string]*model.Organisation, model.Version, error) {
	return readTxVersion(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]*model.Organisation, error) {
		return s.organisationsByID(ctx, tx, ids)
	})
}

func (s *Store) organisationsByID(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]*model.Organisation, error) {
	recs, err := s.collect(ctx, tx, "MATCH (n:Organisation) WHERE n.id IN $ids RETURN "+organisationReturn,
		map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	return keyed(recs, func(r *neo4j.Record) (string, *model.Organisation) { o := organisationRecord(r); return o.ID, o }), nil
}

// organisationList builds the list of organisations matching f; one
// filtered by topic starts from the topic.
func organisationList(f model.OrganisationFilter) (listQuery, map[string]any) {
	q := listQuery{source: "MATCH (n:Organisation)", sortKey: "name"}
	q.from(f.TopicID != "", "MATCH (:Topic {id: $topicId})<-[:INTERESTED_IN]-(n:Organisation)")
	q.and(f.Kind != "", "n.kind = $kind")
	q.and(f.Region != "", "n.region = $region")
	q.and(f.Sector != "", "EXISTS { (n)-[:IN_SECTOR]->(:Sector {code: $sector}) }")
	q.and(f.TopicID != "", "EXISTS { (n)-[:INTERESTED_IN]->(:Topic {id: $topicId}) }")
	params := map[string]any{
		"kind": string(f.Kind), "region": f.Region, "sector": string(f.Sector), "topicId": f.TopicID,
	}
	q.search(params, "organisation_text", f.Search)
	return q, params
}

// CreateOrganisation stores a new organisation. Names are unique
// regardless of case: a second "Turun kaupunki" is almost surely a duplicate.
func (s *Store) CreateOrganisation(ctx context.Context, o model.Organisation, topicIDs []string) (*model.Organisation, error) {
	o.ID = uuid.NewString()
	return createOnce(ctx, s, "organisation", "MATCH (n:Organisation {id: $id}) RETURN "+organisationReturn, organisationRecord,
		func(tx neo4j.ManagedTransaction) (*model.Organisation, string, error) {
			if err := s.requireAll(ctx, tx, "Topic", topicIDs); err != nil {
				return nil, "", err
			}
			if err := s.requireUniqueOrganisationName(ctx, tx, o.Name, o.ID); err != nil {
				return nil, "", err
			}
			rec, err := s.single(ctx, tx, `
MATCH (sec:Sector {code: $sector})
CREATE (n:Organisation {id: $id, name: $name, nameKey: toLower(trim($name)), kind: $kind, region: $region, website: $website,
  description: $description, createdAt: datetime(), updatedAt: datetime()})-[:IN_SECTOR]->(sec)
WITH n
CALL (n) {
  UNWIND $topics AS topicId
  MATCH (t:Topic {id: topicId})
  MERGE (n)-[:INTERESTED_IN]->(t)
}
RETURN `+organisationReturn, map[string]any{
				"id": o.ID, "name": o.Name, "kind": string(o.Kind), "sector": string(o.Sector), "region": o.Region,
				"website": o.Website, "description": o.Description, "topics": nonNil(topicIDs),
			})
			if err != nil {
				return nil, "", err
			}
			if rec == nil {
				return nil, "", errs.NotFound("sector", string(o.Sector)) // migrations not run
			}
			return organisationRecord(rec), o.ID, nil
		})
}

// UpdateOrganisation applies patch to organisation id.
func (s *Store) UpdateOrganisation(ctx context.Context, id string, patch model.OrganisationPatch) (*model.Organisation, error) {
	return writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.Organisation, error) {
		if patch.TopicIDs != nil {
			if err := s.requireAll(ctx, tx, "Topic", *patch.TopicIDs); err != nil {
				return nil, err
			}
		}
		if patch.Name != nil {
			if err := s.requireUniqueOrganisationName(ctx, tx, *patch.Name, id); err != nil {
				return nil, err
			}
		}
		set := map[string]any{}
		setIf(set, "name", patch.Name)
		setIf(set, "region", patch.Region)
		setIf(set, "website", patch.Website)
		setIf(set, "description", patch.Description)
		if patch.Kind != nil {
			set["kind"] = string(*patch.Kind)
		}
		var topics any
		if patch.TopicIDs != nil {
			topics = nonNil(*patch.TopicIDs)
		}
		var sector any
		if patch.Sector != nil {
			sector = string(*patch.Sector)
		}
		rec, err := s.single(ctx, tx, `
MATCH (n:Organisation {id: $id})
SET n += $set, n.nameKey = toLower(trim(n.name)), n.updatedAt = datetime()
WITH n
CALL (n) {
  WITH n WHERE $sector IS NOT NULL
  MATCH (n)-[old:IN_SECTOR]->()
  MATCH (sec:Sector {code: $sector})
  DELETE old
  CREATE (n)-[:IN_SECTOR]->(sec)
}
CALL (n) {
  WITH n WHERE $topics IS NOT NULL
  OPTIONAL MATCH (n)-[old:INTERESTED_IN]->()
  DELETE old
  WITH DISTINCT n
  UNWIND $topics AS topicId
  MATCH (t:Topic {id: topicId})
  MERGE (n)-[:INTERESTED_IN]->(t)
}
RETURN `+organisationReturn, map[string]any{"id": id, "set": set, "topics": topics, "sector": sector})
		if err != nil {
			return nil, err
		}
		if rec == nil {
			return nil, errs.NotFound("organisation", id)
		}
		if patch.Sector != nil {
			// The sector-pair days and stint summaries of everyone with a
			// stint here, and the partner sectors of its collaborations,
			// still count the old sector (derived.go).
			if _, err := s.collect(ctx, tx, `
MATCH (:Organisation {id: $id})<-[:AT]-(:Experience)<-[:HAS_EXPERIENCE]-(p:Person)
WITH DISTINCT p`+refreshStintValues, map[string]any{"id": id}); err != nil {
				return nil, fmt.Errorf("refresh stint values after a sector change: %w", err)
			}
			if _, err := s.collect(ctx, tx, `
MATCH (:Organisation {id: $id})-[:PARTNER_IN]->(c:Collaboration)
WITH DISTINCT c`+refreshPartnerSectors, map[string]any{"id": id}); err != nil {
				return nil, fmt.Errorf("refresh partner sectors after a sector change: %w", err)
			}
		}
		return organisationRecord(rec), nil
	})
}

func (s *Store) requireUniqueOrganisationName(ctx context.Context, tx neo4j.ManagedTransaction, name, exceptID string) error {
	rec, err := s.single(ctx, tx, `
MATCH (n:Organisation) WHERE toLower(n.name) = toLower($name) AND n.id <> $id
RETURN n.id AS id LIMIT 1`, map[string]any{"name": name, "id": exceptID})
	if err != nil {
		return err
	}
	if rec != nil {
		return errs.Conflict("an organisation named %q already exists (id %s)", name, recordValue(rec, "id"))
	}
	return nil
}
