package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/storetest"
)

// collabFixture is a topic, organisations in every sector and people that
// only this test's collaborations use, so lists can be filtered to them.
type collabFixture struct {
	topic, otherTopic *model.Topic
	orgs              map[model.Sector]*model.Organisation
	extraOrgs         []*model.Organisation // more PUBLIC organisations
	people            []*model.Person
}

func newCollabFixture(t *testing.T, st *store.Store) *collabFixture {
	t.Helper()
	ctx := context.Background()
	f := &collabFixture{orgs: map[model.Sector]*model.Organisation{}}
	var err error
	if f.topic, err = st.CreateTopic(ctx, model.Topic{Name: storetest.ID("topic vertaistuki"), NameFi: "vertaistuki"}); err != nil {
		t.Fatalf("create topic: %v", err)
	}
	if f.otherTopic, err = st.CreateTopic(ctx, model.Topic{Name: storetest.ID("topic osallisuus")}); err != nil {
		t.Fatalf("create topic: %v", err)
	}
	kinds := map[model.Sector]model.OrganisationKind{
		model.SectorPublic: model.KindWellbeingServicesCounty, model.SectorPrivate: model.KindCompany,
		model.SectorThird: model.KindAssociation, model.SectorAcademia: model.KindUniversity,
	}
	// Names sort in the order B (THIRD), C (PRIVATE), D (ACADEMIA), E (PUBLIC).
	names := map[model.Sector]string{
		model.SectorThird: "B", model.SectorPrivate: "C", model.SectorAcademia: "D", model.SectorPublic: "E",
	}
	for _, sec := range model.AllSectors {
		o, err := st.CreateOrganisation(ctx, model.Organisation{
			Name: names[sec] + " " + storetest.ID("org"), Kind: kinds[sec], Sector: sec, Region: "Varsinais-Suomi",
		}, nil)
		if err != nil {
			t.Fatalf("create organisation: %v", err)
		}
		f.orgs[sec] = o
	}
	for i := 0; i < 3; i++ {
		o, err := st.CreateOrganisation(ctx, model.Organisation{
			Name: fmt.Sprintf("F%d %s", i, storetest.ID("org")), Kind: model.KindMunicipality, Sector: model.SectorPublic,
		}, nil)
		if err != nil {
			t.Fatalf("create organisation: %v", err)
		}
		f.extraOrgs = append(f.extraOrgs, o)
	}
	for _, name := range []string{"Aino", "Eero", "Ilona"} {
		p, err := st.CreatePerson(ctx, model.Person{Name: name + " " + storetest.ID("p"), Visibility: model.VisibilityMembers}, nil)
		if err != nil {
			t.Fatalf("create person: %v", err)
		}
		f.people = append(f.people, p)
	}
	return f
}

func collabDate(y int, m time.Month, d int) *model.Date {
	return &model.Date{Year: y, Month: m, Day: d}
}

// create stores a collaboration about f.topic with the THIRD-sector
// organisation as LEAD and the PUBLIC one as FUNDER.
func (f *collabFixture) create(t *testing.T, st *store.Store, title string, phase model.CollaborationPhase) *model.Collaboration {
	t.Helper()
	c, err := st.CreateCollaboration(context.Background(),
		model.Collaboration{Title: title, Form: model.FormFunctionalCooperation, Phase: phase},
		[]string{f.topic.ID},
		[]model.Partnership{
			{OrganisationID: f.orgs[model.SectorThird].ID, Role: model.PartnerLead},
			{OrganisationID: f.orgs[model.SectorPublic].ID, Role: model.PartnerFunder},
		},
		[]model.Contribution{{PersonID: f.people[0].ID, Role: model.ContributorCoordinator}}, "")
	if err != nil {
		t.Fatalf("create collaboration %q: %v", title, err)
	}
	return c
}

// collabSnapshot is everything stored about one collaboration.
type collabSnapshot struct {
	Collab       *model.Collaboration
	Partners     []*model.Partnership
	Contributors []*model.Contribution
	Topics       []*model.Topic
	History      []*model.PhaseChange
}

func collabSnapshotOf(t *testing.T, st *store.Store, id string) collabSnapshot {
	t.Helper()
	ctx := context.Background()
	ids := []string{id}
	byID, err := st.CollaborationsByID(ctx, ids)
	if err != nil {
		t.Fatalf("load collaboration: %v", err)
	}
	partners, err := st.PartnersByCollaboration(ctx, ids)
	if err != nil {
		t.Fatalf("load partners: %v", err)
	}
	contributors, err := st.ContributorsByCollaboration(ctx, ids)
	if err != nil {
		t.Fatalf("load contributors: %v", err)
	}
	topics, err := st.TopicsOf(ctx, "Collaboration", ids)
	if err != nil {
		t.Fatalf("load topics: %v", err)
	}
	history, err := st.PhaseHistoryByCollaboration(ctx, ids)
	if err != nil {
		t.Fatalf("load history: %v", err)
	}
	return collabSnapshot{byID[id], partners[id], contributors[id], topics[id], history[id]}
}

func assertCollabUnchanged(t *testing.T, st *store.Store, before collabSnapshot) {
	t.Helper()
	if after := collabSnapshotOf(t, st, before.Collab.ID); !reflect.DeepEqual(before, after) {
		t.Errorf("a refused mutation changed the data:\nbefore %s\nafter  %s", dumpCollab(before), dumpCollab(after))
	}
}

