package graph_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/storetest"
)

// The introduction rows of the authorisation matrix (api_auth_test.go).
// The translator is the "other" professional (open to bridging); the
// request goes from orgA ("editor own") to orgB ("editor other"). Whoever
// is not involved gets NOT_FOUND, as for an introduction that does not
// exist; the requesting side may not answer, the other side not before
// the translator, and an administrator cannot consent for anyone.
const introAuthMatrixRows = `
requestIntroduction  | no        | no        | no  | yes | no  | yes       | no        | yes
acceptIntroduction   | not found | not found | yes | no  | no  | not found | not found | no
declineIntroduction  | not found | not found | yes | no  | no  | not found | not found | no
withdrawIntroduction | not found | not found | no  | yes | no  | not found | not found | yes
introduction (read)  | not found | not found | yes | yes | yes | not found | not found | yes
`

// introOpts asks newAuthWorld for the translator (and a request to them).
type introOpts struct {
	wanted  bool
	request bool
}

func (w *authWorld) addIntroduction(a *api, o introOpts) {
	a.t.Helper()
	a.ok(`mutation($id:ID!){ updatePerson(id:$id, input:{openToBridging:true}){ id } }`, map[string]any{"id": w.other}, nil)
	if o.request {
		w.introduction = dig(a.data(requestIntro, introVars(w)), "requestIntroduction.id").(string)
		page, _, err := a.st.Inbox(context.Background(), model.Reader{Subject: w.other}, false, 1, nil)
		if err != nil || len(page.Items) != 1 {
			a.t.Fatalf("the translator's inbox: %v, %v", page, err)
		}
		w.translatorInboxItem = page.Items[0].ID
	}
}

func introVars(w *authWorld) map[string]any {
	return map[string]any{"in": map[string]any{"translatorId": w.other, "fromOrganisationId": w.orgA,
		"toOrganisationId": w.orgB, "message": "Esittelisitkö?"}}
}

// snapshotIntroductions adds the translator's count of introductions and
// the world's introduction to a snapshot.
func (w *authWorld) snapshotIntroductions(admin *api, out map[string]any) {
	admin.t.Helper()
	out["credit:"+w.other] = dig(admin.data(`query($id:ID!){ person(id:$id){ introductions { made accepted connected } } }`,
		map[string]any{"id": w.other}), "person.introductions")
	if w.introduction != "" {
		out["introduction:"+w.introduction] = readIntro(admin, w.introduction)
		out["inbox:"+w.other] = unreadOf(admin, w.other)
	}
}

func init() {
	requested := worldOpts{intro: introOpts{wanted: true, request: true}}
	vars := func(w *authWorld) map[string]any { return map[string]any{"id": w.introduction} }
	ops := map[string]authOp{
		"requestIntroduction": {world: worldOpts{intro: introOpts{wanted: true}}, fresh: true, query: requestIntro, vars: introVars},
		"acceptIntroduction": {world: requested, fresh: true,
			query: `mutation($id:ID!){ acceptIntroduction(id:$id){ status } }`, vars: vars},
		"declineIntroduction": {world: requested, fresh: true,
			query: `mutation($id:ID!){ declineIntroduction(id:$id){ status } }`, vars: vars},
		"withdrawIntroduction": {world: requested, fresh: true,
			query: `mutation($id:ID!){ withdrawIntroduction(id:$id){ status } }`, vars: vars},
		"introduction (read)": {world: requested, read: true,
			query: `query($id:ID!){ introduction(id:$id){ id status } }`, vars: vars},
	}
	for name, op := range ops {
		authOps[name] = op
	}
}

const requestIntro = `mutation($in:RequestIntroductionInput!){ requestIntroduction(input:$in){ id status } }`

const introFields = `id status message expiresAt translator { id } from { id } to { id } call { id }
	history { status at by { id } } contacts { role name email phone }`

