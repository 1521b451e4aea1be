package store

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// Where collaborations came from:
//
//	(:Collaboration)-[:FROM_CALL]->(:PartnershipCall)
//	(:Collaboration)-[:FROM_INTRODUCTION]->(:Introduction)

// originKinds name an origin's label in a NOT_FOUND message.
var originKinds = map[string]string{"PartnershipCall": "partnership call", "Introduction": "introduction"}

// StartCollaboration creates a collaboration (as CreateCollaboration) and
// links it to its origin, in one transaction: the call or introduction is
// locked first and may have started no collaboration yet (CONFLICT), so
// that two editors starting one at once make exactly one.
func (s *Store) StartCollaboration(ctx context.Context, c model.Collaboration, topicIDs []string, partners []model.Partnership,
	movedBy string, origin model.CollaborationOrigin) (*model.Collaboration, error) {
	label, rel, id := "PartnershipCall", "FROM_CALL", origin.CallID
	if origin.IntroductionID != "" {
		label, rel, id = "Introduction", "FROM_INTRODUCTION", origin.IntroductionID
	}
	return writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.Collaboration, error) {
		rec, err := s.single(ctx, tx, `
MATCH (x:`+label+` {id: $id})
SET x._lock = true
REMOVE x._lock
RETURN COUNT { (x)<-[:`+rel+`]-(:Collaboration) } AS started`, map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if rec == nil {
			return nil, errs.NotFound(originKinds[label], id)
		}
		if n, _ := recordValue(rec, "started").(int64); n > 0 {
			return nil, errs.Conflict("a collaboration has been started from it already")
		}
		created, err := s.createCollaboration(ctx, tx, c, topicIDs, partners, nil, movedBy)
		if err != nil {
			return nil, err
		}
		if _, err := s.collect(ctx, tx, `
MATCH (c:Collaboration {id: $c}), (x:`+label+` {id: $id})
CREATE (c)-[:`+rel+`]->(x)`, map[string]any{"c": created.ID, "id": id}); err != nil {
			return nil, err
		}
		return created, nil
	})
}

// CollaborationOrigins reads where each of the collaborations came from;
// those from neither a call nor an introduction are absent.
func (s *Store) CollaborationOrigins(ctx context.Context, ids []string) (map[string]*model.CollaborationOrigin, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]*model.CollaborationOrigin, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (c:Collaboration) WHERE c.id IN $ids
OPTIONAL MATCH (c)-[:FROM_CALL]->(k:PartnershipCall)
OPTIONAL MATCH (c)-[:FROM_INTRODUCTION]->(i:Introduction)
WITH c, k, i WHERE k IS NOT NULL OR i IS NOT NULL
RETURN c.id AS id, k.id AS call, i.id AS introduction, [(i)-[:TRANSLATOR]->(p:Person) | p.id][0] AS translator`,
			map[string]any{"ids": nonNil(ids)})
		if err != nil {
			return nil, err
		}
		out := map[string]*model.CollaborationOrigin{}
		for _, r := range recs {
			o := &model.CollaborationOrigin{}
			o.CallID, _ = recordValue(r, "call").(string)
			o.IntroductionID, _ = recordValue(r, "introduction").(string)
			o.TranslatorID, _ = recordValue(r, "translator").(string)
			out[recordValue(r, "id").(string)] = o
		}
		return out, nil
	})
}
