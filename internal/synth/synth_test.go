package synth

import (
	"crypto/sha256"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/seed"
	"github.com/tulkki/tulkki/internal/store"
)

const testPeople = 2000

var (
	testOnce  sync.Once
	testSet   store.ImportSet
	testStats *Stats
	testErr   error
)

// generated is the N=2000, seed 1 set, made once for all tests.
func generated(t *testing.T) (store.ImportSet, *Stats) {
	t.Helper()
	testOnce.Do(func() { testSet, testStats, testErr = Generate(Config{People: testPeople, Seed: 1}) })
	if testErr != nil {
		t.Fatal(testErr)
	}
	return testSet, testStats
}

func digest(t *testing.T, set store.ImportSet) [32]byte {
	t.Helper()
	raw, err := json.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(raw)
}

func TestConfigLimits(t *testing.T) {
	for _, n := range []int{0, -1, MaxPeople + 1} {
		if _, err := New(Config{People: n}); err == nil {
			t.Errorf("New(People: %d) succeeded", n)
		}
	}
	if p := PlanFor(Config{People: 1}); p.Organisations != MinOrganisations || p.Collaborations != 1 {
		t.Errorf("plan for one person: %+v", p)
	}
	if _, _, err := Generate(Config{People: 1, Seed: 3}); err != nil {
		t.Errorf("one person: %v", err)
	}
}

