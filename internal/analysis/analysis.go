// Package analysis computes the network-science measures of every person
// on the person–person co-membership network and stores them on the graph,
// where the translator score and person.bridging read them. It is the
// domain behind `tulkki analyze`; the algorithms are in internal/netsci.
package analysis

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"time"

	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/netsci"
)

// Options tune a run.
type Options struct {
	// Samples for betweenness: 0 chooses automatically (exact up to the
	// size netsci.ExactLimit allows, sampled above); negative forces exact.
	Samples int
	Seed    uint64
	// Progress reports each phase: a name, done and total.
	Progress func(phase string, done, total int)
}

// Report says what a run did.
type Report struct {
	model.AnalysisRun
	Phases []PhaseTime
}

// PhaseTime is how long one phase took.
type PhaseTime struct {
	Name string
	Took time.Duration
}

var sectorGroup = map[model.Sector]int{
	model.SectorPublic: 0, model.SectorPrivate: 1, model.SectorThird: 2, model.SectorAcademia: 3,
}

// Run loads the network, computes every measure and saves the results.
func Run(ctx context.Context, st Store, opts Options) (*Report, error) {
	progress := opts.Progress
	if progress == nil {
		progress = func(string, int, int) {}
	}
	rep := &Report{}
	began := time.Now()
	phase := func(name string, start time.Time) {
		rep.Phases = append(rep.Phases, PhaseTime{name, time.Since(start)})
	}

	t := time.Now()
	cm, err := st.LoadCoMembership(ctx)
	if err != nil {
		return nil, fmt.Errorf("load network: %w", err)
	}
	phase("load", t)

	t = time.Now()
	g, err := Build(cm)
	if err != nil {
		return nil, err
	}
	// Renumber the people in breadth-first order for the kernels' cache
	// locality (netsci.Relabel) and drop the graph in database order, so
	// that only one copy is held; results are mapped back below. The
	// collections return the builder's and the first graph's memory before
	// the next big allocation (at a million people each is ~0.6–1 GB).
	runtime.GC()
	g, newID := netsci.Relabel(g)
	debug.FreeOSMemory()
	phase("build", t)
	rep.People, rep.Edges = g.NumNodes(), g.NumEdges()

	samples := opts.Samples
	switch {
	case samples < 0:
		samples = 0
	case samples == 0:
		samples = netsci.AutoSamples(g, runtime.GOMAXPROCS(0))
	}
	rep.Samples = samples
	// One Brandes pass feeds both betweenness measures (netsci.BothBetweenness):
	// sampled, the cross-sector estimate uses the pivots with a known sector.
	t = time.Now()
	betweenness, crossSector, err := netsci.BothBetweenness(ctx, g, netsci.BetweennessOptions{
		Samples: samples, Seed: opts.Seed,
		Progress: func(done, total int) { progress("betweenness", done, total) }})
	if err != nil {
		return nil, fmt.Errorf("betweenness: %w", err)
	}
	phase("betweenness", t)
	t = time.Now()
	progress("constraint and brokerage", 0, 1)
	local := netsci.Local(g)
	progress("constraint and brokerage", 1, 1)
	phase("constraint and brokerage", t)

	rep.ComputedAt = time.Now().UTC().Truncate(time.Millisecond)
	percentile := Percentiles(crossSector)
	rows := make([]model.NetworkRow, g.NumNodes())
	for p := range rows {
		v := newID[p]
		rows[p] = model.NetworkRow{PersonID: cm.PersonIDs[p], NetworkMeasures: model.NetworkMeasures{
			Betweenness: betweenness[v], CrossSectorBetweenness: crossSector[v], CrossSectorPercentile: percentile[v],
			Constraint: finite(local.Constraint[v]), EffectiveSize: finite(local.EffectiveSize[v]),
			Brokerage: model.BrokerageRoles{
				Coordinator: int(local.Brokerage[v].Coordinator), Itinerant: int(local.Brokerage[v].Itinerant),
				GatekeeperRepresentative: int(local.Brokerage[v].GatekeeperRepresentative), Liaison: int(local.Brokerage[v].Liaison),
			},
			Sampled: samples > 0, ComputedAt: rep.ComputedAt,
		}}
	}
	t = time.Now()
	rep.Took = time.Since(began)
	if err := st.SaveNetworkMeasures(ctx, rows, rep.AnalysisRun, 5000, func(_ string, done, total int) {
		progress("save", done, total)
	}); err != nil {
		return nil, err
	}
	phase("save", t)
	rep.Took = time.Since(began)
	return rep, nil
}

// Build turns memberships into the co-membership graph (docs/scoring.md
// §8): people are nodes grouped by main sector; people whose stints at an
// organisation overlap in time are linked, and so is everyone who
// contributed to the same collaboration.
func Build(cm *model.CoMembership) (*netsci.Graph, error) {
	b := netsci.NewBuilder(len(cm.PersonIDs))
	for v, sector := range cm.MainSector {
		if group, ok := sectorGroup[sector]; ok {
			b.SetGroup(v, group)
		}
	}
	for _, stints := range cm.Organisations {
		linkOverlapping(b, stints)
	}
	nodes := []int{}
	for _, members := range cm.Collaborations {
		nodes = nodes[:0]
		for _, m := range members {
			nodes = append(nodes, int(m))
		}
		b.AddClique(nodes)
	}
	g, err := b.Build()
	if err != nil {
		return nil, fmt.Errorf("build co-membership network: %w", err)
	}
	return g, nil
}

// CohortSize is the most colleagues a stint is linked to among those who
// started before it (docs/scoring.md §8): the ones who started most
// recently. Organisations with at most CohortSize+1 stints are unaffected.
var CohortSize = 25

// linkOverlapping links the people of overlapping stints (closed intervals:
// a stint ending the day another starts overlaps it) by a sweep in order of
// start: each stint is linked with the CohortSize latest-starting of the
// earlier stints still running when it starts. The cost is O(s log s) plus
// the links made, at most CohortSize per stint.
func linkOverlapping(b *netsci.Builder, stints []model.MemberStint) {
	sorted := slices.Clone(stints)
	slices.SortFunc(sorted, func(x, y model.MemberStint) int {
		return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(x.Person, y.Person), cmp.Compare(x.End, y.End))
	})
	var running []model.MemberStint // in order of start
	for _, st := range sorted {
		running = slices.DeleteFunc(running, func(r model.MemberStint) bool { return r.End < st.Start })
		for _, r := range running[max(0, len(running)-CohortSize):] {
			b.AddEdge(int(r.Person), int(st.Person))
		}
		running = append(running, st)
	}
}

// Percentiles gives each value its mid-rank percentile in [0, 1]: the
// share of values below it plus half the share equal to it, so that ties
// share one percentile and the scale does not depend on the network's size.
func Percentiles(values []float64) []float64 {
	n := len(values)
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	out := make([]float64, n)
	for i, v := range values {
		below, _ := slices.BinarySearch(sorted, v)
		upTo, _ := slices.BinarySearch(sorted, math.Nextafter(v, math.Inf(1)))
		out[i] = (float64(below) + 0.5*float64(upTo-below)) / float64(n)
	}
	return out
}

func finite(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}
