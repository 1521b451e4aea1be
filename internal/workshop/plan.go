package workshop

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/tulkki/tulkki/internal/model"
)

// This file is the planner proper: pure functions over the candidates the
// service loaded, so that the rules can be tested with known answers and a
// plan is a function of (candidates, seed) alone.

// Pairing reports whether organisations a and b make an "unusual pairing"
// at a table. It is a function so that a richer scorer (internal/pairing)
// can replace the simple rule of newPairing later.
type Pairing func(a, b *model.PlanOrganisation) bool

// newPairing is the simple rule: different sectors, both interested in the
// workshop's topic, never partners in the same collaboration.
func newPairing(collaborated [][2]string) Pairing {
	seen := make(map[[2]string]bool, len(collaborated))
	for _, p := range collaborated {
		seen[p] = true
	}
	return func(a, b *model.PlanOrganisation) bool {
		if a.ID == b.ID || a.Sector == b.Sector || !a.Topic || !b.Topic {
			return false
		}
		key := [2]string{a.ID, b.ID}
		if key[0] > key[1] {
			key[0], key[1] = key[1], key[0]
		}
		return !seen[key]
	}
}

// rep is a representative seat: the person and the organisation they speak for.
type rep struct {
	person string
	org    *model.PlanOrganisation
	// forced: named in mustInclude; never swapped away from the workshop.
	forced bool
}

// pick is the outcome of choosing representatives.
type pick struct {
	reps  []rep
	unmet []*model.UnmetConstraint
}

// newRand is the plan's random source: PCG seeded from the input seed, so
// the same seed over the same data gives the same plan. stream separates
// the draws that order organisations from those that pick people.
func newRand(seed int, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), 0x7475_6c6b_6b69^stream)) // "tulkki"
}

// Streams of newRand.
const (
	streamOrganisations = 1
	streamPeople        = 2
)

// shuffleBySector groups organisations (sorted by id) by sector and puts
// each sector in a random order: the seed decides who is asked first.
func shuffleBySector(rng *rand.Rand, orgs []*model.PlanOrganisation, sectors []model.Sector) map[model.Sector][]*model.PlanOrganisation {
	out := map[model.Sector][]*model.PlanOrganisation{}
	for _, o := range orgs {
		out[o.Sector] = append(out[o.Sector], o)
	}
	for _, sec := range sectors {
		list := out[sec]
		rng.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
	}
	return out
}

// quotas splits seats over sectors as evenly as possible; the first
// sectors (in the given order) take the remainder.
func quotas(seats int, sectors []model.Sector) map[model.Sector]int {
	q := make(map[model.Sector]int, len(sectors))
	for i, sec := range sectors {
		q[sec] = seats / len(sectors)
		if i < seats%len(sectors) {
			q[sec]++
		}
	}
	return q
}

// chooseReps picks seats representatives, balanced over sectors. forced
// are representatives that must be there (from mustInclude); bySector are
// the candidates of each sector in the order to ask them (see
// shuffleBySector). One representative per organisation first; second ones
// only when the sectors' organisations run out. rng picks among people.
func chooseReps(rng *rand.Rand, seats int, sectors []model.Sector, bySector map[model.Sector][]*model.PlanOrganisation, forced []rep) pick {
	var out pick
	used := map[string]bool{}    // people seated
	orgSeats := map[string]int{} // representatives per organisation
	count := map[model.Sector]int{}
	add := func(r rep) {
		out.reps = append(out.reps, r)
		used[r.person] = true
		orgSeats[r.org.ID]++
		count[r.org.Sector]++
	}
	for _, r := range forced {
		if len(out.reps) < seats {
			add(r)
		}
	}
	// nextPerson picks a not yet seated person of o: a topic expert when
	// there is one, at random among equals.
	nextPerson := func(o *model.PlanOrganisation) string {
		var experts, others []string
		for _, p := range o.People {
			switch {
			case used[p.ID]:
			case p.Expert:
				experts = append(experts, p.ID)
			default:
				others = append(others, p.ID)
			}
		}
		if len(experts) == 0 {
			experts = others
		}
		if len(experts) == 0 {
			return ""
		}
		return experts[rng.IntN(len(experts))]
	}
	// takeFrom seats one more representative of sector sec whose
	// organisation has fewer than perOrg seats; false when none can be.
	takeFrom := func(sec model.Sector, perOrg int) bool {
		for _, o := range bySector[sec] {
			if orgSeats[o.ID] >= perOrg {
				continue
			}
			if p := nextPerson(o); p != "" {
				add(rep{person: p, org: o})
				return true
			}
		}
		return false
	}
	quota := quotas(seats, sectors)
	for _, sec := range sectors {
		for count[sec] < quota[sec] && takeFrom(sec, 1) {
		}
	}
	for _, sec := range sectors {
		switch {
		case count[sec] == 0:
			out.unmet = append(out.unmet, &model.UnmetConstraint{Code: model.UnmetSectorMissing, Sector: sec,
				Message: fmt.Sprintf("no organisation of the %s sector interested in the topic has a visible person with an ongoing stint", sec)})
		case count[sec] < quota[sec]:
			out.unmet = append(out.unmet, &model.UnmetConstraint{Code: model.UnmetSectorUnderrepresented, Sector: sec,
				Message: fmt.Sprintf("the %s sector has %d of its %d seats: not enough organisations interested in the topic", sec, count[sec], quota[sec])})
		}
	}
	// Fill what is left, round-robin over the sectors: first organisations
	// not yet there, then second (third, ...) representatives.
	for perOrg := 1; len(out.reps) < seats && perOrg <= maxRepsPerOrg; perOrg++ {
		for progress := true; progress && len(out.reps) < seats; {
			progress = false
			for _, sec := range sectors {
				if len(out.reps) < seats && takeFrom(sec, perOrg) {
					progress = true
				}
			}
		}
	}
	return out
}

