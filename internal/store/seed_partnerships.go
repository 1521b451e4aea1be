package store

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/model"
)

// PartnershipSeed is demo data for calls, responses, introductions, partner
// evaluations and the collaborations that came from calls and
// introductions, with fixed ids (tulkki seed).
type PartnershipSeed struct {
	Calls         []model.PartnershipCall
	Responses     []model.CallResponse
	Introductions []model.Introduction
	Evaluations   []model.PartnerEvaluation
	// Origins: collaboration id → where it came from.
	Origins map[string]model.CollaborationOrigin
}

// SeedPartnerships writes d in one transaction. It is idempotent: records
// that exist (by id) are left as they are. Every organisation, topic,
// person and collaboration referred to must exist (the demo dataset's).
func (s *Store) SeedPartnerships(ctx context.Context, d PartnershipSeed) error {
	calls := make([]map[string]any, len(d.Calls))
	for i, c := range d.Calls {
		calls[i] = map[string]any{"id": c.ID, "org": c.OrganisationID, "kind": string(c.Kind), "title": c.Title,
			"description": c.Description, "sectors": sectorCodes(c.SectorsSought), "region": nullable(c.Region),
			"form": nullable(string(c.Form)), "closesAt": c.ClosesAt, "status": string(c.Status), "createdAt": c.CreatedAt,
			"createdBy": nullable(c.CreatedBy), "topics": nonNil(c.TopicIDs)}
		if c.PublishedAt != nil {
			calls[i]["publishedAt"] = *c.PublishedAt
		}
	}
	responses := make([]map[string]any, len(d.Responses))
	for i, r := range d.Responses {
		responses[i] = map[string]any{"id": r.ID, "call": r.CallID, "org": r.OrganisationID, "message": r.Message,
			"status": string(r.Status), "by": nullable(r.RespondedBy), "createdAt": r.CreatedAt, "decidedBy": nullable(r.DecidedBy), "decidedAt": nil}
		if r.DecidedAt != nil {
			responses[i]["decidedAt"] = *r.DecidedAt
		}
	}
	intros := make([]map[string]any, len(d.Introductions))
	for i, in := range d.Introductions {
		var statuses, bys []string
		var ats []time.Time
		for _, h := range in.History {
			statuses, ats, bys = append(statuses, string(h.Status)), append(ats, h.At), append(bys, h.By)
		}
		intros[i] = map[string]any{"id": in.ID, "key": introKey(in), "translator": in.TranslatorID, "from": in.FromOrganisationID,
			"to": in.ToOrganisationID, "call": nullable(in.CallID), "message": in.Message, "status": string(in.Status),
			"requestedBy": nullable(in.RequestedBy), "connectedBy": nullable(in.ConnectedBy), "createdAt": in.CreatedAt,
			"updatedAt": in.UpdatedAt, "expiresAt": in.ExpiresAt, "hs": statuses, "ha": ats, "hb": bys}
	}
	evals := make([]map[string]any, len(d.Evaluations))
	for i, e := range d.Evaluations {
		evals[i] = map[string]any{"id": "seed-eval-" + e.CollaborationID + "-" + e.OrganisationID, "collab": e.CollaborationID,
			"org": e.OrganisationID, "goalsMet": e.GoalsMet, "cooperation": e.Cooperation, "wouldContinue": e.WouldContinue,
			"notes": e.Notes, "at": e.EvaluatedAt, "by": nullable(e.EvaluatedBy)}
	}
	var origins []map[string]any
	for collab, o := range d.Origins {
		origins = append(origins, map[string]any{"collab": collab, "call": nullable(o.CallID), "intro": nullable(o.IntroductionID)})
	}
	_, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		for _, st := range []struct {
			cypher string
			rows   any
		}{
			{`UNWIND $rows AS row
MATCH (o:Organisation {id: row.org})
MERGE (n:PartnershipCall {id: row.id})
ON CREATE SET n += {kind: row.kind, title: row.title, description: row.description, sectorsSought: row.sectors,
  region: row.region, form: row.form, closesAt: row.closesAt, status: row.status, organisationId: row.org,
  createdBy: row.createdBy, createdAt: row.createdAt, updatedAt: row.createdAt, publishedAt: row.publishedAt}
MERGE (o)-[:PUBLISHED]->(n)
WITH n, row
UNWIND row.topics AS topicId
MATCH (t:Topic {id: topicId})
MERGE (n)-[:ABOUT]->(t)`, calls},
			{`UNWIND $rows AS row
MATCH (c:PartnershipCall {id: row.call}), (o:Organisation {id: row.org})
MERGE (r:CallResponse {id: row.id})
ON CREATE SET r += {key: row.call + '|' + row.org, callId: row.call, organisationId: row.org, message: row.message,
  status: row.status, respondedBy: row.by, createdAt: row.createdAt, decidedBy: row.decidedBy, decidedAt: row.decidedAt}
MERGE (o)-[:RESPONDED]->(r)
MERGE (r)-[:TO_CALL]->(c)`, responses},
			{`UNWIND $rows AS row
MATCH (p:Person {id: row.translator}), (f:Organisation {id: row.from}), (t:Organisation {id: row.to})
MERGE (n:Introduction {id: row.id})
ON CREATE SET n += {key: row.key, translatorId: row.translator, fromId: row.from, toId: row.to, callId: row.call,
  message: row.message, status: row.status, requestedBy: row.requestedBy, connectedBy: row.connectedBy,
  createdAt: row.createdAt, updatedAt: row.updatedAt, expiresAt: row.expiresAt,
  historyStatus: row.hs, historyAt: row.ha, historyBy: row.hb}
MERGE (n)-[:TRANSLATOR]->(p)
MERGE (n)-[:FROM]->(f)
MERGE (n)-[:TO]->(t)
WITH n, row
CALL (n, row) {
  MATCH (c:PartnershipCall {id: row.call})
  MERGE (n)-[:FOR_CALL]->(c)
}`, intros},
			{`UNWIND $rows AS row
MATCH (c:Collaboration {id: row.collab}), (o:Organisation {id: row.org})
MERGE (e:PartnerEvaluation {id: row.id})
ON CREATE SET e += {collaborationId: row.collab, organisationId: row.org, goalsMet: row.goalsMet, cooperation: row.cooperation,
  wouldContinue: row.wouldContinue, notes: row.notes, at: row.at, by: row.by}
MERGE (o)-[:EVALUATED]->(e)
MERGE (e)-[:OF]->(c)`, evals},
			{`UNWIND $rows AS row
MATCH (c:Collaboration {id: row.collab})
CALL (c, row) {
  MATCH (k:PartnershipCall {id: row.call})
  MERGE (c)-[:FROM_CALL]->(k)
}
CALL (c, row) {
  MATCH (i:Introduction {id: row.intro})
  MERGE (c)-[:FROM_INTRODUCTION]->(i)
}`, nonNil(origins)},
		} {
			if _, err := s.collect(ctx, tx, st.cypher, map[string]any{"rows": st.rows}); err != nil {
				return struct{}{}, err
			}
		}
		return struct{}{}, nil
	})
	return err
}
