package netsci

import (
	"context"
	"errors"
	"math"
	"slices"
	"sync"
	"testing"
)

// build makes a graph with len(groups) nodes from an edge list.
func build(t testing.TB, groups []int, edges ...[2]int) *Graph {
	t.Helper()
	b := NewBuilder(len(groups))
	for v, gr := range groups {
		b.SetGroup(v, gr)
	}
	for _, e := range edges {
		b.AddEdge(e[0], e[1])
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func approxEqual(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-12
}

func assertFloats(t *testing.T, measure string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d values, want %d", measure, len(got), len(want))
	}
	for v := range want {
		if !approxEqual(got[v], want[v]) {
			t.Errorf("%s(%d) = %.15g, want %.15g", measure, v, got[v], want[v])
		}
	}
}

func exact(t *testing.T, g *Graph) (bc, xg []float64) {
	t.Helper()
	var err error
	if bc, err = Betweenness(context.Background(), g, BetweennessOptions{}); err != nil {
		t.Fatal(err)
	}
	if xg, err = CrossGroupBetweenness(context.Background(), g, BetweennessOptions{}); err != nil {
		t.Fatal(err)
	}
	return bc, xg
}

var nan = math.NaN()

// handCase is a tiny graph with every measure derived by hand.
type handCase struct {
	name      string
	g         *Graph
	bc, xg    []float64
	con, eff  []float64
	brokerage []BrokerageCounts
}

func handCases(t *testing.T) []handCase {
	return []handCase{
		{
			// 0–1–2–3, groups 0 0 1 1.
			// Betweenness: 1 lies on {0,2} and {0,3}: 2 of C(3,2) = 3 pairs
			// without it → 2/3; likewise 2. NetworkX path_graph(4) agrees.
			// Cross-group: X = {0,1}×{2,3}, 4 pairs. Without node 1: {0,2},
			// {0,3}, both through 1 → 1; symmetric for 2.
			// Constraint: leaf (1/1)² = 1; node 1: two unlinked contacts,
			// 2·(1/2)² = 1/2. Effective size: d − 2t/d = d here (t = 0).
			// Brokerage: 1 brokers 0 (its group) and 2 (other): one
			// gatekeeper/representative; likewise 2.
			name: "path",
			g:    build(t, []int{0, 0, 1, 1}, [2]int{0, 1}, [2]int{1, 2}, [2]int{2, 3}),
			bc:   []float64{0, 2.0 / 3, 2.0 / 3, 0},
			xg:   []float64{0, 1, 1, 0},
			con:  []float64{1, 0.5, 0.5, 1},
			eff:  []float64{1, 2, 2, 1},
			brokerage: []BrokerageCounts{{}, {GatekeeperRepresentative: 1},
				{GatekeeperRepresentative: 1}, {}},
		},
		{
			// Star: centre 0 (group 0), leaves 1..4 in groups 0 1 1 2.
			// The centre is on all C(4,2) = 6 leaf pairs → 1.
			// Cross-group: K = 5, sizes 2,2,1 → P = (25−9)/2 = 8; without
			// the centre 8 − (5−2) = 5 (the leaf pairs minus {2,3}), all
			// through it → 1.
			// Constraint: centre 4·(1/4)² = 1/4, leaves 1. Effective size:
			// centre 4, leaves 1.
			// Brokerage of the centre over its 6 leaf pairs: {1,2} {1,3}
			// {1,4} one side in group 0 → 3 gatekeeper; {2,3} both group 1
			// → 1 itinerant; {2,4} {3,4} all different → 2 liaison.
			name: "star",
			g: build(t, []int{0, 0, 1, 1, 2},
				[2]int{0, 1}, [2]int{0, 2}, [2]int{0, 3}, [2]int{0, 4}),
			bc:        []float64{1, 0, 0, 0, 0},
			xg:        []float64{1, 0, 0, 0, 0},
			con:       []float64{0.25, 1, 1, 1, 1},
			eff:       []float64{4, 1, 1, 1, 1},
			brokerage: []BrokerageCounts{{Itinerant: 1, GatekeeperRepresentative: 3, Liaison: 2}, {}, {}, {}, {}},
		},
		{
			// Triangle: no intermediaries. Constraint per node: each
			// contact w shares one contact q (degree 2):
			// ((1 + 1/2)/2)² = 9/16, two contacts → 9/8.
			// Effective size 2 − 2·1/2 = 1. No open two-paths.
			name:      "triangle",
			g:         build(t, []int{0, 1, 2}, [2]int{0, 1}, [2]int{1, 2}, [2]int{0, 2}),
			bc:        []float64{0, 0, 0},
			xg:        []float64{0, 0, 0},
			con:       []float64{9.0 / 8, 9.0 / 8, 9.0 / 8},
			eff:       []float64{1, 1, 1},
			brokerage: make([]BrokerageCounts, 3),
		},
		{
			// Two 4-cliques {0,1,2,3} (group 0) and {4,5,6,7} (group 1)
			// joined by the bridge 3–4.
			// Betweenness: 3 is on the 3·4 = 12 pairs {0,1,2}×{4..7}, of
			// C(7,2) = 21 → 4/7; likewise 4.
			// Cross-group: P = 16; without 3: 16 − 4 = 12, all through 3 → 1.
			// Constraint of 0 (contacts 1, 2, 3 of degrees 3, 3, 4):
			//   w=1: shared {2,3}: (1 + 1/3 + 1/4)/3 = 19/36; w=2 the same;
			//   w=3: shared {1,2}: (1 + 1/3 + 1/3)/3 = 20/36;
			//   c = (2·19² + 20²)/36² = 1122/1296.
			// Constraint of 3 (contacts 0, 1, 2, 4):
			//   w ∈ {0,1,2}: shared the other two (degree 3): (1 + 2/3)/4 = 5/12;
			//   w = 4: nothing shared: 1/4 = 3/12;
			//   c = (3·25 + 9)/144 = 84/144.
			// Effective size: 0 has t = 3 edges among 3 contacts: 3 − 2 = 1;
			// 3 has t = 3 among 4: 4 − 6/4 = 5/2.
			// Brokerage: 3 bridges 4 to each of 0, 1, 2 (one side in its own
			// group) → 3 gatekeeper; likewise 4.
			name: "two cliques and a bridge",
			g: build(t, []int{0, 0, 0, 0, 1, 1, 1, 1},
				[2]int{0, 1}, [2]int{0, 2}, [2]int{0, 3}, [2]int{1, 2}, [2]int{1, 3}, [2]int{2, 3},
				[2]int{4, 5}, [2]int{4, 6}, [2]int{4, 7}, [2]int{5, 6}, [2]int{5, 7}, [2]int{6, 7},
				[2]int{3, 4}),
			bc: []float64{0, 0, 0, 4.0 / 7, 4.0 / 7, 0, 0, 0},
			xg: []float64{0, 0, 0, 1, 1, 0, 0, 0},
			con: []float64{1122.0 / 1296, 1122.0 / 1296, 1122.0 / 1296, 84.0 / 144,
				84.0 / 144, 1122.0 / 1296, 1122.0 / 1296, 1122.0 / 1296},
			eff: []float64{1, 1, 1, 2.5, 2.5, 1, 1, 1},
			brokerage: []BrokerageCounts{{}, {}, {}, {GatekeeperRepresentative: 3},
				{GatekeeperRepresentative: 3}, {}, {}, {}},
		},
		{
			// Disconnected: path 0–1–2 and edge 3–4, groups 0 1 0 1 −1.
			// Betweenness: 1 is on {0,2} only; NetworkX still normalises
			// by the whole graph, C(4,2) = 6 → 1/6.
			// Cross-group: known K = 4 (sizes 2, 2) → P = 4. Node 1 (group
			// 1): 4 − 2 = 2 pairs without it ({0,3}, {2,3}); neither has a
			// path → 0. {0,2} is same-group, so 1 brokers nothing across.
			// Brokerage of 1 (group 1): {0,2} both group 0 → 1 itinerant.
			// Node 4 has unknown group: counts nothing anywhere.
			name:      "disconnected",
			g:         build(t, []int{0, 1, 0, 1, -1}, [2]int{0, 1}, [2]int{1, 2}, [2]int{3, 4}),
			bc:        []float64{0, 1.0 / 6, 0, 0, 0},
			xg:        []float64{0, 0, 0, 0, 0},
			con:       []float64{1, 0.5, 1, 1, 1},
			eff:       []float64{1, 2, 1, 1, 1},
			brokerage: []BrokerageCounts{{}, {Itinerant: 1}, {}, {}, {}},
		},
		{
			// Edge 0–1 plus isolated 2: constraint and effective size are
			// undefined (NaN, as in NetworkX) for the isolated node.
			name:      "isolated node",
			g:         build(t, []int{0, 0, 1}, [2]int{0, 1}),
			bc:        []float64{0, 0, 0},
			xg:        []float64{0, 0, 0},
			con:       []float64{1, 1, nan},
			eff:       []float64{1, 1, nan},
			brokerage: make([]BrokerageCounts, 3),
		},
		{
			name:      "single node",
			g:         build(t, []int{0}),
			bc:        []float64{0},
			xg:        []float64{0},
			con:       []float64{nan},
			eff:       []float64{nan},
			brokerage: make([]BrokerageCounts, 1),
		},
		{
			name:      "empty graph",
			g:         build(t, nil),
			bc:        []float64{},
			xg:        []float64{},
			con:       []float64{},
			eff:       []float64{},
			brokerage: []BrokerageCounts{},
		},
	}
}

func TestHandMadeGraphs(t *testing.T) {
	for _, c := range handCases(t) {
		t.Run(c.name, func(t *testing.T) {
			bc, xg := exact(t, c.g)
			assertFloats(t, "betweenness", bc, c.bc)
			assertFloats(t, "cross-group betweenness", xg, c.xg)
			loc := Local(c.g)
			assertFloats(t, "constraint", loc.Constraint, c.con)
			assertFloats(t, "effective size", loc.EffectiveSize, c.eff)
			assertFloats(t, "Constraint", Constraint(c.g), c.con)
			assertFloats(t, "EffectiveSize", EffectiveSize(c.g), c.eff)
			for _, got := range [][]BrokerageCounts{loc.Brokerage, Brokerage(c.g)} {
				if !slices.Equal(got, c.brokerage) {
					t.Errorf("brokerage = %+v, want %+v", got, c.brokerage)
				}
			}
		})
	}
}

func TestBuilder(t *testing.T) {
	b := NewBuilder(4)
	b.SetGroup(2, 3)
	b.SetGroup(3, -7) // any negative label is Unknown
	for range 3 {
		b.AddEdge(2, 0)
		b.AddEdge(0, 2)
	}
	b.AddEdge(1, 1) // self-loop: ignored
	b.AddEdge(3, 0)
	b.AddEdge(1, 0)
	v := b.AddNode(1)
	b.AddEdge(v, 2)
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if g.NumNodes() != 5 || g.NumEdges() != 4 {
		t.Fatalf("n, m = %d, %d; want 5, 4", g.NumNodes(), g.NumEdges())
	}
	b.AddClique([]int{1, 2, 3, 0}) // adds 1–2, 1–3, 2–3 to the edges already recorded
	if g2, err := b.Build(); err != nil {
		t.Error(err)
	} else if g2.NumEdges() != 7 || !g2.HasEdge(3, 2) {
		t.Errorf("after AddClique: m = %d, want 7", g2.NumEdges())
	}
	if got := g.Neighbors(0); !slices.Equal(got, []int32{1, 2, 3}) {
		t.Errorf("Neighbors(0) = %v, want [1 2 3]", got)
	}
	if got := g.Neighbors(2); !slices.Equal(got, []int32{0, 4}) {
		t.Errorf("Neighbors(2) = %v, want [0 4]", got)
	}
	if g.Degree(1) != 1 || !g.HasEdge(4, 2) || g.HasEdge(1, 2) {
		t.Error("Degree/HasEdge disagree with the edges added")
	}
	if g.Group(0) != Unknown || g.Group(2) != 3 || g.Group(3) != Unknown || g.Group(4) != 1 {
		t.Errorf("groups = %v", g.groups)
	}
	if g.NumGroups() != 4 || g.MeanDegree() != 8.0/5 {
		t.Errorf("NumGroups, MeanDegree = %d, %v; want 4, 1.6", g.NumGroups(), g.MeanDegree())
	}

	bad := NewBuilder(2)
	bad.AddEdge(0, 2)
	if _, err := bad.Build(); err == nil {
		t.Error("Build accepted an out-of-range edge")
	}
	bad = NewBuilder(2)
	bad.SetGroup(-1, 0)
	if _, err := bad.Build(); err == nil {
		t.Error("Build accepted an out-of-range SetGroup")
	}
}

// TestBuilderCompaction adds far more duplicate edges than distinct ones and
// checks the buffer stays bounded while the graph comes out right.
func TestBuilderCompaction(t *testing.T) {
	const n = 300
	b := NewBuilder(n)
	want := 0
	for u := range n {
		for v := u + 1; v < n; v += 7 {
			want++
		}
	}
	for rep := range 30 { // ~190k adds: several compactions
		for u := range n {
			for v := u + 1; v < n; v += 7 {
				if rep%2 == 0 {
					b.AddEdge(u, v)
				} else {
					b.AddEdge(v, u)
				}
			}
		}
	}
	if c := cap(b.edges); c > 1<<17 {
		t.Errorf("builder buffer capacity %d for %d distinct edges", c, want)
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if g.NumEdges() != want {
		t.Fatalf("m = %d, want %d", g.NumEdges(), want)
	}
	for v := range n {
		nb := g.Neighbors(v)
		if !slices.IsSorted(nb) {
			t.Fatalf("Neighbors(%d) not sorted", v)
		}
		for _, w := range nb {
			if int(w) == v || !g.HasEdge(int(w), v) {
				t.Fatalf("edge %d–%d not symmetric", v, w)
			}
		}
	}
}

func karate(t testing.TB) *Graph {
	t.Helper()
	for _, f := range loadFixtures(t.(*testing.T)) {
		if f.Name == "karate" {
			return f.graph(t.(*testing.T))
		}
	}
	t.Fatal("no karate fixture")
	return nil
}

func TestSampledBetweenness(t *testing.T) {
	ctx := context.Background()
	g := karate(t)
	n := g.NumNodes()
	exactBC, exactXG := exact(t, g)

	// k = n (and k > n) is the exact computation: every node is a pivot and
	// the (n−1)/(k−1) scale is 1.
	for _, k := range []int{n, n + 5} {
		bc, err := Betweenness(ctx, g, BetweennessOptions{Samples: k, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		assertFloats(t, "sampled k=n", bc, exactBC)
		xg, err := CrossGroupBetweenness(ctx, g, BetweennessOptions{Samples: k, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		assertFloats(t, "cross-group sampled k=K", xg, exactXG)
	}

	// Determinism: the same seed gives bit-identical results, whatever the
	// scheduling (run concurrently to shake it), and another seed differs.
	opts := BetweennessOptions{Samples: 10, Seed: 42, Workers: 3}
	first, err := Betweenness(ctx, g, opts)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			again, err := Betweenness(ctx, g, opts)
			if err != nil || !slices.Equal(again, first) {
				t.Errorf("same seed gave a different result (err %v)", err)
			}
		})
	}
	wg.Wait()
	other, _ := Betweenness(ctx, g, BetweennessOptions{Samples: 10, Seed: 43, Workers: 3})
	if slices.Equal(other, first) {
		t.Error("seeds 42 and 43 gave identical estimates")
	}

	// Unbiasedness: the average over many seeds approaches the exact value.
	// This checks the pivot / non-pivot scale factors, which a plain n/k
	// scale would get wrong by a factor (k−1)/k on the pivots.
	const runs = 3000
	mean := make([]float64, n)
	meanX := make([]float64, n)
	for seed := range uint64(runs) {
		o := BetweennessOptions{Samples: 8, Seed: seed, Workers: 1}
		bc, _ := Betweenness(ctx, g, o)
		xg, _ := CrossGroupBetweenness(ctx, g, o)
		for v := range n {
			mean[v] += bc[v] / runs
			meanX[v] += xg[v] / runs
		}
	}
	for v := range n {
		if math.Abs(mean[v]-exactBC[v]) > 0.01 || math.Abs(meanX[v]-exactXG[v]) > 0.01 {
			t.Errorf("node %d: mean sampled %.4f / %.4f, exact %.4f / %.4f",
				v, mean[v], meanX[v], exactBC[v], exactXG[v])
		}
	}

	for _, k := range []int{-1, 1} {
		if _, err := Betweenness(ctx, g, BetweennessOptions{Samples: k}); err == nil {
			t.Errorf("Samples = %d accepted", k)
		}
	}
}

func TestBetweennessWorkersAgree(t *testing.T) {
	g := sbm(1500, 12, 4, 5)
	ref, err := Betweenness(context.Background(), g, BetweennessOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{2, 3, 8} {
		got, err := Betweenness(context.Background(), g, BetweennessOptions{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		for v := range ref {
			if math.Abs(got[v]-ref[v]) > 1e-12*max(1, ref[v]) {
				t.Fatalf("workers=%d: node %d: %v vs %v", w, v, got[v], ref[v])
			}
		}
	}
}

func TestProgressAndCancel(t *testing.T) {
	g := sbm(2000, 10, 4, 3)
	var calls []int
	_, err := Betweenness(context.Background(), g, BetweennessOptions{
		Workers: 4,
		Progress: func(done, total int) {
			// Serialised by contract: no locking needed here.
			if total != g.NumNodes() {
				t.Errorf("total = %d, want %d", total, g.NumNodes())
			}
			calls = append(calls, done)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) == 0 || len(calls) > 1100 || !slices.IsSorted(calls) || calls[len(calls)-1] != g.NumNodes() {
		t.Errorf("progress: %d calls, sorted %v, last %v", len(calls), slices.IsSorted(calls), calls[len(calls)-1:])
	}

	var empty []int
	if _, err := Betweenness(context.Background(), build(t, nil), BetweennessOptions{
		Progress: func(done, total int) { empty = append(empty, done, total) },
	}); err != nil || !slices.Equal(empty, []int{0, 0}) {
		t.Errorf("empty graph: progress %v, err %v", empty, err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	_, err = Betweenness(ctx, g, BetweennessOptions{Progress: func(done, total int) {
		if done > 10 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled run: err = %v, want context.Canceled", err)
	}
}

// TestLocalAgainstBruteForce compares the triangle-based local measures with
// direct O(d²) pair enumeration on a random graph with skewed degrees (so
// that both intersection strategies are exercised).
func TestLocalAgainstBruteForce(t *testing.T) {
	g := sbm(1500, 16, 4, 11)
	// Add hubs so that some neighbour lists are > 8× longer than others.
	b := NewBuilder(g.NumNodes())
	for v := range g.NumNodes() {
		b.SetGroup(v, g.Group(v))
		if v%97 == 0 {
			b.SetGroup(v, Unknown)
		}
		for _, w := range g.Neighbors(v) {
			b.AddEdge(v, int(w))
		}
	}
	for hub := range 3 {
		for v := hub; v < g.NumNodes(); v += 3 + hub {
			b.AddEdge(hub, v)
		}
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	loc := Local(g)
	for v := range g.NumNodes() {
		nb := g.Neighbors(v)
		d := float64(len(nb))
		var con float64
		var t2 int
		var want BrokerageCounts
		for i, w := range nb {
			s := 1 / d
			for _, q := range nb {
				if q != w && g.HasEdge(int(q), int(w)) {
					s += 1 / d / float64(g.Degree(int(q)))
					t2++
				}
			}
			con += s * s
			for _, c := range nb[i+1:] {
				ga, gb, gc := g.groups[w], g.groups[v], g.groups[c]
				if g.HasEdge(int(w), int(c)) || ga < 0 || gb < 0 || gc < 0 {
					continue
				}
				switch role(ga, gc, gb) {
				case roleCoordinator:
					want.Coordinator++
				case roleItinerant:
					want.Itinerant++
				case roleGatekeeper:
					want.GatekeeperRepresentative++
				default:
					want.Liaison++
				}
			}
		}
		if len(nb) == 0 {
			continue
		}
		if math.Abs(con-loc.Constraint[v]) > 1e-12 {
			t.Fatalf("constraint(%d) = %v, brute force %v", v, loc.Constraint[v], con)
		}
		if e := d - float64(t2)/d; math.Abs(e-loc.EffectiveSize[v]) > 1e-12 {
			t.Fatalf("effective size(%d) = %v, brute force %v", v, loc.EffectiveSize[v], e)
		}
		if want != loc.Brokerage[v] {
			t.Fatalf("brokerage(%d) = %+v, brute force %+v", v, loc.Brokerage[v], want)
		}
	}
}

func TestExactLimitAndAutoSamples(t *testing.T) {
	if a, b := ExactLimit(20, 2), ExactLimit(40, 2); !(a > b && b > 1000) {
		t.Errorf("ExactLimit(20, 2), ExactLimit(40, 2) = %d, %d", a, b)
	}
	if a, b := ExactLimit(30, 2), ExactLimit(30, 8); !(b > a) {
		t.Errorf("ExactLimit does not grow with workers: %d, %d", a, b)
	}
	if k := AutoSamples(karate(t), 2); k != 0 {
		t.Errorf("AutoSamples(karate) = %d, want 0 (exact)", k)
	}
	// 200k isolated nodes: n² visits exceed the budget, so sample.
	big := build(t, make([]int, 200000))
	if k := AutoSamples(big, 2); k < MinSamples || k >= big.NumNodes() {
		t.Errorf("AutoSamples(200k nodes) = %d", k)
	}
}