// introWorld: orgA's editor asks translator (a stint at each) for an
// introduction to orgB; each side has an editor with a profile and
// contact details.
type introWorld struct {
	orgA, orgB, translator, private, closed string
	editorA, editorB, translatorAPI         *api
	editorAID, editorBID                    string
}

func newIntroWorld(a *api) *introWorld {
	a.t.Helper()
	w := &introWorld{orgA: a.newOrg(map[string]any{"sector": "PUBLIC", "kind": "MUNICIPALITY"}), orgB: a.newOrg(nil)}
	w.translator = a.newPerson(map[string]any{"visibility": "MEMBERS", "openToBridging": true,
		"email": uniqueEmail("tulkki"), "phone": uniquePhone()})
	a.newExperience(w.translator, w.orgA, "2015-01-01", "2019-12-31")
	a.newExperience(w.translator, w.orgB, "2020-01-01", "")
	w.private = a.newPerson(map[string]any{"visibility": "PRIVATE", "openToBridging": true})
	w.closed = a.newPerson(map[string]any{"visibility": "PUBLIC", "openToBridging": false})
	w.editorAID = a.newPerson(map[string]any{"email": uniqueEmail("pyytaja"), "phone": uniquePhone()})
	w.editorBID = a.newPerson(map[string]any{"email": uniqueEmail("vastaanottaja")})
	w.editorA = a.as(auth.Principal{Subject: w.editorAID, Roles: []auth.Role{auth.RoleOrgEditor, auth.RoleProfessional}, Orgs: []string{w.orgA}})
	w.editorB = a.as(auth.Principal{Subject: w.editorBID, Roles: []auth.Role{auth.RoleOrgEditor, auth.RoleProfessional}, Orgs: []string{w.orgB}})
	w.translatorAPI = a.as(auth.Principal{Subject: w.translator, Roles: []auth.Role{auth.RoleProfessional}})
	return w
}

func (w *introWorld) input(translator string) map[string]any {
	return map[string]any{"in": map[string]any{"translatorId": translator, "fromOrganisationId": w.orgA,
		"toOrganisationId": w.orgB, "message": "Voisitko esitellä meidät?"}}
}

func (w *introWorld) request(a *api) string {
	a.t.Helper()
	return dig(w.editorA.data(requestIntro, w.input(w.translator)), "requestIntroduction.id").(string)
}

func readIntro(c *api, id string) map[string]any {
	c.t.Helper()
	return dig(c.data(`query($id:ID!){ introduction(id:$id){ `+introFields+` } }`, map[string]any{"id": id}), "introduction").(map[string]any)
}

