package graph_test

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/graph"
	"github.com/tulkki/tulkki/internal/storetest"
)

// errorWorld is data that only TestBadInput uses, so that it can prove a
// refused operation wrote nothing by reading all of it before and after.
type errorWorld struct {
	region                      string
	topic, topicName, topicStem string
	org, orgName, org2          string
	person, experience          string
	collab, launched            string
}

func newErrorWorld(a *api) *errorWorld {
	a.t.Helper()
	w := &errorWorld{region: storetest.ID("region"), topicStem: storetest.ID("aihe")}
	w.topicName = w.topicStem + " Osallisuus"
	var topic struct{ CreateTopic struct{ ID string } }
	a.ok(`mutation($n:String!){ createTopic(input:{name:$n}){ id } }`, map[string]any{"n": w.topicName}, &topic)
	w.topic = topic.CreateTopic.ID
	w.orgName = storetest.ID("Potilasyhdistys")
	w.org = a.newOrg(map[string]any{"name": w.orgName, "region": w.region, "topicIds": []string{w.topic}})
	w.org2 = a.newOrg(map[string]any{"kind": "MUNICIPALITY", "sector": "PUBLIC", "region": w.region})
	w.person = a.newPerson(map[string]any{"region": w.region, "headline": "Vertaistukija", "languages": []string{"fi"},
		"expertiseTopicIds": []string{w.topic}})
	w.experience = a.newExperience(w.person, w.org, "2015-01-01", "2018-12-31")
	w.collab = a.newCollab(map[string]any{"partners": lead(w.org), "topicIds": []string{w.topic},
		"startDate": "2020-01-01", "endDate": "2021-12-31",
		"contributors": []any{map[string]any{"personId": w.person, "role": "EXPERT"}}})
	w.launched = a.newCollab(map[string]any{"partners": lead(w.org2), "topicIds": []string{w.topic}, "phase": "LAUNCHED"})
	return w
}

// snapshot reads everything in the world, with every field a mutation
// could change, plus the topics a bad createTopic could have added.
func (w *errorWorld) snapshot(a *api) string {
	a.t.Helper()
	const collab = `{ id title description form phase startDate endDate topics { id } partners { role organisation { id } }
		contributors { role person { id } } evaluation { rating notes } phaseHistory { phase note } updatedAt }`
	vars := map[string]any{"r": w.region, "t": w.topic, "o": w.org, "o2": w.org2}
	// One request per list keeps each under the complexity limit.
	var data []byte
	for _, q := range []string{
		`query($r:String!){ people(filter:{region:$r}, first:10){ totalCount nodes { id name headline languages region visibility
			openToBridging contactable updatedAt expertise { id } experiences { id kind roleTitle startDate endDate organisation { id } }
			contributions { role } } } }`,
		`query($r:String!){ organisations(filter:{region:$r}, first:10){ totalCount nodes { id name kind sector region website
			description topics { id } updatedAt people { current } collaborations { role } } } }`,
		`query($t:ID!){ collaborations(filter:{topicId:$t}, first:10){ totalCount nodes ` + collab + ` } }`,
		`query($o:ID!,$o2:ID!){ byOrg: collaborations(filter:{organisationId:$o}, first:10){ totalCount nodes { id } }
			byOrg2: collaborations(filter:{organisationId:$o2}, first:10){ totalCount nodes { id } } }`,
	} {
		data = append(data, a.raw(q, vars)...)
	}
	var topics struct{ Topics []struct{ Name string } }
	a.ok(`{ topics { name } }`, nil, &topics)
	mine := 0
	for _, t := range topics.Topics {
		if strings.HasPrefix(strings.ToLower(t.Name), strings.ToLower(w.topicStem)) || strings.TrimSpace(t.Name) == "" {
			mine++
		}
	}
	return fmt.Sprintf("%s\ntopics:%d", data, mine)
}

// badInputCase is one operation that must be refused with code (and, when
// field is set, extensions.field) without changing anything.
type badInputCase struct {
	name  string
	query string
	vars  map[string]any
	code  string
	field string
}

