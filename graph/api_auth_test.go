package graph_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/storetest"
)

// ---- the authorisation matrix ----

// authRole is a column of the matrix: who calls, relative to the row's data.
type authRole int

const (
	// roleAnonymous sends no token.
	roleAnonymous authRole = iota
	// roleSelf is the row's person as themselves: PROFESSIONAL, sub = their
	// person id (for createPerson: a professional with no profile yet).
	roleSelf
	// roleOther is another PROFESSIONAL, with a profile of their own.
	roleOther
	// roleEditorOwn is an ORG_EDITOR of the row's organisation: the one the
	// row's person works at, the LEAD partner of the row's collaboration.
	roleEditorOwn
	// roleEditorOther is an ORG_EDITOR of another organisation.
	roleEditorOther
	// roleFacilitator is a FACILITATOR.
	roleFacilitator
	// roleCoordinator is a COORDINATOR.
	roleCoordinator
	// roleAdmin is an ADMIN (with no profile of their own).
	roleAdmin
	nAuthRoles
)

var authRoleNames = [nAuthRoles]string{"anonymous", "professional self", "professional other",
	"editor of own org", "editor of other org", "facilitator", "coordinator", "admin"}

func (r authRole) String() string { return authRoleNames[r] }

// verdict is what a caller gets.
type verdict int

const (
	// vAllow: it works (and, for a mutation, changes the data).
	vAllow verdict = iota
	// vForbid: FORBIDDEN, and the data is as it was.
	vForbid
	// vHidden: NOT_FOUND exactly as for an id that does not exist; the
	// person's name appears nowhere in the response.
	vHidden
	// vWithheld: null without an error: the role may see contact details,
	// the person has not consented.
	vWithheld
	// vConflict: CONFLICT: the caller has a profile already, and a
	// professional can only ever create their own.
	vConflict
	// vNoProfile: NOT_FOUND: the caller has no profile of their own; the
	// data is as it was.
	vNoProfile
	// vOwnOnly: it works on the caller's own profile only; the row's
	// person is untouched and absent from the response.
	vOwnOnly
	// vUnauthenticated: UNAUTHENTICATED, and the data is as it was (for
	// operations that are never open to anonymous callers: workshops).
	vUnauthenticated
	// vAbsent: NOT_FOUND, as for an id that does not exist, and the data
	// is as it was (a draft call or a response the caller may not see).
	vAbsent
)

func (v verdict) String() string {
	return [...]string{"allowed", "FORBIDDEN", "NOT_FOUND (hidden)", "null (withheld)", "CONFLICT (own profile exists)",
		"NOT_FOUND (no own profile)", "own data only", "UNAUTHENTICATED", "NOT_FOUND (not visible)"}[v]
}

// authMatrixTable is the policy of internal/auth/policy.go as a table: one
// row per mutation and per sensitive read, one column per caller (see
// authRole). TestAuthMatrix runs every cell against data of its own.
//
//	yes         allowed (a mutation changes the data)
//	no          FORBIDDEN, and the data is unchanged
//	hidden      NOT_FOUND exactly as for an id that does not exist
//	null        null, no error: the role may, the person has not consented
//	conflict    CONFLICT: a professional's only person is their own, which exists
//	no profile  NOT_FOUND: the caller has no profile of their own; nothing changes
//	own only    works on the caller's own profile only; the row's person is untouched
//	unauth      UNAUTHENTICATED, and the data is unchanged
//	not found   NOT_FOUND as for an id that does not exist; nothing changes
//
// The workshop rows are in api_workshops_auth_test.go, the partnership
// call rows in api_calls_test.go, the introduction rows in
// api_introductions_test.go.
const authMatrixTable = `
operation              | anonymous | self | other    | editor own | editor other | facilitator | coordinator | admin
createPerson           | no        | yes  | conflict | no         | no           | no          | no          | yes
updatePerson           | no        | yes  | no       | no         | no           | no          | no          | yes
addExperience          | no        | yes  | no       | no         | no           | no          | no          | yes
updateExperience       | no        | yes  | no       | no         | no           | no          | no          | yes
removeExperience       | no        | yes  | no       | no         | no           | no          | no          | yes
createOrganisation     | no        | no   | no       | no         | no           | no          | no          | yes
updateOrganisation     | no        | no   | no       | yes        | no           | no          | no          | yes
createTopic            | no        | no   | no       | yes        | yes          | yes         | no          | yes
createCollaboration    | no        | no   | no       | yes        | no           | no          | no          | yes
updateCollaboration    | no        | no   | no       | yes        | no           | no          | no          | yes
addPartner             | no        | no   | no       | yes        | no           | no          | no          | yes
removePartner          | no        | no   | no       | yes        | no           | no          | no          | yes
addContributor         | no        | no   | no       | yes        | no           | no          | no          | yes
removeContributor      | no        | no   | no       | yes        | no           | no          | no          | yes
acceptContributorInvitation  | no  | yes  | not found | not found | not found    | not found   | not found   | not found
declineContributorInvitation | no  | yes  | not found | not found | not found    | not found   | not found   | not found
handOverLead           | no        | yes  | no       | yes        | no           | no          | yes         | yes
moveCollaborationPhase | no        | no   | no       | yes        | no           | no          | yes         | yes
recordEvaluation       | no        | no   | no       | yes        | no           | no          | no          | yes
addCollaborationNote   | no        | no   | no       | yes        | no           | no          | yes         | yes
deleteMyData           | no        | yes  | own only | no profile | no profile   | no profile  | no profile  | no profile
erasePerson            | no        | no   | no       | no         | no           | no          | no          | yes
contact (consented)    | no        | yes  | no       | no         | no           | yes         | yes         | yes
contact (no consent)   | no        | yes  | no       | no         | no           | null        | null        | yes
person (MEMBERS)       | hidden    | yes  | yes      | yes        | yes          | yes         | yes         | yes
person (PRIVATE)       | hidden    | yes  | hidden   | hidden     | hidden       | hidden      | hidden      | yes
exportMyData           | no        | yes  | own only | no profile | no profile   | no profile  | no profile  | no profile
ecosystem              | no        | no   | no       | no         | no           | no          | yes         | yes
ecosystemGraph         | no        | no   | no       | no         | no           | no          | yes         | yes
`

