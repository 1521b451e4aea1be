package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// Workshops are stored as
//
//	(:Workshop {id, title, date, place, facilitator, createdBy, size, tables,
//	            sectors, seed, mustInclude, exclude, evaluation, createdAt, updatedAt})
//	(:Workshop)-[:ABOUT]->(:Topic)
//	(:Person)-[:SEATED_AT {table, role, organisationId}]->(:Workshop)
//	(:Collaboration)-[:STARTED_AT]->(:Workshop)
//
// `evaluation` is the JSON of the unmet constraints, the unusual pairings
// and the sectors per table, as last checked by internal/workshop.

// seatableWhere keeps private people out of every workshop, whoever asks:
// a plan is shared with everyone who may read the workshop.
const seatableWhere = `p.visibility IN ['PUBLIC', 'MEMBERS']`

// planOrgReturn projects organisation o for a workshop on topic t, with
// up to $peopleCap possible representatives, experts first.
const planOrgReturn = `RETURN o.id AS id, s.code AS sector, EXISTS { (o)-[:INTERESTED_IN]->(t) } AS topic,
  COLLECT {
    MATCH (o)<-[:AT]-(e:Experience)<-[:HAS_EXPERIENCE]-(p:Person)
    WHERE (e.endDate IS NULL OR e.endDate >= date()) AND ` + seatableWhere + ` AND NOT p.id IN $exclude
    WITH DISTINCT p
    WITH p, EXISTS { (p)-[:EXPERT_IN]->(t) } AS expert
    RETURN {id: p.id, expert: expert} ORDER BY expert DESC, p.id LIMIT $peopleCap
  } AS people`

func decodePlanOrganisations(recs []*neo4j.Record) []model.PlanOrganisation {
	out := make([]model.PlanOrganisation, 0, len(recs))
	for _, r := range recs {
		o := model.PlanOrganisation{ID: recordValue(r, "id").(string)}
		o.Sector = model.Sector(fmt.Sprint(recordValue(r, "sector")))
		o.Topic, _ = recordValue(r, "topic").(bool)
		for _, raw := range recordList(r, "people") {
			p := asProps(raw)
			o.People = append(o.People, model.PlanPerson{ID: p.str("id"), Expert: p.boolean("expert")})
		}
		out = append(out, o)
	}
	return out
}

// PlanCandidates lists, per sector, up to perSectorCap organisations
// interested in topicID (lowest ids first, so the cap is deterministic),
// leaving out the ids in exclude, without their people: the planner loads
// people (PlanOrganisationsByID) only for the organisations it asks.
func (s *Store) PlanCandidates(ctx context.Context, topicID string, sectors []model.Sector, exclude []string, perSectorCap int) ([]model.PlanOrganisation, error) {
	codes := make([]string, len(sectors))
	for i, sec := range sectors {
		codes[i] = string(sec)
	}
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]model.PlanOrganisation, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (t:Topic {id: $topic})
UNWIND $sectors AS code
CALL (t, code) {
  MATCH (t)<-[:INTERESTED_IN]-(o:Organisation)-[:IN_SECTOR]->(:Sector {code: code})
  WHERE NOT o.id IN $exclude
  RETURN o.id AS id ORDER BY id LIMIT $cap
}
RETURN id, code AS sector ORDER BY id`, map[string]any{"topic": topicID, "sectors": codes, "exclude": nonNil(exclude),
			"cap": perSectorCap})
		if err != nil {
			return nil, err
		}
		out := make([]model.PlanOrganisation, len(recs))
		for i, r := range recs {
			out[i] = model.PlanOrganisation{ID: recordValue(r, "id").(string), Sector: model.Sector(recordValue(r, "sector").(string)), Topic: true}
		}
		return out, nil
	})
}

// PlanOrganisationsByID describes the given organisations as PlanCandidates
// does, whether or not they are interested in the topic.
func (s *Store) PlanOrganisationsByID(ctx context.Context, topicID string, ids, exclude []string, peopleCap int) ([]model.PlanOrganisation, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]model.PlanOrganisation, error) {
		recs, err := s.collect(ctx, tx, `
