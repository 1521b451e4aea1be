package graph_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/storetest"
)

const pairingsQuery = `query($for:ID,$topic:ID,$sectors:[Sector!],$same:Boolean,$n:Int){
  unusualPairings(for:$for, topic:$topic, sectors:$sectors, includeSameSector:$same, first:$n){
	organisations { id sector }
	score distance sharedPartners sectorCombinationRarity explanation
	breakdown { name weight value contribution }
	surpriseBreakdown { name weight value contribution }
	sharedTopics { id name }
	translators { score person { id name } evidence { side kind } }
} }`

type component struct {
	Name                        string
	Weight, Value, Contribution float64
}

type suggestion struct {
	Organisations           []struct{ ID, Sector string }
	Score                   float64
	Distance                *int
	SharedPartners          int
	SectorCombinationRarity float64
	Explanation             string
	Breakdown               []component
	SurpriseBreakdown       []component
	SharedTopics            []struct{ ID, Name string }
	Translators             []struct {
		Score    float64
		Person   struct{ ID, Name string }
		Evidence []struct{ Side, Kind string }
	}
}

// pairingWorld: organisation x (PUBLIC) and candidates around it, each
// differing from the best one (y1) in one thing that the rules decide.
//
//	y1 THIRD    topics t1 t2  unreachable       translator p1 (stints at x and y1)
//	y5 THIRD    topic  t1     2 steps via z     translator p5 (same shape as p1)
//	y2 PRIVATE  topic  t1     collaborated with x (translator p2)
//	y3 PUBLIC   topic  t1     same sector as x  (translator p3)
//	y4 ACADEMIA topic  t1     nobody open to bridging knows both (p4 is not open)
//	y6 ACADEMIA topic  t1     translator p6 visible to members only
//	z  PRIVATE  no topic      partner of x and of y5
type pairingWorld struct {
	t1, t2                       string
	x, y1, y2, y3, y4, y5, y6, z string
	p1, p2, p3, p4, p5, p6       string
	t1Orgs                       int
}

func buildPairingWorld(t *testing.T, a *api) pairingWorld {
	t.Helper()
	var w pairingWorld
	w.t1, _ = a.newTopic("yksinäisyys")
	w.t2, _ = a.newTopic("vertaistuki")
	org := func(sector string, topics ...string) string {
		return a.newOrg(map[string]any{"name": storetest.ID("Org " + sector), "sector": sector, "kind": map[string]string{
			"PUBLIC": "MUNICIPALITY", "THIRD": "ASSOCIATION", "PRIVATE": "COMPANY", "ACADEMIA": "UNIVERSITY"}[sector],
			"topicIds": topics})
	}
	w.x = org("PUBLIC", w.t1, w.t2)
	w.y1 = org("THIRD", w.t1, w.t2)
	w.y2 = org("PRIVATE", w.t1)
	w.y3 = org("PUBLIC", w.t1)
	w.y4 = org("ACADEMIA", w.t1)
	w.y5 = org("THIRD", w.t1)
	w.y6 = org("ACADEMIA", w.t1)
	w.z = org("PRIVATE")
	w.t1Orgs = 7
	person := func(vis string, open bool) string {
		return a.newPerson(map[string]any{"name": storetest.ID("Tulkki"), "visibility": vis, "openToBridging": open})
	}
	// Every translator: six years at x long ago, then seven at the other
	// side, ended: with nobody at any of them now, nobody has a co-worker
	// tie (docs/scoring.md §1) to another's organisation, and each pair
	// has the one translator the table above names.
	translator := func(p, other string) {
		a.newExperience(p, w.x, "2012-01-01", "2018-01-01")
		a.newExperience(p, other, "2018-01-01", "2025-01-01")
	}
	w.p1, w.p2, w.p3, w.p4 = person("PUBLIC", true), person("PUBLIC", true), person("PUBLIC", true), person("PUBLIC", false)
	w.p5, w.p6 = person("PUBLIC", true), person("MEMBERS", true)
	translator(w.p1, w.y1)
	translator(w.p2, w.y2)
	translator(w.p3, w.y3)
	translator(w.p4, w.y4)
	translator(w.p5, w.y5)
	translator(w.p6, w.y6)
	partners := func(orgs ...string) []any {
		out := []any{map[string]any{"organisationId": orgs[0], "role": "LEAD"}}
		for _, o := range orgs[1:] {
			out = append(out, map[string]any{"organisationId": o, "role": "PARTNER"})
		}
		return out
	}
	a.newCollab(map[string]any{"partners": partners(w.x, w.y2), "startDate": "2020-01-01"})
	a.newCollab(map[string]any{"partners": partners(w.x, w.z), "startDate": "2020-01-01"})
	a.newCollab(map[string]any{"partners": partners(w.y5, w.z), "startDate": "2021-01-01"})
	return w
}

