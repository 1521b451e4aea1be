package collaboration

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// notesStore is a collaboration "c1" with partner "org-a"; it records the
// notes and list queries that reach it (the rest of the port is nil).
type notesStore struct {
	Store
	notes  []string
	listed []model.CollaborationOrdering
	filter model.CollaborationFilter
}

func (s *notesStore) CollaborationsByID(_ context.Context, ids []string) (map[string]*model.Collaboration, error) {
	out := map[string]*model.Collaboration{}
	for _, id := range ids {
		if id == "c1" {
			out[id] = &model.Collaboration{ID: id}
		}
	}
	return out, nil
}

func (s *notesStore) PartnersByCollaboration(_ context.Context, ids []string) (map[string][]*model.Partnership, error) {
	return map[string][]*model.Partnership{"c1": {{CollaborationID: "c1", OrganisationID: "org-a", Role: model.PartnerLead}}}, nil
}

func (s *notesStore) AddCollaborationNote(_ context.Context, id string, kind model.CollaborationNoteKind, text, author string) (*model.Collaboration, error) {
	s.notes = append(s.notes, string(kind)+":"+text+":"+author)
	return &model.Collaboration{ID: id}, nil
}

func (s *notesStore) ReadCollaborationsPage(_ context.Context, f model.CollaborationFilter, o model.CollaborationOrdering, _ int, _ *string,
	_ model.PageRead, _ model.PersonScope) (*model.Page[*model.Collaboration], error) {
	s.filter = f
	s.listed = append(s.listed, o)
	return &model.Page[*model.Collaboration]{}, nil
}

func TestAddNoteRights(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		caller auth.Principal
		want   error
	}{
		{"coordinator", auth.Principal{Subject: "coord", Roles: []auth.Role{auth.RoleCoordinator}}, nil},
		{"editor of a partner", auth.Principal{Subject: "ed", Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{"org-a"}}, nil},
		{"admin", auth.Principal{Subject: "adm", Roles: []auth.Role{auth.RoleAdmin}}, nil},
		{"editor of another org", auth.Principal{Subject: "ed", Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{"org-b"}}, errs.ErrForbidden},
		{"facilitator", auth.Principal{Subject: "fac", Roles: []auth.Role{auth.RoleFacilitator}}, errs.ErrForbidden},
		{"professional", auth.Principal{Subject: "p", Roles: []auth.Role{auth.RoleProfessional}}, errs.ErrForbidden},
		{"anonymous", auth.Principal{}, errs.ErrForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := &notesStore{}
			_, err := New(st, nil, nil).AddNote(ctx, tc.caller, "c1", model.NoteKindDecision, "  The city funds the premises until June.  ")
			if tc.want == nil {
				if err != nil || len(st.notes) != 1 || st.notes[0] != "DECISION:The city funds the premises until June.:"+tc.caller.Subject {
					t.Fatalf("err %v, notes %q", err, st.notes)
				}
				return
			}
			if !errors.Is(err, tc.want) || len(st.notes) != 0 {
				t.Fatalf("err %v (want %v), notes written %q", err, tc.want, st.notes)
			}
		})
	}
}

func TestAddNoteInput(t *testing.T) {
	ctx := context.Background()
	coord := auth.Principal{Subject: "coord", Roles: []auth.Role{auth.RoleCoordinator}}
	for name, tc := range map[string]struct {
		kind model.CollaborationNoteKind
		text string
	}{
		"empty":           {model.NoteKindNote, "   "},
		"too long":        {model.NoteKindNote, strings.Repeat("ä", 10001)},
		"unknown kind":    {"GOSSIP", "x"},
		"control chars":   {model.NoteKindNote, "a\x00b"},
		"unknown collab?": {model.NoteKindNote, ""},
	} {
		st := &notesStore{}
		if _, err := New(st, nil, nil).AddNote(ctx, coord, "c1", tc.kind, tc.text); !errors.Is(err, errs.ErrInvalidInput) || len(st.notes) != 0 {
			t.Errorf("%s: err %v, notes %q; want BAD_USER_INPUT and nothing written", name, err, st.notes)
		}
	}
	st := &notesStore{}
	if _, err := New(st, nil, nil).AddNote(ctx, coord, "c1", "", strings.Repeat("ä", 10000)); err != nil || len(st.notes) != 1 ||
		!strings.HasPrefix(st.notes[0], "NOTE:") {
		t.Errorf("a 10,000-character note without a kind: err %v, notes %d; want one NOTE", err, len(st.notes))
	}
	if _, err := New(st, nil, nil).AddNote(ctx, coord, "nope", "", "x"); !errors.Is(err, errs.ErrNotFound) {
		t.Errorf("a note on an unknown collaboration: err %v, want NOT_FOUND", err)
	}
}

func TestListCollaborationsChecksFilterAndOrder(t *testing.T) {
	ctx := context.Background()
	st := &notesStore{}
	svc := New(st, nil, nil)
	if _, err := svc.ListCollaborations(ctx, auth.Principal{}, model.CollaborationFilter{StalledFor: " p30d ", Region: " Uusimaa "},
		model.CollaborationOrdering{}, nil, nil, model.PageRead{}); err != nil {
		t.Fatal(err)
	}
	if st.filter.StalledFor != "P30D" || st.filter.Region != "Uusimaa" || st.listed[0].Field != model.OrderByTitle {
		t.Errorf("filter %+v, order %+v: want P30D, Uusimaa, by title", st.filter, st.listed[0])
	}
	for name, q := range map[string]struct {
		f model.CollaborationFilter
		o model.CollaborationOrdering
	}{
		"zero duration":     {model.CollaborationFilter{StalledFor: "P0D"}, model.CollaborationOrdering{}},
		"not a duration":    {model.CollaborationFilter{StalledFor: "30 days"}, model.CollaborationOrdering{}},
		"negative duration": {model.CollaborationFilter{StalledFor: "-P3D"}, model.CollaborationOrdering{}},
		"unknown phase":     {model.CollaborationFilter{Phase: "DREAMING"}, model.CollaborationOrdering{}},
		"unknown order":     {model.CollaborationFilter{}, model.CollaborationOrdering{Field: "NAME"}},
	} {
		if _, err := svc.ListCollaborations(ctx, auth.Principal{}, q.f, q.o, nil, nil, model.PageRead{}); !errors.Is(err, errs.ErrInvalidInput) {
			t.Errorf("%s: err %v, want BAD_USER_INPUT", name, err)
		}
	}
	if len(st.listed) != 1 {
		t.Errorf("%d lists reached the store, want only the valid one", len(st.listed))
	}
}