func TestIntroductionDoubleOptIn(t *testing.T) {
	a := newAPI(t)
	w := newIntroWorld(a)
	id := w.request(a)
	stranger := a.as(auth.Principal{Subject: storetest.ID("muu"), Roles: []auth.Role{auth.RoleProfessional}})
	stranger.fails(`query($id:ID!){ introduction(id:$id){ id } }`, map[string]any{"id": id}, "NOT_FOUND")
	a.anonymous().fails(`query($id:ID!){ introduction(id:$id){ id } }`, map[string]any{"id": id}, "NOT_FOUND")

	// Nobody's contact details before CONNECTED.
	for _, c := range []*api{w.editorA, w.editorB, w.translatorAPI, a} {
		if got := readIntro(c, id); len(asList(got["contacts"])) != 0 || got["status"] != "REQUESTED" {
			t.Fatalf("before CONNECTED: %v", got)
		}
	}
	// Turns: the other organisation cannot go first, the requester never
	// accepts, an admin cannot consent for anyone.
	accept := `mutation($id:ID!){ acceptIntroduction(id:$id){ status } }`
	for _, c := range []*api{w.editorB, w.editorA, a} {
		c.fails(accept, map[string]any{"id": id}, "FORBIDDEN")
	}
	w.translatorAPI.okJSON(accept, map[string]any{"id": id}, `{"acceptIntroduction":{"status":"ACCEPTED_BY_TRANSLATOR"}}`)
	// Answering twice is a lost race (another tab), not a missing right.
	w.translatorAPI.fails(accept, map[string]any{"id": id}, "CONFLICT")
	w.editorB.okJSON(accept, map[string]any{"id": id}, `{"acceptIntroduction":{"status":"CONNECTED"}}`)

	// Connected: the requester sees the translator's and the accepting
	// editor's details; the other side sees the requester's.
	roles := func(c *api) map[string]string {
		out := map[string]string{}
		for _, x := range asList(readIntro(c, id)["contacts"]) {
			email, _ := dig(x, "email").(string)
			out[dig(x, "role").(string)] = email
		}
		return out
	}
	if got := roles(w.editorA); len(got) != 2 || got["TRANSLATOR"] == "" || got["RECIPIENT"] == "" {
		t.Errorf("the requester sees %v", got)
	}
	for _, c := range []*api{w.editorB, w.translatorAPI} {
		if got := roles(c); len(got) != 1 || got["REQUESTER"] == "" {
			t.Errorf("the other side sees %v", got)
		}
	}
	got := readIntro(w.editorA, id)
	var steps []string
	for _, h := range asList(got["history"]) {
		steps = append(steps, dig(h, "status").(string)+" by "+dig(h, "by.id").(string))
	}
	want := []string{"REQUESTED by " + w.editorAID, "ACCEPTED_BY_TRANSLATOR by " + w.translator, "CONNECTED by " + w.editorBID}
	if !jsonEqual(steps, want) {
		t.Errorf("history %v, want %v", steps, want)
	}
	// It is over: nothing more to answer or withdraw.
	w.editorB.fails(accept, map[string]any{"id": id}, "CONFLICT")
	w.editorA.fails(`mutation($id:ID!){ withdrawIntroduction(id:$id){ status } }`, map[string]any{"id": id}, "CONFLICT")

	// Credit, to the translator themselves and admins only.
	credit := `query($id:ID!){ person(id:$id){ introductions { made accepted connected collaborations } } }`
	w.translatorAPI.okJSON(credit, map[string]any{"id": w.translator},
		`{"person":{"introductions":{"made":1,"accepted":1,"connected":1,"collaborations":0}}}`)
	w.editorA.okJSON(credit, map[string]any{"id": w.translator}, `{"person":{"introductions":null}}`)
}

