package netsci

import (
	"context"
	"math"
	"slices"
	"testing"
)

// withRelabel runs f with runBrandes relabelling every graph (on) or none
// (off), restoring the threshold afterwards.
func withRelabel(on bool, f func()) {
	defer func(old int) { relabelMin = old }(relabelMin)
	relabelMin = math.MaxInt
	if on {
		relabelMin = 0
	}
	f()
}

func closeFloats(t *testing.T, what string, got, want []float64, rel float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for v := range want {
		if math.Abs(got[v]-want[v]) > rel*max(1e-300, math.Abs(want[v])) && math.Abs(got[v]-want[v]) > 1e-300 {
			t.Fatalf("%s: node %d: %.17g, want %.17g", what, v, got[v], want[v])
		}
	}
}

// TestBothBetweennessFixtures: the shared pass (one BFS per source for both
// measures), with and without relabelling, gives the NetworkX values, and
// without relabelling on one worker exactly the separate passes' bits.
func TestBothBetweennessFixtures(t *testing.T) {
	ctx := context.Background()
	for _, f := range loadFixtures(t) {
		g := f.graph(t)
		var sepBC, sepXG []float64
		withRelabel(false, func() {
			var err error
			if sepBC, err = Betweenness(ctx, g, BetweennessOptions{Workers: 1}); err != nil {
				t.Fatal(err)
			}
			if sepXG, err = CrossGroupBetweenness(ctx, g, BetweennessOptions{Workers: 1}); err != nil {
				t.Fatal(err)
			}
		})
		for _, tc := range []struct {
			name    string
			relabel bool
			workers int
		}{
			{"shared", false, 1},
			{"shared, relabelled", true, 1},
			{"shared, relabelled, 3 workers", true, 3},
		} {
			t.Run(f.Name+"/"+tc.name, func(t *testing.T) {
				var bc, xg, relBC, relXG []float64
				withRelabel(tc.relabel, func() {
					var err error
					if bc, xg, err = BothBetweenness(ctx, g, BetweennessOptions{Workers: tc.workers}); err != nil {
						t.Fatal(err)
					}
					if relBC, err = Betweenness(ctx, g, BetweennessOptions{Workers: tc.workers}); err != nil {
						t.Fatal(err)
					}
					if relXG, err = CrossGroupBetweenness(ctx, g, BetweennessOptions{Workers: tc.workers}); err != nil {
						t.Fatal(err)
					}
				})
				for v := range f.Nodes {
					for _, c := range []struct {
						measure   string
						got, want float64
					}{
						{"betweenness", bc[v], f.Betweenness[v]}, {"cross-group", xg[v], f.CrossGroup[v]},
						{"betweenness (separate)", relBC[v], f.Betweenness[v]}, {"cross-group (separate)", relXG[v], f.CrossGroup[v]},
					} {
						if math.Abs(c.got-c.want) > fixtureTol {
							t.Errorf("%s(%s) = %.12g, want %.12g", c.measure, f.Nodes[v], c.got, c.want)
						}
					}
				}
				if !tc.relabel && tc.workers == 1 {
					if !slices.Equal(bc, sepBC) || !slices.Equal(xg, sepXG) {
						t.Error("shared pass differs from the separate passes in the last bits")
					}
				}
				closeFloats(t, "betweenness vs separate", bc, sepBC, 1e-12)
				closeFloats(t, "cross-group vs separate", xg, sepXG, 1e-12)
			})
		}
	}
}