type authRow struct {
	op   string
	want [nAuthRoles]verdict
}

var verdictNames = map[string]verdict{"yes": vAllow, "no": vForbid, "hidden": vHidden, "null": vWithheld,
	"conflict": vConflict, "no profile": vNoProfile, "own only": vOwnOnly, "unauth": vUnauthenticated,
	"not found": vAbsent}

// authMatrix parses authMatrixTable.
func authMatrix(t *testing.T) []authRow {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(authMatrixTable)+"\n"+strings.TrimSpace(workshopAuthMatrixRows)+
		"\n"+strings.TrimSpace(callAuthMatrixRows)+"\n"+strings.TrimSpace(introAuthMatrixRows)+
		"\n"+strings.TrimSpace(evaluationAuthMatrixRows)+"\n"+strings.TrimSpace(inboxAuthMatrixRows)+
		"\n"+strings.TrimSpace(importAuthMatrixRows), "\n")
	var rows []authRow
	for i, line := range lines {
		cells := strings.Split(line, "|")
		if len(cells) != 1+int(nAuthRoles) {
			t.Fatalf("matrix line %d has %d cells, want %d: %q", i+1, len(cells), 1+nAuthRoles, line)
		}
		for j := range cells {
			cells[j] = strings.TrimSpace(cells[j])
		}
		if i == 0 {
			continue // the header
		}
		row := authRow{op: cells[0]}
		for r := range nAuthRoles {
			v, ok := verdictNames[cells[1+r]]
			if !ok {
				t.Fatalf("matrix line %d: unknown verdict %q", i+1, cells[1+r])
			}
			row.want[r] = v
		}
		rows = append(rows, row)
	}
	return rows
}

// authWorld is the data one row (or, for a mutation, one cell) runs on,
// all of it named with a word of its own.
type authWorld struct {
	// tag is a word in the name of everything made in this world (topics
	// start with it), so that a full-text search finds exactly that.
	tag string
	// orgA is edited by roleEditorOwn, orgB by roleEditorOther; orgX is a
	// second partner of collab that nobody in the matrix edits.
	orgA, orgB, orgX string
	// person is the row's person; email and phone are their contact details.
	person, personName, email, phone string
	// self is the subject of roleSelf: person, or a newcomer with no profile.
	self string
	// other is the person id (and subject) of roleOther.
	other, otherName string
	// contributor contributes to collab (MEMBER).
	contributor string
	// experience is person's ongoing stint at orgA.
	experience string
	// collab: orgA LEAD, orgX PARTNER, contributor MEMBER, phase LAUNCHED.
	collab string
	// the subjects of the other columns
	editorOwn, editorOther, facilitator, coordinator, admin string
	// topic and workshop: see worldOpts.workshop.
	topic, workshop string
	// callTopic, call and response: see worldOpts.call.
	callTopic, call, response string
	// introduction: see worldOpts.intro; other is the translator.
	introduction string
	introWanted  bool
	// translatorInboxItem: the request in other's inbox.
	translatorInboxItem string
}

type worldOpts struct {
	visibility  string       // of person; PUBLIC when empty
	contactable bool         // person's consent to facilitators
	newcomer    bool         // roleSelf has no profile yet
	workshop    workshopOpts // a workshop on a topic of the world's own (api_workshops_auth_test.go)
	call        callOpts     // a partnership call on a topic of the world's own (api_calls_test.go)
	intro       introOpts    // other as a translator, asked or not (api_introductions_test.go)
	// invited: editorOwn has invited person to contribute to collab
	// (an EXPERT); leading: person contributes to collab as its LEAD.
	invited, leading bool
}

// uniquePhone is a phone number no other test uses.
func uniquePhone() string {
	return fmt.Sprintf("+358 %02d %03d %04d", 40+rand.IntN(10), rand.IntN(1000), rand.IntN(10000))
}

// uniqueEmail is an e-mail address no other test uses.
func uniqueEmail(prefix string) string {
	return strings.ToLower(storetest.ID(prefix)) + "@example.fi"
}

