package pairing

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// fakeStore is the pairing port over a small network held in memory.
type fakeStore struct {
	cands   model.PairingCandidates
	collabs []model.NetworkCollaboration
	topics  map[string]*model.Topic
	// version and networkReads: for the partnership call's kept network.
	version      model.Version
	networkReads int
}

func (f *fakeStore) FindPairingCandidates(_ context.Context, forID, _ string, _ []model.Sector, _ int) (*model.PairingCandidates, error) {
	c := f.cands
	if forID != "" && (len(c.Organisations) == 0 || c.Organisations[0].ID != forID) {
		c.Organisations = nil // the store puts the organisation asked about first, or finds none
	}
	return &c, nil
}

func (f *fakeStore) CollaborationComponent(context.Context, []string, []string) ([]model.NetworkCollaboration, error) {
	return f.collabs, nil
}

func (f *fakeStore) CollaborationsBeganBetween(context.Context, model.Date, model.Date) ([]string, error) {
	return nil, nil
}

func (f *fakeStore) SectorCombinations(context.Context) (int, map[[2]model.Sector]int, error) {
	return len(f.collabs), map[[2]model.Sector]int{}, nil
}

func (f *fakeStore) TopicsByID(_ context.Context, ids []string) (map[string]*model.Topic, error) {
	out := map[string]*model.Topic{}
	for _, id := range ids {
		if t := f.topics[id]; t != nil {
			out[id] = t
		}
	}
	return out, nil
}

// fakeTranslators finds a translator of score score[a+"|"+b] for the pairs
// listed there, nobody for the others.
type fakeTranslators struct {
	score   map[string]float64
	viewers []model.PersonScope
	batches int
}

func (f *fakeTranslators) PairTranslators(_ context.Context, viewer model.PersonScope, pairs [][2]*model.Organisation, perPair int) ([][]*model.TranslatorMatch, error) {
	f.viewers = append(f.viewers, viewer)
	f.batches++
	out := make([][]*model.TranslatorMatch, len(pairs))
	for i, p := range pairs {
		s, ok := f.score[p[0].ID+"|"+p[1].ID]
		if !ok {
			s, ok = f.score[p[1].ID+"|"+p[0].ID]
		}
		if ok && perPair > 0 {
			out[i] = []*model.TranslatorMatch{{Person: &model.Person{ID: "tr-" + p[1].ID}, Score: s}}
		}
	}
	return out, nil
}

// The city (PUBLIC) is the organisation asked about. It collaborated with
// the association; the firm, the university and the foundation are two
// steps away through it; the county shares the city's sector; the club
// shares no topic.
func newFake() (*fakeStore, *fakeTranslators) {
	org := func(id string, s model.Sector, topics ...string) model.NetworkOrganisation {
		return model.NetworkOrganisation{ID: id, Name: id, Sector: s, TopicIDs: topics}
	}
	st := &fakeStore{
		cands: model.PairingCandidates{
			Organisations: []model.NetworkOrganisation{
				org("city", model.SectorPublic, "t-youth", "t-elderly"),
				org("assoc", model.SectorThird, "t-youth"),
				org("firm", model.SectorPrivate, "t-youth"),
				org("uni", model.SectorAcademia, "t-youth", "t-elderly"),
				org("foundation", model.SectorThird, "t-elderly"),
				org("county", model.SectorPublic, "t-youth"),
				org("club", model.SectorThird, "t-sports"),
			},
			Topics: map[string]*model.Topic{"t-youth": {ID: "t-youth", Name: "Youth"}, "t-elderly": {ID: "t-elderly", Name: "Elderly"},
				"t-sports": {ID: "t-sports", Name: "Sports"}},
			TopicDegree: map[string]int{"t-youth": 5, "t-elderly": 3, "t-sports": 1},
		},
		topics: map[string]*model.Topic{"t-youth": {ID: "t-youth", Name: "Youth"}},
	}
	partner := func(id string, s model.Sector) model.NetworkPartner { return model.NetworkPartner{ID: id, Sector: s} }
	st.collabs = []model.NetworkCollaboration{
		{ID: "c1", Start: day("2018-01-01"), Partners: []model.NetworkPartner{partner("city", model.SectorPublic), partner("assoc", model.SectorThird)}},
		{ID: "c2", Start: day("2019-01-01"), Partners: []model.NetworkPartner{partner("assoc", model.SectorThird), partner("firm", model.SectorPrivate)}},
		{ID: "c3", Start: day("2020-01-01"), Partners: []model.NetworkPartner{partner("assoc", model.SectorThird), partner("uni", model.SectorAcademia)}},
	}
	tr := &fakeTranslators{score: map[string]float64{
		"city|assoc": 0.9, "city|firm": 0.5, "city|uni": 0.8, "city|county": 0.9, "city|club": 0.9,
		// the foundation: nobody to introduce it
	}}
	return st, tr
}

