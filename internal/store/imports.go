package store

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/model"
)

// This file writes and reads the spreadsheets of internal/importer. An
// import is written in one transaction: every kind's rows are compared
// with what the graph holds (created, updated or unchanged), only the
// created and updated ones are written, in chunks of importChunk rows, and
// with a sync the source's stints, partners and contributors that are not
// in the import are removed. A dry run does all of it and rolls back.

// importChunk is how many rows one statement of an import writes.
const importChunk = 5000

// errDryRun rolls a dry run's transaction back.
var errDryRun = errors.New("dry run: roll back")

// CheckImport says which of q's ids exist and who holds q's names.
func (s *Store) CheckImport(ctx context.Context, q model.ImportCheck) (*model.ImportFound, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.ImportFound, error) {
		found := &model.ImportFound{IDs: map[string]bool{}, OrganisationNames: map[string]string{}, TopicNames: map[string]string{}}
		rec, err := s.single(ctx, tx, `
RETURN [id IN $orgs WHERE EXISTS { MATCH (:Organisation {id: id}) }]
     + [id IN $people WHERE EXISTS { MATCH (:Person {id: id}) }]
     + [id IN $collabs WHERE EXISTS { MATCH (:Collaboration {id: id}) }] AS ids,
  COLLECT { UNWIND $orgNames AS k MATCH (o:Organisation {nameKey: k}) RETURN [k, o.id] } AS orgNames,
  COLLECT { UNWIND $topicNames AS k MATCH (t:Topic {nameKey: k}) RETURN [k, t.id] } AS topicNames`,
			map[string]any{"orgs": nonNil(q.OrganisationIDs), "people": nonNil(q.PersonIDs), "collabs": nonNil(q.CollaborationIDs),
				"orgNames": nonNil(q.OrganisationNames), "topicNames": nonNil(q.TopicNames)})
		if err != nil {
			return nil, err
		}
		for _, id := range asStrings(recordValue(rec, "ids")) {
			found.IDs[id] = true
		}
		for key, m := range map[string]map[string]string{"orgNames": found.OrganisationNames, "topicNames": found.TopicNames} {
			list, _ := recordValue(rec, key).([]any)
			for _, x := range list {
				pair := asStrings(x)
				m[pair[0]] = pair[1]
			}
		}
		return found, nil
	})
}

// importKind is how to compare and write one kind of record.
type importKind struct {
	kind string
	rows []map[string]any
	// state reads, for $rows, each row's key and its current values with
	// the keys of compare (null when the record does not exist).
	state   string
	compare []string
	// keep are the keys of compare whose null value in a row keeps the
	// graph's value (a person's consent when the file does not give it).
	keep []string
	// create writes $rows that are not in the graph, with CREATE (a MERGE
	// costs a locking index seek per node and an Expand(Into) per
	// relationship, docs/performance.md "Bulk loading"); write writes
	// $rows that are, with MERGE.
	create, write string
}

// roleInCollaboration is the import of a kind whose rows tie a node of
// label (by row.<idKey>) to a collaboration with the relationship rel and a
// role: partners and contributors.
func roleInCollaboration(kind string, rows []map[string]any, label, idKey, rel string) importKind {
	from := "(n:" + label + " {id: row." + idKey + "})"
	return importKind{kind: kind, rows: rows, compare: []string{"role"},
		state: `
UNWIND $rows AS row
OPTIONAL MATCH (:` + label + ` {id: row.` + idKey + `})-[r:` + rel + `]->(:Collaboration {id: row.collaborationId})
RETURN CASE WHEN r IS NULL THEN null ELSE {role: r.role} END AS state`,
		create: `
UNWIND $rows AS row
MATCH ` + from + `
MATCH (c:Collaboration {id: row.collaborationId})
CREATE (n)-[:` + rel + ` {source: row.source, role: row.role}]->(c)`,
		write: `
UNWIND $rows AS row
MATCH ` + from + `
MATCH (c:Collaboration {id: row.collaborationId})
MERGE (n)-[r:` + rel + `]->(c)
ON CREATE SET r.source = row.source
SET r.role = row.role`}
}