func TestIntroductionRefusals(t *testing.T) {
	a := newAPI(t)
	w := newIntroWorld(a)
	// Who may not be asked: a private person, one not open to bridging, and
	// nobody at all get the same answer.
	var messages []string
	for _, p := range []string{w.private, w.closed, storetest.ID("nobody")} {
		messages = append(messages, w.editorA.fails(requestIntro, w.input(p), "FORBIDDEN").Message)
	}
	if messages[0] != messages[1] || messages[1] != messages[2] {
		t.Errorf("refusals differ and so tell who exists: %q", messages)
	}
	// Who may not ask: anyone but the from organisation's editors,
	// facilitators and admins.
	for _, c := range []*api{a.anonymous(), w.editorB, w.translatorAPI} {
		c.fails(requestIntro, w.input(w.translator), "FORBIDDEN")
	}
	w.editorA.failsField(requestIntro, map[string]any{"in": map[string]any{"translatorId": w.translator,
		"fromOrganisationId": w.orgA, "toOrganisationId": w.orgA}}, "BAD_USER_INPUT", "toOrganisationId")
	credit := `query($id:ID!){ person(id:$id){ introductions { made } } }`
	a.okJSON(credit, map[string]any{"id": w.translator}, `{"person":{"introductions":{"made":0}}}`)

	// One open request per (from, translator, to): CONFLICT, also when
	// several are sent at once.
	var wg sync.WaitGroup
	results := make([]gqlResponse, 3)
	for i := range results {
		wg.Go(func() { results[i], _ = w.editorA.try(requestIntro, w.input(w.translator)) })
	}
	wg.Wait()
	ok := 0
	var id string
	for _, r := range results {
		if len(r.Errors) == 0 {
			ok++
			id = dig(decoded(t, r.Data), "requestIntroduction.id").(string)
		} else if r.Errors[0].Extensions["code"] != "CONFLICT" {
			t.Fatalf("concurrent request: %+v", r.Errors)
		}
	}
	if ok != 1 {
		t.Fatalf("%d of 3 identical concurrent requests stored, want 1", ok)
	}
	a.okJSON(credit, map[string]any{"id": w.translator}, `{"person":{"introductions":{"made":1}}}`)

	// Withdrawn: by the requester only; then it cannot be accepted.
	withdraw := `mutation($id:ID!){ withdrawIntroduction(id:$id){ status } }`
	for _, c := range []*api{w.translatorAPI, w.editorB} {
		c.fails(withdraw, map[string]any{"id": id}, "FORBIDDEN")
	}
	w.editorA.okJSON(withdraw, map[string]any{"id": id}, `{"withdrawIntroduction":{"status":"WITHDRAWN"}}`)
	w.translatorAPI.fails(`mutation($id:ID!){ acceptIntroduction(id:$id){ status } }`, map[string]any{"id": id}, "CONFLICT")

	// Declined: cannot be asked again for 90 days.
	id = w.request(a)
	w.translatorAPI.okJSON(`mutation($id:ID!){ declineIntroduction(id:$id){ status } }`, map[string]any{"id": id},
		`{"declineIntroduction":{"status":"DECLINED"}}`)
	w.editorA.fails(requestIntro, w.input(w.translator), "CONFLICT")

	// Two answers at once: exactly one transition.
	facilitator := a.as(auth.Principal{Subject: storetest.ID("fasilitaattori"), Roles: []auth.Role{auth.RoleFacilitator}})
	in := w.input(w.translator)
	in["in"].(map[string]any)["toOrganisationId"] = a.newOrg(nil)
	id = dig(facilitator.data(requestIntro, in), "requestIntroduction.id").(string)
	for i := range 2 {
		wg.Go(func() {
			m := `mutation($id:ID!){ acceptIntroduction(id:$id){ status } }`
			if i == 1 {
				m = `mutation($id:ID!){ declineIntroduction(id:$id){ status } }`
			}
			results[i], _ = w.translatorAPI.try(m, map[string]any{"id": id})
		})
	}
	wg.Wait()
	if (len(results[0].Errors) == 0) == (len(results[1].Errors) == 0) {
		t.Fatalf("concurrent answers: %+v / %+v, want exactly one to succeed", results[0], results[1])
	}
	for _, r := range results[:2] {
		if len(r.Errors) > 0 && r.Errors[0].Extensions["code"] != "CONFLICT" {
			t.Fatalf("the losing answer: %+v", r.Errors)
		}
	}
	if h := asList(readIntro(a, id)["history"]); len(h) != 2 {
		t.Fatalf("history %v, want the request and one answer", h)
	}
}

// TestTranslatorBusy: a translator with five open requests cannot be asked
// until they answer one.
func TestTranslatorBusy(t *testing.T) {
	a := newAPI(t)
	w := newIntroWorld(a)
	var ids []string
	for range 5 {
		in := w.input(w.translator)
		in["in"].(map[string]any)["toOrganisationId"] = a.newOrg(nil)
		ids = append(ids, dig(w.editorA.data(requestIntro, in), "requestIntroduction.id").(string))
	}
	var got struct{ Person struct{ Busy bool } }
	w.editorA.ok(`query($id:ID!){ person(id:$id){ busy } }`, map[string]any{"id": w.translator}, &got)
	if !got.Person.Busy {
		t.Error("a translator with five open requests is not shown as busy")
	}
	e := w.editorA.fails(requestIntro, w.input(w.translator), "CONFLICT")
	if !strings.Contains(e.Message, "busy") {
		t.Errorf("busy refusal says %q", e.Message)
	}
	w.translatorAPI.ok(`mutation($id:ID!){ declineIntroduction(id:$id){ status } }`, map[string]any{"id": ids[0]}, nil)
	w.editorA.ok(`query($id:ID!){ person(id:$id){ busy } }`, map[string]any{"id": w.translator}, &got)
	if got.Person.Busy {
		t.Error("still busy after answering one")
	}
	w.request(a)
}

