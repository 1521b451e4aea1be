package directory

import (
	"context"
	"errors"
	"testing"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// peopleStore holds three people, one per visibility, and records updates;
// the rest of the port is not used.
type peopleStore struct {
	Store
	updated []string
}

var people = map[string]*model.Person{
	"p-public":  {ID: "p-public", Visibility: model.VisibilityPublic, Email: "public@example.org", Contactable: true},
	"p-members": {ID: "p-members", Visibility: model.VisibilityMembers},
	"p-private": {ID: "p-private", Visibility: model.VisibilityPrivate},
}

func (s *peopleStore) PeopleByID(_ context.Context, ids []string) (map[string]*model.Person, error) {
	out := map[string]*model.Person{}
	for _, id := range ids {
		if p := people[id]; p != nil {
			c := *p
			out[id] = &c
		}
	}
	return out, nil
}

func (s *peopleStore) UpdatePerson(_ context.Context, id string, _ model.PersonPatch) (*model.Person, error) {
	s.updated = append(s.updated, id)
	return people[id], nil
}

func TestPeopleByIDLeavesOutWhomTheCallerMayNotSee(t *testing.T) {
	svc := New(&peopleStore{})
	ids := []string{"p-public", "p-members", "p-private"}
	for _, tc := range []struct {
		name   string
		caller auth.Principal
		want   int
	}{
		{"anonymous", auth.Principal{}, 1},
		{"a member", auth.Principal{Subject: "p-x", Roles: []auth.Role{auth.RoleProfessional}}, 2},
		{"the private person", auth.Principal{Subject: "p-private", Roles: []auth.Role{auth.RoleProfessional}}, 3},
		{"an administrator", auth.Principal{Subject: "admin", Roles: []auth.Role{auth.RoleAdmin}}, 3},
	} {
		got, err := svc.PeopleByID(context.Background(), tc.caller, ids)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != tc.want {
			t.Errorf("%s sees %d people, want %d", tc.name, len(got), tc.want)
		}
	}
	if _, err := svc.Person(context.Background(), auth.Principal{}, "p-members"); !errors.Is(err, errs.ErrNotFound) {
		t.Errorf("a hidden person: err %v, want not found", err)
	}
}

func TestUpdatePersonOnlyByThePersonOrAnAdministrator(t *testing.T) {
	st := &peopleStore{}
	svc := New(st)
	name := "New name"
	other := auth.Principal{Subject: "p-public", Roles: []auth.Role{auth.RoleProfessional}}
	if _, err := svc.UpdatePerson(context.Background(), other, "p-members", model.PersonPatch{Name: &name}); !errors.Is(err, errs.ErrForbidden) {
		t.Errorf("someone else: err %v, want forbidden", err)
	}
	self := auth.Principal{Subject: "p-members", Roles: []auth.Role{auth.RoleProfessional}}
	if _, err := svc.UpdatePerson(context.Background(), self, "p-members", model.PersonPatch{Name: &name}); err != nil {
		t.Errorf("themselves: %v", err)
	}
	empty := " "
	if _, err := svc.UpdatePerson(context.Background(), self, "p-members", model.PersonPatch{Name: &empty}); !errors.Is(err, errs.ErrInvalidInput) {
		t.Errorf("an empty name: err %v, want invalid input", err)
	}
	if len(st.updated) != 1 {
		t.Errorf("%d updates stored, want only the allowed, valid one", len(st.updated))
	}
}
