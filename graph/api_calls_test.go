package graph_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/storetest"
)

// The partnership call rows of the authorisation matrix (api_auth_test.go).
// The world's call is published by orgA (edited by "editor own") unless
// the row says otherwise; the response to it comes from orgB ("editor
// other"). A draft is NOT_FOUND for whoever may not see it; a response
// likewise for anyone but the publisher's and the responder's editors.
const callAuthMatrixRows = `
createPartnershipCall   | no        | no        | no        | yes | no        | no        | no        | yes
updatePartnershipCall   | no        | no        | no        | yes | no        | no        | no        | yes
publishPartnershipCall  | not found | not found | not found | yes | not found | not found | not found | yes
closePartnershipCall    | no        | no        | no        | yes | no        | no        | no        | yes
respondToCall           | no        | no        | no        | yes | no        | no        | no        | yes
acceptCallResponse      | not found | not found | not found | yes | no        | not found | not found | yes
declineCallResponse     | not found | not found | not found | yes | no        | not found | not found | yes
partnershipCall (draft) | not found | not found | not found | yes | not found | not found | not found | yes
startCollaboration      | no        | no        | no        | yes | no        | no        | no        | yes
`

// callOpts asks newAuthWorld for a partnership call on a topic of the
// world's own.
type callOpts struct {
	wanted bool
	// draft leaves the call unpublished.
	draft bool
	// byX: orgX publishes the call instead of orgA (so that orgA's editor
	// can answer it).
	byX bool
	// response: orgB has answered the call; accepted: and orgA accepted.
	response, accepted bool
}

const createCall = `mutation($in:CreatePartnershipCallInput!){ createPartnershipCall(input:$in){ id status } }`

func callInput(org, topic string) map[string]any {
	return map[string]any{"organisationId": org, "kind": "NEED", "title": storetest.ID("Kumppanihaku"),
		"description": "Etsimme kumppania vertaistukeen", "topicIds": []string{topic}, "sectorsSought": []string{"THIRD"},
		"closesAt": time.Now().Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339)}
}

func (w *authWorld) addCall(a *api, o callOpts) {
	a.t.Helper()
	w.callTopic, _ = a.newTopic(w.tag + " haku")
	org := w.orgA
	if o.byX {
		org = w.orgX
	}
	d := a.data(createCall, map[string]any{"in": callInput(org, w.callTopic)})
	w.call = dig(d, "createPartnershipCall.id").(string)
	if o.draft {
		return
	}
	a.ok(`mutation($id:ID!){ publishPartnershipCall(id:$id){ id } }`, map[string]any{"id": w.call}, nil)
	if o.response {
		d := a.data(`mutation($c:ID!,$o:ID!){ respondToCall(callId:$c, organisationId:$o, message:"Kiinnostaa"){ id } }`,
			map[string]any{"c": w.call, "o": w.orgB})
		w.response = dig(d, "respondToCall.id").(string)
		if o.accepted {
			a.ok(`mutation($id:ID!){ acceptCallResponse(id:$id){ id } }`, map[string]any{"id": w.response}, nil)
		}
	}
}

// snapshotCalls adds the calls on the world's topic, with their responses,
// to a snapshot.
func (w *authWorld) snapshotCalls(admin *api, out map[string]any) {
	admin.t.Helper()
	d := admin.data(`query($t:ID!){ partnershipCalls(filter:{topic:$t}, first:100){ nodes {
		id kind title description sectorsSought region form closesAt status updatedAt publishedAt
		topics { id } organisation { id }
		responses { id status message decidedAt organisation { id } } } } }`, map[string]any{"t": w.callTopic})
	for _, n := range asList(dig(d, "partnershipCalls.nodes")) {
		out["call:"+dig(n, "id").(string)] = n
	}
}

