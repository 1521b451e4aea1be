package store

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// ErasePerson deletes a person, their stints and contact details in one
// transaction and leaves no trace of their id. Their contributions stay on
// the collaborations, moved to an anonymous (:ErasedContributor) node with
// the same role; phase changes they made forget who made them; workshops
// forget that they created them, had them to include or to leave out, and
// their seats (the SEATED_AT relationships) go with them; an idempotency
// key that created them is removed; partnership calls, call responses,
// introductions (the translator's too), partner evaluations, inbox items
// and the invitations to contribute they sent forget them, and their own
// inbox and invitations go. An (:AuditEvent) records when and what
// kind of erasure happened (actor "self" or "admin", never the person's
// id), who erased when it was an administrator (actorSubject, their token
// subject), and how much was removed.
func (s *Store) ErasePerson(ctx context.Context, personID, actor, actorSubject string) (*model.DeletionReceipt, error) {
	return writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.DeletionReceipt, error) {
		rec, err := s.single(ctx, tx, `
MATCH (p:Person {id: $id})
CALL (p) {
  OPTIONAL MATCH (p)-[:HAS_EXPERIENCE]->(e:Experience)
  DETACH DELETE e
  RETURN count(e) AS experiences
}
CALL (p) {
  OPTIONAL MATCH (p)-[r:CONTRIBUTED_TO]->(c:Collaboration)
  CALL (r, c) {
    WITH r, c WHERE r IS NOT NULL
    CREATE (:ErasedContributor)-[:CONTRIBUTED_TO {role: r.role}]->(c)
    DELETE r
  }
  RETURN count(r) AS contributions
}
CALL (p) {
  OPTIONAL MATCH (pc:PhaseChange {movedBy: p.id})
  SET pc.movedBy = null
  RETURN count(pc) AS phaseChanges
}
CALL (p) {
  MATCH (w:Workshop)
  WHERE w.createdBy = p.id OR p.id IN w.mustInclude OR p.id IN w.exclude OR w.evaluation CONTAINS p.id
  SET w.createdBy = CASE WHEN w.createdBy = p.id THEN null ELSE w.createdBy END,
      w.mustInclude = [x IN w.mustInclude WHERE x <> p.id],
      w.exclude = [x IN w.exclude WHERE x <> p.id],
      w.evaluation = replace(w.evaluation, p.id, '(erased)')
}
CALL (p) {
  MATCH (k:IdempotencyKey {resultId: p.id})
  DELETE k
}
CALL (p) {
  // Partnership calls, responses, introductions, partner evaluations and
  // the inbox stay with their organisations; they forget the person.
  OPTIONAL MATCH (k:PartnershipCall {createdBy: p.id})
  SET k.createdBy = null
  WITH DISTINCT p
  OPTIONAL MATCH (r:CallResponse) WHERE r.respondedBy = p.id OR r.decidedBy = p.id
  SET r.respondedBy = CASE WHEN r.respondedBy = p.id THEN null ELSE r.respondedBy END,
      r.decidedBy = CASE WHEN r.decidedBy = p.id THEN null ELSE r.decidedBy END
  WITH DISTINCT p
  OPTIONAL MATCH (i:Introduction) WHERE i.translatorId = p.id OR i.requestedBy = p.id OR i.connectedBy = p.id OR p.id IN i.historyBy
  SET i.translatorId = CASE WHEN i.translatorId = p.id THEN null ELSE i.translatorId END,
      i.key = CASE WHEN i.translatorId = p.id THEN null ELSE i.key END,
      i.requestedBy = CASE WHEN i.requestedBy = p.id THEN null ELSE i.requestedBy END,
      i.connectedBy = CASE WHEN i.connectedBy = p.id THEN null ELSE i.connectedBy END,
      i.historyBy = [b IN i.historyBy | CASE WHEN b = p.id THEN '' ELSE b END]
  WITH DISTINCT p
  OPTIONAL MATCH (e:PartnerEvaluation {by: p.id})
  SET e.by = null
  WITH DISTINCT p
  OPTIONAL MATCH (n:InboxItem) WHERE n.recipientPerson = p.id OR n.by = p.id OR n.requester = p.id OR p.id IN n.readBy
  WITH p, n, coalesce(n.recipientPerson = p.id, false) AS own
  FOREACH (_ IN CASE WHEN n IS NOT NULL AND NOT own THEN [1] ELSE [] END |
    SET n.by = CASE WHEN n.by = p.id THEN null ELSE n.by END,
        n.requester = CASE WHEN n.requester = p.id THEN null ELSE n.requester END,
        n.readBy = [x IN n.readBy WHERE x <> p.id])
  FOREACH (_ IN CASE WHEN own THEN [1] ELSE [] END | DETACH DELETE n)
  RETURN count(*) AS forgotten
}
CALL (p) {
  // Invitations the person sent forget who sent them; those they received
  // go with the person (DETACH DELETE below).
  OPTIONAL MATCH ()-[i:INVITED_TO {by: p.id}]->()
  SET i.by = null
  RETURN count(i) AS invitationsSent
}
CALL (p) {
  // The notes stay (they are the partnership's memory), without their author.
  OPTIONAL MATCH (cn:CollaborationNote {author: p.id})
  SET cn.author = null
  RETURN count(cn) AS notes
}
DETACH DELETE p
CREATE (a:AuditEvent {action: 'PERSON_DATA_ERASED', actor: $actor, actorSubject: $actorSubject, at: datetime(),
  experiencesRemoved: experiences, contributionsAnonymised: contributions})
RETURN a.at AS at, experiences, contributions`, map[string]any{"id": personID, "actor": actor, "actorSubject": nullable(actorSubject)})
		if err != nil {
			return nil, err
		}
		if rec == nil {
			return nil, errs.NotFound("person", personID)
		}
		at, _ := recordValue(rec, "at").(time.Time)
		exps, _ := recordValue(rec, "experiences").(int64)
		contribs, _ := recordValue(rec, "contributions").(int64)
		return &model.DeletionReceipt{ErasedAt: at.UTC(), ExperiencesRemoved: int(exps), ContributionsAnonymised: int(contribs)}, nil
	})
}

