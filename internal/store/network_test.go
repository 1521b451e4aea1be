package store_test

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/storetest"
)

// TestLoadCoMembership reads the network back from this test's own
// organisations, people, stints and collaboration: each person's main
// sector (most days; a tie goes to the lower code; none without stints),
// each organisation's stints with days since 1970 (an ongoing one ending
// today) and the collaboration's contributors.
func TestLoadCoMembership(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	orgs := map[string]string{} // name in the table → id
	for name, sector := range map[string]model.Sector{"A": model.SectorPublic, "B": model.SectorThird, "C": model.SectorPrivate} {
		o, err := st.CreateOrganisation(ctx, model.Organisation{Name: storetest.ID("Verkosto " + name), Kind: model.KindOther, Sector: sector}, nil)
		if err != nil {
			t.Fatal(err)
		}
		orgs[name] = o.ID
	}
	day := func(y int, m time.Month, d int) model.Date { return model.Date{Year: y, Month: m, Day: d} }
	epoch := func(d model.Date) int32 { return int32(d.Time().Unix() / 86400) }
	today := int32(time.Now().UTC().Unix() / 86400)
	type stint struct {
		org        string
		start, end model.Date
		ongoing    bool
	}
	people := []struct {
		name   string
		stints []stint
		main   model.Sector
	}{
		{"more days in PUBLIC", []stint{{org: "A", start: day(2000, 1, 1), end: day(2005, 1, 1)}, {org: "B", start: day(2000, 1, 1), end: day(2001, 1, 1)}}, model.SectorPublic},
		{"more days in THIRD", []stint{{org: "A", start: day(2003, 1, 1), end: day(2004, 1, 1)}, {org: "B", start: day(2003, 1, 1), end: day(2012, 1, 1)}}, model.SectorThird},
		{"ongoing in PRIVATE", []stint{{org: "C", start: day(2020, 1, 1), ongoing: true}, {org: "B", start: day(2019, 1, 1), end: day(2019, 6, 1)}}, model.SectorPrivate},
		{"no stints", nil, ""},
		{"365 days each in PUBLIC and PRIVATE", []stint{{org: "A", start: day(2009, 1, 1), end: day(2010, 1, 1)}, {org: "C", start: day(2013, 1, 1), end: day(2014, 1, 1)}}, model.SectorPrivate},
	}
	ids := make([]string, len(people))
	type member struct {
		person     string
		start, end int32
	}
	wantOrgs := map[string][]member{} // organisation id → its stints
	for i, p := range people {
		created, err := st.CreatePerson(ctx, model.Person{Name: storetest.ID("Verkosto"), Visibility: model.VisibilityPublic}, nil)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = created.ID
		for _, s := range p.stints {
			e := model.Experience{PersonID: created.ID, OrganisationID: orgs[s.org], Kind: model.ExperienceEmployment, StartDate: s.start}
			m := member{created.ID, epoch(s.start), today}
			if !s.ongoing {
				e.EndDate = &s.end
				m.end = epoch(s.end)
			}
			if _, err := st.AddExperience(ctx, e); err != nil {
				t.Fatal(err)
			}
			wantOrgs[orgs[s.org]] = append(wantOrgs[orgs[s.org]], m)
		}
	}
	contributors := []string{ids[0], ids[2], ids[3]}
	c, err := st.CreateCollaboration(ctx, model.Collaboration{Title: storetest.ID("Verkosto"), Form: model.FormFunctionalCooperation, Phase: model.PhaseNeedIdentified},
		nil, []model.Partnership{{OrganisationID: orgs["B"], Role: model.PartnerLead}},
		[]model.Contribution{{PersonID: ids[0], Role: model.ContributorLead}, {PersonID: ids[2], Role: model.ContributorExpert}, {PersonID: ids[3], Role: model.ContributorExpert}}, "")
	if err != nil || c == nil {
		t.Fatalf("collaboration: %v", err)
	}

	cm, err := st.LoadCoMembership(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(cm.PersonIDs) || len(cm.MainSector) != len(cm.PersonIDs) {
		t.Fatalf("%d people (sorted: %v), %d main sectors", len(cm.PersonIDs), slices.IsSorted(cm.PersonIDs), len(cm.MainSector))
	}
	index := map[int32]string{}
	for i, p := range people {
		at, ok := slices.BinarySearch(cm.PersonIDs, ids[i])
		if !ok {
			t.Fatalf("%s: not read", p.name)
		}
		index[int32(at)] = ids[i]
		if got := cm.MainSector[at]; got != p.main {
			t.Errorf("%s: main sector %q, want %q", p.name, got, p.main)
		}
	}
	// Organisations and collaborations are found by their members: this
	// test's people are in no other.
	byMember := func(ms []member) []member {
		return slices.SortedFunc(slices.Values(ms), func(a, b member) int {
			return cmp.Or(strings.Compare(a.person, b.person), cmp.Compare(a.start, b.start))
		})
	}
	gotOrgs := 0
	for _, group := range cm.Organisations {
		var got []member
		for _, m := range group {
			if id, ok := index[m.Person]; ok {
				got = append(got, member{id, m.Start, m.End})
			}
		}
		if len(got) == 0 {
			continue
		}
		gotOrgs++
		found := false
		for want := range maps.Values(wantOrgs) {
			if len(want) == len(got) && len(want) == len(group) && slices.Equal(byMember(want), byMember(got)) {
				found = true
			}
		}
		if !found {
			t.Errorf("organisation read as %v, want one of %v", got, wantOrgs)
		}
	}
	if gotOrgs != len(wantOrgs) {
		t.Errorf("%d organisations with this test's people, want %d", gotOrgs, len(wantOrgs))
	}
	gotCollabs := 0
	for _, group := range cm.Collaborations {
		var got []string
		for _, m := range group {
			if id, ok := index[m]; ok {
				got = append(got, id)
			}
		}
		if len(got) == 0 {
			continue
		}
		gotCollabs++
		if len(got) != len(group) || !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(contributors))) {
			t.Errorf("collaboration read as %v, want %v", got, contributors)
		}
	}
	if gotCollabs != 1 {
		t.Errorf("%d collaborations with this test's people, want 1", gotCollabs)
	}
}
