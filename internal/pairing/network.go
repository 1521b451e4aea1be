package pairing

import (
	"slices"

	"github.com/tulkki/tulkki/internal/model"
)

// network is the organisation collaboration network in memory: two
// organisations are linked when they are partners in the same
// collaboration; each link remembers the earliest such collaboration's
// date so that the network as it stood on a day can be walked.
type network struct {
	// orgs: the candidates of a pairing query (with names and topics)
	// first, then every other organisation with a collaboration.
	orgs  []model.NetworkOrganisation
	index map[string]int
	adj   [][]link
	// comboCount[sectorCombo] counts the collaborations (of the whole
	// database, see withSectorCounts) with a pair of partners from those two
	// sectors; multiPartner those with two or more partners.
	comboCount   map[[2]model.Sector]int
	multiPartner int
	// topicDegree: organisations interested in each topic (of the candidates).
	topicDegree map[string]int
}

type link struct {
	to    int
	since model.Date
}

func newNetwork(collabs []model.NetworkCollaboration, candidates []model.NetworkOrganisation, topicDegree map[string]int) *network {
	g := &network{orgs: slices.Clone(candidates), index: make(map[string]int, len(candidates)), topicDegree: topicDegree}
	for i, o := range g.orgs {
		g.index[o.ID] = i
	}
	orgOf := func(p model.NetworkPartner) int {
		i, ok := g.index[p.ID]
		if !ok {
			i = len(g.orgs)
			g.orgs = append(g.orgs, model.NetworkOrganisation{ID: p.ID, Sector: p.Sector})
			g.index[p.ID] = i
		}
		return i
	}
	since := map[[2]int]model.Date{}
	for _, c := range collabs {
		partners := make([]int, 0, len(c.Partners))
		for _, p := range c.Partners {
			if i := orgOf(p); !slices.Contains(partners, i) {
				partners = append(partners, i)
			}
		}
		if len(partners) < 2 {
			continue
		}
		for x, u := range partners {
			for _, v := range partners[x+1:] {
				k := [2]int{min(u, v), max(u, v)}
				if d, ok := since[k]; !ok || c.Start.Before(d) {
					since[k] = c.Start
				}
			}
		}
	}
	g.adj = make([][]link, len(g.orgs))
	for k, d := range since {
		g.adj[k[0]] = append(g.adj[k[0]], link{k[1], d})
		g.adj[k[1]] = append(g.adj[k[1]], link{k[0], d})
	}
	for _, l := range g.adj { // map order must not leak into results
		slices.SortFunc(l, func(a, b link) int { return a.to - b.to })
	}
	return g
}

// withSectorCounts sets how many collaborations there are with two or
// more partners, and with a pair of partners from each two sectors.
func (g *network) withSectorCounts(total int, combos map[[2]model.Sector]int) *network {
	g.multiPartner, g.comboCount = total, combos
	return g
}

func sectorCombo(a, b model.Sector) [2]model.Sector {
	if b < a {
		a, b = b, a
	}
	return [2]model.Sector{a, b}
}

// usable reports whether a link existed before the day (nil: any link).
func usable(l link, before *model.Date) bool { return before == nil || l.since.Before(*before) }

// distances walks the network breadth-first from one organisation;
// Unreachable for those no path reaches. Only links from before the day
// count when before is set.
func (g *network) distances(from int, before *model.Date) []int {
	dist := make([]int, len(g.orgs))
	for i := range dist {
		dist[i] = Unreachable
	}
	dist[from] = 0
	queue := []int{from}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, l := range g.adj[u] {
			if dist[l.to] == Unreachable && usable(l, before) {
				dist[l.to] = dist[u] + 1
				queue = append(queue, l.to)
			}
		}
	}
	return dist
}

// distance is the length of a shortest path between u and v (Unreachable
// when none), only links from before the day counting when before is set:
// distances(u, before)[v] without walking the whole network. It searches
// from both ends, a level at a time from the smaller frontier, and stops at
// the first organisation both searches reach. That first meeting is a
// shortest path: while the searches are disjoint, with depths i and j,
// every path is longer than i+j, and the level that meets adds one.
// Ordering 5,000 collaborations by boldness walked the network some 12,000
// times; two small searches per pair are a fraction of that.
func (g *network) distance(u, v int, before *model.Date) int {
	if u == v {
		return 0
	}
	near := [2]map[int]int{{u: 0}, {v: 0}}
	frontier := [2][]int{{u}, {v}}
	for len(frontier[0]) > 0 && len(frontier[1]) > 0 {
		side := 0
		if len(frontier[1]) < len(frontier[0]) {
			side = 1
		}
		mine, other := near[side], near[1-side]
		var next []int
		for _, w := range frontier[side] {
			for _, l := range g.adj[w] {
				if !usable(l, before) {
					continue
				}
				if d, met := other[l.to]; met {
					return mine[w] + 1 + d
				}
				if _, seen := mine[l.to]; !seen {
					mine[l.to] = mine[w] + 1
					next = append(next, l.to)
				}
			}
		}
		frontier[side] = next
	}
	return Unreachable
}

// partners lists an organisation's partners (before the day, when set).
func (g *network) partners(u int, before *model.Date) []int {
	var out []int
	for _, l := range g.adj[u] {
		if usable(l, before) {
			out = append(out, l.to)
		}
	}
	return out
}

// sharedPartners counts the partners u and v have in common.
func (g *network) sharedPartners(u, v int, before *model.Date) int {
	pv := g.partners(v, before)
	n := 0
	for _, w := range g.partners(u, before) {
		if _, found := slices.BinarySearch(pv, w); found {
			n++
		}
	}
	return n
}

// sectorRarity is 1 − the share of collaborations (with two or more
// partners) that had a pair of partners from sectors a and b.
func (g *network) sectorRarity(a, b model.Sector) float64 {
	if g.multiPartner == 0 {
		return 1
	}
	return 1 - float64(g.comboCount[sectorCombo(a, b)])/float64(g.multiPartner)
}

// sectorShare is the share of u's partners in sector s (0 without partners).
func (g *network) sectorShare(u int, s model.Sector) float64 {
	if len(g.adj[u]) == 0 {
		return 0
	}
	n := 0
	for _, l := range g.adj[u] {
		if g.orgs[l.to].Sector == s {
			n++
		}
	}
	return float64(n) / float64(len(g.adj[u]))
}

// partnerDissimilarity is 1 − ½ (f_u(s_v) + f_v(s_u)).
func (g *network) partnerDissimilarity(u, v int) float64 {
	return 1 - (g.sectorShare(u, g.orgs[v].Sector)+g.sectorShare(v, g.orgs[u].Sector))/2
}

// sharedTopics lists the topics both u and v are interested in, sorted.
func (g *network) sharedTopics(u, v int) []string {
	var out []string
	for _, t := range g.orgs[u].TopicIDs {
		if slices.Contains(g.orgs[v].TopicIDs, t) && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out
}