OPTIONAL MATCH (t:Topic {id: $topic})
MATCH (o:Organisation)-[:IN_SECTOR]->(s:Sector) WHERE o.id IN $ids
`+planOrgReturn+`
ORDER BY id`, map[string]any{"topic": topicID, "ids": nonNil(ids), "exclude": nonNil(exclude), "peopleCap": peopleCap})
		if err != nil {
			return nil, err
		}
		return decodePlanOrganisations(recs), nil
	})
}

// PlanSubjects resolves ids to organisations and seatable people; ids that
// are neither (or private people) are absent.
func (s *Store) PlanSubjects(ctx context.Context, ids []string) (map[string]model.PlanSubject, error) {
	return readKeyed(ctx, s, `
UNWIND $ids AS id
CALL (id) {
  MATCH (o:Organisation {id: id}) RETURN true AS isOrg, [] AS orgs
  UNION
  MATCH (p:Person {id: id}) WHERE `+seatableWhere+`
  RETURN false AS isOrg, COLLECT {
    MATCH (p)-[:HAS_EXPERIENCE]->(e:Experience)-[:AT]->(o:Organisation)
    WHERE e.endDate IS NULL OR e.endDate >= date()
    RETURN DISTINCT o.id ORDER BY o.id } AS orgs
}
RETURN id, isOrg, orgs`, map[string]any{"ids": nonNil(ids)}, func(r *neo4j.Record) (string, model.PlanSubject) {
		sub := model.PlanSubject{ID: recordValue(r, "id").(string)}
		sub.IsOrg, _ = recordValue(r, "isOrg").(bool)
		for _, o := range recordList(r, "orgs") {
			sub.CurOrgs = append(sub.CurOrgs, o.(string))
		}
		return sub.ID, sub
	})
}

// CollaboratedPairs returns the pairs (a < b) of the given organisations
// that have been partners in the same collaboration.
func (s *Store) CollaboratedPairs(ctx context.Context, orgIDs []string) ([][2]string, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([][2]string, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (a:Organisation)-[:PARTNER_IN]->(:Collaboration)<-[:PARTNER_IN]-(b:Organisation)
WHERE a.id IN $ids AND b.id IN $ids AND a.id < b.id
RETURN DISTINCT a.id AS a, b.id AS b`, map[string]any{"ids": nonNil(orgIDs)})
		if err != nil {
			return nil, err
		}
		out := make([][2]string, len(recs))
		for i, r := range recs {
			out[i] = [2]string{recordValue(r, "a").(string), recordValue(r, "b").(string)}
		}
		return out, nil
	})
}

// PlanTranslators lists up to limit possible translators close to a
// workshop: up to perSource experts in topicID and up to perSource people
// with a stint at each of orgIDs (lowest ids first); the widest sector span
// first, then experts, then by id. Starting from the topic and the given
// organisations, with caps, keeps the search bounded on a large graph.
func (s *Store) PlanTranslators(ctx context.Context, topicID string, orgIDs, exclude []string, perSource, limit int) ([]model.PlanTranslator, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]model.PlanTranslator, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (t:Topic {id: $topic})
CALL (t) {
  MATCH (t)<-[:EXPERT_IN]-(p:Person)
  WHERE p.openToBridging = true AND `+seatableWhere+` AND NOT p.id IN $exclude
  RETURN p ORDER BY p.id LIMIT $perSource
  UNION
  UNWIND $orgs AS orgId
  CALL (orgId) {
    MATCH (:Organisation {id: orgId})<-[:AT]-(:Experience)<-[:HAS_EXPERIENCE]-(p:Person)
    WHERE p.openToBridging = true AND `+seatableWhere+` AND NOT p.id IN $exclude
    RETURN DISTINCT p ORDER BY p.id LIMIT $perSource
  }
  RETURN p
}
WITH DISTINCT t, p
WITH t, p, COLLECT {
  MATCH (p)-[:HAS_EXPERIENCE]->(:Experience)-[:AT]->(:Organisation)-[:IN_SECTOR]->(s:Sector)
  RETURN DISTINCT s.code ORDER BY s.code } AS sectors
