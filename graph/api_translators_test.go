package graph_test

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/storetest"
)

const translatorsQuery = `query($a:ID!,$b:ID!,$f:TranslatorFilter,$n:Int){ translators(between:[$a,$b], first:$n, filter:$f){
	score insider
	person { id name }
	breakdown { name weight value contribution }
	evidence { side kind strength summary organisation { id }
		path { nodes { id label name } relationships { type startId endId } } }
} }`

type translatorMatch struct {
	Score     float64
	Insider   bool
	Person    struct{ ID, Name string }
	Breakdown []struct {
		Name                        string
		Weight, Value, Contribution float64
	}
	Evidence []struct {
		Side, Kind, Summary string
		Strength            float64
		Organisation        *struct{ ID string }
		Path                struct {
			Nodes         []struct{ ID, Label, Name string }
			Relationships []struct{ Type, StartID, EndID string }
		}
	}
}

// bridgeWorld is a small hand-built graph where the right ranking is
// obvious: each person differs from the next in one thing.
type bridgeWorld struct {
	region, a, b                                    string
	otherPublic, otherThird                         string
	both, collab, oneSide, sectorOnly, closed, priv string
}

func buildBridgeWorld(t *testing.T, a *api) bridgeWorld {
	t.Helper()
	w := bridgeWorld{region: storetest.ID("bridge-region")}
	org := func(kind, sector string) string {
		return a.newOrg(map[string]any{"name": storetest.ID("Org " + sector), "kind": kind, "sector": sector})
	}
	w.a = org("MUNICIPALITY", "PUBLIC")
	w.b = org("ASSOCIATION", "THIRD")
	otherPublic, otherThird := org("MUNICIPALITY", "PUBLIC"), org("ASSOCIATION", "THIRD")
	w.otherPublic, w.otherThird = otherPublic, otherThird
	person := func(name string, extra map[string]any) string {
		in := map[string]any{"name": name + " " + storetest.ID("p"), "region": w.region, "openToBridging": true,
			"visibility": "PUBLIC", "languages": []string{"fi"}}
		for k, v := range extra {
			in[k] = v
		}
		return a.newPerson(in)
	}
	// Everyone has six years in the public sector and seven in the third;
	// they differ in where.
	w.both = person("Both", map[string]any{"languages": []string{"fi", "sv"}})
	a.newExperience(w.both, w.a, "2016-01-01", "2022-01-01")
	a.newExperience(w.both, w.b, "2018-01-01", "2025-01-01")

	w.collab = person("Collab", nil)
	a.newExperience(w.collab, otherPublic, "2016-01-01", "2022-01-01")
	a.newExperience(w.collab, w.b, "2018-01-01", "2025-01-01")
	a.newCollab(map[string]any{"partners": lead(w.a), "startDate": "2019-01-01", "endDate": "2022-01-01",
		"contributors": []any{map[string]any{"personId": w.collab, "role": "LEAD"}}})

	w.oneSide = person("OneSide", nil)
	a.newExperience(w.oneSide, w.a, "2016-01-01", "2022-01-01")
	a.newExperience(w.oneSide, otherThird, "2018-01-01", "2025-01-01")

	w.sectorOnly = person("SectorOnly", nil)
	a.newExperience(w.sectorOnly, otherPublic, "2016-01-01", "2022-01-01")
	a.newExperience(w.sectorOnly, otherThird, "2018-01-01", "2025-01-01")

	// Closed is at A and B now, but joined after everyone else left, so
	// that they are nobody's co-worker.
	w.closed = person("Closed", map[string]any{"openToBridging": false})
	a.newExperience(w.closed, w.a, "2025-06-01", "")
	a.newExperience(w.closed, w.b, "2025-06-01", "")

	w.priv = person("Private", map[string]any{"visibility": "PRIVATE"})
	a.newExperience(w.priv, w.a, "2017-01-01", "2022-01-01")
	a.newExperience(w.priv, w.b, "2018-01-01", "2025-01-01")
	return w
}

func (a *api) translators(w bridgeWorld, filter map[string]any, first int) []translatorMatch {
	a.t.Helper()
	f := map[string]any{"region": w.region}
	for k, v := range filter {
		f[k] = v
	}
	var out struct{ Translators []translatorMatch }
	a.ok(translatorsQuery, map[string]any{"a": w.a, "b": w.b, "f": f, "n": first}, &out)
	return out.Translators
}

func ids(ms []translatorMatch) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Person.ID
	}
	return out
}

