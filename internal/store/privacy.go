package store

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// ErasePerson deletes a person, their stints and contact details in one
// transaction. Their contributions stay on the collaborations, moved to an
// anonymous (:ErasedContributor) node with the same role, and phase changes
// they made forget who made them. An (:AuditEvent) records when and what
// kind of erasure happened — actor is a kind ("self", "admin"), never an id —
// and how much was removed, with no personal data.
func (s *Store) ErasePerson(ctx context.Context, personID, actor string) (*model.DeletionReceipt, error) {
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
DETACH DELETE p
CREATE (a:AuditEvent {action: 'PERSON_DATA_ERASED', actor: $actor, at: datetime(),
  experiencesRemoved: experiences, contributionsAnonymised: contributions})
RETURN a.at AS at, experiences, contributions`, map[string]any{"id": personID, "actor": actor})
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