WHERE size(sectors) >= 2
RETURN p.id AS id, sectors, EXISTS { (p)-[:EXPERT_IN]->(t) } AS expert
ORDER BY size(sectors) DESC, expert DESC, id LIMIT $limit`,
			map[string]any{"topic": topicID, "orgs": nonNil(orgIDs), "exclude": nonNil(exclude), "perSource": perSource, "limit": limit})
		if err != nil {
			return nil, err
		}
		out := make([]model.PlanTranslator, len(recs))
		for i, r := range recs {
			out[i] = model.PlanTranslator{ID: recordValue(r, "id").(string)}
			out[i].Expert, _ = recordValue(r, "expert").(bool)
			for _, sec := range recordList(r, "sectors") {
				out[i].Sectors = append(out[i].Sectors, model.Sector(sec.(string)))
			}
		}
		return out, nil
	})
}

// SeatablePeople returns, of the given ids, the people who may be seated:
// not private; with openToBridging for translators.
func (s *Store) SeatablePeople(ctx context.Context, ids []string) (map[string]*model.Person, error) {
	return readKeyed(ctx, s, "MATCH (p:Person) WHERE p.id IN $ids AND "+seatableWhere+" RETURN p {.*} AS n",
		map[string]any{"ids": nonNil(ids)}, func(r *neo4j.Record) (string, *model.Person) {
			p := personRecord(r)
			return p.ID, p
		})
}

// HasStintAt reports whether person has (had) a stint at organisation.
func (s *Store) HasStintAt(ctx context.Context, personID, orgID string) (bool, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (bool, error) {
		rec, err := s.single(ctx, tx, `RETURN EXISTS {
  (:Person {id: $p})-[:HAS_EXPERIENCE]->(:Experience)-[:AT]->(:Organisation {id: $o}) } AS ok`,
			map[string]any{"p": personID, "o": orgID})
		if err != nil || rec == nil {
			return false, err
		}
		ok, _ := recordValue(rec, "ok").(bool)
		return ok, nil
	})
}

// workshopEvaluation is the JSON kept in Workshop.evaluation.
type workshopEvaluation struct {
	Unmet        []*model.UnmetConstraint `json:"unmet"`
	Pairings     map[int][2]string        `json:"pairings,omitempty"`
	TableSectors map[int][]model.Sector   `json:"tableSectors,omitempty"`
}

func evaluationJSON(p model.WorkshopPlan) (string, error) {
	b, err := json.Marshal(workshopEvaluation{Unmet: nonNil(p.Unmet), Pairings: p.Pairings, TableSectors: p.TableSectors})
	return string(b), err
}

func seatRows(ps []*model.WorkshopParticipant) []map[string]any {
	rows := make([]map[string]any, len(ps))
	for i, p := range ps {
		rows[i] = map[string]any{"personId": p.PersonID, "organisationId": nullable(p.OrganisationID),
			"table": p.Table, "role": string(p.Role)}
	}
	return rows
}

const workshopReturn = `w {.*} AS w, [(w)-[:ABOUT]->(t:Topic) | t.id][0] AS topicId,
  [(p:Person)-[s:SEATED_AT]->(w) WHERE ` + seatableWhere + ` |
     {personId: p.id, table: s.table, role: s.role, organisationId: s.organisationId}] AS seats`

func workshopRecord(r *neo4j.Record) (*model.Workshop, error) {
	p := recordProps(r, "w")
	w := &model.Workshop{
		ID: p.str("id"), Title: p.str("title"), Place: p.str("place"), Facilitator: p.str("facilitator"),
		CreatedBy: p.str("createdBy"), CreatedAt: p.time("createdAt"), UpdatedAt: p.time("updatedAt"),
	}
	if d := p.date("date"); d != nil {
		w.Date = *d
	}
	topicID, _ := recordValue(r, "topicId").(string)
	w.Plan.Params = model.WorkshopParams{TopicID: topicID, Size: p.integer("size"), Tables: p.integer("tables"),
		MustInclude: p.strings("mustInclude"), Exclude: p.strings("exclude"), Seed: p.integer("seed")}
	for _, sec := range p.strings("sectors") {
		w.Plan.Params.Sectors = append(w.Plan.Params.Sectors, model.Sector(sec))
	}
	var ev workshopEvaluation
	if raw := p.str("evaluation"); raw != "" {
		if err := json.Unmarshal([]byte(raw), &ev); err != nil {
			return nil, fmt.Errorf("decode evaluation of workshop %s: %w", w.ID, err)
		}
	}
	w.Plan.Unmet, w.Plan.Pairings, w.Plan.TableSectors = nonNil(ev.Unmet), ev.Pairings, ev.TableSectors
	for _, raw := range recordList(r, "seats") {
		s := asProps(raw)
		w.Plan.Participants = append(w.Plan.Participants, &model.WorkshopParticipant{
			PersonID: s.str("personId"), OrganisationID: s.str("organisationId"), Table: s.integer("table"),
			Role: model.WorkshopRole(s.str("role")),
		})
	}
	model.SortSeats(w.Plan.Participants)
	return w, nil
}

// CreateWorkshop saves a workshop and its seating in one transaction:
// every seated person must still be seatable, or nothing is written.
func (s *Store) CreateWorkshop(ctx context.Context, w model.Workshop) (*model.Workshop, error) {
	w.ID = uuid.NewString()
	ev, err := evaluationJSON(w.Plan)
	if err != nil {
		return nil, fmt.Errorf("encode evaluation: %w", err)
	}
	sectors := make([]string, len(w.Plan.Params.Sectors))
	for i, sec := range w.Plan.Params.Sectors {
		sectors[i] = string(sec)
	}
	now := time.Now().UTC()
	params := map[string]any{
		"id": w.ID, "title": w.Title, "date": dateParam(&w.Date), "place": nullable(w.Place),
		"facilitator": nullable(w.Facilitator), "createdBy": w.CreatedBy, "size": w.Plan.Params.Size,
		"tables": w.Plan.Params.Tables, "sectors": sectors, "seed": w.Plan.Params.Seed,
		"mustInclude": nonNil(w.Plan.Params.MustInclude), "exclude": nonNil(w.Plan.Params.Exclude),
		"evaluation": ev, "now": now, "topic": w.Plan.Params.TopicID, "seats": seatRows(w.Plan.Participants),
	}
	id, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (string, error) {
		if id, err := s.replayed(ctx, tx, "workshop"); err != nil || id != "" {
			return id, err // read below, as a new one is
		}
		rec, err := s.single(ctx, tx, `
