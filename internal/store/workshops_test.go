package store_test

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/storetest"
)

// workshopFixture: a topic; PUBLIC org a and THIRD orgs b, c interested in
// it (a and b past partners), THIRD org d not; a member with an ongoing
// stint at each, a private one at a, and a former one at c.
type workshopFixture struct {
	topic             *model.Topic
	a, b, c, d        *model.Organisation
	repA, repB, repC  *model.Person
	repD, privA, oldC *model.Person
}

func newWorkshopFixture(t *testing.T, st *store.Store) *workshopFixture {
	t.Helper()
	ctx := context.Background()
	f := &workshopFixture{}
	var err error
	if f.topic, err = st.CreateTopic(ctx, model.Topic{Name: storetest.ID("workshop topic")}); err != nil {
		t.Fatalf("create topic: %v", err)
	}
	org := func(sector model.Sector, kind model.OrganisationKind, topics ...string) *model.Organisation {
		o, err := st.CreateOrganisation(ctx, model.Organisation{Name: storetest.ID("ws org"), Kind: kind, Sector: sector}, topics)
		if err != nil {
			t.Fatalf("create organisation: %v", err)
		}
		return o
	}
	f.a = org(model.SectorPublic, model.KindMunicipality, f.topic.ID)
	f.b = org(model.SectorThird, model.KindAssociation, f.topic.ID)
	f.c = org(model.SectorThird, model.KindFoundation, f.topic.ID)
	f.d = org(model.SectorThird, model.KindAssociation)
	person := func(v model.Visibility, at *model.Organisation, end *model.Date) *model.Person {
		p, err := st.CreatePerson(ctx, model.Person{Name: storetest.ID("ws person"), Visibility: v}, nil)
		if err != nil {
			t.Fatalf("create person: %v", err)
		}
		if _, err := st.AddExperience(ctx, model.Experience{PersonID: p.ID, OrganisationID: at.ID, Kind: model.ExperienceEmployment,
			StartDate: model.Date{Year: 2018, Month: 1, Day: 1}, EndDate: end}); err != nil {
			t.Fatalf("add experience: %v", err)
		}
		return p
	}
	f.repA, f.repB = person(model.VisibilityMembers, f.a, nil), person(model.VisibilityPublic, f.b, nil)
	f.repC, f.repD = person(model.VisibilityMembers, f.c, nil), person(model.VisibilityMembers, f.d, nil)
	f.privA = person(model.VisibilityPrivate, f.a, nil)
	f.oldC = person(model.VisibilityMembers, f.c, &model.Date{Year: 2019, Month: 1, Day: 1})
	if _, err := st.CreateCollaboration(ctx, model.Collaboration{Title: storetest.ID("past"), Form: model.FormProject, Phase: model.PhaseLaunched},
		nil, []model.Partnership{{OrganisationID: f.a.ID, Role: model.PartnerLead}, {OrganisationID: f.b.ID, Role: model.PartnerPartner}}, nil, ""); err != nil {
		t.Fatalf("create collaboration: %v", err)
	}
	return f
}

