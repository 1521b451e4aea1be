package pairing

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/internal/model"
)

func day(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// A chain a — b — c — d built over the years, plus e on its own:
//
//	2015 a+b (PUBLIC, THIRD)   2017 b+c (THIRD, PRIVATE)   2019 c+d (PRIVATE, ACADEMIA)
//	2021 a+d (the collaboration whose boldness we want)
func chain() *network {
	sector := map[string]model.Sector{"a": model.SectorPublic, "b": model.SectorThird, "c": model.SectorPrivate,
		"d": model.SectorAcademia, "e": model.SectorThird}
	collab := func(id, start string, orgs ...string) model.NetworkCollaboration {
		c := model.NetworkCollaboration{ID: id, Start: day(start)}
		for _, o := range orgs {
			c.Partners = append(c.Partners, model.NetworkPartner{ID: o, Sector: sector[o]})
		}
		return c
	}
	return newNetwork([]model.NetworkCollaboration{
		collab("ab", "2015-01-01", "a", "b"),
		collab("bc", "2017-01-01", "b", "c"),
		collab("cd", "2019-01-01", "c", "d"),
		collab("ad", "2021-01-01", "a", "d"),
		collab("solo", "2010-01-01", "e"),
	}, []model.NetworkOrganisation{
		{ID: "a", Sector: model.SectorPublic, TopicIDs: []string{"t1", "t2"}},
		{ID: "d", Sector: model.SectorAcademia, TopicIDs: []string{"t2", "t1"}},
	}, map[string]int{"t1": 3, "t2": 2}).withSectorCounts(4, map[[2]model.Sector]int{
		sectorCombo(model.SectorPublic, model.SectorThird): 1, sectorCombo(model.SectorThird, model.SectorPrivate): 1,
		sectorCombo(model.SectorPrivate, model.SectorAcademia): 1, sectorCombo(model.SectorPublic, model.SectorAcademia): 1,
	})
}

func TestNetworkDistancesAsOfADay(t *testing.T) {
	g := chain()
	for _, tc := range []struct {
		before *model.Date
		want   []int // from a to a, b, c, d, e
	}{
		{nil, []int{0, 1, 2, 1, Unreachable}},
		{ptr(day("2021-01-01")), []int{0, 1, 2, 3, Unreachable}},
		{ptr(day("2019-01-01")), []int{0, 1, 2, Unreachable, Unreachable}},
		{ptr(day("2015-01-01")), []int{0, Unreachable, Unreachable, Unreachable, Unreachable}},
	} {
		dist := g.distances(g.index["a"], tc.before)
		var got []int
		for _, id := range []string{"a", "b", "c", "d", "e"} {
			got = append(got, dist[g.index[id]])
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("before %v: distances from a to a…e = %v, want %v", tc.before, got, tc.want)
		}
	}
}

// TestNetworkDistanceFromBothEnds: the search from both ends finds the
// length of the full walk's shortest path for every pair, on networks of
// several shapes (sparse with many components, dense, a long chain), as
// of several days.
func TestNetworkDistanceFromBothEnds(t *testing.T) {
	sectors := model.AllSectors
	for _, tc := range []struct {
		name          string
		orgs, collabs int
		maxPartners   int
	}{
		{"sparse, many components", 60, 40, 2},
		{"dense", 40, 200, 4},
		{"mid", 120, 150, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(7, uint64(tc.orgs)))
			var collabs []model.NetworkCollaboration
			for i := range tc.collabs {
				c := model.NetworkCollaboration{ID: fmt.Sprint("c", i),
					Start: day(fmt.Sprintf("%d-%02d-01", 2000+rng.IntN(20), 1+rng.IntN(12)))}
				for range 2 + rng.IntN(tc.maxPartners-1) {
					o := rng.IntN(tc.orgs)
					c.Partners = append(c.Partners, model.NetworkPartner{ID: fmt.Sprint("o", o), Sector: sectors[o%len(sectors)]})
				}
				collabs = append(collabs, c)
			}
			g := newNetwork(collabs, nil, nil)
			for _, before := range []*model.Date{nil, ptr(day("2005-01-01")), ptr(day("2012-06-01")), ptr(day("2030-01-01"))} {
				for u := range g.orgs {
					want := g.distances(u, before)
					for v := range g.orgs {
						if got := g.distance(u, v, before); got != want[v] {
							t.Fatalf("before %v: distance(%s, %s) = %d, the full walk says %d", before, g.orgs[u].ID, g.orgs[v].ID, got, want[v])
						}
					}
				}
			}
		})
	}
}

