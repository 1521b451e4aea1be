package analysis_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/tulkki/tulkki/internal/analysis"
	"github.com/tulkki/tulkki/internal/netsci"
	"github.com/tulkki/tulkki/internal/storetest"
)

// BenchmarkNetwork builds the co-membership network of the database
// NEO4J_URI names and computes the local measures, for each cohort size
// (analysis.CohortSize); it reports the network's links and mean degree.
// Run it on generated data, e.g. the bench instance after `make bench`:
//
//	eval "$(scripts/neo4j.sh env bench)"
//	go test ./internal/analysis -run '^$' -bench Network -benchtime 3x
func BenchmarkNetwork(b *testing.B) {
	st := storetest.Open(b)
	cm, err := st.LoadCoMembership(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	if len(cm.PersonIDs) < 1000 {
		b.Skipf("%d people: generate a graph first (tulkki generate --people 20000)", len(cm.PersonIDs))
	}
	defer func(k int) { analysis.CohortSize = k }(analysis.CohortSize)
	for _, k := range []int{25, 50, 100} {
		b.Run(fmt.Sprintf("cohort=%d/build", k), func(b *testing.B) {
			analysis.CohortSize = k
			var g *netsci.Graph
			for b.Loop() {
				if g, err = analysis.Build(cm); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(g.NumEdges()), "links")
			b.ReportMetric(g.MeanDegree(), "degree")
		})
		b.Run(fmt.Sprintf("cohort=%d/local", k), func(b *testing.B) {
			analysis.CohortSize = k
			g, err := analysis.Build(cm)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				netsci.Local(g)
			}
		})
	}
}
