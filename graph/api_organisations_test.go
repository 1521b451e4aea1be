package graph_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tulkki/tulkki/internal/storetest"
)

const organisationFields = `{ id name kind sector region website description topics { id } createdAt updatedAt }`

// newTopics creates topics whose names sort in the order given.
func (a *api) newTopics(n int) []string {
	a.t.Helper()
	stem := storetest.ID("aihe")
	ids := make([]string, n)
	for i := range ids {
		var out struct{ CreateTopic struct{ ID string } }
		a.ok(`mutation($n:String!){ createTopic(input:{name:$n}){ id } }`, map[string]any{"n": fmt.Sprintf("%s %02d", stem, i)}, &out)
		ids[i] = out.CreateTopic.ID
	}
	return ids
}

func TestOrganisationByID(t *testing.T) {
	a := newAPI(t)
	topics := a.newTopics(2)
	region := storetest.ID("region")
	name := storetest.ID("Varsinais-Suomen hyvinvointialue")
	var created struct{ CreateOrganisation map[string]any }
	a.ok(`mutation($in:CreateOrganisationInput!){ createOrganisation(input:$in)`+organisationFields+` }`,
		map[string]any{"in": map[string]any{
			"name": "  " + name + " ", "kind": "WELLBEING_SERVICES_COUNTY", "sector": "PUBLIC", "region": region,
			"website": "https://www.varha.fi/", "description": "Sosiaali- ja terveyspalvelut.",
			"topicIds": []string{topics[1], topics[0], topics[1]},
		}}, &created)
	id, _ := created.CreateOrganisation["id"].(string)
	want := fmt.Sprintf(`{"id":%q,"name":%q,"kind":"WELLBEING_SERVICES_COUNTY","sector":"PUBLIC","region":%q,
		"website":"https://www.varha.fi/","description":"Sosiaali- ja terveyspalvelut.","topics":[{"id":%q},{"id":%q}]}`,
		id, name, region, topics[0], topics[1])
	strip := func(m map[string]any) map[string]any {
		if m["createdAt"] == nil || m["updatedAt"] == nil {
			t.Fatalf("timestamps missing: %v", m)
		}
		delete(m, "createdAt")
		delete(m, "updatedAt")
		return m
	}
	assertJSON(t, mustMarshal(t, strip(created.CreateOrganisation)), want)
	var got struct{ Organisation map[string]any }
	a.ok(`query($id:ID!){ organisation(id:$id)`+organisationFields+` }`, map[string]any{"id": id}, &got)
	assertJSON(t, mustMarshal(t, strip(got.Organisation)), want)

	a.fails(`query($id:ID!){ organisation(id:$id){ id } }`, map[string]any{"id": storetest.ID("missing")}, "NOT_FOUND")
}