func (a *api) pairings(vars map[string]any) []suggestion {
	a.t.Helper()
	var out struct{ UnusualPairings []suggestion }
	a.ok(pairingsQuery, vars, &out)
	return out.UnusualPairings
}

func partnersOf(ps []suggestion) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Organisations[1].ID)
	}
	return out
}

func TestPairingsForAnOrganisation(t *testing.T) {
	a := newAPI(t)
	w := buildPairingWorld(t, a)
	got := a.pairings(map[string]any{"for": w.x, "n": 50})

	// Known answer: y1, y5 and y6 (visible to the admin); y2 collaborated,
	// y3 is the same sector, y4 has no translator.
	ids := partnersOf(got)
	slices.Sort(ids)
	want := []string{w.y1, w.y5, w.y6}
	slices.Sort(want)
	if !slices.Equal(ids, want) {
		t.Fatalf("suggested partners %v, want %v", ids, want)
	}
	by := map[string]suggestion{}
	for i, p := range got {
		if p.Organisations[0].ID != w.x {
			t.Errorf("first organisation %s, want x", p.Organisations[0].ID)
		}
		if i > 0 && p.Score > got[i-1].Score {
			t.Errorf("not sorted by score: %v after %v", p.Score, got[i-1].Score)
		}
		by[p.Organisations[1].ID] = p
	}

	// Each score is relevance × surprise × bridgeability from the facts.
	relevance := func(degrees ...int) float64 {
		aa := 0.0
		for _, d := range degrees {
			aa += 1 / math.Log2(float64(d))
		}
		return 1 - math.Exp(-aa)
	}
	for _, tc := range []struct {
		org, translator string
		distance        *int
		shared          int
		topics          []string
		relevance       float64
		farness         float64
	}{
		{w.y1, w.p1, nil, 0, []string{w.t1, w.t2}, relevance(w.t1Orgs, 2), 1},
		{w.y5, w.p5, ptr(2), 1, []string{w.t1}, relevance(w.t1Orgs), 0.5},
		{w.y6, w.p6, nil, 0, []string{w.t1}, relevance(w.t1Orgs), 1},
	} {
		p := by[tc.org]
		if !equalPtr(p.Distance, tc.distance) || p.SharedPartners != tc.shared {
			t.Errorf("%s: distance %v shared %d, want %v and %d", tc.org, deref(p.Distance), p.SharedPartners, deref(tc.distance), tc.shared)
		}
		var topics []string
		for _, x := range p.SharedTopics {
			topics = append(topics, x.ID)
		}
		slices.Sort(topics)
		slices.Sort(tc.topics)
		if !slices.Equal(topics, tc.topics) {
			t.Errorf("%s: shared topics %v, want %v", tc.org, topics, tc.topics)
		}
		if len(p.Translators) != 1 || p.Translators[0].Person.ID != tc.translator {
			t.Fatalf("%s: translators %+v, want only %s", tc.org, p.Translators, tc.translator)
		}
		rarity := p.SectorCombinationRarity // depends on every collaboration in the database
		if rarity < 0 || rarity > 1 {
			t.Errorf("%s: rarity %v outside [0, 1]", tc.org, rarity)
		}
		// Neither side has had a partner in the other's sector: dissimilarity 1.
		surprise := 0.5*tc.farness + 0.25*rarity + 0.25*1
		bridge := p.Translators[0].Score
		wantScore := tc.relevance * surprise * bridge
		if !closeTo(p.Score, wantScore) {
			t.Errorf("%s: score %v, want %v = %v × %v × %v", tc.org, p.Score, wantScore, tc.relevance, surprise, bridge)
		}
		wantBreakdown := []component{{"relevance", 1, tc.relevance, tc.relevance}, {"surprise", 1, surprise, surprise},
			{"bridgeability", 1, bridge, bridge}}
		wantSurprise := []component{{"distance", 0.5, tc.farness, 0.5 * tc.farness}, {"sectorRarity", 0.25, rarity, 0.25 * rarity},
			{"partnerDissimilarity", 0.25, 1, 0.25}}
		if !componentsEqual(p.Breakdown, wantBreakdown) || !componentsEqual(p.SurpriseBreakdown, wantSurprise) {
			t.Errorf("%s: breakdown %+v / %+v\nwant %+v / %+v", tc.org, p.Breakdown, p.SurpriseBreakdown, wantBreakdown, wantSurprise)
		}
	}
	// The translator's score is the one translators(between:) gives.
	var direct struct{ Translators []translatorMatch }
	a.ok(translatorsQuery, map[string]any{"a": w.x, "b": w.y1, "n": 1}, &direct)
	if len(direct.Translators) != 1 || direct.Translators[0].Person.ID != w.p1 || !closeTo(direct.Translators[0].Score, by[w.y1].Translators[0].Score) {
		t.Errorf("translators(between: x, y1) = %+v, pairing's translator score %v", direct.Translators, by[w.y1].Translators[0].Score)
	}
	// Same sector combination, translator of the same shape: y1 has more
	// shared topics and is farther than y5, so it scores more.
	if by[w.y1].Score <= by[w.y5].Score {
		t.Errorf("y1 %v should outscore y5 %v", by[w.y1].Score, by[w.y5].Score)
	}
	// The explanation speaks plainly.
	e := by[w.y5].Explanation
	for _, part := range []string{"both work on", "they have never worked together", "their networks share 1 partner",
		"of past collaborations joined a public-sector and a third-sector organisation", "knows both organisations"} {
		if !strings.Contains(e, part) {
			t.Errorf("explanation %q lacks %q", e, part)
		}
	}
	if e := by[w.y1].Explanation; !strings.Contains(e, "no chain of collaborations joins their networks") {
		t.Errorf("explanation %q should say nothing joins them", e)
	}
}