func TestTranslatorsRankTheObviousOrder(t *testing.T) {
	a := newAPI(t)
	w := buildBridgeWorld(t, a)
	got := a.anonymous().translators(w, nil, 10)
	want := []string{w.both, w.collab, w.oneSide, w.sectorOnly}
	if !slices.Equal(ids(got), want) {
		names := make([]string, len(got))
		for i, m := range got {
			names[i] = m.Person.Name
		}
		t.Fatalf("order %v, want Both, Collab, OneSide, SectorOnly", names)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Score >= got[i-1].Score {
			t.Errorf("scores not strictly decreasing: %v then %v", got[i-1].Score, got[i].Score)
		}
	}
	// The same query again gives the same answer.
	if again := a.anonymous().translators(w, nil, 10); !slices.Equal(ids(again), want) {
		t.Errorf("second run gave %v", ids(again))
	}
}

func TestTranslatorScoresExplainThemselves(t *testing.T) {
	a := newAPI(t)
	w := buildBridgeWorld(t, a)
	ctx := context.Background()
	matches := a.translators(w, nil, 10)
	if len(matches) == 0 {
		t.Fatal("no matches")
	}
	for _, m := range matches {
		var sum float64
		for _, c := range m.Breakdown {
			if math.Abs(c.Contribution-c.Weight*c.Value) > 1e-9 {
				t.Errorf("%s: %s contribution %v ≠ %v × %v", m.Person.Name, c.Name, c.Contribution, c.Weight, c.Value)
			}
			sum += c.Contribution
		}
		if math.Abs(sum-m.Score) > 1e-9 {
			t.Errorf("%s: breakdown adds up to %v, score %v", m.Person.Name, sum, m.Score)
		}
		if len(m.Evidence) == 0 {
			t.Errorf("%s: no evidence", m.Person.Name)
		}
		for _, e := range m.Evidence {
			path := model.GraphPath{}
			for _, n := range e.Path.Nodes {
				path.Nodes = append(path.Nodes, model.PathNode{ID: n.ID, Label: n.Label})
			}
			for _, r := range e.Path.Relationships {
				path.Relationships = append(path.Relationships, model.PathRelationship{Type: r.Type, StartID: r.StartID, EndID: r.EndID})
			}
			ok, err := a.st.PathExists(ctx, path)
			if err != nil || !ok {
				t.Errorf("%s: evidence %q is not a path in the graph (%v): %+v", m.Person.Name, e.Summary, err, e.Path)
			}
			if e.Path.Nodes[0].ID != m.Person.ID {
				t.Errorf("%s: evidence does not start at the person", m.Person.Name)
			}
			if e.Kind != "SECTOR" && (e.Organisation == nil || (e.Side == "A") != (e.Organisation.ID == w.a)) {
				t.Errorf("%s: evidence on side %s names organisation %+v", m.Person.Name, e.Side, e.Organisation)
			}
		}
	}
	// Each kind of tie shows up where it should.
	kinds := func(id, side string) []string {
		for _, m := range matches {
			if m.Person.ID == id {
				var k []string
				for _, e := range m.Evidence {
					if e.Side == side {
						k = append(k, e.Kind)
					}
				}
				return k
			}
		}
		return nil
	}
	for _, c := range []struct {
		who, side, kind string
	}{
		{w.both, "A", "STINT"}, {w.both, "B", "STINT"}, {w.collab, "A", "COLLABORATION"},
		{w.oneSide, "B", "SECTOR"}, {w.sectorOnly, "A", "SECTOR"}, {w.sectorOnly, "B", "SECTOR"},
	} {
		if !slices.Contains(kinds(c.who, c.side), c.kind) {
			t.Errorf("expected %s evidence on side %s, got %v", c.kind, c.side, kinds(c.who, c.side))
		}
	}
}

func TestTranslatorsCoworkerTie(t *testing.T) {
	a := newAPI(t)
	w := buildBridgeWorld(t, a)
	small := a.newOrg(map[string]any{"name": storetest.ID("Pieni Oy"), "kind": "COMPANY", "sector": "PRIVATE"})
	colleague := a.newPerson(map[string]any{"name": storetest.ID("Colleague"), "visibility": "PUBLIC"})
	a.newExperience(colleague, small, "2012-01-01", "2015-01-01")
	a.newExperience(colleague, w.b, "2016-01-01", "")
	p := a.newPerson(map[string]any{"name": storetest.ID("Coworker"), "region": w.region, "openToBridging": true, "visibility": "PUBLIC"})
	a.newExperience(p, small, "2013-01-01", "2014-06-01")
	a.newExperience(p, w.a, "2015-01-01", "2024-01-01")
	for _, m := range a.translators(w, nil, 10) {
		if m.Person.ID != p {
			continue
		}
		for _, e := range m.Evidence {
			if e.Kind == "COWORKER" && e.Side == "B" {
				if len(e.Path.Nodes) != 7 || e.Path.Nodes[4].ID != colleague || !strings.Contains(e.Summary, "worked alongside") {
					t.Errorf("co-worker evidence %+v", e)
				}
				return
			}
		}
		t.Fatalf("no co-worker evidence on side B: %+v", m.Evidence)
	}
	t.Fatal("the co-worker is not among the matches")
}

