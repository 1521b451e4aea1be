package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/storetest"
)

// TestSectorCandidateScoresKeptWhileNothingCommits: a sector-only read is
// reused only by a caller that has seen the same database Version it was
// read after, and only for the same filter; any commit changes the Version.
func TestSectorCandidateScoresKeptWhileNothingCommits(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	region := storetest.ID("Versio")
	filter := model.CandidateFilter{Scope: model.PersonScope{Visibilities: model.AllVisibilities}, Region: region}
	orgs := [2]string{newOrgIn(t, st, model.SectorPrivate), newOrgIn(t, st, model.SectorAcademia)}
	addPerson := func() string {
		p := newBridgePerson(t, st, region)
		for i, org := range orgs {
			if _, err := st.AddExperience(ctx, model.Experience{PersonID: p, OrganisationID: org, Kind: model.ExperienceEmployment,
				StartDate: model.Date{Year: 2000 + i, Month: 1, Day: 1}}); err != nil {
				t.Fatal(err)
			}
		}
		return p
	}
	version := func() model.Version {
		t.Helper()
		_, v, err := st.OrganisationsByIDVersion(ctx, orgs[:])
		if err != nil {
			t.Fatal(err)
		}
		if v == "" {
			t.Fatal("Neo4j returned no bookmark for a read")
		}
		return v
	}
	// read returns the candidates' ids and whether a statement ran.
	read := func(f model.CandidateFilter, seen model.Version) ([]string, bool) {
		t.Helper()
		before := st.QueryCount()
		got, err := st.SectorCandidateScores(ctx, model.SectorPrivate, model.SectorAcademia, f, 10, seen)
		if err != nil {
			t.Fatal(err)
		}
		ids := make([]string, 0, len(got))
		for id := range got {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		return ids, st.QueryCount() > before
	}

	first := addPerson()
	v1 := version()
	for _, c := range []struct {
		step     string
		filter   model.CandidateFilter
		seen     model.Version
		want     []string
		wantRead bool
	}{
		{"first read", filter, v1, []string{first}, true},
		{"same version", filter, v1, []string{first}, false},
		{"another filter", model.CandidateFilter{Scope: filter.Scope, Region: region, Language: "sv"}, v1, []string{}, true},
		{"no version", filter, "", []string{first}, true},
		{"same version after a read without one", filter, v1, []string{first}, false},
	} {
		got, ran := read(c.filter, c.seen)
		if !slices.Equal(got, c.want) || ran != c.wantRead {
			t.Errorf("%s: %v (read: %v), want %v (read: %v)", c.step, got, ran, c.want, c.wantRead)
		}
	}

	second := addPerson()
	v2 := version()
	if v2 == v1 {
		t.Fatal("the model.Version did not change with a commit")
	}
	want := []string{first, second}
	slices.Sort(want)
	if got, ran := read(filter, v2); !slices.Equal(got, want) || !ran {
		t.Errorf("after a commit: %v (read: %v), want %v read again", got, ran, want)
	}
	if got, ran := read(filter, v2); !slices.Equal(got, want) || ran {
		t.Errorf("then again: %v (read: %v), want %v kept", got, ran, want)
	}
}
