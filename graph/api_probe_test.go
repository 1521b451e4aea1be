package graph_test

import (
	"testing"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/storetest"
)

// TestHiddenPeopleCannotBeProbed: changes that name a person must not tell
// a caller who may not see that person whether they exist.
func TestHiddenPeopleCannotBeProbed(t *testing.T) {
	a := newAPI(t)
	org := a.newOrg(nil)
	collab := a.newCollab(map[string]any{"partners": lead(org)})
	hidden := a.newPerson(map[string]any{"visibility": "PRIVATE"})
	members := a.newPerson(map[string]any{"visibility": "MEMBERS"})
	hiddenStint := a.newExperience(hidden, org, "2015-01-01", "")
	membersStint := a.newExperience(members, org, "2015-01-01", "")

	editor := a.as(auth.Principal{Subject: storetest.ID("editor"), Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{org}})
	add := `mutation($c:ID!,$p:ID!){ addContributor(collaborationId:$c, personId:$p, role:MEMBER){ id } }`
	hiddenErr := editor.fails(add, map[string]any{"c": collab, "p": hidden}, "NOT_FOUND")
	missingErr := editor.fails(add, map[string]any{"c": collab, "p": storetest.ID("nobody")}, "NOT_FOUND")
	if len(hiddenErr.Message) == 0 || len(missingErr.Message) == 0 {
		t.Fatal("errors without messages")
	}
	// Creating a collaboration with contributors says the same of a hidden
	// person as of one who does not exist, and writes nothing.
	create := `mutation($org:ID!,$p:ID!){ createCollaboration(input:{title:"Probe", form:PROJECT,
	  partners:[{organisationId:$org, role:LEAD}], contributors:[{personId:$p, role:MEMBER}]}){ id } }`
	editor.fails(create, map[string]any{"org": org, "p": hidden}, "NOT_FOUND")
	editor.fails(create, map[string]any{"org": org, "p": storetest.ID("nobody")}, "NOT_FOUND")
	var titles struct {
		Collaborations struct{ Nodes []struct{ Title string } }
	}
	a.ok(`query($org:ID!){ collaborations(filter:{organisationId:$org}, first:10){ nodes { title } } }`, map[string]any{"org": org}, &titles)
	if len(titles.Collaborations.Nodes) != 1 {
		t.Fatalf("refused creations wrote collaborations: %+v", titles.Collaborations.Nodes)
	}
	editor.ok(add, map[string]any{"c": collab, "p": members}, nil) // visible to a signed-in editor: invited
	a.as(auth.Principal{Subject: members, Roles: []auth.Role{auth.RoleProfessional}}).
		ok(`mutation($c:ID!){ acceptContributorInvitation(collaborationId:$c){ id } }`, map[string]any{"c": collab}, nil)

	var c struct {
		Collaboration struct {
			Contributors []struct{ Person *struct{ ID string } }
		}
	}
	a.ok(`query($id:ID!){ collaboration(id:$id){ contributors { person { id } } } }`, map[string]any{"id": collab}, &c)
	if len(c.Collaboration.Contributors) != 1 || c.Collaboration.Contributors[0].Person.ID != members {
		t.Fatalf("contributors %+v, want only the visible person", c.Collaboration.Contributors)
	}

	other := a.as(auth.Principal{Subject: storetest.ID("other"), Roles: []auth.Role{auth.RoleProfessional}})
	update := `mutation($id:ID!){ updateExperience(id:$id, input:{roleTitle:"x"}){ id } }`
	other.fails(update, map[string]any{"id": hiddenStint}, "NOT_FOUND")
	other.fails(update, map[string]any{"id": membersStint}, "FORBIDDEN")
	other.fails(`mutation($id:ID!){ removeExperience(id:$id){ id } }`, map[string]any{"id": hiddenStint}, "NOT_FOUND")
	a.ok(`query($id:ID!){ experience(id:$id){ id roleTitle } }`, map[string]any{"id": hiddenStint}, nil) // still there
}