func newAuthWorld(a *api, o worldOpts) *authWorld {
	a.t.Helper()
	if o.visibility == "" {
		o.visibility = "PUBLIC"
	}
	tag := word("matriisi")
	w := &authWorld{tag: tag, personName: "Matti " + tag, otherName: "Olli " + tag,
		email: uniqueEmail("matti"), phone: uniquePhone(),
		editorOwn: storetest.ID("editor-own"), editorOther: storetest.ID("editor-other"),
		facilitator: storetest.ID("facilitator"), coordinator: storetest.ID("coordinator"), admin: storetest.ID("admin")}
	w.orgA = a.newOrg(map[string]any{"name": "Hyvinvointialue " + tag, "kind": "WELLBEING_SERVICES_COUNTY", "sector": "PUBLIC"})
	w.orgB = a.newOrg(map[string]any{"name": "Hoivayritys " + tag, "kind": "COMPANY", "sector": "PRIVATE"})
	w.orgX = a.newOrg(map[string]any{"name": "Vertaistukiyhdistys " + tag})
	w.person = a.newPerson(map[string]any{"name": w.personName, "email": w.email, "phone": w.phone,
		"visibility": o.visibility, "contactable": o.contactable})
	w.self = w.person
	if o.newcomer {
		w.self = storetest.ID("newcomer")
	}
	w.other = a.newPerson(map[string]any{"name": w.otherName, "visibility": "MEMBERS",
		"email": uniqueEmail("olli"), "phone": uniquePhone()})
	w.contributor = a.newPerson(map[string]any{"name": "Kaisa " + tag, "visibility": "PUBLIC"})
	w.experience = a.newExperience(w.person, w.orgA, "2020-01-01", "")
	contributors := []any{map[string]any{"personId": w.contributor, "role": "MEMBER"}}
	if o.leading {
		contributors = append(contributors, map[string]any{"personId": w.person, "role": "LEAD"})
	}
	w.collab = a.newCollab(map[string]any{"title": "Yhteistyö " + tag, "phase": "LAUNCHED",
		"partners":     []any{map[string]any{"organisationId": w.orgA, "role": "LEAD"}, map[string]any{"organisationId": w.orgX, "role": "PARTNER"}},
		"contributors": contributors})
	if o.invited {
		editor, _ := w.principal(roleEditorOwn)
		a.as(editor).ok(`mutation($c:ID!,$p:ID!){ addContributor(collaborationId:$c, personId:$p, role:EXPERT){ id } }`,
			map[string]any{"c": w.collab, "p": w.person}, nil)
	}
	if o.workshop.wanted {
		w.addWorkshop(a, o.workshop)
	}
	if o.call.wanted {
		w.addCall(a, o.call)
	}
	if o.intro.wanted {
		w.introWanted = true
		w.addIntroduction(a, o.intro)
	}
	return w
}

// principal is the caller of column r; ok is false for anonymous.
func (w *authWorld) principal(r authRole) (p auth.Principal, ok bool) {
	switch r {
	case roleSelf:
		return auth.Principal{Subject: w.self, Roles: []auth.Role{auth.RoleProfessional}}, true
	case roleOther:
		return auth.Principal{Subject: w.other, Roles: []auth.Role{auth.RoleProfessional}}, true
	case roleEditorOwn:
		return auth.Principal{Subject: w.editorOwn, Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{w.orgA}}, true
	case roleEditorOther:
		return auth.Principal{Subject: w.editorOther, Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{w.orgB}}, true
	case roleFacilitator:
		return auth.Principal{Subject: w.facilitator, Roles: []auth.Role{auth.RoleFacilitator}}, true
	case roleCoordinator:
		return auth.Principal{Subject: w.coordinator, Roles: []auth.Role{auth.RoleCoordinator}}, true
	case roleAdmin:
		return auth.Principal{Subject: w.admin, Roles: []auth.Role{auth.RoleAdmin}}, true
	}
	return auth.Principal{}, false
}

func (w *authWorld) caller(a *api, r authRole) *api {
	if p, ok := w.principal(r); ok {
		return a.as(p)
	}
	return a.anonymous()
}

const snapshotQuery = `query($tag:String!){
  people(filter:{search:$tag}, first:20){ nodes {
    id name headline languages region visibility openToBridging contactable createdAt updatedAt
    contact { email phone } expertise { id }
    experiences { id kind roleTitle startDate endDate organisation { id } }
    contributions { role collaboration { id } } } }
  organisations(filter:{search:$tag}, first:20){ nodes {
    id name kind sector region website description createdAt updatedAt topics { id } } }
  collaborations(filter:{search:$tag}, first:20){ nodes {
    id title description form phase startDate endDate createdAt updatedAt topics { id }
    partners { role organisation { id } } contributors { role person { id } } invitations { role person { id } }
    evaluation { rating notes evaluatedAt } phaseHistory { phase at note } notes { kind text } } }
}`