// PersonalRecords reads, in one statement, what Tulkki holds about person
// id beyond their profile, stints, expertise and contributions: every
// property stored on the person (network measures and the summaries kept
// for searching included), their workshop seats, the workshops they
// created or that name them in their constraints, and the phase changes
// they made. nil when there is no such person.
func (s *Store) PersonalRecords(ctx context.Context, id string) (*model.PersonalRecords, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.PersonalRecords, error) {
		rec, err := s.single(ctx, tx, `
MATCH (p:Person {id: $id})
RETURN properties(p) AS stored,
  COLLECT { MATCH (p)-[s:SEATED_AT]->(w:Workshop)
    RETURN {workshopId: w.id, title: w.title, date: w.date, table: s.table, role: s.role} ORDER BY w.date, w.id } AS seats,
  COLLECT { MATCH (w:Workshop)
    WHERE w.createdBy = p.id OR p.id IN w.mustInclude OR p.id IN w.exclude
    RETURN {workshopId: w.id, title: w.title, createdByYou: w.createdBy = p.id,
      mustInclude: p.id IN w.mustInclude, excluded: p.id IN w.exclude} ORDER BY w.id } AS workshops,
  COLLECT { MATCH (c:Collaboration)-[:HAD_PHASE]->(h:PhaseChange {movedBy: p.id})
    RETURN {collaborationId: c.id, title: c.title, phase: h.phase, at: h.at, note: h.note} ORDER BY h.at } AS phaseChanges`,
			map[string]any{"id": id})
		if err != nil || rec == nil {
			return nil, err
		}
		out := &model.PersonalRecords{Stored: map[string]any{}}
		for k, v := range recordProps(rec, "stored") {
			out.Stored[k] = exportable(v)
		}
		for _, raw := range recordList(rec, "seats") {
			m := asProps(raw)
			out.Seats = append(out.Seats, model.PersonalSeat{WorkshopID: m.str("workshopId"), Title: m.str("title"),
				Date: m.date("date"), Table: m.integer("table"), Role: m.str("role")})
		}
		for _, raw := range recordList(rec, "workshops") {
			m := asProps(raw)
			out.Workshops = append(out.Workshops, model.PersonalWorkshop{WorkshopID: m.str("workshopId"), Title: m.str("title"),
				CreatedByYou: m.boolean("createdByYou"), MustInclude: m.boolean("mustInclude"), Excluded: m.boolean("excluded")})
		}
		for _, raw := range recordList(rec, "phaseChanges") {
			m := asProps(raw)
			out.PhaseChanges = append(out.PhaseChanges, model.PersonalPhaseChange{CollaborationID: m.str("collaborationId"),
				Title: m.str("title"), Phase: m.str("phase"), At: m.time("at"), Note: m.str("note")})
		}
		return out, nil
	})
}

