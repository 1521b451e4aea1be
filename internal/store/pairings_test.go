package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/internal/bridge"
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

func TestCollaborationComponent(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	f := newPairingFixture(t, st)
	// A second step: the private organisation with one more, in 2022.
	other, err := st.CreateOrganisation(ctx, model.Organisation{Name: storetest.ID("org"), Kind: model.KindUniversity, Sector: model.SectorAcademia}, nil)
	if err != nil {
		t.Fatal(err)
	}
	start := day("2022-02-02")
	next, err := st.CreateCollaboration(ctx, model.Collaboration{Title: storetest.ID("collab"), Form: model.FormProject, Phase: model.PhaseLaunched,
		StartDate: &start}, nil, []model.Partnership{{OrganisationID: f.private.ID, Role: model.PartnerLead}, {OrganisationID: other.ID, Role: model.PartnerPartner}}, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	byID := func(orgs, collabs []string) map[string]model.NetworkCollaboration {
		t.Helper()
		got, err := st.CollaborationComponent(ctx, orgs, collabs)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]model.NetworkCollaboration{}
		for _, c := range got {
			out[c.ID] = c
		}
		return out
	}
	// From the public organisation: its collaboration, then the private one's.
	got := byID([]string{f.public.ID}, nil)
	if len(got) != 2 || got[next.ID].ID == "" {
		t.Fatalf("component of public = %v, want its collaboration and the next", got)
	}
	c := got[f.collab]
	slices.SortFunc(c.Partners, func(a, b model.NetworkPartner) int { return strings.Compare(a.ID, b.ID) })
	want := []model.NetworkPartner{{ID: f.public.ID, Sector: model.SectorPublic}, {ID: f.private.ID, Sector: model.SectorPrivate}}
	slices.SortFunc(want, func(a, b model.NetworkPartner) int { return strings.Compare(a.ID, b.ID) })
	if c.Start != day("2020-05-01") || !slices.Equal(c.Partners, want) {
		t.Errorf("collaboration = %+v, want start 2020-05-01 and partners %v", c, want)
	}
	// From a collaboration: the same part; the third-sector organisation's
	// own collaboration is not connected to it.
	if got := byID(nil, []string{next.ID}); len(got) != 2 || got[f.collab].ID == "" {
		t.Errorf("component of the next collaboration = %v", got)
	}
	// Without a start date, the day it was recorded.
	got = byID([]string{f.third.ID}, nil)
	u := got[f.undated]
	if len(got) != 1 || u.Start.Year < 2025 || !slices.Equal(u.Partners, []model.NetworkPartner{{ID: f.third.ID, Sector: model.SectorThird}}) {
		t.Errorf("component of third = %+v", got)
	}
	if got := byID(nil, nil); len(got) != 0 {
		t.Errorf("no seeds gave %v", got)
	}
}

func TestCollaborationsBeganBetween(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	f := newPairingFixture(t, st)
	for _, tc := range []struct {
		from, to string
		want     bool
	}{{"2020-05-01", "2020-05-01", true}, {"2020-01-01", "2020-04-30", false}, {"2020-05-02", "2021-01-01", false}} {
		ids, err := st.CollaborationsBeganBetween(ctx, day(tc.from), day(tc.to))
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(ids, f.collab) != tc.want {
			t.Errorf("%s–%s: contains the 2020-05-01 collaboration = %v, want %v", tc.from, tc.to, !tc.want, tc.want)
		}
		if slices.Contains(ids, f.undated) {
			t.Errorf("%s–%s: the collaboration recorded today is listed", tc.from, tc.to)
		}
	}
}

func TestSectorCombinations(t *testing.T) {
	st := storetest.Open(t)
	newPairingFixture(t, st) // at least one PUBLIC–PRIVATE collaboration
	total, combos, err := st.SectorCombinations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if combos[[2]model.Sector{model.SectorPrivate, model.SectorPublic}] < 1 {
		t.Errorf("no PRIVATE–PUBLIC collaboration counted: %v", combos)
	}
	for k, n := range combos {
		if k[0] > k[1] || n < 1 || n > total {
			t.Errorf("combination %v counted %d of %d", k, n, total)
		}
	}
}