func TestTranslatorsRespectConsentAndPrivacy(t *testing.T) {
	a := newAPI(t)
	w := buildBridgeWorld(t, a)
	for _, c := range []struct {
		name       string
		as         *api
		wantPriv   bool
		wantClosed bool
	}{
		{"anonymous", a.anonymous(), false, false},
		{"other professional", a.as(auth.Principal{Subject: storetest.ID("someone"), Roles: []auth.Role{auth.RoleProfessional}}), false, false},
		{"self", a.as(auth.Principal{Subject: w.priv, Roles: []auth.Role{auth.RoleProfessional}}), true, false},
		{"admin", a, true, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := ids(c.as.with(t).translators(w, nil, 20))
			if slices.Contains(got, w.priv) != c.wantPriv {
				t.Errorf("private person listed: %v, want %v", slices.Contains(got, w.priv), c.wantPriv)
			}
			if slices.Contains(got, w.closed) {
				t.Error("a person not open to bridging is listed")
			}
			sectors := c.as.with(t)
			var out struct{ TranslatorsBetweenSectors []translatorMatch }
			sectors.ok(`query($f:TranslatorFilter){ translatorsBetweenSectors(sectors:[PUBLIC, THIRD], first:50, filter:$f){ person { id } score } }`,
				map[string]any{"f": map[string]any{"region": w.region}}, &out)
			got = ids(out.TranslatorsBetweenSectors)
			if slices.Contains(got, w.closed) || slices.Contains(got, w.priv) != c.wantPriv {
				t.Errorf("between sectors: %v", got)
			}
		})
	}
}

func TestTranslatorFilters(t *testing.T) {
	a := newAPI(t)
	w := buildBridgeWorld(t, a)
	all := a.anonymous().translators(w, nil, 10)
	if got := ids(a.anonymous().translators(w, map[string]any{"language": "SV"}, 10)); !slices.Equal(got, []string{w.both}) {
		t.Errorf("language sv: %v, want only Both", got)
	}
	// Scores are fixed for the day, so the second match's own score admits it.
	if got := a.anonymous().translators(w, map[string]any{"minScore": all[1].Score}, 10); !slices.Equal(ids(got), ids(all[:2])) {
		t.Errorf("minScore: %v, want the first two", ids(got))
	}
	if got := a.anonymous().translators(w, nil, 2); !slices.Equal(ids(got), ids(all[:2])) {
		t.Errorf("first 2: %v", ids(got))
	}
	insider := a.newPerson(map[string]any{"name": storetest.ID("Insider"), "region": w.region, "openToBridging": true, "visibility": "PUBLIC"})
	a.newExperience(insider, w.a, "2012-01-01", "")
	a.newExperience(insider, w.b, "2014-01-01", "2020-01-01")
	with := a.anonymous().translators(w, nil, 10)
	i := slices.Index(ids(with), insider)
	if i < 0 || !with[i].Insider {
		t.Fatalf("the insider is missing or not flagged: %v", ids(with))
	}
	if slices.Contains(ids(a.anonymous().translators(w, map[string]any{"excludeInsiders": true}, 10)), insider) {
		t.Error("excludeInsiders still lists the insider")
	}
}

// TestTranslatorsSeeEveryWrite: the sector-only candidates of a sector pair
// are read again only when the database has committed something since
// (store.SectorCandidateScores), so a write between two identical queries
// must show in the second.
func TestTranslatorsSeeEveryWrite(t *testing.T) {
	a := newAPI(t)
	w := buildBridgeWorld(t, a)
	if got := ids(a.anonymous().translators(w, nil, 10)); !slices.Contains(got, w.sectorOnly) {
		t.Fatalf("SectorOnly missing before the writes: %v", got)
	}
	betweenSectors := func() []string {
		var out struct{ TranslatorsBetweenSectors []translatorMatch }
		a.anonymous().ok(`query($f:TranslatorFilter){ translatorsBetweenSectors(sectors:[PUBLIC, THIRD], first:50, filter:$f){ person { id } } }`,
			map[string]any{"f": map[string]any{"region": w.region}}, &out)
		return ids(out.TranslatorsBetweenSectors)
	}
	if got := betweenSectors(); !slices.Contains(got, w.sectorOnly) {
		t.Fatalf("between sectors, SectorOnly missing before the writes: %v", got)
	}
	a.ok(`mutation($id:ID!){ updatePerson(id:$id, input:{openToBridging:false}){ id } }`, map[string]any{"id": w.sectorOnly}, nil)
	if got := ids(a.anonymous().translators(w, nil, 10)); slices.Contains(got, w.sectorOnly) {
		t.Errorf("SectorOnly closed to bridging but still listed: %v", got)
	}
	if got := betweenSectors(); slices.Contains(got, w.sectorOnly) {
		t.Errorf("between sectors, SectorOnly closed to bridging but still listed: %v", got)
	}
	newcomer := a.newPerson(map[string]any{"name": storetest.ID("Newcomer"), "region": w.region, "openToBridging": true, "visibility": "PUBLIC"})
	a.newExperience(newcomer, w.otherPublic, "2010-01-01", "2020-01-01")
	a.newExperience(newcomer, w.otherThird, "2012-01-01", "")
	if got := ids(a.anonymous().translators(w, nil, 10)); !slices.Contains(got, newcomer) {
		t.Errorf("a new person with experience in both sectors is not listed: %v", got)
	}
	if got := betweenSectors(); !slices.Contains(got, newcomer) {
		t.Errorf("between sectors, the new person is not listed: %v", got)
	}
}

