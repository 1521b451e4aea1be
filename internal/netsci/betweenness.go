package netsci

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// BetweennessOptions configures Betweenness and CrossGroupBetweenness.
// The zero value means: exact, all GOMAXPROCS workers, no progress reports.
type BetweennessOptions struct {
	// Samples is the number k of pivot sources for the Brandes & Pich (2007)
	// estimate; 0 means exact. k ≥ the number of eligible sources (n, or the
	// number of nodes with a known group for CrossGroupBetweenness) is exact
	// too. k = 1 is rejected: it leaves the pivot itself without an estimate.
	// See AutoSamples for a size-based default and README.md for measured
	// errors.
	Samples int
	// Seed selects the pivots (math/rand/v2 PCG). The same seed, graph and
	// Samples give the same pivots, and with the same Workers bit-identical
	// results.
	Seed uint64
	// Workers is the number of goroutines; ≤ 0 means runtime.GOMAXPROCS(0).
	Workers int
	// Progress, if non-nil, is called with the number of sources processed
	// so far and the total number of sources (when exact, n — or the number
	// of known-group nodes for CrossGroupBetweenness; k when sampled).
	// Calls are serialised (never concurrent), done never decreases, and
	// there are at most about 1000 calls; the last has done == total unless
	// the context was cancelled. It runs on a worker goroutine, so keep it
	// cheap.
	Progress func(done, total int)
}

// pcgStream is the fixed second PCG word; only Seed is user-visible.
const pcgStream = 0x7475_6c6b_6b69_6e65 // "tulkkine"

// Betweenness returns the normalised shortest-path betweenness centrality of
// every node,
//
//	b(v) = Σ_{s<t, s≠v≠t} σ_st(v)/σ_st  /  ((n−1)(n−2)/2),
//
// where σ_st is the number of shortest s–t paths and σ_st(v) the number of
// those through v; pairs with no path contribute 0. This is exactly NetworkX
// betweenness_centrality(G, normalized=True, endpoints=False) for an
// undirected graph (its 2/((n−1)(n−2)) factor); graphs with n ≤ 2 give all
// zeros.
//
// Algorithm: Brandes (2001), "A faster algorithm for betweenness centrality",
// J. Math. Sociol. 25(2):163–177 — one BFS per source s and a backward sweep
// accumulating dependencies δ_s(v) = Σ_{w: v ∈ P_s(w)} σ_sv/σ_sw·(1+δ_s(w)).
// Cost O(n·m) time, O(n) memory per worker (44 bytes per node, 52 for BothBetweenness).
//
// With opts.Samples = k the sum over sources runs over k pivots drawn
// uniformly without replacement (Brandes & Pich 2007, "Centrality estimation
// in large networks", Int. J. Bifurcation Chaos 17(7):2303–2318) and is
// extrapolated like NetworkX ≥ 3.5 with k=: the ordered-pair sum of a node
// that is itself a pivot is scaled by (n−1)/(k−1), of any other node by
// (n−1)/k (each node's own BFS contributes nothing to it, so this is the
// unbiased scale; with k = n it reproduces the exact value). The pivots are
// not NetworkX's (different generator), so sampled values agree with
// NetworkX only in expectation.
//
// The error is non-nil only for invalid options or a cancelled context
// (checked before each source, so cancellation takes effect within one BFS).
func Betweenness(ctx context.Context, g *Graph, opts BetweennessOptions) ([]float64, error) {
	return betweenness(ctx, g, opts, false)
}

// CrossGroupBetweenness is betweenness restricted to pairs of nodes in
// different known groups — how much a node lies between sectors:
//
//	x(v) = Σ_{s<t ∈ X, s≠v≠t} σ_st(v)/σ_st  /  P(v),
//	X    = {(s, t): g(s) ≥ 0, g(t) ≥ 0, g(s) ≠ g(t)},
//	P(v) = number of unordered pairs in X not involving v
//	     = P − (K − K_g(v))  if g(v) is known,  P otherwise,
//
// with K the number of nodes with a known group, K_g the size of group g and
// P = (K² − Σ_g K_g²)/2. Each term is at most 1, so x(v) ∈ [0, 1]; x(v) = 1
// means v lies on every shortest path between every cross-group pair it is
// not part of. When P(v) = 0 (fewer than two groups) x(v) = 0. The measure
// is independent of v's own group: a node bridges sectors whatever its own.
// Note that the denominator counts disconnected pairs too, as NetworkX does
// for ordinary betweenness, so values from graphs with several components
// are comparable only within a graph.
//
// This is the source/target-restricted variant of Brandes (2008), "On
// variants of shortest-path betweenness centrality and their generic
// computation", Social Networks 30(2):136–145: the dependency
// recurrence becomes δ_s(v) = Σ_w σ_sv/σ_sw·(c(s,w) + δ_s(w)) with
// c(s,w) = 1 iff (s,w) ∈ X, and sources of unknown group are skipped.
//
// Sampling (opts.Samples) draws pivots among the K known-group nodes; the
// scale is (K−1)/(k−1) for a pivot, (K−1)/k for another known-group node and
// K/k for an unknown-group node (never a pivot), which keeps the estimate
// unbiased and makes k = K exact.
func CrossGroupBetweenness(ctx context.Context, g *Graph, opts BetweennessOptions) ([]float64, error) {
	return betweenness(ctx, g, opts, true)
}