func TestStartCollaborationFromIntroduction(t *testing.T) {
	a := newAPI(t)
	w := newIntroWorld(a)
	id := w.request(a)
	start := `mutation($in:StartCollaborationInput!){ startCollaboration(input:$in){ phase
		partners { role organisation { id } } originCall { id } introducedBy { id } } }`
	in := map[string]any{"in": map[string]any{"fromIntroductionId": id, "title": storetest.ID("Yhteistyö"), "form": "PROJECT"}}
	w.editorB.fails(start, in, "CONFLICT") // not CONNECTED yet
	w.translatorAPI.ok(`mutation($id:ID!){ acceptIntroduction(id:$id){ status } }`, map[string]any{"id": id}, nil)
	w.editorB.ok(`mutation($id:ID!){ acceptIntroduction(id:$id){ status } }`, map[string]any{"id": id}, nil)
	w.translatorAPI.fails(start, in, "FORBIDDEN")
	a.as(auth.Principal{Subject: storetest.ID("muu"), Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{a.newOrg(nil)}}).
		fails(start, in, "NOT_FOUND")
	w.editorB.okJSON(start, in, `{"startCollaboration":{"phase":"PARTNERS_MAPPED",
		"partners":[{"role":"LEAD","organisation":{"id":"`+w.orgA+`"}},{"role":"PARTNER","organisation":{"id":"`+w.orgB+`"}}],
		"originCall":null,"introducedBy":{"id":"`+w.translator+`"}}}`)
	w.editorA.fails(start, in, "CONFLICT")
	w.translatorAPI.okJSON(`query($id:ID!){ person(id:$id){ introductions { connected collaborations } } }`,
		map[string]any{"id": w.translator}, `{"person":{"introductions":{"connected":1,"collaborations":1}}}`)
}