// snapshot reads, as an administrator, everything in w that any operation
// of the matrix could change, keyed by kind and id; the topics (which have
// no other filter) only when withTopics.
func (w *authWorld) snapshot(admin *api, withTopics bool) map[string]any {
	admin.t.Helper()
	d := admin.data(snapshotQuery, map[string]any{"tag": w.tag})
	out := map[string]any{}
	for _, list := range []struct{ kind, path string }{{"person", "people.nodes"}, {"organisation", "organisations.nodes"},
		{"collaboration", "collaborations.nodes"}} {
		for _, n := range asList(dig(d, list.path)) {
			out[list.kind+":"+dig(n, "id").(string)] = n
		}
	}
	if w.topic != "" {
		w.snapshotWorkshops(admin, out)
	}
	if w.callTopic != "" {
		w.snapshotCalls(admin, out)
	}
	if w.introWanted {
		w.snapshotIntroductions(admin, out)
	}
	if !withTopics {
		return out
	}
	var topics struct{ Topics []struct{ ID, Name string } }
	admin.ok(`{ topics { id name } }`, nil, &topics)
	for _, tp := range topics.Topics {
		if strings.HasPrefix(tp.Name, w.tag) {
			out["topic:"+tp.ID] = tp.Name
		}
	}
	return out
}

// authOp is how to run one operation of the matrix.
type authOp struct {
	world worldOpts
	// read: a query.
	read bool
	// fresh: the allowed case consumes the data (removes or adds something
	// once, erases, or is a no-op when repeated), so every cell needs data
	// of its own.
	fresh bool
	// topics: the operation may add topics, so the snapshot lists them.
	topics bool
	query  string
	vars   func(w *authWorld) map[string]any
	// upload, when set, makes the cell an importData upload of these files
	// (by name) instead of query.
	upload func(w *authWorld) map[string][]byte
	// check, when set, checks the response of a cell beyond the code.
	check func(t *testing.T, w *authWorld, r authRole, v verdict, resp gqlResponse, before, after map[string]any)
}

func personVars(w *authWorld) map[string]any { return map[string]any{"id": w.person} }
func collabVars(w *authWorld) map[string]any { return map[string]any{"c": w.collab} }