// BothBetweenness returns Betweenness and CrossGroupBetweenness of g from
// one pass of Brandes' algorithm: each source's BFS and backward sweep
// accumulate both dependencies at once (the sweep reads each successor's
// two coefficients from the same cache line), which costs about 1.2 times
// one of the separate passes instead of 2 times.
//
// Exact (opts.Samples = 0, or ≥ n): every node is a source and both
// results equal the separate functions' (up to floating-point
// reassociation; bit-identical with Workers = 1).
//
// Sampled (opts.Samples = k): the k pivots are drawn among all n nodes
// exactly as Betweenness draws them (same seed ⇒ same pivots, and the same
// betweenness up to reassociation). The cross-group estimate uses the k′
// pivots among them that have a known group: given k′, these are a uniform
// sample without replacement of the K known-group nodes, so scaling as
// CrossGroupBetweenness does with k′ in place of k keeps it unbiased. k′
// is random (hypergeometric, mean k·K/n), so the cross-group estimate has
// the variance of about k·K/n pivots instead of k: with 5 % of nodes of
// unknown group, that of 0.95k pivots. If fewer than two pivots have a
// known group (and K ≥ 2), the cross-group measure is computed in a
// separate pass over k pivots among the known-group nodes.
func BothBetweenness(ctx context.Context, g *Graph, opts BetweennessOptions) (betweenness, crossGroup []float64, err error) {
	n := g.NumNodes()
	if opts.Samples < 0 || opts.Samples == 1 {
		return nil, nil, fmt.Errorf("netsci: Samples = %d; want 0 (exact) or ≥ 2", opts.Samples)
	}
	all := make([]int32, n)
	for v := range all {
		all[v] = int32(v)
	}
	sources, sampled := all, false
	if k := opts.Samples; k > 0 && k < n {
		sources, sampled = samplePivots(all, k, opts.Seed), true
	}
	plain, cross, err := runBrandes(ctx, g, sources, true, true, opts.Workers, opts.Progress)
	if err != nil {
		return nil, nil, err
	}
	if !sampled {
		return normalise(g, plain, false, nil), normalise(g, cross, true, nil), nil
	}
	var known []int32
	for _, s := range sources {
		if g.groups[s] >= 0 {
			known = append(known, s)
		}
	}
	K := 0
	for _, gr := range g.groups {
		if gr >= 0 {
			K++
		}
	}
	if len(known) < 2 && K >= 2 && len(known) < K {
		cross, err = CrossGroupBetweenness(ctx, g, BetweennessOptions{Samples: min(opts.Samples, K), Seed: opts.Seed, Workers: opts.Workers})
		if err != nil {
			return nil, nil, err
		}
		return normalise(g, plain, false, sources), cross, nil
	}
	var crossPivots []int32
	if len(known) < K {
		crossPivots = known
	}
	return normalise(g, plain, false, sources), normalise(g, cross, true, crossPivots), nil
}

func betweenness(ctx context.Context, g *Graph, opts BetweennessOptions, cross bool) ([]float64, error) {
	n := g.NumNodes()
	if opts.Samples < 0 || opts.Samples == 1 {
		return nil, fmt.Errorf("netsci: Samples = %d; want 0 (exact) or ≥ 2", opts.Samples)
	}

	// Eligible sources: every node, or only known-group nodes (others have
	// no cross-group pair to contribute).
	eligible := make([]int32, 0, n)
	for v := range n {
		if !cross || g.groups[v] >= 0 {
			eligible = append(eligible, int32(v))
		}
	}
	K := len(eligible)
	sources, sampled := eligible, false
	if k := opts.Samples; k > 0 && k < K {
		sources, sampled = samplePivots(eligible, k, opts.Seed), true
	}

	plain, crossSum, err := runBrandes(ctx, g, sources, !cross, cross, opts.Workers, opts.Progress)
	if err != nil {
		return nil, err
	}
	raw := plain
	if cross {
		raw = crossSum
	}
	var pivots []int32
	if sampled {
		pivots = sources
	}
	return normalise(g, raw, cross, pivots), nil
}

