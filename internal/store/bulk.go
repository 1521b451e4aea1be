package store

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/errs"
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

// Import writes set in batches of batchSize rows, one transaction per batch,
// with UNWIND, importWorkers batches at a time. The result is as if every
// record were MERGEd on its id and given the set's values: importing twice
// changes nothing (createdAt and updatedAt keep their first values).
// Records must refer only to ids in the set or already in the graph;
// dangling references are skipped by the MATCHes.
//
// Each batch first asks, in its transaction, whether any of its ids is
// already in the graph. When none is (a first import) it CREATEs the
// records: a MERGE costs an index seek with a lock per node and, worse, an
// Expand(Into) per relationship to look for an existing one, which on the
// busy organisation and topic nodes is most of the work. Otherwise, or if a
// concurrent writer creates one of the ids meanwhile (the CREATE then
// breaks a uniqueness constraint and the transaction rolls back), the
// batch is written again with MERGE statements. People's sector-pair days
// are refreshed in the batch's transaction either way (refreshStintValues).
func (s *Store) Import(ctx context.Context, set ImportSet, batchSize int, progress model.ImportProgress) error {
	return s.importSet(ctx, set, batchSize, progress, importOptions{})
}

// importOptions let tests compare the two paths of Import.
type importOptions struct {
	mergeOnly bool          // skip the CREATE path
	paths     *importCounts // if set, counts the batches each path wrote
}

// importCounts counts batches by the path that wrote them.
type importCounts struct{ created, merged atomic.Int64 }

func (s *Store) importSet(ctx context.Context, set ImportSet, batchSize int, progress model.ImportProgress, opts importOptions) error {
	if batchSize < 1 {
		batchSize = 1000
	}
	if progress == nil {
		progress = func(string, int, int) {}
	}
	for _, step := range []importStep{topicStep(set.Topics), organisationStep(set.Organisations),
		personStep(set.People), collaborationStep(set.Collaborations)} {
		step.importOptions = opts
		if err := s.importStep(ctx, step, batchSize, progress); err != nil {
			return err
		}
	}
	return nil
}

// importStep is how to write the records of one kind.
type importStep struct {
	kind string
	rows int
	// params are the parameters of the batch of rows [start, end); each
	// statement is sent only those it names, so that a batch's rows cross
	// Bolt, and are decoded by Neo4j, once per statement that reads them.
	params func(start, end int) map[string]any
	// existing counts the batch's ids already in the graph.
	existing string
	// create writes a batch none of whose ids exists; merge writes any
	// batch. Each is one or more statements run in order.
	create, merge []string
	importOptions
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
func (s *Store) importStep(ctx context.Context, step importStep, batchSize int, progress model.ImportProgress) error {
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
	for range min(importWorkers, (step.rows+batchSize-1)/batchSize) {
		wg.Go(func() {
			for b := range batches {
				err := s.importBatch(ctx, step, step.params(b.start, b.end))
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = fmt.Errorf("import %s %d–%d: %w", step.kind, b.start+1, b.end, err)
				}
				if err == nil {
					done += b.end - b.start
					progress(step.kind, done, step.rows)
				}
				mu.Unlock()
			}
		})
	}
	for start := 0; start < step.rows && !failed() && ctx.Err() == nil; start += batchSize {
		batches <- batch{start, min(start+batchSize, step.rows)}
	}
	close(batches)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

// importBatch writes one batch in one transaction: CREATEs when none of its
// ids exists, else MERGEs; a CREATE that breaks a uniqueness constraint
// (another writer created one of the ids since the check, or the batch
// repeats an id) rolls back and the batch is written again with MERGEs.
func (s *Store) importBatch(ctx context.Context, step importStep, params map[string]any) error {
	run := func(tx neo4j.ManagedTransaction, stmts ...string) ([]*neo4j.Record, error) {
		var out []*neo4j.Record
		for _, q := range stmts {
			recs, err := s.collect(ctx, tx, q, paramsOf(q, params))
			if err != nil {
				return nil, err
			}
			out = recs
		}
		return out, nil
	}
	count := func(created bool) {
		switch {
		case step.paths == nil:
		case created:
			step.paths.created.Add(1)
		default:
			step.paths.merged.Add(1)
		}
	}
	if !step.mergeOnly {
		created, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (bool, error) {
			recs, err := run(tx, step.existing)
			if err != nil {
				return false, err
			}
			if n, _ := recordValue(recs[0], "existing").(int64); n > 0 {
				_, err = run(tx, step.merge...)
				return false, err
			}
			_, err = run(tx, step.create...)
			return true, err
		})
		if err == nil {
			count(created)
		}
		if !errors.Is(err, errs.ErrConflict) {
			return err
		}
	}
	_, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		_, err := run(tx, step.merge...)
		return struct{}{}, err
	})
	if err == nil {
		count(false)
	}
	return err
}

