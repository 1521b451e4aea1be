//go:build neo4jmanual

// Manual throughput experiments on the bulk-import Cypher of
// internal/store/bulk.go, run only with the tag and an explicit -run, e.g.
//
//	eval "$(scripts/neo4j.sh env test)"
//	go test -tags neo4jmanual ./internal/synth -run TestCreateVsMerge -v -timeout 30m
//
// Each writes gen-prof… nodes and deletes them afterwards. The host's load
// varies a lot, so each interleaves or repeats its variants.

package synth

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/store"
)

// TestImportVariants times variants of the people import on fresh ids,
// splitting server execution from commit; best of three.
func TestImportVariants(t *testing.T) {
	d, db := driver(t)
	ctx := context.Background()
	set, _, err := Generate(Config{People: 10000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	s := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db})
	defer s.Close(ctx)
	cleanup := func() {
		res, err := s.Run(ctx, "MATCH (n) WHERE n.id STARTS WITH 'gen-prof' CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			t.Error(err)
		}
	}
	defer cleanup()
	base := bulkCypher(t, "importPeople")
	personPart := base[:strings.Index(base, "WITH p, row")]
	flatExps := `
UNWIND $rows AS x
MATCH (p:Person {id: x.personId})
MATCH (o:Organisation {id: x.organisationId})
MERGE (e:Experience {id: x.id})
SET e.kind = x.kind, e.roleTitle = x.roleTitle, e.startDate = x.startDate, e.endDate = x.endDate
MERGE (p)-[:HAS_EXPERIENCE]->(e)
MERGE (e)-[:AT]->(o)`
	type variant struct {
		name  string
		stmts []string // run in order in one transaction; the second gets flat experience rows
	}
	expsOnly := strings.Replace(flatExps, "MERGE (p)-[:HAS_EXPERIENCE]->(e)\nMERGE (e)-[:AT]->(o)", "", 1)
	expsHas := strings.Replace(flatExps, "\nMERGE (e)-[:AT]->(o)", "", 1)
	expsCreate := strings.NewReplacer("MERGE (p)-[:HAS_EXPERIENCE]->(e)", "CREATE (p)-[:HAS_EXPERIENCE]->(e)", "MERGE (e)-[:AT]->(o)", "CREATE (e)-[:AT]->(o)").Replace(flatExps)
	expsNoOrgLock := strings.Replace(flatExps, "MERGE (e)-[:AT]->(o)", "WITH e, o, x ORDER BY x.organisationId MERGE (e)-[:AT]->(o)", 1)
	variants := []variant{
		{"bulk.go importPeople", []string{base}},
		{"people only", []string{personPart}},
		{"people; flat exps: MERGE e + SET only", []string{personPart, expsOnly}},
		{"people; flat exps: + MERGE HAS_EXPERIENCE", []string{personPart, expsHas}},
		{"people; flat exps: + MERGE AT (= full)", []string{personPart, flatExps}},
		{"people; flat exps: full, rels CREATEd", []string{personPart, expsCreate}},
		{"people; flat exps: full, sorted by org", []string{personPart, expsNoOrgLock}},
	}
	if os.Getenv("VARIANT_ONLY_BULK") != "" {
		variants = variants[:1]
	}
	batch := 2000
	if v := os.Getenv("VARIANT_BATCH"); v != "" {
		fmt.Sscan(v, &batch)
	}
	round := 0
	best := map[string][3]time.Duration{}
	reps := 3
	if v := os.Getenv("VARIANT_REPS"); v != "" {
		fmt.Sscan(v, &reps)
	}
	for rep := 0; rep < reps; rep++ {
		for _, v := range variants {
			round++
			people, _ := profRows(firstPeople(set, 4000), fmt.Sprint("var", round))
			var exec, commit time.Duration
			exps := 0
			for i := 0; i < len(people); i += batch {
				rows := people[i:min(i+batch, len(people))]
				var flat []map[string]any
				for _, r := range rows {
					for _, x := range r["experiences"].([]map[string]any) {
						y := map[string]any{"personId": r["id"]}
						for k, v := range x {
							y[k] = v
						}
						flat = append(flat, y)
					}
				}
				exps += len(flat)
				t0 := time.Now()
				tx, err := s.BeginTransaction(ctx)
				if err != nil {
					t.Fatal(err)
				}
				for k, q := range v.stmts {
					params := map[string]any{"rows": rows}
					if k == 1 {
						params = map[string]any{"rows": flat}
					}
					res, err := tx.Run(ctx, q, params)
					if err == nil {
						_, err = res.Consume(ctx)
					}
					if err != nil {
						t.Fatal(err)
					}
				}
				t1 := time.Now()
				if err := tx.Commit(ctx); err != nil {
					t.Fatal(err)
				}
				exec += t1.Sub(t0)
				commit += time.Since(t1)
			}
			total := exec + commit
			if b, ok := best[v.name]; rep > 0 && (!ok || total < b[0]) {
				best[v.name] = [3]time.Duration{total, exec, commit}
			}
			t.Logf("rep %d %-42s batch %5d: 4000 people + %5d exps: exec %7v commit %7v = %5.0f people/s, %6.0f nodes/s",
				rep, v.name, batch, exps, exec.Round(time.Millisecond), commit.Round(time.Millisecond),
				4000/total.Seconds(), float64(4000+exps)/total.Seconds())
		}
		cleanup()
	}
	for _, v := range variants {
		b := best[v.name]
		t.Logf("BEST %-42s exec %7v commit %7v = %5.0f people/s", v.name, b[1].Round(time.Millisecond), b[2].Round(time.Millisecond), 4000/b[0].Seconds())
	}
}

