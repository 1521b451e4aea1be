package netsci

import (
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Local ego-network measures: Burt's constraint and effective size and
// Gould & Fernandez brokerage roles. All three reduce to the common
// neighbours N(v) ∩ N(w) of every edge {v, w}, i.e. to the triangles of the
// graph, and are computed here in one pass per node ("ego") v:
//
//   - mark N(v) in a per-worker stamp array;
//   - for each neighbour w, list N(v) ∩ N(w) by scanning N(w) against the
//     marks (cost d(w)) or, when d(w) ≫ d(v), by binary-searching each of
//     N(v) in the sorted N(w) (cost d(v)·log d(w)).
//
// The cost is thus O(Σ_{edges} min(d(v), d(w))·log) (each edge seen from both
// ends), which is O(m·√m) and, more usefully, O(a(G)·m) for arboricity a(G)
// (Chiba & Nishizeki 1985, "Arboricity and subgraph listing algorithms", SIAM
// J. Comput. 14(1):210–223). That is much less than the naive
// O(Σ_v d(v)²) of enumerating neighbour pairs when degrees are skewed — a
// high-degree node is only paid for in proportion to its lower-degree
// neighbours. But it is never less than the number of triangles: in a
// co-membership network every organisation with s members is an s-clique
// with C(s,3) triangles (s = 1000 gives 1.7·10⁸), so very large
// organisations dominate the cost. See README.md for measurements.
//
// Nodes are independent, so workers take chunks of nodes dynamically and
// write only their own nodes' results: deterministic regardless of
// scheduling. Memory: 4 bytes per node per worker plus 8 bytes per node of
// 1/degree.

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
	mark   []int32 // mark[q] == v iff q ∈ N(v) for the current ego v
	common []int32 // N(v) ∩ N(w) for the current neighbour w
	count  []int64 // neighbours of the current ego per group
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
			x := &egoScratch{mark: make([]int32, n), count: make([]int64, g.NumGroups())}
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

// ego computes the requested measures for node v.
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
	if what&(wantConstraint|wantEffectiveSize) == 0 && !brok {
		return // only brokerage wanted and v's group is unknown: all zero
	}
	for _, w := range nv {
		x.mark[w] = v
	}

	var (
		constraint float64
		tri2       int64    // Σ_w |N(v)∩N(w)| = 2·(edges among neighbours)
		closed     [4]int64 // adjacent neighbour pairs by role, each seen twice
	)
	for _, w := range nv {
		gw := g.groups[w]
		if what&(wantConstraint|wantEffectiveSize) == 0 && gw < 0 {
			continue // brokerage only: pairs with w are skipped anyway
		}
		common := x.intersect(g, v, nv, w)
		tri2 += int64(len(common))
		if res.Constraint != nil {
			s := 1.0 // p_vw·d(v); the indirect terms p_vq·p_qw·d(v) = 1/d(q)
			for _, q := range common {
				s += invDeg[q]
			}
			s *= invDeg[v]
			constraint += s * s
		}
		if brok && gw >= 0 {
			for _, q := range common {
				if gq := g.groups[q]; gq >= 0 {
					closed[role(gw, gq, gb)]++
				}
			}
		}
	}
	if res.Constraint != nil {
		res.Constraint[v] = constraint
	}
	if res.EffectiveSize != nil {
		res.EffectiveSize[v] = float64(d) - float64(tri2)/float64(d)
	}
	if brok {
		res.Brokerage[v] = x.brokerage(g, nv, gb, closed)
	}
}

// brokerage turns the per-group neighbour counts into counts of all
// neighbour pairs per role and subtracts the closed (adjacent) pairs, which
// the caller tallied twice each (once from each end of the pair).
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
		Coordinator:              same*(same-1)/2 - closed[roleCoordinator]/2,
		Itinerant:                itinerant - closed[roleItinerant]/2,
		GatekeeperRepresentative: same*other - closed[roleGatekeeper]/2,
		Liaison:                  other*(other-1)/2 - itinerant - closed[roleLiaison]/2,
	}
}

// intersect returns N(v) ∩ N(w) (sorted) in x.common, which it reuses.
// N(v) must be marked in x.mark.
func (x *egoScratch) intersect(g *Graph, v int32, nv []int32, w int32) []int32 {
	nw := g.adj(w)
	c := x.common[:0]
	if len(nw) <= 8*len(nv) {
		for _, q := range nw {
			if x.mark[q] == v {
				c = append(c, q)
			}
		}
	} else {
		// d(w) ≫ d(v): probe each of v's neighbours in w's sorted list,
		// narrowing the window since both lists are ascending.
		rest := nw
		for _, q := range nv {
			i, ok := slices.BinarySearch(rest, q)
			rest = rest[i:]
			if ok {
				c = append(c, q)
			}
			if len(rest) == 0 {
				break
			}
		}
	}
	x.common = c
	return c
}
