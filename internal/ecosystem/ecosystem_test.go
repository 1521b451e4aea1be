package ecosystem

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// fakeStore returns a fixed network and records what it was asked.
type fakeStore struct {
	net        *model.EcosystemGraph
	stalledFor []string
	scopes     []model.PersonScope
	calls      int
}

func (f *fakeStore) CurrentVersion(context.Context) (model.Version, error) { return "v1", nil }

func (f *fakeStore) EcosystemStats(_ context.Context, _ model.EcosystemFilter, stalledFor string, scope model.PersonScope, _ model.Version) (*model.Ecosystem, error) {
	f.calls++
	f.stalledFor = append(f.stalledFor, stalledFor)
	f.scopes = append(f.scopes, scope)
	return &model.Ecosystem{}, nil
}

func (f *fakeStore) EcosystemNetwork(context.Context, model.EcosystemGraphFilter) (*model.EcosystemGraph, error) {
	f.calls++
	return f.net, nil
}

var (
	coordinator = auth.Principal{Subject: "coord", Roles: []auth.Role{auth.RoleCoordinator}}
	admin       = auth.Principal{Subject: "admin", Roles: []auth.Role{auth.RoleAdmin}}
)

// star is a hub partnering with four spokes (one collaboration each) and
// a pair of its own on the side, in phases of their own.
func star() *model.EcosystemGraph {
	n := func(id string, s model.Sector, c int) *model.EcosystemNode {
		return &model.EcosystemNode{OrganisationID: id, Sector: s, Collaborations: c}
	}
	e := func(a, b string, w int) *model.EcosystemEdge {
		return &model.EcosystemEdge{A: a, B: b, Weight: w, Phase: model.PhaseLaunched}
	}
	return &model.EcosystemGraph{
		Nodes: []*model.EcosystemNode{n("s1", model.SectorThird, 1), n("hub", model.SectorPublic, 4), n("s2", model.SectorPrivate, 1),
			n("s3", model.SectorAcademia, 1), n("s4", model.SectorThird, 1), n("x", model.SectorThird, 1), n("y", model.SectorPublic, 1)},
		Edges: []*model.EcosystemEdge{e("hub", "s1", 1), e("hub", "s2", 1), e("hub", "s3", 1), e("hub", "s4", 1), e("x", "y", 1)},
	}
}

func TestGraphKeepsTheMostConnected(t *testing.T) {
	st := &fakeStore{net: star()}
	g, err := New(st).Graph(context.Background(), coordinator, model.EcosystemGraphFilter{}, 5)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, n := range g.Nodes {
		ids = append(ids, n.OrganisationID)
	}
	// The hub first (4 collaborations), then the spokes (1 each, 1 partner,
	// by id); x and y (1 each, 1 partner, later ids) are left out.
	if want := []string{"hub", "s1", "s2", "s3", "s4"}; !slices.Equal(ids, want) || g.Omitted != 2 {
		t.Fatalf("nodes %v, omitted %d; want %v and 2", ids, g.Omitted, want)
	}
	if len(g.Edges) != 4 {
		t.Fatalf("edges %v, want the hub's four (x–y has no kept end)", g.Edges)
	}
	// In a star of five, the hub lies on all 6 shortest paths between
	// spokes: normalised betweenness 1; the spokes 0.
	if math.Abs(g.Nodes[0].Betweenness-1) > 1e-9 || g.Nodes[1].Betweenness != 0 {
		t.Fatalf("betweenness hub %v, spoke %v; want 1 and 0", g.Nodes[0].Betweenness, g.Nodes[1].Betweenness)
	}
	all, err := New(&fakeStore{net: star()}).Graph(context.Background(), admin, model.EcosystemGraphFilter{}, 300)
	if err != nil || len(all.Nodes) != 7 || len(all.Edges) != 5 || all.Omitted != 0 {
		t.Fatalf("maxNodes 300: %+v, %v", all, err)
	}
}

func TestGraphOfNothing(t *testing.T) {
	g, err := New(&fakeStore{net: &model.EcosystemGraph{}}).Graph(context.Background(), coordinator, model.EcosystemGraphFilter{}, 1)
	if err != nil || g.Nodes == nil || g.Edges == nil || len(g.Nodes) != 0 {
		t.Fatalf("empty network: %+v, %v; want empty lists", g, err)
	}
}

func TestEcosystemRefuses(t *testing.T) {
	ctx := context.Background()
	for _, who := range []auth.Principal{{}, {Subject: "p", Roles: []auth.Role{auth.RoleProfessional}},
		{Subject: "f", Roles: []auth.Role{auth.RoleFacilitator}}, {Subject: "e", Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{"o"}}} {
		st := &fakeStore{net: star()}
		if _, err := New(st).Ecosystem(ctx, who, model.EcosystemFilter{}, ""); !errors.Is(err, errs.ErrForbidden) {
			t.Errorf("%v: ecosystem err %v, want FORBIDDEN", who.Roles, err)
		}
		if _, err := New(st).Graph(ctx, who, model.EcosystemGraphFilter{}, 10); !errors.Is(err, errs.ErrForbidden) {
			t.Errorf("%v: ecosystemGraph err %v, want FORBIDDEN", who.Roles, err)
		}
		if st.calls != 0 {
			t.Errorf("%v: the store was read", who.Roles)
		}
	}
	for name, max := range map[string]int{"zero": 0, "negative": -1, "too many": 2001} {
		st := &fakeStore{net: star()}
		if _, err := New(st).Graph(ctx, coordinator, model.EcosystemGraphFilter{}, max); !errors.Is(err, errs.ErrInvalidInput) || st.calls != 0 {
			t.Errorf("maxNodes %s: err %v, want BAD_USER_INPUT before any read", name, err)
		}
	}
	for name, f := range map[string]model.EcosystemGraphFilter{"sector": {Sector: "FIFTH"}, "phase": {Phase: "DREAMING"}} {
		if _, err := New(&fakeStore{}).Graph(ctx, coordinator, f, 10); !errors.Is(err, errs.ErrInvalidInput) {
			t.Errorf("unknown %s: err %v, want BAD_USER_INPUT", name, err)
		}
	}
	for _, d := range []string{"P0D", "soon", "-P1D"} {
		if _, err := New(&fakeStore{}).Ecosystem(ctx, coordinator, model.EcosystemFilter{}, d); !errors.Is(err, errs.ErrInvalidInput) {
			t.Errorf("stalledFor %q: err %v, want BAD_USER_INPUT", d, err)
		}
	}
}

func TestEcosystemDefaultsAndScope(t *testing.T) {
	st := &fakeStore{}
	if _, err := New(st).Ecosystem(context.Background(), coordinator, model.EcosystemFilter{Region: " Kainuu "}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := New(st).Ecosystem(context.Background(), admin, model.EcosystemFilter{}, "p6w"); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(st.stalledFor, []string{"P90D", "P6W"}) {
		t.Errorf("stalledFor %v, want the default P90D, then P6W", st.stalledFor)
	}
	// Translators are counted among the people the caller may see.
	if len(st.scopes[0].Visibilities) != 2 || len(st.scopes[1].Visibilities) != 3 {
		t.Errorf("scopes %+v: a coordinator counts PUBLIC and MEMBERS people, an admin all", st.scopes)
	}
}
