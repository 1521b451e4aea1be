package netsci

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Unknown is the group label of a node whose group (main sector) is not known.
// Measures that depend on groups skip such nodes as described on each function.
const Unknown = -1

// Graph is an immutable, simple, undirected, unweighted graph on the nodes
// 0..n-1 stored in compressed sparse row (CSR) form: the neighbours of v are
// targets[offsets[v]:offsets[v+1]], sorted ascending, without duplicates and
// without v itself. Every undirected edge is stored twice (once per endpoint).
//
// Memory: 4·(n+1) bytes of offsets, 8 bytes per undirected edge and 4 bytes
// per node of group labels. int32 indices cap the graph at 2³¹−1 stored
// endpoints (≈1.07·10⁹ undirected edges), far beyond what Tulkki needs.
//
// A Graph is safe for concurrent use by the functions of this package.
type Graph struct {
	offsets []int32
	targets []int32
	groups  []int32
	ngroups int
	// bfsOrdered is set by Relabel: the betweenness functions do not
	// relabel such a graph again.
	bfsOrdered bool
}

// NumNodes returns n, the number of nodes.
func (g *Graph) NumNodes() int { return len(g.groups) }

// NumEdges returns the number of undirected edges.
func (g *Graph) NumEdges() int { return len(g.targets) / 2 }

// Degree returns the number of neighbours of v.
func (g *Graph) Degree(v int) int { return int(g.offsets[v+1] - g.offsets[v]) }

// Neighbors returns the sorted neighbours of v. The slice aliases the graph's
// storage and must not be modified.
func (g *Graph) Neighbors(v int) []int32 { return g.adj(int32(v)) }

func (g *Graph) adj(v int32) []int32 {
	return g.targets[g.offsets[v]:g.offsets[v+1]:g.offsets[v+1]]
}

// Group returns the group label of v (≥ 0), or Unknown.
func (g *Graph) Group(v int) int { return int(g.groups[v]) }

// NumGroups returns 1 + the largest group label in use (0 if no node has a
// known group).
func (g *Graph) NumGroups() int { return g.ngroups }

// MeanDegree returns 2m/n (0 for the empty graph).
func (g *Graph) MeanDegree() float64 {
	if len(g.groups) == 0 {
		return 0
	}
	return float64(len(g.targets)) / float64(len(g.groups))
}

// HasEdge reports whether u and v are adjacent, by binary search in the
// shorter of the two neighbour lists.
func (g *Graph) HasEdge(u, v int) bool {
	a, b := g.adj(int32(u)), int32(v)
	if nv := g.adj(int32(v)); len(nv) < len(a) {
		a, b = nv, int32(u)
	}
	_, ok := slices.BinarySearch(a, b)
	return ok
}

// Builder collects nodes, group labels and edges and builds a Graph. Edges may
// be added in any order and any number of times; self-loops are ignored.
// A Builder is not safe for concurrent use.
type Builder struct {
	groups []int32
	// edges holds each added edge packed as min<<32 | max. It is sorted and
	// de-duplicated in place whenever it fills up (see AddEdge), so it holds
	// at most about twice the number of distinct edges however many duplicate
	// co-memberships the caller reports.
	edges []uint64
	err   error
}

// NewBuilder returns a Builder with n nodes (0..n-1), all in group Unknown.
func NewBuilder(n int) *Builder {
	b := &Builder{groups: make([]int32, n)}
	for i := range b.groups {
		b.groups[i] = Unknown
	}
	return b
}

// NumNodes returns the number of nodes added so far.
func (b *Builder) NumNodes() int { return len(b.groups) }

// AddNode appends a node with the given group label and returns its index.
func (b *Builder) AddNode(group int) int {
	b.groups = append(b.groups, normGroup(group))
	return len(b.groups) - 1
}

// SetGroup sets the group label of v. Labels should be small non-negative
// integers (memory for group-dependent measures is proportional to the
// largest label); any negative label means Unknown.
func (b *Builder) SetGroup(v, group int) {
	if v < 0 || v >= len(b.groups) {
		b.fail(fmt.Errorf("netsci: SetGroup(%d): node out of range [0,%d)", v, len(b.groups)))
		return
	}
	b.groups[v] = normGroup(group)
}

func normGroup(group int) int32 {
	if group < 0 {
		return Unknown
	}
	if group > math.MaxInt32 {
		return math.MaxInt32 // reported by Build
	}
	return int32(group)
}