var paramName = regexp.MustCompile(`\$(\w+)`)

// paramsOf is the entries of params that cypher names.
func paramsOf(cypher string, params map[string]any) map[string]any {
	out := map[string]any{}
	for _, m := range paramName.FindAllStringSubmatch(cypher, -1) {
		if v, ok := params[m[1]]; ok {
			out[m[1]] = v
		}
	}
	return out
}

// existingIDs counts the nodes of label whose ids are in $ids (label is
// a constant, never input). Only the ids of a kind's main records are
// looked up: the CREATE of a stint or any other node with an id that
// exists already breaks its uniqueness constraint, which sends the batch
// to the MERGE path all the same.
func existingIDs(label string) string {
	return "UNWIND $ids AS id MATCH (n:" + label + " {id: id}) RETURN count(n) AS existing"
}

// simpleStep is the importStep of a kind written by one statement per
// path, whose rows carry the ids of label's nodes.
func simpleStep(kind, label string, rows []map[string]any, create, merge string) importStep {
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r["id"].(string)
	}
	return importStep{
		kind: kind, rows: len(rows),
		params: func(start, end int) map[string]any {
			return map[string]any{"rows": rows[start:end], "ids": ids[start:end]}
		},
		existing: existingIDs(label),
		create:   []string{create}, merge: []string{merge},
	}
}

func topicStep(ts []model.Topic) importStep {
	return simpleStep("topics", "Topic", topicRows(ts), createTopics, importTopics)
}

func organisationStep(os []ImportOrganisation) importStep {
	return simpleStep("organisations", "Organisation", organisationRows(os), createOrganisations, importOrganisations)
}

func collaborationStep(cs []ImportCollaboration) importStep {
	step := simpleStep("collaborations", "Collaboration", collaborationRows(cs), createCollaborations, importCollaborations)
	// Partners and histories are written: refresh the partner sectors and
	// the last phase change (derived.go).
	step.create = append(step.create, refreshPartnerSectorsByID, refreshLastPhaseChangeByID)
	step.merge = append(step.merge, refreshPartnerSectorsByID, refreshLastPhaseChangeByID)
	return step
}

// personStep writes people with their stints. The CREATE path writes the
// people ($people: rows without their stints) and then the stints in a
// statement of their own over flat rows ($stints: each with its
// personId), one row per stint rather than a subquery per person.
func personStep(ps []ImportPerson) importStep {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.Person.ID
	}
	return importStep{
		kind: "people", rows: len(ps),
		// The rows are built per batch, so that memory holds those of the
		// batches being written, not a chunk's.
		params: func(start, end int) map[string]any {
			people, stints := personRows(ps[start:end])
			// The MERGE path's rows: each person with their stints.
			rows := make([]map[string]any, len(people))
			next := 0
			for i, p := range people {
				row := maps.Clone(p)
				n := len(ps[start+i].Experiences)
				row["experiences"] = stints[next : next+n]
				next += n
				rows[i] = row
			}
			return map[string]any{"ids": ids[start:end], "people": people, "stints": stints, "rows": rows}
		},
		existing: existingIDs("Person"),
		create:   []string{createPeople, createStints, refreshStintValuesByID},
		merge:    []string{importPeople, refreshStintValuesByID},
	}
}

