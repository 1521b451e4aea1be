package bridge

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

func TestTranslatorsToRanksTheOrganisationsPeopleBySectorPair(t *testing.T) {
	st := newFake()
	st.atOrg = map[string][]string{"org-city/THIRD": {"p-one", "p-both", "p-sector"}}
	q := Query{Sectors: []model.Sector{model.SectorThird}, Limit: 2}
	got, err := service(st).TranslatorsTo(context.Background(), members(), city.ID, q)
	if err != nil {
		t.Fatal(err)
	}
	// p-both and p-sector have years in both PUBLIC (the city's sector)
	// and THIRD; p-one only in THIRD, so scores lower and is cut by the limit.
	if want := []string{"p-both", "p-sector"}; !slices.Equal(ids(got), want) {
		t.Fatalf("translatorsTo = %v, want %v", ids(got), want)
	}
	if !slices.Equal(st.asked, []string{"org-city/THIRD"}) || st.filters[0].Scope.SelfID != "p-me" {
		t.Fatalf("asked %v with %+v", st.asked, st.filters)
	}
	for _, m := range got {
		if len(m.Evidence) == 0 {
			t.Errorf("%s has no evidence", m.Person.ID)
		}
	}
}

func TestTranslatorsToRefuses(t *testing.T) {
	for name, tc := range map[string]struct {
		org  string
		q    Query
		want error
	}{
		"unknown sector":       {city.ID, Query{Sectors: []model.Sector{"FOURTH"}, Limit: 3}, errs.ErrInvalidInput},
		"no sector":            {city.ID, Query{Limit: 3}, errs.ErrInvalidInput},
		"first out of range":   {city.ID, Query{Sectors: []model.Sector{model.SectorThird}, Limit: 0}, errs.ErrInvalidInput},
		"unknown organisation": {"org-nope", Query{Sectors: []model.Sector{model.SectorThird}, Limit: 3}, errs.ErrNotFound},
	} {
		st := newFake()
		if _, err := service(st).TranslatorsTo(context.Background(), members(), tc.org, tc.q); !errors.Is(err, tc.want) {
			t.Errorf("%s: err %v, want %v", name, err, tc.want)
		}
		if len(st.asked) != 0 {
			t.Errorf("%s: the store was searched", name)
		}
	}
}
