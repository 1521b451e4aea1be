package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/storetest"
)

type pairingFixture struct {
	topic                         *model.Topic
	public, third, private        *model.Organisation
	open, private_, closed, later string // people
	collab, undated               string
}

func newPairingFixture(t *testing.T, st *store.Store) pairingFixture {
	t.Helper()
	ctx := context.Background()
	var f pairingFixture
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	f.topic, err = st.CreateTopic(ctx, model.Topic{Name: storetest.ID("topic yksinäisyys")})
	must(err)
	org := func(sector model.Sector, kind model.OrganisationKind, topics []string) *model.Organisation {
		o, err := st.CreateOrganisation(ctx, model.Organisation{Name: storetest.ID("org"), Kind: kind, Sector: sector}, topics)
		must(err)
		return o
	}
	f.public = org(model.SectorPublic, model.KindMunicipality, []string{f.topic.ID})
	f.third = org(model.SectorThird, model.KindAssociation, []string{f.topic.ID})
	f.private = org(model.SectorPrivate, model.KindCompany, nil)
	person := func(vis model.Visibility, open bool) string {
		p, err := st.CreatePerson(ctx, model.Person{Name: storetest.ID("person"), Visibility: vis, OpenToBridging: open}, nil)
		must(err)
		return p.ID
	}
	stint := func(person string, org *model.Organisation, start string) {
		_, err := st.AddExperience(ctx, model.Experience{PersonID: person, OrganisationID: org.ID, Kind: model.ExperienceEmployment,
			StartDate: day(start)})
		must(err)
	}
	f.open, f.private_, f.closed = person(model.VisibilityPublic, true), person(model.VisibilityPrivate, true), person(model.VisibilityPublic, false)
	for _, p := range []string{f.open, f.private_, f.closed} {
		stint(p, f.public, "2018-01-01")
		stint(p, f.third, "2020-01-01")
	}
	start := day("2020-05-01")
	c, err := st.CreateCollaboration(ctx, model.Collaboration{Title: storetest.ID("collab"), Form: model.FormProject, Phase: model.PhaseLaunched,
		StartDate: &start}, []string{f.topic.ID},
		[]model.Partnership{{OrganisationID: f.public.ID, Role: model.PartnerLead}, {OrganisationID: f.private.ID, Role: model.PartnerPartner}},
		[]model.Contribution{{PersonID: f.open, Role: model.ContributorExpert}}, "")
	must(err)
	f.collab = c.ID
	u, err := st.CreateCollaboration(ctx, model.Collaboration{Title: storetest.ID("undated"), Form: model.FormProject, Phase: model.PhaseNeedIdentified},
		nil, []model.Partnership{{OrganisationID: f.third.ID, Role: model.PartnerLead}}, nil, "")
	must(err)
	f.undated = u.ID
	return f
}

func day(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestLoadCollaborationNetwork(t *testing.T) {
	st := storetest.Open(t)
	f := newPairingFixture(t, st)
	net, err := st.LoadCollaborationNetwork(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	orgs := map[string]store.NetworkOrganisation{}
	for _, o := range net.Organisations {
		orgs[o.ID] = o
	}
	if o := orgs[f.public.ID]; o.Sector != model.SectorPublic || o.Name != f.public.Name || !slices.Equal(o.TopicIDs, []string{f.topic.ID}) {
		t.Errorf("public organisation = %+v", o)
	}
	if o := orgs[f.private.ID]; o.Sector != model.SectorPrivate || len(o.TopicIDs) != 0 {
		t.Errorf("private organisation = %+v", o)
	}
	collabs := map[string]store.NetworkCollaboration{}
	for _, c := range net.Collaborations {
		collabs[c.ID] = c
	}
	c := collabs[f.collab]
	slices.Sort(c.PartnerIDs)
	want := []string{f.public.ID, f.private.ID}
	slices.Sort(want)
	if c.Start != day("2020-05-01") || !slices.Equal(c.PartnerIDs, want) {
		t.Errorf("collaboration = %+v, want start 2020-05-01 and partners %v", c, want)
	}
	// Without a start date, the day it was recorded.
	if u := collabs[f.undated]; u.Start.Year < 2025 || !slices.Equal(u.PartnerIDs, []string{f.third.ID}) {
		t.Errorf("undated collaboration = %+v", u)
	}
	if net.Topics[f.topic.ID] == nil || net.Topics[f.topic.ID].Name != f.topic.Name {
		t.Errorf("topic %s missing from %d topics", f.topic.ID, len(net.Topics))
	}
}

func TestPairTranslatorTies(t *testing.T) {
	st := storetest.Open(t)
	f := newPairingFixture(t, st)
	pairs := [][2]string{{f.public.ID, f.third.ID}, {f.public.ID, f.private.ID}, {f.third.ID, f.private.ID}}
	type key struct {
		pair, side   int
		person, kind string
	}
	run := func(vis []model.Visibility) map[key]int {
		rows, err := st.PairTranslatorTies(context.Background(), pairs, store.CandidateFilter{Scope: model.PersonScope{Visibilities: vis}})
		if err != nil {
			t.Fatal(err)
		}
		got := map[key]int{}
		for _, r := range rows {
			got[key{r.Pair, r.Side, r.PersonID, r.Kind}]++
		}
		return got
	}
	// Public callers: only the open, public person, tied to the public
	// organisation by a stint and a collaboration, to the third-sector one by
	// a stint and to the private one by the collaboration.
	want := map[key]int{
		{0, 0, f.open, "STINT"}: 1, {0, 0, f.open, "COLLABORATION"}: 1, {0, 1, f.open, "STINT"}: 1,
		{1, 0, f.open, "STINT"}: 1, {1, 0, f.open, "COLLABORATION"}: 1, {1, 1, f.open, "COLLABORATION"}: 1,
		{2, 0, f.open, "STINT"}: 1, {2, 1, f.open, "COLLABORATION"}: 1,
	}
	if got := run([]model.Visibility{model.VisibilityPublic}); !mapsEqual(got, want) {
		t.Errorf("public scope: got %v\nwant %v", got, want)
	}
	// Admins also see the private person, tied to both of pair 0 only (stints).
	want[key{0, 0, f.private_, "STINT"}] = 1
	want[key{0, 1, f.private_, "STINT"}] = 1
	all := []model.Visibility{model.VisibilityPublic, model.VisibilityMembers, model.VisibilityPrivate}
	if got := run(all); !mapsEqual(got, want) {
		t.Errorf("admin scope: got %v\nwant %v", got, want)
	}
}

func mapsEqual[K comparable, V comparable](a, b map[K]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