// TestPartnershipPrivacy: calls, responses, introductions and evaluations
// appear in the export of the people involved, and erasing a person
// leaves the organisations' records whole.
func TestPartnershipPrivacy(t *testing.T) {
	a := newAPI(t)
	w := newIntroWorld(a)
	id := w.request(a)
	w.translatorAPI.ok(`mutation($id:ID!){ acceptIntroduction(id:$id){ status } }`, map[string]any{"id": id}, nil)
	w.editorB.ok(`mutation($id:ID!){ acceptIntroduction(id:$id){ status } }`, map[string]any{"id": id}, nil)
	topic, _ := a.newTopic("haku")
	call := dig(w.editorA.data(createCall, map[string]any{"in": callInput(w.orgA, topic)}), "createPartnershipCall.id").(string)
	w.editorA.ok(`mutation($id:ID!){ publishPartnershipCall(id:$id){ id } }`, map[string]any{"id": call}, nil)
	w.editorB.ok(`mutation($c:ID!,$o:ID!){ respondToCall(callId:$c, organisationId:$o, message:"Me"){ id } }`,
		map[string]any{"c": call, "o": w.orgB}, nil)
	collab := a.newCollab(map[string]any{"phase": "LAUNCHED", "partners": []any{
		map[string]any{"organisationId": w.orgA, "role": "LEAD"}, map[string]any{"organisationId": w.orgB, "role": "PARTNER"}}})
	w.editorA.ok(recordPartnerEvaluation, map[string]any{"c": collab, "o": w.orgA, "g": 4, "k": 4, "w": true}, nil)

	count := func(c *api, key string) int {
		return len(asList(dig(c.data(`{ exportMyData }`, nil), "exportMyData.partnerships."+key)))
	}
	for _, c := range []struct {
		who                                   *api
		calls, responses, intros, evaluations int
	}{{w.editorA, 1, 0, 1, 1}, {w.editorB, 0, 1, 1, 0}, {w.translatorAPI, 0, 0, 1, 0}} {
		if got := [4]int{count(c.who, "calls"), count(c.who, "responses"), count(c.who, "introductions"), count(c.who, "evaluations")}; got != [4]int{c.calls, c.responses, c.intros, c.evaluations} {
			t.Errorf("export counts %v, want %v", got, [4]int{c.calls, c.responses, c.intros, c.evaluations})
		}
	}

	// The translator and the requester erase their data: the
	// organisations' records stay, without them.
	for _, c := range []*api{w.translatorAPI, w.editorA} {
		c.ok(`mutation{ deleteMyData(confirm:true){ erasedAt } }`, nil, nil)
	}
	got := readIntro(w.editorB, id)
	if got["status"] != "CONNECTED" || got["translator"] != nil || len(asList(got["history"])) != 3 {
		t.Fatalf("the introduction after erasure: %v", got)
	}
	for _, h := range asList(got["history"]) {
		if by := dig(h, "by"); by != nil && dig(h, "by.id") != w.editorBID {
			t.Errorf("history still names %v", by)
		}
	}
	if c := asList(got["contacts"]); len(c) != 0 {
		t.Errorf("contacts of erased people: %v", c)
	}
	d := w.editorB.data(`query($c:ID!){ partnershipCall(id:$c){ status organisation { id } } collaboration(id:"`+collab+`"){ evaluation { mean } } }`,
		map[string]any{"c": call})
	if dig(d, "partnershipCall.status") != "OPEN" || dig(d, "collaboration.evaluation.mean") != 4.0 {
		t.Errorf("the call and the evaluation after erasure: %v", d)
	}
	if n, err := a.st.UnreadCount(context.Background(), model.Reader{Subject: w.translator}); err != nil || n != 0 {
		t.Errorf("the erased translator's inbox: %d, %v", n, err)
	}
}

// Two editors of the other organisation accept the same introduction at
// once: exactly one connects it, the other gets CONFLICT, and the
// connection is recorded and told once.
func TestTwoEditorsAcceptIntroductionAtOnce(t *testing.T) {
	a := newAPI(t)
	w := newIntroWorld(a)
	id := w.request(a)
	w.translatorAPI.ok(`mutation($id:ID!){ acceptIntroduction(id:$id){ status } }`, map[string]any{"id": id}, nil)
	editors := []*api{w.editorB, a.as(auth.Principal{Subject: a.newPerson(nil), Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{w.orgB}})}
	results := make([]gqlResponse, len(editors))
	var wg sync.WaitGroup
	for i, e := range editors {
		wg.Go(func() {
			results[i], _ = e.try(`mutation($id:ID!){ acceptIntroduction(id:$id){ status } }`, map[string]any{"id": id})
		})
	}
	wg.Wait()
	won := 0
	for _, r := range results {
		switch {
		case len(r.Errors) == 0:
			won++
		case r.Errors[0].Extensions["code"] != "CONFLICT":
			t.Fatalf("the losing accept: %+v", r.Errors)
		}
	}
	if won != 1 {
		t.Fatalf("%d of 2 concurrent accepts succeeded, want 1: %+v", won, results)
	}
	i := readIntro(a, id)
	if h := asList(i["history"]); i["status"] != "CONNECTED" || len(h) != 3 || dig(h[2], "status") != "CONNECTED" {
		t.Fatalf("after two accepts at once: %v", i)
	}
	if got := inboxKinds(w.editorA, false); !slices.Equal(got, []string{"INTRODUCTION_CONNECTED", "INTRODUCTION_ACCEPTED_BY_TRANSLATOR"}) {
		t.Errorf("the requester was told %v", got)
	}
}