func TestPairingsRules(t *testing.T) {
	a := newAPI(t)
	w := buildPairingWorld(t, a)
	for _, tc := range []struct {
		name string
		vars map[string]any
		want []string
	}{
		{"same sector only when asked", map[string]any{"for": w.x, "same": true}, []string{w.y1, w.y3, w.y5, w.y6}},
		{"sectors restrict both organisations", map[string]any{"for": w.x, "sectors": []string{"PUBLIC", "THIRD"}}, []string{w.y1, w.y5}},
		{"sectors with same sector", map[string]any{"for": w.x, "sectors": []string{"PUBLIC"}, "same": true}, []string{w.y3}},
		{"no translator, no pairing", map[string]any{"for": w.x, "sectors": []string{"PUBLIC", "ACADEMIA"}}, []string{w.y6}},
		{"a topic narrows the shared topics", map[string]any{"for": w.x, "topic": w.t2}, []string{w.y1}},
		{"first cuts the list", map[string]any{"for": w.x, "n": 1}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := a.with(t).pairings(tc.vars)
			ids := partnersOf(got)
			if tc.want == nil {
				if len(ids) != 1 {
					t.Fatalf("first: 1 gave %v", ids)
				}
				return
			}
			slices.Sort(ids)
			slices.Sort(tc.want)
			if !slices.Equal(ids, tc.want) {
				t.Errorf("got %v, want %v", ids, tc.want)
			}
			if slices.Contains(ids, w.y2) || slices.Contains(ids, w.y4) {
				t.Errorf("collaborated (y2) or translator-less (y4) pair suggested: %v", ids)
			}
		})
	}
	// Around a topic alone: every pair among its organisations, each once,
	// the smaller id first.
	got := a.pairings(map[string]any{"topic": w.t2})
	wantPair := []string{w.x, w.y1}
	slices.Sort(wantPair)
	if len(got) != 1 || got[0].Organisations[0].ID != wantPair[0] || got[0].Organisations[1].ID != wantPair[1] {
		t.Errorf("pairs around t2: %+v, want %v", got, wantPair)
	}
	got = a.pairings(map[string]any{"topic": w.t1, "n": 50, "same": true})
	var pairs []string
	for _, p := range got {
		pairs = append(pairs, p.Organisations[0].ID+"+"+p.Organisations[1].ID)
		if slices.Contains([]string{p.Organisations[0].ID, p.Organisations[1].ID}, w.y2) &&
			slices.Contains([]string{p.Organisations[0].ID, p.Organisations[1].ID}, w.x) {
			t.Errorf("x and y2 collaborated but were paired")
		}
	}
	// t1's organisations: only pairs with x have a translator.
	var partners []string
	for _, p := range got {
		switch w.x {
		case p.Organisations[0].ID:
			partners = append(partners, p.Organisations[1].ID)
		case p.Organisations[1].ID:
			partners = append(partners, p.Organisations[0].ID)
		}
	}
	slices.Sort(partners)
	want := []string{w.y1, w.y3, w.y5, w.y6}
	slices.Sort(want)
	if len(got) != 4 || !slices.Equal(partners, want) {
		t.Errorf("pairs around t1: %v, want x with y1, y3, y5 and y6", pairs)
	}
}