func dumpCollab(s collabSnapshot) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%+v", *s.Collab)
	if s.Collab.Evaluation != nil {
		fmt.Fprintf(&b, " eval=%+v", *s.Collab.Evaluation)
	}
	for _, p := range s.Partners {
		fmt.Fprintf(&b, " partner=%+v", *p)
	}
	for _, k := range s.Contributors {
		fmt.Fprintf(&b, " contributor=%+v", *k)
	}
	for _, tp := range s.Topics {
		fmt.Fprintf(&b, " topic=%s", tp.ID)
	}
	for _, h := range s.History {
		fmt.Fprintf(&b, " phase=%+v", *h)
	}
	return b.String()
}

func collabPhases(h []*model.PhaseChange) []model.CollaborationPhase {
	out := make([]model.CollaborationPhase, len(h))
	for i, c := range h {
		out[i] = c.Phase
	}
	return out
}

func TestCreateCollaborationReadsBackEverything(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	f := newCollabFixture(t, st)
	start := time.Now().UTC().Add(-time.Second)

	created, err := st.CreateCollaboration(ctx, model.Collaboration{
		Title: "Vertaistukea hoitopolulle", Description: "Vapaaehtoiset vertaistukijat\nosaksi potilaan hoitopolkua.",
		Form: model.FormPartnershipAgreement, Phase: model.PhaseGoalsAgreed,
		StartDate: collabDate(2024, time.March, 1), EndDate: collabDate(2026, time.February, 28),
	}, []string{f.topic.ID, f.otherTopic.ID},
		[]model.Partnership{
			{OrganisationID: f.orgs[model.SectorPublic].ID, Role: model.PartnerFunder},
			{OrganisationID: f.orgs[model.SectorAcademia].ID, Role: model.PartnerPartner},
			{OrganisationID: f.orgs[model.SectorPrivate].ID, Role: model.PartnerFacilityProvider},
			{OrganisationID: f.orgs[model.SectorThird].ID, Role: model.PartnerLead},
		},
		[]model.Contribution{
			{PersonID: f.people[2].ID, Role: model.ContributorExpert},
			{PersonID: f.people[1].ID, Role: model.ContributorLead},
			{PersonID: f.people[0].ID, Role: model.ContributorVolunteer},
		}, "person-who-moved")
	if err != nil {
		t.Fatalf("CreateCollaboration: %v", err)
	}
	if created.ID == "" {
		t.Fatal("no id assigned")
	}

	got := collabSnapshotOf(t, st, created.ID)
	if !reflect.DeepEqual(got.Collab, created) {
		t.Errorf("read back %+v, created returned %+v", got.Collab, created)
	}
	c := got.Collab
	if c.Title != "Vertaistukea hoitopolulle" || c.Description != "Vapaaehtoiset vertaistukijat\nosaksi potilaan hoitopolkua." ||
		c.Form != model.FormPartnershipAgreement || c.Phase != model.PhaseGoalsAgreed {
		t.Errorf("fields: %+v", c)
	}
	if c.StartDate == nil || *c.StartDate != *collabDate(2024, time.March, 1) || c.EndDate == nil || *c.EndDate != *collabDate(2026, time.February, 28) {
		t.Errorf("dates: %v – %v", c.StartDate, c.EndDate)
	}
	if c.Evaluation != nil {
		t.Errorf("evaluation before any was recorded: %+v", c.Evaluation)
	}
	if c.CreatedAt.Before(start) || !c.UpdatedAt.Equal(c.CreatedAt) {
		t.Errorf("timestamps: created %v updated %v (test started %v)", c.CreatedAt, c.UpdatedAt, start)
	}

	// LEAD first, then by organisation name: B (THIRD, lead), C, D, E.
	wantPartners := []*model.Partnership{
		{CollaborationID: c.ID, OrganisationID: f.orgs[model.SectorThird].ID, Role: model.PartnerLead},
		{CollaborationID: c.ID, OrganisationID: f.orgs[model.SectorPrivate].ID, Role: model.PartnerFacilityProvider},
		{CollaborationID: c.ID, OrganisationID: f.orgs[model.SectorAcademia].ID, Role: model.PartnerPartner},
		{CollaborationID: c.ID, OrganisationID: f.orgs[model.SectorPublic].ID, Role: model.PartnerFunder},
	}
	if !reflect.DeepEqual(got.Partners, wantPartners) {
		t.Errorf("partners:\n got %s\nwant %s", fmtCollabItems(got.Partners), fmtCollabItems(wantPartners))
	}
	// LEAD first, then by name: Eero (lead), Aino, Ilona.
	wantContributors := []*model.Contribution{
		{CollaborationID: c.ID, PersonID: f.people[1].ID, Role: model.ContributorLead},
		{CollaborationID: c.ID, PersonID: f.people[0].ID, Role: model.ContributorVolunteer},
		{CollaborationID: c.ID, PersonID: f.people[2].ID, Role: model.ContributorExpert},
	}
	if !reflect.DeepEqual(got.Contributors, wantContributors) {
		t.Errorf("contributors:\n got %s\nwant %s", fmtCollabItems(got.Contributors), fmtCollabItems(wantContributors))
	}
	if len(got.Topics) != 2 {
		t.Errorf("topics: %d, want 2", len(got.Topics))
	}
	if len(got.History) != 1 {
		t.Fatalf("history: %d entries, want 1", len(got.History))
	}
	h := got.History[0]
	if h.Phase != model.PhaseGoalsAgreed || h.Note != "created" || h.MovedBy != "person-who-moved" || !h.At.Equal(c.CreatedAt) {
		t.Errorf("first phase change: %+v", h)
	}

	// The reverse loaders see the same relationships.
	byOrg, err := st.PartnershipsByOrganisation(ctx, []string{f.orgs[model.SectorAcademia].ID})
	if err != nil {
		t.Fatal(err)
	}
	if want := []*model.Partnership{wantPartners[2]}; !reflect.DeepEqual(byOrg[f.orgs[model.SectorAcademia].ID], want) {
		t.Errorf("PartnershipsByOrganisation: %s", fmtCollabItems(byOrg[f.orgs[model.SectorAcademia].ID]))
	}
	byPerson, err := st.ContributionsByPerson(ctx, []string{f.people[1].ID})
	if err != nil {
		t.Fatal(err)
	}
	if want := []*model.Contribution{wantContributors[0]}; !reflect.DeepEqual(byPerson[f.people[1].ID], want) {
		t.Errorf("ContributionsByPerson: %s", fmtCollabItems(byPerson[f.people[1].ID]))
	}
}