func TestNetworkCountsAndShares(t *testing.T) {
	g := chain()
	a, b, c, d := g.index["a"], g.index["b"], g.index["c"], g.index["d"]
	if got := g.sharedPartners(a, c, nil); got != 2 {
		t.Errorf("a and c share %d partners, want 2 (b and d)", got)
	}
	if got := g.sharedPartners(a, c, ptr(day("2021-01-01"))); got != 1 {
		t.Errorf("a and c shared %d partners before 2021, want 1 (b)", got)
	}
	if got := g.sharedPartners(b, d, ptr(day("2019-01-01"))); got != 0 {
		t.Errorf("b and d shared %d partners before 2019, want 0", got)
	}
	// Four collaborations with two partners; one of them PUBLIC–THIRD.
	if got := g.sectorRarity(model.SectorThird, model.SectorPublic); !near(got, 0.75) {
		t.Errorf("PUBLIC–THIRD rarity %v, want 0.75", got)
	}
	if got := g.sectorRarity(model.SectorThird, model.SectorThird); !near(got, 1) {
		t.Errorf("THIRD–THIRD rarity %v, want 1", got)
	}
	// b's partners: a (PUBLIC), c (PRIVATE); d's: c (PRIVATE), a (PUBLIC):
	// f_b(ACADEMIA) = 0, f_d(THIRD) = 0 → 1.
	if got := g.partnerDissimilarity(b, d); !near(got, 1) {
		t.Errorf("dissimilarity(b, d) = %v, want 1", got)
	}
	// a's partners: b (THIRD), d (ACADEMIA): f_a(THIRD) = ½, f_b(PUBLIC) = ½ → ½.
	if got := g.partnerDissimilarity(a, b); !near(got, 0.5) {
		t.Errorf("dissimilarity(a, b) = %v, want 0.5", got)
	}
	if got := g.sharedTopics(a, d); len(got) != 2 || got[0] != "t1" || got[1] != "t2" {
		t.Errorf("shared topics of a and d = %v, want [t1 t2]", got)
	}
	if len(g.orgs) != 5 || g.index["a"] != 0 || g.index["d"] != 1 {
		t.Errorf("candidates first, then the other partners: %v", g.index)
	}
}

func TestBoldnessAgainstEarlierCollaborations(t *testing.T) {
	g := chain()
	// a+d in 2021: three steps apart through b and c, no partner in common, PUBLIC–ACADEMIA.
	b := g.boldness(model.NetworkCollaboration{ID: "ad", Start: day("2021-01-01"), Partners: []model.NetworkPartner{{ID: "d"}, {ID: "a"}}})
	want := 0.35 + 0.40*(2.0/3) + 0.25
	if !near(b.Score, want) {
		t.Fatalf("boldness of a+d = %v, want %v (%+v)", b.Score, want, b.Breakdown)
	}
	if len(b.Pairs) != 1 || b.Pairs[0].OrganisationIDs != [2]string{"a", "d"} || *b.Pairs[0].Distance != 3 || b.Pairs[0].SharedPartners != 0 {
		t.Errorf("pairs = %+v", b.Pairs[0])
	}
	// For a collaboration starting after a+d, a and d are earlier partners.
	later := g.boldness(model.NetworkCollaboration{Start: day("2021-01-02"), Partners: []model.NetworkPartner{{ID: "a"}, {ID: "d"}}})
	if !near(later.Score, 0.35) {
		t.Errorf("a+d again after 2021 = %v, want 0.35 (sectors only)", later.Score)
	}
	// The first collaboration of all: nobody was connected.
	first := g.boldness(model.NetworkCollaboration{ID: "ab", Start: day("2015-01-01"), Partners: []model.NetworkPartner{{ID: "a"}, {ID: "b"}}})
	if !near(first.Score, 1) || first.Pairs[0].Distance != nil {
		t.Errorf("first collaboration boldness %v distance %v, want 1 and nil", first.Score, first.Pairs[0].Distance)
	}
	if solo := g.boldness(model.NetworkCollaboration{Partners: []model.NetworkPartner{{ID: "e"}}}); solo.Score != 0 || len(solo.Pairs) != 0 {
		t.Errorf("one partner: %+v, want 0 and no pairs", solo)
	}
	if NoPartners().Score != 0 || NoPartners().Explanation.IsZero() {
		t.Errorf("NoPartners = %+v", NoPartners())
	}
}

func ptr[T any](v T) *T { return &v }

// Collaborations that start later never change a collaboration's boldness.
func TestBoldnessIgnoresLaterCollaborations(t *testing.T) {
	ad := model.NetworkCollaboration{ID: "ad", Start: day("2021-01-01"), Partners: []model.NetworkPartner{{ID: "a"}, {ID: "d"}}}
	before := chain().boldness(ad)
	later := []model.NetworkCollaboration{
		{ID: "ad2", Start: day("2021-01-01"), Partners: []model.NetworkPartner{{ID: "a", Sector: model.SectorPublic}, {ID: "d", Sector: model.SectorAcademia}}},
		{ID: "bd", Start: day("2023-01-01"), Partners: []model.NetworkPartner{{ID: "b", Sector: model.SectorThird}, {ID: "d", Sector: model.SectorAcademia}}},
	}
	g := chain()
	collabs := []model.NetworkCollaboration{}
	for _, c := range [][3]string{{"ab", "2015-01-01", "a b"}, {"bc", "2017-01-01", "b c"}, {"cd", "2019-01-01", "c d"}} {
		nc := model.NetworkCollaboration{ID: c[0], Start: day(c[1])}
		for _, id := range strings.Fields(c[2]) {
			nc.Partners = append(nc.Partners, model.NetworkPartner{ID: id, Sector: g.orgs[g.index[id]].Sector})
		}
		collabs = append(collabs, nc)
	}
	after := newNetwork(append(collabs, later...), nil, nil).boldness(ad)
	if !near(before.Score, after.Score) || *before.Pairs[0].Distance != *after.Pairs[0].Distance {
		t.Errorf("boldness of a+d %v (distance %d) became %v (distance %d) with later collaborations",
			before.Score, *before.Pairs[0].Distance, after.Score, *after.Pairs[0].Distance)
	}
}
