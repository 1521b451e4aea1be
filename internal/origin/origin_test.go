package origin

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// fakeStore is the port in memory; started records what StartCollaboration
// was asked to create.
type fakeStore struct {
	calls     map[string]*model.PartnershipCall
	responses map[string][]*model.CallResponse
	intros    map[string]*model.Introduction
	started   []started
}

type started struct {
	c        model.Collaboration
	topics   []string
	partners []model.Partnership
	origin   model.CollaborationOrigin
}

func (f *fakeStore) CallsByID(_ context.Context, ids []string, _ time.Time) (map[string]*model.PartnershipCall, error) {
	out := map[string]*model.PartnershipCall{}
	for _, id := range ids {
		if c := f.calls[id]; c != nil {
			out[id] = c
		}
	}
	return out, nil
}

func (f *fakeStore) ResponsesOfCalls(context.Context, []string) (map[string][]*model.CallResponse, error) {
	return f.responses, nil
}

func (f *fakeStore) IntroductionsByID(_ context.Context, ids []string, _ time.Time) (map[string]*model.Introduction, error) {
	out := map[string]*model.Introduction{}
	for _, id := range ids {
		if i := f.intros[id]; i != nil {
			out[id] = i
		}
	}
	return out, nil
}

func (f *fakeStore) StartCollaboration(_ context.Context, c model.Collaboration, topics []string, partners []model.Partnership,
	_ string, o model.CollaborationOrigin) (*model.Collaboration, error) {
	f.started = append(f.started, started{c, topics, partners, o})
	c.ID = "collab-1"
	return &c, nil
}

func (f *fakeStore) CollaborationOrigins(context.Context, []string) (map[string]*model.CollaborationOrigin, error) {
	return nil, nil
}

func editorOf(org string) auth.Principal {
	return auth.Principal{Subject: "e-" + org, Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{org}}
}

func newFake() *fakeStore {
	return &fakeStore{
		calls: map[string]*model.PartnershipCall{
			"call":  {ID: "call", OrganisationID: "pub", Status: model.CallOpen, TopicIDs: []string{"t1"}},
			"draft": {ID: "draft", OrganisationID: "pub", Status: model.CallDraft},
		},
		responses: map[string][]*model.CallResponse{"call": {
			{OrganisationID: "yes", Status: model.ResponseAccepted}, {OrganisationID: "no", Status: model.ResponseDeclined},
			{OrganisationID: "maybe", Status: model.ResponsePending}}},
		intros: map[string]*model.Introduction{
			"connected": {ID: "connected", Status: model.IntroConnected, FromOrganisationID: "from", ToOrganisationID: "to",
				TranslatorID: "tr", RequestedBy: "req", CallID: "call"},
			"open": {ID: "open", Status: model.IntroAcceptedByTranslator, FromOrganisationID: "from", ToOrganisationID: "to", TranslatorID: "tr"},
		},
	}
}

func TestStartFromACall(t *testing.T) {
	f := newFake()
	s := New(f)
	ctx := context.Background()
	in := Input{FromCallID: "call", Title: "Yhteistyö", Form: model.FormProject}
	for _, p := range []auth.Principal{{}, editorOf("yes"), {Subject: "f", Roles: []auth.Role{auth.RoleFacilitator}}} {
		if _, err := s.Start(ctx, p, in); !errors.Is(err, errs.ErrForbidden) {
			t.Errorf("%q started one: %v", p.Subject, err)
		}
	}
	if _, err := s.Start(ctx, editorOf("pub"), Input{FromCallID: "draft", Title: "x", Form: model.FormProject}); !errors.Is(err, errs.ErrConflict) {
		t.Errorf("from a draft: %v", err)
	}
	if _, err := s.Start(ctx, editorOf("other"), Input{FromCallID: "draft", Title: "x", Form: model.FormProject}); !errors.Is(err, errs.ErrNotFound) {
		t.Errorf("someone else's draft: %v", err)
	}
	if len(f.started) != 0 {
		t.Fatal("a refusal started a collaboration")
	}
	c, err := s.Start(ctx, editorOf("pub"), in)
	if err != nil || c.Phase != model.PhasePartnersMapped {
		t.Fatalf("start: %+v, %v", c, err)
	}
	got := f.started[0]
	if len(got.partners) != 2 || got.partners[0] != (model.Partnership{OrganisationID: "pub", Role: model.PartnerLead}) ||
		got.partners[1] != (model.Partnership{OrganisationID: "yes", Role: model.PartnerPartner}) ||
		got.origin.CallID != "call" || len(got.topics) != 1 || got.topics[0] != "t1" {
		t.Fatalf("started %+v", got)
	}
	f.responses = nil
	if _, err := s.Start(ctx, editorOf("pub"), in); !errors.Is(err, errs.ErrConflict) {
		t.Errorf("without an accepted response: %v", err)
	}
}

func TestStartFromAnIntroduction(t *testing.T) {
	f := newFake()
	s := New(f)
	ctx := context.Background()
	in := Input{FromIntroductionID: "connected", Title: "Yhteistyö", Form: model.FormProject}
	if _, err := s.Start(ctx, auth.Principal{Subject: "tr", Roles: []auth.Role{auth.RoleProfessional}}, in); !errors.Is(err, errs.ErrForbidden) {
		t.Errorf("the translator: %v", err)
	}
	if _, err := s.Start(ctx, editorOf("elsewhere"), in); !errors.Is(err, errs.ErrNotFound) {
		t.Errorf("an outsider: %v", err)
	}
	if _, err := s.Start(ctx, editorOf("to"), Input{FromIntroductionID: "open", Title: "x", Form: model.FormProject}); !errors.Is(err, errs.ErrConflict) {
		t.Errorf("not connected yet: %v", err)
	}
	for name, bad := range map[string]Input{
		"both origins": {FromCallID: "call", FromIntroductionID: "connected", Title: "x", Form: model.FormProject},
		"no origin":    {Title: "x", Form: model.FormProject},
		"no title":     {FromIntroductionID: "connected", Form: model.FormProject},
		"bad form":     {FromIntroductionID: "connected", Title: "x", Form: "MERGER"},
	} {
		if _, err := s.Start(ctx, editorOf("to"), bad); !errors.Is(err, errs.ErrInvalidInput) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := s.Start(ctx, editorOf("to"), in); err != nil {
		t.Fatal(err)
	}
	got := f.started[0]
	if got.partners[0].OrganisationID != "from" || got.partners[1].OrganisationID != "to" ||
		got.origin.IntroductionID != "connected" || got.origin.TranslatorID != "tr" || len(got.topics) != 1 {
		t.Fatalf("started %+v (topics from the introduction's call)", got)
	}
}