func TestCreateCollaborationWithoutOptionalFields(t *testing.T) {
	st := storetest.Open(t)
	f := newCollabFixture(t, st)
	c, err := st.CreateCollaboration(context.Background(),
		model.Collaboration{Title: "Tilat yhdistyksille", Form: model.FormFacilities, Phase: model.PhaseNeedIdentified},
		nil, []model.Partnership{{OrganisationID: f.orgs[model.SectorPublic].ID, Role: model.PartnerLead}}, nil, "")
	if err != nil {
		t.Fatalf("CreateCollaboration: %v", err)
	}
	got := collabSnapshotOf(t, st, c.ID)
	if got.Collab.StartDate != nil || got.Collab.EndDate != nil || got.Collab.Description != "" {
		t.Errorf("optional fields: %+v", got.Collab)
	}
	if len(got.Topics) != 0 || len(got.Contributors) != 0 || len(got.Partners) != 1 {
		t.Errorf("relationships: %s", dumpCollab(got))
	}
	if len(got.History) != 1 || got.History[0].MovedBy != "" {
		t.Errorf("history: %s", dumpCollab(got))
	}
}

func TestCreateCollaborationRefusesUnknownReferences(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	f := newCollabFixture(t, st)
	missing := storetest.ID("missing")
	lead := model.Partnership{OrganisationID: f.orgs[model.SectorThird].ID, Role: model.PartnerLead}
	tests := []struct {
		name         string
		topics       []string
		partners     []model.Partnership
		contributors []model.Contribution
	}{
		{"topic", []string{f.topic.ID, missing}, []model.Partnership{lead}, nil},
		{"organisation", nil, []model.Partnership{lead, {OrganisationID: missing, Role: model.PartnerFunder}}, nil},
		{"person", nil, []model.Partnership{lead}, []model.Contribution{
			{PersonID: f.people[0].ID, Role: model.ContributorMember}, {PersonID: missing, Role: model.ContributorMember},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := st.CreateCollaboration(ctx, model.Collaboration{Title: "Ei synny", Form: model.FormProject,
				Phase: model.PhaseNeedIdentified}, tc.topics, tc.partners, tc.contributors, "")
			if !errors.Is(err, errs.ErrNotFound) || !strings.Contains(err.Error(), missing) || !strings.Contains(err.Error(), tc.name) {
				t.Fatalf("err = %v, want NOT_FOUND naming %s %s", err, tc.name, missing)
			}
		})
	}
	// Nothing was written: the lead organisation is in no collaboration.
	page, err := listCollaborations(ctx, st, model.CollaborationFilter{OrganisationID: lead.OrganisationID}, 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	if page.TotalCount != 0 {
		t.Errorf("refused creations left %d collaborations behind", page.TotalCount)
	}
}

func TestUpdateCollaboration(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	f := newCollabFixture(t, st)
	c := f.create(t, st, "Alkuperäinen", model.PhaseNeedIdentified)
	noCheck := func(*model.Collaboration) error { return nil }
	collabTick()

	title, desc, form := "Uusi nimi", "Uusi kuvaus", model.FormGrantAgreement
	topics := []string{f.otherTopic.ID}
	updated, err := st.UpdateCollaboration(ctx, c.ID, model.CollaborationPatch{
		Title: &title, Description: &desc, Form: &form, TopicIDs: &topics,
		SetStartDate: true, StartDate: collabDate(2025, time.January, 1), SetEndDate: true, EndDate: collabDate(2025, time.December, 31),
	}, noCheck)
	if err != nil {
		t.Fatalf("UpdateCollaboration: %v", err)
	}
	got := collabSnapshotOf(t, st, c.ID)
	if !reflect.DeepEqual(got.Collab, updated) {
		t.Errorf("returned %+v, read back %+v", updated, got.Collab)
	}
	if updated.Title != title || updated.Description != desc || updated.Form != form ||
		*updated.StartDate != *collabDate(2025, time.January, 1) || *updated.EndDate != *collabDate(2025, time.December, 31) {
		t.Errorf("updated: %+v", updated)
	}
	if !updated.UpdatedAt.After(c.UpdatedAt) || !updated.CreatedAt.Equal(c.CreatedAt) {
		t.Errorf("timestamps: before %v/%v after %v/%v", c.CreatedAt, c.UpdatedAt, updated.CreatedAt, updated.UpdatedAt)
	}
	if len(got.Topics) != 1 || got.Topics[0].ID != f.otherTopic.ID {
		t.Errorf("topics not replaced: %s", dumpCollab(got))
	}
	if updated.Phase != c.Phase || len(got.History) != 1 || len(got.Partners) != 2 {
		t.Errorf("update touched phase or partners: %s", dumpCollab(got))
	}

	// An empty patch changes nothing but updatedAt; clearing a date removes it.
	updated, err = st.UpdateCollaboration(ctx, c.ID, model.CollaborationPatch{SetEndDate: true}, noCheck)
	if err != nil {
		t.Fatal(err)
	}
	if updated.EndDate != nil || updated.StartDate == nil || updated.Title != title {
		t.Errorf("after clearing endDate: %+v", updated)
	}
	empty := []string{}
	updated, err = st.UpdateCollaboration(ctx, c.ID, model.CollaborationPatch{TopicIDs: &empty}, noCheck)
	if err != nil {
		t.Fatal(err)
	}
	if got := collabSnapshotOf(t, st, c.ID); len(got.Topics) != 0 {
		t.Errorf("topics not cleared: %s", dumpCollab(got))
	}

	// The check sees the after-state and its error rolls everything back.
	before := collabSnapshotOf(t, st, c.ID)
	newTitle := "Ei tallennu"
	var seen *model.Collaboration
	_, err = st.UpdateCollaboration(ctx, c.ID, model.CollaborationPatch{
		Title: &newTitle, TopicIDs: &topics, SetEndDate: true, EndDate: collabDate(2024, time.June, 1),
	}, func(after *model.Collaboration) error {
		seen = after
		if after.EndDate.Before(*after.StartDate) {
			return errs.Invalid("endDate", "endDate before startDate")
		}
		return nil
	})
	if !errors.Is(err, errs.ErrInvalidInput) {
		t.Fatalf("err = %v, want the check's INVALID", err)
	}
	if seen == nil || seen.Title != newTitle || *seen.StartDate != *collabDate(2025, time.January, 1) {
		t.Errorf("check saw %+v, want the after-state", seen)
	}
	assertCollabUnchanged(t, st, before)

	// Unknown collaboration and unknown topic.
	if _, err := st.UpdateCollaboration(ctx, storetest.ID("nope"), model.CollaborationPatch{Title: &title}, noCheck); !errors.Is(err, errs.ErrNotFound) {
		t.Errorf("unknown collaboration: err = %v, want NOT_FOUND", err)
	}
	bad := []string{storetest.ID("topic")}
	if _, err := st.UpdateCollaboration(ctx, c.ID, model.CollaborationPatch{Title: &newTitle, TopicIDs: &bad}, noCheck); !errors.Is(err, errs.ErrNotFound) {
		t.Errorf("unknown topic: err = %v, want NOT_FOUND", err)
	}
	assertCollabUnchanged(t, st, before)
}

func TestCollaborationRulesRefuseAndLeaveDataUnchanged(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	f := newCollabFixture(t, st)
	lead, funder := f.orgs[model.SectorThird].ID, f.orgs[model.SectorPublic].ID
	outsider := f.orgs[model.SectorAcademia].ID
	contributor, stranger := f.people[0].ID, f.people[1].ID

	// A collaboration whose only partner is its LEAD.
	solo, err := st.CreateCollaboration(ctx, model.Collaboration{Title: "Yksin", Form: model.FormProject, Phase: model.PhaseLaunched},
		nil, []model.Partnership{{OrganisationID: lead, Role: model.PartnerLead}}, nil, "")
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name   string
		collab func(c *model.Collaboration) string // which collaboration is mutated
		mutate func(id string) (*model.Collaboration, error)
		kind   error
		says   string
	}{
		{"add partner to unknown collaboration", nil, func(string) (*model.Collaboration, error) {
			return st.AddPartner(ctx, storetest.ID("collab"), outsider, model.PartnerPartner)
		}, errs.ErrNotFound, "collaboration"},
		{"add unknown organisation", nil, func(id string) (*model.Collaboration, error) {
			return st.AddPartner(ctx, id, storetest.ID("org"), model.PartnerPartner)
		}, errs.ErrNotFound, "organisation"},
		{"add existing partner again", nil, func(id string) (*model.Collaboration, error) {
			return st.AddPartner(ctx, id, funder, model.PartnerPartner)
		}, errs.ErrConflict, "already a partner"},
		{"add second lead", nil, func(id string) (*model.Collaboration, error) {
			return st.AddPartner(ctx, id, outsider, model.PartnerLead)
		}, errs.ErrConflict, "LEAD"},
		{"remove organisation that is not a partner", nil, func(id string) (*model.Collaboration, error) {
			return st.RemovePartner(ctx, id, outsider)
		}, errs.ErrNotFound, "not a partner"},
		{"remove lead while others remain", nil, func(id string) (*model.Collaboration, error) {
			return st.RemovePartner(ctx, id, lead)
		}, errs.ErrConflict, "remove the other partners first"},
		{"remove the only partner", func(*model.Collaboration) string { return solo.ID }, func(id string) (*model.Collaboration, error) {
			return st.RemovePartner(ctx, id, lead)
		}, errs.ErrConflict, "at least one partner"},
		{"remove partner of unknown collaboration", nil, func(string) (*model.Collaboration, error) {
			return st.RemovePartner(ctx, storetest.ID("collab"), lead)
		}, errs.ErrNotFound, "collaboration"},
		{"add existing contributor again", nil, func(id string) (*model.Collaboration, error) {
			return st.AddContributor(ctx, id, contributor, model.ContributorExpert)
		}, errs.ErrConflict, "already contributes"},
		{"add unknown person", nil, func(id string) (*model.Collaboration, error) {
			return st.AddContributor(ctx, id, storetest.ID("person"), model.ContributorExpert)
		}, errs.ErrNotFound, "person"},
		{"remove person who does not contribute", nil, func(id string) (*model.Collaboration, error) {
			return st.RemoveContributor(ctx, id, stranger)
		}, errs.ErrNotFound, "does not contribute"},
		{"move to EVALUATED without evaluation", nil, func(id string) (*model.Collaboration, error) {
			return st.MovePhase(ctx, id, model.PhaseEvaluated, "valmis", "")
		}, errs.ErrConflict, "record an evaluation first"},
		{"move unknown collaboration", nil, func(string) (*model.Collaboration, error) {
			return st.MovePhase(ctx, storetest.ID("collab"), model.PhaseLaunched, "", "")
		}, errs.ErrNotFound, "collaboration"},
		{"evaluate before launch", nil, func(id string) (*model.Collaboration, error) {
			return st.RecordEvaluation(ctx, id, 4, "hyvä", "")
		}, errs.ErrConflict, "PARTNERS_MAPPED"},
		{"evaluate unknown collaboration", nil, func(string) (*model.Collaboration, error) {
			return st.RecordEvaluation(ctx, storetest.ID("collab"), 4, "", "")
		}, errs.ErrNotFound, "collaboration"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := f.create(t, st, "Säännöt "+tc.name, model.PhasePartnersMapped)
			id := c.ID
			if tc.collab != nil {
				id = tc.collab(c)
			}
			before := collabSnapshotOf(t, st, id)
			beforeOther := collabSnapshotOf(t, st, c.ID)
			got, err := tc.mutate(id)
			if !errors.Is(err, tc.kind) {
				t.Fatalf("err = %v, want %v", err, tc.kind)
			}
			if !strings.Contains(err.Error(), tc.says) {
				t.Errorf("message %q does not say %q", err, tc.says)
			}
			if got != nil {
				t.Errorf("a refused mutation returned %+v", got)
			}
			assertCollabUnchanged(t, st, before)
			assertCollabUnchanged(t, st, beforeOther)
		})
	}
}