func init() {
	open := worldOpts{call: callOpts{wanted: true}}
	draft := worldOpts{call: callOpts{wanted: true, draft: true}}
	answered := worldOpts{call: callOpts{wanted: true, response: true}}
	callVars := func(w *authWorld) map[string]any { return map[string]any{"id": w.call} }
	responseVars := func(w *authWorld) map[string]any { return map[string]any{"id": w.response} }
	ops := map[string]authOp{
		"createPartnershipCall": {world: open, query: createCall,
			vars: func(w *authWorld) map[string]any { return map[string]any{"in": callInput(w.orgA, w.callTopic)} }},
		"updatePartnershipCall": {world: open,
			query: `mutation($id:ID!,$t:String!){ updatePartnershipCall(id:$id, input:{title:$t}){ id } }`,
			vars: func(w *authWorld) map[string]any {
				return map[string]any{"id": w.call, "t": storetest.ID("Uusi otsikko")}
			}},
		"publishPartnershipCall": {world: draft, fresh: true,
			query: `mutation($id:ID!){ publishPartnershipCall(id:$id){ id } }`, vars: callVars},
		"closePartnershipCall": {world: open, fresh: true,
			query: `mutation($id:ID!){ closePartnershipCall(id:$id){ id } }`, vars: callVars},
		"respondToCall": {world: worldOpts{call: callOpts{wanted: true, byX: true}}, fresh: true,
			query: `mutation($c:ID!,$o:ID!){ respondToCall(callId:$c, organisationId:$o, message:"Olemme kiinnostuneita"){ id } }`,
			vars:  func(w *authWorld) map[string]any { return map[string]any{"c": w.call, "o": w.orgA} }},
		"acceptCallResponse": {world: answered, fresh: true,
			query: `mutation($id:ID!){ acceptCallResponse(id:$id){ id status } }`, vars: responseVars},
		"declineCallResponse": {world: answered, fresh: true,
			query: `mutation($id:ID!){ declineCallResponse(id:$id){ id status } }`, vars: responseVars},
		"startCollaboration": {world: worldOpts{call: callOpts{wanted: true, response: true, accepted: true}}, fresh: true,
			query: `mutation($in:StartCollaborationInput!){ startCollaboration(input:$in){ id } }`,
			vars: func(w *authWorld) map[string]any {
				return map[string]any{"in": map[string]any{"fromCallId": w.call, "title": "Yhteistyö " + w.tag, "form": "PROJECT"}}
			}},
		"partnershipCall (draft)": {world: draft, read: true,
			query: `query($id:ID!){ partnershipCall(id:$id){ id title } }`, vars: callVars,
			check: func(t *testing.T, w *authWorld, _ authRole, v verdict, resp gqlResponse, _, _ map[string]any) {
				if v == vAllow && dig(decoded(t, resp.Data), "partnershipCall.id") != w.call {
					t.Errorf("partnershipCall = %s", resp.Data)
				}
			}},
	}
	for name, op := range ops {
		authOps[name] = op
	}
}

