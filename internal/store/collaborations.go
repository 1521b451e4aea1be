package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// A collaboration is a node with its partners, contributors and topics as
// relationships, and its phase history as a chain of nodes:
//
//	(:Organisation)-[:PARTNER_IN {role}]->(:Collaboration)
//	(:Person)-[:CONTRIBUTED_TO {role}]->(:Collaboration)
//	(:Person)-[:INVITED_TO {role, by, at}]->(:Collaboration)   an invitation the person has not answered
//	(:Collaboration)-[:ABOUT]->(:Topic)
//	(:Collaboration)-[:HAD_PHASE]->(:PhaseChange {seq, phase, at, note, movedBy})
//	(:Collaboration)-[:HAS_NOTE]->(:CollaborationNote {id, kind, text, at, author})
//
// lastPhaseChangeAt on the collaboration is the time of its newest phase
// change, kept by every write that appends one (and backfilled by
// migration 15), so that lists order and filter by it ("stalled") without
// reading the history.
//
// seq numbers a collaboration's phase changes 1, 2, 3… so that the history
// orders stably even when two changes share a timestamp. The evaluation is
// kept on the collaboration itself (evaluationRating, evaluationNotes,
// evaluatedAt); it exists when evaluationRating does.
//
// Every mutation that applies a rule first locks the collaboration node
// (lockCollaboration) and reads its state in the same transaction, so two
// concurrent requests cannot both pass a check that only one of them may
// (two LEAD partners, removing the last two partners at once).

const collaborationReturn = "n {.*} AS n"

func decodeCollaboration(p fields) *model.Collaboration {
	if p.absent() {
		return nil
	}
	c := &model.Collaboration{
		ID: p.str("id"), Title: p.str("title"), Description: p.str("description"),
		Form: model.CollaborationForm(p.str("form")), Phase: model.CollaborationPhase(p.str("phase")),
		StartDate: p.date("startDate"), EndDate: p.date("endDate"),
		CreatedAt: p.time("createdAt"), UpdatedAt: p.time("updatedAt"),
		LastPhaseChangeAt: p.time("lastPhaseChangeAt"),
	}
	if c.LastPhaseChangeAt.IsZero() {
		c.LastPhaseChangeAt = c.CreatedAt
	}
	if rating, _ := p.lookup("evaluationRating"); rating != nil {
		c.Evaluation = &model.Evaluation{
			Rating: p.integer("evaluationRating"), Notes: p.str("evaluationNotes"), EvaluatedAt: p.time("evaluatedAt"),
		}
	}
	if pe, ok := p.lookup("partnerEvaluations"); ok {
		c.PartnerEvaluations = decodePartnerEvaluations(asProps(pe))
	}
	return c
}

func collaborationRecord(r *neo4j.Record) *model.Collaboration {
	return decodeCollaboration(recordProps(r, "n"))
}

// CollaborationsByID loads collaborations by id; unknown ids are absent.
func (s *Store) CollaborationsByID(ctx context.Context, ids []string) (map[string]*model.Collaboration, error) {
	return readKeyed(ctx, s, "MATCH (n:Collaboration) WHERE n.id IN $ids RETURN "+collaborationReturn,
		map[string]any{"ids": ids}, func(r *neo4j.Record) (string, *model.Collaboration) {
			c := collaborationRecord(r)
			return c.ID, c
		})
}

// collaborationOrders are the sort keys of the orders of a collaboration
// list other than by title: strings that sort as the values do, since a
// cursor holds its key as a string. A missing start date sorts last in
// either direction.
var collaborationOrders = map[model.CollaborationOrderField][2]string{
	model.OrderByStarted: {"coalesce(toString(n.startDate), '~')", "coalesce(toString(n.startDate), '')"},
	// Epoch milliseconds, zero-padded: RFC 3339 text with fractional
	// seconds of varying length does not sort as the times do.
	model.OrderByLastPhaseChange: {"right('000000000000000' + toString(n.lastPhaseChangeAt.epochMillis), 15)",
		"right('000000000000000' + toString(n.lastPhaseChangeAt.epochMillis), 15)"},
}