func TestPartnersAndContributorsAddRemove(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	f := newCollabFixture(t, st)
	c := f.create(t, st, "Kumppanit", model.PhasePartnersMapped)
	academia, funder := f.orgs[model.SectorAcademia].ID, f.orgs[model.SectorPublic].ID

	collabTick()
	updated, err := st.AddPartner(ctx, c.ID, academia, model.PartnerPartner)
	if err != nil {
		t.Fatalf("AddPartner: %v", err)
	}
	if !updated.UpdatedAt.After(c.UpdatedAt) {
		t.Errorf("AddPartner did not bump updatedAt")
	}
	got := collabSnapshotOf(t, st, c.ID)
	if len(got.Partners) != 3 || got.Partners[0].Role != model.PartnerLead || got.Partners[1].OrganisationID != academia {
		t.Errorf("partners after add: %s", fmtCollabItems(got.Partners))
	}
	if _, err := st.RemovePartner(ctx, c.ID, funder); err != nil {
		t.Fatalf("RemovePartner: %v", err)
	}
	if _, err := st.RemovePartner(ctx, c.ID, academia); err != nil {
		t.Fatalf("RemovePartner: %v", err)
	}
	got = collabSnapshotOf(t, st, c.ID)
	if len(got.Partners) != 1 || got.Partners[0].OrganisationID != f.orgs[model.SectorThird].ID {
		t.Errorf("partners after removals: %s", fmtCollabItems(got.Partners))
	}

	if _, err := st.AddContributor(ctx, c.ID, f.people[1].ID, model.ContributorFacilitator); err != nil {
		t.Fatalf("AddContributor: %v", err)
	}
	got = collabSnapshotOf(t, st, c.ID)
	want := []*model.Contribution{
		{CollaborationID: c.ID, PersonID: f.people[0].ID, Role: model.ContributorCoordinator},
		{CollaborationID: c.ID, PersonID: f.people[1].ID, Role: model.ContributorFacilitator},
	}
	if !reflect.DeepEqual(got.Contributors, want) {
		t.Errorf("contributors after add: %s", fmtCollabItems(got.Contributors))
	}
	if _, err := st.RemoveContributor(ctx, c.ID, f.people[0].ID); err != nil {
		t.Fatalf("RemoveContributor: %v", err)
	}
	if got = collabSnapshotOf(t, st, c.ID); !reflect.DeepEqual(got.Contributors, want[1:]) {
		t.Errorf("contributors after remove: %s", fmtCollabItems(got.Contributors))
	}
	if len(got.History) != 1 {
		t.Errorf("partner and contributor changes wrote phase history: %s", dumpCollab(got))
	}
}