// WriteImport writes recs in one transaction (or, with w.DryRun, works
// out what it would do and rolls back).
func (s *Store) WriteImport(ctx context.Context, recs *model.ImportRecords, w model.ImportWrite, progress model.ImportProgress) (*model.ImportOutcome, error) {
	if progress == nil {
		progress = func(string, int, int) {}
	}
	kinds := importKinds(recs)
	var out *model.ImportOutcome
	_, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		out = &model.ImportOutcome{}
		touchedPeople, touchedCollabs := []string{}, []string{}
		for _, k := range kinds {
			c, changed, err := s.importKind(ctx, tx, k, progress)
			if err != nil {
				return struct{}{}, err
			}
			switch k.kind {
			case "experiences":
				for _, r := range changed {
					touchedPeople = append(touchedPeople, r["personId"].(string))
				}
			case "partners":
				for _, r := range changed {
					touchedCollabs = append(touchedCollabs, r["collaborationId"].(string))
				}
			}
			out.Counts = append(out.Counts, c)
		}
		if w.Sync != "" {
			people, collabs, err := s.syncImport(ctx, tx, recs, w.Sync, out)
			if err != nil {
				return struct{}{}, err
			}
			touchedPeople = append(touchedPeople, people...)
			touchedCollabs = append(touchedCollabs, collabs...)
		}
		if err := s.refreshImported(ctx, tx, touchedPeople, touchedCollabs); err != nil {
			return struct{}{}, err
		}
		n, err := s.peopleWithoutConsent(ctx, tx, recs)
		if err != nil {
			return struct{}{}, err
		}
		out.PeopleWithoutConsent = n
		if w.DryRun {
			return struct{}{}, errDryRun
		}
		return struct{}{}, nil
	})
	if err != nil && !(w.DryRun && errors.Is(err, errDryRun)) {
		return nil, err
	}
	return out, nil
}

// importKind compares k's rows with the graph and writes those that are
// new or differ; it returns the counts and the rows written.
func (s *Store) importKind(ctx context.Context, tx neo4j.ManagedTransaction, k importKind, progress model.ImportProgress) (model.ImportCounts, []map[string]any, error) {
	c := model.ImportCounts{Kind: k.kind}
	var changed []map[string]any
	progress(k.kind, 0, len(k.rows))
	for start := 0; start < len(k.rows); start += importChunk {
		rows := k.rows[start:min(start+importChunk, len(k.rows))]
		recs, err := s.collect(ctx, tx, k.state, map[string]any{"rows": rows})
		if err != nil {
			return c, nil, err
		}
		var create, update []map[string]any
		for i, r := range recs {
			now, _ := recordValue(r, "state").(map[string]any)
			switch {
			case now == nil:
				create = append(create, rows[i])
			case sameValues(rows[i], now, k.compare, k.keep):
				c.Unchanged++
			default:
				update = append(update, rows[i])
			}
		}
		c.Created += len(create)
		c.Updated += len(update)
		for _, w := range []struct {
			cypher string
			rows   []map[string]any
		}{{k.create, create}, {k.write, update}} {
			if len(w.rows) == 0 {
				continue
			}
			if _, err := s.collect(ctx, tx, w.cypher, map[string]any{"rows": w.rows}); err != nil {
				return c, nil, err
			}
			changed = append(changed, w.rows...)
		}
		progress(k.kind, start+len(rows), len(k.rows))
	}
	return c, changed, nil
}

// sameValues reports whether the row's values of keys are those the graph
// holds; a null value of a key in keep keeps the graph's. Lists compare
// in order (the state queries sort sets).
func sameValues(row, now map[string]any, keys, keep []string) bool {
	for _, key := range keys {
		want := row[key]
		if want == nil && slices.Contains(keep, key) {
			continue
		}
		a, _ := json.Marshal(want)
		b, _ := json.Marshal(now[key])
		if string(a) != string(b) {
			return false
		}
	}
	return true
}