var authOps = map[string]authOp{
	"createPerson": {world: worldOpts{newcomer: true},
		query: `mutation($in:CreatePersonInput!){ createPerson(input:$in){ id } }`,
		vars: func(w *authWorld) map[string]any {
			return map[string]any{"in": map[string]any{"name": storetest.ID("Uusi") + " " + w.tag}}
		},
		check: func(t *testing.T, w *authWorld, r authRole, v verdict, resp gqlResponse, _, after map[string]any) {
			if v != vAllow {
				return
			}
			id, _ := dig(decoded(t, resp.Data), "createPerson.id").(string)
			if _, ok := after["person:"+id]; !ok {
				t.Errorf("the created person %q is not there", id)
			}
			if r == roleSelf && id != w.self {
				t.Errorf("a professional's person got id %q, want their token's subject %q", id, w.self)
			}
			if r == roleAdmin && (id == "" || id == w.admin) {
				t.Errorf("an admin's new person got id %q, want a fresh one", id)
			}
		}},
	"updatePerson": {
		query: `mutation($id:ID!,$h:String!){ updatePerson(id:$id, input:{headline:$h}){ id headline } }`,
		vars: func(w *authWorld) map[string]any {
			return map[string]any{"id": w.person, "h": storetest.ID("Uusi otsikko")}
		}},
	"addExperience": {
		query: `mutation($p:ID!,$o:ID!){ addExperience(input:{personId:$p, organisationId:$o, kind:VOLUNTEER, startDate:"2021-02-01"}){ id } }`,
		vars:  func(w *authWorld) map[string]any { return map[string]any{"p": w.person, "o": w.orgB} }},
	"updateExperience": {
		query: `mutation($id:ID!,$t:String!){ updateExperience(id:$id, input:{roleTitle:$t}){ id roleTitle } }`,
		vars: func(w *authWorld) map[string]any {
			return map[string]any{"id": w.experience, "t": storetest.ID("Kehittämispäällikkö")}
		}},
	"removeExperience": {fresh: true,
		query: `mutation($id:ID!){ removeExperience(id:$id){ id } }`,
		vars:  func(w *authWorld) map[string]any { return map[string]any{"id": w.experience} }},
	"createOrganisation": {
		query: `mutation($n:String!){ createOrganisation(input:{name:$n, kind:FOUNDATION, sector:THIRD}){ id } }`,
		vars: func(w *authWorld) map[string]any {
			return map[string]any{"n": storetest.ID("Säätiö") + " " + w.tag}
		}},
	"updateOrganisation": {
		query: `mutation($id:ID!,$d:String!){ updateOrganisation(id:$id, input:{description:$d}){ id } }`,
		vars: func(w *authWorld) map[string]any {
			return map[string]any{"id": w.orgA, "d": storetest.ID("Uusi kuvaus")}
		}},
	"createTopic": {topics: true,
		query: `mutation($n:String!){ createTopic(input:{name:$n}){ id } }`,
		vars: func(w *authWorld) map[string]any {
			return map[string]any{"n": w.tag + " " + storetest.ID("osallisuus")}
		}},
	"createCollaboration": {
		query: `mutation($t:String!,$o:ID!){ createCollaboration(input:{title:$t, form:PROJECT, partners:[{organisationId:$o, role:LEAD}]}){ id } }`,
		vars: func(w *authWorld) map[string]any {
			return map[string]any{"t": storetest.ID("Uusi yhteistyö") + " " + w.tag, "o": w.orgA}
		}},
	"updateCollaboration": {
		query: `mutation($c:ID!,$d:String!){ updateCollaboration(id:$c, input:{description:$d}){ id } }`,
		vars: func(w *authWorld) map[string]any {
			return map[string]any{"c": w.collab, "d": storetest.ID("Uusi kuvaus")}
		}},
	"addPartner": {fresh: true,
		query: `mutation($c:ID!,$o:ID!){ addPartner(collaborationId:$c, organisationId:$o, role:PARTNER){ id } }`,
		vars:  func(w *authWorld) map[string]any { return map[string]any{"c": w.collab, "o": w.orgB} }},
	"removePartner": {fresh: true,
		query: `mutation($c:ID!,$o:ID!){ removePartner(collaborationId:$c, organisationId:$o){ id } }`,
		vars:  func(w *authWorld) map[string]any { return map[string]any{"c": w.collab, "o": w.orgX} }},
	"addContributor": {fresh: true,
		query: `mutation($c:ID!,$p:ID!){ addContributor(collaborationId:$c, personId:$p, role:EXPERT){ id } }`,
		vars:  func(w *authWorld) map[string]any { return map[string]any{"c": w.collab, "p": w.person} }},
	"removeContributor": {fresh: true,
		query: `mutation($c:ID!,$p:ID!){ removeContributor(collaborationId:$c, personId:$p){ id } }`,
		vars:  func(w *authWorld) map[string]any { return map[string]any{"c": w.collab, "p": w.contributor} }},
	"acceptContributorInvitation": {fresh: true, world: worldOpts{invited: true},
		query: `mutation($c:ID!){ acceptContributorInvitation(collaborationId:$c){ id } }`, vars: collabVars},
	"declineContributorInvitation": {fresh: true, world: worldOpts{invited: true},
		query: `mutation($c:ID!){ declineContributorInvitation(collaborationId:$c){ id } }`, vars: collabVars},
	"handOverLead": {fresh: true, world: worldOpts{leading: true},
		query: `mutation($c:ID!,$p:ID!){ handOverLead(collaborationId:$c, toPersonId:$p){ id } }`,
		vars:  func(w *authWorld) map[string]any { return map[string]any{"c": w.collab, "p": w.contributor} }},
	"moveCollaborationPhase": {fresh: true,
		query: `mutation($c:ID!){ moveCollaborationPhase(id:$c, phase:GOALS_AGREED, note:"Tavoitteet tarkennetaan"){ id phase } }`,
		vars:  collabVars},
	"recordEvaluation": {
		query: `mutation($c:ID!){ recordEvaluation(id:$c, input:{rating:4, notes:"Hyvä alku"}){ id phase } }`,
		vars:  collabVars},
	"addCollaborationNote": {
		query: `mutation($c:ID!){ addCollaborationNote(collaborationId:$c, kind:DECISION, text:"Kaupunki tarjoaa tilat kesäkuuhun asti"){ id } }`,
		vars:  collabVars},
	"deleteMyData": {fresh: true,
		query: `mutation{ deleteMyData(confirm:true){ experiencesRemoved contributionsAnonymised } }`,
		vars:  func(*authWorld) map[string]any { return nil },
		check: func(t *testing.T, w *authWorld, r authRole, v verdict, _ gqlResponse, _, after map[string]any) {
			_, personThere := after["person:"+w.person]
			_, otherThere := after["person:"+w.other]
			switch v {
			case vAllow:
				if personThere {
					t.Errorf("the person is still there after deleting their data")
				}
			case vOwnOnly:
				if otherThere || !personThere {
					t.Errorf("deleteMyData by another professional: their own person there = %v (want false), the row's person there = %v (want true)",
						otherThere, personThere)
				}
			}
		}},
	"erasePerson": {fresh: true,
		query: `mutation($id:ID!){ erasePerson(id:$id, confirm:true){ experiencesRemoved } }`,
		vars:  personVars,
		check: func(t *testing.T, w *authWorld, r authRole, v verdict, _ gqlResponse, _, after map[string]any) {
			if _, there := after["person:"+w.person]; there == (v == vAllow) {
				t.Errorf("erasePerson (%v): the person is there afterwards = %v", v, there)
			}
		}},
	"contact (consented)": {world: worldOpts{contactable: true}, read: true,
		query: `query($id:ID!){ person(id:$id){ id name contact { email phone } } }`, vars: personVars, check: checkContact},
	"contact (no consent)": {world: worldOpts{contactable: false}, read: true,
		query: `query($id:ID!){ person(id:$id){ id name contact { email phone } } }`, vars: personVars, check: checkContact},
	"person (MEMBERS)": {world: worldOpts{visibility: "MEMBERS"}, read: true,
		query: `query($id:ID!){ person(id:$id){ id name visibility } }`, vars: personVars, check: checkPersonRead},
	"person (PRIVATE)": {world: worldOpts{visibility: "PRIVATE"}, read: true,
		query: `query($id:ID!){ person(id:$id){ id name visibility } }`, vars: personVars, check: checkPersonRead},
	"ecosystem": {read: true,
		query: `{ ecosystem { collaborations sectorMatrix { a b translators } } }`, vars: func(*authWorld) map[string]any { return nil }},
	"ecosystemGraph": {read: true,
		query: `{ ecosystemGraph(maxNodes:5) { omitted nodes { organisation { id } } } }`, vars: func(*authWorld) map[string]any { return nil }},
	"exportMyData": {world: worldOpts{visibility: "MEMBERS"}, read: true,
		query: `{ exportMyData }`, vars: func(*authWorld) map[string]any { return nil },
		check: func(t *testing.T, w *authWorld, r authRole, v verdict, resp gqlResponse, _, _ map[string]any) {
			doc := dig(decoded(t, resp.Data), "exportMyData")
			switch v {
			case vAllow:
				if dig(doc, "person.id") != w.person || dig(doc, "person.contact.email") != w.email {
					t.Errorf("export of the person's own data = %v", doc)
				}
			case vOwnOnly:
				if dig(doc, "person.id") != w.other {
					t.Errorf("export by another professional is not their own data: %v", doc)
				}
				assertNoLeak(t, mustMarshal(t, resp), w.person, w.personName, w.email, w.phone)
			}
		}},
}