func TestOrganisationsFilters(t *testing.T) {
	a := newAPI(t)
	region := storetest.ID("region")
	topics := a.newTopics(2)
	nameWord, descWord := word("Kotihoito"), word("vertaistuki")
	city := a.newOrg(map[string]any{"name": storetest.ID("Kaupunki"), "kind": "MUNICIPALITY", "sector": "PUBLIC",
		"region": region, "topicIds": []string{topics[0]}, "description": "Ikäihmisten " + descWord + " ja kulttuuri"})
	assoc := a.newOrg(map[string]any{"name": "Omaishoitajat " + nameWord, "kind": "ASSOCIATION", "sector": "THIRD",
		"region": region, "topicIds": []string{topics[0], topics[1]}})
	uni := a.newOrg(map[string]any{"name": storetest.ID("Yliopisto"), "kind": "UNIVERSITY", "sector": "ACADEMIA", "region": region})
	// Elsewhere: matches every filter but the region.
	a.newOrg(map[string]any{"name": storetest.ID("Kaupunki") + " " + nameWord, "kind": "MUNICIPALITY", "sector": "PUBLIC",
		"region": storetest.ID("region"), "topicIds": []string{topics[0]}, "description": descWord})

	cases := []struct {
		name   string
		filter map[string]any
		want   []string
	}{
		{"region only", map[string]any{}, []string{city, assoc, uni}},
		{"null sector is no filter", map[string]any{"sector": nil}, []string{city, assoc, uni}},
		{"null kind is no filter", map[string]any{"kind": nil}, []string{city, assoc, uni}},
		{"null topic is no filter", map[string]any{"topicId": nil}, []string{city, assoc, uni}},
		{"null search is no filter", map[string]any{"search": nil}, []string{city, assoc, uni}},
		{"sector PUBLIC", map[string]any{"sector": "PUBLIC"}, []string{city}},
		{"sector ACADEMIA", map[string]any{"sector": "ACADEMIA"}, []string{uni}},
		{"sector PRIVATE", map[string]any{"sector": "PRIVATE"}, nil},
		{"kind", map[string]any{"kind": "ASSOCIATION"}, []string{assoc}},
		{"kind none", map[string]any{"kind": "FOUNDATION"}, nil},
		{"topic shared", map[string]any{"topicId": topics[0]}, []string{city, assoc}},
		{"topic one", map[string]any{"topicId": topics[1]}, []string{assoc}},
		{"search name prefix", map[string]any{"search": nameWord[:12]}, []string{assoc}},
		{"search description prefix", map[string]any{"search": strings.ToUpper(descWord[:14])}, []string{city}},
		{"search lucene syntax", map[string]any{"search": `(( AND "`}, nil},
		{"search lucene operators", map[string]any{"search": `kaupunki~ OR * ? name:"x" {a TO b} && || !`}, nil},
		{"combined", map[string]any{"sector": "THIRD", "kind": "ASSOCIATION", "topicId": topics[1], "search": nameWord}, []string{assoc}},
		{"combined mismatch", map[string]any{"sector": "PUBLIC", "search": nameWord}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := a.with(t)
			filter := merge(map[string]any{"region": region}, c.filter)
			d := a.data(`query($f:OrganisationFilter){ organisations(filter:$f, first:50){ totalCount nodes { id } } }`,
				map[string]any{"f": filter})
			if got := strs(dig(d, "organisations.nodes"), "id"); !sameSet(got, c.want) {
				t.Fatalf("organisations(%v) = %v, want %v", filter, got, c.want)
			}
			if total := dig(d, "organisations.totalCount"); total != float64(len(c.want)) {
				t.Fatalf("totalCount = %v, want %d", total, len(c.want))
			}
		})
	}
	// The same null written into the document rather than sent as a
	// variable takes another path through gqlgen.
	d := a.data(`query($r: String){ organisations(filter: { region: $r, sector: null, kind: null }, first: 50){ nodes { id } } }`,
		map[string]any{"r": region})
	if got := strs(dig(d, "organisations.nodes"), "id"); !sameSet(got, []string{city, assoc, uni}) {
		t.Fatalf("organisations with literal nulls = %v, want all three of the region", got)
	}
}

func TestOrganisationsPaging(t *testing.T) {
	a := newAPI(t)
	region := storetest.ID("region")
	var ids []string
	for _, prefix := range []string{"Sininauha", "Diakonissalaitos", "Akava", "Mehiläinen", "Turun yliopisto", "Ensi- ja turvakoti"} {
		ids = append(ids, a.newOrg(map[string]any{"name": storetest.ID(prefix), "region": region}))
	}
	fetch := func(first int, after *string) connPage {
		var out struct{ Organisations connPage }
		a.ok(`query($r:String!,$n:Int,$after:String){ organisations(filter:{region:$r}, first:$n, after:$after){
			totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
			edges { cursor node { id name } } nodes { id name } } }`,
			map[string]any{"r": region, "n": first, "after": after}, &out)
		return out.Organisations
	}
	for n := 1; n <= 7; n++ {
		checkOrder(t, pageAll(t, fetch, n, len(ids)), ids, func(p pageNode) string { return p.Name })
	}
}

