package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/storetest"
)

// TestSectorCandidatesFollowStintWrites: the sector-only candidates are
// read from stored sector-pair days, so every write to a person's stints
// (and Import), and a change of an organisation's sector, must keep them
// right. People of this test share a region nobody else has, so the filter
// isolates them.
func TestSectorCandidatesFollowStintWrites(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	region := storetest.ID("Sektoripäivät")
	org := func(sector model.Sector) string {
		o, err := st.CreateOrganisation(ctx, model.Organisation{Name: storetest.ID("Sektori"), Kind: model.KindOther, Sector: sector}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return o.ID
	}
	person := func() string {
		p, err := st.CreatePerson(ctx, model.Person{Name: storetest.ID("Sektori"), Visibility: model.VisibilityPublic,
			OpenToBridging: true, Region: region}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	date := func(y int) model.Date { return model.Date{Year: y, Month: 1, Day: 1} }
	stint := func(personID, orgID string, from, to int) string {
		end := date(to)
		e, err := st.AddExperience(ctx, model.Experience{PersonID: personID, OrganisationID: orgID,
			Kind: model.ExperienceEmployment, StartDate: date(from), EndDate: &end})
		if err != nil {
			t.Fatal(err)
		}
		return e.ID
	}
	filter := store.CandidateFilter{Scope: model.PersonScope{Visibilities: model.AllVisibilities}, Region: region}
	expect := func(step string, a, b model.Sector, want ...string) {
		t.Helper()
		got, err := st.SectorCandidates(ctx, a, b, filter, nil, 10)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%s: candidates for %s–%s %v, want %v", step, a, b, got, want)
		}
	}
	public, third := org(model.SectorPublic), org(model.SectorThird)
	p1, p2 := person(), person()
	stint(p1, public, 2010, 2016)
	p1Third := stint(p1, third, 2018, 2020) // weaker: 2 years
	p2Public := stint(p2, public, 2015, 2016)
	stint(p2, third, 2000, 2010) // weaker: 1 year

	expect("added", model.SectorPublic, model.SectorThird, p1, p2)
	expect("either order", model.SectorThird, model.SectorPublic, p1, p2)
	expect("one sector", model.SectorThird, model.SectorThird, p2, p1) // 10 years vs 2
	expect("no private experience", model.SectorPublic, model.SectorPrivate)

	end := date(2019)
	if _, err := st.UpdateExperience(ctx, p2Public, model.ExperiencePatch{SetEndDate: true, EndDate: &end},
		func(*model.Experience) error { return nil }); err != nil {
		t.Fatal(err)
	}
	expect("updated: p2 now has 4 public years", model.SectorPublic, model.SectorThird, p2, p1)

	if _, err := st.RemoveExperience(ctx, p1Third); err != nil {
		t.Fatal(err)
	}
	expect("removed: p1 has no third-sector years", model.SectorPublic, model.SectorThird, p2)

	imported := storetest.ID("person-tuotu")
	endImported := date(2024)
	if err := st.Import(ctx, store.ImportSet{People: []store.ImportPerson{{
		Person: model.Person{ID: imported, Name: storetest.ID("Tuotu"), Visibility: model.VisibilityPublic, OpenToBridging: true, Region: region},
		Experiences: []model.Experience{
			{ID: storetest.ID("exp"), OrganisationID: public, Kind: model.ExperienceEmployment, StartDate: date(2000), EndDate: &endImported},
			{ID: storetest.ID("exp"), OrganisationID: third, Kind: model.ExperienceEmployment, StartDate: date(2004), EndDate: &endImported},
		},
	}}}, 10, nil); err != nil {
		t.Fatal(err)
	}
	expect("imported: 20 years in the weaker", model.SectorPublic, model.SectorThird, imported, p2)

	// third becomes a private company: its stints now count as private.
	private := model.SectorPrivate
	if _, err := st.UpdateOrganisation(ctx, third, model.OrganisationPatch{Sector: &private}); err != nil {
		t.Fatal(err)
	}
	expect("organisation moved to PRIVATE", model.SectorPublic, model.SectorThird)
	expect("now public–private", model.SectorPublic, model.SectorPrivate, imported, p2)
}
