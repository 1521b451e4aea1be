package workshop

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/bridge"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// fakeStore is the planning half of the workshop port over organisations
// held in memory; saving is tested against Neo4j through the API.
type fakeStore struct {
	Store // saving: not used by Plan
	orgs  []model.PlanOrganisation
	// near are the translators PlanTranslators finds around the topic.
	near []model.PlanTranslator
	// partners: pairs of organisations that collaborated.
	partners [][2]string
}

func (f *fakeStore) TopicsByID(_ context.Context, ids []string) (map[string]*model.Topic, error) {
	out := map[string]*model.Topic{}
	for _, id := range ids {
		if id == "topic" {
			out[id] = &model.Topic{ID: id, Name: "Topic"}
		}
	}
	return out, nil
}

func (f *fakeStore) PlanSubjects(_ context.Context, ids []string) (map[string]model.PlanSubject, error) {
	out := map[string]model.PlanSubject{}
	for _, id := range ids {
		for _, o := range f.orgs {
			if o.ID == id {
				out[id] = model.PlanSubject{ID: id, IsOrg: true}
			}
			for _, p := range o.People {
				if p.ID == id {
					out[id] = model.PlanSubject{ID: id, CurOrgs: []string{o.ID}}
				}
			}
		}
	}
	return out, nil
}

func (f *fakeStore) withoutExcluded(o model.PlanOrganisation, exclude []string) model.PlanOrganisation {
	o.People = slices.DeleteFunc(slices.Clone(o.People), func(p model.PlanPerson) bool { return slices.Contains(exclude, p.ID) })
	return o
}

func (f *fakeStore) PlanCandidates(_ context.Context, _ string, sectors []model.Sector, exclude []string, _ int) ([]model.PlanOrganisation, error) {
	var out []model.PlanOrganisation
	for _, o := range f.orgs {
		if slices.Contains(sectors, o.Sector) && !slices.Contains(exclude, o.ID) {
			out = append(out, model.PlanOrganisation{ID: o.ID, Sector: o.Sector, Topic: o.Topic})
		}
	}
	return out, nil
}

func (f *fakeStore) PlanOrganisationsByID(_ context.Context, _ string, ids, exclude []string, _ int) ([]model.PlanOrganisation, error) {
	var out []model.PlanOrganisation
	for _, o := range f.orgs {
		if slices.Contains(ids, o.ID) {
			out = append(out, f.withoutExcluded(o, exclude))
		}
	}
	return out, nil
}

func (f *fakeStore) PlanTranslators(_ context.Context, _ string, _, exclude []string, _, _ int) ([]model.PlanTranslator, error) {
	return slices.DeleteFunc(slices.Clone(f.near), func(t model.PlanTranslator) bool { return slices.Contains(exclude, t.ID) }), nil
}

func (f *fakeStore) CollaboratedPairs(context.Context, []string) ([][2]string, error) {
	return f.partners, nil
}

// fakeBridge knows every translator's years per sector, and finds the
// ones listed in between for any pair of sectors.
type fakeBridge struct {
	years   map[string]map[model.Sector]float64
	between []string
	asked   []model.PersonScope
}

func (f *fakeBridge) TranslatorsBetweenSectors(_ context.Context, viewer model.PersonScope, q bridge.Query) ([]*model.TranslatorMatch, error) {
	f.asked = append(f.asked, viewer)
	var out []*model.TranslatorMatch
	for _, id := range f.between {
		out = append(out, &model.TranslatorMatch{Person: &model.Person{ID: id, Visibility: model.VisibilityMembers}, Score: 0.5})
	}
	return out[:min(len(out), q.Limit)], nil
}

func (f *fakeBridge) BridgingProfiles(_ context.Context, ids []string) (map[string]*model.BridgingProfile, error) {
	out := map[string]*model.BridgingProfile{}
	for _, id := range ids {
		if y := f.years[id]; y != nil {
			bp := &model.BridgingProfile{}
			for _, s := range model.AllSectors {
				if y[s] > 0 {
					bp.Sectors = append(bp.Sectors, &model.SectorExperience{Sector: s, Years: y[s]})
				}
			}
			out[id] = bp
		}
	}
	return out, nil
}

// newFakes: six organisations in each of PUBLIC, THIRD and ACADEMIA with
// two people each; translators spanning all three only from the bridge.
func newFakes() (*fakeStore, *fakeBridge) {
	st := &fakeStore{}
	for _, o := range orgs(6, model.SectorPublic, model.SectorThird, model.SectorAcademia) {
		st.orgs = append(st.orgs, *o)
	}
	st.partners = [][2]string{{"PUBLIC-00", "THIRD-00"}}
	st.near = []model.PlanTranslator{{ID: "tr-near", Expert: true}}
	all := map[model.Sector]float64{model.SectorPublic: 3, model.SectorThird: 2, model.SectorAcademia: 1}
	br := &fakeBridge{
		years:   map[string]map[model.Sector]float64{"tr-near": {model.SectorPublic: 4}, "tr-1": all, "tr-2": all, "tr-3": all},
		between: []string{"tr-1", "tr-2", "tr-3"},
	}
	return st, br
}

var facilitator = auth.Principal{Subject: "person-fia", Roles: []auth.Role{auth.RoleFacilitator}}

func planInput() PlanInput {
	return PlanInput{TopicID: "topic", Size: 12, Tables: 3, Seed: 7,
		Sectors: []model.Sector{model.SectorPublic, model.SectorThird, model.SectorAcademia}}
}