// collaborationList builds the list of collaborations matching f in order
// o; one filtered by a partner or a topic starts from that node.
func collaborationList(f model.CollaborationFilter, o model.CollaborationOrdering) (listQuery, map[string]any) {
	q := listQuery{source: "MATCH (n:Collaboration)", sortKey: "title", desc: o.Desc}
	if keys, ok := collaborationOrders[o.Field]; ok {
		q.sortExpr = keys[0]
		if o.Desc {
			q.sortExpr = keys[1]
		}
	}
	if o.Field == model.OrderByBoldness {
		// The scores come as a parameter, as strings that sort as the
		// numbers do (they are in [0, 1]).
		q.sortExpr = "coalesce($orderScores[n.id], '" + scoreKey(0) + "')"
	}
	q.from(f.TopicID != "", "MATCH (:Topic {id: $topicId})<-[:ABOUT]-(n:Collaboration)")
	q.from(f.OrganisationID != "", "MATCH (:Organisation {id: $organisationId})-[:PARTNER_IN]->(n:Collaboration)")
	// The full-text index covers only collaborations; the label keeps a
	// search-started list to them all the same.
	q.and(true, "n:Collaboration")
	q.and(f.Phase != "", "n.phase = $phase")
	q.and(f.Form != "", "n.form = $form")
	q.and(f.TopicID != "", "EXISTS { (n)-[:ABOUT]->(:Topic {id: $topicId}) }")
	q.and(f.OrganisationID != "", "EXISTS { (:Organisation {id: $organisationId})-[:PARTNER_IN]->(n) }")
	q.and(f.Sector != "", "EXISTS { (:Sector {code: $sector})<-[:IN_SECTOR]-(:Organisation)-[:PARTNER_IN]->(n) }")
	q.and(f.Region != "", "EXISTS { (:Organisation {region: $region})-[:PARTNER_IN]->(n) }")
	q.and(f.StalledFor != "", "n.phase <> 'EVALUATED' AND n.lastPhaseChangeAt <= datetime() - duration($stalledFor)")
	params := map[string]any{
		"phase": string(f.Phase), "form": string(f.Form), "topicId": f.TopicID,
		"organisationId": f.OrganisationID, "sector": string(f.Sector),
		"region": f.Region, "stalledFor": f.StalledFor,
	}
	if o.Field == model.OrderByBoldness {
		keys := make(map[string]any, len(o.Scores))
		for id, score := range o.Scores {
			keys[id] = scoreKey(score)
		}
		params["orderScores"] = keys
	}
	q.search(params, "collaboration_text", f.Search)
	return q, params
}

// scoreKey writes a score in [0, 1] as a string that sorts as the scores do.
func scoreKey(score float64) string { return strconv.FormatFloat(score, 'f', 15, 64) }

// CollaborationIDs lists the ids of every collaboration matching f, for
// an order the domain computes (by boldness).
func (s *Store) CollaborationIDs(ctx context.Context, f model.CollaborationFilter) ([]string, error) {
	q, params := collaborationList(f, model.CollaborationOrdering{})
	return s.readIDs(ctx, q.ids(), params)
}

func decodePartnership(p fields) *model.Partnership {
	return &model.Partnership{
		CollaborationID: p.str("collaborationId"), OrganisationID: p.str("organisationId"),
		Role: model.PartnerRole(p.str("role")),
	}
}

func decodeContribution(p fields) *model.Contribution {
	return &model.Contribution{
		CollaborationID: p.str("collaborationId"), PersonID: p.str("personId"),
		Role: model.ContributorRole(p.str("role")),
	}
}

