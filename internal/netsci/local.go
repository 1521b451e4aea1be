package netsci

import (
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Local ego-network measures: Burt's constraint and effective size and
// Gould & Fernandez brokerage roles. All three reduce to the closed pairs of
// an ego's neighbours — the triangles through it — and are computed in one
// pass per node ("ego") v:
//
//   - mark N(v) (with each neighbour's position) in per-worker arrays;
//   - for each neighbour w, find the neighbours q > w of v adjacent to w, by
//     scanning the part of N(w) above w against the marks (cost ≤ d(w)) or,
//     when d(w) > 8·d(v), by binary-searching each of v's neighbours above w
//     in the sorted N(w) (cost ≤ d(v)·log d(w));
//   - credit the closed pair {w, q} to both ends.
//
// The cost is O(Σ_{edges} min(d(v), d(w))·log d) overall (each edge is
// scanned from both ends), i.e. O(m·√m), and O(a(G)·m) for arboricity a(G)
// (Chiba & Nishizeki 1985, "Arboricity and subgraph listing algorithms", SIAM
// J. Comput. 14(1):210–223) — much less than the O(Σ_v d(v)²) of enumerating
// neighbour pairs when a hub's neighbours have low degree. It can never be
// less than the number of triangles, though, and co-membership networks are
// unions of cliques: an organisation with s members is an s-clique with
// C(s,3) triangles, for which the cost is Θ(s³) like O(Σ d²). Very large
// organisations therefore dominate; README.md measures this.
//
// Nodes are independent, so workers take chunks of nodes dynamically and
// write only their own nodes' results: deterministic regardless of
// scheduling. Memory: 8 bytes per node per worker (marks and positions), 8
// per node of 1/degree, 8 per neighbour of the largest ego.

// BrokerageCounts holds, for a broker b, the number of open two-paths a–b–c
// (a and c neighbours of b, not adjacent to each other, counted once per
// unordered pair {a, c}) in each Gould & Fernandez (1989) role, by the groups
// of a, b and c. Pairs where any of the three groups is unknown are skipped.
type BrokerageCounts struct {
	Coordinator int64 // g(a) = g(b) = g(c): brokerage within a group
	Itinerant   int64 // g(a) = g(c) ≠ g(b): itinerant broker / consultant
	// GatekeeperRepresentative: exactly one of a, c shares b's group. In a
	// directed graph Gould & Fernandez tell the gatekeeper (a → b → c with
	// g(b) = g(c): controls access into b's group) from the representative
	// (g(a) = g(b): speaks for b's group outwards); in an undirected graph
	// every open two-path can be read both ways, so the two roles coincide
	// and are reported together.
	GatekeeperRepresentative int64
	Liaison                  int64 // g(a), g(b), g(c) pairwise different
}

// Total returns the number of open two-paths through b with all groups known.
func (c BrokerageCounts) Total() int64 {
	return c.Coordinator + c.Itinerant + c.GatekeeperRepresentative + c.Liaison
}

// LocalMeasures bundles the per-node results of Local.
type LocalMeasures struct {
	Constraint    []float64
	EffectiveSize []float64
	Brokerage     []BrokerageCounts
}

// Constraint returns Burt's (1992) network constraint of every node for the
// unweighted undirected case, with p_vw = 1/d(v) for each neighbour w:
//
//	c(v) = Σ_{w ∈ N(v)} (p_vw + Σ_{q ∈ N(v)∩N(w)} p_vq·p_qw)²
//	     = Σ_{w ∈ N(v)} ((1 + Σ_{q ∈ N(v)∩N(w)} 1/d(q)) / d(v))²,
//
// equal to NetworkX nx.constraint(G). It ranges from about 1/d(v) (contacts
// that do not know each other; low constraint = many structural holes) up to
// above 1 (a dense clique or a single contact: c = 1 for a leaf). Isolated
// nodes get NaN, as in NetworkX: the measure is undefined for them. Callers
// storing results must map NaN (math.IsNaN) to null or omit the value — JSON
// cannot encode NaN.
//
// R. S. Burt, Structural Holes: The Social Structure of Competition, Harvard
// University Press, 1992, ch. 2.
func Constraint(g *Graph) []float64 { return egoPass(g, wantConstraint).Constraint }

// EffectiveSize returns Burt's (1992) effective size of every node for the
// unweighted undirected case, which reduces to (Borgatti 1997, "Structural
// holes: unpacking Burt's redundancy measures", Connections 20(1):35–38)
//
//	e(v) = d(v) − 2·t(v)/d(v),
//
// where t(v) is the number of edges among v's neighbours: the number of
// contacts minus their average redundancy. It equals NetworkX
// nx.effective_size(G) and lies in [1, d(v)] for d(v) ≥ 1. Isolated nodes
// get NaN, as in NetworkX (see Constraint on storing NaN).
func EffectiveSize(g *Graph) []float64 { return egoPass(g, wantEffectiveSize).EffectiveSize }

// Brokerage returns the Gould & Fernandez brokerage role counts of every node
// (see BrokerageCounts), adapted to undirected graphs: for each broker b and
// each unordered pair {a, c} of b's neighbours that are not adjacent, the
// pair is classified by the groups of a, b, c. A node of unknown group, and
// any pair involving an unknown-group neighbour, counts nothing.
//
// Rather than enumerate the O(d²) neighbour pairs, the counts of all pairs
// follow in O(d) from the number of neighbours per group, and the closed
// pairs (triangles through b) are enumerated and subtracted — see the
// package cost note above.
//
// R. V. Gould and R. M. Fernandez, "Structures of mediation: a formal
// approach to brokerage in transaction networks", Sociological Methodology
// 19 (1989):89–126.
func Brokerage(g *Graph) []BrokerageCounts { return egoPass(g, wantBrokerage).Brokerage }

// Local computes Constraint, EffectiveSize and Brokerage in a single pass,
// about as fast as any one of them alone.
func Local(g *Graph) LocalMeasures {
	return egoPass(g, wantConstraint|wantEffectiveSize|wantBrokerage)
}

type want uint8

const (
	wantConstraint want = 1 << iota
	wantEffectiveSize
	wantBrokerage
)

// Brokerage roles, in the order of the closed-pair tally.
const (
	roleCoordinator = iota
	roleItinerant
	roleGatekeeper
	roleLiaison
)

// role classifies the pair {a, c} around broker b by their known groups.
func role(ga, gc, gb int32) int {
	switch {
	case ga == gb && gc == gb:
		return roleCoordinator
	case ga == gc:
		return roleItinerant
	case ga == gb || gc == gb:
		return roleGatekeeper
	default:
		return roleLiaison
	}
}

// egoScratch is one worker's reusable state.
type egoScratch struct {
	mark  []int32   // mark[q] == v iff q ∈ N(v) for the current ego v
	pos   []int32   // pos[q] = index of q in N(v) when mark[q] == v
	s     []float64 // per neighbour w of the ego: Σ_{q ∈ N(v)∩N(w)} 1/d(q)
	count []int64   // neighbours of the current ego per group
}

func egoPass(g *Graph, what want) LocalMeasures {
	n := g.NumNodes()
	var res LocalMeasures
	if what&wantConstraint != 0 {
		res.Constraint = make([]float64, n)
	}
	if what&wantEffectiveSize != 0 {
		res.EffectiveSize = make([]float64, n)
	}
	if what&wantBrokerage != 0 {
		res.Brokerage = make([]BrokerageCounts, n)
	}
	var invDeg []float64
	if what&wantConstraint != 0 {
		invDeg = make([]float64, n)
		for v := range n {
			if d := g.Degree(v); d > 0 {
				invDeg[v] = 1 / float64(d)
			}
		}
	}

	const chunk = 256
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), (n+chunk-1)/chunk)) {
		wg.Go(func() {
			x := &egoScratch{
				mark:  make([]int32, n),
				pos:   make([]int32, n),
				count: make([]int64, g.NumGroups()),
			}
			for i := range x.mark {
				x.mark[i] = -1
			}
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= n {
					return
				}
				for v := lo; v < min(lo+chunk, n); v++ {
					x.ego(g, int32(v), what, invDeg, &res)
				}
			}
		})
	}
	wg.Wait()
	return res
}