func TestOrganisationNestedFields(t *testing.T) {
	a := newAPI(t)
	topics := a.newTopics(2)
	org := a.newOrg(map[string]any{"kind": "HOSPITAL_DISTRICT", "sector": "PUBLIC", "topicIds": []string{topics[1], topics[0]}})
	other := a.newOrg(nil)
	stem := storetest.ID("")
	// Current: Bea (ongoing), Cecilia (one ended and one ongoing stint).
	// Former: Anna (ended), Daniel (two ended stints).
	bea := a.newPerson(map[string]any{"name": "Bea " + stem})
	beaNow := a.newExperience(bea, org, "2020-01-01", "")
	cecilia := a.newPerson(map[string]any{"name": "Cecilia " + stem})
	ceciliaOld := a.newExperience(cecilia, org, "2005-01-01", "2008-12-31")
	ceciliaNow := a.newExperience(cecilia, org, "2021-06-01", "")
	a.newExperience(cecilia, other, "2009-01-01", "") // elsewhere: not part of this membership
	anna := a.newPerson(map[string]any{"name": "Anna " + stem})
	annaOld := a.newExperience(anna, org, "2010-01-01", "2012-01-01")
	daniel := a.newPerson(map[string]any{"name": "Daniel " + stem})
	danielOld := a.newExperience(daniel, org, "2001-01-01", "2002-01-01")
	danielOlder := a.newExperience(daniel, org, "1999-01-01", "2000-01-01")

	membership := func(person string, current bool, exps ...string) string {
		var e []string
		for _, x := range exps {
			e = append(e, fmt.Sprintf(`{"id":%q}`, x))
		}
		return fmt.Sprintf(`{"person":{"id":%q},"organisation":{"id":%q},"current":%v,"experiences":[%s]}`,
			person, org, current, strings.Join(e, ","))
	}
	currentJSON := membership(bea, true, beaNow) + "," + membership(cecilia, true, ceciliaNow, ceciliaOld)
	formerJSON := membership(anna, false, annaOld) + "," + membership(daniel, false, danielOld, danielOlder)

	for _, c := range []struct{ arg, want string }{
		{"", "[" + currentJSON + "," + formerJSON + "]"},
		{"(tenure:ALL)", "[" + currentJSON + "," + formerJSON + "]"},
		{"(tenure:CURRENT)", "[" + currentJSON + "]"},
		{"(tenure:FORMER)", "[" + formerJSON + "]"},
	} {
		t.Run("people"+c.arg, func(t *testing.T) {
			a.with(t).okJSON(`query($id:ID!){ organisation(id:$id){ people`+c.arg+` { person { id } organisation { id } current experiences { id } } } }`,
				map[string]any{"id": org}, `{"organisation":{"people":`+c.want+`}}`)
		})
	}

	first := a.newCollab(map[string]any{"partners": lead(org)})
	second := a.newCollab(map[string]any{"partners": []any{
		map[string]any{"organisationId": other, "role": "LEAD"}, map[string]any{"organisationId": org, "role": "FUNDER"}}})
	a.okJSON(`query($id:ID!){ organisation(id:$id){ topics { id } collaborations { role organisation { id } collaboration { id } } } }`,
		map[string]any{"id": org}, fmt.Sprintf(`{"organisation":{"topics":[{"id":%q},{"id":%q}],"collaborations":[
			{"role":"FUNDER","organisation":{"id":%q},"collaboration":{"id":%q}},
			{"role":"LEAD","organisation":{"id":%q},"collaboration":{"id":%q}}]}}`,
			topics[0], topics[1], org, second, org, first))

	// An organisation with nobody and nothing has empty lists.
	empty := a.newOrg(nil)
	a.okJSON(`query($id:ID!){ organisation(id:$id){ topics { id } people { current } collaborations { role } } }`,
		map[string]any{"id": empty}, `{"organisation":{"topics":[],"people":[],"collaborations":[]}}`)
}