func badInputCases(w *errorWorld) []badInputCase {
	missing := storetest.ID("missing")
	long := func(n int) string { return strings.Repeat("å", n) }
	person := func(in map[string]any) map[string]any {
		return map[string]any{"in": merge(map[string]any{"name": "Uusi Henkilö", "region": w.region}, in)}
	}
	org := func(in map[string]any) map[string]any {
		return map[string]any{"in": merge(map[string]any{"name": storetest.ID("Uusi"), "kind": "ASSOCIATION", "sector": "THIRD", "region": w.region}, in)}
	}
	exp := func(in map[string]any) map[string]any {
		return map[string]any{"in": merge(map[string]any{"personId": w.person, "organisationId": w.org, "kind": "EMPLOYMENT", "startDate": "2019-01-01"}, in)}
	}
	collab := func(in map[string]any) map[string]any {
		return map[string]any{"in": merge(map[string]any{"title": "Uusi yhteistyö", "form": "PROJECT", "topicIds": []string{w.topic},
			"partners": lead(w.org)}, in)}
	}
	withID := func(id string, in map[string]any) map[string]any { return map[string]any{"id": id, "in": in} }
	const (
		createPerson  = `mutation($in:CreatePersonInput!){ createPerson(input:$in){ id } }`
		updatePerson  = `mutation($id:ID!,$in:UpdatePersonInput!){ updatePerson(id:$id, input:$in){ id } }`
		addExp        = `mutation($in:AddExperienceInput!){ addExperience(input:$in){ id } }`
		updateExp     = `mutation($id:ID!,$in:UpdateExperienceInput!){ updateExperience(id:$id, input:$in){ id } }`
		createOrg     = `mutation($in:CreateOrganisationInput!){ createOrganisation(input:$in){ id } }`
		updateOrg     = `mutation($id:ID!,$in:UpdateOrganisationInput!){ updateOrganisation(id:$id, input:$in){ id } }`
		createTopic   = `mutation($n:String!){ createTopic(input:{name:$n}){ id } }`
		createCollab  = `mutation($in:CreateCollaborationInput!){ createCollaboration(input:$in){ id } }`
		updateCollab  = `mutation($id:ID!,$in:UpdateCollaborationInput!){ updateCollaboration(id:$id, input:$in){ id } }`
		addPartner    = `mutation($c:ID!,$o:ID!,$r:PartnerRole!){ addPartner(collaborationId:$c, organisationId:$o, role:$r){ id } }`
		removePartner = `mutation($c:ID!,$o:ID!){ removePartner(collaborationId:$c, organisationId:$o){ id } }`
		addContrib    = `mutation($c:ID!,$p:ID!){ addContributor(collaborationId:$c, personId:$p, role:MEMBER){ id } }`
		removeContrib = `mutation($c:ID!,$p:ID!){ removeContributor(collaborationId:$c, personId:$p){ id } }`
		move          = `mutation($id:ID!,$p:CollaborationPhase!){ moveCollaborationPhase(id:$id, phase:$p){ id } }`
		evaluate      = `mutation($id:ID!,$r:Int!){ recordEvaluation(id:$id, input:{rating:$r}){ id } }`
	)
	cursor := func(raw string) string { return base64.RawURLEncoding.EncodeToString([]byte(raw)) }
	const notFound, bad, conflict = "NOT_FOUND", "BAD_USER_INPUT", "CONFLICT"

	return []badInputCase{
		// ---- unknown ids ----
		{"updatePerson unknown person", updatePerson, withID(missing, map[string]any{"headline": "x"}), notFound, ""},
		{"createPerson unknown topic", createPerson, person(map[string]any{"expertiseTopicIds": []string{w.topic, missing}}), notFound, ""},
		{"updatePerson unknown topic", updatePerson, withID(w.person, map[string]any{"headline": "x", "expertiseTopicIds": []string{missing}}), notFound, ""},
		{"addExperience unknown person", addExp, exp(map[string]any{"personId": missing}), notFound, ""},
		{"addExperience unknown organisation", addExp, exp(map[string]any{"organisationId": missing}), notFound, ""},
		{"updateExperience unknown experience", updateExp, withID(missing, map[string]any{"roleTitle": "x"}), notFound, ""},
		{"updateExperience unknown organisation", updateExp, withID(w.experience, map[string]any{"roleTitle": "x", "organisationId": missing}), notFound, ""},
		{"removeExperience unknown", `mutation($id:ID!){ removeExperience(id:$id){ id } }`, map[string]any{"id": missing}, notFound, ""},
		{"createOrganisation unknown topic", createOrg, org(map[string]any{"topicIds": []string{missing}}), notFound, ""},
		{"updateOrganisation unknown organisation", updateOrg, withID(missing, map[string]any{"description": "x"}), notFound, ""},
		{"updateOrganisation unknown topic", updateOrg, withID(w.org, map[string]any{"description": "x", "topicIds": []string{missing}}), notFound, ""},
		{"createCollaboration unknown topic", createCollab, collab(map[string]any{"topicIds": []string{w.topic, missing}}), notFound, ""},
		{"createCollaboration unknown partner", createCollab, collab(map[string]any{"partners": []any{
			map[string]any{"organisationId": w.org, "role": "LEAD"}, map[string]any{"organisationId": missing, "role": "FUNDER"}}}), notFound, ""},
		{"createCollaboration unknown contributor", createCollab, collab(map[string]any{"contributors": []any{
			map[string]any{"personId": missing, "role": "LEAD"}}}), notFound, ""},
		{"updateCollaboration unknown collaboration", updateCollab, withID(missing, map[string]any{"title": "x"}), notFound, ""},
		{"updateCollaboration unknown topic", updateCollab, withID(w.collab, map[string]any{"title": "x", "topicIds": []string{missing}}), notFound, ""},
		{"addPartner unknown collaboration", addPartner, map[string]any{"c": missing, "o": w.org2, "r": "PARTNER"}, notFound, ""},
		{"addPartner unknown organisation", addPartner, map[string]any{"c": w.collab, "o": missing, "r": "PARTNER"}, notFound, ""},
		{"removePartner unknown collaboration", removePartner, map[string]any{"c": missing, "o": w.org}, notFound, ""},
		{"removePartner not a partner", removePartner, map[string]any{"c": w.collab, "o": w.org2}, notFound, ""},
		{"removePartner unknown organisation", removePartner, map[string]any{"c": w.collab, "o": missing}, notFound, ""},
		{"addContributor unknown collaboration", addContrib, map[string]any{"c": missing, "p": w.person}, notFound, ""},
		{"addContributor unknown person", addContrib, map[string]any{"c": w.collab, "p": missing}, notFound, ""},
		{"removeContributor unknown collaboration", removeContrib, map[string]any{"c": missing, "p": w.person}, notFound, ""},
		{"removeContributor not a contributor", removeContrib, map[string]any{"c": w.launched, "p": w.person}, notFound, ""},
		{"moveCollaborationPhase unknown", move, map[string]any{"id": missing, "p": "LAUNCHED"}, notFound, ""},
		{"recordEvaluation unknown", evaluate, map[string]any{"id": missing, "r": 3}, notFound, ""},

		// ---- dates ----
		{"addExperience end before start", addExp, exp(map[string]any{"startDate": "2019-05-01", "endDate": "2019-04-30"}), bad, "endDate"},
		{"updateExperience end before start", updateExp, withID(w.experience, map[string]any{"endDate": "2014-12-31"}), bad, "endDate"},
		{"updateExperience start moved after end", updateExp, withID(w.experience, map[string]any{"startDate": "2019-01-01"}), bad, "endDate"},
		{"updateExperience start after end, with other changes", updateExp, withID(w.experience, map[string]any{
			"startDate": "2019-01-01", "roleTitle": "x", "organisationId": w.org2}), bad, "endDate"},
		{"createCollaboration end before start", createCollab, collab(map[string]any{"startDate": "2021-01-01", "endDate": "2020-12-31"}), bad, "endDate"},
		{"updateCollaboration start moved after end", updateCollab, withID(w.collab, map[string]any{"startDate": "2022-01-01", "title": "x"}), bad, "endDate"},
		{"addExperience year 1899", addExp, exp(map[string]any{"startDate": "1899-12-31"}), bad, "startDate"},
		{"addExperience month 13 (literal)", `mutation($p:ID!,$o:ID!){ addExperience(input:{personId:$p, organisationId:$o, kind:EMPLOYMENT,
			startDate:"2020-13-01"}){ id } }`, map[string]any{"p": w.person, "o": w.org}, bad, ""},
		{"addExperience month 13 (variable)", addExp, exp(map[string]any{"startDate": "2020-13-01"}), bad, ""},
		{"addExperience yesterday", addExp, exp(map[string]any{"startDate": "yesterday"}), bad, ""},
		{"addExperience date as number", addExp, exp(map[string]any{"startDate": 20200101}), bad, ""},
		{"updateExperience yesterday", updateExp, withID(w.experience, map[string]any{"endDate": "yesterday"}), bad, ""},
		{"createCollaboration 30 February", createCollab, collab(map[string]any{"startDate": "2020-02-30"}), bad, ""},

		// ---- texts ----
		{"createPerson empty name", createPerson, person(map[string]any{"name": ""}), bad, "name"},
		{"createPerson blank name", createPerson, person(map[string]any{"name": " \t\n "}), bad, "name"},
		{"createPerson 201-char name", createPerson, person(map[string]any{"name": long(201)}), bad, "name"},
		{"createPerson control characters", createPerson, person(map[string]any{"name": "Aino\x00Virtanen"}), bad, "name"},
		{"createPerson 301-char headline", createPerson, person(map[string]any{"headline": long(301)}), bad, "headline"},
		{"createPerson bad e-mail", createPerson, person(map[string]any{"email": "aino.example.fi"}), bad, "email"},
		{"createPerson e-mail with display name", createPerson, person(map[string]any{"email": "Aino <aino@example.fi>"}), bad, "email"},
		{"createPerson bad language", createPerson, person(map[string]any{"languages": []string{"fi", "finnish"}}), bad, "languages"},
		{"createPerson language with digit", createPerson, person(map[string]any{"languages": []string{"f1"}}), bad, "languages"},
		{"createPerson bad phone", createPerson, person(map[string]any{"phone": "soita minulle"}), bad, "phone"},
		{"createPerson 101-char region", createPerson, person(map[string]any{"name": "x", "region": w.region + long(101)}), bad, "region"},
		{"updatePerson blank name", updatePerson, withID(w.person, map[string]any{"name": "   "}), bad, "name"},
		{"updatePerson null name", updatePerson, withID(w.person, map[string]any{"name": nil, "headline": "x"}), bad, "name"},
		{"updatePerson 201-char name", updatePerson, withID(w.person, map[string]any{"name": long(201)}), bad, "name"},
		{"updatePerson 301-char headline", updatePerson, withID(w.person, map[string]any{"headline": long(301)}), bad, "headline"},
		{"updatePerson bad e-mail", updatePerson, withID(w.person, map[string]any{"email": "@example.fi", "headline": "x"}), bad, "email"},
		{"updatePerson bad language", updatePerson, withID(w.person, map[string]any{"languages": []string{"suomi"}}), bad, "languages"},
		{"updatePerson null visibility", updatePerson, withID(w.person, map[string]any{"visibility": nil}), bad, "visibility"},
		{"updatePerson null openToBridging", updatePerson, withID(w.person, map[string]any{"openToBridging": nil}), bad, "openToBridging"},
		{"addExperience 201-char role title", addExp, exp(map[string]any{"roleTitle": long(201)}), bad, "roleTitle"},
		{"updateExperience 201-char role title", updateExp, withID(w.experience, map[string]any{"roleTitle": long(201)}), bad, "roleTitle"},
		{"updateExperience null startDate", updateExp, withID(w.experience, map[string]any{"startDate": nil}), bad, "startDate"},
		{"updateExperience null kind", updateExp, withID(w.experience, map[string]any{"kind": nil}), bad, "kind"},
		{"updateExperience null organisation", updateExp, withID(w.experience, map[string]any{"organisationId": nil}), bad, "organisationId"},
		{"createOrganisation empty name", createOrg, org(map[string]any{"name": ""}), bad, "name"},
		{"createOrganisation blank name", createOrg, org(map[string]any{"name": "   "}), bad, "name"},
		{"createOrganisation 201-char name", createOrg, org(map[string]any{"name": long(201)}), bad, "name"},
		{"createOrganisation ftp website", createOrg, org(map[string]any{"website": "ftp://example.fi"}), bad, "website"},
		{"createOrganisation website without scheme", createOrg, org(map[string]any{"website": "www.example.fi"}), bad, "website"},
		{"createOrganisation website without host", createOrg, org(map[string]any{"website": "https://"}), bad, "website"},
		{"createOrganisation website not a URL", createOrg, org(map[string]any{"website": "ei osoite"}), bad, "website"},
		{"updateOrganisation javascript website", updateOrg, withID(w.org, map[string]any{"website": "javascript:alert(1)"}), bad, "website"},
		{"updateOrganisation blank name", updateOrg, withID(w.org, map[string]any{"name": "  "}), bad, "name"},
		{"updateOrganisation 201-char name", updateOrg, withID(w.org, map[string]any{"name": long(201)}), bad, "name"},
		{"updateOrganisation null name", updateOrg, withID(w.org, map[string]any{"name": nil}), bad, "name"},
		{"updateOrganisation null sector", updateOrg, withID(w.org, map[string]any{"sector": nil, "description": "x"}), bad, "sector"},
		{"updateOrganisation null kind", updateOrg, withID(w.org, map[string]any{"kind": nil}), bad, "kind"},
		{"createTopic empty name", createTopic, map[string]any{"n": ""}, bad, "name"},
		{"createTopic blank name", createTopic, map[string]any{"n": "   "}, bad, "name"},
		{"createTopic 201-char name", createTopic, map[string]any{"n": w.topicStem + long(201-len(w.topicStem))}, bad, "name"},
		{"createCollaboration empty title", createCollab, collab(map[string]any{"title": ""}), bad, "title"},
		{"createCollaboration blank title", createCollab, collab(map[string]any{"title": "  "}), bad, "title"},
		{"createCollaboration 201-char title", createCollab, collab(map[string]any{"title": long(201)}), bad, "title"},
		{"updateCollaboration blank title", updateCollab, withID(w.collab, map[string]any{"title": " "}), bad, "title"},
		{"updateCollaboration 201-char title", updateCollab, withID(w.collab, map[string]any{"title": long(201)}), bad, "title"},
		{"updateCollaboration null title", updateCollab, withID(w.collab, map[string]any{"title": nil}), bad, "title"},
		{"updateCollaboration null form", updateCollab, withID(w.collab, map[string]any{"form": nil, "title": "x"}), bad, "form"},

		// ---- enums ----
		{"unknown enum literal", `mutation($r:String){ createOrganisation(input:{name:"x", kind:NOPE, sector:THIRD, region:$r}){ id } }`,
			map[string]any{"r": w.region}, bad, ""},
		{"enum as a string literal", `mutation($r:String){ createOrganisation(input:{name:"x", kind:"ASSOCIATION", sector:THIRD, region:$r}){ id } }`,
			map[string]any{"r": w.region}, bad, ""},
		{"enum in lower case", `mutation($c:ID!,$o:ID!){ addPartner(collaborationId:$c, organisationId:$o, role:partner){ id } }`,
			map[string]any{"c": w.collab, "o": w.org2}, bad, ""},
		{"unknown enum variable", `mutation($k:OrganisationKind!,$r:String){ createOrganisation(input:{name:"x", kind:$k, sector:THIRD, region:$r}){ id } }`,
			map[string]any{"k": "NOPE", "r": w.region}, bad, ""},
		{"unknown enum inside an input variable", createOrg, org(map[string]any{"sector": "FOURTH"}), bad, ""},
		{"unknown enum in a list variable", createCollab, collab(map[string]any{"partners": []any{map[string]any{"organisationId": w.org, "role": "BOSS"}}}), bad, ""},
		{"unknown phase variable", move, map[string]any{"id": w.collab, "p": "DONE"}, bad, ""},
		{"unknown role variable", addPartner, map[string]any{"c": w.collab, "o": w.org2, "r": "OWNER"}, bad, ""},
		{"unknown enum in a filter", `{ people(filter:{sector:FOURTH}){ totalCount } }`, nil, bad, ""},
		{"unknown tenure literal", `query($id:ID!){ organisation(id:$id){ people(tenure:SOMETIMES){ current } } }`, map[string]any{"id": w.org}, bad, ""},
		{"unknown tenure variable", `query($id:ID!,$t:Tenure){ organisation(id:$id){ people(tenure:$t){ current } } }`,
			map[string]any{"id": w.org, "t": "SOMETIMES"}, bad, ""},

		// ---- lists ----
		{"malformed cursor", `{ people(after:"garbage"){ totalCount } }`, nil, bad, "after"},
		{"cursor not base64", `{ organisations(after:"%%%"){ totalCount } }`, nil, bad, "after"},
		{"cursor without id", `query($c:String){ collaborations(after:$c){ totalCount } }`, map[string]any{"c": cursor(`{"k":"x"}`)}, bad, "after"},
		{"cursor with wrong types", `query($c:String){ people(after:$c){ totalCount } }`, map[string]any{"c": cursor(`{"k":1,"i":2}`)}, bad, "after"},
		{"bad language filter", `{ people(filter:{language:"finnish"}){ totalCount } }`, nil, bad, "language"},
		{"201-char search", `query($s:String){ people(filter:{search:$s}){ totalCount } }`, map[string]any{"s": long(201)}, bad, "search"},

		// ---- conflicts ----
		{"duplicate organisation name", createOrg, org(map[string]any{"name": w.orgName}), conflict, ""},
		{"duplicate organisation name in other case", createOrg, org(map[string]any{"name": strings.ToUpper(w.orgName)}), conflict, ""},
		{"duplicate organisation name with spaces", createOrg, org(map[string]any{"name": "  " + strings.ToLower(w.orgName) + " "}), conflict, ""},
		{"rename to another organisation's name", updateOrg, withID(w.org2, map[string]any{"name": strings.ToUpper(w.orgName), "description": "x"}), conflict, ""},
		{"duplicate topic name", createTopic, map[string]any{"n": w.topicName}, conflict, ""},
		{"duplicate topic name in other case", createTopic, map[string]any{"n": strings.ToUpper(w.topicName)}, conflict, ""},
		{"existing partner", addPartner, map[string]any{"c": w.collab, "o": w.org, "r": "PARTNER"}, conflict, ""},
		{"second LEAD", addPartner, map[string]any{"c": w.collab, "o": w.org2, "r": "LEAD"}, conflict, ""},
		{"existing contributor", addContrib, map[string]any{"c": w.collab, "p": w.person}, conflict, ""},
		{"remove the only partner", removePartner, map[string]any{"c": w.collab, "o": w.org}, conflict, ""},
		{"EVALUATED without an evaluation", move, map[string]any{"id": w.launched, "p": "EVALUATED"}, conflict, ""},
		{"evaluate before launch", evaluate, map[string]any{"id": w.collab, "r": 4}, conflict, ""},

		// ---- evaluation ----
		{"rating 0", evaluate, map[string]any{"id": w.launched, "r": 0}, bad, "rating"},
		{"rating 6", evaluate, map[string]any{"id": w.launched, "r": 6}, bad, "rating"},
		{"rating -1", evaluate, map[string]any{"id": w.launched, "r": -1}, bad, "rating"},
		{"rating not an integer", `mutation($id:ID!){ recordEvaluation(id:$id, input:{rating:4.5}){ id } }`, map[string]any{"id": w.launched}, bad, ""},

		// ---- partners of a new collaboration ----
		{"no partners", createCollab, collab(map[string]any{"partners": []any{}}), bad, "partners"},
		{"no LEAD", createCollab, collab(map[string]any{"partners": []any{map[string]any{"organisationId": w.org, "role": "PARTNER"}}}), bad, "partners"},
		{"two LEADs", createCollab, collab(map[string]any{"partners": []any{
			map[string]any{"organisationId": w.org, "role": "LEAD"}, map[string]any{"organisationId": w.org2, "role": "LEAD"}}}), bad, "partners"},
		{"duplicate partner", createCollab, collab(map[string]any{"partners": []any{
			map[string]any{"organisationId": w.org, "role": "LEAD"}, map[string]any{"organisationId": w.org, "role": "FUNDER"}}}), bad, "partners"},
		{"blank partner id", createCollab, collab(map[string]any{"partners": []any{map[string]any{"organisationId": "  ", "role": "LEAD"}}}), bad, "partners"},
		{"duplicate contributor", createCollab, collab(map[string]any{"contributors": []any{
			map[string]any{"personId": w.person, "role": "LEAD"}, map[string]any{"personId": w.person, "role": "EXPERT"}}}), bad, "contributors"},
		{"created as EVALUATED", createCollab, collab(map[string]any{"phase": "EVALUATED"}), bad, "phase"},
	}
}

