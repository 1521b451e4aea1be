package store

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/model"
)

// BenchmarkTranslatorStatements runs each statement of a translator query
// under PROFILE for deterministic pairs of generated organisations on the
// database NEO4J_URI names, and reports Neo4j's db hits and rows per pair
// next to the time (db hits are steadier than time on a shared machine):
//
//	eval "$(scripts/neo4j.sh env bench)"
//	go test ./internal/store -run '^$' -bench TranslatorStatements -benchtime 30x
//
// tulkki bench times the whole query through the API.
func BenchmarkTranslatorStatements(b *testing.B) {
	ctx := context.Background()
	st := openBench(b)
	ids, err := st.OrganisationIDsWithPrefix(ctx, "gen-org-")
	if err != nil {
		b.Fatal(err)
	}
	if len(ids) < 2 {
		b.Skip("no generated organisations: run tulkki generate first")
	}
	// Pair i: two organisations far apart in id order, the same every run.
	pair := func(i int) (string, string) {
		a, c := (i*7919)%len(ids), (i*104729+len(ids)/2)%len(ids)
		if a == c {
			c = (c + 1) % len(ids)
		}
		return ids[a], ids[c]
	}
	cf := model.CandidateFilter{Scope: model.PersonScope{Visibilities: model.AllVisibilities}}
	// tied lists the people tied to the pair, for the profile statements.
	tied := func(a, c string) []string {
		recs, _ := profile(b, st, translatorTiesCypher, candidateParams(cf, map[string]any{"a": a, "b": c, "maxOrg": 200}))
		var people []string
		for _, r := range recs {
			for _, x := range recordList(r, "ties") {
				if id, _ := x.([]any)[1].(string); !slices.Contains(people, id) {
					people = append(people, id)
				}
			}
		}
		return people
	}
	sectorProp := func(a, c string) string {
		orgs, err := st.OrganisationsByID(ctx, []string{a, c})
		if err != nil {
			b.Fatal(err)
		}
		prop, err := sectorPairProp(orgs[a].Sector, orgs[c].Sector)
		if err != nil {
			b.Fatal(err)
		}
		return prop
	}
	// Each statement with its parameters for a pair; what they need (the
	// tied people, the sectors) is read before the timer runs.
	for _, bc := range []struct {
		name string
		stmt func(a, c string) (string, map[string]any)
	}{
		{"ties and scores", func(a, c string) (string, map[string]any) {
			return translatorTiesCypher, candidateParams(cf, map[string]any{"a": a, "b": c, "maxOrg": 200})
		}},
		{"profiles of the tied", func(a, c string) (string, map[string]any) {
			return candidateProfilesCypher, map[string]any{"ids": tied(a, c)}
		}},
		{"sector candidates and scores", func(a, c string) (string, map[string]any) {
			return sectorCandidateScoresCypher[sectorProp(a, c)], candidateParams(cf, map[string]any{"limit": 200})
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var hits, rows int64
			n := 0
			for b.Loop() {
				b.StopTimer()
				cypher, params := bc.stmt(pair(n))
				b.StartTimer()
				recs, h := profile(b, st, cypher, params)
				hits += h
				rows += int64(len(recs))
				n++
			}
			b.ReportMetric(float64(hits)/float64(n), "dbhits/op")
			b.ReportMetric(float64(rows)/float64(n), "rows/op")
		})
	}
}

// profile runs cypher under PROFILE and returns its records and db hits.
func profile(b *testing.B, st *Store, cypher string, params map[string]any) ([]*neo4j.Record, int64) {
	b.Helper()
	ctx := context.Background()
	session := st.session(ctx, neo4j.AccessModeRead)
	defer session.Close(ctx)
	res, err := session.Run(ctx, "PROFILE "+cypher, params)
	if err != nil {
		b.Fatal(err)
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		b.Fatal(err)
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var hits int64
	var walk func(p neo4j.ProfiledPlan)
	walk = func(p neo4j.ProfiledPlan) {
		hits += p.DbHits()
		for _, c := range p.Children() {
			walk(c)
		}
	}
	if p := sum.Profile(); p != nil {
		walk(p)
	}
	return recs, hits
}

// openBench opens the store on the database NEO4J_URI names (with the
// other NEO4J_ variables); it is closed when the benchmark ends.
func openBench(b *testing.B) *Store {
	b.Helper()
	cfg, err := config.FromEnv()
	if err != nil {
		b.Fatal(err)
	}
	st, err := Open(context.Background(), cfg.Neo4j, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close(context.Background()) })
	return st
}
