package bridge

import (
	"context"
	"errors"
	"maps"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// fakeStore is the bridge port over a few people held in memory: what
// Translators does with what the store returns, without Neo4j.
type fakeStore struct {
	orgs map[string]*model.Organisation
	// ties are returned by TranslatorTies, whatever the organisations.
	ties []model.TieRow
	// people holds every person's full profile.
	people map[string]*model.CandidateProfile
	// bySectors are the people SectorCandidateScores finds.
	bySectors []string
	// anchorTies are returned by TiesFromAnchor, severalTies by TiesToSeveral.
	anchorTies, severalTies []model.OrgTieRow
	// maxOrg is the co-worker organisation size each tie read was asked with.
	maxOrg []int
	// erased are left out of CandidateProfiles (erased after scoring).
	erased []string
	// atOrg are the people OrganisationSectorCandidateScores finds, by
	// organisation and sector.
	atOrg map[string][]string
	asked []string // organisation/sector of each such call

	filters []model.CandidateFilter // every filter the store was asked with
}

func (f *fakeStore) pick(ids []string) map[string]*model.CandidateProfile {
	out := map[string]*model.CandidateProfile{}
	for _, id := range ids {
		if p := f.people[id]; p != nil {
			out[id] = p
		}
	}
	return out
}

func (f *fakeStore) TranslatorTies(_ context.Context, _, _ string, cf model.CandidateFilter, maxOrg int) ([]model.TieRow, map[string]*model.CandidateProfile, error) {
	f.filters, f.maxOrg = append(f.filters, cf), append(f.maxOrg, maxOrg)
	var ids []string
	for _, r := range f.ties {
		ids = append(ids, r.PersonID)
	}
	return f.ties, f.pick(ids), nil
}

func (f *fakeStore) TiesToSeveral(_ context.Context, _ []string, cf model.CandidateFilter, maxOrg int) ([]model.OrgTieRow, error) {
	f.filters, f.maxOrg = append(f.filters, cf), append(f.maxOrg, maxOrg)
	return f.severalTies, nil
}

func (f *fakeStore) SectorCandidateScores(_ context.Context, _, _ model.Sector, cf model.CandidateFilter, _ int, _ model.Version) (map[string]*model.CandidateProfile, error) {
	f.filters = append(f.filters, cf)
	return f.pick(f.bySectors), nil
}

func (f *fakeStore) OrganisationSectorCandidateScores(_ context.Context, orgID string, sector model.Sector, cf model.CandidateFilter) (map[string]*model.CandidateProfile, error) {
	f.filters = append(f.filters, cf)
	f.asked = append(f.asked, orgID+"/"+string(sector))
	return f.pick(f.atOrg[orgID+"/"+string(sector)]), nil
}

func (f *fakeStore) CandidateProfiles(_ context.Context, ids []string) (map[string]*model.CandidateProfile, error) {
	out := f.pick(ids)
	for _, id := range f.erased {
		delete(out, id)
	}
	return out, nil
}

func (f *fakeStore) OrganisationsByIDVersion(_ context.Context, ids []string) (map[string]*model.Organisation, model.Version, error) {
	out := map[string]*model.Organisation{}
	for _, id := range ids {
		if o := f.orgs[id]; o != nil {
			out[id] = o
		}
	}
	return out, "v1", nil
}

func (f *fakeStore) CurrentVersion(context.Context) (model.Version, error) { return "v1", nil }

// The two organisations of every test: a city (PUBLIC) and an
// association (THIRD).
var (
	city  = &model.Organisation{ID: "org-city", Name: "City", Sector: model.SectorPublic}
	assoc = &model.Organisation{ID: "org-assoc", Name: "Association", Sector: model.SectorThird}
)

// profile is a person with a stint per sector given, each of years years,
// ended a year before now.
func profile(id string, years int, sectors ...model.Sector) *model.CandidateProfile {
	p := &model.CandidateProfile{Person: &model.Person{ID: id, Name: id, Visibility: model.VisibilityPublic}, BrokeragePercentile: -1}
	for i, s := range sectors {
		end := date(2025-i*years, time.November)
		p.Stints = append(p.Stints, model.StintRow{ExperienceID: id + "-x" + string(s), Sector: s,
			Kind: model.ExperienceEmployment, Start: date(end.Year-years, time.November), End: &end})
	}
	return p
}

// stint is a tie of person to the organisation of side by a stint from
// start to end (nil: ongoing).
func stint(side int, person string, start model.Date, end *model.Date) model.TieRow {
	return model.TieRow{Side: side, PersonID: person, Kind: string(TieStint), Start: start, End: end,
		ExperienceID: person + "-stint", ExperienceKind: model.ExperienceEmployment}
}

func collab(side int, person, id string) model.TieRow {
	return model.TieRow{Side: side, PersonID: person, Kind: string(TieCollaboration), Start: date(2020, time.March),
		CollaborationID: id, CollaborationTitle: id, ContributorRole: model.ContributorCoordinator}
}

func newFake() *fakeStore {
	return &fakeStore{
		orgs: map[string]*model.Organisation{city.ID: city, assoc.ID: assoc},
		people: map[string]*model.CandidateProfile{
			"p-both":    profile("p-both", 6, model.SectorPublic, model.SectorThird),
			"p-insider": profile("p-insider", 6, model.SectorPublic, model.SectorThird),
			"p-one":     profile("p-one", 2, model.SectorThird),
			"p-sector":  profile("p-sector", 5, model.SectorThird, model.SectorPublic),
		},
	}
}

func service(st Store) *Service { return &Service{store: st, now: func() time.Time { return now }} }

func members() model.PersonScope {
	return model.PersonScope{Visibilities: []model.Visibility{model.VisibilityPublic, model.VisibilityMembers}, SelfID: "p-me",
		Contacts: model.ContactsConsented}
}

func query(limit int) Query { return Query{Between: []string{city.ID, assoc.ID}, Limit: limit} }

func ids(ms []*model.TranslatorMatch) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Person.ID
	}
	return out
}

