package graph_test

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/storetest"
)

const (
	addContributorQ = `mutation($c:ID!,$p:ID!,$r:ContributorRole!){ addContributor(collaborationId:$c, personId:$p, role:$r){ id } }`
	acceptQ         = `mutation($c:ID!){ acceptContributorInvitation(collaborationId:$c){ id } }`
	declineQ        = `mutation($c:ID!){ declineContributorInvitation(collaborationId:$c){ id } }`
	handOverQ       = `mutation($c:ID!,$p:ID!){ handOverLead(collaborationId:$c, toPersonId:$p){ id } }`
)

// contributorsOf reads a collaboration's contributors as "id:ROLE", in the
// API's order, and its pending invitations as "id:ROLE", as caller.
func contributorsOf(t *testing.T, caller *api, collab string) (contributors, invitations []string) {
	t.Helper()
	var out struct {
		Collaboration struct {
			Contributors, Invitations []struct {
				Role   string
				Person *struct{ ID string }
			}
		}
	}
	caller.ok(`query($id:ID!){ collaboration(id:$id){ contributors { role person { id } } invitations { role person { id } } } }`,
		map[string]any{"id": collab}, &out)
	for _, k := range out.Collaboration.Contributors {
		contributors = append(contributors, k.Person.ID+":"+k.Role)
	}
	for _, k := range out.Collaboration.Invitations {
		invitations = append(invitations, k.Person.ID+":"+k.Role)
	}
	return contributors, invitations
}