func TestPartnershipCallLifecycle(t *testing.T) {
	a := newAPI(t)
	topic, _ := a.newTopic("kumppanihaku")
	publisher := a.newOrg(map[string]any{"name": storetest.ID("Kaupunki"), "kind": "MUNICIPALITY", "sector": "PUBLIC", "region": "Turku"})
	responder := a.newOrg(nil)
	other := a.newOrg(nil)
	editor := a.as(auth.Principal{Subject: storetest.ID("editor"), Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{publisher}})
	respEditor := a.as(auth.Principal{Subject: storetest.ID("editor"), Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{responder}})
	otherEditor := a.as(auth.Principal{Subject: storetest.ID("editor"), Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{other}})

	// Bad input is refused with the field at fault.
	in := callInput(publisher, topic)
	in["closesAt"] = time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	editor.failsField(createCall, map[string]any{"in": in}, "BAD_USER_INPUT", "closesAt")
	in = callInput(publisher, topic)
	in["topicIds"] = []string{}
	editor.failsField(createCall, map[string]any{"in": in}, "BAD_USER_INPUT", "topicIds")
	otherEditor.fails(createCall, map[string]any{"in": callInput(publisher, topic)}, "FORBIDDEN")
	var none struct{ PartnershipCalls struct{ TotalCount int } }
	a.ok(`query($t:ID!){ partnershipCalls(filter:{topic:$t}){ totalCount } }`, map[string]any{"t": topic}, &none)
	if none.PartnershipCalls.TotalCount != 0 {
		t.Fatalf("refused creations stored %d calls", none.PartnershipCalls.TotalCount)
	}

	in = callInput(publisher, topic)
	in["region"], in["form"], in["kind"] = "Turku", "PARTNERSHIP_AGREEMENT", "OFFER"
	id := dig(editor.data(createCall, map[string]any{"in": in}), "createPartnershipCall.id").(string)
	list := `query($f:PartnershipCallFilter){ partnershipCalls(filter:$f){ totalCount nodes { id status kind region form
		organisation { id name } topics { id } } } }`
	count := func(c *api, f map[string]any) int {
		t.Helper()
		f["topic"] = topic
		return int(dig(c.data(list, map[string]any{"f": f}), "partnershipCalls.totalCount").(float64))
	}
	if n := count(a.anonymous(), map[string]any{}); n != 0 {
		t.Fatalf("anonymous sees %d drafts", n)
	}
	if n := count(editor, map[string]any{"status": "DRAFT"}); n != 1 {
		t.Fatalf("the publisher's editor sees %d drafts", n)
	}
	editor.ok(`mutation($id:ID!){ publishPartnershipCall(id:$id){ id } }`, map[string]any{"id": id}, nil)
	for _, f := range []map[string]any{{}, {"status": "OPEN"}, {"kind": "OFFER"}, {"sector": "THIRD"}, {"region": "Turku"}} {
		if n := count(a.anonymous(), f); n != 1 {
			t.Errorf("anonymous, filter %v: %d calls, want 1", f, n)
		}
	}
	for _, f := range []map[string]any{{"status": "CLOSED"}, {"kind": "NEED"}, {"sector": "PUBLIC"}, {"region": "Oulu"}} {
		if n := count(a.anonymous(), f); n != 0 {
			t.Errorf("anonymous, filter %v: %d calls, want 0", f, n)
		}
	}
	a.anonymous().okJSON(`query($id:ID!){ partnershipCall(id:$id){ status kind region form organisation { id } topics { id } } }`,
		map[string]any{"id": id}, `{"partnershipCall":{"status":"OPEN","kind":"OFFER","region":"Turku","form":"PARTNERSHIP_AGREEMENT",
		"organisation":{"id":"`+publisher+`"},"topics":[{"id":"`+topic+`"}]}}`)

	// Responses: one per organisation; the publisher decides once.
	const respond = `mutation($c:ID!,$o:ID!){ respondToCall(callId:$c, organisationId:$o, message:"Kiinnostaa"){ id status organisation { id } call { id } } }`
	r := respEditor.data(respond, map[string]any{"c": id, "o": responder})
	rid := dig(r, "respondToCall.id").(string)
	respEditor.fails(respond, map[string]any{"c": id, "o": responder}, "CONFLICT")
	editor.fails(respond, map[string]any{"c": id, "o": publisher}, "BAD_USER_INPUT")
	otherEditor.ok(respond, map[string]any{"c": id, "o": other}, nil)
	responses := `query($id:ID!){ partnershipCall(id:$id){ responses { id status organisation { id } } } }`
	for _, c := range []struct {
		who  *api
		want int
	}{{editor, 2}, {respEditor, 1}, {otherEditor, 1}, {a.anonymous(), 0}, {a, 2}} {
		if got := len(asList(dig(c.who.data(responses, map[string]any{"id": id}), "partnershipCall.responses"))); got != c.want {
			t.Errorf("%d responses visible, want %d", got, c.want)
		}
	}
	respEditor.fails(`mutation($id:ID!){ acceptCallResponse(id:$id){ id } }`, map[string]any{"id": rid}, "FORBIDDEN")

	// Two editors of the publisher accept the same response at once:
	// exactly one transition.
	editor2 := a.as(auth.Principal{Subject: storetest.ID("editor"), Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{publisher}})
	var wg sync.WaitGroup
	results := make([]gqlResponse, 2)
	for i, c := range []*api{editor, editor2} {
		wg.Go(func() {
			mutation := `mutation($id:ID!){ acceptCallResponse(id:$id){ id status } }`
			if i == 1 {
				mutation = `mutation($id:ID!){ declineCallResponse(id:$id){ id status } }`
			}
			results[i], _ = c.try(mutation, map[string]any{"id": rid})
		})
	}
	wg.Wait()
	ok, conflict := 0, 0
	for _, res := range results {
		switch {
		case len(res.Errors) == 0:
			ok++
		case res.Errors[0].Extensions["code"] == "CONFLICT":
			conflict++
		default:
			t.Fatalf("concurrent decision: %+v", res.Errors)
		}
	}
	if ok != 1 || conflict != 1 {
		t.Fatalf("%d decisions succeeded and %d conflicted, want 1 and 1", ok, conflict)
	}

	// Closing, filling; a closed call takes no responses and no edits.
	editor.ok(`mutation($id:ID!){ closePartnershipCall(id:$id){ status } }`, map[string]any{"id": id}, nil)
	a.fails(respond, map[string]any{"c": id, "o": a.newOrg(nil)}, "CONFLICT")
	editor.fails(`mutation($id:ID!){ updatePartnershipCall(id:$id, input:{title:"Uusi"}){ id } }`, map[string]any{"id": id}, "CONFLICT")
	editor.okJSON(`mutation($id:ID!){ closePartnershipCall(id:$id, filled:true){ status } }`, map[string]any{"id": id},
		`{"closePartnershipCall":{"status":"FILLED"}}`)
	editor.fails(`mutation($id:ID!){ publishPartnershipCall(id:$id){ id } }`, map[string]any{"id": id}, "CONFLICT")
}