// syncImport removes the stints, partners and contributors of source that
// recs do not hold; it returns the people and collaborations they
// belonged to.
func (s *Store) syncImport(ctx context.Context, tx neo4j.ManagedTransaction, recs *model.ImportRecords, source string, out *model.ImportOutcome) (people, collabs []string, err error) {
	keepStints := make([]string, len(recs.Experiences))
	for i, e := range recs.Experiences {
		keepStints[i] = e.ID
	}
	keepPartners := make([]string, len(recs.Partners))
	for i, p := range recs.Partners {
		keepPartners[i] = p.OrganisationID + "|" + p.CollaborationID
	}
	keepContributors := make([]string, len(recs.Contributors))
	for i, p := range recs.Contributors {
		keepContributors[i] = p.PersonID + "|" + p.CollaborationID
	}
	steps := []struct {
		kind, cypher string
		keep         []string
		into         *[]string
	}{
		{"experiences", `
MATCH (e:Experience {source: $source}) WHERE NOT e.id IN $keep
OPTIONAL MATCH (p:Person)-[:HAS_EXPERIENCE]->(e)
WITH e, p.id AS owner
DETACH DELETE e
RETURN owner`, keepStints, &people},
		{"partners", `
MATCH (o:Organisation)-[r:PARTNER_IN {source: $source}]->(c:Collaboration) WHERE NOT o.id + '|' + c.id IN $keep
DELETE r
RETURN c.id AS owner`, keepPartners, &collabs},
		{"contributors", `
MATCH (p:Person)-[r:CONTRIBUTED_TO {source: $source}]->(c:Collaboration) WHERE NOT p.id + '|' + c.id IN $keep
DELETE r
RETURN c.id AS owner`, keepContributors, nil},
	}
	for _, st := range steps {
		rs, err := s.collect(ctx, tx, st.cypher, map[string]any{"source": source, "keep": st.keep})
		if err != nil {
			return nil, nil, err
		}
		for i := range out.Counts {
			if out.Counts[i].Kind == st.kind {
				out.Counts[i].Removed = len(rs)
			}
		}
		if st.into != nil {
			for _, r := range rs {
				if id, ok := recordValue(r, "owner").(string); ok {
					*st.into = append(*st.into, id)
				}
			}
		}
	}
	return people, collabs, nil
}

// refreshImported recomputes the derived values of the people whose stints
// and the collaborations whose partners an import changed.
func (s *Store) refreshImported(ctx context.Context, tx neo4j.ManagedTransaction, people, collabs []string) error {
	slices.Sort(people)
	slices.Sort(collabs)
	people, collabs = slices.Compact(people), slices.Compact(collabs)
	for start := 0; start < len(people); start += importChunk {
		if err := s.refreshStintValuesOf(ctx, tx, people[start:min(start+importChunk, len(people))]); err != nil {
			return err
		}
	}
	if len(collabs) > 0 {
		if _, err := s.collect(ctx, tx, refreshPartnerSectorsByID, map[string]any{"ids": collabs}); err != nil {
			return err
		}
	}
	return nil
}

// peopleWithoutConsent counts the import's people who, as written, are
// neither open to bridging nor contactable.
func (s *Store) peopleWithoutConsent(ctx context.Context, tx neo4j.ManagedTransaction, recs *model.ImportRecords) (int, error) {
	ids := make([]string, len(recs.People))
	for i, p := range recs.People {
		ids[i] = p.ID
	}
	rec, err := s.single(ctx, tx, `
UNWIND $ids AS id MATCH (p:Person {id: id})
WHERE NOT coalesce(p.openToBridging, false) AND NOT coalesce(p.contactable, false)
RETURN count(p) AS n`, map[string]any{"ids": ids})
	if err != nil {
		return 0, err
	}
	n, _ := recordValue(rec, "n").(int64)
	return int(n), nil
}