func TestPairingsPrivacy(t *testing.T) {
	a := newAPI(t)
	w := buildPairingWorld(t, a)
	for _, tc := range []struct {
		name   string
		caller *api
		want   []string
	}{
		// p6 is visible to members only: y6 has no translator for anonymous callers.
		{"anonymous", a.anonymous(), []string{w.y1, w.y5}},
		{"member", a.as(auth.Principal{Subject: storetest.ID("someone"), Roles: []auth.Role{auth.RoleProfessional}}), []string{w.y1, w.y5, w.y6}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.caller.with(t).pairings(map[string]any{"for": w.x})
			ids := partnersOf(got)
			slices.Sort(ids)
			slices.Sort(tc.want)
			if !slices.Equal(ids, tc.want) {
				t.Errorf("got %v, want %v", ids, tc.want)
			}
			for _, p := range got {
				for _, tr := range p.Translators {
					if tr.Person.ID == w.p4 {
						t.Errorf("p4 is not open to bridging but is suggested")
					}
				}
			}
		})
	}
}

func TestPairingsErrors(t *testing.T) {
	a := newAPI(t)
	w := buildPairingWorld(t, a)
	a.failsField(pairingsQuery, map[string]any{}, "BAD_USER_INPUT", "for")
	a.failsField(pairingsQuery, map[string]any{"for": w.x, "n": 0}, "BAD_USER_INPUT", "first")
	a.failsField(pairingsQuery, map[string]any{"for": w.x, "n": 51}, "BAD_USER_INPUT", "first")
	a.failsField(pairingsQuery, map[string]any{"for": w.x, "sectors": []string{"THIRD"}}, "BAD_USER_INPUT", "sectors")
	a.fails(pairingsQuery, map[string]any{"for": storetest.ID("no-such-org")}, "NOT_FOUND")
	a.fails(pairingsQuery, map[string]any{"topic": storetest.ID("no-such-topic")}, "NOT_FOUND")
}