// PartnersByCollaboration loads the partners of many collaborations in one
// query: the LEAD first, then by organisation name.
func (s *Store) PartnersByCollaboration(ctx context.Context, collabIDs []string) (map[string][]*model.Partnership, error) {
	return readGrouped(ctx, s, `
MATCH (o:Organisation)-[r:PARTNER_IN]->(c:Collaboration)
WHERE c.id IN $ids
RETURN {collaborationId: c.id, organisationId: o.id, role: r.role} AS p
ORDER BY c.id, CASE r.role WHEN 'LEAD' THEN 0 ELSE 1 END, o.name, o.id`, map[string]any{"ids": collabIDs}, func(r *neo4j.Record) (string, *model.Partnership) {
		p := decodePartnership(recordProps(r, "p"))
		return p.CollaborationID, p
	})
}

// PartnershipsByOrganisation loads, for many organisations in one query,
// the collaborations each is a partner in, newest collaboration first.
func (s *Store) PartnershipsByOrganisation(ctx context.Context, orgIDs []string) (map[string][]*model.Partnership, error) {
	return readGrouped(ctx, s, `
MATCH (o:Organisation)-[r:PARTNER_IN]->(c:Collaboration)
WHERE o.id IN $ids
RETURN {collaborationId: c.id, organisationId: o.id, role: r.role} AS p
ORDER BY o.id, c.createdAt DESC, c.id`, map[string]any{"ids": orgIDs}, func(r *neo4j.Record) (string, *model.Partnership) {
		p := decodePartnership(recordProps(r, "p"))
		return p.OrganisationID, p
	})
}

// ContributorsByCollaboration loads the contributors of many collaborations
// in one query: LEAD contributors first, then by person name.
func (s *Store) ContributorsByCollaboration(ctx context.Context, collabIDs []string) (map[string][]*model.Contribution, error) {
	return readGrouped(ctx, s, `
MATCH (p)-[r:CONTRIBUTED_TO]->(c:Collaboration)
WHERE c.id IN $ids AND (p:Person OR p:ErasedContributor)
RETURN {collaborationId: c.id, personId: p.id, role: r.role} AS k
ORDER BY c.id, CASE r.role WHEN 'LEAD' THEN 0 ELSE 1 END, p.name, p.id`, map[string]any{"ids": collabIDs}, func(r *neo4j.Record) (string, *model.Contribution) {
		k := decodeContribution(recordProps(r, "k"))
		return k.CollaborationID, k
	})
}

// ContributionsByPerson loads, for many people in one query, the
// collaborations each contributed to, newest collaboration first.
func (s *Store) ContributionsByPerson(ctx context.Context, personIDs []string) (map[string][]*model.Contribution, error) {
	return readGrouped(ctx, s, `
MATCH (p:Person)-[r:CONTRIBUTED_TO]->(c:Collaboration)
WHERE p.id IN $ids
RETURN {collaborationId: c.id, personId: p.id, role: r.role} AS k
ORDER BY p.id, c.createdAt DESC, c.id`, map[string]any{"ids": personIDs}, func(r *neo4j.Record) (string, *model.Contribution) {
		k := decodeContribution(recordProps(r, "k"))
		return k.PersonID, k
	})
}

// PhaseHistoryByCollaboration loads the phase history of many
// collaborations in one query, oldest change first.
func (s *Store) PhaseHistoryByCollaboration(ctx context.Context, collabIDs []string) (map[string][]*model.PhaseChange, error) {
	return readGrouped(ctx, s, `
MATCH (c:Collaboration)-[:HAD_PHASE]->(h:PhaseChange)
WHERE c.id IN $ids
RETURN c.id AS owner, h {.*} AS h
ORDER BY owner, h.seq`, map[string]any{"ids": collabIDs}, func(r *neo4j.Record) (string, *model.PhaseChange) {
		owner := recordValue(r, "owner").(string)
		return owner, decodePhaseChange(recordProps(r, "h"))
	})
}