// Concurrent additions of a LEAD to a collaboration without one: the lock
// taken before the check lets exactly one through.
func TestConcurrentLeadAdditionsAdmitOne(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	f := newCollabFixture(t, st)
	// The store does not itself require a LEAD at creation (the domain does),
	// which lets this test start from a collaboration without one.
	c, err := st.CreateCollaboration(ctx, model.Collaboration{Title: "Kilpajuoksu", Form: model.FormProject,
		Phase: model.PhaseNeedIdentified}, nil,
		[]model.Partnership{{OrganisationID: f.orgs[model.SectorThird].ID, Role: model.PartnerPartner}}, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	candidates := append([]*model.Organisation{f.orgs[model.SectorPublic], f.orgs[model.SectorPrivate],
		f.orgs[model.SectorAcademia]}, f.extraOrgs...)
	var wg sync.WaitGroup
	results := make([]error, len(candidates))
	for i, o := range candidates {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, results[i] = st.AddPartner(ctx, c.ID, o.ID, model.PartnerLead)
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range results {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, errs.ErrConflict):
			t.Errorf("unexpected error: %v", err)
		}
	}
	got := collabSnapshotOf(t, st, c.ID)
	leads := 0
	for _, p := range got.Partners {
		if p.Role == model.PartnerLead {
			leads++
		}
	}
	if ok != 1 || leads != 1 || len(got.Partners) != 2 {
		t.Errorf("%d additions succeeded, %d LEAD partners, %d partners; want 1, 1, 2", ok, leads, len(got.Partners))
	}
}

