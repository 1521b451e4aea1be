package graph_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/storetest"
)

func professional(sub string) auth.Principal {
	return auth.Principal{Subject: sub, Roles: []auth.Role{auth.RoleProfessional}}
}

// ---- visibility through every path ----

// visiblePerson is one of the three people of TestVisibilityEverywhere.
type visiblePerson struct {
	visibility, id, name string
	// current is an ongoing stint at the first organisation, former an
	// ended one at the second.
	current, former string
	// role is their part in the collaboration.
	role string
}

func TestVisibilityEverywhere(t *testing.T) {
	a := newAPI(t)
	region := storetest.ID("näkyvyys")
	search := word("naekyvyys")
	orgNow := a.newOrg(map[string]any{"name": storetest.ID("Hyvinvointialue"), "kind": "WELLBEING_SERVICES_COUNTY", "sector": "PUBLIC", "region": region})
	orgBefore := a.newOrg(map[string]any{"name": storetest.ID("Hoivayritys"), "kind": "COMPANY", "sector": "PRIVATE", "region": region})
	people := []*visiblePerson{
		{visibility: "PRIVATE", name: storetest.ID("Yksityinen Ylva"), role: "LEAD"},
		{visibility: "MEMBERS", name: storetest.ID("Jäsen Jaana"), role: "EXPERT"},
		{visibility: "PUBLIC", name: storetest.ID("Julkinen Juha"), role: "MEMBER"},
	}
	var contributors []any
	for _, p := range people {
		p.id = a.newPerson(map[string]any{"name": p.name, "headline": "Tulkki " + search, "region": region,
			"visibility": p.visibility, "contactable": true, "openToBridging": true,
			"email": uniqueEmail("vis"), "phone": uniquePhone()})
		p.current = a.newExperience(p.id, orgNow, "2021-01-01", "")
		p.former = a.newExperience(p.id, orgBefore, "2015-01-01", "2020-12-31")
		contributors = append(contributors, map[string]any{"personId": p.id, "role": p.role})
	}
	collab := a.newCollab(map[string]any{"partners": lead(orgNow), "contributors": contributors})

	editor := auth.Principal{Subject: storetest.ID("editor"), Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{orgNow, orgBefore}}
	facilitator := auth.Principal{Subject: storetest.ID("facilitator"), Roles: []auth.Role{auth.RoleFacilitator}}
	members := []string{"PUBLIC", "MEMBERS"}
	viewers := []struct {
		name   string
		caller *api
		sees   []string // visibilities, besides their own profile
		self   *visiblePerson
	}{
		{"anonymous", a.anonymous(), []string{"PUBLIC"}, nil},
		{"other professional", a.as(professional(storetest.ID("other"))), members, nil},
		{"editor of their organisations", a.as(editor), members, nil},
		{"facilitator", a.as(facilitator), members, nil},
		{"PRIVATE self", a.as(professional(people[0].id)), members, people[0]}, // and themselves
		{"MEMBERS self", a.as(professional(people[1].id)), members, people[1]},
		{"PUBLIC self", a.as(professional(people[2].id)), members, people[2]},
		{"admin", a, []string{"PUBLIC", "MEMBERS", "PRIVATE"}, nil},
	}
	for _, v := range viewers {
		t.Run(v.name, func(t *testing.T) {
			c := v.caller.with(t)
			var visible, hidden []*visiblePerson
			for _, p := range people {
				if slices.Contains(v.sees, p.visibility) || v.self == p {
					visible = append(visible, p)
				} else {
					hidden = append(hidden, p)
				}
			}
			// What must never appear in a response: the hidden people's
			// ids, names and stints.
			var secrets []string
			for _, p := range hidden {
				secrets = append(secrets, p.id, p.name, p.current, p.former)
			}
			wantIDs := func(ps []*visiblePerson) []string {
				ids := make([]string, len(ps))
				for i, p := range ps {
					ids[i] = p.id
				}
				sort.Strings(ids)
				return ids
			}
			visibleIDs := wantIDs(visible)
			sortedIDs := func(v any, field string) []string {
				ids := strs(v, field)
				sort.Strings(ids)
				return ids
			}

			// One operation reaching the people by every list and nested path.
			resp := c.do(`query($r:String!, $q:String!, $now:ID!, $before:ID!, $k:ID!){
				byRegion: people(filter:{region:$r}){ totalCount nodes { id name } edges { node { id } } }
				bySearch: people(filter:{search:$q}){ totalCount nodes { id name headline } }
				byOrg: people(filter:{organisationId:$now}){ totalCount nodes { id name } }
				byFormerOrg: people(filter:{organisationId:$before}){ totalCount nodes { id } }
				now: organisation(id:$now){
					all: people(tenure:ALL){ current person { id name } experiences { id } }
					current: people(tenure:CURRENT){ person { id } }
					former: people(tenure:FORMER){ person { id } } }
				before: organisation(id:$before){
					all: people(tenure:ALL){ current person { id name } experiences { id } }
					current: people(tenure:CURRENT){ person { id } }
					former: people(tenure:FORMER){ person { id } } }
				collaboration(id:$k){ contributors { role person { id name experiences { id } } } }
				me { id name contributions { role collaboration { id contributors { role person { id name } } } } }
				translators(between:[$now, $before], first:3, filter:{region:$r}){
					person { id name } evidence { summary path { nodes { id label name } } } }
				translatorsBetweenSectors(sectors:[PUBLIC, PRIVATE], first:3, filter:{region:$r}){
					person { id name } evidence { summary path { nodes { id label name } } } }
			}`, map[string]any{"r": region, "q": search, "now": orgNow, "before": orgBefore, "k": collab})
			if len(resp.Errors) > 0 {
				t.Fatalf("errors: %+v", resp.Errors)
			}
			d := decoded(t, resp.Data)
			for _, list := range []string{"byRegion", "bySearch", "byOrg", "byFormerOrg"} {
				if got := sortedIDs(dig(d, list+".nodes"), "id"); !slices.Equal(got, visibleIDs) {
					t.Errorf("%s lists %v, want %v", list, got, visibleIDs)
				}
				if got := dig(d, list+".totalCount"); got != float64(len(visible)) {
					t.Errorf("%s.totalCount = %v, want %d", list, got, len(visible))
				}
			}
			for _, list := range []string{"translators", "translatorsBetweenSectors"} {
				if got := sortedIDs(dig(d, list), "person.id"); !slices.Equal(got, visibleIDs) {
					t.Errorf("%s suggests %v, want %v (all are open to bridging)", list, got, visibleIDs)
				}
			}
			if got := sortedIDs(dig(d, "byRegion.edges"), "node.id"); !slices.Equal(got, visibleIDs) {
				t.Errorf("byRegion edges %v, want %v", got, visibleIDs)
			}
			for _, tenure := range []struct {
				path string
				want []string
			}{
				{"now.all", visibleIDs}, {"now.current", visibleIDs}, {"now.former", nil},
				{"before.all", visibleIDs}, {"before.current", nil}, {"before.former", visibleIDs},
			} {
				if got := sortedIDs(dig(d, tenure.path), "person.id"); !slices.Equal(got, tenure.want) {
					t.Errorf("organisation %s people = %v, want %v", tenure.path, got, tenure.want)
				}
			}
			// The visible people's contributions are listed with their
			// roles; a hidden person's is left out altogether (a null
			// person with a role and a place would still reveal them).
			contribs, _ := dig(d, "collaboration.contributors").([]any)
			if len(contribs) != len(visible) {
				t.Errorf("collaboration lists %d contributions, want %d: %v", len(contribs), len(visible), contribs)
			}
			byRole := map[string]any{}
			for _, k := range contribs {
				byRole[dig(k, "role").(string)] = dig(k, "person.id")
			}
			for _, p := range people {
				got, listed := byRole[p.role]
				switch {
				case slices.Contains(hidden, p) && listed:
					t.Errorf("the hidden %s person's %s contribution is listed: %v", p.visibility, p.role, got)
				case slices.Contains(visible, p) && got != p.id:
					t.Errorf("the %s contribution shows %v, want %s", p.role, got, p.id)
				}
			}
			// me is the caller's own person, whatever its visibility.
			switch me := dig(d, "me"); {
			case v.self == nil && me != nil:
				t.Errorf("me = %v, want null for a caller without a profile", me)
			case v.self != nil && (dig(me, "id") != v.self.id || dig(me, "contributions.0.role") != v.self.role):
				t.Errorf("me = %v, want %s with their %s contribution", me, v.self.id, v.self.role)
			}
			assertNoLeak(t, mustMarshal(t, resp), secrets...)

			// person(id), person.contributions and experience(id), one by one.
			for _, p := range people {
				resp := c.do(`query($id:ID!){ person(id:$id){ id name experiences { id } contributions { role collaboration { id contributors { role person { id name } } } } } }`,
					map[string]any{"id": p.id})
				if slices.Contains(hidden, p) {
					if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != "NOT_FOUND" || dig(decoded(t, resp.Data), "person") != nil {
						t.Errorf("person(%s) of a hidden %s person: %+v %s", p.id, p.visibility, resp.Errors, resp.Data)
					}
					// The id is the caller's own input; only it may come back.
					assertNoLeak(t, mustMarshal(t, resp), p.name, p.current, p.former)
				} else {
					if len(resp.Errors) > 0 || dig(decoded(t, resp.Data), "person.id") != p.id {
						t.Errorf("person(%s) of a visible %s person: %+v %s", p.id, p.visibility, resp.Errors, resp.Data)
						continue
					}
					pd := decoded(t, resp.Data)
					if got := sortedIDs(dig(pd, "person.experiences"), "id"); !slices.Equal(got, sorted(p.current, p.former)) {
						t.Errorf("person(%s).experiences = %v", p.id, got)
					}
					if dig(pd, "person.contributions.0.role") != p.role || dig(pd, "person.contributions.0.collaboration.id") != collab {
						t.Errorf("person(%s).contributions = %v", p.id, dig(pd, "person.contributions"))
					}
					if n := len(asList(dig(pd, "person.contributions.0.collaboration.contributors"))); n != len(visible) {
						t.Errorf("person(%s).contributions.collaboration.contributors has %d entries, want %d", p.id, n, len(visible))
					}
					var others []string
					for _, h := range hidden {
						others = append(others, h.id, h.name, h.current, h.former)
					}
					assertNoLeak(t, mustMarshal(t, resp), others...)
				}
				for _, e := range []string{p.current, p.former} {
					resp := c.do(`query($id:ID!){ experience(id:$id){ id person { id name } organisation { id } } }`, map[string]any{"id": e})
					if slices.Contains(hidden, p) {
						if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != "NOT_FOUND" || dig(decoded(t, resp.Data), "experience") != nil {
							t.Errorf("experience(%s) of a hidden %s person: %+v %s", e, p.visibility, resp.Errors, resp.Data)
						}
						assertNoLeak(t, mustMarshal(t, resp), p.id, p.name)
					} else if len(resp.Errors) > 0 || dig(decoded(t, resp.Data), "experience.person.id") != p.id {
						t.Errorf("experience(%s) of a visible %s person: %+v %s", e, p.visibility, resp.Errors, resp.Data)
					}
				}
			}
		})
	}
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func sorted(s ...string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	return s
}

// ---- consent ----

func TestPrivacySettingsOnlyByThePersonOrAnAdmin(t *testing.T) {
	a := newAPI(t)
	org := a.newOrg(nil)
	id := a.newPerson(map[string]any{"visibility": "MEMBERS", "openToBridging": false, "contactable": false})
	a.newExperience(id, org, "2020-01-01", "")
	read := func() map[string]any {
		var out struct{ Person map[string]any }
		a.ok(`query($id:ID!){ person(id:$id){ visibility openToBridging contactable name headline updatedAt } }`, map[string]any{"id": id}, &out)
		return out.Person
	}
	const update = `mutation($id:ID!,$in:UpdatePersonInput!){ updatePerson(id:$id, input:$in){ visibility openToBridging contactable } }`
	changes := []map[string]any{{"visibility": "PUBLIC"}, {"visibility": "PRIVATE"}, {"openToBridging": true}, {"contactable": true},
		{"visibility": "PUBLIC", "openToBridging": true, "contactable": true}}

	others := []struct {
		name   string
		caller *api
	}{
		{"anonymous", a.anonymous()},
		{"another professional", a.as(professional(storetest.ID("other")))},
		{"editor of their organisation", a.as(auth.Principal{Subject: storetest.ID("editor"), Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{org}})},
		{"facilitator", a.as(auth.Principal{Subject: storetest.ID("facilitator"), Roles: []auth.Role{auth.RoleFacilitator}})},
		{"facilitator and editor", a.as(auth.Principal{Subject: storetest.ID("both"),
			Roles: []auth.Role{auth.RoleFacilitator, auth.RoleOrgEditor, auth.RoleProfessional}, Orgs: []string{org}})},
	}
	for _, o := range others {
		t.Run(o.name, func(t *testing.T) {
			c := o.caller.with(t)
			for _, change := range changes {
				before := read()
				c.fails(update, map[string]any{"id": id, "in": change}, "FORBIDDEN")
				if after := read(); !reflect.DeepEqual(before, after) {
					t.Errorf("a refused %v changed the person: %v -> %v", change, before, after)
				}
			}
		})
	}

	// The person themselves, then an administrator, may.
	for _, who := range []struct {
		name   string
		caller *api
	}{{"self", a.as(professional(id))}, {"admin", a}} {
		c := who.caller.with(t)
		for _, change := range []map[string]any{{"visibility": "PRIVATE"}, {"openToBridging": true}, {"contactable": true},
			{"visibility": "MEMBERS", "openToBridging": false, "contactable": false}} {
			var out struct{ UpdatePerson map[string]any }
			c.ok(update, map[string]any{"id": id, "in": change}, &out)
			got := read()
			for k, v := range change {
				if out.UpdatePerson[k] != v || got[k] != v {
					t.Errorf("%s set %s to %v: returned %v, reads back %v", who.name, k, v, out.UpdatePerson[k], got[k])
				}
			}
		}
	}
}

// ---- exporting one's data ----

func TestExportMyData(t *testing.T) {
	a := newAPI(t)
	topic1, topicName1 := a.newTopic("vertaistuki")
	topic2, topicName2 := a.newTopic("digituki")
	city := a.newOrg(map[string]any{"name": storetest.ID("Turun kaupunki"), "kind": "MUNICIPALITY", "sector": "PUBLIC"})
	assoc := a.newOrg(map[string]any{"name": storetest.ID("Mielenterveysyhdistys"), "kind": "ASSOCIATION", "sector": "THIRD"})
	var orgNames struct {
		City, Assoc struct{ Name string }
	}
	a.ok(`query($c:ID!,$a:ID!){ city: organisation(id:$c){ name } assoc: organisation(id:$a){ name } }`,
		map[string]any{"c": city, "a": assoc}, &orgNames)

	self := storetest.ID("viveka")
	me := a.as(professional(self))
	name, email, phone, region := storetest.ID("Viveka Vienti"), uniqueEmail("viveka"), uniquePhone(), storetest.ID("Satakunta")
	me.ok(`mutation($in:CreatePersonInput!){ createPerson(input:$in){ id } }`, map[string]any{"in": map[string]any{
		"name": name, "headline": "Sosiaalityön ja järjestöjen tulkki", "languages": []string{"fi", "sv"}, "region": region,
		"email": email, "phone": phone, "visibility": "PRIVATE", "openToBridging": true, "contactable": false,
		"expertiseTopicIds": []string{topic1, topic2}}}, nil)
	stintCity := me.newExperienceIn(map[string]any{"personId": self, "organisationId": city, "kind": "EMPLOYMENT",
		"roleTitle": "Sosiaalityöntekijä", "startDate": "2012-01-01", "endDate": "2018-06-30"})
	stintAssoc := me.newExperienceIn(map[string]any{"personId": self, "organisationId": assoc, "kind": "BOARD",
		"roleTitle": "Hallituksen jäsen", "startDate": "2019-01-01"})

	// Another person in the same places, who must not appear in the export.
	otherName, otherEmail, otherPhone := storetest.ID("Toinen Tuomas"), uniqueEmail("tuomas"), uniquePhone()
	other := a.newPerson(map[string]any{"name": otherName, "email": otherEmail, "phone": otherPhone, "visibility": "PUBLIC"})
	otherStint := a.newExperience(other, city, "2010-01-01", "")
	titleA, titleB := storetest.ID("Vertaistuki hoitopolulle"), storetest.ID("Digituen olohuone")
	collabA := a.newCollab(map[string]any{"title": titleA, "partners": []any{
		map[string]any{"organisationId": city, "role": "LEAD"}, map[string]any{"organisationId": assoc, "role": "PARTNER"}},
		"contributors": []any{map[string]any{"personId": self, "role": "COORDINATOR"}, map[string]any{"personId": other, "role": "LEAD"}}})
	collabB := a.newCollab(map[string]any{"title": titleB, "partners": lead(assoc),
		"contributors": []any{map[string]any{"personId": self, "role": "VOLUNTEER"}}})

	var own struct {
		Person struct{ CreatedAt, UpdatedAt string }
	}
	me.ok(`query($id:ID!){ person(id:$id){ createdAt updatedAt } }`, map[string]any{"id": self}, &own)

	resp := me.do(`{ exportMyData }`, nil)
	if len(resp.Errors) > 0 {
		t.Fatalf("exportMyData: %+v", resp.Errors)
	}
	doc, _ := dig(decoded(t, resp.Data), "exportMyData").(map[string]any)
	if doc["format"] != "tulkki-personal-data/1" {
		t.Errorf("format = %v", doc["format"])
	}
	if at, err := time.Parse(time.RFC3339, fmt.Sprint(doc["exportedAt"])); err != nil || time.Since(at) > 10*time.Minute || time.Since(at) < -time.Minute {
		t.Errorf("exportedAt = %v (%v)", doc["exportedAt"], err)
	}
	// The profile, with contact details and consent settings, exactly.
	person := doc["person"].(map[string]any)
	for _, k := range []string{"createdAt", "updatedAt"} {
		got, _ := time.Parse(time.RFC3339, fmt.Sprint(person[k]))
		want, _ := time.Parse(time.RFC3339Nano, map[string]string{"createdAt": own.Person.CreatedAt, "updatedAt": own.Person.UpdatedAt}[k])
		if got.IsZero() || !got.Equal(want.Truncate(time.Second)) {
			t.Errorf("person.%s = %v, want %v", k, person[k], want)
		}
		delete(person, k)
	}
	assertJSON(t, mustMarshal(t, person), fmt.Sprintf(`{"id":%q,"name":%q,"headline":"Sosiaalityön ja järjestöjen tulkki",
		"languages":["fi","sv"],"region":%q,"contact":{"email":%q,"phone":%q},"visibility":"PRIVATE","openToBridging":true,"contactable":false}`,
		self, name, region, email, phone))
	// Stints with their organisations' names, expertise, contributions with titles: in any order.
	byKey := func(list any, key string) map[string]any {
		out := map[string]any{}
		items, _ := list.([]any)
		for _, item := range items {
			out[fmt.Sprint(dig(item, key))] = item
		}
		if len(out) != len(items) {
			t.Errorf("duplicate %s in %v", key, list)
		}
		return out
	}
	assertJSON(t, mustMarshal(t, byKey(doc["experiences"], "id")), fmt.Sprintf(`{
		%q: {"id":%q,"kind":"EMPLOYMENT","roleTitle":"Sosiaalityöntekijä","startDate":"2012-01-01","endDate":"2018-06-30",
			"organisation":{"id":%q,"name":%q,"sector":"PUBLIC"}},
		%q: {"id":%q,"kind":"BOARD","roleTitle":"Hallituksen jäsen","startDate":"2019-01-01","endDate":null,
			"organisation":{"id":%q,"name":%q,"sector":"THIRD"}}}`,
		stintCity, stintCity, city, orgNames.City.Name, stintAssoc, stintAssoc, assoc, orgNames.Assoc.Name))
	assertJSON(t, mustMarshal(t, byKey(doc["expertise"], "id")), fmt.Sprintf(`{%q:{"id":%q,"name":%q}, %q:{"id":%q,"name":%q}}`,
		topic1, topic1, topicName1, topic2, topic2, topicName2))
	assertJSON(t, mustMarshal(t, byKey(doc["contributions"], "collaboration.id")), fmt.Sprintf(`{
		%q: {"role":"COORDINATOR","collaboration":{"id":%q,"title":%q}},
		%q: {"role":"VOLUNTEER","collaboration":{"id":%q,"title":%q}}}`, collabA, collabA, titleA, collabB, collabB, titleB))
	// No calls, responses, introductions, evaluations or invitations here
	// (TestPartnershipPrivacy has them).
	assertJSON(t, mustMarshal(t, doc["partnerships"]), `{"calls":[],"responses":[],"introductions":[],"evaluations":[],"invitations":[],"invitationsSent":[]}`)
	for k := range doc {
		if !slices.Contains([]string{"format", "exportedAt", "person", "experiences", "expertise", "contributions",
			"storedValues", "workshops", "phaseChanges", "partnerships"}, k) {
			t.Errorf("the export has an unexpected part %q: %v", k, doc[k])
		}
	}
	// Nothing about anyone else.
	assertNoLeak(t, mustMarshal(t, resp), other, otherName, otherEmail, otherPhone, otherStint)

	// Anonymous callers are told to sign in; a subject with no profile has nothing.
	a.anonymous().fails(`{ exportMyData }`, nil, "FORBIDDEN")
	a.as(professional(storetest.ID("nobody"))).fails(`{ exportMyData }`, nil, "NOT_FOUND")
}

// newExperienceIn logs a stint with the given input and returns its id.
func (a *api) newExperienceIn(in map[string]any) string {
	a.t.Helper()
	var out struct{ AddExperience struct{ ID string } }
	a.ok(`mutation($in:AddExperienceInput!){ addExperience(input:$in){ id } }`, map[string]any{"in": in}, &out)
	return out.AddExperience.ID
}

// ---- erasing one's data ----

func TestDeleteMyData(t *testing.T) {
	a := newAPI(t)
	ctx := context.Background()
	region := storetest.ID("poisto")
	search := word("poistuja")
	org := a.newOrg(map[string]any{"region": region})
	org2 := a.newOrg(map[string]any{"region": region, "kind": "COMPANY", "sector": "PRIVATE"})
	topic, _ := a.newTopic("poistettava")

	self, name, email, phone := storetest.ID("pirkko"), storetest.ID("Pirkko Poistuja"), uniqueEmail("pirkko"), uniquePhone()
	// A professional who also edits org, so that they can move a phase.
	me := a.as(auth.Principal{Subject: self, Roles: []auth.Role{auth.RoleProfessional, auth.RoleOrgEditor}, Orgs: []string{org}})
	me.ok(`mutation($in:CreatePersonInput!){ createPerson(input:$in){ id } }`, map[string]any{"in": map[string]any{
		"name": name, "headline": "Tulkki " + search, "region": region, "email": email, "phone": phone,
		"visibility": "PUBLIC", "contactable": true, "expertiseTopicIds": []string{topic}}}, nil)
	stint1 := me.newExperience(self, org, "2019-01-01", "")
	stint2 := me.newExperience(self, org2, "2010-01-01", "2018-12-31")
	stay := a.newPerson(map[string]any{"region": region, "visibility": "PUBLIC"})
	collab := a.newCollab(map[string]any{"partners": lead(org), "contributors": []any{
		map[string]any{"personId": self, "role": "COORDINATOR"}, map[string]any{"personId": stay, "role": "LEAD"}}})
	me.ok(`mutation($c:ID!){ moveCollaborationPhase(id:$c, phase:PARTNERS_MAPPED, note:"Kumppanit kartoitettu"){ id } }`, map[string]any{"c": collab}, nil)
	history, err := a.st.PhaseHistoryByCollaboration(ctx, []string{collab})
	if err != nil || !slices.ContainsFunc(history[collab], func(h *model.PhaseChange) bool { return h.MovedBy == self }) {
		t.Fatalf("setup: the phase change is not recorded as theirs: %v %v", history[collab], err)
	}

	const collabQuery = `query($c:ID!){ collaboration(id:$c){ id title phase contributors { role person { id } } phaseHistory { phase note } } }`
	collabBefore := a.data(collabQuery, map[string]any{"c": collab})
	personQuery := `query($id:ID!){ person(id:$id){ id name contact { email phone } experiences { id } contributions { role } } }`

	const everywhereQuery = `query($r:String!,$q:String!,$o:ID!,$o2:ID!,$t:ID!){
		byRegion: people(filter:{region:$r}){ totalCount nodes { id } }
		bySearch: people(filter:{search:$q}){ totalCount nodes { id } }
		byOrg: people(filter:{organisationId:$o}){ totalCount }
		byTopic: people(filter:{topicId:$t}){ totalCount }
		org: organisation(id:$o){ people { person { id } } }
		org2: organisation(id:$o2){ people { person { id } } }
	}`
	everywhereVars := map[string]any{"r": region, "q": search, "o": org, "o2": org2, "t": topic}
	// Before: found by every path (so that "not found" below means something).
	// (byRegion is by name: "Henkilö…" before "Pirkko…".)
	a.okJSON(everywhereQuery, everywhereVars, fmt.Sprintf(`{"byRegion":{"totalCount":2,"nodes":[{"id":%q},{"id":%q}]},
		"bySearch":{"totalCount":1,"nodes":[{"id":%q}]},"byOrg":{"totalCount":1},"byTopic":{"totalCount":1},
		"org":{"people":[{"person":{"id":%q}}]},"org2":{"people":[{"person":{"id":%q}}]}}`,
		stay, self, self, self, self))
	found := countHolders(t, self, self, email, phone)
	for _, s := range []string{self, email, phone} {
		if found[s] == 0 {
			t.Fatalf("setup: the database scan does not find %q before the erasure: %v", s, found)
		}
	}

	// Without confirm: nothing happens.
	a.as(professional(self)).failsField(`mutation{ deleteMyData(confirm:false){ erasedAt } }`, nil, "BAD_USER_INPUT", "confirm")
	if got := a.data(personQuery, map[string]any{"id": self}); dig(got, "person.contact.email") != email ||
		len(asList(dig(got, "person.experiences"))) != 2 || len(asList(dig(got, "person.contributions"))) != 1 {
		t.Fatalf("deleteMyData(confirm:false) erased something: %v", got)
	}

	before := time.Now().Add(-time.Minute)
	var receipt struct {
		DeleteMyData struct {
			ErasedAt                                    time.Time
			ExperiencesRemoved, ContributionsAnonymised int
		}
	}
	me.ok(`mutation{ deleteMyData(confirm:true){ erasedAt experiencesRemoved contributionsAnonymised } }`, nil, &receipt)
	r := receipt.DeleteMyData
	if r.ExperiencesRemoved != 2 || r.ContributionsAnonymised != 1 || time.Since(r.ErasedAt) > 10*time.Minute {
		t.Fatalf("receipt = %+v, want 2 stints removed and 1 contribution anonymised, just now", r)
	}

	// Gone for an administrator, by every path.
	a.fails(personQuery, map[string]any{"id": self}, "NOT_FOUND")
	a.fails(`query($id:ID!){ experience(id:$id){ id } }`, map[string]any{"id": stint1}, "NOT_FOUND")
	a.fails(`query($id:ID!){ experience(id:$id){ id } }`, map[string]any{"id": stint2}, "NOT_FOUND")
	everywhere := a.do(everywhereQuery, everywhereVars)
	if len(everywhere.Errors) > 0 {
		t.Fatalf("errors: %+v", everywhere.Errors)
	}
	assertJSON(t, everywhere.Data, fmt.Sprintf(`{"byRegion":{"totalCount":1,"nodes":[{"id":%q}]},"bySearch":{"totalCount":0,"nodes":[]},
		"byOrg":{"totalCount":0},"byTopic":{"totalCount":0},"org":{"people":[]},"org2":{"people":[]}}`, stay))

	// The collaboration stays; the contribution stays, with its role and no person.
	collabAfter := a.data(collabQuery, map[string]any{"c": collab})
	assertJSON(t, mustMarshal(t, dig(collabAfter, "collaboration.contributors")),
		fmt.Sprintf(`[{"role":"LEAD","person":{"id":%q}},{"role":"COORDINATOR","person":null}]`, stay))
	for _, k := range []string{"id", "title", "phase", "phaseHistory"} {
		if !jsonEqual(dig(collabAfter, "collaboration."+k), dig(collabBefore, "collaboration."+k)) {
			t.Errorf("collaboration.%s changed: %v -> %v", k, dig(collabBefore, "collaboration."+k), dig(collabAfter, "collaboration."+k))
		}
	}
	// The phase change they made no longer names them.
	history, err = a.st.PhaseHistoryByCollaboration(ctx, []string{collab})
	if err != nil || len(history[collab]) != 2 {
		t.Fatalf("phase history after erasure: %v %v", history[collab], err)
	}
	for _, h := range history[collab] {
		if h.MovedBy == self {
			t.Errorf("a phase change still names the erased person: %+v", h)
		}
	}

	// The audit trail: what kind of erasure and how much, no personal data.
	// A time from time.Now() is in time.Local, which the driver sends as
	// the zone "Local"; the store must accept any time. (Asked on a store
	// of its own: the failure leaves a broken connection in the pool.)
	if _, err := openStore(t, slog.New(slog.DiscardHandler)).AuditEventsSince(ctx, before); err != nil {
		t.Errorf("AuditEventsSince(time.Now() - 1m): %v", err)
	}
	events, err := a.st.AuditEventsSince(ctx, before.UTC())
	if err != nil {
		t.Fatalf("audit events: %v", err)
	}
	var mine []store.AuditEvent
	for _, e := range events {
		if d := e.At.Sub(r.ErasedAt); d > -time.Millisecond && d < time.Millisecond {
			mine = append(mine, e)
		}
	}
	// (Another test's erasure in the same millisecond would be a second.)
	want := store.AuditEvent{Action: "PERSON_DATA_ERASED", Actor: "self", ExperiencesRemoved: 2, ContributionsAnonymised: 1}
	i := slices.IndexFunc(mine, func(e store.AuditEvent) bool { want.At = e.At; return e == want })
	if i < 0 {
		t.Fatalf("no audit event %+v at %v; there are %+v", want, r.ErasedAt, mine)
	}
	ev := mine[i]
	personal := []string{self, name, email, phone, search}
	ev2 := reflect.ValueOf(ev)
	for i := range ev2.NumField() {
		val := fmt.Sprint(ev2.Field(i).Interface())
		for _, s := range personal {
			if strings.Contains(val, s) {
				t.Errorf("audit event field %s = %q holds personal data %q", ev2.Type().Field(i).Name, val, s)
			}
		}
	}

	// Irreversible: nothing in the database holds any of it, not even the
	// audit event's properties or the anonymous contributor.
	// (The person who stays is found by the same scan: it does look.)
	held := countHolders(t, "", append([]string{stay}, personal...)...)
	if held[stay] == 0 {
		t.Errorf("the database scan does not find the person who stays, %s", stay)
	}
	for _, s := range personal {
		if held[s] != 0 {
			t.Errorf("%d nodes or relationships in the database still hold %q", held[s], s)
		}
	}
	// ... nor can the person read any of it back.
	self2 := a.as(professional(self))
	if d := self2.data(`{ me { id } }`, nil); dig(d, "me") != nil {
		t.Errorf("me after erasure = %v", d)
	}
	self2.fails(`{ exportMyData }`, nil, "NOT_FOUND")
	self2.fails(personQuery, map[string]any{"id": self}, "NOT_FOUND")
	self2.fails(`mutation{ deleteMyData(confirm:true){ erasedAt } }`, nil, "NOT_FOUND")
	self2.fails(`mutation($id:ID!){ updatePerson(id:$id, input:{name:"Takaisin"}){ id } }`, map[string]any{"id": self}, "NOT_FOUND")
}

// countHolders counts, for each of ss, the nodes and relationships of the
// test database with a text property (or a list of texts) containing it;
// only the node with id `only` when that is not empty. It reads the
// database directly, past the store, to see what no API could show.
func countHolders(t *testing.T, only string, ss ...string) map[string]int64 {
	t.Helper()
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	driver, err := neo4j.NewDriverWithContext(cfg.Neo4j.URI, neo4j.BasicAuth(cfg.Neo4j.Username, cfg.Neo4j.Password, ""))
	if err != nil {
		t.Fatalf("driver: %v", err)
	}
	defer driver.Close(ctx)
	// All of an entity's text in one string, so one pass serves all of ss.
	const text = `reduce(acc = '', k IN keys(x) | acc + ' ' + CASE WHEN x[k] IS :: STRING THEN x[k]
		WHEN x[k] IS :: LIST<STRING NOT NULL> THEN reduce(a = '', v IN x[k] | a + ' ' + v) ELSE '' END)`
	var onlyID any // null: everything
	if only != "" {
		onlyID = only
	}
	res, err := neo4j.ExecuteQuery(ctx, driver, `
CALL () {
  MATCH (x) WHERE $only IS NULL OR x.id = $only RETURN `+text+` AS text
  UNION ALL
  MATCH ()-[x]->() WHERE $only IS NULL RETURN `+text+` AS text
}
UNWIND $ss AS s
WITH s, text WHERE text CONTAINS s
RETURN s, count(*) AS n`, map[string]any{"ss": ss, "only": onlyID}, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(cfg.Neo4j.Database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		t.Fatalf("scan the database for %q: %v", ss, err)
	}
	out := map[string]int64{}
	for _, r := range res.Records {
		s, _ := r.Get("s")
		n, _ := r.Get("n")
		out[s.(string)] = n.(int64)
	}
	return out
}

// ---- logs ----

// openStore opens a store of the test's own on the test database, logging
// to log, and closes it when the test ends.
func openStore(t *testing.T, log *slog.Logger) *store.Store {
	t.Helper()
	storetest.Open(t) // migrates, and fails with the usual hint when Neo4j is down
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, err := store.Open(ctx, cfg.Neo4j, log)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = st.Close(context.Background()) })
	return st
}

