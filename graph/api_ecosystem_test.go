package graph_test

import (
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/storetest"
)

// ecosystemWorld is a region of its own: four organisations, three
// collaborations and three people, so that the aggregates filtered to it
// are exactly known.
type ecosystemWorld struct {
	region                       string
	public, third1, third2, firm string
	launched, stalled, alone     string
	// private is a PRIVATE person open to bridging (PUBLIC–PRIVATE).
	private string
}

func newEcosystemWorld(a *api) ecosystemWorld {
	a.t.Helper()
	w := ecosystemWorld{region: storetest.ID("Saaristo")}
	w.public = a.newOrg(map[string]any{"kind": "MUNICIPALITY", "sector": "PUBLIC", "region": w.region})
	w.third1 = a.newOrg(map[string]any{"region": w.region})
	w.third2 = a.newOrg(map[string]any{"region": w.region})
	w.firm = a.newOrg(map[string]any{"kind": "COMPANY", "sector": "PRIVATE", "region": w.region})
	w.launched = a.newCollab(map[string]any{"phase": "LAUNCHED", "startDate": "2024-05-01", "form": "PARTNERSHIP_AGREEMENT",
		"partners": []any{map[string]any{"organisationId": w.public, "role": "LEAD"}, map[string]any{"organisationId": w.third1, "role": "PARTNER"}}})
	w.stalled = a.newCollab(map[string]any{"startDate": "2024-09-01",
		"partners": []any{map[string]any{"organisationId": w.third1, "role": "LEAD"}, map[string]any{"organisationId": w.third2, "role": "PARTNER"}}})
	backdate(a.t, w.stalled, 100)
	w.alone = a.newCollab(map[string]any{"phase": "GOALS_AGREED", "partners": lead(w.firm)})
	person := func(vis string, open bool, orgs ...string) string {
		p := a.newPerson(map[string]any{"visibility": vis, "openToBridging": open, "region": w.region})
		for i, o := range orgs {
			a.newExperience(p, o, []string{"2015-01-01", "2019-01-01"}[i], []string{"2018-12-31", ""}[i])
		}
		return p
	}
	person("PUBLIC", true, w.public, w.third1)            // PUBLIC–THIRD
	person("MEMBERS", true, w.firm, w.third2)             // PRIVATE–THIRD, seen by coordinators
	w.private = person("PRIVATE", true, w.public, w.firm) // PUBLIC–PRIVATE, seen by admins only
	person("PUBLIC", false, w.public, w.third1)           // not open to bridging
	return w
}