func TestMovePhaseBackAndForthRecordsHistoryInOrder(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	f := newCollabFixture(t, st)
	c := f.create(t, st, "Vaiheet", model.PhaseNeedIdentified)

	steps := []struct {
		phase model.CollaborationPhase
		note  string
	}{
		{model.PhasePartnersMapped, "kumppanit löytyivät"},
		{model.PhaseGoalsAgreed, ""},
		{model.PhasePartnersMapped, "uusi kumppani tarvitaan"},
		{model.PhaseGoalsAgreed, "sopimus allekirjoitettu"},
		{model.PhaseLaunched, "käynnissä"},
	}
	prev := c
	for _, s := range steps {
		collabTick()
		moved, err := st.MovePhase(ctx, c.ID, s.phase, s.note, "mover-1")
		if err != nil {
			t.Fatalf("MovePhase %s: %v", s.phase, err)
		}
		if moved.Phase != s.phase || moved.UpdatedAt.Before(prev.UpdatedAt) || moved.UpdatedAt.Equal(prev.UpdatedAt) {
			t.Errorf("after moving to %s: %+v", s.phase, moved)
		}
		prev = moved
	}

	// Moving to the current phase changes nothing, not even updatedAt.
	before := collabSnapshotOf(t, st, c.ID)
	same, err := st.MovePhase(ctx, c.ID, model.PhaseLaunched, "taas", "mover-2")
	if err != nil {
		t.Fatalf("MovePhase to the current phase: %v", err)
	}
	if !reflect.DeepEqual(same, before.Collab) {
		t.Errorf("no-op move returned %+v, want %+v", same, before.Collab)
	}
	assertCollabUnchanged(t, st, before)

	got := collabSnapshotOf(t, st, c.ID)
	want := []model.CollaborationPhase{model.PhaseNeedIdentified, model.PhasePartnersMapped, model.PhaseGoalsAgreed,
		model.PhasePartnersMapped, model.PhaseGoalsAgreed, model.PhaseLaunched}
	if !reflect.DeepEqual(collabPhases(got.History), want) {
		t.Fatalf("history %v, want %v", collabPhases(got.History), want)
	}
	for i, h := range got.History[1:] {
		if h.Note != steps[i].note || h.MovedBy != "mover-1" {
			t.Errorf("entry %d: %+v, want note %q by mover-1", i+2, h, steps[i].note)
		}
		if h.At.Before(got.History[i].At) {
			t.Errorf("entry %d at %v is before entry %d at %v", i+2, h.At, i+1, got.History[i].At)
		}
	}
	if last := got.History[len(got.History)-1]; !last.At.Equal(got.Collab.UpdatedAt) {
		t.Errorf("last change at %v, collaboration updated at %v", last.At, got.Collab.UpdatedAt)
	}
}

func TestRecordEvaluation(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	f := newCollabFixture(t, st)

	// Refused in every phase before launch, naming the phase.
	for _, phase := range []model.CollaborationPhase{model.PhaseNeedIdentified, model.PhasePartnersMapped, model.PhaseGoalsAgreed} {
		c := f.create(t, st, "Liian aikaisin", phase)
		before := collabSnapshotOf(t, st, c.ID)
		_, err := st.RecordEvaluation(ctx, c.ID, 5, "", "")
		if !errors.Is(err, errs.ErrConflict) || !strings.Contains(err.Error(), string(phase)) {
			t.Errorf("phase %s: err = %v, want CONFLICT naming the phase", phase, err)
		}
		assertCollabUnchanged(t, st, before)
	}

	c := f.create(t, st, "Arvioitava", model.PhaseLaunched)
	start := time.Now().UTC().Add(-time.Second)
	evaluated, err := st.RecordEvaluation(ctx, c.ID, 4, "Yhteistyö sujui; jatketaan.", "evaluator")
	if err != nil {
		t.Fatalf("RecordEvaluation: %v", err)
	}
	got := collabSnapshotOf(t, st, c.ID)
	if !reflect.DeepEqual(got.Collab, evaluated) {
		t.Errorf("returned %+v, read back %+v", evaluated, got.Collab)
	}
	e := evaluated.Evaluation
	if evaluated.Phase != model.PhaseEvaluated || e == nil || e.Rating != 4 || e.Notes != "Yhteistyö sujui; jatketaan." ||
		e.EvaluatedAt.Before(start) {
		t.Fatalf("after evaluation: %+v %+v", evaluated, e)
	}
	wantPhases := []model.CollaborationPhase{model.PhaseLaunched, model.PhaseEvaluated}
	if !reflect.DeepEqual(collabPhases(got.History), wantPhases) {
		t.Fatalf("history %v, want %v", collabPhases(got.History), wantPhases)
	}
	if h := got.History[1]; h.Note != "evaluation recorded" || h.MovedBy != "evaluator" {
		t.Errorf("history entry: %+v", h)
	}

	// Evaluating again replaces the evaluation without a new history entry.
	collabTick()
	again, err := st.RecordEvaluation(ctx, c.ID, 5, "", "")
	if err != nil {
		t.Fatalf("RecordEvaluation again: %v", err)
	}
	if again.Evaluation.Rating != 5 || again.Evaluation.Notes != "" || !again.Evaluation.EvaluatedAt.After(e.EvaluatedAt) {
		t.Errorf("re-evaluation: %+v", again.Evaluation)
	}
	if got := collabSnapshotOf(t, st, c.ID); len(got.History) != 2 {
		t.Errorf("re-evaluation added history: %v", collabPhases(got.History))
	}

	// Back to LAUNCHED keeps the evaluation, so EVALUATED may be re-entered directly.
	if _, err := st.MovePhase(ctx, c.ID, model.PhaseLaunched, "toinen kausi", ""); err != nil {
		t.Fatal(err)
	}
	back, err := st.MovePhase(ctx, c.ID, model.PhaseEvaluated, "", "")
	if err != nil {
		t.Fatalf("MovePhase to EVALUATED with a stored evaluation: %v", err)
	}
	if back.Evaluation == nil || back.Evaluation.Rating != 5 {
		t.Errorf("evaluation lost: %+v", back.Evaluation)
	}
	if got := collabSnapshotOf(t, st, c.ID); len(got.History) != 4 {
		t.Errorf("history %v, want 4 entries", collabPhases(got.History))
	}
}