// importKinds is how to write each kind of recs, in import order.
func importKinds(recs *model.ImportRecords) []importKind {
	return []importKind{
		{kind: "topics", rows: topicImportRows(recs.Topics), compare: []string{"name", "nameFi", "nameSv", "description"},
			state: stateOf("Topic", "t", `{name: t.name, nameFi: coalesce(t.nameFi, ''), nameSv: coalesce(t.nameSv, ''), description: coalesce(t.description, '')}`),
			create: `
UNWIND $rows AS row
CREATE (t:Topic {id: row.id})
SET t.name = row.name, t.nameKey = toLower(trim(row.name)), t.nameFi = row.nameFi, t.nameSv = row.nameSv, t.description = row.description,
  t.source = row.source, t.externalId = row.externalId`,
			write: `
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
SET t.name = row.name, t.nameKey = toLower(trim(row.name)), t.nameFi = row.nameFi, t.nameSv = row.nameSv, t.description = row.description,
  t.source = row.source, t.externalId = row.externalId`},
		{kind: "organisations", rows: organisationImportRows(recs.Organisations),
			compare: []string{"name", "kind", "sector", "region", "website", "description", "topics"},
			state: stateOf("Organisation", "o", `{name: o.name, kind: o.kind, region: coalesce(o.region, ''), website: coalesce(o.website, ''),
  description: coalesce(o.description, ''), sector: COLLECT { MATCH (o)-[:IN_SECTOR]->(s) RETURN s.code }[0],
  topics: COLLECT { MATCH (o)-[:INTERESTED_IN]->(t) RETURN t.nameKey ORDER BY t.nameKey }}`),
			create: `
UNWIND $rows AS row
MATCH (sec:Sector {code: row.sector})
CREATE (o:Organisation {id: row.id})-[:IN_SECTOR]->(sec)
SET o.createdAt = datetime(), o.updatedAt = datetime(), ` + importOrgProps + `
WITH o, row` + linkNewTopics("o", "INTERESTED_IN", "row.topics"),
			write: `
UNWIND $rows AS row
MATCH (sec:Sector {code: row.sector})
MERGE (o:Organisation {id: row.id})
ON CREATE SET o.createdAt = datetime()
SET o.updatedAt = datetime(), ` + importOrgProps + `
WITH o, row, sec
CALL (o, sec) {
  MATCH (o)-[r:IN_SECTOR]->(other) WHERE other <> sec
  DELETE r
}
MERGE (o)-[:IN_SECTOR]->(sec)
WITH o, row` + replaceTopics("o", "INTERESTED_IN")},
		{kind: "people", rows: personImportRows(recs.People),
			compare: []string{"name", "headline", "region", "languages", "email", "phone", "visibility", "openToBridging", "contactable", "expertise"},
			keep:    []string{"visibility", "openToBridging", "contactable"},
			state: stateOf("Person", "p", `{name: p.name, headline: coalesce(p.headline, ''), region: coalesce(p.region, ''),
  languages: coalesce(p.languages, []), email: coalesce(p.email, ''), phone: coalesce(p.phone, ''), visibility: p.visibility,
  openToBridging: p.openToBridging, contactable: p.contactable,
  expertise: COLLECT { MATCH (p)-[:EXPERT_IN]->(t) RETURN t.nameKey ORDER BY t.nameKey }}`),
			create: `
UNWIND $rows AS row
CREATE (p:Person {id: row.id})
SET p.createdAt = datetime(), p.updatedAt = datetime(), ` + importPersonProps + `
WITH p, row` + linkNewTopics("p", "EXPERT_IN", "row.expertise"),
			write: `
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
ON CREATE SET p.createdAt = datetime()
SET p.updatedAt = datetime(), ` + importPersonProps + `
WITH p, row` + strings.ReplaceAll(replaceTopics("p", "EXPERT_IN"), "row.topics", "row.expertise")},
		{kind: "experiences", rows: experienceImportRows(recs.Experiences),
			compare: []string{"personId", "organisationId", "kind", "roleTitle", "startDate", "endDate"},
			state: stateOf("Experience", "e", `{kind: e.kind, roleTitle: coalesce(e.roleTitle, ''),
  startDate: toString(e.startDate), endDate: toString(e.endDate),
  personId: COLLECT { MATCH (p:Person)-[:HAS_EXPERIENCE]->(e) RETURN p.id }[0],
  organisationId: COLLECT { MATCH (e)-[:AT]->(o:Organisation) RETURN o.id }[0]}`),
			create: `
UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
MATCH (o:Organisation {id: row.organisationId})
CREATE (p)-[:HAS_EXPERIENCE]->(e:Experience {id: row.id})-[:AT]->(o)
SET ` + importStintProps,
			write: `
UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
MATCH (o:Organisation {id: row.organisationId})
MERGE (e:Experience {id: row.id})
SET ` + importStintProps + `
WITH e, p, o
CALL (e, p) {
  MATCH (other)-[r:HAS_EXPERIENCE]->(e) WHERE other <> p
  DELETE r
}
CALL (e, o) {
  MATCH (e)-[r:AT]->(other) WHERE other <> o
  DELETE r
}
MERGE (p)-[:HAS_EXPERIENCE]->(e)
MERGE (e)-[:AT]->(o)`},
		{kind: "collaborations", rows: collaborationImportRows(recs.Collaborations),
			compare: []string{"title", "description", "form", "phase", "startDate", "endDate", "topics"},
			state: stateOf("Collaboration", "c", `{title: c.title, description: coalesce(c.description, ''), form: c.form, phase: c.phase,
  startDate: toString(c.startDate), endDate: toString(c.endDate),
  topics: COLLECT { MATCH (c)-[:ABOUT]->(t) RETURN t.nameKey ORDER BY t.nameKey }}`),
			create: `
UNWIND $rows AS row
CREATE (c:Collaboration {id: row.id})
SET c.createdAt = datetime(), c.updatedAt = c.createdAt, c.lastPhaseChangeAt = c.createdAt, c.partnerSectorCount = 0, ` + importCollabProps + `
CREATE (c)-[:HAD_PHASE]->(:PhaseChange {seq: 1, phase: row.phase, at: c.createdAt, note: 'imported'})
WITH c, row` + linkNewTopics("c", "ABOUT", "row.topics"),
			write: `
UNWIND $rows AS row
MERGE (c:Collaboration {id: row.id})
ON CREATE SET c.createdAt = datetime(), c.lastPhaseChangeAt = datetime(), c.partnerSectorCount = 0
WITH c, row, c.phase AS was
SET c.updatedAt = datetime(), ` + importCollabProps + `
WITH c, row, was
CALL (c, row, was) {
  WITH c, row, was WHERE was IS NULL OR was <> row.phase
  WITH c, row, COLLECT { MATCH (c)-[:HAD_PHASE]->(h) RETURN max(h.seq) }[0] AS last
  CREATE (c)-[:HAD_PHASE]->(:PhaseChange {seq: coalesce(last, 0) + 1, phase: row.phase, at: c.updatedAt, note: 'imported'})
  SET c.lastPhaseChangeAt = c.updatedAt
}
WITH c, row` + replaceTopics("c", "ABOUT")},
		roleInCollaboration("partners", partnerImportRows(recs.Partners), "Organisation", "organisationId", "PARTNER_IN"),
		roleInCollaboration("contributors", contributorImportRows(recs.Contributors), "Person", "personId", "CONTRIBUTED_TO"),
	}
}