// TestContributorsAreInvited: an editor adding someone else to a
// collaboration invites them; they appear among the contributors only
// once they accept, can decline, and see the invitation in their inbox
// (issue 17, point 7). Before, the editor's addContributor listed the
// person at once.
func TestContributorsAreInvited(t *testing.T) {
	a := newAPI(t)
	org := a.newOrg(nil)
	collab := a.newCollab(map[string]any{"partners": lead(org)})
	editor := a.as(auth.Principal{Subject: storetest.ID("editor"), Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{org}})
	asked := a.newPerson(map[string]any{"visibility": "MEMBERS"})
	declines := a.newPerson(map[string]any{"visibility": "MEMBERS"})
	stranger := a.as(professional(a.newPerson(nil)))

	editor.ok(addContributorQ, map[string]any{"c": collab, "p": asked, "r": "EXPERT"}, nil)
	editor.ok(addContributorQ, map[string]any{"c": collab, "p": declines, "r": "VOLUNTEER"}, nil)
	contributors, invitations := contributorsOf(t, editor, collab)
	if len(contributors) != 0 || strings.Join(invitations, " ") != fmt.Sprintf("%s:EXPERT %s:VOLUNTEER", asked, declines) {
		t.Fatalf("after inviting: contributors %v, invitations %v", contributors, invitations)
	}
	if _, seen := contributorsOf(t, stranger, collab); len(seen) != 0 {
		t.Errorf("a professional who does not steer the collaboration sees its invitations %v", seen)
	}
	// Twice is a conflict, and changes nothing.
	editor.fails(addContributorQ, map[string]any{"c": collab, "p": asked, "r": "MEMBER"}, "CONFLICT")

	// The invitation is in the person's inbox and in their invitations.
	person := a.as(professional(asked))
	var me struct {
		Me struct {
			ContributorInvitations []struct {
				Role          string
				Collaboration struct{ ID string }
			}
			Inbox struct {
				Nodes []struct {
					Kind          string
					Collaboration *struct{ ID string }
				}
			}
		}
	}
	person.ok(`{ me { contributorInvitations { role collaboration { id } } inbox { nodes { kind collaboration { id } } } } }`, nil, &me)
	if got := me.Me.ContributorInvitations; len(got) != 1 || got[0].Role != "EXPERT" || got[0].Collaboration.ID != collab {
		t.Errorf("contributorInvitations = %+v", got)
	}
	if got := me.Me.Inbox.Nodes; len(got) != 1 || got[0].Kind != "CONTRIBUTOR_INVITED" || got[0].Collaboration == nil || got[0].Collaboration.ID != collab {
		t.Errorf("inbox = %+v", got)
	}
	var other struct {
		Person struct{ ContributorInvitations []any }
	}
	editor.ok(`query($id:ID!){ person(id:$id){ contributorInvitations { role } } }`, map[string]any{"id": asked}, &other)
	if other.Person.ContributorInvitations != nil {
		t.Errorf("someone else reads the person's invitations: %v", other.Person.ContributorInvitations)
	}

	// Only the invited person answers; the others get NOT_FOUND, and nothing changes.
	for _, who := range []*api{stranger, editor, a} {
		who.fails(acceptQ, map[string]any{"c": collab}, "NOT_FOUND")
		who.fails(declineQ, map[string]any{"c": collab}, "NOT_FOUND")
	}
	a.anonymous().fails(acceptQ, map[string]any{"c": collab}, "FORBIDDEN")
	if c, i := contributorsOf(t, editor, collab); len(c) != 0 || len(i) != 2 {
		t.Fatalf("refused answers changed the data: contributors %v, invitations %v", c, i)
	}

	person.ok(acceptQ, map[string]any{"c": collab}, nil)
	a.as(professional(declines)).ok(declineQ, map[string]any{"c": collab}, nil)
	// An editor withdraws an invitation with removeContributor.
	withdrawn := a.newPerson(nil)
	editor.ok(addContributorQ, map[string]any{"c": collab, "p": withdrawn, "r": "MEMBER"}, nil)
	editor.ok(`mutation($c:ID!,$p:ID!){ removeContributor(collaborationId:$c, personId:$p){ id } }`, map[string]any{"c": collab, "p": withdrawn}, nil)
	a.as(professional(withdrawn)).fails(acceptQ, map[string]any{"c": collab}, "NOT_FOUND")
	contributors, invitations = contributorsOf(t, editor, collab)
	if strings.Join(contributors, " ") != asked+":EXPERT" || len(invitations) != 0 {
		t.Fatalf("after the answers: contributors %v, invitations %v", contributors, invitations)
	}
	person.fails(acceptQ, map[string]any{"c": collab}, "NOT_FOUND") // answered already
	editor.fails(addContributorQ, map[string]any{"c": collab, "p": asked, "r": "MEMBER"}, "CONFLICT")

	// Creating a collaboration with contributors invites them too; an
	// editor adding themselves and an administrator record at once.
	selfID := a.newPerson(nil)
	selfEditor := a.as(auth.Principal{Subject: selfID, Roles: []auth.Role{auth.RoleProfessional, auth.RoleOrgEditor}, Orgs: []string{org}})
	var created struct{ CreateCollaboration struct{ ID string } }
	selfEditor.ok(`mutation($in:CreateCollaborationInput!){ createCollaboration(input:$in){ id } }`, map[string]any{"in": map[string]any{
		"title": storetest.ID("Kutsuttu"), "form": "PROJECT", "partners": lead(org),
		"contributors": []any{map[string]any{"personId": selfID, "role": "LEAD"}, map[string]any{"personId": declines, "role": "MEMBER"}}}}, &created)
	contributors, invitations = contributorsOf(t, a, created.CreateCollaboration.ID)
	if strings.Join(contributors, " ") != selfID+":LEAD" || strings.Join(invitations, " ") != declines+":MEMBER" {
		t.Errorf("created by an editor: contributors %v, invitations %v", contributors, invitations)
	}
	a.ok(addContributorQ, map[string]any{"c": created.CreateCollaboration.ID, "p": declines, "r": "EXPERT"}, nil)
	contributors, invitations = contributorsOf(t, a, created.CreateCollaboration.ID)
	if strings.Join(contributors, " ") != selfID+":LEAD "+declines+":EXPERT" || len(invitations) != 0 {
		t.Errorf("an administrator's addContributor: contributors %v, invitations %v", contributors, invitations)
	}
}

