package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// Partner evaluations:
//
//	(:Organisation)-[:EVALUATED]->(:PartnerEvaluation {id, collaborationId, organisationId, goalsMet,
//	    cooperation, wouldContinue, notes, at, by})-[:OF]->(:Collaboration)
//
// Every recording is a node of its own (history); the latest per
// organisation counts.

// MinPartnersEvaluated is how many partners must have evaluated a
// collaboration for it to move to EVALUATED.
const MinPartnersEvaluated = 2

// RecordPartnerEvaluation stores organisation orgID's evaluation of
// collaboration collabID, with the collaboration locked: the organisation
// must be a partner (BAD_USER_INPUT), the collaboration LAUNCHED or
// EVALUATED (CONFLICT). When it makes MinPartnersEvaluated partners with an
// evaluation, a LAUNCHED collaboration moves to EVALUATED in the same
// transaction.
func (s *Store) RecordPartnerEvaluation(ctx context.Context, e model.PartnerEvaluation, movedBy string) (*model.Collaboration, error) {
	return s.mutate(ctx, e.CollaborationID, func(tx neo4j.ManagedTransaction, st *collaborationState) (string, map[string]any, error) {
		if _, ok := st.partners[e.OrganisationID]; !ok {
			return "", nil, errs.Invalid("organisationId", "organisation %q is not a partner in this collaboration", e.OrganisationID)
		}
		phase := st.collab.Phase
		if phase != model.PhaseLaunched && phase != model.PhaseEvaluated {
			return "", nil, errs.Conflict("the collaboration is in phase %s; partners evaluate it once it is LAUNCHED", phase)
		}
		rec, err := s.single(ctx, tx, `
MATCH (n:Collaboration {id: $id})
RETURN COUNT { MATCH (o:Organisation)-[:EVALUATED]->(:PartnerEvaluation)-[:OF]->(n) WHERE o.id <> $org RETURN DISTINCT o } AS others,
  EXISTS { (:Organisation {id: $org})-[:EVALUATED]->(:PartnerEvaluation)-[:OF]->(n) } AS before,
  [(o:Organisation)-[:PARTNER_IN]->(n) WHERE o.id <> $org AND NOT EXISTS { (o)-[:EVALUATED]->(:PartnerEvaluation)-[:OF]->(n) } | o.id] AS waiting`,
			map[string]any{"id": e.CollaborationID, "org": e.OrganisationID})
		if err != nil {
			return "", nil, err
		}
		others, _ := recordValue(rec, "others").(int64) // partners other than this one with an evaluation
		if before, _ := recordValue(rec, "before").(bool); !before {
			// The organisation's first evaluation asks the partners that
			// have not evaluated yet for theirs.
			var items []model.InboxItem
			for _, org := range recordList(rec, "waiting") {
				items = append(items, model.InboxItem{Kind: model.InboxEvaluationRequested, RecipientOrganisationID: org.(string),
					CollaborationID: e.CollaborationID, By: movedBy})
			}
			if err := s.notify(ctx, tx, time.Now().UTC(), items...); err != nil {
				return "", nil, err
			}
		}
		cypher := `
MATCH (n:Collaboration {id: $id}), (o:Organisation {id: $org})
CREATE (o)-[:EVALUATED]->(:PartnerEvaluation {id: $eid, collaborationId: $id, organisationId: $org, goalsMet: $goalsMet,
  cooperation: $cooperation, wouldContinue: $wouldContinue, notes: $notes, at: datetime(), by: $movedBy})-[:OF]->(n)
SET n.updatedAt = datetime()`
		if phase != model.PhaseEvaluated && int(others)+1 >= MinPartnersEvaluated {
			cypher += appendPhase
		}
		return cypher + "\nRETURN " + collaborationReturn, map[string]any{
			"org": e.OrganisationID, "eid": uuid.NewString(), "goalsMet": e.GoalsMet, "cooperation": e.Cooperation,
			"wouldContinue": e.WouldContinue, "notes": e.Notes, "movedBy": nullable(movedBy),
			"phase": string(model.PhaseEvaluated), "seq": st.lastSeq + 1, "note": "evaluated by the partners",
		}, nil
	})
}

// partnerEvaluations is the expression of collaboration v's partners and
// their latest evaluations; o is a variable name of the caller's.
func partnerEvaluations(v, o string) string {
	e := o + "e" // unique as o is
	return `{partners: [(` + o + `:Organisation)-[:PARTNER_IN]->(` + v + `) | ` + o + `.id],
  latest: [(` + o + `:Organisation)-[:PARTNER_IN]->(` + v + `) WHERE EXISTS { (` + o + `)-[:EVALUATED]->(:PartnerEvaluation)-[:OF]->(` + v + `) } |
     COLLECT { MATCH (` + o + `)-[:EVALUATED]->(` + e + `:PartnerEvaluation)-[:OF]->(` + v + `)
               WITH ` + e + ` ORDER BY ` + e + `.at DESC
               RETURN ` + e + ` {.*, revisions: COUNT { (` + o + `)-[:EVALUATED]->(:PartnerEvaluation)-[:OF]->(` + v + `) }} }[0]]}`
}

func decodePartnerEvaluations(p props) *model.PartnerEvaluations {
	pe := &model.PartnerEvaluations{PartnerIDs: p.strings("partners")}
	raw, _ := p["latest"].([]any)
	for _, r := range raw {
		e := asProps(r)
		pe.Latest = append(pe.Latest, &model.PartnerEvaluation{
			CollaborationID: e.str("collaborationId"), OrganisationID: e.str("organisationId"),
			GoalsMet: e.integer("goalsMet"), Cooperation: e.integer("cooperation"), WouldContinue: e.boolean("wouldContinue"),
			Notes: e.str("notes"), EvaluatedAt: e.time("at"), EvaluatedBy: e.str("by"), Revisions: e.integer("revisions"),
		})
	}
	return pe
}

// PartnerEvaluationsOf reads, for each collaboration, its partners and
// their latest evaluations, in one statement. (The read path projects the
// same with the collaboration: Collaboration.PartnerEvaluations.)
func (s *Store) PartnerEvaluationsOf(ctx context.Context, collabIDs []string) (map[string]*model.PartnerEvaluations, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]*model.PartnerEvaluations, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (n:Collaboration) WHERE n.id IN $ids
RETURN n.id AS id, `+partnerEvaluations("n", "o")+` AS pe`, map[string]any{"ids": nonNil(collabIDs)})
		if err != nil {
			return nil, err
		}
		out := map[string]*model.PartnerEvaluations{}
		for _, r := range recs {
			out[recordValue(r, "id").(string)] = decodePartnerEvaluations(recordProps(r, "pe"))
		}
		return out, nil
	})
}

// partnersEvaluated counts the partners of collaboration id with an
// evaluation of their own.
func (s *Store) partnersEvaluated(ctx context.Context, tx neo4j.ManagedTransaction, id string) (int, error) {
	rec, err := s.single(ctx, tx, `
MATCH (n:Collaboration {id: $id})
RETURN COUNT { MATCH (o:Organisation)-[:EVALUATED]->(:PartnerEvaluation)-[:OF]->(n) RETURN DISTINCT o } AS evaluated`,
		map[string]any{"id": id})
	if err != nil || rec == nil {
		return 0, err
	}
	n, _ := recordValue(rec, "evaluated").(int64)
	return int(n), nil
}