// The properties an import writes, shared by its CREATE and MERGE
// statements. A person's consent not given in the file keeps theirs, or
// takes the defaults.
const (
	importOrgProps = `o.name = row.name, o.nameKey = toLower(trim(row.name)), o.kind = row.kind,
  o.region = row.region, o.website = row.website, o.description = row.description,
  o.source = row.source, o.externalId = row.externalId`
	importPersonProps = `p.name = row.name, p.headline = row.headline, p.region = row.region,
  p.languages = row.languages, p.email = row.email, p.phone = row.phone,
  p.visibility = coalesce(row.visibility, p.visibility, 'MEMBERS'),
  p.openToBridging = coalesce(row.openToBridging, p.openToBridging, false),
  p.contactable = coalesce(row.contactable, p.contactable, false),
  p.source = row.source, p.externalId = row.externalId`
	importStintProps = `e.kind = row.kind, e.roleTitle = row.roleTitle, e.startDate = date(row.startDate), e.endDate = date(row.endDate),
  e.source = row.source, e.externalId = row.externalId`
	importCollabProps = `c.title = row.title, c.description = row.description, c.form = row.form, c.phase = row.phase,
  c.startDate = date(row.startDate), c.endDate = date(row.endDate), c.source = row.source, c.externalId = row.externalId`
)

// linkNewTopics ties the new node v to the topics named (by name key) in
// list with rel.
func linkNewTopics(v, rel, list string) string {
	return `
CALL (` + v + `, row) {
  UNWIND ` + list + ` AS key
  MATCH (t:Topic {nameKey: key})
  CREATE (` + v + `)-[:` + rel + `]->(t)
}`
}

// stateOf reads the state (a map, null when absent) of the label's node
// with each row's id, in row order.
func stateOf(label, v, state string) string {
	return `
UNWIND $rows AS row
OPTIONAL MATCH (` + v + `:` + label + ` {id: row.id})
RETURN CASE WHEN ` + v + ` IS NULL THEN null ELSE ` + state + ` END AS state`
}

// replaceTopics makes v's rel relationships to topics those named (by
// name key) in row.topics.
func replaceTopics(v, rel string) string {
	return `
CALL (` + v + `, row) {
  MATCH (` + v + `)-[r:` + rel + `]->(t:Topic) WHERE NOT t.nameKey IN row.topics
  DELETE r
}
CALL (` + v + `, row) {
  UNWIND row.topics AS key
  MATCH (t:Topic {nameKey: key})
  MERGE (` + v + `)-[:` + rel + `]->(t)
}`
}

func topicKeys(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, strings.ToLower(strings.TrimSpace(n)))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func isoDate(d *model.Date) any {
	if d == nil {
		return nil
	}
	return d.String()
}

func topicImportRows(ts []model.ImportTopicRow) []map[string]any {
	rows := make([]map[string]any, len(ts))
	for i, t := range ts {
		rows[i] = map[string]any{"id": t.ID, "source": t.Ref.Source, "externalId": t.Ref.ExternalID,
			"name": t.Name, "nameFi": t.NameFi, "nameSv": t.NameSv, "description": t.Description}
	}
	return rows
}