// normalise turns raw, the sums over ordered pairs from the given sources,
// into the normalised measure: if pivots is non-nil, the sums are first
// extrapolated from those pivots to all eligible sources (all nodes, or the
// known-group nodes when cross); then divided by twice the number of
// eligible unordered pairs that exclude v. raw is modified and returned.
func normalise(g *Graph, raw []float64, cross bool, pivots []int32) []float64 {
	n := g.NumNodes()
	K := n
	if cross {
		K = 0
		for _, gr := range g.groups {
			if gr >= 0 {
				K++
			}
		}
	}
	// Extrapolate sampled ordered-pair sums to all eligible sources.
	if pivots != nil {
		k := float64(len(pivots))
		isPivot := make([]bool, n)
		for _, s := range pivots {
			isPivot[s] = true
		}
		for v := range raw {
			switch {
			case isPivot[v]:
				raw[v] *= float64(K-1) / (k - 1)
			case cross && g.groups[v] < 0:
				raw[v] *= float64(K) / k
			default:
				raw[v] *= float64(K-1) / k
			}
		}
	}

	// raw[v] now (estimates) the sum over ordered pairs, i.e. twice the sum
	// over unordered pairs; divide by twice the number of eligible unordered
	// pairs that exclude v.
	if !cross {
		if n <= 2 {
			return raw // all zero, as in NetworkX
		}
		scale := 1 / (float64(n-1) * float64(n-2))
		for v := range raw {
			raw[v] *= scale
		}
		return raw
	}
	size := make([]int64, g.NumGroups())
	for _, gr := range g.groups {
		if gr >= 0 {
			size[gr]++
		}
	}
	var sq int64
	for _, c := range size {
		sq += c * c
	}
	pairs := (int64(K)*int64(K) - sq) / 2
	for v := range raw {
		p := pairs
		if gr := g.groups[v]; gr >= 0 {
			p -= int64(K) - size[gr]
		}
		if p <= 0 {
			raw[v] = 0
			continue
		}
		raw[v] /= 2 * float64(p)
	}
	return raw
}

// samplePivots draws k distinct elements of from uniformly (partial
// Fisher–Yates with a seeded PCG) and returns them sorted, so the work
// partition and hence the floating-point summation order depend only on the
// set of pivots.
func samplePivots(from []int32, k int, seed uint64) []int32 {
	r := rand.New(rand.NewPCG(seed, pcgStream))
	p := slices.Clone(from)
	for i := range k {
		j := i + r.IntN(len(p)-i)
		p[i], p[j] = p[j], p[i]
	}
	p = p[:k]
	slices.Sort(p)
	return p
}

// relabelMin is the smallest graph runBrandes relabels (see relabel): below
// it the per-worker state fits in the caches anyway.
var relabelMin = 50000

// runBrandes returns Σ_{s ∈ sources} δ_s(v) for every v (ordered pairs):
// the ordinary dependency if plain, and the cross-group one (Brandes 2008;
// only from sources with a known group) if cross; a sum not asked for is nil.
//
// Graphs of at least relabelMin nodes are first relabelled in BFS order
// (Relabel; unless they already are) so that neighbours sit close together in memory; sources and
// results are mapped, so the caller sees only the original ids. Work is
// split statically: worker i takes sources i, i+W, i+2W, … and adds into
// its own accumulators; the accumulators are then summed in worker order.
// So the result is bit-for-bit reproducible for a given worker count
// whatever the scheduling, and differs between worker counts (or with and
// without relabelling) only by floating-point reassociation (relative
// ~1e-15). Striding interleaves cheap and expensive sources (e.g. small
// components), which keeps the static split balanced in practice.
func runBrandes(ctx context.Context, g *Graph, sources []int32, plain, cross bool, workers int, progress func(done, total int)) (plainSum, crossSum []float64, err error) {
	n := g.NumNodes()
	var newID []int32
	if n >= relabelMin && !g.bfsOrdered {
		g, newID = Relabel(g)
		mapped := make([]int32, len(sources))
		for j, s := range sources {
			mapped[j] = newID[s]
		}
		sources = mapped
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(sources)))
	rep := newReporter(progress, len(sources))

	states := make([]*brandesState, workers)
	var stopped atomic.Bool
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() {
			st := newBrandesState(n, plain, cross)
			for j := i; j < len(sources); j += workers {
				if stopped.Load() {
					return
				}
				if ctx.Err() != nil {
					stopped.Store(true)
					return
				}
				st.accumulate(g, sources[j])
				rep.add(1)
			}
			states[i] = st
		})
	}
	wg.Wait()
	if stopped.Load() {
		return nil, nil, fmt.Errorf("netsci: betweenness cancelled: %w", context.Cause(ctx))
	}
	rep.finish()
	sum := func(acc func(*brandesState) []float64) []float64 {
		total := acc(states[0]) // workers ≥ 1, and every worker that was not stopped stored its state
		if total == nil {
			return nil
		}
		for _, st := range states[1:] {
			for v, x := range acc(st) {
				total[v] += x
			}
		}
		if newID != nil {
			orig := make([]float64, n)
			for v := range orig {
				orig[v] = total[newID[v]]
			}
			total = orig
		}
		return total
	}
	plainSum = sum(func(st *brandesState) []float64 { return st.acc })
	crossSum = sum(func(st *brandesState) []float64 { return st.xacc })
	return plainSum, crossSum, nil
}

