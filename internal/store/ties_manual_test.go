//go:build neo4jmanual

package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/model"
)

// TestTiesAnatomy times the ties statement (best of three) on random pairs
// of generated organisations, whole and without each of its costly parts
// (the co-worker search; the tied people's score rows; the names and
// titles in each tie, which only the shown ties need), prints the
// percentiles of each and the slowest pairs with the size of their
// organisations (stints / ongoing stints):
//
//	eval "$(scripts/neo4j.sh env bench)"
//	go test -tags neo4jmanual ./internal/store -run TestTiesAnatomy -v   # PAIRS=200
func TestTiesAnatomy(t *testing.T) {
	ctx := context.Background()
	st := openManual(t, os.Stderr)
	ids, err := st.OrganisationIDsWithPrefix(ctx, "gen-org-")
	if err != nil {
		t.Fatal(err)
	}
	n := 200
	fmt.Sscan(os.Getenv("PAIRS"), &n)
	// cut replaces the text from `from` up to `to` with `with`.
	cut := func(from, to, with string) string {
		i, j := strings.Index(translatorTiesCypher, from), strings.Index(translatorTiesCypher, to)
		if i < 0 || j < i {
			t.Fatalf("the ties statement no longer has %q … %q", from, to)
		}
		return translatorTiesCypher[:i] + with + translatorTiesCypher[j:]
	}
	variants := []struct{ name, cypher string }{
		{"whole", translatorTiesCypher},
		{"without co-workers", cut("  UNION ALL\n  MATCH (x)<-[:AT]-(qx", "\n}\nWITH side[0]", "")},
		{"without score rows", cut("[n IN people | ", " AS scores", "[]")},
		{"scoring needs only", strings.NewReplacer("[e.id, e.kind, e.roleTitle] AS via", "[e.kind] AS via", "[c.id, c.title, r.role] AS via", "[r.role] AS via",
			"[best.o.id, best.o.name, best.pe.id, best.q.id, best.q.name, best.qe.id, best.qx.id] AS via", "[] AS via").Replace(translatorTiesCypher)},
	}
	size := func(id string) string {
		rec, err := readTx(ctx, st, func(tx neo4j.ManagedTransaction) (*neo4j.Record, error) {
			return st.single(ctx, tx, `MATCH (x:Organisation {id: $id})
RETURN COUNT { (x)<-[:AT]-() } AS n, COUNT { (x)<-[:AT]-(e) WHERE e.endDate IS NULL } AS ongoing`, map[string]any{"id": id})
		})
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%5d/%4d", recordValue(rec, "n"), recordValue(rec, "ongoing"))
	}
	best := func(cypher string, params map[string]any) time.Duration {
		out := time.Hour
		for range 3 {
			start := time.Now()
			if _, err := readTx(ctx, st, func(tx neo4j.ManagedTransaction) (*neo4j.Record, error) {
				return st.single(ctx, tx, cypher, params)
			}); err != nil {
				t.Fatal(err)
			}
			out = min(out, time.Since(start))
		}
		return out
	}
	type pair struct {
		a, b  string
		times []time.Duration
	}
	r := rand.New(rand.NewPCG(1, 2))
	cf := model.CandidateFilter{Scope: model.PersonScope{Visibilities: model.AllVisibilities}}
	var pairs []pair
	for len(pairs) < n {
		a, b := ids[r.IntN(len(ids))], ids[r.IntN(len(ids))]
		if a == b {
			continue
		}
		params := candidateParams(cf, map[string]any{"a": a, "b": b, "maxOrg": 200})
		p := pair{a: a, b: b}
		for _, v := range variants {
			p.times = append(p.times, best(v.cypher, params))
		}
		pairs = append(pairs, p)
	}
	for i, v := range variants {
		ds := make([]time.Duration, len(pairs))
		for k, p := range pairs {
			ds[k] = p.times[i]
		}
		slices.Sort(ds)
		q := func(f float64) float64 { return ms(ds[min(len(ds)-1, int(f*float64(len(ds))))]) }
		t.Logf("%-20s p50 %5.1f  p90 %5.1f  p95 %5.1f  p99 %5.1f ms", v.name, q(0.5), q(0.9), q(0.95), q(0.99))
	}
	slices.SortFunc(pairs, func(x, y pair) int { return int(y.times[0] - x.times[0]) })
	for _, p := range pairs[:min(15, len(pairs))] {
		t.Logf("%6.1f ms (%5.1f without co-workers, %5.1f without score rows)  A %s  B %s",
			ms(p.times[0]), ms(p.times[1]), ms(p.times[2]), size(p.a), size(p.b))
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// TestPropertyReads times reading properties of 3 000 generated people
// (best of seven): what one property of a Person costs on top of finding
// the node, and the score row's parts.
//
//	go test -tags neo4jmanual ./internal/store -run TestPropertyReads -v
func TestPropertyReads(t *testing.T) {
	ctx := context.Background()
	st := openManual(t, os.Stderr)
	ids, err := st.readIDs(ctx, "MATCH (p:Person) WHERE p.id STARTS WITH 'gen-' RETURN p.id AS id LIMIT 3000", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"MATCH (n:Person) WHERE n.id IN $ids RETURN collect(n.id) AS x",
		"MATCH (n:Person) WHERE n.id IN $ids RETURN collect([n.id, n.name]) AS x",
		"MATCH (n:Person) WHERE n.id IN $ids RETURN collect([n.id, n.openToBridging, n.visibility, n.region, n.languages]) AS x",
		"MATCH (n:Person) WHERE n.id IN $ids RETURN collect([n.id, n.netCrossSectorPercentile]) AS x",
		"MATCH (n:Person) WHERE n.id IN $ids RETURN collect([n.id, n.stintSummary]) AS x",
		"MATCH (n:Person) WHERE n.id IN $ids RETURN collect([n.id, n.netCrossSectorPercentile, n.stintSummary]) AS x",
		"MATCH (n:Person) WHERE n.id IN $ids RETURN collect([n.id, [(n)-[:CONTRIBUTED_TO]->(c:Collaboration) WHERE c.partnerSectorCount >= 2 | [c.id, c.evaluationRating]]]) AS x",
		"MATCH (n:Person) WHERE n.id IN $ids RETURN collect(properties(n)) AS x",
	} {
		best := time.Hour
		for range 7 {
			start := time.Now()
			if _, err := readTx(ctx, st, func(tx neo4j.ManagedTransaction) (*neo4j.Record, error) {
				return st.single(ctx, tx, q, map[string]any{"ids": ids})
			}); err != nil {
				t.Fatal(err)
			}
			best = min(best, time.Since(start))
		}
		t.Logf("%6.1f ms  %s", ms(best), q[strings.Index(q, "RETURN"):])
	}
	rec, _ := readTx(ctx, st, func(tx neo4j.ManagedTransaction) (*neo4j.Record, error) {
		return st.single(ctx, tx, "MATCH (n:Person) WHERE n.id IN $ids RETURN avg(size(keys(n))) AS k", map[string]any{"ids": ids})
	})
	t.Logf("properties per person: %v on average", recordValue(rec, "k"))
}
