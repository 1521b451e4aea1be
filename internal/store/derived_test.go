package store_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/storetest"
)

// TestSectorCandidatesFollowStintWrites: the sector-only candidates are
// read from stored sector-pair days, and candidates' scores from stored
// stint summaries, so every write to a person's stints (and Import), and a
// change of an organisation's sector, must keep both right. People of this test share a region nobody else has, so the filter
// isolates them.
func TestSectorCandidatesFollowStintWrites(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	region := storetest.ID("Sektoripäivät")
	org := func(sector model.Sector) string { return newOrgIn(t, st, sector) }
	person := func() string { return newBridgePerson(t, st, region) }
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
	filter := model.CandidateFilter{Scope: model.PersonScope{Visibilities: model.AllVisibilities}, Region: region}
	expect := func(step string, a, b model.Sector, want ...string) {
		t.Helper()
		got, err := st.SectorCandidates(ctx, a, b, filter, 10)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%s: candidates for %s–%s %v, want %v", step, a, b, got, want)
		}
	}
	// The summary the scores read must list exactly the stints the graph
	// has, with their organisation's current sector.
	type summarised struct {
		sector model.Sector
		kind   model.ExperienceKind
		start  model.Date
		end    string
	}
	stintsOf := func(rows []model.StintRow) []summarised {
		out := make([]summarised, 0, len(rows))
		for _, r := range rows {
			end := ""
			if r.End != nil {
				end = r.End.String()
			}
			out = append(out, summarised{r.Sector, r.Kind, r.Start, end})
		}
		slices.SortFunc(out, func(x, y summarised) int {
			return strings.Compare(fmt.Sprint(x), fmt.Sprint(y))
		})
		return out
	}
	expectSummaries := func(step string, people ...string) {
		t.Helper()
		summaries, err := st.CandidateScores(ctx, people)
		if err != nil {
			t.Fatal(err)
		}
		graph, err := st.CandidateProfiles(ctx, people)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range people {
			got, want := stintsOf(summaries[id].Stints), stintsOf(graph[id].Stints)
			if !slices.Equal(got, want) {
				t.Errorf("%s: stint summary of %s %v, the graph has %v", step, id, got, want)
			}
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
	expectSummaries("added", p1, p2)
	expect("one sector", model.SectorThird, model.SectorThird, p2, p1) // 10 years vs 2
	expect("no private experience", model.SectorPublic, model.SectorPrivate)

	end := date(2019)
	if _, err := st.UpdateExperience(ctx, p2Public, model.ExperiencePatch{SetEndDate: true, EndDate: &end},
		func(*model.Experience) error { return nil }); err != nil {
		t.Fatal(err)
	}
	expect("updated: p2 now has 4 public years", model.SectorPublic, model.SectorThird, p2, p1)
	expectSummaries("updated", p1, p2)

	if _, err := st.RemoveExperience(ctx, p1Third); err != nil {
		t.Fatal(err)
	}
	expect("removed: p1 has no third-sector years", model.SectorPublic, model.SectorThird, p2)
	expectSummaries("removed", p1, p2)

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
	expectSummaries("imported", imported)

	// third becomes a private company: its stints now count as private.
	private := model.SectorPrivate
	if _, err := st.UpdateOrganisation(ctx, third, model.OrganisationPatch{Sector: &private}); err != nil {
		t.Fatal(err)
	}
	expect("organisation moved to PRIVATE", model.SectorPublic, model.SectorThird)
	expect("now public–private", model.SectorPublic, model.SectorPrivate, imported, p2)
	expectSummaries("organisation moved to PRIVATE", p1, p2, imported)
}

// TestTrackRecordFollowsPartnerWrites: candidates' track records read the
// stored partner sectors of collaborations, so creating and importing a
// collaboration and changing a partner's sector must keep them right.
func TestTrackRecordFollowsPartnerWrites(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	org := func(sector model.Sector) string { return newOrgIn(t, st, sector) }
	p := newBridgePerson(t, st, "")
	public, third, public2 := org(model.SectorPublic), org(model.SectorThird), org(model.SectorPublic)
	collab := func(partners ...string) string {
		ps := make([]model.Partnership, len(partners))
		for i, o := range partners {
			ps[i] = model.Partnership{OrganisationID: o, Role: model.PartnerPartner}
		}
		ps[0].Role = model.PartnerLead
		c, err := st.CreateCollaboration(ctx, model.Collaboration{Title: storetest.ID("Yhteistyö"), Form: model.FormProject, Phase: model.PhaseNeedIdentified},
			nil, ps, []model.Contribution{{PersonID: p, Role: model.ContributorMember}}, "")
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	expect := func(step string, want ...string) {
		t.Helper()
		stored, err := st.CandidateScores(ctx, []string{p})
		if err != nil {
			t.Fatal(err)
		}
		graph, err := st.CandidateProfiles(ctx, []string{p})
		if err != nil {
			t.Fatal(err)
		}
		got := slices.Sorted(maps.Keys(stored[p].CrossSectorCollaborations))
		live := slices.Sorted(maps.Keys(graph[p].CrossSectorCollaborations))
		slices.Sort(want)
		if !slices.Equal(got, want) || !slices.Equal(live, want) {
			t.Errorf("%s: cross-sector collaborations from stored partner sectors %v, from the graph %v, want %v", step, got, live, want)
		}
	}
	across := collab(public, third)
	collab(public, public2)
	expect("created", across)

	imported := storetest.ID("collab-tuotu")
	if err := st.Import(ctx, store.ImportSet{Collaborations: []store.ImportCollaboration{{
		Collaboration: model.Collaboration{ID: imported, Title: storetest.ID("Tuotu"), Form: model.FormProject, Phase: model.PhaseNeedIdentified},
		Partners:      []model.Partnership{{OrganisationID: public2, Role: model.PartnerLead}, {OrganisationID: third, Role: model.PartnerPartner}},
		Contributors:  []model.Contribution{{PersonID: p, Role: model.ContributorExpert}},
	}}}, 10, nil); err != nil {
		t.Fatal(err)
	}
	expect("imported", across, imported)

	// The third-sector partner becomes public: no collaboration spans two sectors.
	sector := model.SectorPublic
	if _, err := st.UpdateOrganisation(ctx, third, model.OrganisationPatch{Sector: &sector}); err != nil {
		t.Fatal(err)
	}
	expect("partner moved to PUBLIC")
}
