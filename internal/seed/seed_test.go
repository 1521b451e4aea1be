package seed_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/tulkki/tulkki/internal/seed"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/storetest"
)

// snapshot reads back, through the store, everything the seed wrote.
type snapshot struct {
	People        any
	Experiences   any
	Expertise     any
	Organisations any
	OrgTopics     any
	Collabs       any
	Partners      any
	Contributors  any
	History       any
	CollabTopics  any
}

func take(t *testing.T, st *store.Store, ds *seed.Dataset) (snapshot, map[string]int) {
	t.Helper()
	ctx := context.Background()
	var people, orgs, collabs []string
	for _, p := range ds.People {
		people = append(people, p.ID)
	}
	for _, o := range ds.Organisations {
		orgs = append(orgs, o.ID)
	}
	for _, c := range ds.Collaborations {
		collabs = append(collabs, c.ID)
	}
	var s snapshot
	must := func(v any, err error) any {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	s.People = must(st.PeopleByID(ctx, people))
	s.Experiences = must(st.ExperiencesByPerson(ctx, people))
	s.Expertise = must(st.TopicsOf(ctx, "Person", people))
	s.Organisations = must(st.OrganisationsByID(ctx, orgs))
	s.OrgTopics = must(st.TopicsOf(ctx, "Organisation", orgs))
	s.Collabs = must(st.CollaborationsByID(ctx, collabs))
	s.Partners = must(st.PartnersByCollaboration(ctx, collabs))
	s.Contributors = must(st.ContributorsByCollaboration(ctx, collabs))
	s.History = must(st.PhaseHistoryByCollaboration(ctx, collabs))
	s.CollabTopics = must(st.TopicsOf(ctx, "Collaboration", collabs))

	counts := map[string]int{
		"people":         reflect.ValueOf(s.People).Len(),
		"organisations":  reflect.ValueOf(s.Organisations).Len(),
		"collaborations": reflect.ValueOf(s.Collabs).Len(),
	}
	exps := 0
	iter := reflect.ValueOf(s.Experiences).MapRange()
	for iter.Next() {
		exps += iter.Value().Len()
	}
	counts["experiences"] = exps
	return s, counts
}

func TestSeedLoadsEverythingAndIsIdempotent(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	ds, err := seed.Load()
	if err != nil {
		t.Fatal(err)
	}
	var progressCalls int
	want, err := seed.Seed(ctx, st, func(string, int, int) { progressCalls++ })
	if err != nil {
		t.Fatalf("first seed: %v", err)
	}
	if progressCalls == 0 {
		t.Error("seed reported no progress")
	}
	first, counts := take(t, st, ds)
	for kind, n := range map[string]int{"people": want.People, "organisations": want.Organisations,
		"collaborations": want.Collaborations, "experiences": want.Experiences} {
		if counts[kind] != n {
			t.Errorf("%s in graph = %d, dataset has %d", kind, counts[kind], n)
		}
	}

	if _, err := seed.Seed(ctx, st, nil); err != nil {
		t.Fatalf("second seed: %v", err)
	}
	second, _ := take(t, st, ds)
	v1, v2 := reflect.ValueOf(first), reflect.ValueOf(second)
	for i := range v1.NumField() {
		if !reflect.DeepEqual(v1.Field(i).Interface(), v2.Field(i).Interface()) {
			t.Errorf("seeding twice changed %s", v1.Type().Field(i).Name)
		}
	}
}
