package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/model"
)

// pathRelTypes are the relationship types a GraphPath may use; only these
// constants are ever put into Cypher text.
var pathRelTypes = map[string]bool{
	"HAS_EXPERIENCE": true, "AT": true, "IN_SECTOR": true, "CONTRIBUTED_TO": true,
	"PARTNER_IN": true, "EXPERT_IN": true, "INTERESTED_IN": true, "ABOUT": true,
}

// PathExists checks that every node of p exists with its label and every
// relationship exists between the nodes it names, in its direction. It is
// how evidence offered to users is verified against the graph.
func (s *Store) PathExists(ctx context.Context, p model.GraphPath) (bool, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (bool, error) {
		for _, n := range p.Nodes {
			rec, err := s.single(ctx, tx, `
MATCH (n) WHERE $label IN labels(n) AND (n.id = $id OR (n:Sector AND n.code = $id))
RETURN count(n) AS c`, map[string]any{"id": n.ID, "label": n.Label})
			if err != nil {
				return false, err
			}
			if c, _ := recordValue(rec, "c").(int64); c != 1 {
				return false, nil
			}
		}
		for _, r := range p.Relationships {
			if !pathRelTypes[r.Type] {
				return false, fmt.Errorf("relationship type %q is not one of the graph's", r.Type)
			}
			rec, err := s.single(ctx, tx, `
MATCH (a)-[r:`+r.Type+`]->(b)
WHERE (a.id = $start OR (a:Sector AND a.code = $start)) AND (b.id = $end OR (b:Sector AND b.code = $end))
RETURN count(r) AS c`, map[string]any{"start": r.StartID, "end": r.EndID})
			if err != nil {
				return false, err
			}
			if c, _ := recordValue(rec, "c").(int64); c < 1 {
				return false, nil
			}
		}
		return true, nil
	})
}
