package collaboration

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/internal/bridge"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// gapsStore is the one read NextSteps makes, over fixed gaps; the rest of
// the port is not used (nil: a call would panic).
type gapsStore struct {
	Store
	gaps *model.SectorGaps
}

func (g gapsStore) CollaborationSectorGaps(context.Context, string, []model.Sector, int) (*model.SectorGaps, error) {
	return g.gaps, nil
}

// sectorBridge finds, between two sectors, the people listed for that
// pair with their scores.
type sectorBridge struct {
	found map[[2]model.Sector]map[string]float64
	asked []bridge.Query
}

func (b *sectorBridge) TranslatorsBetweenSectors(_ context.Context, _ model.PersonScope, q bridge.Query) ([]*model.TranslatorMatch, error) {
	b.asked = append(b.asked, q)
	var out []*model.TranslatorMatch
	for id, score := range b.found[[2]model.Sector{q.Sectors[0], q.Sectors[1]}] {
		out = append(out, &model.TranslatorMatch{Person: &model.Person{ID: id}, Score: score})
	}
	return out, nil
}

func TestNextStepsMergesTranslatorsOfEverySectorPresent(t *testing.T) {
	st := gapsStore{gaps: &model.SectorGaps{Topics: 2, Present: []model.Sector{model.SectorPublic, model.SectorThird},
		Missing: []model.SectorGap{{Sector: model.SectorPrivate, Candidates: []*model.PartnerCandidate{
			{OrganisationID: "org-firm", SharedTopics: []*model.Topic{{ID: "t", Name: "Youth"}}}}}}}}
	br := &sectorBridge{found: map[[2]model.Sector]map[string]float64{
		{model.SectorPublic, model.SectorPrivate}: {"p-a": 0.4, "p-b": 0.7, "p-c": 0.2},
		{model.SectorThird, model.SectorPrivate}:  {"p-a": 0.6, "p-d": 0.5},
	}}
	svc := New(st, br, nil)
	c := &model.Collaboration{ID: "collab", Phase: model.PhaseNeedIdentified}
	q := NextStepsQuery{Items: 3, Translators: bridge.Query{Language: "fi", MinScore: 0.1}}
	steps, err := svc.NextSteps(context.Background(), model.PersonScope{}, c, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) != 1 || steps[0].Sector != model.SectorPrivate {
		t.Fatalf("steps %+v, want one for PRIVATE", steps)
	}
	var got []string
	for _, tr := range steps[0].Translators {
		got = append(got, string(tr.FromSector)+":"+tr.Match.Person.ID)
	}
	// p-a counts once, with their better match (from THIRD); at most 3.
	if want := []string{"PUBLIC:p-b", "THIRD:p-a", "THIRD:p-d"}; !slices.Equal(got, want) {
		t.Errorf("translators %v, want %v", got, want)
	}
	for _, a := range br.asked {
		if a.Limit != 3 || a.Language != "fi" || a.MinScore != 0.1 || a.Sectors[1] != model.SectorPrivate {
			t.Errorf("bridge asked %+v, want the filter, 3 matches, towards PRIVATE", a)
		}
	}
	if e := steps[0].Explanation.String(); !strings.Contains(e, "1 PRIVATE organisation") || !strings.Contains(e, "3 people") {
		t.Errorf("explanation %q", e)
	}

	c.Phase = model.PhaseLaunched
	if steps, err := svc.NextSteps(context.Background(), model.PersonScope{}, c, q); err != nil || len(steps) != 0 {
		t.Errorf("a launched collaboration: steps %v, err %v; want none", steps, err)
	}
	q.Items = MaxNextStepItems + 1
	if _, err := svc.NextSteps(context.Background(), model.PersonScope{}, c, q); !errors.Is(err, errs.ErrInvalidInput) {
		t.Errorf("too many items: err %v, want invalid input", err)
	}
}