func TestBadInput(t *testing.T) {
	a := newAPI(t)
	w := newErrorWorld(a)
	for _, c := range badInputCases(w) {
		t.Run(c.name, func(t *testing.T) {
			a := a.with(t)
			before := w.snapshot(a)
			r := a.do(c.query, c.vars)
			if len(r.Errors) == 0 {
				t.Fatalf("expected %s, got data %s", c.code, r.Data)
			}
			e := r.Errors[0]
			if got := e.Extensions["code"]; got != c.code {
				t.Fatalf("code = %v, want %s (message %q)", got, c.code, e.Message)
			}
			if c.field != "" && e.Extensions["field"] != c.field {
				t.Fatalf("extensions.field = %v, want %q (message %q)", e.Extensions["field"], c.field, e.Message)
			}
			if e.Message == "" || strings.Contains(strings.ToLower(e.Message), "neo4j") || strings.Contains(e.Message, "MATCH") {
				t.Fatalf("message %q is empty or leaks internals", e.Message)
			}
			if after := w.snapshot(a); after != before {
				t.Fatalf("the refused operation changed data:\nbefore: %s\nafter:  %s", before, after)
			}
		})
	}
}

// TestBadDateNamesInputField: a malformed date is the client's input in a
// named field, so the error names that field (as every other domain
// BAD_USER_INPUT does), not the scalar type.
func TestBadDateNamesInputField(t *testing.T) {
	a := newAPI(t)
	person, org := a.newPerson(nil), a.newOrg(nil)
	for _, c := range []struct {
		name  string
		query string
		vars  map[string]any
		field string
	}{
		{"literal startDate", `mutation($p:ID!,$o:ID!){ addExperience(input:{personId:$p, organisationId:$o, kind:EMPLOYMENT, startDate:"2020-13-01"}){ id } }`,
			map[string]any{"p": person, "o": org}, "startDate"},
		{"literal endDate", `mutation($p:ID!,$o:ID!){ addExperience(input:{personId:$p, organisationId:$o, kind:EMPLOYMENT, startDate:"2020-01-01", endDate:"yesterday"}){ id } }`,
			map[string]any{"p": person, "o": org}, "endDate"},
		{"variable endDate", `mutation($in:AddExperienceInput!){ addExperience(input:$in){ id } }`,
			map[string]any{"in": map[string]any{"personId": person, "organisationId": org, "kind": "EMPLOYMENT", "startDate": "2020-01-01", "endDate": "2020-02-30"}}, "endDate"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a.with(t).failsField(c.query, c.vars, "BAD_USER_INPUT", c.field)
		})
	}
}