func TestListCollaborationsFilters(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	f := newCollabFixture(t, st)
	word := strings.ReplaceAll(storetest.ID("hakusana"), "-", "")

	a := f.create(t, st, "A "+word+" yhdistys ja kunta", model.PhaseLaunched) // THIRD lead, PUBLIC funder
	b, err := st.CreateCollaboration(ctx, model.Collaboration{Title: "B yliopisto ja yritys", Description: "Tutkimus " + word,
		Form: model.FormProject, Phase: model.PhaseGoalsAgreed}, []string{f.topic.ID},
		[]model.Partnership{{OrganisationID: f.orgs[model.SectorAcademia].ID, Role: model.PartnerLead},
			{OrganisationID: f.orgs[model.SectorPrivate].ID, Role: model.PartnerPartner}}, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	cc, err := st.CreateCollaboration(ctx, model.Collaboration{Title: "C muu aihe", Form: model.FormFacilities,
		Phase: model.PhaseLaunched}, []string{f.otherTopic.ID},
		[]model.Partnership{{OrganisationID: f.orgs[model.SectorThird].ID, Role: model.PartnerLead}}, nil, "")
	if err != nil {
		t.Fatal(err)
	}

	topic := f.topic.ID
	tests := []struct {
		name string
		f    model.CollaborationFilter
		want []*model.Collaboration
	}{
		{"topic", model.CollaborationFilter{TopicID: topic}, []*model.Collaboration{a, b}},
		{"other topic", model.CollaborationFilter{TopicID: f.otherTopic.ID}, []*model.Collaboration{cc}},
		{"phase", model.CollaborationFilter{TopicID: topic, Phase: model.PhaseLaunched}, []*model.Collaboration{a}},
		{"form", model.CollaborationFilter{TopicID: topic, Form: model.FormProject}, []*model.Collaboration{b}},
		{"sector of any partner", model.CollaborationFilter{TopicID: topic, Sector: model.SectorPrivate}, []*model.Collaboration{b}},
		{"sector of a non-lead partner", model.CollaborationFilter{TopicID: topic, Sector: model.SectorPublic}, []*model.Collaboration{a}},
		{"organisation", model.CollaborationFilter{OrganisationID: f.orgs[model.SectorThird].ID}, []*model.Collaboration{a, cc}},
		{"organisation and phase", model.CollaborationFilter{OrganisationID: f.orgs[model.SectorThird].ID, Form: model.FormFacilities},
			[]*model.Collaboration{cc}},
		{"search title and description", model.CollaborationFilter{Search: word}, []*model.Collaboration{a, b}},
		{"search prefix with other filters", model.CollaborationFilter{Search: word[:len(word)-3], Phase: model.PhaseGoalsAgreed},
			[]*model.Collaboration{b}},
		// Syntax characters are separators, like the index's own analyser treats them.
		{"search with syntax characters", model.CollaborationFilter{Search: word + ` "(`}, []*model.Collaboration{a, b}},
		{"search across a hyphen", model.CollaborationFilter{Search: "(" + word[:len(word)-2] + `-zzz-nomatch`}, nil},
		{"nothing", model.CollaborationFilter{TopicID: topic, Phase: model.PhaseEvaluated}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, err := listCollaborations(ctx, st, tc.f, 10, nil)
			if err != nil {
				t.Fatalf("ListCollaborations: %v", err)
			}
			if page.TotalCount != len(tc.want) || !reflect.DeepEqual(page.Items, tc.want) {
				t.Errorf("got %d (total %d) %s, want %s", len(page.Items), page.TotalCount, collabTitles(page.Items), collabTitles(tc.want))
			}
			if page.HasNext || page.HasPrev {
				t.Errorf("one page has next=%v prev=%v", page.HasNext, page.HasPrev)
			}
		})
	}
}