// checkContact checks a read of person.contact.
func checkContact(t *testing.T, w *authWorld, _ authRole, v verdict, resp gqlResponse, _, _ map[string]any) {
	t.Helper()
	d := decoded(t, resp.Data)
	if dig(d, "person.id") != w.person || dig(d, "person.name") != w.personName {
		t.Errorf("the rest of the person must come back whatever happens to contact: %s", resp.Data)
	}
	switch v {
	case vAllow:
		if dig(d, "person.contact.email") != w.email || dig(d, "person.contact.phone") != w.phone {
			t.Errorf("contact = %v, want %s / %s", dig(d, "person.contact"), w.email, w.phone)
		}
		return
	case vForbid:
		if len(resp.Errors) != 1 || fmt.Sprint(resp.Errors[0].Path) != "[person contact]" {
			t.Errorf("want one FORBIDDEN error at person.contact, got %+v", resp.Errors)
		}
	}
	if c, ok := dig(d, "person").(map[string]any)["contact"]; !ok || c != nil {
		t.Errorf("contact = %v (present %v), want null", c, ok)
	}
	assertNoLeak(t, mustMarshal(t, resp), w.email, w.phone)
}

// checkPersonRead checks a read of person(id).
func checkPersonRead(t *testing.T, w *authWorld, _ authRole, v verdict, resp gqlResponse, _, _ map[string]any) {
	t.Helper()
	if v == vAllow && dig(decoded(t, resp.Data), "person.id") != w.person {
		t.Errorf("person = %s", resp.Data)
	}
}

func decoded(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	var v any
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("decode %s: %v", raw, err)
		}
	}
	return v
}

// assertNoLeak fails when raw contains any of secrets.
func assertNoLeak(t *testing.T, raw []byte, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if s != "" && bytes.Contains(raw, []byte(s)) {
			t.Errorf("the response reveals %q: %s", s, truncate(raw, 2000))
		}
	}
}

// withoutKey is m without key, for comparisons that ignore one entry.
func withoutKey(m map[string]any, key string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if k != key {
			out[k] = v
		}
	}
	return out
}

func TestAuthMatrix(t *testing.T) {
	a := newAPI(t)
	for _, row := range authMatrix(t) {
		op, ok := authOps[row.op]
		if !ok {
			t.Fatalf("the matrix has a row %q but no operation to run for it", row.op)
		}
		t.Run(row.op, func(t *testing.T) {
			t.Parallel()
			a := a.with(t)
			// Every row has data of its own; a row whose allowed case
			// consumes it has fresh data for every cell.
			var shared *authWorld
			if !op.fresh {
				shared = newAuthWorld(a, op.world)
			}
			var last map[string]any // the shared world as the previous cell left it
			for r := range nAuthRoles {
				t.Run(r.String(), func(t *testing.T) {
					a := a.with(t)
					w, before := shared, last
					last = nil
					if w == nil {
						w, before = newAuthWorld(a, op.world), nil
					}
					last = runAuthCell(t, a, op, w, r, row.want[r], before)
				})
			}
		})
	}
}

