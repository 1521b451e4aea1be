package store

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// Invitations to contribute and the LEAD handover. An invitation is a
// relationship beside the contribution it would become:
//
//	(:Person)-[:INVITED_TO {role, by, at}]->(:Collaboration)
//
// by is the inviter's subject. The invited person hears of it in their
// inbox (CONTRIBUTOR_INVITED); accepting turns it into CONTRIBUTED_TO with
// the role, declining deletes it. Both run under the collaboration's lock
// (mutate), as every rule-checked change of a collaboration does.

// invitationNotices are the inbox items telling each of people that they
// are invited to collaboration collabID by by.
func invitationNotices(collabID string, people []string, by string) []model.InboxItem {
	out := make([]model.InboxItem, len(people))
	for i, p := range people {
		out[i] = model.InboxItem{Kind: model.InboxContributorInvited, RecipientPersonID: p, CollaborationID: collabID, By: by}
	}
	return out
}

// InviteContributor asks person personID to contribute to collaboration
// collabID in role; by is the inviter's subject. CONFLICT when the person
// contributes already or has an invitation waiting.
func (s *Store) InviteContributor(ctx context.Context, collabID, personID string, role model.ContributorRole, by string) (*model.Collaboration, error) {
	return s.mutate(ctx, collabID, func(tx neo4j.ManagedTransaction, st *collaborationState) (string, map[string]any, error) {
		if err := s.requireAll(ctx, tx, "Person", []string{personID}); err != nil {
			return "", nil, err
		}
		if st.contributors[personID] {
			return "", nil, errs.Conflict("person %q already contributes to collaboration %q", personID, collabID)
		}
		if st.invited[personID] {
			return "", nil, errs.Conflict("person %q is invited to collaboration %q already and has not answered yet", personID, collabID)
		}
		if err := s.notify(ctx, tx, time.Now().UTC(), invitationNotices(collabID, []string{personID}, by)...); err != nil {
			return "", nil, err
		}
		return `
MATCH (n:Collaboration {id: $id}), (p:Person {id: $personId})
CREATE (p)-[:INVITED_TO {role: $role, by: $by, at: datetime()}]->(n)
SET n.updatedAt = datetime()
RETURN ` + collaborationReturn, map[string]any{"personId": personID, "role": string(role), "by": nullable(by)}, nil
	})
}

// AnswerInvitation accepts (the person becomes a contributor in the
// invited role) or declines (the invitation goes) person personID's
// invitation to collaboration collabID. NOT_FOUND when there is none.
func (s *Store) AnswerInvitation(ctx context.Context, collabID, personID string, accept bool) (*model.Collaboration, error) {
	return s.mutate(ctx, collabID, func(_ neo4j.ManagedTransaction, st *collaborationState) (string, map[string]any, error) {
		if !st.invited[personID] {
			return "", nil, notFoundf("you have no invitation to collaboration %q", collabID)
		}
		cypher := `
MATCH (p:Person {id: $personId})-[i:INVITED_TO]->(n:Collaboration {id: $id})
WITH p, i, n, i.role AS role
DELETE i`
		if accept {
			cypher += `
MERGE (p)-[r:CONTRIBUTED_TO]->(n)
SET r.role = role, n.updatedAt = datetime()`
		}
		return cypher + "\nRETURN " + collaborationReturn, map[string]any{"personId": personID}, nil
	})
}

func decodeInvitation(p props) *model.ContributorInvitation {
	return &model.ContributorInvitation{CollaborationID: p.str("collaborationId"), PersonID: p.str("personId"),
		Role: model.ContributorRole(p.str("role")), InvitedBy: p.str("by"), InvitedAt: p.time("at")}
}

// InvitationsByPerson lists person personID's pending invitations, newest first.
func (s *Store) InvitationsByPerson(ctx context.Context, personID string) ([]*model.ContributorInvitation, error) {
	m, err := readGrouped(ctx, s, `
MATCH (p:Person {id: $id})-[i:INVITED_TO]->(c:Collaboration)
RETURN {collaborationId: c.id, personId: p.id, role: i.role, by: i.by, at: i.at} AS i
ORDER BY i.at DESC, c.id`, map[string]any{"id": personID}, func(r *neo4j.Record) (string, *model.ContributorInvitation) {
		i := decodeInvitation(asProps(recordValue(r, "i")))
		return i.PersonID, i
	})
	return m[personID], err
}

// InvitationsByCollaboration lists the pending invitations of many
// collaborations in one query, oldest first.
func (s *Store) InvitationsByCollaboration(ctx context.Context, collabIDs []string) (map[string][]*model.ContributorInvitation, error) {
	return readGrouped(ctx, s, `
MATCH (p:Person)-[i:INVITED_TO]->(c:Collaboration)
WHERE c.id IN $ids
RETURN {collaborationId: c.id, personId: p.id, role: i.role, by: i.by, at: i.at} AS i
ORDER BY c.id, i.at, p.id`, map[string]any{"ids": collabIDs}, func(r *neo4j.Record) (string, *model.ContributorInvitation) {
		i := decodeInvitation(asProps(recordValue(r, "i")))
		return i.CollaborationID, i
	})
}

// HandOverLead makes contributor toPersonID the one LEAD of collaboration
// collabID; whoever was LEAD before contributes on in previousRole. check
// runs under the collaboration's lock with the current LEADs (the
// caller's authorisation may depend on being one); its error rolls back.
// NOT_FOUND when the person does not contribute; handing the lead to the
// one LEAD changes nothing.
func (s *Store) HandOverLead(ctx context.Context, collabID, toPersonID string, previousRole model.ContributorRole,
	check func(leads []string) error) (*model.Collaboration, error) {
	return s.mutate(ctx, collabID, func(_ neo4j.ManagedTransaction, st *collaborationState) (string, map[string]any, error) {
		leads := st.leads()
		if err := check(leads); err != nil {
			return "", nil, err
		}
		if !st.contributors[toPersonID] {
			return "", nil, notFoundf("person %q does not contribute to collaboration %q; add them (they accept) before handing them the lead",
				toPersonID, collabID)
		}
		if len(leads) == 1 && leads[0] == toPersonID {
			return "", nil, nil
		}
		return `
MATCH (n:Collaboration {id: $id})
CALL (n) {
  MATCH (:Person)-[r:CONTRIBUTED_TO {role: 'LEAD'}]->(n)
  SET r.role = $previousRole
}
WITH n
MATCH (:Person {id: $personId})-[r:CONTRIBUTED_TO]->(n)
SET r.role = 'LEAD', n.updatedAt = datetime()
RETURN ` + collaborationReturn, map[string]any{"personId": toPersonID, "previousRole": string(previousRole)}, nil
	})
}