func TestListCollaborationsKeysetPaging(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	f := newCollabFixture(t, st)
	// Two share a title, so the id breaks the tie.
	for _, title := range []string{"Ee", "Bb", "Dd", "Bb", "Aa"} {
		f.create(t, st, title, model.PhaseNeedIdentified)
	}
	filter := model.CollaborationFilter{TopicID: f.topic.ID}

	var all []*model.Collaboration
	var after *string
	for pageNo := 1; ; pageNo++ {
		page, err := listCollaborations(ctx, st, filter, 2, after)
		if err != nil {
			t.Fatalf("page %d: %v", pageNo, err)
		}
		if page.TotalCount != 5 {
			t.Errorf("page %d: totalCount %d, want 5", pageNo, page.TotalCount)
		}
		if page.HasPrev != (pageNo > 1) {
			t.Errorf("page %d: hasPrev %v", pageNo, page.HasPrev)
		}
		wantLen, wantNext := 2, pageNo < 3
		if pageNo == 3 {
			wantLen = 1
		}
		if len(page.Items) != wantLen || page.HasNext != wantNext || len(page.Cursors) != len(page.Items) {
			t.Fatalf("page %d: %d items, %d cursors, hasNext %v", pageNo, len(page.Items), len(page.Cursors), page.HasNext)
		}
		all = append(all, page.Items...)
		if !page.HasNext {
			break
		}
		after = &page.Cursors[len(page.Cursors)-1]
	}
	seen := map[string]bool{}
	for i, c := range all {
		if seen[c.ID] {
			t.Errorf("%s (%s) on two pages", c.Title, c.ID)
		}
		seen[c.ID] = true
		if i > 0 {
			p := all[i-1]
			if p.Title > c.Title || (p.Title == c.Title && p.ID >= c.ID) {
				t.Errorf("out of order: %q/%s before %q/%s", p.Title, p.ID, c.Title, c.ID)
			}
		}
	}
	if got := collabTitles(all); got != "[Aa Bb Bb Dd Ee]" {
		t.Errorf("titles %s", got)
	}

	// A cursor from the middle starts right after its item.
	page, err := listCollaborations(ctx, st, filter, 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	rest, err := listCollaborations(ctx, st, filter, 10, &page.Cursors[1])
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rest.Items, page.Items[2:]) {
		t.Errorf("after the second item: %s, want %s", collabTitles(rest.Items), collabTitles(page.Items[2:]))
	}

	for _, bad := range []string{"not a cursor", "e30", "!!!"} {
		if _, err := listCollaborations(ctx, st, filter, 2, &bad); !errors.Is(err, errs.ErrInvalidInput) {
			t.Errorf("cursor %q: err = %v, want INVALID_INPUT", bad, err)
		}
	}
}

func TestCollaborationBatchLoadersUseOneQuery(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	f := newCollabFixture(t, st)
	const n = 20
	ids := make([]string, n)
	for i := range ids {
		collabTick() // distinct createdAt, for the newest-first checks
		ids[i] = f.create(t, st, fmt.Sprintf("Erä %02d", i), model.PhaseNeedIdentified).ID
		if i%2 == 0 {
			if _, err := st.MovePhase(ctx, ids[i], model.PhaseGoalsAgreed, "", ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	orgIDs := []string{f.orgs[model.SectorThird].ID, f.orgs[model.SectorPublic].ID, f.orgs[model.SectorAcademia].ID}
	personIDs := []string{f.people[0].ID, f.people[1].ID}

	check := func(name string, load func() (int, error), want int) {
		t.Helper()
		before := st.QueryCount()
		got, err := load()
		queries := st.QueryCount() - before
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if queries != 1 {
			t.Errorf("%s ran %d queries, want 1", name, queries)
		}
		if got != want {
			t.Errorf("%s loaded %d, want %d", name, got, want)
		}
	}
	check("CollaborationsByID", func() (int, error) {
		m, err := st.CollaborationsByID(ctx, ids)
		return len(m), err
	}, n)
	check("PartnersByCollaboration", func() (int, error) {
		m, err := st.PartnersByCollaboration(ctx, ids)
		return countItems(m), err
	}, 2*n)
	check("ContributorsByCollaboration", func() (int, error) {
		m, err := st.ContributorsByCollaboration(ctx, ids)
		return countItems(m), err
	}, n)
	check("PhaseHistoryByCollaboration", func() (int, error) {
		m, err := st.PhaseHistoryByCollaboration(ctx, ids)
		return countItems(m), err
	}, n+n/2)
	check("PartnershipsByOrganisation", func() (int, error) {
		m, err := st.PartnershipsByOrganisation(ctx, orgIDs)
		return countItems(m), err
	}, 2*n)
	check("ContributionsByPerson", func() (int, error) {
		m, err := st.ContributionsByPerson(ctx, personIDs)
		return countItems(m), err
	}, n)

	// Newest collaboration first for the reverse loaders.
	byOrg, err := st.PartnershipsByOrganisation(ctx, orgIDs[:1])
	if err != nil {
		t.Fatal(err)
	}
	if got := byOrg[orgIDs[0]]; len(got) != n || got[0].CollaborationID != ids[n-1] || got[n-1].CollaborationID != ids[0] {
		t.Errorf("PartnershipsByOrganisation is not newest first")
	}
	byPerson, err := st.ContributionsByPerson(ctx, personIDs[:1])
	if err != nil {
		t.Fatal(err)
	}
	if got := byPerson[personIDs[0]]; len(got) != n || got[0].CollaborationID != ids[n-1] {
		t.Errorf("ContributionsByPerson is not newest first")
	}
	history, err := st.PhaseHistoryByCollaboration(ctx, ids[:1])
	if err != nil {
		t.Fatal(err)
	}
	if got := collabPhases(history[ids[0]]); !reflect.DeepEqual(got, []model.CollaborationPhase{model.PhaseNeedIdentified, model.PhaseGoalsAgreed}) {
		t.Errorf("history %v", got)
	}

	// Unknown ids are simply absent.
	m, err := st.CollaborationsByID(ctx, []string{storetest.ID("nope")})
	if err != nil || len(m) != 0 {
		t.Errorf("unknown id: %v, %v", m, err)
	}
}

// collabTick lets the database clock move on, so that timestamps written after it
// are strictly later than those written before even at millisecond precision.
func collabTick() { time.Sleep(3 * time.Millisecond) }

func countItems[T any](m map[string][]T) int {
	n := 0
	for _, v := range m {
		n += len(v)
	}
	return n
}

func collabTitles(cs []*model.Collaboration) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Title
	}
	return fmt.Sprint(out)
}

func fmtCollabItems[T any](items []*T) string {
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = fmt.Sprintf("%+v", *it)
	}
	return "[" + strings.Join(parts, " ") + "]"
}