func organisationImportRows(os []model.ImportOrganisationRow) []map[string]any {
	rows := make([]map[string]any, len(os))
	for i, o := range os {
		rows[i] = map[string]any{"id": o.ID, "source": o.Ref.Source, "externalId": o.Ref.ExternalID,
			"name": o.Name, "kind": string(o.Kind), "sector": string(o.Sector), "region": o.Region, "website": o.Website,
			"description": o.Description, "topics": topicKeys(o.Topics)}
	}
	return rows
}

func personImportRows(ps []model.ImportPersonRow) []map[string]any {
	rows := make([]map[string]any, len(ps))
	for i, p := range ps {
		row := map[string]any{"id": p.ID, "source": p.Ref.Source, "externalId": p.Ref.ExternalID,
			"name": p.Name, "headline": p.Headline, "region": p.Region, "languages": nonNil(p.Languages),
			"email": p.Email, "phone": p.Phone, "expertise": topicKeys(p.Expertise),
			"visibility": nil, "openToBridging": nil, "contactable": nil}
		if p.Visibility != nil {
			row["visibility"] = string(*p.Visibility)
		}
		if p.OpenToBridging != nil {
			row["openToBridging"] = *p.OpenToBridging
		}
		if p.Contactable != nil {
			row["contactable"] = *p.Contactable
		}
		rows[i] = row
	}
	return rows
}

func experienceImportRows(es []model.ImportExperienceRow) []map[string]any {
	rows := make([]map[string]any, len(es))
	for i, e := range es {
		rows[i] = map[string]any{"id": e.ID, "source": e.Ref.Source, "externalId": e.Ref.ExternalID,
			"personId": e.PersonID, "organisationId": e.OrganisationID, "kind": string(e.Kind), "roleTitle": e.RoleTitle,
			"startDate": e.StartDate.String(), "endDate": isoDate(e.EndDate)}
	}
	return rows
}

func collaborationImportRows(cs []model.ImportCollaborationRow) []map[string]any {
	rows := make([]map[string]any, len(cs))
	for i, c := range cs {
		rows[i] = map[string]any{"id": c.ID, "source": c.Ref.Source, "externalId": c.Ref.ExternalID,
			"title": c.Title, "description": c.Description, "form": string(c.Form), "phase": string(c.Phase),
			"startDate": isoDate(c.StartDate), "endDate": isoDate(c.EndDate), "topics": topicKeys(c.Topics)}
	}
	return rows
}

func partnerImportRows(ps []model.ImportPartnerRow) []map[string]any {
	rows := make([]map[string]any, len(ps))
	for i, p := range ps {
		rows[i] = map[string]any{"source": p.Source, "organisationId": p.OrganisationID, "collaborationId": p.CollaborationID, "role": string(p.Role)}
	}
	return rows
}

func contributorImportRows(ps []model.ImportContributorRow) []map[string]any {
	rows := make([]map[string]any, len(ps))
	for i, p := range ps {
		rows[i] = map[string]any{"source": p.Source, "personId": p.PersonID, "collaborationId": p.CollaborationID, "role": string(p.Role)}
	}
	return rows
}