func TestFindPairingCandidates(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	f := newPairingFixture(t, st)
	ids := func(c *model.PairingCandidates) []string {
		var out []string
		for _, o := range c.Organisations {
			out = append(out, o.ID)
		}
		return out
	}
	// Around the public organisation: itself first, then the one sharing its topic.
	c, err := st.FindPairingCandidates(ctx, f.public.ID, "", nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(c); !slices.Equal(got, []string{f.public.ID, f.third.ID}) {
		t.Errorf("candidates around public = %v, want public, third", got)
	}
	if o := c.Organisations[1]; o.Sector != model.SectorThird || o.Name != f.third.Name || !slices.Equal(o.TopicIDs, []string{f.topic.ID}) {
		t.Errorf("third = %+v", o)
	}
	if c.TopicDegree[f.topic.ID] != 2 || c.Topics[f.topic.ID].Name != f.topic.Name {
		t.Errorf("topic %+v degree %d, want degree 2", c.Topics[f.topic.ID], c.TopicDegree[f.topic.ID])
	}
	// sectors leave out the others, not the organisation asked about.
	if c, err = st.FindPairingCandidates(ctx, f.public.ID, "", []model.Sector{model.SectorPrivate}, 10); err != nil {
		t.Fatal(err)
	}
	if got := ids(c); !slices.Equal(got, []string{f.public.ID}) {
		t.Errorf("private-only candidates around public = %v, want public alone", got)
	}
	// Around a topic; limited.
	if c, err = st.FindPairingCandidates(ctx, "", f.topic.ID, nil, 10); err != nil {
		t.Fatal(err)
	}
	want := []string{f.public.ID, f.third.ID}
	slices.Sort(want)
	if got := ids(c); !slices.Equal(got, want) {
		t.Errorf("candidates around the topic = %v, want %v", got, want)
	}
	if c, err = st.FindPairingCandidates(ctx, "", f.topic.ID, nil, 1); err != nil || len(c.Organisations) != 1 {
		t.Errorf("limit 1 gave %v (%v)", ids(c), err)
	}
	// An unknown organisation: nothing.
	if c, err = st.FindPairingCandidates(ctx, storetest.ID("nobody"), "", nil, 10); err != nil || len(c.Organisations) != 0 {
		t.Errorf("unknown organisation gave %v (%v)", ids(c), err)
	}
}

func TestTiesToSeveral(t *testing.T) {
	st := storetest.Open(t)
	f := newPairingFixture(t, st)
	type key struct{ org, person, kind string }
	run := func(orgs []string, vis []model.Visibility) map[key]int {
		rows, err := st.TiesToSeveral(context.Background(), orgs, model.CandidateFilter{Scope: model.PersonScope{Visibilities: vis}}, bridge.CoworkerMaxOrgSize)
		if err != nil {
			t.Fatal(err)
		}
		got := map[key]int{}
		for _, r := range rows {
			got[key{r.OrganisationID, r.PersonID, r.Kind}]++
		}
		return got
	}
	all := []string{f.public.ID, f.third.ID, f.private.ID}
	// Public callers: only the open, public person, tied to the public
	// organisation by a stint and a collaboration, to the third-sector one by
	// a stint and to the private one by the collaboration; and, as a
	// co-worker, to the public and the third-sector one (both small): the
	// closed person, who is at each now, overlapped with them at the other.
	want := map[key]int{
		{f.public.ID, f.open, "STINT"}: 1, {f.public.ID, f.open, "COLLABORATION"}: 1,
		{f.third.ID, f.open, "STINT"}: 1, {f.private.ID, f.open, "COLLABORATION"}: 1,
		{f.public.ID, f.open, "COWORKER"}: 1, {f.third.ID, f.open, "COWORKER"}: 1,
	}
	if got := run(all, []model.Visibility{model.VisibilityPublic}); !mapsEqual(got, want) {
		t.Errorf("public scope: got %v\nwant %v", got, want)
	}
	// Admins also see the private person, tied by stints to two of them.
	want[key{f.public.ID, f.private_, "STINT"}] = 1
	want[key{f.third.ID, f.private_, "STINT"}] = 1
	want[key{f.public.ID, f.private_, "COWORKER"}] = 1
	want[key{f.third.ID, f.private_, "COWORKER"}] = 1
	admin := []model.Visibility{model.VisibilityPublic, model.VisibilityMembers, model.VisibilityPrivate}
	if got := run(all, admin); !mapsEqual(got, want) {
		t.Errorf("admin scope: got %v\nwant %v", got, want)
	}
	// Someone tied to only one of the organisations is left out.
	want = map[key]int{
		{f.public.ID, f.open, "STINT"}: 1, {f.public.ID, f.open, "COLLABORATION"}: 1, {f.private.ID, f.open, "COLLABORATION"}: 1,
		{f.public.ID, f.open, "COWORKER"}: 1,
	}
	if got := run([]string{f.public.ID, f.private.ID}, admin); !mapsEqual(got, want) {
		t.Errorf("public and private: got %v\nwant %v", got, want)
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