func TestUpdateOrganisation(t *testing.T) {
	a := newAPI(t)
	topics := a.newTopics(2)
	region := storetest.ID("region")
	nameWord := word("S")
	name := "Setlementti " + nameWord
	id := a.newOrg(map[string]any{"name": name, "kind": "ASSOCIATION", "sector": "THIRD", "region": region,
		"website": "https://setlementti.example/", "description": "Kohtaamispaikka.", "topicIds": []string{topics[0]}})
	person := a.newPerson(nil)
	a.newExperience(person, id, "2015-01-01", "")
	publicOrg := a.newOrg(map[string]any{"kind": "MUNICIPALITY", "sector": "PUBLIC"})
	a.newExperience(person, publicOrg, "2010-01-01", "2014-12-31")

	read := func() map[string]any {
		var out struct{ Organisation map[string]any }
		a.ok(`query($id:ID!){ organisation(id:$id)`+organisationFields+` }`, map[string]any{"id": id}, &out)
		return out.Organisation
	}
	update := func(input map[string]any) map[string]any {
		var out struct{ UpdateOrganisation map[string]any }
		a.ok(`mutation($id:ID!,$in:UpdateOrganisationInput!){ updateOrganisation(id:$id, input:$in)`+organisationFields+` }`,
			map[string]any{"id": id, "in": input}, &out)
		if reread := read(); !jsonEqual(out.UpdateOrganisation, reread) {
			t.Fatalf("updateOrganisation returned %v, reads back as %v", out.UpdateOrganisation, reread)
		}
		return out.UpdateOrganisation
	}
	before := read()
	d := a.data(`query($w:String){ organisations(filter:{sector:THIRD, search:$w}){ nodes { id } } }`, map[string]any{"w": nameWord})
	if got := strs(dig(d, "organisations.nodes"), "id"); !slices.Equal(got, []string{id}) {
		t.Fatalf("before the sector change, THIRD lists %v", got)
	}

	got := update(map[string]any{"description": "Kohtaamispaikka kaikenikäisille."})
	for _, k := range []string{"id", "name", "kind", "sector", "region", "website", "topics", "createdAt"} {
		if !jsonEqual(got[k], before[k]) {
			t.Fatalf("%s changed from %v to %v though it was left out", k, before[k], got[k])
		}
	}
	if got["description"] != "Kohtaamispaikka kaikenikäisille." {
		t.Fatalf("description = %v", got["description"])
	}

	// Renaming to its own name in other case is not a duplicate of itself.
	got = update(map[string]any{"name": strings.ToUpper(name)})
	if got["name"] != strings.ToUpper(name) {
		t.Fatalf("name = %v", got["name"])
	}

	// The sector change shows in the sectors of the people who worked there.
	a.okJSON(`query($id:ID!){ person(id:$id){ sectors } }`, map[string]any{"id": person}, `{"person":{"sectors":["PUBLIC","THIRD"]}}`)
	got = update(map[string]any{"sector": "PRIVATE", "kind": "SOCIAL_ENTERPRISE", "website": "http://uusi.example/",
		"topicIds": []string{topics[1]}, "region": nil})
	if got["sector"] != "PRIVATE" || got["kind"] != "SOCIAL_ENTERPRISE" || got["website"] != "http://uusi.example/" ||
		!jsonEqual(got["topics"], []any{map[string]any{"id": topics[1]}}) {
		t.Fatalf("after update: %v", got)
	}
	if r := got["region"]; r != nil && r != "" {
		t.Fatalf("region after null = %v, want cleared", r)
	}
	a.okJSON(`query($id:ID!){ person(id:$id){ sectors experiences { organisation { sector } } } }`, map[string]any{"id": person},
		`{"person":{"sectors":["PUBLIC","PRIVATE"],"experiences":[{"organisation":{"sector":"PRIVATE"}},{"organisation":{"sector":"PUBLIC"}}]}}`)
	for sector, want := range map[string][]string{"THIRD": nil, "PRIVATE": {id}} {
		d := a.data(`query($s:Sector,$w:String){ organisations(filter:{sector:$s, search:$w}){ nodes { id } } }`,
			map[string]any{"s": sector, "w": nameWord})
		if got := strs(dig(d, "organisations.nodes"), "id"); !sameSet(got, want) {
			t.Fatalf("organisations in sector %s = %v, want %v", sector, got, want)
		}
	}

	// An empty topic list removes them all.
	got = update(map[string]any{"topicIds": []string{}})
	if !jsonEqual(got["topics"], []any{}) {
		t.Fatalf("topics after [] = %v", got["topics"])
	}
}

