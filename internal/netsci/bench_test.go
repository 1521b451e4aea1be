package netsci

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

// Synthetic networks for benchmarks and the measurement reports below.

// groupWeights are the sector shares used by the generators (public,
// private, third, academia), roughly a Finnish welfare-field mix.
var groupWeights = []float64{0.35, 0.30, 0.20, 0.15}

func pickWeighted(r *rand.Rand, w []float64) int {
	x := r.Float64()
	for i, p := range w {
		if x < p {
			return i
		}
		x -= p
	}
	return len(w) - 1
}

// sbm returns a stochastic-block-model-like graph with n nodes and mean
// degree ≈ meanDeg: communities with heavy-tailed sizes (discrete power law,
// exponent 2.5, 8 ≤ size ≤ max(8, n/20)), each in one of `groups` groups
// (shares groupWeights), up to 80% of a node's degree inside its community
// (less in communities too small for it) and the rest to uniformly random
// nodes; 5% of nodes have an unknown group.
// Node ids are shuffled so that communities have no memory locality, as with
// ids coming from a database. Deterministic for a seed.
func sbm(n int, meanDeg float64, groups int, seed uint64) *Graph {
	r := rand.New(rand.NewPCG(seed, 0x5bb))
	perm := r.Perm(n)
	b := NewBuilder(n)
	w := groupWeights[:groups]
	var sum float64
	for _, x := range w {
		sum += x
	}
	w = slices.Clone(w)
	for i := range w {
		w[i] /= sum
	}
	const minSize, alpha = 8, 2.5
	maxSize := max(minSize, n/20)
	kin := 0.8 * meanDeg
	intra := 0 // edges added inside communities; the rest of the degree budget goes to random edges
	for start := 0; start < n; {
		s := int(minSize * math.Pow(1-r.Float64(), -1/(alpha-1)))
		s = min(s, maxSize, n-start)
		gr := pickWeighted(r, w)
		members := perm[start : start+s]
		start += s
		for _, v := range members {
			if r.Float64() < 0.05 {
				b.SetGroup(v, Unknown)
			} else {
				b.SetGroup(v, gr)
			}
		}
		if s < 2 {
			continue
		}
		p := min(1, kin/float64(s-1))
		if p > 0.25 {
			for i := range s {
				for j := i + 1; j < s; j++ {
					if r.Float64() < p {
						b.AddEdge(members[i], members[j])
						intra++
					}
				}
			}
			continue
		}
		for range int(p * float64(s) * float64(s-1) / 2) {
			b.AddEdge(members[r.IntN(s)], members[r.IntN(s)])
			intra++
		}
	}
	for range int(meanDeg*float64(n)/2) - intra {
		b.AddEdge(r.IntN(n), r.IntN(n))
	}
	g, err := b.Build()
	if err != nil {
		panic(err)
	}
	return g
}

// affiliation returns a co-membership network of the kind Tulkki builds:
// people with 1–6 career stints at organisations of four sectors, linked
// when they share an organisation (each organisation becomes a clique).
// Organisation sizes are heavy-tailed (Pareto, exponent 2, capped at
// maxOrg); a person's stints stay in their home sector with probability 0.7
// and choose organisations with probability proportional to size. The
// person's group is the home sector (5% unknown). Deterministic for a seed.
func affiliation(n, maxOrg int, seed uint64) *Graph {
	r := rand.New(rand.NewPCG(seed, 0xaff))
	G := len(groupWeights)
	// Slots: organisation ids repeated by size, per sector, so that a
	// uniform slot is a size-proportional organisation.
	slots := make([][]int, G)
	var orgs int
	for capacity := 0; capacity < 3*n; orgs++ {
		s := min(maxOrg, int(3*math.Pow(1-r.Float64(), -1)))
		sec := pickWeighted(r, groupWeights)
		for range s {
			slots[sec] = append(slots[sec], orgs)
		}
		capacity += s
	}
	members := make([][]int, orgs)
	b := NewBuilder(n)
	for p := range n {
		home := pickWeighted(r, groupWeights)
		if r.Float64() < 0.05 {
			b.SetGroup(p, Unknown)
		} else {
			b.SetGroup(p, home)
		}
		stints := 1
		for stints < 6 && r.Float64() < 0.55 {
			stints++
		}
		for range stints {
			sec := home
			if r.Float64() >= 0.7 {
				sec = (home + 1 + r.IntN(G-1)) % G
			}
			o := slots[sec][r.IntN(len(slots[sec]))]
			members[o] = append(members[o], p)
		}
	}
	for _, m := range members {
		b.AddClique(m)
	}
	g, err := b.Build()
	if err != nil {
		panic(err)
	}
	return g
}

