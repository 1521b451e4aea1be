//go:build neo4jmanual

package store

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/model"
)

// TestImportStatements times the statements of the people import's CREATE
// path, and the commit, on fresh people (ids gen-prof…, deleted
// afterwards) attached to the organisations and topics of an earlier
// `tulkki generate` on the database NEO4J_URI names. PROFILE=1 also
// PROFILEs the first batch; SKIP=2,3 leaves statements out (0 is the
// check of existing ids); REPLACE2='UNWIND $stints …' runs another text in
// place of statement 2. EACH=1 prints every batch.
//
//	eval "$(scripts/neo4j.sh env dev)"   # after bin/tulkki generate --people 100000
//	go test -tags neo4jmanual ./internal/store -run TestImportStatements -v   # PEOPLE=20000 BATCH=5000
func TestImportStatements(t *testing.T) {
	ctx := context.Background()
	st := openManual(t, io.Discard)
	orgs, err := st.OrganisationIDsWithPrefix(ctx, "gen-org-")
	if err != nil || len(orgs) == 0 {
		t.Fatalf("no generated organisations (%v): run tulkki generate first", err)
	}
	n, batch := 20000, 5000
	fmt.Sscan(os.Getenv("PEOPLE"), &n)
	fmt.Sscan(os.Getenv("BATCH"), &batch)
	tag := fmt.Sprint(time.Now().UnixNano() % 1000000)
	rng := rand.New(rand.NewPCG(1, 2))
	people := make([]ImportPerson, n)
	for i := range people {
		id := fmt.Sprintf("gen-prof%s-person-%07d", tag, i+1)
		p := ImportPerson{Person: model.Person{ID: id, Name: "Prof " + id, Headline: "Tester of imports", Languages: []string{"fi", "en"},
			Region: "Uusimaa", Email: id + "@example.org", Visibility: model.VisibilityPublic, OpenToBridging: i%2 == 0}}
		for range 2 + rng.IntN(2) {
			p.ExpertiseTopicIDs = append(p.ExpertiseTopicIDs, fmt.Sprintf("gen-topic-%03d", 1+rng.IntN(40)))
		}
		year := 1990 + rng.IntN(10)
		for k := range 3 + rng.IntN(2) {
			end := model.Date{Year: year + 3, Month: 6, Day: 30}
			p.Experiences = append(p.Experiences, model.Experience{ID: fmt.Sprintf("gen-prof%s-exp-%07d-%d", tag, i+1, k+1),
				OrganisationID: orgs[rng.IntN(len(orgs))], Kind: model.ExperienceEmployment, RoleTitle: "Tester",
				StartDate: model.Date{Year: year, Month: 1, Day: 1}, EndDate: &end})
			year += 4
		}
		people[i] = p
	}
	step := personStep(people)
	session := st.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: st.database})
	defer session.Close(ctx)
	defer func() {
		for _, q := range []string{
			"MATCH (n:Experience) WHERE n.id STARTS WITH $p CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
			"MATCH (n:Person) WHERE n.id STARTS WITH $p CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
		} {
			res, err := session.Run(ctx, q, map[string]any{"p": "gen-prof" + tag + "-"})
			if err == nil {
				_, err = res.Consume(ctx)
			}
			if err != nil {
				t.Errorf("clean up: %v", err)
			}
		}
	}()
	took := map[string]time.Duration{}
	var order []string
	profiled := os.Getenv("PROFILE") == ""
	for start := 0; start < n; start += batch {
		params := step.params(start, min(start+batch, n))
		tx, err := session.BeginTransaction(ctx)
		if err != nil {
			t.Fatal(err)
		}
		err = func() error {
			for i, q := range append([]string{step.existing}, step.create...) {
				if strings.Contains(","+os.Getenv("SKIP")+",", fmt.Sprintf(",%d,", i)) {
					continue
				}
				if r := os.Getenv("REPLACE" + fmt.Sprint(i)); r != "" {
					q = r
				}
				label := strings.Join(strings.Fields(q), " ")[:60]
				if !profiled {
					q = "PROFILE " + q
				}
				t0 := time.Now()
				res, err := tx.Run(ctx, q, paramsOf(q, params))
				if err != nil {
					return err
				}
				sum, err := res.Consume(ctx)
				if err != nil {
					return err
				}
				if _, ok := took[label]; !ok {
					order = append(order, label)
				}
				took[label] += time.Since(t0)
				if os.Getenv("EACH") != "" {
					t.Logf("batch %d: %8v %s", start/batch, time.Since(t0).Round(time.Millisecond), label)
				}
				if !profiled {
					var total int64
					printImportPlan(t, sum.Profile(), 0, &total)
					t.Logf("%s: %d db hits", label, total)
				}
			}
			t0 := time.Now()
			err := tx.Commit(ctx)
			if _, ok := took["commit"]; !ok {
				order = append(order, "commit")
			}
			took["commit"] += time.Since(t0)
			return err
		}()
		if err != nil {
			t.Fatal(err)
		}
		profiled = true
	}
	for _, l := range order {
		t.Logf("%8v  %s", took[l].Round(time.Millisecond), l)
	}
}