// ExportRecords reads every record scope may see (of the given sources;
// all when none are given), ordered by source and externalId, with what
// each refers to named by its ExternalRef. Records entered in Tulkki have
// the source "tulkki" and their id as externalId. People scope may not see
// are left out with their stints and contributions; contact details are
// read only as far as scope.Contacts reaches.
func (s *Store) ExportRecords(ctx context.Context, scope model.PersonScope, sources []string) (*model.ImportRecords, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.ImportRecords, error) {
		params := map[string]any{"sources": nonNil(sources), "all": len(sources) == 0,
			"visibilities": visibilityStrings(scope.Visibilities), "selfId": scope.SelfID}
		out := &model.ImportRecords{}
		run := func(cypher string, each func(r *neo4j.Record)) error {
			recs, err := s.collect(ctx, tx, cypher, params)
			for _, r := range recs {
				each(r)
			}
			return err
		}
		p := &projection{scope: scope}
		steps := []struct {
			cypher string
			each   func(r *neo4j.Record)
		}{
			{`MATCH (t:Topic)` + exportWhere("t") + `
RETURN ` + exportRef("t") + `, t.name AS name, coalesce(t.nameFi, '') AS nameFi, coalesce(t.nameSv, '') AS nameSv,
  coalesce(t.description, '') AS description
ORDER BY source, externalId`, func(r *neo4j.Record) {
				out.Topics = append(out.Topics, model.ImportTopicRow{Ref: refOf(r, ""), Name: recStr(r, "name"),
					NameFi: recStr(r, "nameFi"), NameSv: recStr(r, "nameSv"), Description: recStr(r, "description")})
			}},
			{`MATCH (o:Organisation)` + exportWhere("o") + `
RETURN ` + exportRef("o") + `, o.name AS name, o.kind AS kind, COLLECT { MATCH (o)-[:IN_SECTOR]->(s) RETURN s.code }[0] AS sector,
  coalesce(o.region, '') AS region, coalesce(o.website, '') AS website, coalesce(o.description, '') AS description,
  COLLECT { MATCH (o)-[:INTERESTED_IN]->(t) RETURN t.name ORDER BY t.name } AS topics
ORDER BY source, externalId`, func(r *neo4j.Record) {
				out.Organisations = append(out.Organisations, model.ImportOrganisationRow{Ref: refOf(r, ""), Name: recStr(r, "name"),
					Kind: model.OrganisationKind(recStr(r, "kind")), Sector: model.Sector(recStr(r, "sector")), Region: recStr(r, "region"),
					Website: recStr(r, "website"), Description: recStr(r, "description"), Topics: asStrings(recordValue(r, "topics"))})
			}},
			{`MATCH (p:Person)` + exportWhere("p") + ` AND ` + exportVisible("p") + `
RETURN ` + exportRef("p") + `, p.name AS name, coalesce(p.headline, '') AS headline, coalesce(p.region, '') AS region,
  coalesce(p.languages, []) AS languages, coalesce(` + p.contact("p", "email") + `, '') AS email,
  coalesce(` + p.contact("p", "phone") + `, '') AS phone, p.visibility AS visibility,
  coalesce(p.openToBridging, false) AS openToBridging, coalesce(p.contactable, false) AS contactable,
  COLLECT { MATCH (p)-[:EXPERT_IN]->(t) RETURN t.name ORDER BY t.name } AS expertise
ORDER BY source, externalId`, func(r *neo4j.Record) {
				vis := model.Visibility(recStr(r, "visibility"))
				bridging, _ := recordValue(r, "openToBridging").(bool)
				contactable, _ := recordValue(r, "contactable").(bool)
				out.People = append(out.People, model.ImportPersonRow{Ref: refOf(r, ""), Name: recStr(r, "name"),
					Headline: recStr(r, "headline"), Region: recStr(r, "region"), Languages: asStrings(recordValue(r, "languages")),
					Email: recStr(r, "email"), Phone: recStr(r, "phone"), Visibility: &vis, OpenToBridging: &bridging, Contactable: &contactable,
					Expertise: asStrings(recordValue(r, "expertise"))})
			}},
			{`MATCH (p:Person)-[:HAS_EXPERIENCE]->(e:Experience)-[:AT]->(o:Organisation)` + exportWhere("e") + ` AND ` + exportVisible("p") + `
RETURN ` + exportRef("e") + `, ` + exportRefAs("p", "person") + `, ` + exportRefAs("o", "organisation") + `,
  e.kind AS kind, coalesce(e.roleTitle, '') AS roleTitle, toString(e.startDate) AS startDate, toString(e.endDate) AS endDate
ORDER BY source, externalId`, func(r *neo4j.Record) {
				x := model.ImportExperienceRow{Ref: refOf(r, ""), Person: refOf(r, "person"), Organisation: refOf(r, "organisation"),
					Kind: model.ExperienceKind(recStr(r, "kind")), RoleTitle: recStr(r, "roleTitle")}
				x.StartDate, _ = model.ParseDate(recStr(r, "startDate"))
				x.EndDate = optDate(recStr(r, "endDate"))
				out.Experiences = append(out.Experiences, x)
			}},
			{`MATCH (c:Collaboration)` + exportWhere("c") + `
RETURN ` + exportRef("c") + `, c.title AS title, coalesce(c.description, '') AS description, c.form AS form, c.phase AS phase,
  toString(c.startDate) AS startDate, toString(c.endDate) AS endDate,
  COLLECT { MATCH (c)-[:ABOUT]->(t) RETURN t.name ORDER BY t.name } AS topics
ORDER BY source, externalId`, func(r *neo4j.Record) {
				out.Collaborations = append(out.Collaborations, model.ImportCollaborationRow{Ref: refOf(r, ""), Title: recStr(r, "title"),
					Description: recStr(r, "description"), Form: model.CollaborationForm(recStr(r, "form")),
					Phase: model.CollaborationPhase(recStr(r, "phase")), StartDate: optDate(recStr(r, "startDate")),
					EndDate: optDate(recStr(r, "endDate")), Topics: asStrings(recordValue(r, "topics"))})
			}},
			{`MATCH (o:Organisation)-[r:PARTNER_IN]->(c:Collaboration)` + exportWhere("r") + `
RETURN coalesce(r.source, 'tulkki') AS source, ` + exportRefAs("c", "collaboration") + `, ` + exportRefAs("o", "organisation") + `, r.role AS role
ORDER BY collaborationSource, collaborationExternalId, organisationSource, organisationExternalId`, func(r *neo4j.Record) {
				out.Partners = append(out.Partners, model.ImportPartnerRow{Source: recStr(r, "source"), Collaboration: refOf(r, "collaboration"),
					Organisation: refOf(r, "organisation"), Role: model.PartnerRole(recStr(r, "role"))})
			}},
			{`MATCH (p:Person)-[r:CONTRIBUTED_TO]->(c:Collaboration)` + exportWhere("r") + ` AND ` + exportVisible("p") + `
RETURN coalesce(r.source, 'tulkki') AS source, ` + exportRefAs("c", "collaboration") + `, ` + exportRefAs("p", "person") + `, r.role AS role
ORDER BY collaborationSource, collaborationExternalId, personSource, personExternalId`, func(r *neo4j.Record) {
				out.Contributors = append(out.Contributors, model.ImportContributorRow{Source: recStr(r, "source"), Collaboration: refOf(r, "collaboration"),
					Person: refOf(r, "person"), Role: model.ContributorRole(recStr(r, "role"))})
			}},
		}
		for _, st := range steps {
			if err := run(st.cypher, st.each); err != nil {
				return nil, err
			}
		}
		return out, nil
	})
}