// TestUnknownIDs: every query by id answers NOT_FOUND for an unknown id,
// with the field as its path and null data for it.
func TestUnknownIDs(t *testing.T) {
	a := newAPI(t)
	missing := storetest.ID("missing")
	for _, field := range []string{"person", "organisation", "collaboration", "topic", "experience"} {
		t.Run(field, func(t *testing.T) {
			a := a.with(t)
			r := a.do(fmt.Sprintf(`query($id:ID!){ %s(id:$id){ id } }`, field), map[string]any{"id": missing})
			if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "NOT_FOUND" {
				t.Fatalf("errors = %+v, want one NOT_FOUND", r.Errors)
			}
			if len(r.Errors[0].Path) != 1 || r.Errors[0].Path[0] != field || !strings.Contains(r.Errors[0].Message, missing) {
				t.Fatalf("error = %+v, want path [%s] and a message naming the id", r.Errors[0], field)
			}
			assertJSON(t, r.Data, fmt.Sprintf(`{%q:null}`, field))
		})
	}
}

// TestErrorCodes: errors that do not come from the domain carry a code too.
func TestErrorCodes(t *testing.T) {
	a := newAPI(t)
	for _, c := range []struct{ name, query, code string }{
		{"parse error", `{ people( }`, "GRAPHQL_PARSE_FAILED"},
		{"unknown field", `{ people { nodes { salary } } }`, "GRAPHQL_VALIDATION_FAILED"},
		{"missing argument", `{ person { id } }`, "GRAPHQL_VALIDATION_FAILED"},
		{"undeclared variable", `{ person(id:$id) { id } }`, "GRAPHQL_VALIDATION_FAILED"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := a.with(t).fails(c.query, nil, c.code)
			if e.Message == "" {
				t.Fatalf("error without a message")
			}
		})
	}
	// A missing required variable is the client's data at fault.
	a.fails(`query($id:ID!){ person(id:$id){ id } }`, nil, "BAD_USER_INPUT")
}