// CreateCollaboration stores a new collaboration with a fresh id, its
// topics, partners and contributors, and the first entry of its phase
// history, all in one transaction. The caller has checked the rules on the
// partners (at least one, one LEAD, no duplicates); here every referenced
// topic, organisation and person must exist.
func (s *Store) CreateCollaboration(ctx context.Context, c model.Collaboration, topicIDs []string,
	partners []model.Partnership, contributors []model.Contribution, movedBy string) (*model.Collaboration, error) {
	return createOnce(ctx, s, "collaboration", "MATCH (n:Collaboration {id: $id}) RETURN "+collaborationReturn, collaborationRecord,
		func(tx neo4j.ManagedTransaction) (*model.Collaboration, string, error) {
			created, err := s.createCollaboration(ctx, tx, c, topicIDs, partners, contributors, movedBy)
			if err != nil {
				return nil, "", err
			}
			return created, created.ID, nil
		})
}

// createCollaboration is CreateCollaboration inside a transaction of the
// caller's.
func (s *Store) createCollaboration(ctx context.Context, tx neo4j.ManagedTransaction, c model.Collaboration, topicIDs []string,
	partners []model.Partnership, contributors []model.Contribution, movedBy string) (*model.Collaboration, error) {
	c.ID = uuid.NewString()
	orgIDs := make([]string, len(partners))
	partnerParams := make([]map[string]any, len(partners))
	for i, p := range partners {
		orgIDs[i] = p.OrganisationID
		partnerParams[i] = map[string]any{"id": p.OrganisationID, "role": string(p.Role)}
	}
	personIDs := make([]string, len(contributors))
	contributorParams := []map[string]any{}
	inviteParams := []map[string]any{}
	var invited []string
	for i, k := range contributors {
		personIDs[i] = k.PersonID
		row := map[string]any{"id": k.PersonID, "role": string(k.Role)}
		if k.Invited {
			inviteParams = append(inviteParams, row)
			invited = append(invited, k.PersonID)
		} else {
			contributorParams = append(contributorParams, row)
		}
	}
	if err := s.requireAll(ctx, tx, "Topic", topicIDs); err != nil {
		return nil, err
	}
	if err := s.requireAll(ctx, tx, "Organisation", orgIDs); err != nil {
		return nil, err
	}
	if err := s.requireAll(ctx, tx, "Person", personIDs); err != nil {
		return nil, err
	}
	rec, err := s.single(ctx, tx, `
CREATE (n:Collaboration {id: $id, title: $title, description: $description, form: $form, phase: $phase,
  startDate: $startDate, endDate: $endDate, createdAt: datetime(), updatedAt: datetime(), lastPhaseChangeAt: datetime()})
CREATE (n)-[:HAD_PHASE]->(:PhaseChange {seq: 1, phase: $phase, at: n.createdAt, note: 'created', movedBy: $movedBy})
WITH n
CALL (n) {
  UNWIND $topics AS topicId
  MATCH (t:Topic {id: topicId})
  MERGE (n)-[:ABOUT]->(t)
}
CALL (n) {
  UNWIND $partners AS partner
  MATCH (o:Organisation {id: partner.id})
  MERGE (o)-[r:PARTNER_IN]->(n)
  SET r.role = partner.role
}
CALL (n) {
  UNWIND $contributors AS contributor
  MATCH (p:Person {id: contributor.id})
  MERGE (p)-[r:CONTRIBUTED_TO]->(n)
  SET r.role = contributor.role
}
CALL (n) {
  UNWIND $invitations AS invitation
  MATCH (p:Person {id: invitation.id})
  MERGE (p)-[r:INVITED_TO]->(n)
  SET r.role = invitation.role, r.by = $movedBy, r.at = n.createdAt
}
WITH n, n AS c`+refreshPartnerSectors+`
RETURN `+collaborationReturn, map[string]any{
		"id": c.ID, "title": c.Title, "description": c.Description, "form": string(c.Form),
		"phase": string(c.Phase), "startDate": dateParam(c.StartDate), "endDate": dateParam(c.EndDate),
		"movedBy": nullable(movedBy), "topics": nonNil(topicIDs),
		"partners": partnerParams, "contributors": contributorParams, "invitations": inviteParams,
	})
	if err != nil {
		return nil, err
	}
	created := collaborationRecord(rec)
	if err := s.notify(ctx, tx, created.CreatedAt, invitationNotices(created.ID, invited, movedBy)...); err != nil {
		return nil, err
	}
	return created, nil
}

