// Package netsci computes the brokerage measures Tulkki stores on people:
// shortest-path betweenness (exact or pivot-sampled), cross-group
// ("between sectors") betweenness, Burt's constraint and effective size, and
// Gould & Fernandez brokerage roles. See docs/domain.md, "Brokerage".
//
// The input is the person–person co-membership network: two people are
// adjacent when they have experience at the same organisation or contributed
// to the same collaboration. It is simple, undirected and unweighted, and each
// person carries a group label — the main sector, a small integer, or Unknown.
// Build it with a Builder (edges in any order, duplicates merged), then call
// the measures; each returns a slice indexed by node.
//
//	b := netsci.NewBuilder(len(people))
//	for i, p := range people {
//		b.SetGroup(i, sectorIndex(p.MainSector)) // −1 if unknown
//	}
//	for _, pair := range coMemberships {
//		b.AddEdge(pair.I, pair.J)
//	}
//	g, err := b.Build()
//	opts := netsci.BetweennessOptions{Samples: netsci.AutoSamples(g, 0), Seed: 1, Progress: bar.Set}
//	bc, xg, err := netsci.BothBetweenness(ctx, g, opts) // one pass; or Betweenness and CrossGroupBetweenness
//	local := netsci.Local(g) // constraint, effective size, brokerage in one pass
//
// The package is pure Go with no database access; reference values come from
// NetworkX (testdata/make_fixtures.py) and README.md records accuracy,
// timings and memory.
package netsci