// AddEdge records the undirected edge {u, v}. Duplicates are merged and
// self-loops (u == v) are ignored. Out-of-range nodes make Build fail.
func (b *Builder) AddEdge(u, v int) {
	if u < 0 || v < 0 || u >= len(b.groups) || v >= len(b.groups) {
		b.fail(fmt.Errorf("netsci: AddEdge(%d, %d): node out of range [0,%d)", u, v, len(b.groups)))
		return
	}
	if u == v {
		return
	}
	if u > v {
		u, v = v, u
	}
	if len(b.edges) == cap(b.edges) && cap(b.edges) >= 1<<16 {
		// Before growing, drop duplicates; only grow if that freed less
		// than half the buffer. Each compaction either halves the live
		// part or is followed by a doubling, so the amortised cost per
		// AddEdge stays O(log m).
		b.compact()
		if len(b.edges) > cap(b.edges)/2 {
			b.edges = slices.Grow(b.edges, cap(b.edges))
		}
	}
	b.edges = append(b.edges, uint64(u)<<32|uint64(v))
}

// AddClique links every pair of the given nodes, as co-membership of one
// organisation or collaboration does: fetching (organisation, members) rows
// and calling AddClique is far cheaper than fetching person pairs. A clique
// of s members adds s(s−1)/2 edges.
func (b *Builder) AddClique(nodes []int) {
	for i, u := range nodes {
		for _, v := range nodes[i+1:] {
			b.AddEdge(u, v)
		}
	}
}

func (b *Builder) compact() {
	slices.Sort(b.edges)
	b.edges = slices.Compact(b.edges)
}

func (b *Builder) fail(err error) {
	if b.err == nil {
		b.err = err
	}
}

// Build returns the graph. It reports the first out-of-range node passed to
// AddEdge or SetGroup. The Builder may be reused afterwards (further edges are
// added to those already recorded).
func (b *Builder) Build() (*Graph, error) {
	if b.err != nil {
		return nil, b.err
	}
	n := len(b.groups)
	if n > math.MaxInt32-1 {
		return nil, fmt.Errorf("netsci: %d nodes exceed the int32 index range", n)
	}
	b.compact()
	if 2*len(b.edges) > math.MaxInt32 {
		return nil, fmt.Errorf("netsci: %d edges exceed the int32 CSR range", len(b.edges))
	}
	g := &Graph{
		offsets: make([]int32, n+1),
		targets: make([]int32, 2*len(b.edges)),
		groups:  slices.Clone(b.groups),
	}
	for _, gr := range g.groups {
		if gr == math.MaxInt32 {
			return nil, errors.New("netsci: group label exceeds the int32 range")
		}
		g.ngroups = max(g.ngroups, int(gr)+1)
	}
	for _, e := range b.edges {
		g.offsets[e>>32+1]++
		g.offsets[uint32(e)+1]++
	}
	for v := range n {
		g.offsets[v+1] += g.offsets[v]
	}
	// Fill by walking the edges in sorted (min, max) order. For a node x the
	// pairs (u, x) with u < x all sort before the pairs (x, w) with w > x, and
	// each run is itself ascending, so every neighbour list comes out sorted
	// without a second sort.
	pos := slices.Clone(g.offsets[:n])
	for _, e := range b.edges {
		u, v := int32(e>>32), int32(uint32(e))
		g.targets[pos[u]] = v
		pos[u]++
		g.targets[pos[v]] = u
		pos[v]++
	}
	return g, nil
}

// Relabel returns g with its nodes renumbered in breadth-first order (each
// component from its lowest-numbered node, neighbours in their order) and
// newID, the new number of each old node: node v of g is node newID[v] of
// the result, with the same group and the same neighbours (renumbered).
// Neighbours then mostly have nearby numbers, so a BFS over the relabelled
// graph touches far fewer cache lines of the per-node state than over ids
// in database order; at a million nodes this speeds the betweenness kernel
// up markedly (README.md). The betweenness functions relabel large graphs
// themselves; a caller that relabels first (and drops g) saves that copy
// and the memory of two graphs at once. Cost O(m log d), memory one more
// graph.
func Relabel(g *Graph) (*Graph, []int32) {
	n := g.NumNodes()
	newID := make([]int32, n)
	for i := range newID {
		newID[i] = -1
	}
	old := make([]int32, 0, n) // old id of each new id = BFS order
	for root := range n {
		if newID[root] >= 0 {
			continue
		}
		newID[root] = int32(len(old))
		old = append(old, int32(root))
		for head := len(old) - 1; head < len(old); head++ {
			for _, w := range g.adj(old[head]) {
				if newID[w] < 0 {
					newID[w] = int32(len(old))
					old = append(old, w)
				}
			}
		}
	}
	h := &Graph{offsets: make([]int32, n+1), targets: make([]int32, len(g.targets)), groups: make([]int32, n),
		ngroups: g.ngroups, bfsOrdered: true}
	for u, v := range old {
		h.groups[u] = g.groups[v]
		nb := g.adj(v)
		start := h.offsets[u]
		h.offsets[u+1] = start + int32(len(nb))
		out := h.targets[start:h.offsets[u+1]]
		for j, w := range nb {
			out[j] = newID[w]
		}
		slices.Sort(out)
	}
	return h, newID
}