MATCH (t:Topic {id: $topic})
CREATE (w:Workshop {id: $id, title: $title, date: $date, place: $place, facilitator: $facilitator,
  createdBy: $createdBy, size: $size, tables: $tables, sectors: $sectors, seed: $seed,
  mustInclude: $mustInclude, exclude: $exclude, evaluation: $evaluation, createdAt: $now, updatedAt: $now})
CREATE (w)-[:ABOUT]->(t)
RETURN w.id AS id`, params)
		if err != nil {
			return "", err
		}
		if rec == nil {
			return "", errs.NotFound("topic", w.Plan.Params.TopicID)
		}
		if err := s.seat(ctx, tx, w.ID, w.Plan.Participants); err != nil {
			return "", err
		}
		return w.ID, s.remember(ctx, tx, "workshop", w.ID)
	})
	if err != nil {
		return nil, err
	}
	return s.workshop(ctx, id)
}

// seat creates the SEATED_AT relationships; it fails, and so rolls the
// transaction back, when a person is missing or has become private.
func (s *Store) seat(ctx context.Context, tx neo4j.ManagedTransaction, workshopID string, ps []*model.WorkshopParticipant) error {
	rec, err := s.single(ctx, tx, `
MATCH (w:Workshop {id: $id})
UNWIND $seats AS seat
OPTIONAL MATCH (p:Person {id: seat.personId}) WHERE `+seatableWhere+`
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END |
  CREATE (p)-[:SEATED_AT {table: seat.table, role: seat.role, organisationId: seat.organisationId}]->(w))
WITH seat, p WHERE p IS NULL
RETURN collect(seat.personId) AS missing`, map[string]any{"id": workshopID, "seats": seatRows(ps)})
	if err != nil {
		return err
	}
	if rec != nil {
		if missing := recordList(rec, "missing"); len(missing) > 0 {
			return errs.Conflict("person %q can no longer be seated (removed or made private); plan again", missing[0])
		}
	}
	return nil
}

func (s *Store) workshop(ctx context.Context, id string) (*model.Workshop, error) {
	m, err := s.WorkshopsByID(ctx, []string{id})
	return errs.Lookup("workshop", id, m, err)
}

// WorkshopsByID loads workshops with their seating; unknown ids are absent.
func (s *Store) WorkshopsByID(ctx context.Context, ids []string) (map[string]*model.Workshop, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]*model.Workshop, error) {
		recs, err := s.collect(ctx, tx, "MATCH (w:Workshop) WHERE w.id IN $ids RETURN "+workshopReturn,
			map[string]any{"ids": nonNil(ids)})
		if err != nil {
			return nil, err
		}
		out := make(map[string]*model.Workshop, len(recs))
		for _, r := range recs {
			w, err := workshopRecord(r)
			if err != nil {
				return nil, err
			}
			out[w.ID] = w
		}
		return out, nil
	})
}

// ListWorkshops lists up to limit workshops, latest date first; with
// participant set, only those where that person is seated; with topicID
// set, only those on that topic.
func (s *Store) ListWorkshops(ctx context.Context, participant, topicID string, limit int) ([]*model.Workshop, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]*model.Workshop, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (w:Workshop)
WHERE ($participant IS NULL OR EXISTS { (:Person {id: $participant})-[:SEATED_AT]->(w) })
  AND ($topic IS NULL OR EXISTS { (w)-[:ABOUT]->(:Topic {id: $topic}) })
WITH w ORDER BY w.date DESC, w.id LIMIT $limit
RETURN `+workshopReturn, map[string]any{"participant": nullable(participant), "topic": nullable(topicID), "limit": limit})
		if err != nil {
			return nil, err
		}
		out := make([]*model.Workshop, 0, len(recs))
		for _, r := range recs {
			w, err := workshopRecord(r)
			if err != nil {
				return nil, err
			}
			out = append(out, w)
		}
		return out, nil
	})
}