// UpdateCollaboration applies patch to collaboration id. check runs inside
// the transaction on the collaboration as it would be after the change
// (e.g. end not before start); an error from it rolls everything back.
func (s *Store) UpdateCollaboration(ctx context.Context, id string, patch model.CollaborationPatch,
	check func(after *model.Collaboration) error) (*model.Collaboration, error) {
	return writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.Collaboration, error) {
		if patch.TopicIDs != nil {
			if err := s.requireAll(ctx, tx, "Topic", *patch.TopicIDs); err != nil {
				return nil, err
			}
		}
		set := map[string]any{}
		setIf(set, "title", patch.Title)
		setIf(set, "description", patch.Description)
		if patch.Form != nil {
			set["form"] = string(*patch.Form)
		}
		if patch.SetStartDate {
			set["startDate"] = dateParam(patch.StartDate) // nil removes the property
		}
		if patch.SetEndDate {
			set["endDate"] = dateParam(patch.EndDate)
		}
		var topics any // nil: leave the topics as they are
		if patch.TopicIDs != nil {
			topics = nonNil(*patch.TopicIDs)
		}
		rec, err := s.single(ctx, tx, `
MATCH (n:Collaboration {id: $id})
SET n += $set, n.updatedAt = datetime()
WITH n
CALL (n) {
  WITH n WHERE $topics IS NOT NULL
  OPTIONAL MATCH (n)-[old:ABOUT]->()
  DELETE old
  WITH DISTINCT n
  UNWIND $topics AS topicId
  MATCH (t:Topic {id: topicId})
  MERGE (n)-[:ABOUT]->(t)
}
RETURN `+collaborationReturn, map[string]any{"id": id, "set": set, "topics": topics})
		if err != nil {
			return nil, err
		}
		if rec == nil {
			return nil, errs.NotFound("collaboration", id)
		}
		after := collaborationRecord(rec)
		if check != nil {
			if err := check(after); err != nil {
				return nil, err // rolls the transaction back
			}
		}
		return after, nil
	})
}

// collaborationState is what the rules of the mutations below look at.
type collaborationState struct {
	collab       *model.Collaboration
	partners     map[string]model.PartnerRole // organisation id → role
	contributors map[string]bool              // person id
	roles        map[string]model.ContributorRole
	invited      map[string]bool // person id: a pending invitation
	lastSeq      int             // seq of the newest phase change
}

// leads are the people contributing to the collaboration as LEAD.
func (st *collaborationState) leads() []string {
	var out []string
	for id, role := range st.roles {
		if role == model.ContributorLead {
			out = append(out, id)
		}
	}
	return out
}

func (st *collaborationState) lead() (orgID string, ok bool) {
	for id, role := range st.partners {
		if role == model.PartnerLead {
			return id, true
		}
	}
	return "", false
}

