package graph_test

import (
	"encoding/json"
	"testing"

	"github.com/tulkki/tulkki/internal/storetest"
)

// The workshop rows of the authorisation matrix (api_auth_test.go).
// Workshops are never open to anonymous callers: without a token every
// workshop operation is UNAUTHENTICATED. FACILITATOR and ADMIN plan, edit
// and read; a person seated at a workshop (self) reads it.
const workshopAuthMatrixRows = `
createWorkshop                  | unauth | no  | no | no | no | yes | no | yes
updateWorkshop                  | unauth | no  | no | no | no | yes | no | yes
deleteWorkshop                  | unauth | no  | no | no | no | yes | no | yes
moveWorkshopParticipant         | unauth | no  | no | no | no | yes | no | yes
swapWorkshopParticipants        | unauth | no  | no | no | no | yes | no | yes
addWorkshopParticipant          | unauth | no  | no | no | no | yes | no | yes
removeWorkshopParticipant       | unauth | no  | no | no | no | yes | no | yes
linkCollaborationToWorkshop     | unauth | no  | no | no | no | yes | no | yes
unlinkCollaborationFromWorkshop | unauth | no  | no | no | no | yes | no | yes
workshop (read)                 | unauth | yes | no | no | no | yes | no | yes
`

// workshopOpts asks newAuthWorld for a workshop: a topic of the world's
// own that orgA (PUBLIC) and orgB (PRIVATE) are interested in; the person
// (orgA) at table 1 and the contributor (orgB, an ongoing stint) at table
// 2; the other professional with an ended stint at orgB, so they may be
// added. Translators the planner found elsewhere in the shared test graph
// are removed, so that only this world's people are seated.
type workshopOpts struct {
	wanted bool
	// linked: the world's collaboration started at the workshop.
	linked bool
}

func (w *authWorld) addWorkshop(a *api, o workshopOpts) {
	a.t.Helper()
	w.topic, _ = a.newTopic(w.tag + " työpajat")
	for _, org := range []string{w.orgA, w.orgB} {
		a.ok(`mutation($id:ID!,$t:[ID!]){ updateOrganisation(id:$id, input:{topicIds:$t}){ id } }`,
			map[string]any{"id": org, "t": []string{w.topic}}, nil)
	}
	a.newExperience(w.contributor, w.orgB, "2021-01-01", "")
	a.newExperience(w.other, w.orgB, "2015-01-01", "2018-01-01")
	var out struct {
		CreateWorkshop struct {
			ID           string
			Participants []struct {
				Role   string
				Table  int
				Person struct{ ID string }
			}
		}
	}
	const create = `mutation($in:CreateWorkshopInput!){ createWorkshop(input:$in){ id participants { role table person { id } } } }`
	vars := map[string]any{"in": map[string]any{"title": "Työpaja " + w.tag, "date": "2026-09-01",
		"plan": map[string]any{"topicId": w.topic, "size": 6, "tables": 2, "sectors": []string{"PUBLIC", "PRIVATE"}}}}
	// A translator found elsewhere in the shared graph may belong to a test
	// running alongside that deletes it between planning and saving; the
	// save then says CONFLICT ("plan again"), and so the fixture does.
	for attempt := 1; ; attempt++ {
		r := a.do(create, vars)
		if len(r.Errors) == 0 {
			if err := json.Unmarshal(r.Data, &out); err != nil {
				a.t.Fatalf("decode data %s: %v", r.Data, err)
			}
			break
		}
		if attempt == 3 || r.Errors[0].Extensions["code"] != "CONFLICT" {
			a.t.Fatalf("create the world's workshop (attempt %d): %+v", attempt, r.Errors)
		}
	}
	w.workshop = out.CreateWorkshop.ID
	// The translators come from elsewhere in the shared graph, and a test
	// running alongside may erase one while they are removed here: the
	// edit then says CONFLICT, and the seating is read again.
	participants := out.CreateWorkshop.Participants
	seats := map[string]int{}
	for attempt := 1; ; attempt++ {
		conflict := false
		clear(seats)
		for _, p := range participants {
			if p.Role != "TRANSLATOR" {
				seats[p.Person.ID] = p.Table
				continue
			}
			r := a.do(`mutation($w:ID!,$p:ID!){ removeWorkshopParticipant(workshopId:$w, personId:$p){ id } }`,
				map[string]any{"w": w.workshop, "p": p.Person.ID})
			if len(r.Errors) == 0 {
				continue
			}
			if attempt == 3 || r.Errors[0].Extensions["code"] != "CONFLICT" {
				a.t.Fatalf("remove translator %s from the world's workshop (attempt %d): %+v", p.Person.ID, attempt, r.Errors)
			}
			conflict = true
			break
		}
		if !conflict {
			break
		}
		var again struct {
			Workshop struct {
				Participants []struct {
					Role   string
					Table  int
					Person struct{ ID string }
				}
			}
		}
		a.ok(`query($w:ID!){ workshop(id:$w){ participants { role table person { id } } } }`, map[string]any{"w": w.workshop}, &again)
		participants = again.Workshop.Participants
	}
	if seats[w.person] != 1 || seats[w.contributor] != 2 || len(seats) != 2 {
		a.t.Fatalf("workshop seating %v, want the person at table 1 and the contributor at table 2", seats)
	}
	if o.linked {
		a.ok(`mutation($c:ID!,$w:ID!){ linkCollaborationToWorkshop(collaborationId:$c, workshopId:$w){ id } }`,
			map[string]any{"c": w.collab, "w": w.workshop}, nil)
	}
}