// exportWhere keeps the records (or relationships) of $sources, or all.
func exportWhere(v string) string {
	return "\nWHERE ($all OR coalesce(" + v + ".source, 'tulkki') IN $sources)"
}

// exportVisible keeps the people the caller may see.
func exportVisible(p string) string {
	return "(" + p + ".visibility IN $visibilities OR " + p + ".id = $selfId)"
}

func exportRef(v string) string {
	return "coalesce(" + v + ".source, 'tulkki') AS source, CASE WHEN " + v + ".source IS NULL OR " + v + ".source = 'tulkki' THEN " +
		v + ".id ELSE " + v + ".externalId END AS externalId"
}

func exportRefAs(v, as string) string {
	return "coalesce(" + v + ".source, 'tulkki') AS " + as + "Source, CASE WHEN " + v + ".source IS NULL OR " + v + ".source = 'tulkki' THEN " +
		v + ".id ELSE " + v + ".externalId END AS " + as + "ExternalId"
}

func refOf(r *neo4j.Record, prefix string) model.ExternalRef {
	if prefix == "" {
		return model.ExternalRef{Source: recStr(r, "source"), ExternalID: recStr(r, "externalId")}
	}
	return model.ExternalRef{Source: recStr(r, prefix+"Source"), ExternalID: recStr(r, prefix+"ExternalId")}
}

func recStr(r *neo4j.Record, key string) string {
	s, _ := recordValue(r, key).(string)
	return s
}

func optDate(s string) *model.Date {
	if s == "" {
		return nil
	}
	d, err := model.ParseDate(s)
	if err != nil {
		return nil
	}
	return &d
}

// DeleteImportSource deletes every record of source: its topics,
// organisations, people, stints and collaborations (with their
// relationships) and its partners and contributors.
func (s *Store) DeleteImportSource(ctx context.Context, source string) error {
	_, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		for _, q := range []string{
			"MATCH ()-[r:PARTNER_IN|CONTRIBUTED_TO {source: $source}]->() DELETE r",
			"MATCH (c:Collaboration {source: $source}) OPTIONAL MATCH (c)-[:HAD_PHASE]->(h:PhaseChange) DETACH DELETE c, h",
			"MATCH (n) WHERE (n:Experience OR n:Person OR n:Organisation OR n:Topic) AND n.source = $source DETACH DELETE n",
		} {
			if _, err := s.collect(ctx, tx, q, map[string]any{"source": source}); err != nil {
				return struct{}{}, err
			}
		}
		return struct{}{}, nil
	})
	return err
}