// firstPeople is set with only its first n people.
func firstPeople(set store.ImportSet, n int) store.ImportSet {
	set.People = set.People[:n]
	return set
}

func TestImportConcurrent(t *testing.T) {
	d, db := driver(t)
	ctx := context.Background()
	set, _, err := Generate(Config{People: 10000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	cleanupS := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db})
	defer cleanupS.Close(ctx)
	cleanup := func() {
		res, err := cleanupS.Run(ctx, "MATCH (n) WHERE n.id STARTS WITH 'gen-prof' CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			t.Error(err)
		}
	}
	defer cleanup()
	base := bulkCypher(t, "importPeople")
	round := 0
	for rep := 0; rep < 3; rep++ {
		for _, workers := range []int{1, 2} {
			round++
			people, _ := profRows(firstPeople(set, 8000), fmt.Sprint("conc", round))
			batch := 1000
			var batches [][]map[string]any
			for i := 0; i < len(people); i += batch {
				batches = append(batches, people[i:min(i+batch, len(people))])
			}
			next := make(chan []map[string]any)
			go func() {
				for _, b := range batches {
					next <- b
				}
				close(next)
			}()
			errc := make(chan error, workers)
			start := time.Now()
			for w := 0; w < workers; w++ {
				go func() {
					s := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db})
					defer s.Close(ctx)
					for rows := range next {
						_, err := neo4j.ExecuteWrite(ctx, s, func(tx neo4j.ManagedTransaction) (any, error) {
							r, err := tx.Run(ctx, base, map[string]any{"rows": rows})
							if err != nil {
								return nil, err
							}
							return r.Consume(ctx)
						})
						if err != nil {
							errc <- err
							for range next {
							}
							return
						}
					}
					errc <- nil
				}()
			}
			for w := 0; w < workers; w++ {
				if err := <-errc; err != nil {
					t.Errorf("workers %d: %v", workers, err)
				}
			}
			el := time.Since(start)
			t.Logf("rep %d workers %d: 8000 people in %v = %5.0f people/s", rep, workers, el.Round(time.Millisecond), 8000/el.Seconds())
		}
		cleanup()
	}
}

// TestCreateVsMerge interleaves statements writing 13.5k experience-like
// nodes, to separate MERGE, unique-index and relationship costs under a
// fluctuating load.
func TestCreateVsMerge(t *testing.T) {
	d, db := driver(t)
	ctx := context.Background()
	set, _, err := Generate(Config{People: 4000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	s := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db})
	defer s.Close(ctx)
	cleanup := func() {
		for _, q := range []string{
			"MATCH (n) WHERE n.id STARTS WITH 'gen-prof' CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
			"MATCH (n:GenProfExp) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
		} {
			res, err := s.Run(ctx, q, nil)
			if err == nil {
				_, err = res.Consume(ctx)
			}
			if err != nil {
				t.Error(err)
			}
		}
	}
	defer cleanup()
	props := "SET e.kind = x.kind, e.roleTitle = x.roleTitle, e.startDate = x.startDate, e.endDate = x.endDate"
	stmts := []struct{ name, q string }{
		{"CREATE :GenProfExp (no index)", "UNWIND $rows AS x CREATE (e:GenProfExp {id: x.id}) " + props},
		{"CREATE :Experience (unique index)", "UNWIND $rows AS x CREATE (e:Experience {id: x.id}) " + props},
		{"MERGE :Experience (unique index)", "UNWIND $rows AS x MERGE (e:Experience {id: x.id}) " + props},
		{"MERGE :Experience + MERGE (e)-[:AT]->(o)", "UNWIND $rows AS x MATCH (o:Organisation {id: x.organisationId}) MERGE (e:Experience {id: x.id}) " + props + " MERGE (e)-[:AT]->(o)"},
		{"MERGE :Experience + CREATE (e)-[:AT]->(o)", "UNWIND $rows AS x MATCH (o:Organisation {id: x.organisationId}) MERGE (e:Experience {id: x.id}) " + props + " CREATE (e)-[:AT]->(o)"},
	}
	sums := make([]time.Duration, len(stmts))
	n := 0
	for rep := 0; rep < 5; rep++ {
		for k, st := range stmts {
			people, _ := profRows(set, fmt.Sprintf("cv%d%d", rep, k))
			var rows []map[string]any
			for _, p := range people {
				rows = append(rows, p["experiences"].([]map[string]any)...)
			}
			n = len(rows)
			start := time.Now()
			for i := 0; i < len(rows); i += 2000 {
				b := rows[i:min(i+2000, len(rows))]
				_, err := neo4j.ExecuteWrite(ctx, s, func(tx neo4j.ManagedTransaction) (any, error) {
					r, err := tx.Run(ctx, st.q, map[string]any{"rows": b})
					if err != nil {
						return nil, err
					}
					return r.Consume(ctx)
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			if rep > 0 {
				sums[k] += time.Since(start)
			}
		}
		cleanup()
	}
	for k, st := range stmts {
		t.Logf("%-45s %6.0f nodes/s (mean of 4, %d rows each)", st.name, float64(4*n)/sums[k].Seconds(), n)
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
