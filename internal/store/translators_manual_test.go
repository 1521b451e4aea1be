//go:build neo4jmanual

package store

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/model"
)

// TestProfileTranslators PROFILEs the translator statements for sampled
// pairs of generated organisations on the database NEO4J_URI names and
// prints the Neo4j db hits and rows of each (steadier than wall time on a
// shared machine):
//
//	eval "$(scripts/neo4j.sh env bench)"
//	go test -tags neo4jmanual ./internal/store -run TestProfileTranslators -v   # PAIRS=50 PLAN=1
func TestProfileTranslators(t *testing.T) {
	ctx := context.Background()
	st := openManual(t, os.Stderr)
	ids, err := st.OrganisationIDsWithPrefix(ctx, "gen-org-")
	if err != nil {
		t.Fatal(err)
	}
	n := 30
	fmt.Sscan(os.Getenv("PAIRS"), &n)
	// Every k-th organisation against the next k-th: deterministic, spread.
	type pair struct{ A, B string }
	var pairs []pair
	for i := 0; len(pairs) < n; i++ {
		a, b := (i*7919)%len(ids), (i*104729+len(ids)/2)%len(ids)
		if a != b {
			pairs = append(pairs, pair{ids[a], ids[b]})
		}
	}
	cf := model.CandidateFilter{Scope: model.PersonScope{Visibilities: model.AllVisibilities}}
	type total struct {
		hits, rows int64
		took       time.Duration
	}
	totals := map[string]*total{}
	var order []string
	add := func(name string, hits, rows int64, took time.Duration) {
		if totals[name] == nil {
			totals[name] = &total{}
			order = append(order, name)
		}
		totals[name].hits += hits
		totals[name].rows += rows
		totals[name].took += took
	}
	for i, p := range pairs {
		orgs, err := st.OrganisationsByID(ctx, []string{p.A, p.B})
		if err != nil {
			t.Fatal(err)
		}
		if os.Getenv("BEFORE") != "" {
			_, hits, took := profile(t, st, oldTranslatorTiesCypher, candidateParams(cf, map[string]any{"a": p.A, "b": p.B, "maxOrg": 200}), false)
			add("ties (before)", hits, 0, took)
		}
		// Since session 3 one statement returns the ties and the tied
		// people's score rows, in one record.
		var people []string
		recs, hits, took := profile(t, st, translatorTiesCypher, candidateParams(cf, map[string]any{"a": p.A, "b": p.B, "maxOrg": 200}), i == 0)
		ties := 0
		for _, r := range recs {
			for _, x := range recordList(r, "ties") {
				ties++
				if id, _ := x.([]any)[1].(string); !slices.Contains(people, id) {
					people = append(people, id)
				}
			}
		}
		add("ties and the tied people's scores", hits, int64(ties), took)
		recs, hits, took = profile(t, st, candidateProfilesCypher, map[string]any{"ids": people}, i == 0)
		add("profiles (all tied)", hits, int64(len(recs)), took)
		recs, hits, took = profile(t, st, candidateScoresCypher, map[string]any{"ids": people}, false)
		add("scores (all tied)", hits, int64(len(recs)), took)
		slices.Sort(people)
		if os.Getenv("BEFORE") != "" {
			_, hits, took := profile(t, st, oldSectorCandidatesCypher, candidateParams(cf, map[string]any{"a": string(orgs[p.A].Sector), "b": string(orgs[p.B].Sector),
				"except": people, "limit": 200}), false)
			add("sector candidates (before)", hits, 0, took)
		}
		prop, err := sectorPairProp(orgs[p.A].Sector, orgs[p.B].Sector)
		if err != nil {
			t.Fatal(err)
		}
		recs, hits, took = profile(t, st, sectorCandidatesCypher(prop), candidateParams(cf, map[string]any{"limit": 200}), i == 0)
		add("sector candidates", hits, int64(len(recs)), took)
		recs, hits, took = profile(t, st, sectorCandidateScoresCypher[prop], candidateParams(cf, map[string]any{"limit": 200}), i == 0)
		add("sector candidates + scores", hits, int64(len(recs)), took)
	}
	for _, name := range order {
		x := totals[name]
		t.Logf("%-22s per pair: %9d db hits, %6d rows, %6.1f ms", name, x.hits/int64(len(pairs)), x.rows/int64(len(pairs)),
			float64(x.took.Microseconds())/1000/float64(len(pairs)))
	}
}