// nodeState is one worker's per-node scratch for one source, kept together
// so that the BFS and the backward sweep touch one cache line per
// neighbour (two nodes per 64-byte line) instead of one per array.
type nodeState struct {
	sigma float64 // number of shortest paths from s (float64: counts overflow int64 on large graphs)
	coef  float64 // (1 + δ_s(v))/σ_sv once v is finished in the backward sweep
	xcoef float64 // (c(s,v) + δ×_s(v))/σ_sv, the cross-group variant
	dist  int32   // BFS distance from s, −1 = unreached
	_     int32
}

// brandesState is one worker's scratch space, reused across sources and
// reset only on the nodes the last BFS reached: 32 bytes per node of
// nodeState, 4 of BFS order and 8 per accumulator.
type brandesState struct {
	node  []nodeState
	order []int32   // nodes in BFS order (non-decreasing distance)
	acc   []float64 // Σ_s δ_s(v) over this worker's sources, nil unless plain
	xacc  []float64 // Σ_s δ×_s(v), nil unless cross
}

func newBrandesState(n int, plain, cross bool) *brandesState {
	st := &brandesState{node: make([]nodeState, n), order: make([]int32, 0, n)}
	if plain {
		st.acc = make([]float64, n)
	}
	if cross {
		st.xacc = make([]float64, n)
	}
	for i := range st.node {
		st.node[i].dist = -1
	}
	return st
}

// accumulate runs one Brandes iteration from source s and adds δ_s into
// the accumulators asked for (the cross-group one only if s has a known
// group). Predecessor lists are not stored: in the backward sweep the
// successors of v on shortest paths are exactly its neighbours at distance
// dist[v]+1, so rescanning the adjacency costs another O(m) but saves O(m)
// memory per worker.
func (st *brandesState) accumulate(g *Graph, s int32) {
	node := st.node
	order := append(st.order[:0], s)
	node[s].sigma, node[s].dist = 1, 0
	for head := 0; head < len(order); head++ {
		v := order[head]
		dv, sv := node[v].dist+1, node[v].sigma
		for _, w := range g.adj(v) {
			nw := &node[w]
			if nw.dist < 0 {
				nw.dist = dv
				order = append(order, w)
			}
			if nw.dist == dv {
				nw.sigma += sv
			}
		}
	}

	// Backward sweep in "pull" form: δ_s(v) = σ_sv · Σ_{w: dist w = dist v + 1,
	// w ~ v} coef(w), with coef(w) = (c(s,w) + δ_s(w))/σ_sw fixed once w is
	// done. Reverse BFS order finishes every successor before its
	// predecessors, and each node writes only its own entry: no scattered
	// read-modify-write stores. c is the weight of the pair (s, v) itself:
	// 1 for ordinary betweenness, 1 or 0 for the cross-group variant
	// (Brandes 2008); the two sums share the scan.
	gs := g.groups[s]
	plain, cross := st.acc != nil, st.xacc != nil && gs >= 0
	for i := len(order) - 1; i > 0; i-- { // order[0] = s gets no dependency
		v := order[i]
		nv := &node[v]
		dn := nv.dist + 1
		var sum, xsum float64
		for _, w := range g.adj(v) {
			if nw := &node[w]; nw.dist == dn {
				sum += nw.coef
				xsum += nw.xcoef
			}
		}
		if plain {
			d := nv.sigma * sum
			st.acc[v] += d
			nv.coef = (1 + d) / nv.sigma
		}
		if cross {
			d := nv.sigma * xsum
			st.xacc[v] += d
			c := 1.0
			if gv := g.groups[v]; gv < 0 || gv == gs {
				c = 0
			}
			nv.xcoef = (c + d) / nv.sigma
		}
	}

	for _, v := range order {
		node[v] = nodeState{dist: -1}
	}
	st.order = order
}