func seats(p *model.WorkshopPlan) []string {
	var out []string
	for _, s := range p.Participants {
		out = append(out, fmt.Sprintf("%d/%s/%s/%s", s.Table, s.Role, s.PersonID, s.OrganisationID))
	}
	return out
}

func TestPlanSeatsBalancedTablesWithTranslators(t *testing.T) {
	st, br := newFakes()
	plan, err := New(st, br).Plan(context.Background(), facilitator, planInput())
	if err != nil {
		t.Fatal(err)
	}
	perTable := map[int][]*model.WorkshopParticipant{}
	for _, s := range plan.Participants {
		perTable[s.Table] = append(perTable[s.Table], s)
	}
	if len(plan.Participants) != 12 || len(perTable) != 3 {
		t.Fatalf("%d seats at %d tables, want 12 at 3: %v", len(plan.Participants), len(perTable), seats(plan))
	}
	for table, ss := range perTable {
		translators := 0
		for _, s := range ss {
			if s.Role == model.RoleTranslator {
				translators++
				if !slices.Contains(br.between, s.PersonID) {
					t.Errorf("table %d: translator %s spans too little; the bridge's span all three sectors", table, s.PersonID)
				}
			}
		}
		if translators != 1 {
			t.Errorf("table %d has %d translators", table, translators)
		}
	}
	if len(plan.Unmet) != 0 {
		for _, u := range plan.Unmet {
			t.Errorf("unmet %s at table %d: %s", u.Code, u.Table, u.Message)
		}
	}
	again, err := New(st, br).Plan(context.Background(), facilitator, planInput())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(seats(plan), seats(again)) {
		t.Errorf("the same seed gave\n%v\nthen\n%v", seats(plan), seats(again))
	}
}

// The planner asks the bridge for translators as any member would see
// them, whoever plans: a saved plan is read by its participants.
func TestPlanFindsTranslatorsInTheMembersScope(t *testing.T) {
	st, br := newFakes()
	admin := auth.Principal{Subject: "person-admin", Roles: []auth.Role{auth.RoleAdmin}}
	if _, err := New(st, br).Plan(context.Background(), admin, planInput()); err != nil {
		t.Fatal(err)
	}
	if len(br.asked) != 3 { // PUBLIC–THIRD, PUBLIC–ACADEMIA, THIRD–ACADEMIA
		t.Fatalf("the bridge was asked %d times, want once per sector pair", len(br.asked))
	}
	for _, v := range br.asked {
		if !slices.Equal(v.Visibilities, auth.MembersScope().Visibilities) || v.SelfID != "" || v.Contacts != model.ContactsOwn {
			t.Errorf("the bridge was asked as %+v, want the members' scope %+v", v, auth.MembersScope())
		}
	}
}

func TestPlanHonoursMustIncludeAndExclude(t *testing.T) {
	st, br := newFakes()
	in := planInput()
	in.MustInclude = []string{"ACADEMIA-05", "THIRD-04-b"}
	in.Exclude = []string{"PUBLIC-00", "PUBLIC-01-a"}
	plan, err := New(st, br).Plan(context.Background(), facilitator, in)
	if err != nil {
		t.Fatal(err)
	}
	var orgsSeated, people []string
	for _, s := range plan.Participants {
		orgsSeated = append(orgsSeated, s.OrganisationID)
		people = append(people, s.PersonID)
	}
	if !slices.Contains(orgsSeated, "ACADEMIA-05") || !slices.Contains(people, "THIRD-04-b") {
		t.Errorf("seats %v lack what mustInclude names", seats(plan))
	}
	for _, id := range []string{"PUBLIC-00-a", "PUBLIC-00-b", "PUBLIC-01-a"} {
		if slices.Contains(people, id) {
			t.Errorf("%s is seated, but excluded", id)
		}
	}
}

func TestPlanChecksCallerAndInput(t *testing.T) {
	st, br := newFakes()
	svc := New(st, br)
	professional := auth.Principal{Subject: "person-x", Roles: []auth.Role{auth.RoleProfessional}}
	for name, tc := range map[string]struct {
		caller auth.Principal
		in     func(*PlanInput)
		kind   error
	}{
		"anonymous":           {auth.Principal{}, nil, errs.ErrUnauthenticated},
		"a professional":      {professional, nil, errs.ErrForbidden},
		"too small":           {facilitator, func(in *PlanInput) { in.Size = MinSize - 1 }, errs.ErrInvalidInput},
		"one sector":          {facilitator, func(in *PlanInput) { in.Sectors = []model.Sector{model.SectorThird} }, errs.ErrInvalidInput},
		"unknown topic":       {facilitator, func(in *PlanInput) { in.TopicID = "nope" }, errs.ErrNotFound},
		"unknown mustInclude": {facilitator, func(in *PlanInput) { in.MustInclude = []string{"nobody"} }, errs.ErrNotFound},
		"included and excluded": {facilitator, func(in *PlanInput) {
			in.MustInclude, in.Exclude = []string{"THIRD-01"}, []string{"THIRD-01"}
		}, errs.ErrInvalidInput},
	} {
		in := planInput()
		if tc.in != nil {
			tc.in(&in)
		}
		if _, err := svc.Plan(context.Background(), tc.caller, in); !errors.Is(err, tc.kind) {
			t.Errorf("%s: err %v, want %v", name, err, tc.kind)
		}
	}
	if len(br.asked) != 0 {
		t.Errorf("the bridge was asked %d times by plans that fail", len(br.asked))
	}
}