func TestTranslatorsMergesTiesPerPerson(t *testing.T) {
	st := newFake()
	st.ties = []model.TieRow{
		stint(0, "p-both", date(2012, time.January), datePtr(2018, time.June)),
		collab(1, "p-both", "collab-1"),
		collab(1, "p-both", "collab-2"),
		collab(1, "p-one", "collab-1"),
	}
	got, err := service(st).Translators(context.Background(), members(), query(DefaultMatches))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"p-both", "p-one"}; !slices.Equal(ids(got), want) {
		t.Fatalf("matches %v, want %v: one per person, the one tied to both sides first", ids(got), want)
	}
	both := got[0]
	sides := map[model.BridgeSide]int{}
	for _, e := range both.Evidence {
		sides[e.Side]++
	}
	if sides[model.SideA] != 1 || sides[model.SideB] != 2 {
		t.Errorf("p-both's evidence per side %v, want A 1 (the stint), B 2 (the collaborations)", sides)
	}
	if both.Insider {
		t.Error("p-both's stint ended: not an insider")
	}
	var sum float64
	for _, c := range both.Components {
		sum += c.Contribution
	}
	if diff := sum - both.Score; diff > 1e-9 || diff < -1e-9 {
		t.Errorf("breakdown adds up to %v, score is %v", sum, both.Score)
	}
}

func TestTranslatorsInsiders(t *testing.T) {
	st := newFake()
	st.ties = []model.TieRow{
		stint(0, "p-insider", date(2019, time.January), nil), // ongoing at the city
		collab(1, "p-insider", "collab-1"),
		stint(0, "p-both", date(2012, time.January), datePtr(2018, time.June)),
		collab(1, "p-both", "collab-1"),
	}
	// p-insider is also among the sector-only candidates: still one match,
	// and still left out when insiders are.
	st.bySectors = []string{"p-insider"}
	svc := service(st)
	got, err := svc.Translators(context.Background(), members(), query(DefaultMatches))
	if err != nil {
		t.Fatal(err)
	}
	insider := map[string]bool{}
	for _, m := range got {
		insider[m.Person.ID] = m.Insider
	}
	if len(got) != 2 || !insider["p-insider"] || insider["p-both"] {
		t.Fatalf("matches %v with insider %v, want p-insider (insider) and p-both once each", ids(got), insider)
	}
	q := query(DefaultMatches)
	q.ExcludeInsiders = true
	got, err = svc.Translators(context.Background(), members(), q)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"p-both"}; !slices.Equal(ids(got), want) {
		t.Errorf("excluding insiders: %v, want %v", ids(got), want)
	}
}

func TestTranslatorsAddsSectorOnlyCandidates(t *testing.T) {
	st := newFake()
	st.ties = []model.TieRow{collab(1, "p-one", "collab-1")}
	st.bySectors = []string{"p-sector", "p-one"}
	got, err := service(st).Translators(context.Background(), members(), query(DefaultMatches))
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]*model.TranslatorMatch{}
	for _, m := range got {
		if found[m.Person.ID] != nil {
			t.Errorf("%s listed twice", m.Person.ID)
		}
		found[m.Person.ID] = m
	}
	if len(found) != 2 || found["p-sector"] == nil || found["p-one"] == nil {
		t.Fatalf("matches %v, want p-one (tied) and p-sector (sector experience only)", slices.Sorted(maps.Keys(found)))
	}
	for _, e := range found["p-sector"].Evidence {
		if e.Kind != "SECTOR" {
			t.Errorf("p-sector has no ties, but evidence of kind %s", e.Kind)
		}
	}
}