func TestPlanCandidatesAreTheTopicsOrganisationsWithVisibleCurrentPeople(t *testing.T) {
	st := storetest.Open(t)
	f := newWorkshopFixture(t, st)
	ctx := context.Background()
	got, err := st.PlanCandidates(ctx, f.topic.ID, []model.Sector{model.SectorPublic, model.SectorThird}, []string{f.c.ID}, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []model.PlanOrganisation{
		{ID: f.a.ID, Sector: model.SectorPublic, Topic: true},
		{ID: f.b.ID, Sector: model.SectorThird, Topic: true},
	}
	slices.SortFunc(want, func(x, y model.PlanOrganisation) int { return cmp.Compare(x.ID, y.ID) })
	if !slices.EqualFunc(got, want, func(x, y model.PlanOrganisation) bool {
		return x.ID == y.ID && x.Sector == y.Sector && x.Topic == y.Topic && slices.Equal(x.People, y.People)
	}) {
		t.Errorf("candidates\n got %+v\nwant %+v (c excluded, d off topic)", got, want)
	}
	// Their people: ongoing stints only, never private, excluded left out.
	withPeople, err := st.PlanOrganisationsByID(ctx, f.topic.ID, []string{f.a.ID, f.c.ID, f.d.ID}, []string{f.repC.ID}, 5)
	if err != nil {
		t.Fatal(err)
	}
	people := map[string][]model.PlanPerson{}
	topic := map[string]bool{}
	for _, o := range withPeople {
		people[o.ID], topic[o.ID] = o.People, o.Topic
	}
	if !slices.Equal(people[f.a.ID], []model.PlanPerson{{ID: f.repA.ID}}) || len(people[f.c.ID]) != 0 ||
		!slices.Equal(people[f.d.ID], []model.PlanPerson{{ID: f.repD.ID}}) || !topic[f.a.ID] || topic[f.d.ID] {
		t.Errorf("organisations with people %+v", withPeople)
	}
	// The cap per sector keeps the lowest ids.
	got, err = st.PlanCandidates(ctx, f.topic.ID, []model.Sector{model.SectorThird}, nil, 1)
	if err != nil || len(got) != 1 || got[0].ID != min(f.b.ID, f.c.ID) {
		t.Errorf("capped candidates %+v (%v), want only the lower of b and c", got, err)
	}
}

func TestCollaboratedPairsAndSubjects(t *testing.T) {
	st := storetest.Open(t)
	f := newWorkshopFixture(t, st)
	ctx := context.Background()
	pairs, err := st.CollaboratedPairs(ctx, []string{f.a.ID, f.b.ID, f.c.ID})
	want := [2]string{min(f.a.ID, f.b.ID), max(f.a.ID, f.b.ID)}
	if err != nil || len(pairs) != 1 || pairs[0] != want {
		t.Errorf("pairs %v (%v), want only %v", pairs, err, want)
	}
	subjects, err := st.PlanSubjects(ctx, []string{f.a.ID, f.repC.ID, f.privA.ID, f.oldC.ID, "no-such-id"})
	if err != nil {
		t.Fatal(err)
	}
	if !subjects[f.a.ID].IsOrg || !slices.Equal(subjects[f.repC.ID].CurOrgs, []string{f.c.ID}) || len(subjects[f.oldC.ID].CurOrgs) != 0 {
		t.Errorf("subjects %+v", subjects)
	}
	if _, ok := subjects[f.privA.ID]; ok {
		t.Errorf("a private person resolved as a subject")
	}
	if _, ok := subjects["no-such-id"]; ok {
		t.Errorf("an unknown id resolved")
	}
}

func TestWorkshopSeatingIsAllOrNothing(t *testing.T) {
	st := storetest.Open(t)
	f := newWorkshopFixture(t, st)
	ctx := context.Background()
	seats := []*model.WorkshopParticipant{
		{PersonID: f.repA.ID, OrganisationID: f.a.ID, Table: 1, Role: model.RoleOrganisationRep},
		{PersonID: f.repB.ID, OrganisationID: f.b.ID, Table: 1, Role: model.RoleOrganisationRep},
	}
	title := storetest.ID("all or nothing")
	w := model.Workshop{Title: title, Date: model.Date{Year: 2026, Month: 5, Day: 1}, CreatedBy: "t",
		Plan: model.WorkshopPlan{Params: model.WorkshopParams{TopicID: f.topic.ID, Size: 6, Tables: 1,
			Sectors: []model.Sector{model.SectorPublic, model.SectorThird}},
			Participants: append(slices.Clone(seats), &model.WorkshopParticipant{PersonID: f.privA.ID, OrganisationID: f.a.ID, Table: 1, Role: model.RoleOrganisationRep})}}
	if _, err := st.CreateWorkshop(ctx, w); !errors.Is(err, errs.ErrConflict) {
		t.Fatalf("seating a private person: %v, want CONFLICT", err)
	}
	list, err := st.ListWorkshops(ctx, f.repA.ID, "", 10)
	if err != nil || len(list) != 0 {
		t.Fatalf("after the failed create, repA's workshops %v (%v), want none", list, err)
	}

	w.Plan.Participants = seats
	w.Plan.Unmet = []*model.UnmetConstraint{{Code: model.UnmetTableNoTranslator, Table: 1, Message: "m"}}
	saved, err := st.CreateWorkshop(ctx, w)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Title != title || len(saved.Plan.Participants) != 2 || len(saved.Plan.Unmet) != 1 || saved.Plan.Unmet[0].Table != 1 {
		t.Fatalf("saved %+v", saved)
	}

	// A stale version is a CONFLICT and changes nothing; so is a seat for
	// a private person with the current version.
	stale := saved.Plan
	stale.Participants = seats[:1]
	if _, err := st.ReplaceSeating(ctx, saved.ID, saved.UpdatedAt.Add(-time.Second), stale); !errors.Is(err, errs.ErrConflict) {
		t.Errorf("stale replace: %v, want CONFLICT", err)
	}
	bad := saved.Plan
	bad.Participants = append(slices.Clone(seats), &model.WorkshopParticipant{PersonID: f.privA.ID, OrganisationID: f.a.ID, Table: 1, Role: model.RoleOrganisationRep})
	if _, err := st.ReplaceSeating(ctx, saved.ID, saved.UpdatedAt, bad); !errors.Is(err, errs.ErrConflict) {
		t.Errorf("replace with a private person: %v, want CONFLICT", err)
	}
	again, err := st.WorkshopsByID(ctx, []string{saved.ID})
	if err != nil || len(again[saved.ID].Plan.Participants) != 2 || !again[saved.ID].UpdatedAt.Equal(saved.UpdatedAt) {
		t.Fatalf("after failed replaces: %+v (%v), want the saved seating unchanged", again[saved.ID], err)
	}

	replaced, err := st.ReplaceSeating(ctx, saved.ID, saved.UpdatedAt, stale)
	if err != nil || len(replaced.Plan.Participants) != 1 {
		t.Errorf("replace: %+v (%v)", replaced, err)
	}

	// A person made private disappears from the seating.
	private := model.VisibilityPrivate
	if _, err := st.UpdatePerson(ctx, f.repA.ID, model.PersonPatch{Visibility: &private}); err != nil {
		t.Fatal(err)
	}
	again, err = st.WorkshopsByID(ctx, []string{saved.ID})
	if err != nil || len(again[saved.ID].Plan.Participants) != 0 {
		t.Errorf("after repA went private, participants %+v (%v), want none", again[saved.ID].Plan.Participants, err)
	}
}