// TestRelabel: the relabelled graph is the same graph (an isomorphism
// given by newID, groups carried along, neighbour lists sorted), and
// relabelled exact and sampled betweenness equal the plain ones up to
// floating-point reassociation on a graph with shuffled ids.
func TestRelabel(t *testing.T) {
	ctx := context.Background()
	g := sbm(1500, 12, 4, 7)
	h, newID := Relabel(g)
	if h.NumNodes() != g.NumNodes() || h.NumEdges() != g.NumEdges() || h.NumGroups() != g.NumGroups() {
		t.Fatalf("relabelled %d nodes %d edges, want %d %d", h.NumNodes(), h.NumEdges(), g.NumNodes(), g.NumEdges())
	}
	seen := make([]bool, g.NumNodes())
	for v := range g.NumNodes() {
		u := int(newID[v])
		if seen[u] {
			t.Fatalf("new id %d given twice", u)
		}
		seen[u] = true
		if h.Group(u) != g.Group(v) || h.Degree(u) != g.Degree(v) || !slices.IsSorted(h.Neighbors(u)) {
			t.Fatalf("node %d → %d: group %d/%d, degree %d/%d", v, u, h.Group(u), g.Group(v), h.Degree(u), g.Degree(v))
		}
		for _, w := range g.Neighbors(v) {
			if !h.HasEdge(u, int(newID[w])) {
				t.Fatalf("edge %d–%d lost", v, w)
			}
		}
	}
	for _, opts := range []BetweennessOptions{{Workers: 2}, {Samples: 64, Seed: 3, Workers: 2}} {
		var plainBC, plainXG, relBC, relXG, bothBC, bothXG []float64
		var err error
		withRelabel(false, func() {
			plainBC, err = Betweenness(ctx, g, opts)
			if err == nil {
				plainXG, err = CrossGroupBetweenness(ctx, g, opts)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		withRelabel(true, func() {
			relBC, err = Betweenness(ctx, g, opts)
			if err == nil {
				relXG, err = CrossGroupBetweenness(ctx, g, opts)
			}
			if err == nil {
				bothBC, bothXG, err = BothBetweenness(ctx, g, opts)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		closeFloats(t, "relabelled betweenness", relBC, plainBC, 1e-12)
		closeFloats(t, "relabelled cross-group", relXG, plainXG, 1e-12)
		// Sampled, the shared pass uses Betweenness's pivots.
		closeFloats(t, "shared betweenness", bothBC, plainBC, 1e-12)
		if opts.Samples == 0 {
			closeFloats(t, "shared cross-group", bothXG, plainXG, 1e-12)
		}
	}
}

// TestBothBetweennessSampled: sampled, the shared pass gives Betweenness's
// estimate bit for bit (same pivots, same worker split), the cross-group
// estimate from the known-group pivots among them is unbiased (mean over
// many seeds → exact), k ≥ n is exact, and bad Samples are rejected.
func TestBothBetweennessSampled(t *testing.T) {
	ctx := context.Background()
	g := sbm(60, 6, 4, 11) // 5 % unknown groups: some pivots are not cross-group pivots
	n := g.NumNodes()
	exactBC, exactXG := exact(t, g)
	unknown := 0
	for v := range n {
		if g.Group(v) < 0 {
			unknown++
		}
	}
	if unknown == 0 {
		t.Fatal("test graph has no unknown-group node")
	}
	for _, k := range []int{n, n + 3} {
		bc, xg, err := BothBetweenness(ctx, g, BetweennessOptions{Samples: k, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		closeFloats(t, "k ≥ n betweenness", bc, exactBC, 1e-12)
		closeFloats(t, "k ≥ n cross-group", xg, exactXG, 1e-12)
	}
	const runs = 3000
	mean, meanX := make([]float64, n), make([]float64, n)
	for seed := range uint64(runs) {
		o := BetweennessOptions{Samples: 10, Seed: seed, Workers: 1}
		bc, xg, err := BothBetweenness(ctx, g, o)
		if err != nil {
			t.Fatal(err)
		}
		if seed < 20 {
			sep, _ := Betweenness(ctx, g, o)
			if !slices.Equal(sep, bc) {
				t.Fatalf("seed %d: shared betweenness differs from Betweenness", seed)
			}
		}
		for v := range n {
			mean[v] += bc[v] / runs
			meanX[v] += xg[v] / runs
		}
	}
	for v := range n {
		if math.Abs(mean[v]-exactBC[v]) > 0.01 || math.Abs(meanX[v]-exactXG[v]) > 0.01 {
			t.Errorf("node %d: mean sampled %.4f / %.4f, exact %.4f / %.4f", v, mean[v], meanX[v], exactBC[v], exactXG[v])
		}
	}
	for _, k := range []int{-1, 1} {
		if _, _, err := BothBetweenness(ctx, g, BetweennessOptions{Samples: k}); err == nil {
			t.Errorf("Samples = %d accepted", k)
		}
	}
}