// UpdateWorkshop changes a workshop's practical details.
func (s *Store) UpdateWorkshop(ctx context.Context, id string, patch model.WorkshopPatch) (*model.Workshop, error) {
	set := map[string]any{"updatedAt": time.Now().UTC()}
	setIf(set, "title", patch.Title)
	if patch.Place != nil {
		set["place"] = nullable(*patch.Place)
	}
	if patch.Facilitator != nil {
		set["facilitator"] = nullable(*patch.Facilitator)
	}
	if patch.Date != nil {
		set["date"] = dateParam(patch.Date)
	}
	_, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		rec, err := s.single(ctx, tx, "MATCH (w:Workshop {id: $id}) SET w += $set RETURN w.id AS id",
			map[string]any{"id": id, "set": set})
		if err == nil && rec == nil {
			err = errs.NotFound("workshop", id)
		}
		return struct{}{}, err
	})
	if err != nil {
		return nil, err
	}
	return s.workshop(ctx, id)
}

// DeleteWorkshop deletes a workshop, its seating and its links; the
// collaborations it started stay.
func (s *Store) DeleteWorkshop(ctx context.Context, id string) error {
	_, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		rec, err := s.single(ctx, tx, "MATCH (w:Workshop {id: $id}) DETACH DELETE w RETURN count(*) AS n", map[string]any{"id": id})
		if err != nil {
			return struct{}{}, err
		}
		if n, _ := recordValue(rec, "n").(int64); n == 0 {
			return struct{}{}, errs.NotFound("workshop", id)
		}
		return struct{}{}, nil
	})
	return err
}

// ReplaceSeating saves an edited seating and its evaluation in one
// transaction, provided the workshop has not changed since it was read at
// version (its updatedAt): two facilitators editing at once get a CONFLICT
// instead of silently losing one edit.
func (s *Store) ReplaceSeating(ctx context.Context, id string, version time.Time, plan model.WorkshopPlan) (*model.Workshop, error) {
	ev, err := evaluationJSON(plan)
	if err != nil {
		return nil, fmt.Errorf("encode evaluation: %w", err)
	}
	_, err = writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		rec, err := s.single(ctx, tx, `
MATCH (w:Workshop {id: $id})
SET w.lock = true REMOVE w.lock
RETURN w.updatedAt = $version AS current`, map[string]any{"id": id, "version": version.UTC()})
		if err != nil {
			return struct{}{}, err
		}
		if rec == nil {
			return struct{}{}, errs.NotFound("workshop", id)
		}
		if cur, _ := recordValue(rec, "current").(bool); !cur {
			return struct{}{}, errs.Conflict("workshop %q was changed by someone else meanwhile; load it and try again", id)
		}
		if _, err := s.collect(ctx, tx, `
MATCH (w:Workshop {id: $id})
OPTIONAL MATCH (:Person)-[s:SEATED_AT]->(w) DELETE s
WITH DISTINCT w SET w.evaluation = $evaluation, w.updatedAt = $now`,
			map[string]any{"id": id, "evaluation": ev, "now": time.Now().UTC()}); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, s.seat(ctx, tx, id, plan.Participants)
	})
	if err != nil {
		return nil, err
	}
	return s.workshop(ctx, id)
}