// reporter serialises progress callbacks and thins them to about 1000.
type reporter struct {
	fn          func(done, total int)
	total, step int
	done        atomic.Int64
	mu          sync.Mutex
	last        int
}

func newReporter(fn func(done, total int), total int) *reporter {
	if fn == nil {
		return nil
	}
	return &reporter{fn: fn, total: total, step: max(1, total/1000), last: -1}
}

func (r *reporter) add(k int) {
	if r == nil {
		return
	}
	d := int(r.done.Add(int64(k)))
	if d < r.total && d%r.step != 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if d > r.last {
		r.last = d
		r.fn(d, r.total)
	}
}

// finish guarantees a final (total, total) call, e.g. when there were no
// sources at all.
func (r *reporter) finish() {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.last < r.total {
		r.last = r.total
		r.fn(r.total, r.total)
	}
}

// Cost model of the Brandes kernel, used by ExactLimit and AutoSamples. One
// source costs 2m + n "visits" (each BFS touches every stored endpoint and
// every node). Measured on the reference machine (README.md,
// TestReportExactTiming and BenchmarkBetweennessSampled, CPU time), the
// throughput per busy worker is about 1.1·10⁸ visits/s while the per-worker
// state (32 bytes per node) fits in the L2 cache, falling off roughly as
// n^−0.45 beyond ~10 000 nodes as the random accesses into it miss: 8.5·10⁷
// at 20 000 nodes, 3.7–4.6·10⁷ at 100 000 (the lower figure on a busy
// machine whose other processes share the L3 cache).
const (
	kernelRate  = 1.1e8 // visits per second per worker up to rateKnee nodes
	rateKnee    = 10000
	rateFalloff = 0.45
)

// visitRate returns the modelled visits per second per worker on n nodes.
func visitRate(n float64) float64 {
	if n <= rateKnee {
		return kernelRate
	}
	return kernelRate * math.Pow(rateKnee/n, rateFalloff)
}

// ExactBudget is the wall-clock time one betweenness computation may take by
// default (see ExactLimit and AutoSamples).
const ExactBudget = 60 * time.Second

// MinSamples is the fewest pivots AutoSamples returns, whatever the time
// estimate: below a few hundred pivots the ranking is mostly noise
// (README.md).
const MinSamples = 256

func workerCount(workers int) float64 {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return float64(workers)
}

// ExactLimit returns the largest number of nodes n for which exact
// betweenness of a graph with the given mean degree is expected to finish
// within ExactBudget with the given number of workers (≤ 0: GOMAXPROCS),
// according to the cost model above: exact Brandes makes
// n·(2m + n) = n²·(meanDegree + 1) visits. On the reference machine (2 cores)
// this is about 21 000 nodes at mean degree 20, 18 000 at 30 and 16 000 at 40.
func ExactLimit(meanDegree float64, workers int) int {
	budget := kernelRate * workerCount(workers) * ExactBudget.Seconds() / (max(meanDegree, 0) + 1)
	if n := math.Sqrt(budget); n <= rateKnee {
		return int(n)
	}
	// n²·(d+1) = kernelRate·(knee/n)^falloff·workers·T  ⇒
	// n = (budget·knee^falloff)^(1/(2+falloff)).
	return int(math.Pow(budget*math.Pow(rateKnee, rateFalloff), 1/(2+rateFalloff)))
}

// AutoSamples returns the Samples option to use for g by default: 0 (exact)
// if g has at most ExactLimit(g.MeanDegree(), workers) nodes; otherwise as
// many pivots as fit in the same time budget (each costs 2m + n visits), but
// at least MinSamples. Since the sampling error falls only as 1/√k, spending
// the whole budget is worth it; README.md tabulates the error by k.
func AutoSamples(g *Graph, workers int) int {
	n := g.NumNodes()
	if n <= ExactLimit(g.MeanDegree(), workers) {
		return 0
	}
	perPivot := float64(2*g.NumEdges()+n) / visitRate(float64(n))
	k := int(workerCount(workers) * ExactBudget.Seconds() / perPivot)
	return max(MinSamples, k)
}