// snapshotWorkshops adds the workshops on the world's topic to a snapshot.
func (w *authWorld) snapshotWorkshops(admin *api, out map[string]any) {
	admin.t.Helper()
	d := admin.data(`query($t:ID!){ workshops(topicId:$t, first:100){ id title date place facilitator updatedAt
		participants { role table person { id } organisation { id } } outcomes { id } } }`, map[string]any{"t": w.topic})
	for _, n := range asList(dig(d, "workshops")) {
		out["workshop:"+dig(n, "id").(string)] = n
	}
}

func workshopVars(extra func(w *authWorld) map[string]any) func(w *authWorld) map[string]any {
	return func(w *authWorld) map[string]any {
		vars := map[string]any{"w": w.workshop}
		if extra != nil {
			for k, v := range extra(w) {
				vars[k] = v
			}
		}
		return vars
	}
}

func init() {
	withWorkshop := worldOpts{workshop: workshopOpts{wanted: true}}
	ops := map[string]authOp{
		"createWorkshop": {world: withWorkshop,
			query: `mutation($in:CreateWorkshopInput!){ createWorkshop(input:$in){ id } }`,
			vars: func(w *authWorld) map[string]any {
				return map[string]any{"in": map[string]any{"title": storetest.ID("Uusi työpaja"), "date": "2026-10-01",
					"plan": map[string]any{"topicId": w.topic, "size": 6, "tables": 1, "sectors": []string{"PUBLIC", "PRIVATE"}}}}
			}},
		"updateWorkshop": {world: withWorkshop,
			query: `mutation($w:ID!,$t:String!){ updateWorkshop(id:$w, input:{title:$t}){ id } }`,
			vars:  workshopVars(func(*authWorld) map[string]any { return map[string]any{"t": storetest.ID("Uusi nimi")} })},
		"deleteWorkshop": {world: withWorkshop, fresh: true,
			query: `mutation($w:ID!){ deleteWorkshop(id:$w) }`, vars: workshopVars(nil)},
		"moveWorkshopParticipant": {world: withWorkshop, fresh: true,
			query: `mutation($w:ID!,$p:ID!){ moveWorkshopParticipant(workshopId:$w, personId:$p, table:2){ id } }`,
			vars:  workshopVars(func(w *authWorld) map[string]any { return map[string]any{"p": w.person} })},
		"swapWorkshopParticipants": {world: withWorkshop, fresh: true,
			query: `mutation($w:ID!,$ps:[ID!]!){ swapWorkshopParticipants(workshopId:$w, personIds:$ps){ id } }`,
			vars: workshopVars(func(w *authWorld) map[string]any {
				return map[string]any{"ps": []string{w.person, w.contributor}}
			})},
		"addWorkshopParticipant": {world: withWorkshop, fresh: true,
			query: `mutation($w:ID!,$p:ID!,$o:ID!){ addWorkshopParticipant(workshopId:$w, input:{personId:$p, organisationId:$o, table:1, role:ORGANISATION_REP}){ id } }`,
			vars: workshopVars(func(w *authWorld) map[string]any {
				return map[string]any{"p": w.other, "o": w.orgB}
			})},
		"removeWorkshopParticipant": {world: withWorkshop, fresh: true,
			query: `mutation($w:ID!,$p:ID!){ removeWorkshopParticipant(workshopId:$w, personId:$p){ id } }`,
			vars:  workshopVars(func(w *authWorld) map[string]any { return map[string]any{"p": w.contributor} })},
		"linkCollaborationToWorkshop": {world: withWorkshop, fresh: true,
			query: `mutation($w:ID!,$c:ID!){ linkCollaborationToWorkshop(collaborationId:$c, workshopId:$w){ id } }`,
			vars:  workshopVars(func(w *authWorld) map[string]any { return map[string]any{"c": w.collab} })},
		"unlinkCollaborationFromWorkshop": {world: worldOpts{workshop: workshopOpts{wanted: true, linked: true}}, fresh: true,
			query: `mutation($w:ID!,$c:ID!){ unlinkCollaborationFromWorkshop(collaborationId:$c, workshopId:$w){ id } }`,
			vars:  workshopVars(func(w *authWorld) map[string]any { return map[string]any{"c": w.collab} })},
		"workshop (read)": {world: withWorkshop, read: true,
			query: `query($w:ID!){ workshop(id:$w){ id participants { person { id } } } }`, vars: workshopVars(nil),
			check: func(t *testing.T, w *authWorld, _ authRole, v verdict, resp gqlResponse, _, _ map[string]any) {
				if v == vAllow && dig(decoded(t, resp.Data), "workshop.id") != w.workshop {
					t.Errorf("workshop = %s", resp.Data)
				}
			}},
	}
	for name, op := range ops {
		authOps[name] = op
	}
}