func TestEcosystemAggregates(t *testing.T) {
	a := newAPI(t)
	w := newEcosystemWorld(a)
	const q = `query($f:EcosystemFilter,$d:String){ ecosystem(filter:$f, stalledFor:$d){
		collaborations stalled evaluationsPending
		collaborationsByPhase { phase count } collaborationsByForm { form count }
		sectorMatrix { a b collaborations translators organisationsA organisationsB }
		crossSectorByYear { year collaborations crossSector } } }`
	var out struct {
		Ecosystem struct {
			Collaborations, Stalled, EvaluationsPending int
			CollaborationsByPhase                       []struct {
				Phase string
				Count int
			}
			CollaborationsByForm []struct {
				Form  string
				Count int
			}
			SectorMatrix []struct {
				A, B                                                        string
				Collaborations, Translators, OrganisationsA, OrganisationsB int
			}
			CrossSectorByYear []struct{ Year, Collaborations, CrossSector int }
		}
	}
	coord := a.as(coordinator())
	coord.ok(q, map[string]any{"f": map[string]any{"region": w.region}}, &out)
	e := out.Ecosystem
	if e.Collaborations != 3 || e.Stalled != 1 || e.EvaluationsPending != 1 {
		t.Errorf("collaborations %d, stalled %d, pending %d; want 3, 1, 1", e.Collaborations, e.Stalled, e.EvaluationsPending)
	}
	phases := map[string]int{}
	for _, p := range e.CollaborationsByPhase {
		phases[p.Phase] = p.Count
	}
	if len(e.CollaborationsByPhase) != 5 || e.CollaborationsByPhase[0].Phase != "NEED_IDENTIFIED" ||
		phases["NEED_IDENTIFIED"] != 1 || phases["GOALS_AGREED"] != 1 || phases["LAUNCHED"] != 1 || phases["EVALUATED"] != 0 {
		t.Errorf("by phase %+v", e.CollaborationsByPhase)
	}
	forms := map[string]int{}
	for _, f := range e.CollaborationsByForm {
		forms[f.Form] = f.Count
	}
	if len(e.CollaborationsByForm) != 5 || forms["PROJECT"] != 2 || forms["PARTNERSHIP_AGREEMENT"] != 1 {
		t.Errorf("by form %+v", e.CollaborationsByForm)
	}
	type cell struct{ collabs, translators, orgsA, orgsB int }
	want := map[string]cell{
		"PUBLIC|PUBLIC": {0, 1, 1, 1}, "PUBLIC|PRIVATE": {0, 0, 1, 1}, "PUBLIC|THIRD": {1, 1, 1, 2}, "PUBLIC|ACADEMIA": {0, 0, 1, 0},
		"PRIVATE|PRIVATE": {0, 1, 1, 1}, "PRIVATE|THIRD": {0, 1, 1, 2}, "PRIVATE|ACADEMIA": {0, 0, 1, 0},
		"THIRD|THIRD": {1, 2, 2, 2}, "THIRD|ACADEMIA": {0, 0, 2, 0}, "ACADEMIA|ACADEMIA": {0, 0, 0, 0},
	}
	if len(e.SectorMatrix) != 10 {
		t.Fatalf("%d matrix rows, want 10", len(e.SectorMatrix))
	}
	for _, r := range e.SectorMatrix {
		if got := (cell{r.Collaborations, r.Translators, r.OrganisationsA, r.OrganisationsB}); got != want[r.A+"|"+r.B] {
			t.Errorf("matrix %s–%s = %+v, want %+v", r.A, r.B, got, want[r.A+"|"+r.B])
		}
	}
	years := map[int][2]int{}
	for _, y := range e.CrossSectorByYear {
		years[y.Year] = [2]int{y.Collaborations, y.CrossSector}
	}
	if years[2024] != [2]int{2, 1} || years[time.Now().UTC().Year()] != [2]int{1, 0} {
		t.Errorf("cross-sector by year %+v", e.CrossSectorByYear)
	}

	// An administrator sees the PRIVATE person too; a longer stalledFor
	// finds nothing stalled.
	a.ok(q, map[string]any{"f": map[string]any{"region": w.region}, "d": "P1Y"}, &out)
	for _, r := range out.Ecosystem.SectorMatrix {
		if r.A == "PUBLIC" && r.B == "PRIVATE" && r.Translators != 1 {
			t.Errorf("admin: PUBLIC–PRIVATE translators %d, want 1", r.Translators)
		}
	}
	// A coordinator who is that PRIVATE person counts themselves.
	a.as(auth.Principal{Subject: w.private, Roles: []auth.Role{auth.RoleCoordinator}}).
		ok(q, map[string]any{"f": map[string]any{"region": w.region}}, &out)
	for _, r := range out.Ecosystem.SectorMatrix {
		if r.A == "PUBLIC" && r.B == "PRIVATE" && r.Translators != 1 {
			t.Errorf("the PRIVATE coordinator themselves: PUBLIC–PRIVATE translators %d, want 1", r.Translators)
		}
	}
	a.ok(q, map[string]any{"f": map[string]any{"region": w.region}, "d": "P1Y"}, &out)
	if out.Ecosystem.Stalled != 0 {
		t.Errorf("stalled for a year: %d, want 0", out.Ecosystem.Stalled)
	}
	// What a dashboard read before is not served after a change.
	coord.ok(q, map[string]any{"f": map[string]any{"region": w.region}}, &out)
	before := out.Ecosystem.Collaborations
	a.newCollab(map[string]any{"partners": lead(w.firm)})
	coord.ok(q, map[string]any{"f": map[string]any{"region": w.region}}, &out)
	if out.Ecosystem.Collaborations != before+1 {
		t.Errorf("after a new collaboration: %d collaborations, want %d", out.Ecosystem.Collaborations, before+1)
	}
	coord.fails(q, map[string]any{"d": "P0D"}, "BAD_USER_INPUT")
	coord.fails(q, map[string]any{"d": "three months"}, "BAD_USER_INPUT")
	a.as(auth.Principal{Subject: storetest.ID("fac"), Roles: []auth.Role{auth.RoleFacilitator}}).fails(q, nil, "FORBIDDEN")
	a.anonymous().fails(q, nil, "FORBIDDEN")
}