func profile(t *testing.T, st *Store, cypher string, params map[string]any, print bool) ([]*neo4j.Record, int64, time.Duration) {
	t.Helper()
	ctx := context.Background()
	session := st.session(ctx, neo4j.AccessModeRead)
	defer session.Close(ctx)
	start := time.Now()
	res, err := session.Run(ctx, "PROFILE "+cypher, params)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	sum, err := res.Consume(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var hits int64
	var walk func(p neo4j.ProfiledPlan, depth int)
	b := &strings.Builder{}
	walk = func(p neo4j.ProfiledPlan, depth int) {
		hits += p.DbHits()
		fmt.Fprintf(b, "%s%s rows=%d hits=%d %v\n", strings.Repeat("  ", depth), p.Operator(), p.Records(), p.DbHits(), p.Arguments()["Details"])
		for _, c := range p.Children() {
			walk(c, depth+1)
		}
	}
	if p := sum.Profile(); p != nil {
		walk(p, 0)
	}
	if print && os.Getenv("PLAN") != "" {
		t.Log("\n" + b.String())
	}
	return recs, hits, took
}

// TestProfileSectorDaysRefresh PROFILEs the sector-pair refresh of a batch
// of generated people (it rewrites the same values).
func TestProfileSectorDaysRefresh(t *testing.T) {
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := Open(ctx, cfg.Neo4j, slog.New(slog.NewTextHandler(os.Stderr, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	ids, err := readTx(ctx, st, func(tx neo4j.ManagedTransaction) ([]string, error) {
		recs, err := st.collect(ctx, tx, "MATCH (p:Person) WHERE p.id STARTS WITH 'gen-' RETURN p.id AS id LIMIT 200", nil)
		var out []string
		for _, r := range recs {
			out = append(out, recordValue(r, "id").(string))
		}
		return out, err
	})
	if err != nil {
		t.Fatal(err)
	}
	session := st.session(ctx, neo4j.AccessModeWrite)
	defer session.Close(ctx)
	res, err := session.Run(ctx, "PROFILE UNWIND $ids AS id MATCH (p:Person {id: id})"+refreshStintValues, map[string]any{"ids": ids})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var walk func(p neo4j.ProfiledPlan, depth int)
	b := &strings.Builder{}
	walk = func(p neo4j.ProfiledPlan, depth int) {
		fmt.Fprintf(b, "%s%s rows=%d hits=%d %v\n", strings.Repeat("  ", depth), p.Operator(), p.Records(), p.DbHits(), p.Arguments()["Details"])
		for _, c := range p.Children() {
			walk(c, depth+1)
		}
	}
	walk(sum.Profile(), 0)
	t.Log("\n" + b.String())
}

// TestExplainImportPeople prints the plan of the people import with the
// sector-pair refresh.
func TestExplainImportPeople(t *testing.T) {
	cfg, _ := config.FromEnv()
	ctx := context.Background()
	st, err := Open(ctx, cfg.Neo4j, slog.New(slog.NewTextHandler(os.Stderr, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	session := st.session(ctx, neo4j.AccessModeWrite)
	defer session.Close(ctx)
	res, err := session.Run(ctx, "EXPLAIN "+importPeople+refreshStintValues, map[string]any{"rows": []any{}})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var walk func(p neo4j.Plan, depth int)
	b := &strings.Builder{}
	walk = func(p neo4j.Plan, depth int) {
		d := fmt.Sprint(p.Arguments()["Details"])
		if len(d) > 120 {
			d = d[:120]
		}
		fmt.Fprintf(b, "%s%s %s\n", strings.Repeat("  ", depth), p.Operator(), d)
		for _, c := range p.Children() {
			walk(c, depth+1)
		}
	}
	walk(sum.Plan(), 0)
	t.Log("\n" + b.String())
}

// The statements as they were before the changes of 2026-11-24
// (docs/performance.md), to compare db hits on the same data: BEFORE=1.
const oldTranslatorTiesCypher = `
UNWIND [[0, $a], [1, $b]] AS side
MATCH (x:Organisation {id: side[1]})
CALL (x) {
  MATCH (x)<-[:AT]-(e:Experience)<-[:HAS_EXPERIENCE]-(p:Person)
  WHERE ` + candidateWhere + `
  RETURN p.id AS personId, 'STINT' AS kind, e.startDate AS start, e.endDate AS end,
         {experienceId: e.id, experienceKind: e.kind, roleTitle: e.roleTitle} AS via
  UNION ALL
  MATCH (x)-[:PARTNER_IN]->(c:Collaboration)<-[r:CONTRIBUTED_TO]-(p:Person)
  WHERE ` + candidateWhere + `
  RETURN p.id AS personId, 'COLLABORATION' AS kind, coalesce(c.startDate, date(c.createdAt)) AS start, c.endDate AS end,
         {collaborationId: c.id, collaborationTitle: c.title, role: r.role} AS via
  UNION ALL
  MATCH (x)<-[:AT]-(qx:Experience)<-[:HAS_EXPERIENCE]-(q:Person)
  WHERE COUNT { (x)<-[:AT]-() } <= $maxOrg
    AND (qx.endDate IS NULL OR qx.endDate >= date())
    AND (q.visibility IN $visibilities OR q.id = $selfId)
  MATCH (q)-[:HAS_EXPERIENCE]->(qe:Experience)-[:AT]->(o:Organisation)<-[:AT]-(pe:Experience)<-[:HAS_EXPERIENCE]-(p:Person)
  WHERE o <> x AND p <> q AND COUNT { (o)<-[:AT]-() } <= $maxOrg
    AND ` + candidateWhere + `
    AND pe.startDate <= coalesce(qe.endDate, date()) AND qe.startDate <= coalesce(pe.endDate, date())
  WITH p, q, qx, qe, pe, o,
       CASE WHEN pe.startDate > qe.startDate THEN pe.startDate ELSE qe.startDate END AS start,
       CASE WHEN pe.endDate IS NULL THEN qe.endDate WHEN qe.endDate IS NULL THEN pe.endDate
            WHEN pe.endDate < qe.endDate THEN pe.endDate ELSE qe.endDate END AS end
  // One co-worker tie per person: the longest overlap, then the latest.
  ORDER BY duration.inDays(start, coalesce(end, date())).days DESC, coalesce(end, date()) DESC, q.id, o.id
  WITH p, collect({start: start, end: end, o: o, q: q, qx: qx, qe: qe, pe: pe})[0] AS best
  RETURN p.id AS personId, 'COWORKER' AS kind, best.start AS start, best.end AS end,
         {throughOrgId: best.o.id, throughOrgName: best.o.name, throughExperienceId: best.pe.id,
          colleagueId: best.q.id, colleagueName: best.q.name, colleagueThroughExpId: best.qe.id,
          colleagueCurrentExpId: best.qx.id} AS via
}
RETURN side[0] AS side, personId, kind, start, end, via
ORDER BY side, personId, kind`

const oldSectorCandidatesCypher = `
MATCH (p:Person)-[:HAS_EXPERIENCE]->(e:Experience)-[:AT]->(:Organisation)-[:IN_SECTOR]->(s:Sector)
WHERE s.code IN [$a, $b] AND NOT p.id IN $except AND ` + candidateWhere + `
WITH p, s.code AS sector, sum(duration.inDays(e.startDate, coalesce(e.endDate, date())).days) AS days
WITH p, collect(sector) AS sectors, min(days) AS weaker
WHERE $a IN sectors AND $b IN sectors
RETURN p.id AS id ORDER BY weaker DESC, id LIMIT $limit`
