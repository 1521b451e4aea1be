//go:build neo4jmanual

package analysis

import (
	"context"
	"log/slog"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/netsci"
	"github.com/tulkki/tulkki/internal/store"
)

// TestNetworkShape prints the co-membership network's size on the database
// NEO4J_URI names, and times the local measures:
//
//	eval "$(scripts/neo4j.sh env bench)"
//	go test -tags neo4jmanual ./internal/analysis -run TestNetworkShape -v
func TestNetworkShape(t *testing.T) {
	cm, err := loadCoMembership(t)
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int
	var stintDays []int
	for _, o := range cm.Organisations {
		sizes = append(sizes, len(o))
		for _, s := range o {
			stintDays = append(stintDays, int(s.End-s.Start))
		}
	}
	slices.Sort(sizes)
	slices.Sort(stintDays)
	q := func(xs []int, p float64) int { return xs[int(p*float64(len(xs)-1))] }
	t.Logf("people %d, orgs %d: size p50 %d p99 %d max %d; stint days p50 %d p90 %d", len(cm.PersonIDs), len(sizes),
		q(sizes, .5), q(sizes, .99), sizes[len(sizes)-1], q(stintDays, .5), q(stintDays, .9))
	clique := netsci.NewBuilder(len(cm.PersonIDs))
	for _, o := range cm.Organisations {
		var nodes []int
		for _, s := range o {
			nodes = append(nodes, int(s.Person))
		}
		clique.AddClique(nodes)
	}
	cg, _ := clique.Build()
	g, err := Build(cm)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("links: all who shared an organisation %d; overlapping stints (+collaborations) %d", cg.NumEdges(), g.NumEdges())
	start := time.Now()
	netsci.Local(g)
	t.Logf("local measures: %s", time.Since(start))
}

func TestCohortSizes(t *testing.T) {
	cm, err := loadCoMembership(t)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{25, 50, 100, 200} {
		CohortSize = k
		g, _ := Build(cm)
		start := time.Now()
		netsci.Local(g)
		maxd := 0
		for v := range g.NumNodes() {
			maxd = max(maxd, g.Degree(v))
		}
		t.Logf("cohort %d: %d links, mean degree %.0f, max %d; local measures %s", k, g.NumEdges(), g.MeanDegree(), maxd, time.Since(start))
	}
}

// loadCoMembership reads the co-membership data of the database NEO4J_URI
// names (with the other NEO4J_ variables).
func loadCoMembership(t *testing.T) (*model.CoMembership, error) {
	t.Helper()
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, cfg.Neo4j, slog.New(slog.NewTextHandler(os.Stderr, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	return st.LoadCoMembership(ctx)
}