// ego computes the requested measures for node v. It visits every closed
// pair {w, q} of v's neighbours (w < q, adjacent) exactly once, from the
// lower-numbered end w, and credits both ends.
func (x *egoScratch) ego(g *Graph, v int32, what want, invDeg []float64, res *LocalMeasures) {
	nv := g.adj(v)
	d := len(nv)
	if d == 0 {
		if res.Constraint != nil {
			res.Constraint[v] = math.NaN()
		}
		if res.EffectiveSize != nil {
			res.EffectiveSize[v] = math.NaN()
		}
		return
	}
	gb := g.groups[v]
	brok := what&wantBrokerage != 0 && gb >= 0
	local := what&(wantConstraint|wantEffectiveSize) != 0
	if !local && !brok {
		return // only brokerage wanted and v's group is unknown: all zero
	}
	for i, w := range nv {
		x.mark[w], x.pos[w] = v, int32(i)
	}
	var s []float64
	if res.Constraint != nil {
		s = x.scratch(d)
	}

	var (
		t      int64    // closed pairs = edges among v's neighbours
		closed [4]int64 // closed pairs with all groups known, by role
	)
	pair := func(i int, w int32, j int32, q int32) {
		t++
		if s != nil {
			s[i] += invDeg[q]
			s[j] += invDeg[w]
		}
		if brok {
			if gw, gq := g.groups[w], g.groups[q]; gw >= 0 && gq >= 0 {
				closed[role(gw, gq, gb)]++
			}
		}
	}
	for i, w := range nv {
		if !local && g.groups[w] < 0 {
			continue // brokerage only: pairs with w are skipped anyway
		}
		nw := g.adj(w)
		if len(nw) <= 8*len(nv) {
			// Scan the part of N(w) above w against the marks: cost ≤ d(w).
			k, _ := slices.BinarySearch(nw, w)
			for _, q := range nw[k:] {
				if x.mark[q] == v {
					pair(i, w, x.pos[q], q)
				}
			}
			continue
		}
		// d(w) ≫ d(v): probe v's neighbours above w in w's sorted list,
		// narrowing the window since both lists ascend: cost d(v)·log d(w).
		rest := nw
		for j, q := range nv[i+1:] {
			k, ok := slices.BinarySearch(rest, q)
			rest = rest[k:]
			if ok {
				pair(i, w, int32(i+1+j), q)
			}
			if len(rest) == 0 {
				break
			}
		}
	}

	if s != nil {
		// c(v) = Σ_w ((1 + S(v,w))/d)²: p_vw = 1/d plus the indirect
		// p_vq·p_qw = 1/(d·d(q)) over shared contacts q.
		var c float64
		for _, sw := range s {
			a := (1 + sw) * invDeg[v]
			c += a * a
		}
		res.Constraint[v] = c
	}
	if res.EffectiveSize != nil {
		res.EffectiveSize[v] = float64(d) - 2*float64(t)/float64(d)
	}
	if brok {
		res.Brokerage[v] = x.brokerage(g, nv, gb, closed)
	}
}