func TestPartnershipCallUpdate(t *testing.T) {
	a := newAPI(t)
	topic, _ := a.newTopic("kumppanihaku")
	topic2, _ := a.newTopic("kumppanihaku")
	org := a.newOrg(nil)
	id := dig(a.data(createCall, map[string]any{"in": callInput(org, topic)}), "createPartnershipCall.id").(string)
	a.okJSON(`mutation($id:ID!,$t:[ID!]){ updatePartnershipCall(id:$id, input:{title:"Uusi haku", topicIds:$t, region:"Oulu",
		form:PROJECT, sectorsSought:[ACADEMIA, PRIVATE]}){ title region form sectorsSought topics { id } } }`,
		map[string]any{"id": id, "t": []string{topic2}},
		`{"updatePartnershipCall":{"title":"Uusi haku","region":"Oulu","form":"PROJECT","sectorsSought":["ACADEMIA","PRIVATE"],
		"topics":[{"id":"`+topic2+`"}]}}`)
	a.okJSON(`mutation($id:ID!){ updatePartnershipCall(id:$id, input:{region:null, form:null}){ region form } }`,
		map[string]any{"id": id}, `{"updatePartnershipCall":{"region":null,"form":null}}`)
	a.failsField(`mutation($id:ID!){ updatePartnershipCall(id:$id, input:{title:null}){ id } }`, map[string]any{"id": id},
		"BAD_USER_INPUT", "title")
	a.failsField(`mutation($id:ID!){ updatePartnershipCall(id:$id, input:{closesAt:"2020-01-01T00:00:00Z"}){ id } }`,
		map[string]any{"id": id}, "BAD_USER_INPUT", "closesAt")
	a.fails(`mutation{ updatePartnershipCall(id:"no-such-call", input:{title:"x"}){ id } }`, nil, "NOT_FOUND")
}

