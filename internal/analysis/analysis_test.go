package analysis_test

import (
	"context"
	"math"
	"testing"

	"github.com/tulkki/tulkki/internal/analysis"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/storetest"
)

func TestPercentiles(t *testing.T) {
	got := analysis.Percentiles([]float64{0, 0, 1, 2})
	want := []float64{0.25, 0.25, 0.625, 0.875}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Fatalf("percentiles %v, want %v", got, want)
		}
	}
}

// TestAnalyzeStoresKnownMeasures builds an isolated path p1 – p2 – p3 (p2
// shares one organisation with p1 and another with p3, each person in a
// different main sector), runs the analysis over the whole database and
// checks p2's measures, which do not depend on the rest of the graph
// except through betweenness normalisation.
func TestAnalyzeStoresKnownMeasures(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	org := func(sector model.Sector) string {
		o, err := st.CreateOrganisation(ctx, model.Organisation{Name: storetest.ID("Analyysi"), Kind: model.KindOther, Sector: sector}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return o.ID
	}
	person := func() string {
		p, err := st.CreatePerson(ctx, model.Person{Name: storetest.ID("Analyysi"), Visibility: model.VisibilityPublic}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	stint := func(personID, orgID string, years int) {
		end := model.Date{Year: 2000 + years, Month: 1, Day: 1}
		if _, err := st.AddExperience(ctx, model.Experience{PersonID: personID, OrganisationID: orgID,
			Kind: model.ExperienceEmployment, StartDate: model.Date{Year: 2000, Month: 1, Day: 1}, EndDate: &end}); err != nil {
			t.Fatal(err)
		}
	}
	public, third, private := org(model.SectorPublic), org(model.SectorThird), org(model.SectorPrivate)
	p1, p2, p3 := person(), person(), person()
	stint(p1, public, 5)
	stint(p2, public, 1) // p2's main sector is THIRD (more years there)
	stint(p2, third, 8)
	stint(p3, third, 1)
	stint(p3, private, 6)

	rep, err := analysis.Run(ctx, st, analysis.Options{Samples: -1})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Samples != 0 || rep.People < 3 || rep.Edges < 2 {
		t.Fatalf("report %+v", rep)
	}
	profiles, err := st.CandidateProfiles(ctx, []string{p1, p2, p3})
	if err != nil {
		t.Fatal(err)
	}
	m2 := profiles[p2].Network
	if m2 == nil || profiles[p1].Network == nil || profiles[p3].Network == nil {
		t.Fatal("measures were not stored")
	}
	// Betweenness: p2 lies on the one shortest path p1–p3; normalised by
	// the number of pairs of the whole network, (n−1)(n−2)/2.
	n := float64(rep.People)
	if want := 1 / ((n - 1) * (n - 2) / 2); math.Abs(m2.Betweenness-want) > 1e-12 {
		t.Errorf("betweenness of p2 = %v, want %v", m2.Betweenness, want)
	}
	if profiles[p1].Network.Betweenness != 0 || profiles[p1].Network.CrossSectorBetweenness != 0 {
		t.Errorf("an end of the path has betweenness %+v", profiles[p1].Network)
	}
	if m2.CrossSectorBetweenness <= 0 || m2.CrossSectorPercentile <= profiles[p1].Network.CrossSectorPercentile {
		t.Errorf("p2 bridges PUBLIC and PRIVATE: cross-sector %v, percentile %v (p1's %v)",
			m2.CrossSectorBetweenness, m2.CrossSectorPercentile, profiles[p1].Network.CrossSectorPercentile)
	}
	// Burt: two contacts who do not know each other: constraint 2 × (1/2)² = 0.5, effective size 2.
	if m2.Constraint == nil || math.Abs(*m2.Constraint-0.5) > 1e-12 || m2.EffectiveSize == nil || math.Abs(*m2.EffectiveSize-2) > 1e-12 {
		t.Errorf("constraint %v, effective size %v", m2.Constraint, m2.EffectiveSize)
	}
	// Gould & Fernandez: PUBLIC – THIRD – PRIVATE is one liaison.
	if m2.Brokerage != (model.BrokerageRoles{Liaison: 1}) {
		t.Errorf("brokerage %+v, want one liaison", m2.Brokerage)
	}
	if m2.Sampled || m2.ComputedAt.IsZero() {
		t.Errorf("sampled %v, computed at %v", m2.Sampled, m2.ComputedAt)
	}
}

// TestBuildLinksOnlyOverlappingStints: colleagues are people whose stints
// at an organisation overlap (docs/scoring.md §8); contributors to one
// collaboration are all linked.
func TestBuildLinksOnlyOverlappingStints(t *testing.T) {
	cm := &model.CoMembership{
		PersonIDs:  []string{"a", "b", "c", "d", "e", "f"},
		MainSector: []model.Sector{model.SectorPublic, model.SectorPublic, model.SectorThird, "", model.SectorPrivate, model.SectorAcademia},
		Organisations: [][]model.MemberStint{{
			{Person: 0, Start: 0, End: 10},  // a
			{Person: 1, Start: 5, End: 20},  // b: overlaps a
			{Person: 2, Start: 20, End: 30}, // c: starts the day b ends: overlaps b, not a
			{Person: 3, Start: 31, End: 40}, // d: after everyone
			{Person: 0, Start: 35, End: 36}, // a again, overlapping d
		}},
		Collaborations: [][]int32{{2, 4, 5}},
	}
	g, err := analysis.Build(cm)
	if err != nil {
		t.Fatal(err)
	}
	want := map[[2]int]bool{{0, 1}: true, {1, 2}: true, {0, 3}: true, {2, 4}: true, {2, 5}: true, {4, 5}: true}
	for u := range 6 {
		for v := u + 1; v < 6; v++ {
			if got := g.HasEdge(u, v); got != want[[2]int{u, v}] {
				t.Errorf("edge %s–%s: %v, want %v", cm.PersonIDs[u], cm.PersonIDs[v], got, want[[2]int{u, v}])
			}
		}
	}
	if g.NumEdges() != len(want) {
		t.Errorf("%d edges, want %d", g.NumEdges(), len(want))
	}
	if g.Group(3) != -1 || g.Group(2) == g.Group(0) {
		t.Errorf("groups: d %d (want unknown), c %d vs a %d", g.Group(3), g.Group(2), g.Group(0))
	}
}

// TestBuildLinksACohortInLargeOrganisations: of the stints running when a
// stint starts, it is linked with the CohortSize that started last.
func TestBuildLinksACohortInLargeOrganisations(t *testing.T) {
	defer func(k int) { analysis.CohortSize = k }(analysis.CohortSize)
	analysis.CohortSize = 2
	cm := &model.CoMembership{
		PersonIDs:  []string{"a", "b", "c", "d"},
		MainSector: make([]model.Sector, 4),
		Organisations: [][]model.MemberStint{{
			{Person: 3, Start: 3, End: 10},
			{Person: 0, Start: 0, End: 10},
			{Person: 2, Start: 2, End: 10},
			{Person: 1, Start: 1, End: 10},
		}},
	}
	g, err := analysis.Build(cm)
	if err != nil {
		t.Fatal(err)
	}
	// d (start 3) is linked with c and b, the two latest before it, not a.
	want := map[[2]int]bool{{0, 1}: true, {0, 2}: true, {1, 2}: true, {1, 3}: true, {2, 3}: true}
	for u := range 4 {
		for v := u + 1; v < 4; v++ {
			if got := g.HasEdge(u, v); got != want[[2]int{u, v}] {
				t.Errorf("edge %s–%s: %v, want %v", cm.PersonIDs[u], cm.PersonIDs[v], got, want[[2]int{u, v}])
			}
		}
	}
}