const boldQuery = `query($from:Date!,$to:Date!,$n:Int){ boldCollaborations(period:{from:$from,to:$to}, first:$n){
	collaboration { id startDate }
	boldness { score explanation breakdown { name weight value contribution }
		pairs { organisations { id } crossSector distance sharedPartners } }
} }`

type boldness struct {
	Score       float64
	Explanation string
	Breakdown   []component
	Pairs       []struct {
		Organisations  []struct{ ID string }
		CrossSector    bool
		Distance       *int
		SharedPartners int
	}
}

// boldWorld: four organisations of their own collaborating in a year of
// their own (a random one of the 20th century, so that the other runs'
// collaborations hardly ever share it).
//
//	c1 01-10 A+B  strangers, PUBLIC–THIRD                  → 1
//	c2 02-10 B+C  strangers, THIRD–PRIVATE                 → 1
//	c3 03-10 A+C  two steps via B, PUBLIC–PRIVATE          → 0.35 + 0.40·½ + 0.25·½ = 0.675
//	c4 04-10 A+B  again: earlier partners                  → 0.35
//	c5 05-10 B+D  strangers, both THIRD                    → 0.40 + 0.25 = 0.65
//	c6 06-10 A    one partner                              → 0
type boldWorld struct {
	year                   int
	a, b, c, d             string
	c1, c2, c3, c4, c5, c6 string
}

func buildBoldWorld(t *testing.T, api *api) boldWorld {
	t.Helper()
	w := boldWorld{year: 1901 + rand.IntN(99)}
	w.a = api.newOrg(map[string]any{"sector": "PUBLIC", "kind": "MUNICIPALITY"})
	w.b = api.newOrg(map[string]any{"sector": "THIRD"})
	w.c = api.newOrg(map[string]any{"sector": "PRIVATE", "kind": "COMPANY"})
	w.d = api.newOrg(map[string]any{"sector": "THIRD"})
	collab := func(start string, orgs ...string) string {
		ps := []any{map[string]any{"organisationId": orgs[0], "role": "LEAD"}}
		for _, o := range orgs[1:] {
			ps = append(ps, map[string]any{"organisationId": o, "role": "PARTNER"})
		}
		return api.newCollab(map[string]any{"partners": ps, "startDate": fmt.Sprintf("%d-%s", w.year, start)})
	}
	w.c1 = collab("01-10", w.a, w.b)
	w.c2 = collab("02-10", w.b, w.c)
	w.c3 = collab("03-10", w.a, w.c)
	w.c4 = collab("04-10", w.a, w.b)
	w.c5 = collab("05-10", w.b, w.d)
	w.c6 = collab("06-10", w.a)
	return w
}