func TestTranslatorsRanksAndLimits(t *testing.T) {
	st := newFake()
	st.ties = []model.TieRow{
		collab(0, "p-both", "collab-1"), collab(1, "p-both", "collab-1"),
		collab(1, "p-one", "collab-1"),
		collab(0, "p-insider", "collab-2"), collab(1, "p-insider", "collab-2"),
	}
	st.bySectors = []string{"p-sector"}
	svc := service(st)
	all, err := svc.Translators(context.Background(), members(), query(MaxMatches))
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 4 {
		t.Fatalf("%d matches (%v), want 4", len(all), ids(all))
	}
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		if a.Score < b.Score || (a.Score == b.Score && a.Person.ID > b.Person.ID) {
			t.Errorf("%s (%v) ranked before %s (%v): want best score first, then by id", a.Person.ID, a.Score, b.Person.ID, b.Score)
		}
	}
	top, err := svc.Translators(context.Background(), members(), query(2))
	if err != nil {
		t.Fatal(err)
	}
	if want := ids(all)[:2]; !slices.Equal(ids(top), want) {
		t.Errorf("limit 2: %v, want the first two of the full list %v", ids(top), want)
	}
	q := query(MaxMatches)
	q.MinScore = all[1].Score
	above, err := svc.Translators(context.Background(), members(), q)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range above {
		if m.Score < q.MinScore {
			t.Errorf("minScore %v let %s through with %v", q.MinScore, m.Person.ID, m.Score)
		}
	}
	if len(above) < 2 {
		t.Errorf("minScore %v kept %v, want at least the first two", q.MinScore, ids(above))
	}
}

func TestTranslatorsDropsPeopleErasedMeanwhile(t *testing.T) {
	st := newFake()
	st.ties = []model.TieRow{collab(0, "p-both", "collab-1"), collab(1, "p-both", "collab-1"), collab(1, "p-one", "collab-1")}
	st.erased = []string{"p-both"}
	got, err := service(st).Translators(context.Background(), members(), query(DefaultMatches))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"p-one"}; !slices.Equal(ids(got), want) {
		t.Errorf("matches %v, want %v", ids(got), want)
	}
}

func TestTranslatorsSearchesInTheViewersScope(t *testing.T) {
	st := newFake()
	q := query(DefaultMatches)
	q.Language, q.Region = "fi", " Pirkanmaa "
	if _, err := service(st).Translators(context.Background(), members(), q); err != nil {
		t.Fatal(err)
	}
	if len(st.filters) == 0 {
		t.Fatal("the store was never asked")
	}
	for _, f := range st.filters {
		// Only who may be seen: contact reach plays no part in the search.
		want := model.CandidateFilter{Scope: model.PersonScope{Visibilities: members().Visibilities, SelfID: "p-me"},
			Language: "fi", Region: "Pirkanmaa"}
		if !slices.Equal(f.Scope.Visibilities, want.Scope.Visibilities) || f.Scope.SelfID != want.Scope.SelfID ||
			f.Scope.Contacts != want.Scope.Contacts || f.Language != want.Language || f.Region != want.Region {
			t.Errorf("store asked with %+v, want %+v", f, want)
		}
	}
}

func TestTranslatorsChecksTheQuery(t *testing.T) {
	svc := service(newFake())
	for name, tc := range map[string]struct {
		q    Query
		kind error
	}{
		"limit 0":          {Query{Between: []string{city.ID, assoc.ID}}, errs.ErrInvalidInput},
		"limit too high":   {query(MaxMatches + 1), errs.ErrInvalidInput},
		"minScore above 1": {Query{Between: []string{city.ID, assoc.ID}, Limit: 1, MinScore: 1.5}, errs.ErrInvalidInput},
		"one organisation": {Query{Between: []string{city.ID}, Limit: 1}, errs.ErrInvalidInput},
		"the same twice":   {Query{Between: []string{city.ID, city.ID}, Limit: 1}, errs.ErrInvalidInput},
		"unknown":          {Query{Between: []string{city.ID, "org-nope"}, Limit: 1}, errs.ErrNotFound},
	} {
		if _, err := svc.Translators(context.Background(), members(), tc.q); !errors.Is(err, tc.kind) {
			t.Errorf("%s: err %v, want %v", name, err, tc.kind)
		}
	}
}