func TestEcosystemGraph(t *testing.T) {
	a := newAPI(t)
	w := newEcosystemWorld(a)
	const q = `query($f:EcosystemGraphFilter,$n:Int){ ecosystemGraph(filter:$f, maxNodes:$n){
		omitted nodes { organisation { id name } sector collaborations betweenness } edges { a b weight phase } } }`
	var out struct {
		EcosystemGraph struct {
			Omitted int
			Nodes   []struct {
				Organisation   struct{ ID, Name string }
				Sector         string
				Collaborations int
				Betweenness    float64
			}
			Edges []struct {
				A, B, Phase string
				Weight      int
			}
		}
	}
	coord := a.as(coordinator())
	coord.ok(q, map[string]any{"f": map[string]any{"region": w.region}}, &out)
	g := out.EcosystemGraph
	if len(g.Nodes) != 4 || g.Omitted != 0 || len(g.Edges) != 2 {
		t.Fatalf("graph %+v: want 4 nodes, 2 edges", g)
	}
	first := g.Nodes[0]
	if first.Organisation.ID != w.third1 || first.Collaborations != 2 || first.Sector != "THIRD" || first.Organisation.Name == "" {
		t.Errorf("first node %+v, want the THIRD organisation in two collaborations", first)
	}
	// third1 lies on the one shortest path between public and third2 of
	// the three pairs among its component and firm: 1/((4−1)(4−2)/2) = 1/3.
	if first.Betweenness < 0.333 || first.Betweenness > 0.334 {
		t.Errorf("betweenness of the broker %v, want 1/3", first.Betweenness)
	}
	phases := map[string]string{}
	for _, e := range g.Edges {
		if e.A > e.B || e.Weight != 1 {
			t.Errorf("edge %+v", e)
		}
		phases[e.A+e.B] = e.Phase
	}
	pair := func(x, y string) string {
		if x > y {
			x, y = y, x
		}
		return x + y
	}
	if phases[pair(w.public, w.third1)] != "LAUNCHED" || phases[pair(w.third1, w.third2)] != "NEED_IDENTIFIED" {
		t.Errorf("edge phases %v", phases)
	}
	coord.ok(q, map[string]any{"f": map[string]any{"region": w.region}, "n": 2}, &out)
	if g := out.EcosystemGraph; len(g.Nodes) != 2 || g.Omitted != 2 || g.Nodes[0].Organisation.ID != w.third1 || len(g.Edges) != 1 {
		t.Errorf("maxNodes 2: %+v", g)
	}
	coord.ok(q, map[string]any{"f": map[string]any{"region": w.region, "phase": "GOALS_AGREED"}}, &out)
	if g := out.EcosystemGraph; len(g.Nodes) != 1 || g.Nodes[0].Organisation.ID != w.firm || len(g.Edges) != 0 {
		t.Errorf("phase GOALS_AGREED: %+v", g)
	}
	coord.ok(q, map[string]any{"f": map[string]any{"region": w.region, "sector": "PUBLIC"}}, &out)
	if g := out.EcosystemGraph; len(g.Nodes) != 2 || len(g.Edges) != 1 {
		t.Errorf("sector PUBLIC: %+v, want the launched collaboration's two partners", g)
	}
	for _, n := range []int{0, 2001} {
		coord.fails(q, map[string]any{"n": n}, "BAD_USER_INPUT")
	}
	a.as(auth.Principal{Subject: storetest.ID("p"), Roles: []auth.Role{auth.RoleProfessional}}).fails(q, nil, "FORBIDDEN")
}