// TestTextLimitsAreInclusive: exactly the limit is accepted.
func TestTextLimitsAreInclusive(t *testing.T) {
	a := newAPI(t)
	name := storetest.ID("n") + strings.Repeat("ä", 200-len(storetest.ID("n")))
	var out struct {
		CreatePerson struct{ Name, Headline string }
	}
	a.ok(`mutation($n:String!,$h:String){ createPerson(input:{name:$n, headline:$h}){ name headline } }`,
		map[string]any{"n": name, "h": strings.Repeat("h", 300)}, &out)
	if out.CreatePerson.Name != name || len([]rune(out.CreatePerson.Name)) != 200 || len(out.CreatePerson.Headline) != 300 {
		t.Fatalf("200-char name / 300-char headline not stored as given: %d / %d", len([]rune(out.CreatePerson.Name)), len(out.CreatePerson.Headline))
	}
	var org struct{ CreateOrganisation struct{ Name string } }
	a.ok(`mutation($n:String!){ createOrganisation(input:{name:$n, kind:OTHER, sector:PRIVATE}){ name } }`,
		map[string]any{"n": name}, &org)
	if org.CreateOrganisation.Name != name {
		t.Fatalf("200-char organisation name = %q", org.CreateOrganisation.Name)
	}
}

// TestHTTPRefusalsAreCoded: requests refused at the HTTP edge, before any
// GraphQL runs, carry extensions.code like every other error, and no answer
// quotes the request back (issue 17, point 3: gqlgen answered a wrong
// Content-Type with an uncoded "transport not supported" and put a whole
// undecodable 840 KB body into its message).
func TestHTTPRefusalsAreCoded(t *testing.T) {
	a := newAPI(t)
	marker := "zq" + strings.Repeat("x", 2000) // must never come back
	big := `{"query":"{ __typename }","variables":{"pad":"` + strings.Repeat("y", graph.MaxBodyBytes) + `"}}`
	tests := []struct {
		name, method, contentType, body, query string
		status                                 int
		code                                   string
	}{
		{name: "text/plain body", method: "POST", contentType: "text/plain", body: `{"query":"{ __typename }"}`, status: 415, code: "BAD_REQUEST"},
		{name: "no Content-Type", method: "POST", body: `{"query":"{ __typename }"}`, status: 415, code: "BAD_REQUEST"},
		{name: "form post", method: "POST", contentType: "application/x-www-form-urlencoded", body: "query=" + marker, status: 415, code: "BAD_REQUEST"},
		{name: "body not JSON", method: "POST", contentType: "application/json", body: "{" + marker, status: 400, code: "BAD_REQUEST"},
		{name: "body a JSON string", method: "POST", contentType: "application/json", body: `"` + marker + `"`, status: 400, code: "BAD_REQUEST"},
		{name: "query not a string", method: "POST", contentType: "application/json", body: `{"query":["` + marker + `"]}`, status: 400, code: "BAD_REQUEST"},
		{name: "empty body", method: "POST", contentType: "application/json", status: 400, code: "BAD_REQUEST"},
		{name: "body over the limit", method: "POST", contentType: "application/json", body: big, status: 413, code: "QUERY_TOO_LARGE"},
		{name: "PUT", method: "PUT", contentType: "application/json", body: `{"query":"{ __typename }"}`, status: 405, code: "BAD_REQUEST"},
		{name: "DELETE", method: "DELETE", status: 405, code: "BAD_REQUEST"},
		{name: "GET with variables not JSON", method: "GET", query: "query=" + url.QueryEscape("query($id:ID!){ person(id:$id){ id } }") + "&variables=" + url.QueryEscape("{"+marker), status: 400, code: "BAD_REQUEST"},
		{name: "GET with variables a list", method: "GET", query: "query=%7B__typename%7D&variables=" + url.QueryEscape(`["`+marker+`"]`), status: 400, code: "BAD_REQUEST"},
		{name: "GET with extensions not JSON", method: "GET", query: "query=%7B__typename%7D&extensions=" + url.QueryEscape(marker), status: 400, code: "BAD_REQUEST"},
		{name: "GET mutation", method: "GET", query: "query=" + url.QueryEscape("mutation { deleteMyData(confirm:true){ erasedAt } }"), status: 405, code: "BAD_REQUEST"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, a.url+"/graphql?"+tc.query, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			var out gqlResponse
			if err := json.Unmarshal(raw, &out); err != nil {
				t.Fatalf("status %d, answer not JSON: %s", resp.StatusCode, truncate(raw, 300))
			}
			if resp.StatusCode != tc.status || len(out.Errors) != 1 || out.Errors[0].Extensions["code"] != tc.code {
				t.Fatalf("status %d, errors %+v; want %d with one %s error", resp.StatusCode, out.Errors, tc.status, tc.code)
			}
			if out.Errors[0].Message == "" {
				t.Error("error without a message")
			}
			if strings.Contains(string(raw), marker[:50]) || len(raw) > 1000 {
				t.Errorf("the answer (%d bytes) quotes the request: %s", len(raw), truncate(raw, 300))
			}
		})
	}

	// What is allowed still works: JSON with a charset, null variables over
	// GET, a JSON-compatible Accept header.
	for _, tc := range []struct{ name, method, contentType, accept, body, query string }{
		{name: "charset", method: "POST", contentType: "application/json; charset=utf-8", body: `{"query":"{ __typename }"}`},
		{name: "graphql-response+json", method: "POST", contentType: "application/json", accept: "application/graphql-response+json", body: `{"query":"{ __typename }"}`},
		{name: "GET with null variables", method: "GET", query: "query=%7B__typename%7D&variables=null"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, a.url+"/graphql?"+tc.query, strings.NewReader(tc.body))
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			if tc.accept != "" {
				req.Header.Set("Accept", tc.accept)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 || string(raw) != `{"data":{"__typename":"Query"}}` {
				t.Fatalf("status %d: %s", resp.StatusCode, raw)
			}
			if want := cmp.Or(tc.accept, "application/json"); !strings.HasPrefix(resp.Header.Get("Content-Type"), want) {
				t.Errorf("Content-Type %q, want %q", resp.Header.Get("Content-Type"), want)
			}
		})
	}
}

// TestIntrospectionSetting: with introspection off (the default outside
// development) __schema and __type are refused and nothing of the schema
// is answered; __typename still works (issue 17, point 8).
func TestIntrospectionSetting(t *testing.T) {
	off := newAPIWith(t, storetest.Open(t), func(o *graph.ServerOptions) { o.Introspection = false })
	for _, q := range []string{`{ __schema { queryType { name } } }`, `{ __type(name: "Person") { fields { name } } }`} {
		r := off.do(q, nil)
		if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] == nil || strings.Contains(string(r.Data), "Person") || strings.Contains(string(r.Data), "Query") {
			t.Errorf("introspection off, %s answered: %s %+v", q, r.Data, r.Errors)
		}
	}
	if r := off.do(`{ __typename }`, nil); len(r.Errors) > 0 {
		t.Errorf("__typename refused: %+v", r.Errors)
	}
	on := newAPI(t)
	var out struct {
		Schema struct{ QueryType struct{ Name string } } `json:"__schema"`
	}
	on.ok(`{ __schema { queryType { name } } }`, nil, &out)
	if out.Schema.QueryType.Name != "Query" {
		t.Errorf("introspection on: %+v", out)
	}
}