// maxRepsPerOrg caps how many people speak for one organisation.
const maxRepsPerOrg = 3

// deal seats representatives at tables 1..n: grouped by sector, then dealt
// round-robin, so each table receives every sector in turn.
func deal(reps []rep, sectors []model.Sector, n int) [][]rep {
	order := make(map[model.Sector]int, len(sectors))
	for i, s := range sectors {
		order[s] = i
	}
	sorted := slices.Clone(reps)
	slices.SortStableFunc(sorted, func(a, b rep) int { return cmp.Compare(order[a.org.Sector], order[b.org.Sector]) })
	tables := make([][]rep, n)
	for i, r := range sorted {
		tables[i%n] = append(tables[i%n], r)
	}
	return tables
}

// pairAt returns an unusual pair at a table (lowest ids first), if any.
func pairAt(table []rep, unusual Pairing) ([2]string, bool) {
	var best [2]string
	found := false
	for i := range table {
		for j := i + 1; j < len(table); j++ {
			a, b := table[i].org, table[j].org
			if !unusual(a, b) {
				continue
			}
			p := [2]string{min(a.ID, b.ID), max(a.ID, b.ID)}
			if !found || p[0] < best[0] || (p[0] == best[0] && p[1] < best[1]) {
				best, found = p, true
			}
		}
	}
	return best, found
}

// improvePairings swaps representatives of the same sector between tables
// until every table holds an unusual pairing, or no single swap helps.
// Swapping within a sector keeps each table's sector mix.
func improvePairings(tables [][]rep, unusual Pairing) {
	has := func(t int) bool { _, ok := pairAt(tables[t], unusual); return ok }
	for pass := 0; pass < 3; pass++ {
		changed := false
		for t := range tables {
			if has(t) {
				continue
			}
		search:
			for i := range tables[t] {
				for u := range tables {
					if u == t {
						continue
					}
					for j := range tables[u] {
						if tables[u][j].org.Sector != tables[t][i].org.Sector {
							continue
						}
						hadU := has(u)
						tables[t][i], tables[u][j] = tables[u][j], tables[t][i]
						if has(t) && (has(u) || !hadU) {
							changed = true
							break search
						}
						tables[t][i], tables[u][j] = tables[u][j], tables[t][i]
					}
				}
			}
		}
		if !changed {
			return
		}
	}
}

// translatorFit ranks a translator for a table's sectors: spanning them
// all comes first, then topic expertise, then breadth of years in them.
type translatorFit struct {
	covers  int
	expert  bool
	years   float64
	id      string
	missing []model.Sector
}

func better(a, b translatorFit) bool {
	if a.covers != b.covers {
		return a.covers > b.covers
	}
	if a.expert != b.expert {
		return a.expert
	}
	if a.years != b.years {
		return a.years > b.years
	}
	return a.id < b.id
}

// Translator is a possible translator with their years per sector (from
// internal/bridge's bridging profile).
type Translator struct {
	ID     string
	Expert bool
	Years  map[model.Sector]float64
}

func fit(tr Translator, sectors []model.Sector) translatorFit {
	f := translatorFit{id: tr.ID, expert: tr.Expert}
	for _, s := range sectors {
		if y := tr.Years[s]; y > 0 {
			f.covers++
			f.years += min(y, 10)
		} else {
			f.missing = append(f.missing, s)
		}
	}
	return f
}

// assignTranslators gives each table (numbered from 1) the best unused
// translator for its sectors; the tables with the most sectors choose
// first, as they are the hardest to serve.
func assignTranslators(tableSectors [][]model.Sector, pool []Translator) []string {
	order := make([]int, len(tableSectors))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(len(tableSectors[b]), len(tableSectors[a])) })
	used := map[string]bool{}
	out := make([]string, len(tableSectors))
	for _, t := range order {
		var best *translatorFit
		for _, tr := range pool {
			if used[tr.ID] {
				continue
			}
			f := fit(tr, tableSectors[t])
			if f.covers < min(2, len(tableSectors[t])) {
				continue // a translator bridges at least two of the table's sectors
			}
			if best == nil || better(f, *best) {
				best = &f
			}
		}
		if best != nil {
			out[t] = best.id
			used[best.id] = true
		}
	}
	return out
}

// sectorsOf lists the distinct sectors of a table's representatives in
// canonical order.
func sectorsOf(table []rep) []model.Sector {
	var out []model.Sector
	for _, s := range model.AllSectors {
		if slices.ContainsFunc(table, func(r rep) bool { return r.org.Sector == s }) {
			out = append(out, s)
		}
	}
	return out
}