// exportable turns a stored value into one JSON can carry: dates and
// times as ISO text, lists element by element.
func exportable(v any) any {
	switch x := v.(type) {
	case time.Time:
		return x.UTC().Format(time.RFC3339)
	case dbtype.Date:
		return model.DateOf(time.Time(x)).String()
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = exportable(e)
		}
		return out
	}
	return v
}

// AuditEvent is one record of the privacy audit trail.
type AuditEvent struct {
	Action                  string
	Actor                   string
	At                      time.Time
	ExperiencesRemoved      int
	ContributionsAnonymised int
}

// AuditEventsSince lists audit events at or after since, oldest first.
func (s *Store) AuditEventsSince(ctx context.Context, since time.Time) ([]AuditEvent, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]AuditEvent, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (a:AuditEvent) WHERE a.at >= $since
RETURN a {.*} AS a ORDER BY a.at`, map[string]any{"since": since.UTC()})
		if err != nil {
			return nil, err
		}
		out := make([]AuditEvent, 0, len(recs))
		for _, r := range recs {
			a := recordProps(r, "a")
			out = append(out, AuditEvent{Action: a.str("action"), Actor: a.str("actor"), At: a.time("at"),
				ExperiencesRemoved: a.integer("experiencesRemoved"), ContributionsAnonymised: a.integer("contributionsAnonymised")})
		}
		return out, nil
	})
}

// PartnershipRecordsOf lists, for a person's data export, the partnership
// calls they wrote, the call responses they sent or decided, the
// introductions they asked for, were asked to make or accepted, the
// partner evaluations they recorded, and the invitations to contribute
// they have and have sent: each as a plain JSON-ready map.
func (s *Store) PartnershipRecordsOf(ctx context.Context, personID string) (map[string]any, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]any, error) {
		rec, err := s.single(ctx, tx, `
RETURN
  COLLECT { MATCH (k:PartnershipCall {createdBy: $id})
            RETURN {id: k.id, title: k.title, kind: k.kind, status: k.status, organisationId: k.organisationId,
                    createdAt: toString(k.createdAt)} } AS calls,
  COLLECT { MATCH (r:CallResponse) WHERE r.respondedBy = $id OR r.decidedBy = $id
            RETURN {id: r.id, callId: r.callId, organisationId: r.organisationId, message: r.message, status: r.status,
                    sent: r.respondedBy = $id, decided: r.decidedBy = $id, createdAt: toString(r.createdAt)} } AS responses,
  COLLECT { MATCH (i:Introduction) WHERE i.translatorId = $id OR i.requestedBy = $id OR i.connectedBy = $id
            RETURN {id: i.id, status: i.status, fromOrganisationId: i.fromId, toOrganisationId: i.toId, message: i.message,
                    role: CASE WHEN i.translatorId = $id THEN 'TRANSLATOR' WHEN i.requestedBy = $id THEN 'REQUESTER' ELSE 'RECIPIENT' END,
                    createdAt: toString(i.createdAt)} } AS introductions,
  COLLECT { MATCH (e:PartnerEvaluation {by: $id})
            RETURN {collaborationId: e.collaborationId, organisationId: e.organisationId, goalsMet: e.goalsMet,
                    cooperation: e.cooperation, wouldContinue: e.wouldContinue, notes: e.notes, at: toString(e.at)} } AS evaluations,
  COLLECT { MATCH (:Person {id: $id})-[i:INVITED_TO]->(c:Collaboration)
            RETURN {collaborationId: c.id, title: c.title, role: i.role, invitedAt: toString(i.at)} ORDER BY i.at } AS invitations,
  COLLECT { MATCH (x:Person)-[i:INVITED_TO {by: $id}]->(c:Collaboration)
            RETURN {collaborationId: c.id, title: c.title, personId: x.id, role: i.role, invitedAt: toString(i.at)} ORDER BY i.at } AS invitationsSent`,
			map[string]any{"id": personID})
		if err != nil {
			return nil, err
		}
		out := map[string]any{}
		for _, key := range []string{"calls", "responses", "introductions", "evaluations", "invitations", "invitationsSent"} {
			list := recordList(rec, key)
			if list == nil {
				list = []any{}
			}
			out[key] = list
		}
		return out, nil
	})
}
