package pairing

import (
	"context"
	"slices"
	"testing"

	"github.com/tulkki/tulkki/internal/model"
)

// The call-side methods of the fakes: the candidates are the pairing
// candidates (the publisher first); the network is the whole fake network.

func (f *fakeStore) CallCandidates(_ context.Context, publisherID string, _ []string, sectors []model.Sector, _ int) (*model.PairingCandidates, map[string]string, error) {
	c := f.cands
	c.Organisations = nil
	for i, o := range f.cands.Organisations {
		if i == 0 || len(sectors) == 0 || slices.Contains(sectors, o.Sector) {
			c.Organisations = append(c.Organisations, o)
		}
	}
	if len(c.Organisations) == 0 || c.Organisations[0].ID != publisherID {
		c.Organisations = nil
	}
	return &c, map[string]string{"uni": "Turku", "assoc": "Turku"}, nil
}

func (f *fakeStore) CollaborationNetwork(context.Context) ([]model.NetworkCollaboration, model.Version, error) {
	f.networkReads++
	return f.collabs, f.version, nil
}

func (f *fakeStore) CurrentVersion(context.Context) (model.Version, error) { return f.version, nil }

func (f *fakeTranslators) AnchoredTranslators(ctx context.Context, viewer model.PersonScope, anchor *model.Organisation, others []*model.Organisation, perPair int) ([][]*model.TranslatorMatch, error) {
	pairs := make([][2]*model.Organisation, len(others))
	for i, o := range others {
		pairs[i] = [2]*model.Organisation{anchor, o}
	}
	return f.PairTranslators(ctx, viewer, pairs, perPair)
}

func TestCallPartners(t *testing.T) {
	st, tr := newFake()
	st.version = "v1"
	svc := New(st, tr)
	q := CallQuery{PublisherID: "city", TopicIDs: []string{"t-youth"}, Region: "Turku", Limit: DefaultCallSuggestions}
	got, err := svc.CallPartners(context.Background(), viewer, q)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range got {
		ids = append(ids, s.OrganisationID)
	}
	// Interested in the call's topic: assoc, firm, uni, county; not the
	// foundation (elderly only) or the club. The county is in the city's
	// own sector: half the sector fit. The university: in the region, two
	// steps away, a good translator.
	if len(got) != 4 || ids[0] != "uni" || slices.Contains(ids, "foundation") || slices.Contains(ids, "club") {
		t.Fatalf("suggested %v", ids)
	}
	for _, s := range got {
		product := 1.0
		for _, c := range s.Breakdown {
			product *= c.Value
		}
		if d := product - s.Score; d > 1e-12 || d < -1e-12 || s.Explanation.IsZero() || len(s.SharedTopics) != 1 {
			t.Errorf("suggestion %+v", s)
		}
	}
	// Seeking the third sector only leaves the association.
	q.SectorsSought = []model.Sector{model.SectorThird}
	if got, _ := svc.CallPartners(context.Background(), viewer, q); len(got) != 1 || got[0].OrganisationID != "assoc" {
		t.Fatalf("third sector only: %+v", got)
	}
	// The network was read once for both calls; a write (a new Version)
	// makes the next call read it again.
	if st.networkReads != 1 {
		t.Fatalf("network read %d times for two calls at one version", st.networkReads)
	}
	st.version = "v2"
	if _, err := svc.CallPartners(context.Background(), viewer, q); err != nil || st.networkReads != 2 {
		t.Fatalf("after a write: %d reads, %v", st.networkReads, err)
	}
	q.Limit = MaxCallSuggestions + 1
	if _, err := svc.CallPartners(context.Background(), viewer, q); err == nil {
		t.Fatal("a limit above the maximum was accepted")
	}
}
