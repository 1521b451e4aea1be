package collaboration_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/bridge"
	"github.com/tulkki/tulkki/internal/collaboration"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/pairing"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/storetest"
)

type fixture struct {
	svc    *collaboration.Service
	st     *store.Store
	topic  *model.Topic
	lead   *model.Organisation // THIRD sector
	funder *model.Organisation // PUBLIC sector
	other  *model.Organisation // ACADEMIA
	people []*model.Person
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st := storetest.Open(t)
	br := bridge.New(st)
	f := &fixture{svc: collaboration.New(st, br, pairing.New(st, br)), st: st}
	var err error
	if f.topic, err = st.CreateTopic(ctx, model.Topic{Name: storetest.ID("kotoutuminen")}); err != nil {
		t.Fatal(err)
	}
	org := func(name string, kind model.OrganisationKind, sec model.Sector) *model.Organisation {
		o, err := st.CreateOrganisation(ctx, model.Organisation{Name: name + " " + storetest.ID("org"), Kind: kind, Sector: sec}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	f.lead = org("Maahanmuuttajayhdistys", model.KindAssociation, model.SectorThird)
	f.funder = org("Kaupungin hyvinvointitoimiala", model.KindMunicipality, model.SectorPublic)
	f.other = org("Ammattikorkeakoulu", model.KindUniversityAppliedScience, model.SectorAcademia)
	for _, name := range []string{"Leila", "Matti"} {
		p, err := st.CreatePerson(ctx, model.Person{Name: name + " " + storetest.ID("p"), Visibility: model.VisibilityMembers}, nil)
		if err != nil {
			t.Fatal(err)
		}
		f.people = append(f.people, p)
	}
	return f
}

func d(y int, m time.Month, day int) *model.Date { return &model.Date{Year: y, Month: m, Day: day} }

// input is a valid creation input; tests change one thing at a time.
func (f *fixture) input() collaboration.NewCollaboration {
	return collaboration.NewCollaboration{
		Collaboration: model.Collaboration{
			Title: "Kumppanuushautomo", Description: "Maahanmuuttajayhdistykset ja julkiset toimijat yhteen.",
			Form: model.FormFunctionalCooperation, StartDate: d(2025, time.September, 1), EndDate: d(2026, time.August, 31),
		},
		TopicIDs: []string{f.topic.ID},
		Partners: []model.Partnership{
			{OrganisationID: f.lead.ID, Role: model.PartnerLead},
			{OrganisationID: f.funder.ID, Role: model.PartnerFunder},
		},
		Contributors: []model.Contribution{{PersonID: f.people[0].ID, Role: model.ContributorCoordinator}},
	}
}

func (f *fixture) create(t *testing.T, phase model.CollaborationPhase) *model.Collaboration {
	t.Helper()
	in := f.input()
	in.Collaboration.Phase = phase
	c, err := f.svc.CreateCollaboration(context.Background(), admin, in)
	if err != nil {
		t.Fatalf("CreateCollaboration: %v", err)
	}
	return c
}

// state is everything stored about a collaboration, for before/after checks.
type state struct {
	C            *model.Collaboration
	Partners     []*model.Partnership
	Contributors []*model.Contribution
	History      []*model.PhaseChange
}

func (f *fixture) state(t *testing.T, id string) state {
	t.Helper()
	ctx := context.Background()
	c, err := f.svc.Collaboration(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{id}
	p, err := f.st.PartnersByCollaboration(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	k, err := f.st.ContributorsByCollaboration(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	h, err := f.st.PhaseHistoryByCollaboration(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	return state{c, p[id], k[id], h[id]}
}

func wantInvalid(t *testing.T, err error, field string) {
	t.Helper()
	var e *errs.Error
	if !errors.Is(err, errs.ErrInvalidInput) || !errors.As(err, &e) {
		t.Fatalf("err = %v, want INVALID_INPUT on %s", err, field)
	}
	if e.Field != field {
		t.Errorf("field %q, want %q (%v)", e.Field, field, err)
	}
}

func TestCreateCollaboration(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	in := f.input()
	in.Collaboration.Title = "  Kumppanuushautomo \n"
	in.Partners[1].OrganisationID = " " + f.funder.ID + " "
	c, err := f.svc.CreateCollaboration(ctx, admin, in)
	if err != nil {
		t.Fatalf("CreateCollaboration: %v", err)
	}
	if c.Title != "Kumppanuushautomo" || c.Phase != model.PhaseNeedIdentified || c.Evaluation != nil {
		t.Errorf("created %+v; want the title trimmed and phase NEED_IDENTIFIED", c)
	}
	s := f.state(t, c.ID)
	if len(s.Partners) != 2 || s.Partners[0].OrganisationID != f.lead.ID || s.Partners[1].OrganisationID != f.funder.ID {
		t.Errorf("partners %+v", s.Partners)
	}
	if len(s.Contributors) != 1 || s.Contributors[0].Role != model.ContributorCoordinator {
		t.Errorf("contributors %+v", s.Contributors)
	}
	// The history names the caller who created it.
	if len(s.History) != 1 || s.History[0].Phase != model.PhaseNeedIdentified || s.History[0].MovedBy != "test-admin" {
		t.Errorf("history %+v", s.History)
	}
	topics, err := f.st.TopicsOf(ctx, "Collaboration", []string{c.ID})
	if err != nil || len(topics[c.ID]) != 1 {
		t.Errorf("topics %v, %v", topics[c.ID], err)
	}

	// Any phase but EVALUATED may be the first.
	for _, phase := range []model.CollaborationPhase{model.PhasePartnersMapped, model.PhaseGoalsAgreed, model.PhaseLaunched} {
		if c := f.create(t, phase); c.Phase != phase {
			t.Errorf("created in %s, got %s", phase, c.Phase)
		}
	}

	got, err := f.svc.Collaboration(ctx, c.ID)
	if err != nil || !reflect.DeepEqual(got, c) {
		t.Errorf("Collaboration(%s) = %+v, %v", c.ID, got, err)
	}
	if _, err := f.svc.Collaboration(ctx, storetest.ID("nope")); !errors.Is(err, errs.ErrNotFound) {
		t.Errorf("unknown id: err = %v, want NOT_FOUND", err)
	}
}

func TestCreateCollaborationValidation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// The invalid inputs all name this organisation as LEAD; afterwards it
	// must be in no collaboration.
	lead := f.other.ID
	leadOnly := []model.Partnership{{OrganisationID: lead, Role: model.PartnerLead}}
	tests := []struct {
		name   string
		change func(in *collaboration.NewCollaboration)
		field  string
		says   string
	}{
		{"empty title", func(in *collaboration.NewCollaboration) { in.Collaboration.Title = "   " }, "title", "empty"},
		{"long title", func(in *collaboration.NewCollaboration) { in.Collaboration.Title = strings.Repeat("x", 201) }, "title", "200"},
		{"control characters", func(in *collaboration.NewCollaboration) { in.Collaboration.Title = "a\x00b" }, "title", "control"},
		{"long description", func(in *collaboration.NewCollaboration) {
			in.Collaboration.Description = strings.Repeat("ä", 5001)
		}, "description", "5000"},
		{"missing form", func(in *collaboration.NewCollaboration) { in.Collaboration.Form = "" }, "form", ""},
		{"unknown form", func(in *collaboration.NewCollaboration) { in.Collaboration.Form = "FRIENDSHIP" }, "form", "FRIENDSHIP"},
		{"unknown phase", func(in *collaboration.NewCollaboration) { in.Collaboration.Phase = "DONE" }, "phase", "DONE"},
		{"created evaluated", func(in *collaboration.NewCollaboration) { in.Collaboration.Phase = model.PhaseEvaluated },
			"phase", "record an evaluation after launch instead"},
		{"end before start", func(in *collaboration.NewCollaboration) {
			in.Collaboration.StartDate, in.Collaboration.EndDate = d(2025, time.May, 2), d(2025, time.May, 1)
		}, "endDate", "before"},
		{"implausible year", func(in *collaboration.NewCollaboration) { in.Collaboration.StartDate = d(1850, time.May, 1) },
			"startDate", "1900"},
		{"no partners", func(in *collaboration.NewCollaboration) { in.Partners = nil }, "partners", "at least one"},
		{"no lead", func(in *collaboration.NewCollaboration) {
			in.Partners = []model.Partnership{{OrganisationID: lead, Role: model.PartnerPartner}}
		}, "partners", "exactly one"},
		{"two leads", func(in *collaboration.NewCollaboration) {
			in.Partners = append(leadOnly, model.Partnership{OrganisationID: f.funder.ID, Role: model.PartnerLead})
		}, "partners", "exactly one"},
		{"organisation twice", func(in *collaboration.NewCollaboration) {
			in.Partners = append(leadOnly, model.Partnership{OrganisationID: " " + lead, Role: model.PartnerFunder})
		}, "partners", "twice"},
		{"empty organisation id", func(in *collaboration.NewCollaboration) {
			in.Partners = append(leadOnly, model.Partnership{OrganisationID: " ", Role: model.PartnerFunder})
		}, "partners", "empty"},
		{"unknown partner role", func(in *collaboration.NewCollaboration) {
			in.Partners = append(leadOnly, model.Partnership{OrganisationID: f.funder.ID, Role: "SPONSOR"})
		}, "role", "SPONSOR"},
		{"person twice", func(in *collaboration.NewCollaboration) {
			in.Contributors = []model.Contribution{
				{PersonID: f.people[0].ID, Role: model.ContributorLead}, {PersonID: f.people[0].ID, Role: model.ContributorExpert},
			}
		}, "contributors", "twice"},
		{"unknown contributor role", func(in *collaboration.NewCollaboration) {
			in.Contributors = []model.Contribution{{PersonID: f.people[0].ID, Role: "BOSS"}}
		}, "role", "BOSS"},
		{"empty topic id", func(in *collaboration.NewCollaboration) { in.TopicIDs = []string{f.topic.ID, ""} }, "topicIds", "empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := f.input()
			in.Partners = leadOnly
			tc.change(&in)
			_, err := f.svc.CreateCollaboration(ctx, admin, in)
			wantInvalid(t, err, tc.field)
			if !strings.Contains(err.Error(), tc.says) {
				t.Errorf("message %q does not say %q", err, tc.says)
			}
		})
	}
	page, err := f.svc.ListCollaborations(ctx, admin, model.CollaborationFilter{OrganisationID: lead}, model.CollaborationOrdering{}, nil, nil, model.PageRead{Count: true})
	if err != nil {
		t.Fatal(err)
	}
	if page.TotalCount != 0 {
		t.Errorf("invalid inputs wrote %d collaborations", page.TotalCount)
	}

	// References are checked by the store, in the transaction.
	in := f.input()
	in.Contributors = []model.Contribution{{PersonID: storetest.ID("ghost"), Role: model.ContributorMember}}
	if _, err := f.svc.CreateCollaboration(ctx, admin, in); !errors.Is(err, errs.ErrNotFound) || !strings.Contains(err.Error(), "create collaboration") {
		t.Errorf("unknown person: err = %v, want NOT_FOUND with context", err)
	}
}

func TestUpdateCollaboration(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := f.create(t, model.PhaseGoalsAgreed) // 2025-09-01 – 2026-08-31
	before := f.state(t, c.ID)

	tests := []struct {
		name  string
		patch model.CollaborationPatch
		field string
	}{
		{"empty title", model.CollaborationPatch{Title: ptr(" ")}, "title"},
		{"long description", model.CollaborationPatch{Description: ptr(strings.Repeat("x", 5001))}, "description"},
		{"unknown form", model.CollaborationPatch{Form: ptr(model.CollaborationForm("X"))}, "form"},
		{"empty topic id", model.CollaborationPatch{TopicIDs: &[]string{""}}, "topicIds"},
		{"implausible date", model.CollaborationPatch{SetStartDate: true, StartDate: d(2200, time.January, 1)}, "startDate"},
		// The range is checked against the stored other date, in the transaction.
		{"end before stored start", model.CollaborationPatch{Title: ptr("Muutettu"), SetEndDate: true, EndDate: d(2025, time.August, 1)}, "endDate"},
		{"start after stored end", model.CollaborationPatch{SetStartDate: true, StartDate: d(2027, time.January, 1)}, "endDate"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.svc.UpdateCollaboration(ctx, admin, c.ID, tc.patch)
			wantInvalid(t, err, tc.field)
			if after := f.state(t, c.ID); !reflect.DeepEqual(before, after) {
				t.Errorf("refused update changed data: %+v → %+v", before.C, after.C)
			}
		})
	}

	// Clearing the end date and moving the start together is fine; a
	// start date given without SetStartDate is ignored.
	updated, err := f.svc.UpdateCollaboration(ctx, admin, c.ID, model.CollaborationPatch{
		Title: ptr("  Kumppanuushautomo 2  "), SetEndDate: true, EndDate: nil, StartDate: d(1800, time.January, 1),
	})
	if err != nil {
		t.Fatalf("UpdateCollaboration: %v", err)
	}
	if updated.Title != "Kumppanuushautomo 2" || updated.EndDate != nil || *updated.StartDate != *c.StartDate {
		t.Errorf("updated %+v", updated)
	}
	if _, err := f.svc.UpdateCollaboration(ctx, admin, storetest.ID("nope"), model.CollaborationPatch{Title: ptr("x")}); !errors.Is(err, errs.ErrNotFound) {
		t.Errorf("unknown collaboration: err = %v, want NOT_FOUND", err)
	}
}

func TestPartnersAndContributors(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := f.create(t, model.PhasePartnersMapped)

	if _, err := f.svc.AddPartner(ctx, admin, c.ID, f.other.ID, "SPONSOR"); err == nil {
		t.Fatal("unknown role accepted")
	} else {
		wantInvalid(t, err, "role")
	}
	if _, err := f.svc.AddContributor(ctx, admin, c.ID, f.people[1].ID, "BOSS"); err == nil {
		t.Fatal("unknown role accepted")
	} else {
		wantInvalid(t, err, "role")
	}

	if _, err := f.svc.AddPartner(ctx, admin, c.ID, f.other.ID, model.PartnerPartner); err != nil {
		t.Fatalf("AddPartner: %v", err)
	}
	_, err := f.svc.AddPartner(ctx, admin, c.ID, f.other.ID, model.PartnerFunder)
	if !errors.Is(err, errs.ErrConflict) || !strings.Contains(err.Error(), "add partner "+f.other.ID+" to collaboration "+c.ID) {
		t.Errorf("second add: err = %v, want CONFLICT with context", err)
	}
	if _, err := f.svc.RemovePartner(ctx, admin, c.ID, f.lead.ID); !errors.Is(err, errs.ErrConflict) {
		t.Errorf("removing the lead: err = %v, want CONFLICT", err)
	}
	if _, err := f.svc.RemovePartner(ctx, admin, c.ID, f.other.ID); err != nil {
		t.Errorf("RemovePartner: %v", err)
	}
	if _, err := f.svc.AddContributor(ctx, admin, c.ID, f.people[1].ID, model.ContributorExpert); err != nil {
		t.Errorf("AddContributor: %v", err)
	}
	if _, err := f.svc.RemoveContributor(ctx, admin, c.ID, f.people[0].ID); err != nil {
		t.Errorf("RemoveContributor: %v", err)
	}
	if _, err := f.svc.RemoveContributor(ctx, admin, c.ID, f.people[0].ID); !errors.Is(err, errs.ErrNotFound) {
		t.Errorf("removing again: err = %v, want NOT_FOUND", err)
	}

	byOrg, err := f.st.PartnershipsByOrganisation(ctx, []string{f.lead.ID, f.other.ID})
	if err != nil || len(byOrg[f.lead.ID]) != 1 || len(byOrg[f.other.ID]) != 0 {
		t.Errorf("PartnershipsByOrganisation: %v, %v", byOrg, err)
	}
	byPerson, err := f.st.ContributionsByPerson(ctx, []string{f.people[0].ID, f.people[1].ID})
	if err != nil || len(byPerson[f.people[0].ID]) != 0 || len(byPerson[f.people[1].ID]) != 1 ||
		byPerson[f.people[1].ID][0].Role != model.ContributorExpert {
		t.Errorf("ContributionsByPerson: %v, %v", byPerson, err)
	}
}

func TestPhasesAndEvaluation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := f.create(t, model.PhaseNeedIdentified)

	_, err := f.svc.MovePhase(ctx, admin, c.ID, "FINISHED", "")
	wantInvalid(t, err, "phase")
	_, err = f.svc.MovePhase(ctx, admin, c.ID, model.PhaseLaunched, strings.Repeat("n", 2001))
	wantInvalid(t, err, "note")
	_, err = f.svc.RecordEvaluation(ctx, admin, c.ID, 4, "")
	if !errors.Is(err, errs.ErrConflict) || !strings.Contains(err.Error(), "NEED_IDENTIFIED") {
		t.Errorf("evaluating before launch: err = %v, want CONFLICT naming the phase", err)
	}
	if _, err := f.svc.MovePhase(ctx, admin, c.ID, model.PhaseEvaluated, ""); !errors.Is(err, errs.ErrConflict) {
		t.Errorf("moving to EVALUATED directly: err = %v, want CONFLICT", err)
	}

	moved, err := f.svc.MovePhase(ctx, admin, c.ID, model.PhaseLaunched, "  aloitettiin  ")
	if err != nil || moved.Phase != model.PhaseLaunched {
		t.Fatalf("MovePhase: %+v, %v", moved, err)
	}

	for _, tc := range []struct {
		rating int
		notes  string
		field  string
	}{{0, "", "rating"}, {6, "", "rating"}, {-1, "", "rating"}, {3, strings.Repeat("x", 5001), "notes"}} {
		_, err := f.svc.RecordEvaluation(ctx, admin, c.ID, tc.rating, tc.notes)
		wantInvalid(t, err, tc.field)
	}
	if s := f.state(t, c.ID); s.C.Phase != model.PhaseLaunched || s.C.Evaluation != nil {
		t.Errorf("invalid evaluations changed data: %+v", s.C)
	}

	evaluated, err := f.svc.RecordEvaluation(ctx, admin, c.ID, 5, " Rohkea ja onnistunut. ")
	if err != nil {
		t.Fatalf("RecordEvaluation: %v", err)
	}
	if evaluated.Phase != model.PhaseEvaluated || evaluated.Evaluation == nil ||
		evaluated.Evaluation.Rating != 5 || evaluated.Evaluation.Notes != "Rohkea ja onnistunut." {
		t.Errorf("evaluated %+v %+v", evaluated, evaluated.Evaluation)
	}
	s := f.state(t, c.ID)
	var phases []model.CollaborationPhase
	for _, h := range s.History {
		phases = append(phases, h.Phase)
	}
	want := []model.CollaborationPhase{model.PhaseNeedIdentified, model.PhaseLaunched, model.PhaseEvaluated}
	if !reflect.DeepEqual(phases, want) || s.History[1].Note != "aloitettiin" {
		t.Errorf("history %v (notes %q), want %v", phases, s.History[1].Note, want)
	}
}

func TestListCollaborations(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a := f.create(t, model.PhaseLaunched)
	b := f.create(t, model.PhaseGoalsAgreed)

	for _, tc := range []struct {
		name   string
		filter model.CollaborationFilter
		first  *int
		field  string
	}{
		{"first 0", model.CollaborationFilter{}, ptr(0), "first"},
		{"first 101", model.CollaborationFilter{}, ptr(101), "first"},
		{"long search", model.CollaborationFilter{Search: strings.Repeat("s", 201)}, nil, "search"},
		{"bad phase", model.CollaborationFilter{Phase: "X"}, nil, "phase"},
		{"bad form", model.CollaborationFilter{Form: "X"}, nil, "form"},
		{"bad sector", model.CollaborationFilter{Sector: "X"}, nil, "sector"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.svc.ListCollaborations(ctx, admin, tc.filter, model.CollaborationOrdering{}, tc.first, nil, model.PageRead{Count: true})
			wantInvalid(t, err, tc.field)
		})
	}
	bad := "garbage"
	_, err := f.svc.ListCollaborations(ctx, admin, model.CollaborationFilter{}, model.CollaborationOrdering{}, nil, &bad, model.PageRead{Count: true})
	wantInvalid(t, err, "after")

	page, err := f.svc.ListCollaborations(ctx, admin, model.CollaborationFilter{TopicID: f.topic.ID, Sector: model.SectorThird}, model.CollaborationOrdering{}, ptr(1), nil, model.PageRead{Count: true})
	if err != nil {
		t.Fatal(err)
	}
	if page.TotalCount != 2 || len(page.Items) != 1 || !page.HasNext {
		t.Errorf("page: total %d, %d items, hasNext %v", page.TotalCount, len(page.Items), page.HasNext)
	}
	page, err = f.svc.ListCollaborations(ctx, admin, model.CollaborationFilter{TopicID: f.topic.ID, Phase: model.PhaseGoalsAgreed}, model.CollaborationOrdering{}, nil, nil, model.PageRead{Count: true})
	if err != nil || len(page.Items) != 1 || page.Items[0].ID != b.ID {
		t.Errorf("phase filter: %+v, %v", page, err)
	}
	m, err := f.st.CollaborationsByID(ctx, []string{a.ID, b.ID, storetest.ID("nope")})
	if err != nil || len(m) != 2 {
		t.Errorf("CollaborationsByID: %d, %v", len(m), err)
	}
}

func ptr[T any](v T) *T { return &v }

// admin is an administrator, who may do anything; the rules for other
// roles are tested through the API (graph/api_auth_test.go).
var admin = auth.Principal{Subject: "test-admin", Roles: []auth.Role{auth.RoleAdmin}}