func TestSuggestedPartners(t *testing.T) {
	a := newAPI(t)
	topic, _ := a.newTopic("kumppanihaku")
	other, _ := a.newTopic("kumppanihaku")
	org := func(name, sector, region string, topics ...string) string {
		return a.newOrg(map[string]any{"name": storetest.ID(name), "sector": sector, "region": region, "topicIds": topics})
	}
	publisher := org("Kaupunki", "PUBLIC", "Turku", topic)
	near := org("Lähellä", "THIRD", "Turku", topic)
	far := org("Kaukana", "THIRD", "Oulu", topic)
	wrongSector := org("Yritys", "PRIVATE", "Turku", topic)
	partnerAlready := org("Kumppani", "THIRD", "Turku", topic)
	offTopic := org("Muu", "THIRD", "Turku", other)
	a.newCollab(map[string]any{"topicIds": []string{topic}, "partners": []any{
		map[string]any{"organisationId": publisher, "role": "LEAD"}, map[string]any{"organisationId": partnerAlready, "role": "PARTNER"}}})
	translator := a.newPerson(map[string]any{"name": storetest.ID("Tulkki"), "visibility": "PUBLIC", "openToBridging": true})
	a.newExperience(translator, publisher, "2015-01-01", "2019-12-31")
	a.newExperience(translator, near, "2020-01-01", "")

	in := callInput(publisher, topic)
	in["region"] = "Turku"
	id := dig(a.data(createCall, map[string]any{"in": in}), "createPartnershipCall.id").(string)
	a.ok(`mutation($id:ID!){ publishPartnershipCall(id:$id){ id } }`, map[string]any{"id": id}, nil)

	var out struct {
		PartnershipCall struct {
			SuggestedPartners []struct {
				Organisation struct{ ID string }
				Score        float64
				Breakdown    []struct {
					Name  string
					Value float64
				}
				SharedTopics []struct{ ID string }
				Explanation  string
				Translators  []struct {
					Score  float64
					Person struct{ ID string }
				}
			}
		}
	}
	a.anonymous().ok(`query($id:ID!){ partnershipCall(id:$id){ suggestedPartners(first:10){ organisation { id } score
		breakdown { name value } sharedTopics { id } explanation translators { score person { id } } } } }`,
		map[string]any{"id": id}, &out)
	got := out.PartnershipCall.SuggestedPartners
	var ids []string
	for _, s := range got {
		ids = append(ids, s.Organisation.ID)
	}
	if len(got) != 2 || got[0].Organisation.ID != near || got[1].Organisation.ID != far {
		t.Fatalf("suggested %v, want [near far] = [%s %s] (not %s, %s, %s)", ids, near, far, wrongSector, partnerAlready, offTopic)
	}
	best := got[0]
	if len(best.Translators) == 0 || best.Translators[0].Person.ID != translator {
		t.Fatalf("the best suggestion's translators %+v, want %s", best.Translators, translator)
	}
	if len(got[1].Translators) != 0 {
		t.Fatalf("nobody knows both the publisher and %s, yet %+v", far, got[1].Translators)
	}
	for _, s := range got {
		product, names := 1.0, []string{}
		for _, c := range s.Breakdown {
			product *= c.Value
			names = append(names, c.Name)
		}
		if diff := product - s.Score; diff > 1e-9 || diff < -1e-9 || len(s.Breakdown) != 5 {
			t.Errorf("score %v is not the product %v of %v", s.Score, product, names)
		}
		if len(s.SharedTopics) != 1 || s.SharedTopics[0].ID != topic || s.Explanation == "" {
			t.Errorf("suggestion %+v", s)
		}
	}
	region := func(s int) float64 {
		for _, c := range got[s].Breakdown {
			if c.Name == "region" {
				return c.Value
			}
		}
		return -1
	}
	if region(0) != 1 || region(1) >= 1 {
		t.Errorf("region factors %v and %v, want 1 inside the call's region and less outside", region(0), region(1))
	}
	a.fails(`query($id:ID!){ partnershipCall(id:$id){ suggestedPartners(first:21){ score } } }`, map[string]any{"id": id}, "BAD_USER_INPUT")
}