// runAuthCell runs one cell and returns the data as it left it. before is
// the data as it was, or nil to read it first.
func runAuthCell(t *testing.T, admin *api, op authOp, w *authWorld, r authRole, want verdict, before map[string]any) map[string]any {
	if before == nil {
		before = w.snapshot(admin, op.topics)
	}
	var resp gqlResponse
	if op.upload != nil {
		_, resp = w.caller(admin, r).upload(op.upload(w), false, "")
	} else {
		resp = w.caller(admin, r).do(op.query, op.vars(w))
	}
	after := w.snapshot(admin, op.topics)
	code := ""
	if len(resp.Errors) > 0 {
		code, _ = resp.Errors[0].Extensions["code"].(string)
	}
	unchanged := func() {
		t.Helper()
		if !reflect.DeepEqual(before, after) {
			t.Errorf("%s, yet the data changed\nbefore: %s\n after: %s", want, mustMarshal(t, before), mustMarshal(t, after))
		}
	}
	refused := func(wantCode string) {
		t.Helper()
		if code != wantCode {
			t.Fatalf("want %s (%s), got code %q, errors %+v, data %s", wantCode, want, code, resp.Errors, truncate(resp.Data, 500))
		}
		if !op.read && string(resp.Data) != "null" {
			t.Errorf("a refused mutation returned data %s", resp.Data)
		}
		unchanged()
	}
	switch want {
	case vAllow, vWithheld, vOwnOnly:
		if len(resp.Errors) > 0 {
			t.Fatalf("want %s, got errors %+v", want, resp.Errors)
		}
		switch {
		case want == vOwnOnly && !reflect.DeepEqual(withoutKey(before, "person:"+w.other), withoutKey(after, "person:"+w.other)):
			t.Errorf("acting on one's own data changed other data\nbefore: %s\n after: %s", mustMarshal(t, before), mustMarshal(t, after))
		case want == vAllow && !op.read && reflect.DeepEqual(before, after):
			t.Errorf("an allowed mutation changed nothing: %s", resp.Data)
		case want != vOwnOnly && op.read:
			unchanged()
		}
	case vForbid:
		if op.read && dig(decoded(t, resp.Data), "person") != nil {
			// A refused field of a visible person: FORBIDDEN is a field error.
			if code != "FORBIDDEN" {
				t.Fatalf("want FORBIDDEN, got %+v", resp.Errors)
			}
			unchanged()
		} else {
			refused("FORBIDDEN")
		}
	case vConflict:
		refused("CONFLICT")
	case vUnauthenticated:
		refused("UNAUTHENTICATED")
	case vNoProfile, vAbsent:
		refused("NOT_FOUND")
	case vHidden:
		refused("NOT_FOUND")
		if p := dig(decoded(t, resp.Data), "person"); p != nil {
			t.Errorf("a hidden person came back: %v", p)
		}
		assertNoLeak(t, mustMarshal(t, resp), w.personName, w.email, w.phone)
		// The error is the one for an id that does not exist at all.
		missing := storetest.ID("missing")
		vars := op.vars(w)
		vars["id"] = missing
		ghost := w.caller(admin, r).do(op.query, vars)
		if len(ghost.Errors) != 1 || len(resp.Errors) != 1 ||
			strings.ReplaceAll(ghost.Errors[0].Message, missing, w.person) != resp.Errors[0].Message ||
			!reflect.DeepEqual(ghost.Errors[0].Extensions, resp.Errors[0].Extensions) {
			t.Errorf("a hidden person's error %+v differs from a missing person's %+v", resp.Errors, ghost.Errors)
		}
	}
	if op.check != nil {
		op.check(t, w, r, want, resp, before, after)
	}
	return after
}

// TestAuthMatrixCoversEveryMutation keeps the matrix complete: a mutation
// added to the schema needs a row.
func TestAuthMatrixCoversEveryMutation(t *testing.T) {
	a := newAPI(t)
	var schema struct {
		Schema struct {
			MutationType struct{ Fields []struct{ Name string } }
		} `json:"__schema"`
	}
	a.ok(`{ __schema { mutationType { fields { name } } } }`, nil, &schema)
	rows := map[string]bool{}
	for _, row := range authMatrix(t) {
		rows[row.op] = true
	}
	var missing []string
	for _, f := range schema.Schema.MutationType.Fields {
		if !rows[f.Name] {
			missing = append(missing, f.Name)
		}
	}
	if len(missing) > 0 {
		t.Fatalf("mutations without a row in authMatrix: %v", missing)
	}
}

// ---- tokens over HTTP ----

// postWithAuthorization posts one operation with the given Authorization
// header value ("" for none) and returns the response and its decoded body.
func (a *api) postWithAuthorization(authorization, query string, vars map[string]any) (*http.Response, gqlResponse) {
	a.t.Helper()
	body := mustMarshal(a.t, map[string]any{"query": query, "variables": vars})
	resp, out, err := a.roundTrip(http.MethodPost, "/graphql", body, authorization)
	if err != nil {
		a.t.Fatalf("post graphql: %v", err)
	}
	return resp, out
}

// handmadeToken joins a JWT from its parts, unsigned unless sig is given.
func handmadeToken(t *testing.T, header, claims map[string]any, sig string) string {
	t.Helper()
	enc := func(v map[string]any) string { return base64.RawURLEncoding.EncodeToString(mustMarshal(t, v)) }
	return enc(header) + "." + enc(claims) + "." + sig
}