// lockCollaboration takes the write lock of collaboration id for the rest
// of the transaction and then reads its state, so that the rule checks of
// concurrent mutations of one collaboration run one after the other, each
// on the state the previous one committed. Setting and removing a dummy
// property takes the lock without changing the node.
func (s *Store) lockCollaboration(ctx context.Context, tx neo4j.ManagedTransaction, id string) (*collaborationState, error) {
	rec, err := s.single(ctx, tx, `
MATCH (n:Collaboration {id: $id})
SET n._lock = true
REMOVE n._lock
WITH n
RETURN `+collaborationReturn+`,
  [(o:Organisation)-[r:PARTNER_IN]->(n) | {id: o.id, role: r.role}] AS partners,
  [(p:Person)-[r:CONTRIBUTED_TO]->(n) | {id: p.id, role: r.role}] AS contributors,
  [(p:Person)-[:INVITED_TO]->(n) | p.id] AS invited,
  [(n)-[:HAD_PHASE]->(h:PhaseChange) | h.seq] AS seqs`, map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	if rec == nil {
		return nil, errs.NotFound("collaboration", id)
	}
	st := &collaborationState{
		collab:       collaborationRecord(rec),
		partners:     map[string]model.PartnerRole{},
		contributors: map[string]bool{},
		roles:        map[string]model.ContributorRole{},
		invited:      map[string]bool{},
	}
	for _, raw := range recordList(rec, "partners") {
		p := asProps(raw)
		st.partners[p.str("id")] = model.PartnerRole(p.str("role"))
	}
	for _, raw := range recordList(rec, "contributors") {
		k := asProps(raw)
		st.contributors[k.str("id")] = true
		st.roles[k.str("id")] = model.ContributorRole(k.str("role"))
	}
	for _, raw := range recordList(rec, "invited") {
		if pid, ok := raw.(string); ok {
			st.invited[pid] = true
		}
	}
	for _, raw := range recordList(rec, "seqs") {
		if seq, ok := raw.(int64); ok && int(seq) > st.lastSeq {
			st.lastSeq = int(seq)
		}
	}
	return st, nil
}

// mutate runs one rule-checked change of collaboration id in a write
// transaction: lock and read the state, let decide check the rules and
// return the statement that applies the change (or "" for no change), run
// it, and return the collaboration as it is afterwards.
func (s *Store) mutate(ctx context.Context, id string,
	decide func(tx neo4j.ManagedTransaction, st *collaborationState) (cypher string, params map[string]any, err error)) (*model.Collaboration, error) {
	return writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.Collaboration, error) {
		st, err := s.lockCollaboration(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		cypher, params, err := decide(tx, st)
		if err != nil {
			return nil, err // rolls the transaction back
		}
		if cypher == "" {
			return st.collab, nil
		}
		params["id"] = id
		rec, err := s.single(ctx, tx, cypher, params)
		if err != nil {
			return nil, err
		}
		if rec == nil {
			return nil, fmt.Errorf("collaboration %s: the change matched nothing", id)
		}
		return collaborationRecord(rec), nil
	})
}

func notFoundf(format string, args ...any) error {
	return errs.Newf(errs.ErrNotFound, format, args...)
}

// AddPartner makes organisation orgID a partner in collaboration collabID.
// An organisation is a partner at most once, and there is at most one LEAD.
func (s *Store) AddPartner(ctx context.Context, collabID, orgID string, role model.PartnerRole) (*model.Collaboration, error) {
	return s.mutate(ctx, collabID, func(tx neo4j.ManagedTransaction, st *collaborationState) (string, map[string]any, error) {
		if err := s.requireAll(ctx, tx, "Organisation", []string{orgID}); err != nil {
			return "", nil, err
		}
		if have, ok := st.partners[orgID]; ok {
			return "", nil, errs.Conflict("organisation %q is already a partner in collaboration %q (as %s)", orgID, collabID, have)
		}
		if lead, ok := st.lead(); ok && role == model.PartnerLead {
			return "", nil, errs.Conflict("collaboration %q already has a LEAD partner (organisation %q); add this organisation with another role",
				collabID, lead)
		}
		return `
MATCH (n:Collaboration {id: $id}), (o:Organisation {id: $orgId})
CREATE (o)-[:PARTNER_IN {role: $role}]->(n)
SET n.updatedAt = datetime()
RETURN ` + collaborationReturn, map[string]any{"orgId": orgID, "role": string(role)}, nil
	})
}