// TestDuplicateNamesUnderConcurrency: organisation and topic names are
// unique regardless of case even when several requests create the same
// name at the same moment: one wins, the others get CONFLICT.
func TestDuplicateNamesUnderConcurrency(t *testing.T) {
	a := newAPI(t)
	const n = 8
	race := func(t *testing.T, query string, vars func(i int) map[string]any) (ok, conflicts int) {
		t.Helper()
		var wg sync.WaitGroup
		codes := make([]string, n)
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r, err := a.try(query, vars(i))
				errs[i] = err
				if err == nil && len(r.Errors) > 0 {
					codes[i], _ = r.Errors[0].Extensions["code"].(string)
				}
			}()
		}
		wg.Wait()
		for i := range n {
			switch {
			case errs[i] != nil:
				t.Fatalf("request %d: %v", i, errs[i])
			case codes[i] == "":
				ok++
			case codes[i] == "CONFLICT":
				conflicts++
			default:
				t.Fatalf("request %d failed with %s", i, codes[i])
			}
		}
		return ok, conflicts
	}
	caseOf := func(i int, s string) string {
		if i%2 == 1 {
			return strings.ToUpper(s)
		}
		return s
	}

	t.Run("organisation", func(t *testing.T) {
		a := a.with(t)
		region, name := storetest.ID("region"), storetest.ID("Kaupunginkirjasto")
		ok, conflicts := race(t, `mutation($in:CreateOrganisationInput!){ createOrganisation(input:$in){ id } }`, func(i int) map[string]any {
			return map[string]any{"in": map[string]any{"name": caseOf(i, name), "kind": "MUNICIPALITY", "sector": "PUBLIC", "region": region}}
		})
		var out struct{ Organisations struct{ TotalCount int } }
		a.ok(`query($r:String!){ organisations(filter:{region:$r}){ totalCount } }`, map[string]any{"r": region}, &out)
		if ok != 1 || conflicts != n-1 || out.Organisations.TotalCount != 1 {
			t.Fatalf("%d concurrent creates of %q: %d succeeded, %d CONFLICT, %d stored; want 1, %d, 1",
				n, name, ok, conflicts, out.Organisations.TotalCount, n-1)
		}
	})
	t.Run("topic", func(t *testing.T) {
		a := a.with(t)
		name := storetest.ID("Kulttuurihyvinvointi")
		ok, conflicts := race(t, `mutation($n:String!){ createTopic(input:{name:$n}){ id } }`, func(i int) map[string]any {
			return map[string]any{"n": caseOf(i, name)}
		})
		var out struct{ Topics []struct{ Name string } }
		a.ok(`{ topics { name } }`, nil, &out)
		stored := 0
		for _, tp := range out.Topics {
			if strings.EqualFold(tp.Name, name) {
				stored++
			}
		}
		if ok != 1 || conflicts != n-1 || stored != 1 {
			t.Fatalf("%d concurrent creates of %q: %d succeeded, %d CONFLICT, %d stored; want 1, %d, 1", n, name, ok, conflicts, stored, n-1)
		}
	})
}