func TestBoldCollaborations(t *testing.T) {
	a := newAPI(t)
	w := buildBoldWorld(t, a)
	var out struct {
		BoldCollaborations []struct {
			Collaboration struct{ ID, StartDate string }
			Boldness      boldness
		}
	}
	year := func(monthDay string) string { return fmt.Sprintf("%d-%s", w.year, monthDay) }
	a.ok(boldQuery, map[string]any{"from": year("01-01"), "to": year("12-31"), "n": 50}, &out)
	mine := []string{w.c1, w.c2, w.c3, w.c4, w.c5, w.c6}
	var order []string
	scores := map[string]float64{}
	for i, x := range out.BoldCollaborations {
		if i > 0 {
			prev := out.BoldCollaborations[i-1]
			if x.Boldness.Score > prev.Boldness.Score || (x.Boldness.Score == prev.Boldness.Score && x.Collaboration.ID < prev.Collaboration.ID) {
				t.Errorf("not ordered by boldness, then id: %s after %s", x.Collaboration.ID, prev.Collaboration.ID)
			}
		}
		if slices.Contains(mine, x.Collaboration.ID) {
			order = append(order, x.Collaboration.ID)
			scores[x.Collaboration.ID] = x.Boldness.Score
			sum := 0.0
			for _, c := range x.Boldness.Breakdown {
				sum += c.Contribution
			}
			if !closeTo(sum, x.Boldness.Score) {
				t.Errorf("%s: breakdown adds to %v, score %v", x.Collaboration.ID, sum, x.Boldness.Score)
			}
		}
	}
	first := []string{w.c1, w.c2}
	slices.Sort(first)
	wantOrder := append(first, w.c3, w.c5, w.c4, w.c6)
	if !slices.Equal(order, wantOrder) {
		t.Fatalf("order %v, want %v", order, wantOrder)
	}
	for id, want := range map[string]float64{w.c1: 1, w.c2: 1, w.c3: 0.675, w.c4: 0.35, w.c5: 0.65, w.c6: 0} {
		if !closeTo(scores[id], want) {
			t.Errorf("boldness of %s = %v, want %v", id, scores[id], want)
		}
	}

	// The period is inclusive at both ends.
	a.ok(boldQuery, map[string]any{"from": year("03-10"), "to": year("04-10"), "n": 50}, &out)
	order = nil
	for _, x := range out.BoldCollaborations {
		if slices.Contains(mine, x.Collaboration.ID) {
			order = append(order, x.Collaboration.ID)
		}
	}
	if !slices.Equal(order, []string{w.c3, w.c4}) {
		t.Errorf("March–April 10: %v, want c3, c4", order)
	}
}

func TestCollaborationBoldnessField(t *testing.T) {
	a := newAPI(t)
	w := buildBoldWorld(t, a)
	var out struct{ Collaboration struct{ Boldness boldness } }
	a.ok(`query($id:ID!){ collaboration(id:$id){ boldness { score explanation breakdown { name weight value contribution }
		pairs { organisations { id } crossSector distance sharedPartners } } } }`, map[string]any{"id": w.c3}, &out)
	b := out.Collaboration.Boldness
	want := []component{{"sectors", 0.35, 1, 0.35}, {"distance", 0.40, 0.5, 0.2}, {"newPartners", 0.25, 0.5, 0.125}}
	if !closeTo(b.Score, 0.675) || !componentsEqual(b.Breakdown, want) {
		t.Errorf("boldness of c3 = %v %+v, want 0.675 %+v", b.Score, b.Breakdown, want)
	}
	if len(b.Pairs) != 1 || !b.Pairs[0].CrossSector || deref(b.Pairs[0].Distance) != 2 || b.Pairs[0].SharedPartners != 1 {
		t.Errorf("pairs of c3 = %+v, want one cross-sector pair two steps apart with one partner in common", b.Pairs)
	}
	if want := "It joined partners from the public and private sectors; the two were 2 steps apart in the network of " +
		"earlier collaborations; they had 1 earlier partner in common."; b.Explanation != want {
		t.Errorf("explanation %q\nwant %q", b.Explanation, want)
	}
}

// Boldness of every collaboration in a list costs what the boldness of one
// does (a read of the connected part of the network, one statement per
// breadth-first step), not a query per collaboration.
func TestBoldnessIsBatched(t *testing.T) {
	a := privateAPI(t)
	w := buildBoldWorld(t, a)
	list := `query($org:ID!,$b:Boolean!){ collaborations(first:20, filter:{organisationId:$org}){ nodes { id boldness @include(if:$b) { score } } } }`
	_, without := a.statements(list, map[string]any{"org": w.a, "b": false})
	d, with := a.statements(list, map[string]any{"org": w.a, "b": true})
	if n := len(dig(d, "collaborations.nodes").([]any)); n != 4 {
		t.Fatalf("a is a partner in %d collaborations, want 4", n)
	}
	one := `query($id:ID!,$b:Boolean!){ collaboration(id:$id){ id boldness @include(if:$b) { score } } }`
	_, oneWithout := a.statements(one, map[string]any{"id": w.c1, "b": false})
	_, oneWith := a.statements(one, map[string]any{"id": w.c1, "b": true})
	if with-without != oneWith-oneWithout || with-without > 3 {
		t.Errorf("boldness of 4 collaborations cost %d statements, of one %d; want the same, at most 3 (the steps across a, b, c, d)",
			with-without, oneWith-oneWithout)
	}
}