// TestHandOverLead: the LEAD contributor role passes to another
// contributor, leaving exactly one LEAD; who may do it and what is
// refused (issue 17, point 7).
func TestHandOverLead(t *testing.T) {
	a := newAPI(t)
	type world struct {
		org, collab, leader, member, outsider string
	}
	newWorld := func() world {
		w := world{org: a.newOrg(nil), leader: a.newPerson(nil), member: a.newPerson(nil), outsider: a.newPerson(nil)}
		w.collab = a.newCollab(map[string]any{"partners": lead(w.org), "contributors": []any{
			map[string]any{"personId": w.leader, "role": "LEAD"}, map[string]any{"personId": w.member, "role": "EXPERT"}}})
		return w
	}
	cases := []struct {
		name   string
		caller func(w world) *api
		to     func(w world) string
		code   string // "" when it succeeds
	}{
		{"by the LEAD", func(w world) *api { return a.as(professional(w.leader)) }, func(w world) string { return w.member }, ""},
		{"by a partner's editor", func(w world) *api {
			return a.as(auth.Principal{Subject: storetest.ID("ed"), Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{w.org}})
		}, func(w world) string { return w.member }, ""},
		{"by a coordinator", func(world) *api {
			return a.as(auth.Principal{Subject: storetest.ID("co"), Roles: []auth.Role{auth.RoleCoordinator}})
		}, func(w world) string { return w.member }, ""},
		{"by an administrator", func(world) *api { return a }, func(w world) string { return w.member }, ""},
		{"by a contributor who is not LEAD", func(w world) *api { return a.as(professional(w.member)) }, func(w world) string { return w.member }, "FORBIDDEN"},
		{"by someone else", func(w world) *api { return a.as(professional(w.outsider)) }, func(w world) string { return w.member }, "FORBIDDEN"},
		{"anonymously", func(world) *api { return a.anonymous() }, func(w world) string { return w.member }, "FORBIDDEN"},
		{"to a non-contributor", func(w world) *api { return a.as(professional(w.leader)) }, func(w world) string { return w.outsider }, "NOT_FOUND"},
		{"to nobody", func(w world) *api { return a }, func(world) string { return storetest.ID("nobody") }, "NOT_FOUND"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld()
			caller := c.caller(w).with(t)
			vars := map[string]any{"c": w.collab, "p": c.to(w)}
			if c.code != "" {
				caller.fails(handOverQ, vars, c.code)
				if got, _ := contributorsOf(t, a.with(t), w.collab); strings.Join(got, " ") != w.leader+":LEAD "+w.member+":EXPERT" {
					t.Errorf("a refused handover changed the contributors: %v", got)
				}
				return
			}
			caller.ok(handOverQ, vars, nil)
			if got, _ := contributorsOf(t, a.with(t), w.collab); strings.Join(got, " ") != w.member+":LEAD "+w.leader+":MEMBER" {
				t.Errorf("after the handover: %v", got)
			}
		})
	}
	t.Run("previousLeadRole", func(t *testing.T) {
		w := newWorld()
		a := a.with(t)
		a.fails(`mutation($c:ID!,$p:ID!){ handOverLead(collaborationId:$c, toPersonId:$p, previousLeadRole:LEAD){ id } }`,
			map[string]any{"c": w.collab, "p": w.member}, "BAD_USER_INPUT")
		a.ok(`mutation($c:ID!,$p:ID!){ handOverLead(collaborationId:$c, toPersonId:$p, previousLeadRole:COORDINATOR){ id } }`,
			map[string]any{"c": w.collab, "p": w.member}, nil)
		if got, _ := contributorsOf(t, a, w.collab); strings.Join(got, " ") != w.member+":LEAD "+w.leader+":COORDINATOR" {
			t.Errorf("after the handover: %v", got)
		}
	})
}

// TestConcurrentHandovers: handovers racing on one collaboration leave it
// with exactly one LEAD. Of the LEAD's own concurrent handovers only one
// succeeds (the others find the caller no longer LEAD); editors' all
// succeed, one after the other.
func TestConcurrentHandovers(t *testing.T) {
	a := newAPI(t)
	const n = 6
	for _, byLead := range []bool{true, false} {
		t.Run(fmt.Sprintf("by the LEAD %v", byLead), func(t *testing.T) {
			a := a.with(t)
			org := a.newOrg(nil)
			leader := a.newPerson(nil)
			people := make([]string, n)
			contributors := []any{map[string]any{"personId": leader, "role": "LEAD"}}
			for i := range people {
				people[i] = a.newPerson(nil)
				contributors = append(contributors, map[string]any{"personId": people[i], "role": "MEMBER"})
			}
			collab := a.newCollab(map[string]any{"partners": lead(org), "contributors": contributors})
			caller := a.as(auth.Principal{Subject: storetest.ID("ed"), Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{org}})
			if byLead {
				caller = a.as(professional(leader))
			}
			codes := make([]string, n)
			var wg sync.WaitGroup
			for i := range people {
				wg.Add(1)
				go func() {
					defer wg.Done()
					body := mustMarshal(t, map[string]any{"query": handOverQ, "variables": map[string]any{"c": collab, "p": people[i]}})
					_, r, err := caller.roundTrip("POST", "/graphql", body, caller.bearer())
					switch {
					case err != nil:
						codes[i] = err.Error()
					case len(r.Errors) > 0:
						codes[i], _ = r.Errors[0].Extensions["code"].(string)
					default:
						codes[i] = "OK"
					}
				}()
			}
			wg.Wait()
			sort.Strings(codes)
			want := strings.Repeat("OK ", n)
			if byLead {
				want = strings.Repeat("FORBIDDEN ", n-1) + "OK "
			}
			if strings.Join(codes, " ")+" " != want {
				t.Errorf("outcomes %v, want %s", codes, want)
			}
			got, _ := contributorsOf(t, a, collab)
			leads := 0
			for _, k := range got {
				if strings.HasSuffix(k, ":LEAD") {
					leads++
				}
			}
			if leads != 1 || len(got) != n+1 {
				t.Errorf("contributors after racing handovers: %v", got)
			}
		})
	}
}
