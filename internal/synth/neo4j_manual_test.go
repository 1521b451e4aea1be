//go:build neo4jmanual

// Manual tools against a real Neo4j (the one NEO4J_URI names), never run by
// `go test ./...`: they need the build tag and an explicit -run.
//
//	eval "$(scripts/neo4j.sh env test)"
//	go test -tags neo4jmanual ./internal/synth -run TestProfileImport -v   # PROFILE the bulk-import Cypher
//	go test -tags neo4jmanual ./internal/synth -run TestDeleteGenerated -v # delete every gen- node (GEN_PREFIX=… to narrow)
//
// TestProfileImport reads the Cypher of internal/store/bulk.go from its
// source, so it profiles exactly what store.Import runs, and writes rows
// built the way bulk.go builds them for generated records with ids
// rewritten to gen-prof-…, which it deletes afterwards.
package synth

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/store"
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

// bulkCypher extracts a Cypher constant from internal/store/bulk.go.
func bulkCypher(t *testing.T, name string) string {
	t.Helper()
	src, err := os.ReadFile("../store/bulk.go")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)const " + name + " = `(.*?)`").FindSubmatch(src)
	if m == nil {
		t.Fatalf("no const %s in bulk.go", name)
	}
	return string(m[1])
}

func date(d *model.Date) any {
	if d == nil {
		return nil
	}
	return neo4j.Date(d.Time())
}

func profRows(set store.ImportSet, tag string) (people, collabs []map[string]any) {
	re := func(id string) string { return strings.Replace(id, "gen-", "gen-prof"+tag+"-", 1) }
	for _, x := range set.People {
		p := x.Person
		var exps []map[string]any
		for _, e := range x.Experiences {
			exps = append(exps, map[string]any{"id": re(e.ID), "organisationId": e.OrganisationID, "kind": string(e.Kind),
				"roleTitle": e.RoleTitle, "startDate": date(&e.StartDate), "endDate": date(e.EndDate)})
		}
		people = append(people, map[string]any{"id": re(p.ID), "name": p.Name, "headline": p.Headline, "languages": p.Languages,
			"region": p.Region, "email": p.Email, "phone": p.Phone, "visibility": string(p.Visibility),
			"openToBridging": p.OpenToBridging, "contactable": p.Contactable, "topics": x.ExpertiseTopicIDs, "experiences": exps})
	}
	for _, x := range set.Collaborations {
		c := x.Collaboration
		var partners, contributors, history []map[string]any
		for _, p := range x.Partners {
			partners = append(partners, map[string]any{"organisationId": p.OrganisationID, "role": string(p.Role)})
		}
		for _, p := range x.Contributors {
			contributors = append(contributors, map[string]any{"personId": re(p.PersonID), "role": string(p.Role)})
		}
		for j, h := range x.PhaseHistory {
			history = append(history, map[string]any{"seq": j + 1, "phase": string(h.Phase), "at": h.At, "note": h.Note, "movedBy": h.MovedBy})
		}
		collabs = append(collabs, map[string]any{"id": re(c.ID), "title": c.Title, "description": c.Description,
			"form": string(c.Form), "phase": string(c.Phase), "startDate": date(c.StartDate), "endDate": date(c.EndDate),
			"topics": x.TopicIDs, "partners": partners, "contributors": contributors, "history": history,
			"evaluationRating": nil, "evaluationNotes": nil, "evaluatedAt": nil})
	}
	return people, collabs
}

func printPlan(t *testing.T, p neo4j.ProfiledPlan, depth int, total *int64) {
	args := p.Arguments()
	var keys []string
	for k := range args {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	detail := ""
	if d, ok := args["Details"]; ok {
		detail = fmt.Sprint(d)
		if len(detail) > 110 {
			detail = detail[:110] + "…"
		}
	}
	*total += p.DbHits()
	t.Logf("%s%-28s rows %8d  dbHits %9d  pageCacheHits %8d  %s", strings.Repeat("  ", depth), p.Operator(),
		p.Records(), p.DbHits(), p.PageCacheHits(), detail)
	for _, c := range p.Children() {
		printPlan(t, c, depth+1, total)
	}
}

func profile(t *testing.T, ctx context.Context, s neo4j.SessionWithContext, label, cypher string, rows []map[string]any) {
	start := time.Now()
	sum, err := neo4j.ExecuteWrite(ctx, s, func(tx neo4j.ManagedTransaction) (neo4j.ResultSummary, error) {
		res, err := tx.Run(ctx, "PROFILE "+cypher, map[string]any{"rows": rows})
		if err != nil {
			return nil, err
		}
		return res.Consume(ctx)
	})
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	t.Logf("== %s: %d rows in %v (server %v)", label, len(rows), time.Since(start).Round(time.Millisecond), sum.ResultAvailableAfter()+sum.ResultConsumedAfter())
	printPlan(t, sum.Profile(), 0, &total)
	c := sum.Counters()
	t.Logf("   total dbHits %d; created %d nodes, %d relationships, set %d properties", total, c.NodesCreated(), c.RelationshipsCreated(), c.PropertiesSet())
}

// TestProfileImport profiles one batch of people and one of collaborations
// (the organisations and topics of the generated set must be in the
// database already: run `tulkki generate` with the same PROFILE_PEOPLE and
// seed 1 first, or let this test import them).
func TestProfileImport(t *testing.T) {
	d, db := driver(t)
	ctx := context.Background()
	n := 2000
	if v := os.Getenv("PROFILE_PEOPLE"); v != "" {
		fmt.Sscan(v, &n)
	}
	set, _, err := Generate(Config{People: n, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	tag := fmt.Sprint(time.Now().UnixNano() % 100000)
	people, collabs := profRows(set, tag)
	s := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db})
	defer s.Close(ctx)
	defer func() {
		res, err := s.Run(ctx, "MATCH (n) WHERE n.id STARTS WITH $p CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
			map[string]any{"p": "gen-prof" + tag + "-"})
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			t.Errorf("clean up: %v", err)
		}
	}()
	batch := min(2000, len(people))
	profile(t, ctx, s, "people (new)", bulkCypher(t, "importPeople"), people[:batch])
	profile(t, ctx, s, "people (again, all MERGEs match)", bulkCypher(t, "importPeople"), people[:batch])
	cb := min(2000, len(collabs))
	profile(t, ctx, s, "collaborations (new)", bulkCypher(t, "importCollaborations"), collabs[:cb])
	for _, q := range []string{"SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state", "CALL dbms.components() YIELD versions, edition"} {
		res, err := neo4j.ExecuteRead(ctx, s, func(tx neo4j.ManagedTransaction) ([]*neo4j.Record, error) {
			r, err := tx.Run(ctx, q, nil)
			if err != nil {
				return nil, err
			}
			return r.Collect(ctx)
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			t.Log(r.Values)
		}
	}
}