func TestBoldCollaborationsErrors(t *testing.T) {
	a := newAPI(t)
	a.failsField(boldQuery, map[string]any{"from": "1931-02-01", "to": "1931-01-01"}, "BAD_USER_INPUT", "period.to")
	a.failsField(boldQuery, map[string]any{"from": "1800-01-01", "to": "1931-01-01"}, "BAD_USER_INPUT", "period.from")
	a.failsField(boldQuery, map[string]any{"from": "1931-01-01", "to": "1931-02-01", "n": 0}, "BAD_USER_INPUT", "first")
}

func ptr[T any](v T) *T { return &v }

func deref(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}

func equalPtr(a, b *int) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func closeTo(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func componentsEqual(got, want []component) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Name != w.Name || !closeTo(g.Weight, w.Weight) || !closeTo(g.Value, w.Value) || !closeTo(g.Contribution, w.Contribution) {
			return false
		}
	}
	return true
}

// TestPairingsFindCoworkerTranslators: a pair whose only translator is tied
// to one side as a co-worker (overlapped at a small organisation with
// someone there now) is suggested, with that translator and the co-worker
// evidence, as translators(between:) would rank them. Before, pair
// translators skipped co-worker ties and the pair had none.
func TestPairingsFindCoworkerTranslators(t *testing.T) {
	a := newAPI(t)
	topic, _ := a.newTopic("työllisyys")
	x := a.newOrg(map[string]any{"sector": "PUBLIC", "kind": "MUNICIPALITY", "topicIds": []string{topic}})
	y := a.newOrg(map[string]any{"sector": "THIRD", "topicIds": []string{topic}})
	small := a.newOrg(map[string]any{"sector": "PRIVATE", "kind": "COMPANY"})
	translator := a.newPerson(map[string]any{"visibility": "PUBLIC", "openToBridging": true})
	colleague := a.newPerson(map[string]any{"visibility": "PUBLIC"})
	a.newExperience(translator, x, "2010-01-01", "2020-01-01")
	a.newExperience(translator, small, "2012-01-01", "2018-01-01")
	a.newExperience(colleague, small, "2013-01-01", "2019-01-01")
	a.newExperience(colleague, y, "2019-02-01", "")

	var found *suggestion
	for _, s := range a.pairings(map[string]any{"for": x, "topic": topic, "n": 50}) {
		if s.Organisations[1].ID == y {
			found = &s
		}
	}
	if found == nil || len(found.Translators) != 1 || found.Translators[0].Person.ID != translator {
		t.Fatalf("the pair with a co-worker translator: %+v", found)
	}
	kinds := map[string]string{}
	for _, e := range found.Translators[0].Evidence {
		kinds[e.Side] = e.Kind
	}
	if kinds["A"] != "STINT" || kinds["B"] != "COWORKER" {
		t.Errorf("evidence by side %v, want a stint at x and a co-worker at y", kinds)
	}
	var direct struct {
		Translators []struct {
			Score  float64
			Person struct{ ID string }
		}
	}
	a.ok(`query($a:ID!,$b:ID!){ translators(between:[$a,$b], first:50){ score person { id } } }`, map[string]any{"a": x, "b": y}, &direct)
	for _, m := range direct.Translators {
		if m.Person.ID == translator && math.Abs(m.Score-found.Translators[0].Score) > 1e-9 {
			t.Errorf("translators(between:) scores them %v, the pairing %v", m.Score, found.Translators[0].Score)
		}
	}
}