func TestStartCollaborationFromCall(t *testing.T) {
	a := newAPI(t)
	topic, _ := a.newTopic("kumppanihaku")
	publisher, responder := a.newOrg(nil), a.newOrg(nil)
	id := dig(a.data(createCall, map[string]any{"in": callInput(publisher, topic)}), "createPartnershipCall.id").(string)
	start := `mutation($in:StartCollaborationInput!){ startCollaboration(input:$in){ phase form
		partners { role organisation { id } } topics { id } originCall { id status } introducedBy { id } } }`
	in := map[string]any{"fromCallId": id, "title": storetest.ID("Yhteistyö"), "form": "PARTNERSHIP_AGREEMENT"}
	a.fails(start, map[string]any{"in": in}, "CONFLICT") // a draft
	a.ok(`mutation($id:ID!){ publishPartnershipCall(id:$id){ id } }`, map[string]any{"id": id}, nil)
	a.fails(start, map[string]any{"in": in}, "CONFLICT") // nobody accepted
	rid := dig(a.data(`mutation($c:ID!,$o:ID!){ respondToCall(callId:$c, organisationId:$o){ id } }`,
		map[string]any{"c": id, "o": responder}), "respondToCall.id").(string)
	a.ok(`mutation($id:ID!){ acceptCallResponse(id:$id){ id } }`, map[string]any{"id": rid}, nil)
	both := map[string]any{"fromCallId": id, "fromIntroductionId": "x", "title": "x", "form": "PROJECT"}
	a.failsField(start, map[string]any{"in": both}, "BAD_USER_INPUT", "fromCallId")

	a.okJSON(start, map[string]any{"in": in}, `{"startCollaboration":{"phase":"PARTNERS_MAPPED","form":"PARTNERSHIP_AGREEMENT",
		"partners":[{"role":"LEAD","organisation":{"id":"`+publisher+`"}},{"role":"PARTNER","organisation":{"id":"`+responder+`"}}],
		"topics":[{"id":"`+topic+`"}],"originCall":{"id":"`+id+`","status":"OPEN"},"introducedBy":null}}`)
	a.fails(start, map[string]any{"in": in}, "CONFLICT") // once per call
	a.okJSON(`mutation($id:ID!){ closePartnershipCall(id:$id, filled:true){ status } }`, map[string]any{"id": id},
		`{"closePartnershipCall":{"status":"FILLED"}}`)
	// The origin is read with the collaboration in lists too.
	d := a.data(`query($o:ID!){ collaborations(filter:{organisationId:$o}){ nodes { originCall { id title } } } }`,
		map[string]any{"o": responder})
	if dig(d, "collaborations.nodes.0.originCall.id") != id {
		t.Fatalf("collaborations list: %v", d)
	}
}

// TestStartCollaborationOnce: two editors of the publisher start a
// collaboration from the same call at once; exactly one is made.
func TestStartCollaborationOnce(t *testing.T) {
	a := newAPI(t)
	topic, _ := a.newTopic("kumppanihaku")
	publisher, responder := a.newOrg(nil), a.newOrg(nil)
	id := dig(a.data(createCall, map[string]any{"in": callInput(publisher, topic)}), "createPartnershipCall.id").(string)
	a.ok(`mutation($id:ID!){ publishPartnershipCall(id:$id){ id } }`, map[string]any{"id": id}, nil)
	rid := dig(a.data(`mutation($c:ID!,$o:ID!){ respondToCall(callId:$c, organisationId:$o){ id } }`,
		map[string]any{"c": id, "o": responder}), "respondToCall.id").(string)
	a.ok(`mutation($id:ID!){ acceptCallResponse(id:$id){ id } }`, map[string]any{"id": rid}, nil)
	var wg sync.WaitGroup
	results := make([]gqlResponse, 3)
	for i := range results {
		editor := a.as(auth.Principal{Subject: storetest.ID("editor"), Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{publisher}})
		wg.Go(func() {
			results[i], _ = editor.try(`mutation($in:StartCollaborationInput!){ startCollaboration(input:$in){ id } }`,
				map[string]any{"in": map[string]any{"fromCallId": id, "title": storetest.ID("Yhteistyö"), "form": "PROJECT"}})
		})
	}
	wg.Wait()
	ok := 0
	for _, r := range results {
		switch {
		case len(r.Errors) == 0:
			ok++
		case r.Errors[0].Extensions["code"] != "CONFLICT":
			t.Fatalf("concurrent start: %+v", r.Errors)
		}
	}
	d := a.data(`query($o:ID!){ collaborations(filter:{organisationId:$o}){ totalCount } }`, map[string]any{"o": responder})
	if ok != 1 || dig(d, "collaborations.totalCount") != 1.0 {
		t.Fatalf("%d starts succeeded, %v collaborations, want 1 and 1", ok, dig(d, "collaborations.totalCount"))
	}
}