func printImportPlan(t *testing.T, p neo4j.ProfiledPlan, depth int, total *int64) {
	detail := fmt.Sprint(p.Arguments()["Details"])
	if len(detail) > 100 {
		detail = detail[:100] + "…"
	}
	*total += p.DbHits()
	t.Logf("%s%-28s rows %8d  dbHits %9d  %s", strings.Repeat("  ", depth), p.Operator(), p.Records(), p.DbHits(), detail)
	for _, c := range p.Children() {
		printImportPlan(t, c, depth+1, total)
	}
}

// TestImportCeiling measures what this machine's Neo4j can write at best,
// to put the import rate in proportion: one transaction each (timed with
// its commit) of 90 000 bare nodes, of 90 000 nodes with a stint's four
// properties, and of 70 000 such nodes each tied to an existing person and
// organisation (as an import's stints are), all under labels with no index.
// It needs the people and organisations of an earlier `tulkki generate`
// and deletes what it wrote.
//
//	eval "$(scripts/neo4j.sh env bench)"
//	go test -tags neo4jmanual ./internal/store -run TestImportCeiling -v
func TestImportCeiling(t *testing.T) {
	ctx := context.Background()
	st := openManual(t, io.Discard)
	people, err := st.readIDs(ctx, "MATCH (p:Person) WHERE p.id STARTS WITH 'gen-' RETURN p.id AS id LIMIT 20000", nil)
	if err != nil || len(people) == 0 {
		t.Fatalf("no generated people (%v): run tulkki generate first", err)
	}
	orgs, err := st.OrganisationIDsWithPrefix(ctx, "gen-org-")
	if err != nil || len(orgs) == 0 {
		t.Fatalf("no generated organisations (%v)", err)
	}
	rows := make([]any, 70000)
	for i := range rows {
		rows[i] = map[string]any{"personId": people[i%len(people)], "organisationId": orgs[(i*7919)%len(orgs)],
			"kind": "EMPLOYMENT", "roleTitle": "Tester", "startDate": neo4j.DateOf(time.Date(2000+i%20, 1, 1, 0, 0, 0, 0, time.UTC)),
			"endDate": neo4j.DateOf(time.Date(2004+i%20, 6, 30, 0, 0, 0, 0, time.UTC))}
	}
	for _, c := range []struct {
		name   string
		cypher string
		nodes  int
	}{
		{"bare nodes", "UNWIND range(1, 90000) AS i CREATE (:CeilingBare {id: i})", 90000},
		{"nodes with a stint's properties", `UNWIND range(1, 90000) AS i
CREATE (:CeilingProps {id: i, kind: 'EMPLOYMENT', roleTitle: 'Tester', startDate: date('2000-01-01'), endDate: date('2004-06-30')})`, 90000},
		{"stints tied to a person and an organisation", `UNWIND $stints AS x
MATCH (p:Person {id: x.personId})
MATCH (o:Organisation {id: x.organisationId})
CREATE (p)-[:CEILING_HAS]->(e:CeilingStint {kind: x.kind, roleTitle: x.roleTitle, startDate: x.startDate, endDate: x.endDate})-[:CEILING_AT]->(o)`, len(rows)},
	} {
		start := time.Now()
		if _, err := writeTx(ctx, st, func(tx neo4j.ManagedTransaction) (any, error) {
			res, err := tx.Run(ctx, c.cypher, map[string]any{"stints": rows})
			if err != nil {
				return nil, err
			}
			return res.Consume(ctx)
		}); err != nil {
			t.Fatal(err)
		}
		took := time.Since(start)
		t.Logf("%-45s %6d nodes in %6.2f s: %6.0f nodes/s", c.name, c.nodes, took.Seconds(), float64(c.nodes)/took.Seconds())
	}
	// CALL … IN TRANSACTIONS runs only in an implicit transaction.
	session := st.session(ctx, neo4j.AccessModeWrite)
	defer session.Close(ctx)
	for _, label := range []string{"CeilingBare", "CeilingProps", "CeilingStint"} {
		res, err := session.Run(ctx, "MATCH (n:"+label+") CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			t.Errorf("clean up %s: %v", label, err)
		}
	}
}