func TestBadTokensAreRejectedOverHTTP(t *testing.T) {
	a := newAPI(t)
	now := time.Now()
	admin := auth.Principal{Subject: storetest.ID("admin"), Roles: []auth.Role{auth.RoleAdmin}}
	mint := func(secret []byte, p auth.Principal, ttl time.Duration, at time.Time) string {
		tok, err := auth.Mint(secret, config.DefaultJWTIssuer, config.DefaultJWTAudience, p, ttl, at)
		if err != nil {
			t.Fatalf("mint: %v", err)
		}
		return tok
	}
	adminClaims := map[string]any{"iss": config.DefaultJWTIssuer, "aud": config.DefaultJWTAudience, "sub": admin.Subject,
		"iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(time.Hour).Unix(), "roles": []string{"ADMIN"}}
	// A professional's real token with its payload swapped for an admin's.
	professional := strings.Split(mint(testSecret, auth.Principal{Subject: storetest.ID("p"), Roles: []auth.Role{auth.RoleProfessional}}, time.Hour, now), ".")
	tampered := handmadeToken(t, map[string]any{"alg": "HS256", "typ": "JWT"}, adminClaims, professional[2])

	cases := []struct{ name, authorization string }{
		{"expired", "Bearer " + mint(testSecret, admin, time.Hour, now.Add(-2*time.Hour))},
		{"wrong signature", "Bearer " + mint([]byte("not-the-server-secret-but-just-as-long-0123456789"), admin, time.Hour, now)},
		{"tampered payload", "Bearer " + tampered},
		{"alg none", "Bearer " + handmadeToken(t, map[string]any{"alg": "none", "typ": "JWT"}, adminClaims, "")},
		{"garbage", "Bearer this-is-not-a-token"},
		{"garbage with dots", "Bearer aaa.bbb.ccc"},
		{"empty bearer", "Bearer "},
		{"not bearer", "Basic " + base64.StdEncoding.EncodeToString([]byte("admin:admin"))},
	}
	const mutation = `mutation($n:String!,$r:String!){ createOrganisation(input:{name:$n, kind:ASSOCIATION, sector:THIRD, region:$r}){ id } }`
	count := func(region string) int {
		var out struct{ Organisations struct{ TotalCount int } }
		a.ok(`query($r:String!){ organisations(filter:{region:$r}){ totalCount } }`, map[string]any{"r": region}, &out)
		return out.Organisations.TotalCount
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := a.with(t)
			region := storetest.ID("token-region")
			resp, body := a.postWithAuthorization(c.authorization, mutation, map[string]any{"n": storetest.ID("Yhdistys"), "r": region})
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("status %d, want 401", resp.StatusCode)
			}
			if len(body.Errors) != 1 || body.Errors[0].Extensions["code"] != "UNAUTHENTICATED" {
				t.Errorf("errors = %+v, want one UNAUTHENTICATED", body.Errors)
			}
			if len(body.Data) > 0 && string(body.Data) != "null" {
				t.Errorf("a rejected request returned data %s", body.Data)
			}
			if !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("WWW-Authenticate = %q", resp.Header.Get("WWW-Authenticate"))
			}
			if n := count(region); n != 0 {
				t.Errorf("the mutation of a rejected request ran: %d organisations in its region", n)
			}
		})
	}

	// The same request with a good token runs: the rejections above are the tokens'.
	region := storetest.ID("token-region")
	resp, body := a.postWithAuthorization("Bearer "+mint(testSecret, admin, time.Hour, now), mutation,
		map[string]any{"n": storetest.ID("Yhdistys"), "r": region})
	if resp.StatusCode != http.StatusOK || len(body.Errors) > 0 || count(region) != 1 {
		t.Fatalf("a valid admin token: status %d, errors %+v, %d organisations", resp.StatusCode, body.Errors, count(region))
	}
}

func TestNoTokenIsAnonymous(t *testing.T) {
	a := newAPI(t)
	region := storetest.ID("anon-region")
	org := a.newOrg(map[string]any{"region": region})
	public := a.newPerson(map[string]any{"visibility": "PUBLIC", "region": region})
	members := a.newPerson(map[string]any{"visibility": "MEMBERS", "region": region})
	topic, _ := a.newTopic("avoin")
	collab := a.newCollab(map[string]any{"partners": lead(org)})

	resp, body := a.postWithAuthorization("", `query($r:String!,$p:ID!,$o:ID!,$t:ID!,$c:ID!){
		sectors { code } topic(id:$t){ id } organisation(id:$o){ id } collaboration(id:$c){ id }
		people(filter:{region:$r}){ totalCount nodes { id } } person(id:$p){ id } me { id } }`,
		map[string]any{"r": region, "p": public, "o": org, "t": topic, "c": collab})
	if resp.StatusCode != http.StatusOK || len(body.Errors) > 0 {
		t.Fatalf("anonymous public reads: status %d, errors %+v", resp.StatusCode, body.Errors)
	}
	d := decoded(t, body.Data)
	if len(asList(dig(d, "sectors"))) != 4 || dig(d, "topic.id") != topic || dig(d, "organisation.id") != org ||
		dig(d, "collaboration.id") != collab || dig(d, "person.id") != public || dig(d, "me") != nil ||
		dig(d, "people.totalCount") != 1.0 || !slices.Equal(strs(dig(d, "people.nodes"), "id"), []string{public}) {
		t.Fatalf("anonymous reads = %s", body.Data)
	}
	assertNoLeak(t, body.Data, members)

	// A change without a token is FORBIDDEN (sign in first), not UNAUTHENTICATED.
	resp, body = a.postWithAuthorization("", `mutation($o:ID!){ updateOrganisation(id:$o, input:{description:"x"}){ id } }`,
		map[string]any{"o": org})
	if resp.StatusCode != http.StatusOK || len(body.Errors) != 1 || body.Errors[0].Extensions["code"] != "FORBIDDEN" {
		t.Fatalf("anonymous mutation: status %d, errors %+v", resp.StatusCode, body.Errors)
	}
}
