//go:build neo4jmanual

// Manual tools against a real Neo4j (the one NEO4J_URI names), never run by
// `go test ./...`: they need the build tag and an explicit -run.
//
//	eval "$(scripts/neo4j.sh env test)"
//	go test -tags neo4jmanual ./internal/synth -run TestDeleteGenerated -v # delete every gen- node (GEN_PREFIX=… to narrow)
//	go test -tags neo4jmanual ./internal/synth -run TestGenSummary -v      # count generated nodes and relationships
//
// The bulk-import statements are timed and PROFILEd by TestImportStatements
// in internal/store (bulk_manual_test.go).
package synth

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/config"
)

func driver(t *testing.T) (neo4j.DriverWithContext, string) {
	t.Helper()
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	d, err := neo4j.NewDriverWithContext(cfg.Neo4j.URI, neo4j.BasicAuth(cfg.Neo4j.Username, cfg.Neo4j.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close(context.Background()) })
	if err := d.VerifyConnectivity(context.Background()); err != nil {
		t.Fatal(err)
	}
	return d, cfg.Neo4j.Database
}

// TestDeleteGenerated deletes every node whose id starts with "gen-"
// (GEN_PREFIX narrows it, e.g. gen-t42-). It goes label by label, leaves
// first: a single MATCH (n) WHERE n.id STARTS WITH 'gen-' … DETACH DELETE
// meets the organisations early, and deleting a batch of them with their
// hundreds of thousands of AT relationships exceeds Neo4j's transaction
// memory pool (MemoryPoolOutOfMemoryError) at N=100 000.
func TestDeleteGenerated(t *testing.T) {
	d, db := driver(t)
	ctx := context.Background()
	prefix := "gen-"
	if p := os.Getenv("GEN_PREFIX"); p != "" {
		prefix = p
	}
	s := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db})
	defer s.Close(ctx)
	// CALL … IN TRANSACTIONS needs an auto-commit transaction.
	for _, q := range []string{
		"MATCH (n:Experience) WHERE n.id STARTS WITH $p CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
		"MATCH (c:Collaboration)-[:HAD_PHASE]->(n:PhaseChange) WHERE c.id STARTS WITH $p CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
		"MATCH (n:Collaboration) WHERE n.id STARTS WITH $p CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS",
		"MATCH (n:Person) WHERE n.id STARTS WITH $p CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS",
		"MATCH (n:Organisation) WHERE n.id STARTS WITH $p CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 500 ROWS",
		"MATCH (n:Topic) WHERE n.id STARTS WITH $p CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS",
		"MATCH (n) WHERE n.id STARTS WITH $p CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS",
	} {
		start := time.Now()
		res, err := s.Run(ctx, q, map[string]any{"p": prefix})
		if err != nil {
			t.Fatal(err)
		}
		sum, err := res.Consume(ctx)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		c := sum.Counters()
		t.Logf("%-60.60s deleted %7d nodes, %7d relationships in %v", q, c.NodesDeleted(), c.RelationshipsDeleted(), time.Since(start).Round(time.Millisecond))
	}
}

// TestGenSummary counts the generated nodes and relationships in the graph.
func TestGenSummary(t *testing.T) {
	d, db := driver(t)
	ctx := context.Background()
	for _, q := range []string{
		"MATCH (n) WHERE n.id STARTS WITH 'gen-' RETURN split(n.id, '-')[1] AS kind, count(*) AS c ORDER BY c DESC",
		"MATCH (c:Collaboration)-[:HAD_PHASE]->(pc) WHERE c.id STARTS WITH 'gen-' RETURN count(pc) AS phaseChanges, count(DISTINCT c) AS collabs",
		"MATCH (n)-[r]->() WHERE n.id STARTS WITH 'gen-' RETURN type(r) AS t, count(r) AS c ORDER BY t",
	} {
		res, err := neo4j.ExecuteQuery(ctx, d, q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Records {
			t.Log(r.Values)
		}
	}
}
