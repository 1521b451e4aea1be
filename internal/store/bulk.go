package store

import (
	"context"
	"fmt"
	"sync"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/model"
)

// ImportSet is a batch of records to write with their given ids, as the
// demo seed and the synthetic generator produce them.
type ImportSet struct {
	Topics         []model.Topic
	Organisations  []ImportOrganisation
	People         []ImportPerson
	Collaborations []ImportCollaboration
}

// ImportOrganisation is an organisation with its topics.
type ImportOrganisation struct {
	Organisation model.Organisation
	TopicIDs     []string
}

// ImportPerson is a person with their expertise and stints.
type ImportPerson struct {
	Person            model.Person
	ExpertiseTopicIDs []string
	Experiences       []model.Experience
}

// ImportCollaboration is a collaboration with everything attached to it.
type ImportCollaboration struct {
	Collaboration model.Collaboration
	TopicIDs      []string
	Partners      []model.Partnership
	Contributors  []model.Contribution
	PhaseHistory  []model.PhaseChange
}

// ImportProgress is called after each batch with the kind of record and
// how many of that kind are written so far.
type ImportProgress func(kind string, done, total int)

// Import writes set in batches of batchSize rows, one transaction per batch,
// with UNWIND so a batch costs one round trip, two batches at a time. Every write is a MERGE on the
// record's id and sets the same values, so importing twice changes nothing
// (createdAt and updatedAt keep their first values). Records must refer only
// to ids in the set or already in the graph; dangling references are skipped
// by the MATCHes.
func (s *Store) Import(ctx context.Context, set ImportSet, batchSize int, progress ImportProgress) error {
	if batchSize < 1 {
		batchSize = 1000
	}
	if progress == nil {
		progress = func(string, int, int) {}
	}
	steps := []struct {
		kind   string
		cypher string
		rows   []map[string]any
	}{
		{"topics", importTopics, topicRows(set.Topics)},
		{"organisations", importOrganisations, organisationRows(set.Organisations)},
		{"people", importPeople + refreshSectorDays, personRows(set.People)},
		{"collaborations", importCollaborations + "\nWITH DISTINCT c" + refreshPartnerSectors, collaborationRows(set.Collaborations)},
	}
	for _, step := range steps {
		if err := s.importStep(ctx, step.kind, step.cypher, step.rows, batchSize, progress); err != nil {
			return err
		}
	}
	return nil
}

// importWorkers is how many batches of one kind are written at once, each
// in its own session and transaction. Neo4j runs one transaction on one
// core; two keep both of a small server's cores busy. Batches of one kind
// never write the same node (ids are unique in a set); when two lock the
// same organisation or person to attach relationships, Neo4j serialises
// them or, on a deadlock, fails one with a transient error that the
// managed transaction retries.
const importWorkers = 2

// importStep writes the rows of one kind in batches, importWorkers at a
// time. progress reports the rows written so far, in the order batches
// finish; after an error no further batch starts.
func (s *Store) importStep(ctx context.Context, kind, cypher string, rows []map[string]any, batchSize int, progress ImportProgress) error {
	type batch struct{ start, end int }
	batches := make(chan batch)
	var (
		mu       sync.Mutex
		done     int
		firstErr error
		wg       sync.WaitGroup
	)
	failed := func() bool {
		mu.Lock()
		defer mu.Unlock()
		return firstErr != nil
	}
	for range min(importWorkers, (len(rows)+batchSize-1)/batchSize) {
		wg.Go(func() {
			for b := range batches {
				_, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
					_, err := s.collect(ctx, tx, cypher, map[string]any{"rows": rows[b.start:b.end]})
					return struct{}{}, err
				})
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = fmt.Errorf("import %s %d–%d: %w", kind, b.start+1, b.end, err)
				}
				if err == nil {
					done += b.end - b.start
					progress(kind, done, len(rows))
				}
				mu.Unlock()
			}
		})
	}
	for start := 0; start < len(rows) && !failed() && ctx.Err() == nil; start += batchSize {
		batches <- batch{start, min(start+batchSize, len(rows))}
	}
	close(batches)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

const importTopics = `
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
SET t.name = row.name, t.nameKey = toLower(trim(row.name)), t.nameFi = row.nameFi, t.description = row.description`

const importOrganisations = `
UNWIND $rows AS row
MATCH (sec:Sector {code: row.sector})
MERGE (o:Organisation {id: row.id})
ON CREATE SET o.createdAt = datetime(), o.updatedAt = datetime()
SET o.name = row.name, o.nameKey = toLower(trim(row.name)), o.kind = row.kind, o.region = row.region, o.website = row.website,
    o.description = row.description
MERGE (o)-[:IN_SECTOR]->(sec)
WITH o, row
CALL (o, row) {
  UNWIND row.topics AS topicId
  MATCH (t:Topic {id: topicId})
  MERGE (o)-[:INTERESTED_IN]->(t)
}`