// syncBuffer is a bytes.Buffer for concurrent writers (the server's goroutines).
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestContactDetailsNeverLogged(t *testing.T) {
	var buf syncBuffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a := newAPIWithLogger(t, openStore(t, log), log)

	self := storetest.ID("loki")
	me := a.as(professional(self))
	email1, phone1, email2, phone2 := uniqueEmail("loki"), uniquePhone(), uniqueEmail("loki2"), uniquePhone()
	badEmail := "ei sähköposti " + word("merkki")
	secrets := []string{email1, phone1, email2, phone2, badEmail}

	me.ok(`mutation($in:CreatePersonInput!){ createPerson(input:$in){ id contact { email phone } } }`, map[string]any{"in": map[string]any{
		"name": storetest.ID("Liisa Loki"), "email": email1, "phone": phone1, "contactable": true, "visibility": "MEMBERS"}}, nil)
	me.ok(`mutation($id:ID!,$e:String!,$p:String!){ updatePerson(id:$id, input:{email:$e, phone:$p}){ contact { email phone } } }`,
		map[string]any{"id": self, "e": email2, "p": phone2}, nil)
	me.fails(`mutation($id:ID!,$e:String!){ updatePerson(id:$id, input:{email:$e}){ id } }`, map[string]any{"id": self, "e": badEmail}, "BAD_USER_INPUT")

	const contactQuery = `query($id:ID!){ person(id:$id){ id contact { email phone } } }`
	for _, c := range []*api{me, a.as(auth.Principal{Subject: storetest.ID("facilitator"), Roles: []auth.Role{auth.RoleFacilitator}}), a} {
		if d := c.data(contactQuery, map[string]any{"id": self}); dig(d, "person.contact.email") != email2 || dig(d, "person.contact.phone") != phone2 {
			t.Fatalf("contact = %v, want %s / %s", d, email2, phone2)
		}
	}
	// Refused: another professional's request ends in a logged error path.
	a.as(professional(storetest.ID("other"))).do(contactQuery, map[string]any{"id": self})
	if d := me.data(`{ exportMyData }`, nil); dig(d, "exportMyData.person.contact.email") != email2 {
		t.Fatalf("export = %v", d)
	}
	// Contact details in a GET query string.
	status, _ := a.getGraphQL(url.Values{"query": {`query($q:String!){ people(filter:{search:$q}){ totalCount } }`},
		"variables": {fmt.Sprintf(`{"q":%q}`, email2)}})
	if status != 200 {
		t.Fatalf("GET status %d", status)
	}
	me.ok(`mutation{ deleteMyData(confirm:true){ erasedAt } }`, nil, nil)

	logged := buf.String()
	for _, want := range []string{"cypher", "graphql operation", "http request"} {
		if !strings.Contains(logged, want) {
			t.Fatalf("the log has no %q line, so this test proves nothing:\n%s", want, truncate([]byte(logged), 3000))
		}
	}
	for _, s := range secrets {
		if strings.Contains(logged, s) {
			i := strings.Index(logged, s)
			t.Errorf("the log contains %q: …%s…", s, logged[max(0, i-300):min(len(logged), i+300)])
		}
	}
	t.Logf("%d bytes of debug log, no contact details", len(logged))
}