func TestTranslatorBadInput(t *testing.T) {
	a := newAPI(t)
	org := a.newOrg(nil)
	other := a.newOrg(nil)
	q := `query($ids:[ID!]!,$n:Int,$f:TranslatorFilter){ translators(between:$ids, first:$n, filter:$f){ score } }`
	for _, c := range []struct {
		name string
		vars map[string]any
		code string
	}{
		{"one organisation", map[string]any{"ids": []string{org}}, "BAD_USER_INPUT"},
		{"three organisations", map[string]any{"ids": []string{org, other, storetest.ID("x")}}, "BAD_USER_INPUT"},
		{"the same twice", map[string]any{"ids": []string{org, org}}, "BAD_USER_INPUT"},
		{"unknown organisation", map[string]any{"ids": []string{org, storetest.ID("nope")}}, "NOT_FOUND"},
		{"first 0", map[string]any{"ids": []string{org, other}, "n": 0}, "BAD_USER_INPUT"},
		{"first 51", map[string]any{"ids": []string{org, other}, "n": 51}, "BAD_USER_INPUT"},
		{"minScore above 1", map[string]any{"ids": []string{org, other}, "f": map[string]any{"minScore": 1.5}}, "BAD_USER_INPUT"},
		{"bad language", map[string]any{"ids": []string{org, other}, "f": map[string]any{"language": "finnish"}}, "BAD_USER_INPUT"},
	} {
		t.Run(c.name, func(t *testing.T) { a.with(t).fails(q, c.vars, c.code) })
	}
	a.fails(`{ translatorsBetweenSectors(sectors:[PUBLIC]){ score } }`, nil, "BAD_USER_INPUT")
}

func TestBridgingProfile(t *testing.T) {
	a := newAPI(t)
	w := buildBridgeWorld(t, a)
	var out struct {
		Person struct {
			Bridging struct {
				Sectors []struct {
					Sector string
					Years  float64
				}
				SectorCount int
				BlauIndex   float64
				Connects    []struct{ ID string }
			}
		}
	}
	a.ok(`query($id:ID!){ person(id:$id){ bridging { sectors { sector years } sectorCount blauIndex connects { id }
		network { betweenness crossSectorPercentile brokerage { liaison } } } } }`, map[string]any{"id": w.both}, &out)
	b := out.Person.Bridging
	// Six years in the public sector (A, 2016–2022), seven in the third (B, 2018–2025).
	if b.SectorCount != 2 || len(b.Sectors) != 2 || b.Sectors[0].Sector != "THIRD" || b.Sectors[1].Sector != "PUBLIC" ||
		math.Abs(b.Sectors[0].Years-7) > 0.05 || math.Abs(b.Sectors[1].Years-6) > 0.05 {
		t.Errorf("sectors %+v", b.Sectors)
	}
	if want := 1 - (7.0/13)*(7.0/13) - (6.0/13)*(6.0/13); math.Abs(b.BlauIndex-want) > 0.01 {
		t.Errorf("Blau index %v, want ≈ %v", b.BlauIndex, want)
	}
	if len(b.Connects) != 2 || b.Connects[0].ID != w.b || b.Connects[1].ID != w.a {
		t.Errorf("connects %+v, want B (ended 2025) then A (ended 2022)", b.Connects)
	}
	// Someone without any experience has an empty profile, not an error.
	nobody := a.newPerson(nil)
	a.ok(`query($id:ID!){ person(id:$id){ bridging { sectorCount blauIndex connects { id } } } }`, map[string]any{"id": nobody}, &out)
	if out.Person.Bridging.SectorCount != 0 || len(out.Person.Bridging.Connects) != 0 {
		t.Errorf("empty profile %+v", out.Person.Bridging)
	}
}