// LinkCollaborationToWorkshop records that a collaboration started at a
// workshop. A collaboration starts at one workshop at most.
func (s *Store) LinkCollaborationToWorkshop(ctx context.Context, collabID, workshopID string) error {
	_, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		rec, err := s.single(ctx, tx, `
OPTIONAL MATCH (c:Collaboration {id: $c})
OPTIONAL MATCH (w:Workshop {id: $w})
RETURN c IS NOT NULL AS hasC, w IS NOT NULL AS hasW, [(c)-[:STARTED_AT]->(o:Workshop) | o.id][0] AS current`,
			map[string]any{"c": collabID, "w": workshopID})
		if err != nil {
			return struct{}{}, err
		}
		hasC, _ := recordValue(rec, "hasC").(bool)
		hasW, _ := recordValue(rec, "hasW").(bool)
		switch cur, _ := recordValue(rec, "current").(string); {
		case !hasC:
			return struct{}{}, errs.NotFound("collaboration", collabID)
		case !hasW:
			return struct{}{}, errs.NotFound("workshop", workshopID)
		case cur == workshopID:
			return struct{}{}, nil
		case cur != "":
			return struct{}{}, errs.Conflict("collaboration %q is already linked to workshop %q; unlink it first", collabID, cur)
		}
		_, err = s.collect(ctx, tx, `
MATCH (c:Collaboration {id: $c}), (w:Workshop {id: $w})
MERGE (c)-[:STARTED_AT]->(w)`, map[string]any{"c": collabID, "w": workshopID})
		return struct{}{}, err
	})
	return err
}

// UnlinkCollaborationFromWorkshop removes the link; NOT_FOUND when there
// is none.
func (s *Store) UnlinkCollaborationFromWorkshop(ctx context.Context, collabID, workshopID string) error {
	_, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		rec, err := s.single(ctx, tx, `
MATCH (:Collaboration {id: $c})-[r:STARTED_AT]->(:Workshop {id: $w}) DELETE r RETURN count(*) AS n`,
			map[string]any{"c": collabID, "w": workshopID})
		if err != nil {
			return struct{}{}, err
		}
		if n, _ := recordValue(rec, "n").(int64); n == 0 {
			return struct{}{}, notFoundf("collaboration %q is not linked to workshop %q", collabID, workshopID)
		}
		return struct{}{}, nil
	})
	return err
}

// OutcomesByWorkshop lists, per workshop, the collaborations it started,
// by title then id.
func (s *Store) OutcomesByWorkshop(ctx context.Context, workshopIDs []string) (map[string][]*model.Collaboration, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string][]*model.Collaboration, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (n:Collaboration)-[:STARTED_AT]->(w:Workshop) WHERE w.id IN $ids
RETURN w.id AS wid, `+collaborationReturn+` ORDER BY n.title, n.id`, map[string]any{"ids": nonNil(workshopIDs)})
		if err != nil {
			return nil, err
		}
		out := map[string][]*model.Collaboration{}
		for _, r := range recs {
			wid := recordValue(r, "wid").(string)
			out[wid] = append(out[wid], collaborationRecord(r))
		}
		return out, nil
	})
}

// WorkshopsByCollaboration maps collaboration ids to the workshop each
// started at; collaborations with none are absent.
func (s *Store) WorkshopsByCollaboration(ctx context.Context, collabIDs []string) (map[string]*model.Workshop, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]*model.Workshop, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (c:Collaboration)-[:STARTED_AT]->(w:Workshop) WHERE c.id IN $ids
RETURN c.id AS cid, `+workshopReturn, map[string]any{"ids": nonNil(collabIDs)})
		if err != nil {
			return nil, err
		}
		out := make(map[string]*model.Workshop, len(recs))
		for _, r := range recs {
			w, err := workshopRecord(r)
			if err != nil {
				return nil, err
			}
			out[recordValue(r, "cid").(string)] = w
		}
		return out, nil
	})
}

// TopicsByInterest lists up to limit topics whose id starts with prefix,
// those with the most interested organisations first (for benchmarks).
func (s *Store) TopicsByInterest(ctx context.Context, prefix string, limit int) ([]string, error) {
	return s.readIDs(ctx, `
MATCH (t:Topic) WHERE t.id STARTS WITH $prefix
WITH t, COUNT { (t)<-[:INTERESTED_IN]-(:Organisation) } AS n
RETURN t.id AS id ORDER BY n DESC, id LIMIT $limit`, map[string]any{"prefix": prefix, "limit": limit})
}
