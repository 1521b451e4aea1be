package graph_test

import (
	"testing"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/storetest"
)

// The partner evaluation row of the authorisation matrix
// (api_auth_test.go): orgA, the world collaboration's LEAD, evaluates it.
const evaluationAuthMatrixRows = `
recordPartnerEvaluation | no | no | no | yes | no | no | no | yes
`

func init() {
	authOps["recordPartnerEvaluation"] = authOp{
		query: `mutation($c:ID!,$o:ID!){ recordPartnerEvaluation(collaborationId:$c, organisationId:$o,
			input:{goalsMet:4, cooperation:5, wouldContinue:true, notes:"Hyvä"}){ id } }`,
		vars: func(w *authWorld) map[string]any { return map[string]any{"c": w.collab, "o": w.orgA} },
	}
}

const recordPartnerEvaluation = `mutation($c:ID!,$o:ID!,$g:Int!,$k:Int!,$w:Boolean!){
	recordPartnerEvaluation(collaborationId:$c, organisationId:$o, input:{goalsMet:$g, cooperation:$k, wouldContinue:$w}){ phase } }`

const evaluationQuery = `query($c:ID!){ collaboration(id:$c){ phase evaluation { rating mean spread disagreement
	notEvaluated { id } partners { organisation { id } goalsMet cooperation wouldContinue revisions evaluatedBy { id } } } } }`

func TestPartnerEvaluations(t *testing.T) {
	a := newAPI(t)
	orgA, orgB, orgC, outsider := a.newOrg(nil), a.newOrg(nil), a.newOrg(nil), a.newOrg(nil)
	c := a.newCollab(map[string]any{"phase": "LAUNCHED", "partners": []any{
		map[string]any{"organisationId": orgA, "role": "LEAD"}, map[string]any{"organisationId": orgB, "role": "PARTNER"},
		map[string]any{"organisationId": orgC, "role": "FUNDER"}}})
	editor := func(org string) *api {
		return a.as(auth.Principal{Subject: storetest.ID("editor"), Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{org}})
	}
	vars := func(org string, goals, coop int, would bool) map[string]any {
		return map[string]any{"c": c, "o": org, "g": goals, "k": coop, "w": would}
	}
	before := a.raw(evaluationQuery, map[string]any{"c": c})
	// Refusals change nothing.
	editor(outsider).failsField(recordPartnerEvaluation, vars(outsider, 3, 3, true), "BAD_USER_INPUT", "organisationId")
	editor(orgB).fails(recordPartnerEvaluation, vars(orgA, 3, 3, true), "FORBIDDEN")
	a.anonymous().fails(recordPartnerEvaluation, vars(orgA, 3, 3, true), "FORBIDDEN")
	editor(orgA).failsField(recordPartnerEvaluation, vars(orgA, 0, 3, true), "BAD_USER_INPUT", "goalsMet")
	editor(orgA).failsField(recordPartnerEvaluation, vars(orgA, 3, 6, true), "BAD_USER_INPUT", "cooperation")
	if after := a.raw(evaluationQuery, map[string]any{"c": c}); string(after) != string(before) {
		t.Fatalf("refusals changed the data: %s → %s", before, after)
	}
	a.okJSON(`query($c:ID!){ collaboration(id:$c){ evaluation { rating } } }`, map[string]any{"c": c},
		`{"collaboration":{"evaluation":null}}`)

	editor(orgA).okJSON(recordPartnerEvaluation, vars(orgA, 5, 5, true), `{"recordPartnerEvaluation":{"phase":"LAUNCHED"}}`)
	a.okJSON(`query($c:ID!){ collaboration(id:$c){ evaluation { rating mean spread disagreement notEvaluated { id } } } }`,
		map[string]any{"c": c}, `{"collaboration":{"evaluation":{"rating":5,"mean":5,"spread":0,"disagreement":false,
		"notEvaluated":[`+sortedIDs(orgB, orgC)+`]}}}`)
	// The second partner's evaluation moves it to EVALUATED.
	editor(orgB).okJSON(recordPartnerEvaluation, vars(orgB, 2, 4, false), `{"recordPartnerEvaluation":{"phase":"EVALUATED"}}`)
	d := editor(orgA).data(evaluationQuery, map[string]any{"c": c})
	if dig(d, "collaboration.evaluation.disagreement") != true || dig(d, "collaboration.evaluation.spread") != 3.0 ||
		dig(d, "collaboration.evaluation.mean") != 4.0 || len(asList(dig(d, "collaboration.evaluation.partners"))) != 2 ||
		dig(d, "collaboration.evaluation.notEvaluated.0.id") != orgC {
		t.Fatalf("aggregate %v", d)
	}
	// Per-partner answers: for partners, facilitators and admins only.
	for _, who := range []*api{a.anonymous(), editor(outsider)} {
		if got := asList(dig(who.data(evaluationQuery, map[string]any{"c": c}), "collaboration.evaluation.partners")); len(got) != 0 {
			t.Errorf("partner answers shown to an outsider: %v", got)
		}
	}
	facilitator := a.as(auth.Principal{Subject: storetest.ID("f"), Roles: []auth.Role{auth.RoleFacilitator}})
	if got := asList(dig(facilitator.data(evaluationQuery, map[string]any{"c": c}), "collaboration.evaluation.partners")); len(got) != 2 {
		t.Errorf("a facilitator sees %d partner answers", len(got))
	}
	// Re-evaluation keeps history; the latest counts.
	editor(orgB).ok(recordPartnerEvaluation, vars(orgB, 4, 5, true), nil)
	d = a.data(evaluationQuery, map[string]any{"c": c})
	if dig(d, "collaboration.evaluation.disagreement") != false || dig(d, "collaboration.phase") != "EVALUATED" {
		t.Fatalf("after re-evaluation %v", d)
	}
	for _, p := range asList(dig(d, "collaboration.evaluation.partners")) {
		if dig(p, "organisation.id") == orgB && dig(p, "revisions") != 2.0 {
			t.Errorf("orgB's revisions %v", dig(p, "revisions"))
		}
	}
	// Only a LAUNCHED or EVALUATED collaboration is evaluated.
	early := a.newCollab(map[string]any{"partners": lead(orgA)})
	editor(orgA).fails(recordPartnerEvaluation, map[string]any{"c": early, "o": orgA, "g": 3, "k": 3, "w": true}, "CONFLICT")
}

func sortedIDs(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return `{"id":"` + a + `"},{"id":"` + b + `"}`
}