// The SET clauses are shared by the MERGE and CREATE statements of a kind,
// so both paths write the same properties.
const (
	topicProps = `t.name = row.name, t.nameKey = toLower(trim(row.name)), t.nameFi = row.nameFi, t.nameSv = row.nameSv, t.description = row.description`
	orgProps   = `o.name = row.name, o.nameKey = toLower(trim(row.name)), o.kind = row.kind, o.region = row.region, o.website = row.website,
    o.description = row.description`
	personProps = `p.name = row.name, p.headline = row.headline, p.languages = row.languages, p.region = row.region,
    p.email = row.email, p.phone = row.phone, p.visibility = row.visibility,
    p.openToBridging = row.openToBridging, p.contactable = row.contactable`
	stintProps  = `e.kind = x.kind, e.roleTitle = x.roleTitle, e.startDate = x.startDate, e.endDate = x.endDate`
	collabProps = `c.title = row.title, c.description = row.description, c.form = row.form, c.phase = row.phase,
    c.startDate = row.startDate, c.endDate = row.endDate, c.evaluationRating = row.evaluationRating,
    c.evaluationNotes = row.evaluationNotes, c.evaluatedAt = row.evaluatedAt`
	phaseProps = `pc.phase = h.phase, pc.at = h.at, pc.note = h.note, pc.movedBy = h.movedBy`
)

const importTopics = `
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
SET ` + topicProps

const createTopics = `
UNWIND $rows AS row
CREATE (t:Topic {id: row.id})
SET ` + topicProps

const importOrganisations = `
UNWIND $rows AS row
MATCH (sec:Sector {code: row.sector})
MERGE (o:Organisation {id: row.id})
ON CREATE SET o.createdAt = datetime(), o.updatedAt = datetime()
SET ` + orgProps + `
MERGE (o)-[:IN_SECTOR]->(sec)
WITH o, row
CALL (o, row) {
  UNWIND row.topics AS topicId
  MATCH (t:Topic {id: topicId})
  MERGE (o)-[:INTERESTED_IN]->(t)
}`

const createOrganisations = `
UNWIND $rows AS row
MATCH (sec:Sector {code: row.sector})
CREATE (o:Organisation {id: row.id})-[:IN_SECTOR]->(sec)
SET o.createdAt = datetime(), o.updatedAt = datetime(), ` + orgProps + `
WITH o, row
UNWIND row.topics AS topicId
MATCH (t:Topic {id: topicId})
CREATE (o)-[:INTERESTED_IN]->(t)`

const importPeople = `
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
ON CREATE SET p.createdAt = datetime(), p.updatedAt = datetime()
SET ` + personProps + `
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
  SET ` + stintProps + `
  MERGE (p)-[:HAS_EXPERIENCE]->(e)
  MERGE (e)-[:AT]->(o)
}`

const createPeople = `
UNWIND $people AS row
CREATE (p:Person {id: row.id})
SET p.createdAt = datetime(), p.updatedAt = datetime(), ` + personProps + `
WITH p, row
UNWIND row.topics AS topicId
MATCH (t:Topic {id: topicId})
CREATE (p)-[:EXPERT_IN]->(t)`

const createStints = `
UNWIND $stints AS x
MATCH (p:Person {id: x.personId})
MATCH (o:Organisation {id: x.organisationId})
CREATE (p)-[:HAS_EXPERIENCE]->(e:Experience {id: x.id})-[:AT]->(o)
SET ` + stintProps

var importCollaborations = `
UNWIND $rows AS row
MERGE (c:Collaboration {id: row.id})
ON CREATE SET c.createdAt = datetime(), c.updatedAt = datetime()
SET ` + collabProps + collaborationLinks("MERGE")

var createCollaborations = `
UNWIND $rows AS row
CREATE (c:Collaboration {id: row.id})
SET c.createdAt = datetime(), c.updatedAt = datetime(), ` + collabProps + collaborationLinks("CREATE")

// collaborationLinks writes a collaboration's topics, partners,
// contributors and phase history with write, MERGE or CREATE (a constant,
// never input), so that the two paths of Import write the same links.
func collaborationLinks(write string) string {
	return `
WITH c, row
CALL (c, row) {
  UNWIND row.topics AS topicId
  MATCH (t:Topic {id: topicId})
  ` + write + ` (c)-[:ABOUT]->(t)
}
CALL (c, row) {
  UNWIND row.partners AS x
  MATCH (o:Organisation {id: x.organisationId})
  ` + write + ` (o)-[r:PARTNER_IN]->(c)
  SET r.role = x.role
}
CALL (c, row) {
  UNWIND row.contributors AS x
  MATCH (p:Person {id: x.personId})
  ` + write + ` (p)-[r:CONTRIBUTED_TO]->(c)
  SET r.role = x.role
}
CALL (c, row) {
  UNWIND row.history AS h
  ` + write + ` (c)-[:HAD_PHASE]->(pc:PhaseChange {seq: h.seq})
  SET ` + phaseProps + `
}`
}

