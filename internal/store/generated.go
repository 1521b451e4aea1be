package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/tulkki/tulkki/internal/model"
)

// generatedLabels are deleted in this order: leaves first, so that each
// batch detaches few relationships. Only constants reach the Cypher text.
var generatedLabels = []string{"Experience", "Collaboration", "Person", "Organisation", "Topic"}

// DeleteByIDPrefix removes every node whose id starts with prefix (the
// synthetic generator uses "gen-"), with the phase history of removed
// collaborations, in transactions of batchSize nodes. It returns how many
// nodes it removed.
func (s *Store) DeleteByIDPrefix(ctx context.Context, prefix string, batchSize int, progress model.ImportProgress) (int, error) {
	if prefix == "" {
		return 0, fmt.Errorf("refusing to delete with an empty id prefix")
	}
	if progress == nil {
		progress = func(string, int, int) {}
	}
	total := 0
	for _, label := range generatedLabels {
		for {
			n, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (int, error) {
				rec, err := s.single(ctx, tx, `
MATCH (n:`+label+`) WHERE n.id STARTS WITH $prefix
WITH n LIMIT $batch
OPTIONAL MATCH (n)-[:HAD_PHASE]->(pc:PhaseChange)
OPTIONAL MATCH (n)-[:HAS_NOTE]->(cn:CollaborationNote)
DETACH DELETE pc, cn, n
RETURN count(DISTINCT n) AS removed`, map[string]any{"prefix": prefix, "batch": batchSize})
				if err != nil {
					return 0, err
				}
				removed, _ := recordValue(rec, "removed").(int64)
				return int(removed), nil
			})
			if err != nil {
				return total, fmt.Errorf("delete generated %s: %w", label, err)
			}
			total += n
			progress(label, total, total)
			if n < batchSize {
				break
			}
		}
	}
	return total, nil
}

// OrganisationIDsWithPrefix lists the ids of organisations whose id starts
// with prefix, in id order.
func (s *Store) OrganisationIDsWithPrefix(ctx context.Context, prefix string) ([]string, error) {
	return s.readIDs(ctx, "MATCH (o:Organisation) WHERE o.id STARTS WITH $prefix RETURN o.id AS id ORDER BY id",
		map[string]any{"prefix": prefix})
}