// reportCPU adds a "cpu-ns/op" metric (process CPU time per iteration, all
// workers together) to a benchmark: on a shared machine it is steadier than
// wall time, and cpu-ns/op ÷ ns/op shows the parallel speed-up achieved.
// Use as: defer reportCPU(b)().
func reportCPU(b *testing.B) func() {
	cpu0 := cpuTime()
	return func() {
		if cpu := cpuTime() - cpu0; cpu > 0 {
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}

// graphCache keeps generated benchmark graphs across b.N rounds and
// sub-benchmarks.
var graphCache sync.Map

func cachedSBM(n int, meanDeg float64) *Graph {
	key := fmt.Sprint("sbm", n, meanDeg)
	if g, ok := graphCache.Load(key); ok {
		return g.(*Graph)
	}
	g := sbm(n, meanDeg, 4, 1)
	graphCache.Store(key, g)
	return g
}

func BenchmarkBetweennessExact(b *testing.B) {
	for _, n := range []int{2000, 10000} {
		g := cachedSBM(n, 30)
		b.Run(fmt.Sprintf("n=%d/m=%d", n, g.NumEdges()), func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b)()
			for b.Loop() {
				if _, err := Betweenness(context.Background(), g, BetweennessOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCrossGroupBetweennessExact(b *testing.B) {
	g := cachedSBM(2000, 30)
	b.Run(fmt.Sprintf("n=2000/m=%d", g.NumEdges()), func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			if _, err := CrossGroupBetweenness(context.Background(), g, BetweennessOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkBetweennessSampled(b *testing.B) {
	g := cachedSBM(100000, 30)
	b.Run(fmt.Sprintf("n=100000/m=%d/k=256", g.NumEdges()), func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			if _, err := Betweenness(context.Background(), g, BetweennessOptions{Samples: 256, Seed: 1}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSampledKernels compares, on shuffled ids (as from a database),
// the separate passes (Betweenness then CrossGroupBetweenness) with the
// shared pass (BothBetweenness), each with and without the BFS
// relabelling, at 100 000 nodes (k = 256) and at 1 000 000 (k = 16; the
// graph takes a minute and ~1 GB to generate, so only with -bench that
// names it and not in -short mode).
func BenchmarkSampledKernels(b *testing.B) {
	for _, size := range []struct{ n, k int }{{100000, 256}, {1000000, 16}} {
		if size.n > 100000 && testing.Short() {
			continue
		}
		for _, relabelled := range []bool{false, true} {
			for _, shared := range []bool{false, true} {
				name := fmt.Sprintf("n=%d/k=%d/shared=%v/relabel=%v", size.n, size.k, shared, relabelled)
				b.Run(name, func(b *testing.B) {
					g := cachedSBM(size.n, 30)
					defer func(old int) { relabelMin = old }(relabelMin)
					relabelMin = math.MaxInt
					if relabelled {
						relabelMin = 0
					}
					b.ReportAllocs()
					defer reportCPU(b)()
					opts := BetweennessOptions{Samples: size.k, Seed: 1}
					for b.Loop() {
						var err error
						if shared {
							_, _, err = BothBetweenness(context.Background(), g, opts)
						} else if _, err = Betweenness(context.Background(), g, opts); err == nil {
							_, err = CrossGroupBetweenness(context.Background(), g, opts)
						}
						if err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}

func benchLocal(b *testing.B, f func(*Graph)) {
	g := cachedSBM(100000, 30)
	b.Run(fmt.Sprintf("n=100000/m=%d", g.NumEdges()), func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			f(g)
		}
	})
}

func BenchmarkConstraint(b *testing.B)    { benchLocal(b, func(g *Graph) { Constraint(g) }) }
func BenchmarkEffectiveSize(b *testing.B) { benchLocal(b, func(g *Graph) { EffectiveSize(g) }) }
func BenchmarkBrokerage(b *testing.B)     { benchLocal(b, func(g *Graph) { Brokerage(g) }) }
func BenchmarkLocal(b *testing.B)         { benchLocal(b, func(g *Graph) { Local(g) }) }

// BenchmarkBuild measures Builder on the edges of the 100k-node SBM, each
// added twice (in both orientations) as duplicate co-memberships would be.
func BenchmarkBuild(b *testing.B) {
	g := cachedSBM(100000, 30)
	b.Run(fmt.Sprintf("n=100000/m=%d/adds=%d", g.NumEdges(), 2*g.NumEdges()), func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			bl := NewBuilder(g.NumNodes())
			for v := range g.NumNodes() {
				for _, w := range g.Neighbors(v) {
					bl.AddEdge(v, int(w))
				}
			}
			if _, err := bl.Build(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// Measurement reports, run on demand (they take minutes):
//
//	NETSCI_REPORT=timing   go test -run TestReportExactTiming -v -timeout 30m ./internal/netsci/
//	NETSCI_REPORT=sampling go test -run TestReportSamplingError -v -timeout 30m ./internal/netsci/
//	NETSCI_REPORT=local    go test -run TestReportLocalCost -v ./internal/netsci/
//	NETSCI_REPORT=auto     go test -run TestReportAutoSamples -v ./internal/netsci/

func needReport(t *testing.T, name string) {
	if os.Getenv("NETSCI_REPORT") != name {
		t.Skipf("set NETSCI_REPORT=%s to run", name)
	}
}

// TestReportExactTiming times exact Brandes on SBM graphs of 5k–20k nodes
// and mean degree 20–40, printing the throughput in visits (n·(2m+n) per
// run) per CPU-second, i.e. per busy worker, that ExactLimit is calibrated
// on. CPU time is reported beside wall time because a shared machine
// inflates the latter.
func TestReportExactTiming(t *testing.T) {
	needReport(t, "timing")
	workers := runtime.GOMAXPROCS(0)
	t.Logf("GOMAXPROCS=%d", workers)
	t.Logf("| n | mean degree | m | wall time | CPU time | visits/CPU-s | ExactLimit(mean degree) |")
	t.Logf("|---|---|---|---|---|---|---|")
	for _, n := range []int{5000, 10000, 20000} {
		for _, d := range []float64{20, 30, 40} {
			g := sbm(n, d, 4, 1)
			start, cpu0 := time.Now(), cpuTime()
			if _, err := Betweenness(context.Background(), g, BetweennessOptions{}); err != nil {
				t.Fatal(err)
			}
			el, cpu := time.Since(start), cpuTime()-cpu0
			visits := float64(n) * float64(2*g.NumEdges()+n)
			t.Logf("| %d | %.1f | %d | %.1f s | %.1f s | %.3g | %d |", n, g.MeanDegree(), g.NumEdges(),
				el.Seconds(), cpu.Seconds(), visits/cpu.Seconds(), ExactLimit(g.MeanDegree(), workers))
		}
	}
}

// TestReportAutoSamples times the default (AutoSamples) betweenness on the
// 100k-node benchmark graph, to check the cost model's 60 s budget.
func TestReportAutoSamples(t *testing.T) {
	needReport(t, "auto")
	g := cachedSBM(100000, 30)
	k := AutoSamples(g, 0)
	start, cpu0 := time.Now(), cpuTime()
	if _, err := Betweenness(context.Background(), g, BetweennessOptions{Samples: k, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	t.Logf("n=%d m=%d GOMAXPROCS=%d: AutoSamples = %d, wall %.1f s, CPU %.1f s",
		g.NumNodes(), g.NumEdges(), runtime.GOMAXPROCS(0), k, time.Since(start).Seconds(), (cpuTime() - cpu0).Seconds())
}

// TestReportSamplingError measures the pivot-sampling error against exact
// betweenness on realistic graphs of a few thousand nodes.
func TestReportSamplingError(t *testing.T) {
	needReport(t, "sampling")
	graphs := []struct {
		name string
		g    *Graph
	}{
		{"SBM n=5000, mean degree 30", sbm(5000, 30, 4, 2)},
		{"co-membership n=5000 (org cliques ≤ 60)", affiliation(5000, 60, 2)},
	}
	const seeds = 10
	for _, gr := range graphs {
		g := gr.g
		ctx := context.Background()
		start := time.Now()
		ex, err := Betweenness(ctx, g, BetweennessOptions{})
		if err != nil {
			t.Fatal(err)
		}
		exTime := time.Since(start)
		top := topK(ex, 100)
		var meanBC float64
		for _, x := range ex {
			meanBC += x / float64(len(ex))
		}
		t.Logf("%s: m=%d, mean degree %.1f, exact %.2f s, mean b = %.3g, top-100 b from %.3g to %.3g",
			gr.name, g.NumEdges(), g.MeanDegree(), exTime.Seconds(), meanBC, ex[top[99]], ex[top[0]])
		t.Logf("| k | time | top-100 overlap | mean rel. err. (top 100) | max rel. err. (top 100) | MAE (all) | MAE / mean b | Spearman ρ (all) |")
		t.Logf("|---|---|---|---|---|---|---|---|")
		all := make([]int, g.NumNodes())
		for i := range all {
			all[i] = i
		}
		for _, k := range []int{50, 100, 200, 500, 1000, 2000} {
			var overlap, meanRel, maxRel, mae, rho float64
			var el time.Duration
			for seed := range uint64(seeds) {
				start := time.Now()
				est, err := Betweenness(ctx, g, BetweennessOptions{Samples: k, Seed: seed})
				if err != nil {
					t.Fatal(err)
				}
				el += time.Since(start)
				inTop := map[int]bool{}
				for _, v := range topK(est, 100) {
					inTop[v] = true
				}
				var rel, mx float64
				for _, v := range top {
					if inTop[v] {
						overlap++
					}
					e := math.Abs(est[v]-ex[v]) / ex[v]
					rel += e / 100
					mx = max(mx, e)
				}
				meanRel += rel / seeds
				maxRel += mx / seeds
				var a float64
				for v := range ex {
					a += math.Abs(est[v]-ex[v]) / float64(len(ex))
				}
				mae += a / seeds
				rho += spearman(ex, est, all) / seeds
			}
			t.Logf("| %d | %.0f ms | %.1f%% | %.1f%% | %.1f%% | %.2g | %.1f%% | %.3f |", k,
				float64(el.Milliseconds())/seeds, overlap/seeds, 100*meanRel, 100*maxRel, mae, 100*mae/meanBC, rho)
		}
	}
}

// topK returns the indices of the k largest values, largest first (ties by
// index).
func topK(x []float64, k int) []int {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case x[a] > x[b]:
			return -1
		case x[a] < x[b]:
			return 1
		}
		return 0
	})
	return idx[:min(k, len(idx))]
}

// spearman returns the rank correlation of a and b over the given nodes.
func spearman(a, b []float64, nodes []int) float64 {
	rank := func(x []float64) []float64 {
		o := slices.Clone(nodes)
		slices.SortStableFunc(o, func(u, v int) int {
			switch {
			case x[u] > x[v]:
				return -1
			case x[u] < x[v]:
				return 1
			}
			return 0
		})
		r := make([]float64, len(x))
		for i, v := range o {
			r[v] = float64(i)
		}
		return r
	}
	ra, rb := rank(a), rank(b)
	var d2 float64
	for _, v := range nodes {
		d := ra[v] - rb[v]
		d2 += d * d
	}
	k := float64(len(nodes))
	return 1 - 6*d2/(k*(k*k-1))
}

// TestReportLocalCost times the local measures on graphs with increasingly
// large cliques, showing the triangle-bound cost on co-membership networks.
func TestReportLocalCost(t *testing.T) {
	needReport(t, "local")
	t.Logf("| graph | n | m | max degree | Σ d² | triangles | Local wall | Local CPU |")
	t.Logf("|---|---|---|---|---|---|---|---|")
	for _, c := range []struct {
		name string
		g    *Graph
	}{
		{"SBM, mean degree 30", cachedSBM(100000, 30)},
		{"co-membership, orgs ≤ 20", affiliation(50000, 20, 3)},
		{"co-membership, orgs ≤ 100", affiliation(50000, 100, 3)},
		{"co-membership, orgs ≤ 400", affiliation(50000, 400, 3)},
	} {
		g := c.g
		var sumD2 float64
		maxDeg := 0
		for v := range g.NumNodes() {
			sumD2 += float64(g.Degree(v)) * float64(g.Degree(v))
			maxDeg = max(maxDeg, g.Degree(v))
		}
		start, cpu0 := time.Now(), cpuTime()
		loc := Local(g)
		el, cpu := time.Since(start), cpuTime()-cpu0
		// Effective size gives t(v), the edges among v's neighbours:
		// t = (d − e)·d/2; Σ_v t(v) counts every triangle three times.
		var tri float64
		for v := range g.NumNodes() {
			if d := float64(g.Degree(v)); d > 0 {
				tri += (d - loc.EffectiveSize[v]) * d / 6
			}
		}
		t.Logf("| %s | %d | %d | %d | %.3g | %.3g | %.2f s | %.2f s |", c.name, g.NumNodes(), g.NumEdges(),
			maxDeg, sumD2, tri, el.Seconds(), cpu.Seconds())
	}
}