func topicRows(ts []model.Topic) []map[string]any {
	rows := make([]map[string]any, len(ts))
	for i, t := range ts {
		rows[i] = map[string]any{"id": t.ID, "name": t.Name, "nameFi": t.NameFi, "nameSv": t.NameSv, "description": t.Description}
	}
	return rows
}

func organisationRows(os []ImportOrganisation) []map[string]any {
	rows := make([]map[string]any, len(os))
	for i, x := range os {
		o := x.Organisation
		rows[i] = map[string]any{
			"id": o.ID, "name": o.Name, "kind": string(o.Kind), "sector": string(o.Sector), "region": o.Region,
			"website": o.Website, "description": o.Description, "topics": distinct(x.TopicIDs),
		}
	}
	return rows
}

// personRows are the rows of people (without their stints) and of their
// stints, in order, each with its personId.
func personRows(ps []ImportPerson) (people, stints []map[string]any) {
	people = make([]map[string]any, len(ps))
	stints = []map[string]any{}
	for i, x := range ps {
		p := x.Person
		for _, e := range x.Experiences {
			stints = append(stints, map[string]any{
				"personId": p.ID, "id": e.ID, "organisationId": e.OrganisationID, "kind": string(e.Kind), "roleTitle": e.RoleTitle,
				"startDate": dateParam(&e.StartDate), "endDate": dateParam(e.EndDate),
			})
		}
		people[i] = map[string]any{
			"id": p.ID, "name": p.Name, "headline": p.Headline, "languages": nonNil(p.Languages), "region": p.Region,
			"email": p.Email, "phone": p.Phone, "visibility": string(p.Visibility), "openToBridging": p.OpenToBridging,
			"contactable": p.Contactable, "topics": distinct(x.ExpertiseTopicIDs),
		}
	}
	return people, stints
}

func collaborationRows(cs []ImportCollaboration) []map[string]any {
	rows := make([]map[string]any, len(cs))
	for i, x := range cs {
		c := x.Collaboration
		partners := lastPerKey(x.Partners, func(p model.Partnership) (string, map[string]any) {
			return p.OrganisationID, map[string]any{"organisationId": p.OrganisationID, "role": string(p.Role)}
		})
		contributors := lastPerKey(x.Contributors, func(p model.Contribution) (string, map[string]any) {
			return p.PersonID, map[string]any{"personId": p.PersonID, "role": string(p.Role)}
		})
		history := make([]map[string]any, len(x.PhaseHistory))
		for j, h := range x.PhaseHistory {
			history[j] = map[string]any{"seq": j + 1, "phase": string(h.Phase), "at": h.At, "note": h.Note, "movedBy": h.MovedBy}
		}
		row := map[string]any{
			"id": c.ID, "title": c.Title, "description": c.Description, "form": string(c.Form), "phase": string(c.Phase),
			"startDate": dateParam(c.StartDate), "endDate": dateParam(c.EndDate), "topics": distinct(x.TopicIDs),
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

// distinct is ids without repeats (in any order): a relationship to each
// is MERGEd or CREATEd once, so both import paths write one per id.
func distinct(ids []string) []string {
	return nonNil(slices.Compact(slices.Sorted(slices.Values(ids))))
}

// lastPerKey converts xs to rows, keeping only the last of those with the
// same key: the MERGE path would SET the relationship's properties from
// each in turn, so the last one's stay, and the CREATE path must write
// that one relationship.
func lastPerKey[T, R any](xs []T, row func(T) (string, R)) []R {
	at := map[string]int{}
	out := []R{}
	for _, x := range xs {
		k, r := row(x)
		if i, ok := at[k]; ok {
			out[i] = r
			continue
		}
		at[k] = len(out)
		out = append(out, r)
	}
	return out
}