func TestTranslatorsBetweenSectors(t *testing.T) {
	st := newFake()
	st.bySectors = []string{"p-sector", "p-one", "p-both"}
	svc := service(st)
	got, err := svc.TranslatorsBetweenSectors(context.Background(), members(),
		Query{Sectors: []model.Sector{model.SectorPublic, model.SectorThird}, Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || slices.Contains(ids(got), "p-one") {
		t.Errorf("matches %v, want the two with experience in both sectors", ids(got))
	}
	for _, m := range got {
		if m.Insider {
			t.Errorf("%s is an insider, but there are no organisations", m.Person.ID)
		}
	}
	if _, err := svc.TranslatorsBetweenSectors(context.Background(), members(),
		Query{Sectors: []model.Sector{model.SectorPublic}, Limit: 2}); !errors.Is(err, errs.ErrInvalidInput) {
		t.Errorf("one sector: err %v, want invalid", err)
	}
}

func (f *fakeStore) TiesFromAnchor(_ context.Context, _ string, _ []string, cf model.CandidateFilter, maxOrg int) ([]model.OrgTieRow, error) {
	f.filters, f.maxOrg = append(f.filters, cf), append(f.maxOrg, maxOrg)
	return f.anchorTies, nil
}

// coworker is a co-worker tie of person to the organisation of side:
// they overlapped at a small organisation with a colleague who is there now.
func coworker(side int, person string) model.TieRow {
	end := date(2019, time.June)
	return model.TieRow{Side: side, PersonID: person, Kind: string(TieCoworker), Start: date(2015, time.January), End: &end,
		ThroughOrgID: "org-small", ThroughOrgName: "Small", ThroughExperienceID: person + "-small",
		ColleagueID: "p-colleague", ColleagueName: "Colleague", ColleagueThroughExpID: "colleague-small", ColleagueCurrentExpID: "colleague-now"}
}

// TestPairTranslatorsUseCoworkerTies: the translators of a pair of
// organisations (unusual pairings, PairTranslators) count co-worker ties
// as Translators does: someone tied to a side only as a co-worker is
// found, with the same score and the co-worker evidence. Before, they were
// not looked for, and such a pair had no translator. A call's publisher
// with its candidates (AnchoredTranslators) scores the ties it reads
// alike, but asks for no co-worker ties (anchoredCoworkerMaxOrgSize).
func TestPairTranslatorsUseCoworkerTies(t *testing.T) {
	cases := []struct {
		name string
		ties []model.TieRow
	}{
		{"a stint and a co-worker", []model.TieRow{stint(0, "p-both", date(2012, time.January), datePtr(2018, time.June)), coworker(1, "p-both")}},
		{"a collaboration and a co-worker", []model.TieRow{collab(0, "p-both", "collab-1"), coworker(1, "p-both")}},
		{"co-workers on both sides", []model.TieRow{coworker(0, "p-both"), coworker(1, "p-both")}},
	}
	sideOrg := [2]*model.Organisation{city, assoc}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := newFake()
			st.ties = c.ties
			for _, r := range c.ties {
				st.severalTies = append(st.severalTies, model.OrgTieRow{OrganisationID: sideOrg[r.Side].ID, TieRow: r})
			}
			st.anchorTies = st.severalTies
			svc := service(st)
			ctx := context.Background()
			single, err := svc.Translators(ctx, members(), query(DefaultMatches))
			if err != nil {
				t.Fatal(err)
			}
			pairs, err := svc.PairTranslators(ctx, members(), [][2]*model.Organisation{{city, assoc}}, DefaultMatches)
			if err != nil {
				t.Fatal(err)
			}
			anchored, err := svc.AnchoredTranslators(ctx, members(), city, []*model.Organisation{assoc}, DefaultMatches)
			if err != nil {
				t.Fatal(err)
			}
			if len(single) != 1 || len(pairs) != 1 || len(pairs[0]) != 1 || len(anchored) != 1 || len(anchored[0]) != 1 {
				t.Fatalf("matches: Translators %v, PairTranslators %v, AnchoredTranslators %v; want p-both in each", ids(single), pairs, anchored)
			}
			for name, m := range map[string]*model.TranslatorMatch{"PairTranslators": pairs[0][0], "AnchoredTranslators": anchored[0][0]} {
				if m.Person.ID != "p-both" || math.Abs(m.Score-single[0].Score) > 1e-12 {
					t.Errorf("%s: %s scores %v, Translators gives %s %v", name, m.Person.ID, m.Score, single[0].Person.ID, single[0].Score)
				}
				kinds := map[string]bool{}
				for _, e := range m.Evidence {
					kinds[string(e.Kind)] = true
				}
				if !kinds[string(TieCoworker)] {
					t.Errorf("%s: evidence %v has no co-worker tie", name, kinds)
				}
			}
			// TranslatorTies, TiesToSeveral, then TiesFromAnchor.
			if want := []int{CoworkerMaxOrgSize, CoworkerMaxOrgSize, anchoredCoworkerMaxOrgSize}; !slices.Equal(st.maxOrg, want) {
				t.Errorf("the tie reads were asked for co-workers through organisations of %v, want %v", st.maxOrg, want)
			}
		})
	}
}