func pairIDs(ps []*model.UnusualPairing) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.OrganisationIDs[0] + "|" + p.OrganisationIDs[1]
	}
	return out
}

var viewer = model.PersonScope{Visibilities: []model.Visibility{model.VisibilityPublic}}

func TestUnusualPairingsAroundAnOrganisation(t *testing.T) {
	st, tr := newFake()
	got, err := New(st, tr).UnusualPairings(context.Background(), viewer, PairingQuery{For: "city", Limit: DefaultSuggestions})
	if err != nil {
		t.Fatal(err)
	}
	// Not the association (they collaborated), the county (same sector),
	// the club (no shared topic) or the foundation (no translator).
	if want := []string{"city|firm", "city|uni"}; !slices.Equal(slices.Sorted(slices.Values(pairIDs(got))), want) {
		t.Fatalf("pairings %v, want %v", pairIDs(got), want)
	}
	for i := 1; i < len(got); i++ {
		if got[i-1].Score < got[i].Score {
			t.Errorf("%v ranked before %v with a lower score", pairIDs(got)[i-1], pairIDs(got)[i])
		}
	}
	for _, p := range got {
		if p.Distance == nil || *p.Distance != 2 || p.SharedPartners != 1 || len(p.Translators) != 1 || p.Explanation.IsZero() {
			t.Errorf("%v: distance %v, shared partners %d, translators %d, explanation %q; want 2 steps via the association, one translator, words",
				pairIDs([]*model.UnusualPairing{p}), p.Distance, p.SharedPartners, len(p.Translators), p.Explanation)
		}
		if p.Breakdown == nil || p.Score <= 0 || p.Score > 1 {
			t.Errorf("%v: score %v with breakdown %v", pairIDs([]*model.UnusualPairing{p}), p.Score, p.Breakdown)
		}
	}
	for _, v := range tr.viewers {
		if !slices.Equal(v.Visibilities, viewer.Visibilities) {
			t.Errorf("translators searched as %+v, want the caller's scope %+v", v, viewer)
		}
	}

	got, err = New(st, tr).UnusualPairings(context.Background(), viewer, PairingQuery{For: "city", Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Errorf("limit 1: %v", pairIDs(got))
	}

	got, err = New(st, tr).UnusualPairings(context.Background(), viewer, PairingQuery{For: "city", IncludeSameSector: true, Limit: DefaultSuggestions})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(pairIDs(got), "city|county") {
		t.Errorf("includeSameSector: %v, want the county too", pairIDs(got))
	}
}

func TestUnusualPairingsChecksTheQuery(t *testing.T) {
	st, tr := newFake()
	svc := New(st, tr)
	for name, tc := range map[string]struct {
		q    PairingQuery
		kind error
	}{
		"nothing to pair around": {PairingQuery{Limit: 1}, errs.ErrInvalidInput},
		"limit 0":                {PairingQuery{For: "city"}, errs.ErrInvalidInput},
		"limit too high":         {PairingQuery{For: "city", Limit: MaxSuggestions + 1}, errs.ErrInvalidInput},
		"unknown organisation":   {PairingQuery{For: "nope", Limit: 1}, errs.ErrNotFound},
		"unknown topic":          {PairingQuery{For: "city", Topic: "t-nope", Limit: 1}, errs.ErrNotFound},
		"own sector left out":    {PairingQuery{For: "city", Sectors: []model.Sector{model.SectorThird}, Limit: 1}, errs.ErrInvalidInput},
	} {
		if _, err := svc.UnusualPairings(context.Background(), viewer, tc.q); !errors.Is(err, tc.kind) {
			t.Errorf("%s: err %v, want %v", name, err, tc.kind)
		}
	}
	if tr.batches != 0 {
		t.Errorf("translators searched %d times for queries that fail", tr.batches)
	}
}