const importPeople = `
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
ON CREATE SET p.createdAt = datetime(), p.updatedAt = datetime()
SET p.name = row.name, p.headline = row.headline, p.languages = row.languages, p.region = row.region,
    p.email = row.email, p.phone = row.phone, p.visibility = row.visibility,
    p.openToBridging = row.openToBridging, p.contactable = row.contactable
WITH p, row
CALL (p, row) {
  UNWIND row.topics AS topicId
  MATCH (t:Topic {id: topicId})
  MERGE (p)-[:EXPERT_IN]->(t)
}
CALL (p, row) {
  UNWIND row.experiences AS x
  MATCH (o:Organisation {id: x.organisationId})
  MERGE (e:Experience {id: x.id})
  SET e.kind = x.kind, e.roleTitle = x.roleTitle, e.startDate = x.startDate, e.endDate = x.endDate
  MERGE (p)-[:HAS_EXPERIENCE]->(e)
  MERGE (e)-[:AT]->(o)
}`

const importCollaborations = `
UNWIND $rows AS row
MERGE (c:Collaboration {id: row.id})
ON CREATE SET c.createdAt = datetime(), c.updatedAt = datetime()
SET c.title = row.title, c.description = row.description, c.form = row.form, c.phase = row.phase,
    c.startDate = row.startDate, c.endDate = row.endDate, c.evaluationRating = row.evaluationRating,
    c.evaluationNotes = row.evaluationNotes, c.evaluatedAt = row.evaluatedAt
WITH c, row
CALL (c, row) {
  UNWIND row.topics AS topicId
  MATCH (t:Topic {id: topicId})
  MERGE (c)-[:ABOUT]->(t)
}
CALL (c, row) {
  UNWIND row.partners AS x
  MATCH (o:Organisation {id: x.organisationId})
  MERGE (o)-[r:PARTNER_IN]->(c)
  SET r.role = x.role
}
CALL (c, row) {
  UNWIND row.contributors AS x
  MATCH (p:Person {id: x.personId})
  MERGE (p)-[r:CONTRIBUTED_TO]->(c)
  SET r.role = x.role
}
CALL (c, row) {
  UNWIND row.history AS h
  MERGE (c)-[:HAD_PHASE]->(pc:PhaseChange {seq: h.seq})
  SET pc.phase = h.phase, pc.at = h.at, pc.note = h.note, pc.movedBy = h.movedBy
}`

func topicRows(ts []model.Topic) []map[string]any {
	rows := make([]map[string]any, len(ts))
	for i, t := range ts {
		rows[i] = map[string]any{"id": t.ID, "name": t.Name, "nameFi": t.NameFi, "description": t.Description}
	}
	return rows
}

func organisationRows(os []ImportOrganisation) []map[string]any {
	rows := make([]map[string]any, len(os))
	for i, x := range os {
		o := x.Organisation
		rows[i] = map[string]any{
			"id": o.ID, "name": o.Name, "kind": string(o.Kind), "sector": string(o.Sector), "region": o.Region,
			"website": o.Website, "description": o.Description, "topics": nonNil(x.TopicIDs),
		}
	}
	return rows
}

func personRows(ps []ImportPerson) []map[string]any {
	rows := make([]map[string]any, len(ps))
	for i, x := range ps {
		p := x.Person
		exps := make([]map[string]any, len(x.Experiences))
		for j, e := range x.Experiences {
			exps[j] = map[string]any{
				"id": e.ID, "organisationId": e.OrganisationID, "kind": string(e.Kind), "roleTitle": e.RoleTitle,
				"startDate": dateParam(&e.StartDate), "endDate": dateParam(e.EndDate),
			}
		}
		rows[i] = map[string]any{
			"id": p.ID, "name": p.Name, "headline": p.Headline, "languages": nonNil(p.Languages), "region": p.Region,
			"email": p.Email, "phone": p.Phone, "visibility": string(p.Visibility), "openToBridging": p.OpenToBridging,
			"contactable": p.Contactable, "topics": nonNil(x.ExpertiseTopicIDs), "experiences": exps,
		}
	}
	return rows
}

func collaborationRows(cs []ImportCollaboration) []map[string]any {
	rows := make([]map[string]any, len(cs))
	for i, x := range cs {
		c := x.Collaboration
		partners := make([]map[string]any, len(x.Partners))
		for j, p := range x.Partners {
			partners[j] = map[string]any{"organisationId": p.OrganisationID, "role": string(p.Role)}
		}
		contributors := make([]map[string]any, len(x.Contributors))
		for j, p := range x.Contributors {
			contributors[j] = map[string]any{"personId": p.PersonID, "role": string(p.Role)}
		}
		history := make([]map[string]any, len(x.PhaseHistory))
		for j, h := range x.PhaseHistory {
			history[j] = map[string]any{"seq": j + 1, "phase": string(h.Phase), "at": h.At, "note": h.Note, "movedBy": h.MovedBy}
		}
		row := map[string]any{
			"id": c.ID, "title": c.Title, "description": c.Description, "form": string(c.Form), "phase": string(c.Phase),
			"startDate": dateParam(c.StartDate), "endDate": dateParam(c.EndDate), "topics": nonNil(x.TopicIDs),
			"partners": partners, "contributors": contributors, "history": history,
			"evaluationRating": nil, "evaluationNotes": nil, "evaluatedAt": nil,
		}
		if ev := c.Evaluation; ev != nil {
			row["evaluationRating"], row["evaluationNotes"], row["evaluatedAt"] = ev.Rating, ev.Notes, ev.EvaluatedAt
		}
		rows[i] = row
	}
	return rows
}