// RemovePartner ends organisation orgID's partnership in collaboration
// collabID. A collaboration keeps at least one partner, and its LEAD goes
// last.
func (s *Store) RemovePartner(ctx context.Context, collabID, orgID string) (*model.Collaboration, error) {
	return s.mutate(ctx, collabID, func(_ neo4j.ManagedTransaction, st *collaborationState) (string, map[string]any, error) {
		role, ok := st.partners[orgID]
		if !ok {
			return "", nil, notFoundf("organisation %q is not a partner in collaboration %q", orgID, collabID)
		}
		if len(st.partners) == 1 {
			return "", nil, errs.Conflict("organisation %q is the only partner in collaboration %q; a collaboration needs at least one partner",
				orgID, collabID)
		}
		if role == model.PartnerLead {
			return "", nil, errs.Conflict("organisation %q is the LEAD partner of collaboration %q and %d other partners remain; "+
				"remove the other partners first or create a new collaboration", orgID, collabID, len(st.partners)-1)
		}
		return `
MATCH (o:Organisation {id: $orgId})-[r:PARTNER_IN]->(n:Collaboration {id: $id})
DELETE r
SET n.updatedAt = datetime()
RETURN ` + collaborationReturn, map[string]any{"orgId": orgID}, nil
	})
}

// AddContributor records person personID's part in collaboration collabID.
func (s *Store) AddContributor(ctx context.Context, collabID, personID string, role model.ContributorRole) (*model.Collaboration, error) {
	return s.mutate(ctx, collabID, func(tx neo4j.ManagedTransaction, st *collaborationState) (string, map[string]any, error) {
		if err := s.requireAll(ctx, tx, "Person", []string{personID}); err != nil {
			return "", nil, err
		}
		if st.contributors[personID] {
			return "", nil, errs.Conflict("person %q already contributes to collaboration %q", personID, collabID)
		}
		return `
MATCH (n:Collaboration {id: $id}), (p:Person {id: $personId})
CREATE (p)-[:CONTRIBUTED_TO {role: $role}]->(n)
SET n.updatedAt = datetime()
WITH n, p
// Recorded directly, a pending invitation has been answered.
OPTIONAL MATCH (p)-[i:INVITED_TO]->(n)
DELETE i
RETURN ` + collaborationReturn, map[string]any{"personId": personID, "role": string(role)}, nil
	})
}

// RemoveContributor removes person personID from collaboration collabID,
// or withdraws the invitation they have not answered yet.
func (s *Store) RemoveContributor(ctx context.Context, collabID, personID string) (*model.Collaboration, error) {
	return s.mutate(ctx, collabID, func(_ neo4j.ManagedTransaction, st *collaborationState) (string, map[string]any, error) {
		if !st.contributors[personID] && st.invited[personID] {
			return `
MATCH (p:Person {id: $personId})-[i:INVITED_TO]->(n:Collaboration {id: $id})
DELETE i
SET n.updatedAt = datetime()
RETURN ` + collaborationReturn, map[string]any{"personId": personID}, nil
		}
		if !st.contributors[personID] {
			return "", nil, notFoundf("person %q does not contribute to collaboration %q", personID, collabID)
		}
		return `
MATCH (p:Person {id: $personId})-[r:CONTRIBUTED_TO]->(n:Collaboration {id: $id})
DELETE r
SET n.updatedAt = datetime()
RETURN ` + collaborationReturn, map[string]any{"personId": personID}, nil
	})
}

// appendPhase is the Cypher that moves n to $phase and appends the change
// to its history as number $seq; it expects n bound and leaves it bound.
const appendPhase = `
SET n.phase = $phase, n.updatedAt = datetime()
SET n.lastPhaseChangeAt = n.updatedAt
CREATE (n)-[:HAD_PHASE]->(:PhaseChange {seq: $seq, phase: $phase, at: n.updatedAt, note: $note, movedBy: $movedBy})`