func TestDeterministic(t *testing.T) {
	set, _ := generated(t)
	again, _, err := Generate(Config{People: testPeople, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if digest(t, set) != digest(t, again) {
		t.Fatal("two runs with the same config differ")
	}
	other, _, err := Generate(Config{People: testPeople, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	if digest(t, set) == digest(t, other) {
		t.Fatal("seeds 1 and 2 gave the same records")
	}
	// Chunk sizes do not matter.
	g, err := New(Config{People: testPeople, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	chunked := store.ImportSet{Topics: g.Topics(), Organisations: g.Organisations()}
	for c := g.NextPeople(7); c != nil; c = g.NextPeople(7) {
		chunked.People = append(chunked.People, c...)
	}
	for c := g.NextCollaborations(3); c != nil; c = g.NextCollaborations(3) {
		chunked.Collaborations = append(chunked.Collaborations, c...)
	}
	if digest(t, set) != digest(t, chunked) {
		t.Fatal("generating in chunks of 7 people and 3 collaborations changed the records")
	}
}

func TestCounts(t *testing.T) {
	set, st := generated(t)
	plan := PlanFor(Config{People: testPeople})
	if len(set.Topics) != plan.Topics || len(set.Organisations) != plan.Organisations ||
		len(set.People) != plan.People || len(set.Collaborations) != plan.Collaborations {
		t.Fatalf("got %d topics, %d organisations, %d people, %d collaborations; plan %+v",
			len(set.Topics), len(set.Organisations), len(set.People), len(set.Collaborations), plan)
	}
	if plan.Topics < 35 || plan.Topics > 45 || plan.Organisations != 50 || plan.Collaborations != 100 {
		t.Errorf("plan %+v", plan)
	}
	exps := 0
	for _, p := range set.People {
		exps += len(p.Experiences)
	}
	if st.People != len(set.People) || st.Experiences != exps || st.Collaborations != len(set.Collaborations) {
		t.Errorf("stats %d people %d experiences %d collaborations disagree with the records", st.People, st.Experiences, st.Collaborations)
	}
}

// TestDomainRules runs every record through the API's rules and checks
// the references between records and the uniqueness of ids and names.
func TestDomainRules(t *testing.T) {
	set, _ := generated(t)
	fail := 0
	check := func(err error) {
		if err != nil && fail < 20 {
			t.Error(err)
			fail++
		}
	}
	ids := map[string]bool{}
	unique := func(id string) {
		if ids[id] {
			check(&dupError{id})
		}
		ids[id] = true
	}
	demo, err := seed.Load()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, o := range demo.Organisations {
		names["org:"+nameKey(o.Name)] = o.ID
	}
	for _, tp := range demo.Topics {
		names["topic:"+nameKey(tp.Name)] = tp.ID
	}
	name := func(kind, n, id string) {
		if other, ok := names[kind+":"+nameKey(n)]; ok {
			t.Errorf("%s name %q of %s is taken by %s", kind, n, id, other)
		}
		names[kind+":"+nameKey(n)] = id
	}

	topics := map[string]bool{}
	for _, tp := range set.Topics {
		unique(tp.ID)
		check(checkID(tp.ID, "topic-"))
		name("topic", tp.Name, tp.ID)
		if tp.NameFi == "" || tp.NameSv == "" || tp.Description == "" {
			t.Errorf("topic %s lacks a Finnish or Swedish name or a description", tp.ID)
		}
		topics[tp.ID] = true
	}
	orgs := map[string]model.Organisation{}
	orgTopics := map[string][]string{}
	for _, o := range set.Organisations {
		unique(o.Organisation.ID)
		check(CheckOrganisation(o))
		name("org", o.Organisation.Name, o.Organisation.ID)
		if !strings.HasSuffix(o.Organisation.Website, ".example") {
			t.Errorf("%s: website %s is not under .example", o.Organisation.ID, o.Organisation.Website)
		}
		if n := len(o.TopicIDs); n < 2 || n > 4 {
			t.Errorf("%s: %d topics", o.Organisation.ID, n)
		}
		for _, tp := range o.TopicIDs {
			if !topics[tp] {
				t.Errorf("%s: unknown topic %s", o.Organisation.ID, tp)
			}
		}
		orgs[o.Organisation.ID] = o.Organisation
		orgTopics[o.Organisation.ID] = o.TopicIDs
	}
	stintsAt := map[string]map[string]bool{} // person → organisations
	for _, p := range set.People {
		unique(p.Person.ID)
		check(CheckPerson(p))
		stintsAt[p.Person.ID] = map[string]bool{}
		var worked []string
		for _, e := range p.Experiences {
			unique(e.ID)
			if !strings.HasPrefix(e.ID, "gen-exp-") {
				t.Errorf("experience id %s", e.ID)
			}
			o, ok := orgs[e.OrganisationID]
			if !ok {
				t.Errorf("%s: unknown organisation %s", e.ID, e.OrganisationID)
				continue
			}
			stintsAt[p.Person.ID][e.OrganisationID] = true
			worked = append(worked, orgTopics[e.OrganisationID]...)
			if e.Kind == model.ExperienceEducation && o.Kind != model.KindUniversity && o.Kind != model.KindUniversityAppliedScience {
				t.Errorf("%s: education at a %s", e.ID, o.Kind)
			}
			if e.Kind == model.ExperienceTrustPosition && o.Sector != model.SectorPublic {
				t.Errorf("%s: trust position in the %s sector", e.ID, o.Sector)
			}
			if e.EndDate == nil && e.Kind != model.ExperienceEmployment && e.Kind != model.ExperienceEducation {
				t.Errorf("%s: an ongoing %s; only the current job (or studies) may be ongoing", e.ID, e.Kind)
			}
		}
		if n := len(p.Experiences); n < 1 || n > maxStints {
			t.Errorf("%s: %d experiences", p.Person.ID, n)
		}
		first := p.Experiences[0].StartDate.Year
		if first < careerFirstYear || first > careerLastYear {
			t.Errorf("%s: career starts in %d", p.Person.ID, first)
		}
		if p.Experiences[0].Kind != model.ExperienceEducation {
			for _, e := range p.Experiences {
				if e.Kind == model.ExperienceEducation {
					t.Errorf("%s: education %s is not at the start of the career", p.Person.ID, e.ID)
				}
			}
		}
		if n := len(p.ExpertiseTopicIDs); n < 1 || n > 4 {
			t.Errorf("%s: %d expertise topics", p.Person.ID, n)
		}
		for _, tp := range p.ExpertiseTopicIDs {
			if !slices.Contains(worked, tp) {
				t.Errorf("%s: expertise %s is not a topic of any organisation they worked at", p.Person.ID, tp)
			}
		}
		checkJobsInSequence(t, p)
	}
	for _, c := range set.Collaborations {
		unique(c.Collaboration.ID)
		check(CheckCollaboration(c))
		if n := len(c.Partners); n < 2 || n > 5 {
			t.Errorf("%s: %d partners", c.Collaboration.ID, n)
		}
		if n := len(c.Contributors); n < 1 || n > 4 {
			t.Errorf("%s: %d contributors", c.Collaboration.ID, n)
		}
		if n := len(c.TopicIDs); n < 1 || n > 3 {
			t.Errorf("%s: %d topics", c.Collaboration.ID, n)
		}
		partnerOrgs := map[string]bool{}
		for _, p := range c.Partners {
			if _, ok := orgs[p.OrganisationID]; !ok {
				t.Errorf("%s: unknown partner %s", c.Collaboration.ID, p.OrganisationID)
			}
			partnerOrgs[p.OrganisationID] = true
		}
		for _, k := range c.Contributors {
			at, ok := stintsAt[k.PersonID]
			if !ok {
				t.Errorf("%s: unknown contributor %s", c.Collaboration.ID, k.PersonID)
				continue
			}
			tied := false
			for o := range at {
				tied = tied || partnerOrgs[o]
			}
			if !tied {
				t.Errorf("%s: contributor %s has no stint at a partner", c.Collaboration.ID, k.PersonID)
			}
		}
		lead := c.Partners[0]
		if lead.Role != model.PartnerLead {
			t.Errorf("%s: the first partner is %s, not the LEAD", c.Collaboration.ID, lead.Role)
		}
		for _, tp := range c.TopicIDs {
			if !slices.Contains(orgTopics[lead.OrganisationID], tp) {
				t.Errorf("%s: topic %s is not the lead's", c.Collaboration.ID, tp)
			}
		}
		if c.Collaboration.Phase == model.PhaseEvaluated && c.Collaboration.Evaluation == nil {
			t.Errorf("%s: EVALUATED without evaluation", c.Collaboration.ID)
		}
	}
}

type dupError struct{ id string }

func (e *dupError) Error() string { return "duplicate id " + e.id }

// checkJobsInSequence: a person's jobs (EMPLOYMENT) follow one another
// without overlapping.
func checkJobsInSequence(t *testing.T, p store.ImportPerson) {
	t.Helper()
	var prev *model.Experience
	for i := range p.Experiences {
		e := &p.Experiences[i]
		if e.Kind != model.ExperienceEmployment {
			continue
		}
		if prev != nil && (prev.EndDate == nil || !prev.EndDate.Before(e.StartDate)) {
			t.Errorf("%s: job %s overlaps job %s", p.Person.ID, e.ID, prev.ID)
		}
		prev = e
	}
}

func within(t *testing.T, what string, got, lo, hi float64) {
	t.Helper()
	if got < lo || got > hi {
		t.Errorf("%s = %.1f, want %.1f..%.1f", what, got, lo, hi)
	}
}

func TestDistributions(t *testing.T) {
	_, st := generated(t)
	t.Logf("\n%s", st)

	// Organisations: the sector mix of the pattern, sector-typical topics.
	for s, want := range []float64{25, 35, 30, 10} {
		within(t, "organisations in "+string(model.AllSectors[s])+" %", pct(st.OrganisationsBySector[s], st.Organisations), want-1, want+1)
	}
	within(t, "organisation topics typical of the sector %", pct(st.OrgTopicLinksTypical, st.OrgTopicLinks), 75, 98)

	// Sizes: heavy-tailed; counties and universities big, associations small.
	all := st.OrgSizes[0]
	if all.Max < 8*max(1, all.P50) {
		t.Errorf("organisation sizes are not heavy-tailed: median %d, max %d", all.P50, all.Max)
	}
	if all.Mean < 1.5*float64(all.P50) {
		t.Errorf("organisation sizes are not right-skewed: median %d, mean %.1f", all.P50, all.Mean)
	}
	// Counties, hospital districts and universities are typically big,
	// associations typically small. (Bounds are loose: 50 organisations
	// are a small sample; see Stats at N=100 000 for the real shape.)
	set, _ := generated(t)
	people := map[string]map[string]bool{}
	for _, p := range set.People {
		for _, e := range p.Experiences {
			if people[e.OrganisationID] == nil {
				people[e.OrganisationID] = map[string]bool{}
			}
			people[e.OrganisationID][p.Person.ID] = true
		}
	}
	var big, small, sizes []int
	for _, o := range set.Organisations {
		n := len(people[o.Organisation.ID])
		sizes = append(sizes, n)
		switch o.Organisation.Kind {
		case model.KindWellbeingServicesCounty, model.KindHospitalDistrict, model.KindUniversity:
			big = append(big, n)
		case model.KindAssociation:
			small = append(small, n)
		}
	}
	median := func(xs []int) int { slices.Sort(xs); return xs[len(xs)/2] }
	if 2*median(big) < 3*median(small) {
		t.Errorf("median size of counties, hospital districts and universities %d, of associations %d", median(big), median(small))
	}
	slices.Sort(sizes)
	top, total := 0, 0
	for i, n := range sizes {
		total += n
		if i >= len(sizes)*9/10 {
			top += n
		}
	}
	within(t, "share of memberships in the largest 10 % of organisations", pct(top, total), 33, 90)

	// Careers: about half in one sector, a third in two, 10–15 % in three,
	// a few % in four.
	within(t, "careers in one sector %", pct(st.CareerSectors[1], st.People), 42, 58)
	within(t, "careers in two sectors %", pct(st.CareerSectors[2], st.People), 27, 42)
	within(t, "careers in three sectors %", pct(st.CareerSectors[3], st.People), 8, 18)
	within(t, "careers in four sectors %", pct(st.CareerSectors[4], st.People), 0.8, 6)
	for a, sector := range model.AllSectors {
		row := sum(st.JobTransitions[a][:], false)
		within(t, "staying in "+string(sector)+" between jobs %", pct(st.JobTransitions[a][a], row), 70, 88)
	}
	within(t, "mean stints per person", float64(st.Experiences)/float64(st.People), 2.5, 4.5)
	within(t, "EMPLOYMENT share of experiences %", pct(st.ExperienceKinds[0], st.Experiences), 70, 90)
	for k, kind := range model.AllExperienceKinds {
		if st.ExperienceKinds[k] == 0 {
			t.Errorf("no %s experiences", kind)
		}
	}
	within(t, "people with a current stint %", pct(st.Ongoing, st.People), 80, 97)

	// People's settings.
	within(t, "PUBLIC profiles %", pct(st.Visibility[0], st.People), 62, 78)
	within(t, "MEMBERS profiles %", pct(st.Visibility[1], st.People), 18, 32)
	within(t, "PRIVATE profiles %", pct(st.Visibility[2], st.People), 2, 9)
	within(t, "open to bridging %", pct(st.OpenToBridging, st.People), 34, 46)
	within(t, "contactable %", pct(st.Contactable, st.People), 44, 56)
	within(t, "speak Finnish %", pct(st.SpeaksFinnish, st.People), 95, 100)

	// Collaborations: mostly one sector, some two, few three or four.
	within(t, "collaborations within one sector %", pct(st.CollabSectors[1], st.Collaborations), 40, 70)
	within(t, "collaborations across two sectors %", pct(st.CollabSectors[2], st.Collaborations), 15, 45)
	within(t, "collaborations across three or four sectors %", pct(st.CollabSectors[3]+st.CollabSectors[4], st.Collaborations), 2, 25)
	within(t, "collaborations whose topics are shared %", pct(st.CollabTopicsShared, st.Collaborations), 55, 100)
	for k, ph := range model.AllPhases {
		within(t, string(ph)+" collaborations %", pct(st.Phases[k], st.Collaborations), 4, 45)
	}
	if st.Regressions == 0 {
		t.Error("no collaboration went back a phase")
	}
}

// TestNamesLookFinnish spot-checks generated names.
func TestNamesLookFinnish(t *testing.T) {
	set, _ := generated(t)
	suffixes := 0
	for _, o := range set.Organisations {
		n := o.Organisation.Name
		for _, s := range []string{" ry", " Oy", " sr", " rf", "kaupunki", "kunta", "hyvinvointialue", "sairaanhoitopiiri",
			"yliopisto", "ammattikorkeakoulu", "universitet", "Yrkeshögskolan", "osuuskunta", "Osuuskunta"} {
			if strings.Contains(n, s) {
				suffixes++
				break
			}
		}
	}
	if suffixes*10 < len(set.Organisations)*6 {
		t.Errorf("only %d of %d organisation names have a Finnish form (ry, Oy, kaupunki…)", suffixes, len(set.Organisations))
	}
	for _, p := range set.People[:20] {
		t.Logf("%s | %s | %s | %v", p.Person.Name, p.Person.Headline, p.Person.Region, p.Person.Languages)
	}
	for _, o := range set.Organisations[:20] {
		t.Logf("%s | %s | %s | %s | %s", o.Organisation.Name, o.Organisation.Kind, o.Organisation.Region, o.Organisation.Website, o.Organisation.Description)
	}
	for _, c := range set.Collaborations[:5] {
		t.Logf("%s | %s | %s", c.Collaboration.Title, c.Collaboration.Phase, c.Collaboration.Description)
	}
}

func TestNamespace(t *testing.T) {
	if _, err := New(Config{People: 10, Namespace: "Bad-NS"}); err == nil {
		t.Error("a namespace with capitals and a hyphen was accepted")
	}
	plain, _, err := Generate(Config{People: 300, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	ns, _, err := Generate(Config{People: 300, Seed: 5, Namespace: "t42"})
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range ns.Organisations {
		if !strings.HasPrefix(o.Organisation.ID, "gen-t42-org-") || o.Organisation.Name != plain.Organisations[i].Organisation.Name+" [t42]" {
			t.Fatalf("namespaced organisation %s %q (plain %q)", o.Organisation.ID, o.Organisation.Name, plain.Organisations[i].Organisation.Name)
		}
		if err := CheckOrganisation(o); err != nil {
			t.Fatal(err)
		}
	}
	if ns.Topics[0].ID != "gen-t42-topic-001" || !strings.HasSuffix(ns.Topics[0].Name, " [t42]") {
		t.Errorf("namespaced topic %+v", ns.Topics[0])
	}
	for i, p := range ns.People {
		if p.Person.Name != plain.People[i].Person.Name || len(p.Experiences) != len(plain.People[i].Experiences) {
			t.Fatalf("namespace changed person %d", i)
		}
		if err := CheckPerson(p); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(p.Experiences[0].ID, "gen-t42-exp-") {
			t.Fatalf("experience id %s", p.Experiences[0].ID)
		}
	}
	for _, c := range ns.Collaborations {
		if err := CheckCollaboration(c); err != nil {
			t.Fatal(err)
		}
		for _, k := range c.Contributors {
			if !strings.HasPrefix(k.PersonID, "gen-t42-person-") {
				t.Fatalf("contributor %s", k.PersonID)
			}
		}
	}
}