// scratch returns x.s resized to d and zeroed.
func (x *egoScratch) scratch(d int) []float64 {
	if cap(x.s) < d {
		x.s = make([]float64, d)
	}
	s := x.s[:d]
	clear(s)
	return s
}

// brokerage turns the per-group neighbour counts into counts of all
// neighbour pairs per role and subtracts the closed (adjacent) pairs.
func (x *egoScratch) brokerage(g *Graph, nv []int32, gb int32, closed [4]int64) BrokerageCounts {
	var known int64
	for _, w := range nv {
		if gw := g.groups[w]; gw >= 0 {
			x.count[gw]++
			known++
		}
	}
	same := x.count[gb]
	other := known - same
	// Σ over other groups of C(count, 2): pairs within one foreign group.
	// Each group is added once and its counter reset on first sight.
	var itinerant int64
	for _, w := range nv {
		gw := g.groups[w]
		if gw < 0 {
			continue
		}
		if c := x.count[gw]; c > 0 {
			if gw != gb {
				itinerant += c * (c - 1) / 2
			}
			x.count[gw] = 0
		}
	}
	return BrokerageCounts{
		Coordinator:              same*(same-1)/2 - closed[roleCoordinator],
		Itinerant:                itinerant - closed[roleItinerant],
		GatekeeperRepresentative: same*other - closed[roleGatekeeper],
		Liaison:                  other*(other-1)/2 - itinerant - closed[roleLiaison],
	}
}