// TestCreatePartnershipCallWithIdempotencyKey: a retried createPartnershipCall
// with the same Idempotency-Key answers the first call, not a second one.
func TestCreatePartnershipCallWithIdempotencyKey(t *testing.T) {
	a := newAPI(t)
	topic, _ := a.newTopic("kumppanihaku")
	vars := map[string]any{"in": callInput(a.newOrg(nil), topic)}
	key := storetest.ID("key")
	_, first := a.withKey(key, createCall, vars)
	_, again := a.withKey(key, createCall, vars)
	if len(first.Errors) > 0 || len(again.Errors) > 0 {
		t.Fatalf("errors %+v %+v", first.Errors, again.Errors)
	}
	id1 := dig(decoded(t, first.Data), "createPartnershipCall.id")
	if id1 == nil || id1 != dig(decoded(t, again.Data), "createPartnershipCall.id") {
		t.Fatalf("first %s, retry %s", first.Data, again.Data)
	}
	d := a.data(`query($t:ID!){ partnershipCalls(filter:{topic:$t}){ totalCount } }`, map[string]any{"t": topic})
	if dig(d, "partnershipCalls.totalCount") != 1.0 {
		t.Fatalf("%v calls, want 1", dig(d, "partnershipCalls.totalCount"))
	}
}

// partnershipCalls pages past 50 calls: every call once, in title order,
// whatever the page size, with hasNextPage false on the last page only.
func TestPartnershipCallsPaging(t *testing.T) {
	a := newAPI(t)
	topic, _ := a.newTopic("sivutus")
	org := a.newOrg(nil)
	const calls = 55
	var created []string
	for range calls {
		id := dig(a.data(createCall, map[string]any{"in": callInput(org, topic)}), "createPartnershipCall.id").(string)
		a.ok(`mutation($id:ID!){ publishPartnershipCall(id:$id){ id } }`, map[string]any{"id": id}, nil)
		created = append(created, id)
	}
	const page = `query($t:ID!,$n:Int,$a:String){ partnershipCalls(filter:{topic:$t, status:OPEN}, first:$n, after:$a){
		totalCount pageInfo { hasNextPage endCursor } nodes { id title } } }`
	for _, tc := range []struct {
		first int
		pages int
	}{{first: 20, pages: 3}, {first: 50, pages: 2}, {first: 100, pages: 1}} {
		t.Run(fmt.Sprint(tc.first), func(t *testing.T) {
			c := a.anonymous().with(t)
			var seen, titles []string
			var after any
			for p := 1; ; p++ {
				d := c.data(page, map[string]any{"t": topic, "n": tc.first, "a": after})
				if n := dig(d, "partnershipCalls.totalCount"); n != float64(calls) {
					t.Fatalf("page %d: totalCount %v, want %d", p, n, calls)
				}
				for _, n := range asList(dig(d, "partnershipCalls.nodes")) {
					seen = append(seen, dig(n, "id").(string))
					titles = append(titles, dig(n, "title").(string))
				}
				next := dig(d, "partnershipCalls.pageInfo.hasNextPage").(bool)
				if next != (p < tc.pages) {
					t.Fatalf("page %d of %d: hasNextPage %v", p, tc.pages, next)
				}
				if !next {
					break
				}
				after = dig(d, "partnershipCalls.pageInfo.endCursor")
			}
			if !slices.IsSorted(titles) {
				t.Errorf("not in title order: %v", titles)
			}
			if got, want := slices.Sorted(slices.Values(seen)), slices.Sorted(slices.Values(created)); !slices.Equal(got, want) {
				t.Errorf("pages hold %d calls (%d distinct of the %d created)", len(seen), len(slices.Compact(got)), calls)
			}
		})
	}
	a.fails(`query($t:ID!){ partnershipCalls(filter:{topic:$t}, after:"not a cursor"){ totalCount } }`,
		map[string]any{"t": topic}, "BAD_USER_INPUT")
}