// MovePhase moves collaboration collabID to phase, recording the change in
// its history. Any phase may follow any other, except that EVALUATED needs
// a recorded evaluation (the joint one, or MinPartnersEvaluated partners'). Moving to the current phase changes nothing.
func (s *Store) MovePhase(ctx context.Context, collabID string, phase model.CollaborationPhase, note, movedBy string) (*model.Collaboration, error) {
	return s.mutate(ctx, collabID, func(tx neo4j.ManagedTransaction, st *collaborationState) (string, map[string]any, error) {
		if st.collab.Phase == phase {
			return "", nil, nil
		}
		if phase == model.PhaseEvaluated && st.collab.Evaluation == nil {
			evaluated, err := s.partnersEvaluated(ctx, tx, collabID)
			if err != nil {
				return "", nil, err
			}
			if evaluated < MinPartnersEvaluated {
				return "", nil, errs.Conflict("collaboration %q has no evaluation; record an evaluation first (or let %d partners "+
					"record theirs), which moves it to EVALUATED", collabID, MinPartnersEvaluated)
			}
		}
		params := map[string]any{
			"phase": string(phase), "seq": st.lastSeq + 1, "note": nullable(note), "movedBy": nullable(movedBy),
		}
		return "MATCH (n:Collaboration {id: $id})" + appendPhase + "\nRETURN " + collaborationReturn, params, nil
	})
}

// RecordEvaluation stores the partners' joint evaluation of collaboration
// collabID, replacing any earlier one, and moves it to EVALUATED if it is
// not there yet. Only a LAUNCHED or EVALUATED collaboration can be evaluated.
func (s *Store) RecordEvaluation(ctx context.Context, collabID string, rating int, notes, movedBy string) (*model.Collaboration, error) {
	return s.mutate(ctx, collabID, func(_ neo4j.ManagedTransaction, st *collaborationState) (string, map[string]any, error) {
		phase := st.collab.Phase
		if phase != model.PhaseLaunched && phase != model.PhaseEvaluated {
			return "", nil, errs.Conflict("collaboration %q is in phase %s; an evaluation can be recorded once it is LAUNCHED",
				collabID, phase)
		}
		cypher := `
MATCH (n:Collaboration {id: $id})
SET n.evaluationRating = $rating, n.evaluationNotes = $notes, n.evaluatedAt = datetime(), n.updatedAt = datetime()`
		if phase != model.PhaseEvaluated {
			cypher += appendPhase
		}
		cypher += "\nRETURN " + collaborationReturn
		return cypher, map[string]any{
			"rating": rating, "notes": notes, "phase": string(model.PhaseEvaluated), "seq": st.lastSeq + 1,
			"note": "evaluation recorded", "movedBy": nullable(movedBy),
		}, nil
	})
}

// AddCollaborationNote appends a note or decision by author (a token
// subject, may be empty) to collaboration collabID. With an idempotency
// key (WithIdempotencyKey), a retry of a note that was written answers the
// collaboration without writing it twice.
func (s *Store) AddCollaborationNote(ctx context.Context, collabID string, kind model.CollaborationNoteKind, text, author string) (*model.Collaboration, error) {
	return s.mutate(ctx, collabID, func(tx neo4j.ManagedTransaction, _ *collaborationState) (string, map[string]any, error) {
		if id, err := s.replayed(ctx, tx, "collaboration note"); err != nil || id != "" {
			return "", nil, err // a replay changes nothing
		}
		noteID := uuid.NewString()
		// Recorded in this transaction: it commits exactly when the note does.
		if err := s.remember(ctx, tx, "collaboration note", noteID); err != nil {
			return "", nil, err
		}
		return `
MATCH (n:Collaboration {id: $id})
SET n.updatedAt = datetime()
CREATE (n)-[:HAS_NOTE]->(:CollaborationNote {id: $noteId, kind: $kind, text: $text, at: n.updatedAt, author: $author})
RETURN ` + collaborationReturn, map[string]any{
				"noteId": noteID, "kind": string(kind), "text": text, "author": nullable(author),
			}, nil
	})
}
