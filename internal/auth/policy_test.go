package auth

import (
	"testing"

	"github.com/tulkki/tulkki/internal/model"
)

var (
	anon      = Principal{}
	self      = Principal{Subject: "p-self", Roles: []Role{RoleProfessional}}
	other     = Principal{Subject: "p-other", Roles: []Role{RoleProfessional}}
	editor    = Principal{Subject: "p-editor", Roles: []Role{RoleOrgEditor}, Orgs: []string{"org-own"}}
	facilitat = Principal{Subject: "p-fac", Roles: []Role{RoleFacilitator}}
	coord     = Principal{Subject: "p-coord", Roles: []Role{RoleCoordinator}}
	admin     = Principal{Subject: "p-admin", Roles: []Role{RoleAdmin}}
)

func TestCanSeePerson(t *testing.T) {
	person := func(v model.Visibility) *model.Person { return &model.Person{ID: "p-self", Visibility: v} }
	tests := []struct {
		name   string
		who    Principal
		vis    model.Visibility
		expect bool
	}{
		{"anonymous sees public", anon, model.VisibilityPublic, true},
		{"anonymous not members", anon, model.VisibilityMembers, false},
		{"anonymous not private", anon, model.VisibilityPrivate, false},
		{"professional sees members", other, model.VisibilityMembers, true},
		{"professional not others' private", other, model.VisibilityPrivate, false},
		{"self sees own private", self, model.VisibilityPrivate, true},
		{"editor sees members", editor, model.VisibilityMembers, true},
		{"facilitator not private", facilitat, model.VisibilityPrivate, false},
		{"coordinator sees members", coord, model.VisibilityMembers, true},
		{"coordinator not private", coord, model.VisibilityPrivate, false},
		{"admin sees private", admin, model.VisibilityPrivate, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CanSeePerson(tt.who, person(tt.vis)); got != tt.expect {
				t.Errorf("CanSeePerson = %v, want %v", got, tt.expect)
			}
		})
	}
	if CanSeePerson(admin, nil) {
		t.Error("nil person must not be visible")
	}
}

func TestCanSeeContact(t *testing.T) {
	consenting := &model.Person{ID: "p-x", Contactable: true}
	refusing := &model.Person{ID: "p-self", Contactable: false}
	tests := []struct {
		name   string
		who    Principal
		person *model.Person
		expect ContactAccess
	}{
		{"anonymous", anon, consenting, ContactForbidden},
		{"other professional", other, consenting, ContactForbidden},
		{"org editor", editor, consenting, ContactForbidden},
		{"facilitator, consented", facilitat, consenting, ContactAllowed},
		{"facilitator, not consented", facilitat, refusing, ContactWithheld},
		{"coordinator, consented", coord, consenting, ContactAllowed},
		{"coordinator, not consented", coord, refusing, ContactWithheld},
		{"self, not consented", self, refusing, ContactAllowed},
		{"admin", admin, refusing, ContactAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CanSeeContact(tt.who, tt.person); got != tt.expect {
				t.Errorf("CanSeeContact = %v, want %v", got, tt.expect)
			}
		})
	}
}

func TestEditRights(t *testing.T) {
	tests := []struct {
		name                                   string
		who                                    Principal
		createSelf, createFresh, editSelf      bool
		createOrg, editOwnOrg, editOtherOrg    bool
		editCollabOwn, editCollabOther, topics bool
		steerOwn, steerOther, ecosystem        bool
	}{
		{"anonymous", anon, false, false, false, false, false, false, false, false, false, false, false, false},
		{"self", self, true, false, true, false, false, false, false, false, false, false, false, false},
		{"other professional", other, false, false, false, false, false, false, false, false, false, false, false, false},
		{"org editor", editor, false, false, false, false, true, false, true, false, true, true, false, false},
		{"facilitator", facilitat, false, false, false, false, false, false, false, false, true, false, false, false},
		{"coordinator", coord, false, false, false, false, false, false, false, false, false, true, true, true},
		{"admin", admin, true, true, true, true, true, true, true, true, true, true, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check := func(what string, got, want bool) {
				t.Helper()
				if got != want {
					t.Errorf("%s = %v, want %v", what, got, want)
				}
			}
			check("create own person", CanCreatePerson(tt.who, "p-self"), tt.createSelf)
			check("create fresh person", CanCreatePerson(tt.who, ""), tt.createFresh)
			check("edit p-self", CanEditPerson(tt.who, "p-self"), tt.editSelf)
			check("create organisation", CanCreateOrganisation(tt.who), tt.createOrg)
			check("edit own org", CanEditOrganisation(tt.who, "org-own"), tt.editOwnOrg)
			check("edit other org", CanEditOrganisation(tt.who, "org-other"), tt.editOtherOrg)
			check("edit collab with own org", CanEditCollaboration(tt.who, []string{"org-other", "org-own"}), tt.editCollabOwn)
			check("edit collab without own org", CanEditCollaboration(tt.who, []string{"org-other"}), tt.editCollabOther)
			check("create topic", CanCreateTopic(tt.who), tt.topics)
			check("steer collab with own org", CanSteerCollaboration(tt.who, []string{"org-other", "org-own"}), tt.steerOwn)
			check("steer collab without own org", CanSteerCollaboration(tt.who, []string{"org-other"}), tt.steerOther)
			check("see the ecosystem", CanSeeEcosystem(tt.who), tt.ecosystem)
		})
	}
}

func TestPersonScopeOfCoordinator(t *testing.T) {
	s := PersonScopeOf(coord)
	if s.Contacts != model.ContactsConsented {
		t.Errorf("a coordinator's contact scope = %v, want the consented contacts", s.Contacts)
	}
	if len(s.Visibilities) != 2 {
		t.Errorf("a coordinator sees %v, want PUBLIC and MEMBERS", s.Visibilities)
	}
}
