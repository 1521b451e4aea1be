package seed

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tulkki/tulkki/internal/model"
)

// Demo dates must fall in this window.
const (
	earliestDate = "1995-01-01"
	latestDate   = "2026-10-31"
)

// demoPairs are the "unusual pairings" the demo relies on: organisations from
// different sectors that never collaborated, share a topic and have a
// translator with experience at both.
var demoPairs = []struct {
	a, b       string
	translator string
}{
	{"org-mielikuu-health", "org-nuorten-mielitila", "person-sanna-korhonen"},
	{"org-kotisatama-care", "org-al-jisr-association", "person-leila-haddad"},
	{"org-tyopolku-social-enterprise", "org-sisamaa-uas", "person-tuomas-makinen"},
	{"org-welfare-policy-agency", "org-vastuuverkko-business-network", "person-kristian-holm"},
	{"org-pohjoinen-university", "org-liikuntaluotsi", "person-jari-pesonen"},
}

func load(t *testing.T) *Dataset {
	t.Helper()
	ds, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return ds
}

func setOf[T ~string](vs ...T) map[string]bool {
	m := make(map[string]bool, len(vs))
	for _, v := range vs {
		m[string(v)] = true
	}
	return m
}

var (
	validSectors = setOf(model.AllSectors...)
	validKinds   = setOf(
		model.KindMunicipality, model.KindWellbeingServicesCounty, model.KindHospitalDistrict,
		model.KindStateAgency, model.KindCompany, model.KindCooperative, model.KindSocialEnterprise,
		model.KindAssociation, model.KindFoundation, model.KindNetwork, model.KindUniversity,
		model.KindUniversityAppliedScience, model.KindResearchInstitute, model.KindOther,
	)
	validExperienceKinds = setOf(
		model.ExperienceEmployment, model.ExperienceVolunteer, model.ExperienceBoard,
		model.ExperienceEducation, model.ExperienceSecondment, model.ExperienceTrustPosition,
	)
	validForms = setOf(
		model.FormGrantAgreement, model.FormPartnershipAgreement, model.FormFacilities,
		model.FormFunctionalCooperation, model.FormProject,
	)
	validPhases       = setOf(model.AllPhases...)
	validPartnerRoles = setOf(model.PartnerLead, model.PartnerPartner, model.PartnerFunder, model.PartnerFacilityProvider)
	validContribRoles = setOf(
		model.ContributorLead, model.ContributorCoordinator, model.ContributorExpert,
		model.ContributorFacilitator, model.ContributorVolunteer, model.ContributorMember,
	)
	validVisibility = setOf(model.VisibilityPublic, model.VisibilityMembers, model.VisibilityPrivate)
)

func phaseIndex(p string) int {
	for i, q := range model.AllPhases {
		if string(q) == p {
			return i
		}
	}
	return -1
}

// parseDate parses an ISO date and checks it lies in the demo window.
func parseDate(s string) (time.Time, error) {
	d, err := time.Parse(model.DateLayout, s)
	if err != nil {
		return d, err
	}
	lo, _ := time.Parse(model.DateLayout, earliestDate)
	hi, _ := time.Parse(model.DateLayout, latestDate)
	if d.Before(lo) || d.After(hi) {
		return d, fmt.Errorf("%s is outside %s..%s", s, earliestDate, latestDate)
	}
	return d, nil
}

// checkRange checks a start date and an optional end date.
func checkRange(t *testing.T, what, start, end string) {
	t.Helper()
	s, err := parseDate(start)
	if err != nil {
		t.Errorf("%s: startDate: %v", what, err)
		return
	}
	if end == "" {
		return
	}
	e, err := parseDate(end)
	if err != nil {
		t.Errorf("%s: endDate: %v", what, err)
		return
	}
	if e.Before(s) {
		t.Errorf("%s: endDate %s before startDate %s", what, end, start)
	}
}

func checkName(t *testing.T, what, s string) {
	t.Helper()
	if strings.TrimSpace(s) == "" {
		t.Errorf("%s: empty", what)
	}
	if n := utf8.RuneCountInString(s); n > 200 {
		t.Errorf("%s: %d characters, limit 200", what, n)
	}
}

func TestMinimumCounts(t *testing.T) {
	ds := load(t)
	for _, c := range []struct {
		name     string
		got, min int
	}{
		{"topics", len(ds.Topics), 15},
		{"organisations", len(ds.Organisations), 40},
		{"people", len(ds.People), 80},
		{"collaborations", len(ds.Collaborations), 25},
	} {
		if c.got < c.min {
			t.Errorf("%s: %d, want at least %d", c.name, c.got, c.min)
		}
	}
}

func TestIDsUniqueAndWellFormed(t *testing.T) {
	ds := load(t)
	var expIDs []string
	for _, p := range ds.People {
		for _, e := range p.Experiences {
			expIDs = append(expIDs, e.ID)
		}
	}
	ids := func(n int, f func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	for _, c := range []struct {
		file   string
		prefix string
		ids    []string
	}{
		{"topics", "topic", ids(len(ds.Topics), func(i int) string { return ds.Topics[i].ID })},
		{"organisations", "org", ids(len(ds.Organisations), func(i int) string { return ds.Organisations[i].ID })},
		{"people", "person", ids(len(ds.People), func(i int) string { return ds.People[i].ID })},
		{"experiences", "exp", expIDs},
		{"collaborations", "collab", ids(len(ds.Collaborations), func(i int) string { return ds.Collaborations[i].ID })},
	} {
		pattern := regexp.MustCompile(`^` + c.prefix + `(-[a-z0-9]+)+$`)
		seen := map[string]bool{}
		for _, id := range c.ids {
			if !pattern.MatchString(id) {
				t.Errorf("%s: id %q does not match %s", c.file, id, pattern)
			}
			if seen[id] {
				t.Errorf("%s: duplicate id %q", c.file, id)
			}
			seen[id] = true
		}
	}
	for _, p := range ds.People {
		want := "exp-" + strings.TrimPrefix(p.ID, "person-") + "-"
		for _, e := range p.Experiences {
			if !strings.HasPrefix(e.ID, want) {
				t.Errorf("%s: experience id %q should start with %q", p.ID, e.ID, want)
			}
		}
	}
}

func TestReferencesExist(t *testing.T) {
	ds := load(t)
	topics, orgs, people := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, x := range ds.Topics {
		topics[x.ID] = true
	}
	for _, x := range ds.Organisations {
		orgs[x.ID] = true
	}
	for _, x := range ds.People {
		people[x.ID] = true
	}
	check := func(kind string, set map[string]bool, from string, ids ...string) {
		for _, id := range ids {
			if !set[id] {
				t.Errorf("%s refers to unknown %s %q", from, kind, id)
			}
		}
	}
	usedTopics := map[string]bool{}
	for _, o := range ds.Organisations {
		check("topic", topics, o.ID, o.Topics...)
		for _, tp := range o.Topics {
			usedTopics[tp] = true
		}
	}
	for _, p := range ds.People {
		check("topic", topics, p.ID, p.Expertise...)
		for _, e := range p.Experiences {
			check("organisation", orgs, e.ID, e.Organisation)
		}
	}
	for _, c := range ds.Collaborations {
		check("topic", topics, c.ID, c.Topics...)
		for _, pt := range c.Partners {
			check("organisation", orgs, c.ID, pt.Organisation)
		}
		for _, ct := range c.Contributors {
			check("person", people, c.ID, ct.Person)
		}
	}
	for id := range topics {
		if !usedTopics[id] {
			t.Errorf("topic %s is used by no organisation", id)
		}
	}
}

func TestEnumsValid(t *testing.T) {
	ds := load(t)
	check := func(field string, valid map[string]bool, from, v string) {
		if !valid[v] {
			t.Errorf("%s: invalid %s %q", from, field, v)
		}
	}
	for _, o := range ds.Organisations {
		check("sector", validSectors, o.ID, o.Sector)
		check("kind", validKinds, o.ID, o.Kind)
	}
	for _, p := range ds.People {
		check("visibility", validVisibility, p.ID, p.Visibility)
		for _, e := range p.Experiences {
			check("experience kind", validExperienceKinds, e.ID, e.Kind)
		}
	}
	for _, c := range ds.Collaborations {
		check("form", validForms, c.ID, c.Form)
		check("phase", validPhases, c.ID, c.Phase)
		for _, pt := range c.Partners {
			check("partner role", validPartnerRoles, c.ID, pt.Role)
		}
		for _, ct := range c.Contributors {
			check("contributor role", validContribRoles, c.ID, ct.Role)
		}
		for _, h := range c.PhaseHistory {
			check("history phase", validPhases, c.ID, h.Phase)
		}
	}
}

func TestTextFields(t *testing.T) {
	ds := load(t)
	for _, x := range ds.Topics {
		checkName(t, x.ID+" name", x.Name)
		checkName(t, x.ID+" nameFi", x.NameFi)
		checkName(t, x.ID+" nameSv", x.NameSv)
		checkName(t, x.ID+" description", x.Description)
	}
	for _, o := range ds.Organisations {
		checkName(t, o.ID+" name", o.Name)
		checkName(t, o.ID+" region", o.Region)
		if strings.TrimSpace(o.Description) == "" {
			t.Errorf("%s: empty description", o.ID)
		}
		if n := len(o.Topics); n < 2 || n > 4 {
			t.Errorf("%s: %d topics, want 2..4", o.ID, n)
		}
	}
	langCode := regexp.MustCompile(`^[a-z]{2}$`)
	email := regexp.MustCompile(`^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*@mail\.example$`)
	phone := regexp.MustCompile(`^\+358 [0-9]{2} [0-9]{3} [0-9]{4}$`)
	for _, p := range ds.People {
		checkName(t, p.ID+" name", p.Name)
		checkName(t, p.ID+" region", p.Region)
		if strings.TrimSpace(p.Headline) == "" || utf8.RuneCountInString(p.Headline) > 300 {
			t.Errorf("%s: headline empty or longer than 300", p.ID)
		}
		if len(p.Languages) == 0 {
			t.Errorf("%s: no languages", p.ID)
		}
		for _, l := range p.Languages {
			if !langCode.MatchString(l) {
				t.Errorf("%s: language %q is not an ISO 639-1 code", p.ID, l)
			}
		}
		if !email.MatchString(p.Email) {
			t.Errorf("%s: email %q", p.ID, p.Email)
		}
		if !phone.MatchString(p.Phone) {
			t.Errorf("%s: phone %q", p.ID, p.Phone)
		}
		if n := len(p.Expertise); n < 1 || n > 4 {
			t.Errorf("%s: %d expertise topics, want 1..4", p.ID, n)
		}
		if len(p.Experiences) == 0 {
			t.Errorf("%s: no experiences", p.ID)
		}
		for _, e := range p.Experiences {
			checkName(t, e.ID+" roleTitle", e.RoleTitle)
		}
	}
	for _, c := range ds.Collaborations {
		checkName(t, c.ID+" title", c.Title)
		if strings.TrimSpace(c.Description) == "" {
			t.Errorf("%s: empty description", c.ID)
		}
		if n := len(c.Topics); n < 1 || n > 3 {
			t.Errorf("%s: %d topics, want 1..3", c.ID, n)
		}
	}
}

func TestWebsitesAreFictional(t *testing.T) {
	ds := load(t)
	for _, o := range ds.Organisations {
		u, err := url.Parse(o.Website)
		if err != nil || u.Scheme != "https" || !strings.HasSuffix(u.Hostname(), ".example") {
			t.Errorf("%s: website %q is not an https address under .example", o.ID, o.Website)
		}
	}
}

func TestDates(t *testing.T) {
	ds := load(t)
	for _, p := range ds.People {
		for _, e := range p.Experiences {
			checkRange(t, e.ID, e.StartDate, e.EndDate)
		}
	}
	for _, c := range ds.Collaborations {
		checkRange(t, c.ID, c.StartDate, c.EndDate)
		if c.Evaluation != nil {
			if _, err := parseDate(c.Evaluation.At); err != nil {
				t.Errorf("%s: evaluation.at: %v", c.ID, err)
			}
		}
	}
}

// TestEmploymentsDoNotOverlap allows a hand-over of up to three months
// between two employments of the same person.
func TestEmploymentsDoNotOverlap(t *testing.T) {
	ds := load(t)
	const slack = 92 * 24 * time.Hour
	open, _ := time.Parse(model.DateLayout, "2100-01-01")
	for _, p := range ds.People {
		type span struct {
			id         string
			start, end time.Time
		}
		var spans []span
		ongoing := 0
		for _, e := range p.Experiences {
			if e.Kind != string(model.ExperienceEmployment) {
				continue
			}
			s, err1 := time.Parse(model.DateLayout, e.StartDate)
			end := open
			var err2 error
			if e.EndDate != "" {
				end, err2 = time.Parse(model.DateLayout, e.EndDate)
			} else {
				ongoing++
			}
			if err1 != nil || err2 != nil {
				continue // reported by TestDates
			}
			spans = append(spans, span{e.ID, s, end})
		}
		if ongoing > 1 {
			t.Errorf("%s: %d ongoing employments", p.ID, ongoing)
		}
		for i := range spans {
			for j := i + 1; j < len(spans); j++ {
				a, b := spans[i], spans[j]
				lo, hi := a.start, a.end
				if b.start.After(lo) {
					lo = b.start
				}
				if b.end.Before(hi) {
					hi = b.end
				}
				if hi.Sub(lo) > slack {
					t.Errorf("%s: employments %s and %s overlap by more than three months", p.ID, a.id, b.id)
				}
			}
		}
	}
}

func TestSectorsWellRepresented(t *testing.T) {
	ds := load(t)
	count := map[string]int{}
	for _, o := range ds.Organisations {
		count[o.Sector]++
	}
	for _, s := range model.AllSectors {
		if count[string(s)] < 6 {
			t.Errorf("sector %s has %d organisations, want at least 6", s, count[string(s)])
		}
	}
}

func TestCollaborationStructure(t *testing.T) {
	ds := load(t)
	forms, phases := map[string]int{}, map[string]int{}
	regressions := 0
	for _, c := range ds.Collaborations {
		forms[c.Form]++
		phases[c.Phase]++
		if n := len(c.Partners); n < 2 || n > 5 {
			t.Errorf("%s: %d partners, want 2..5", c.ID, n)
		}
		if n := len(c.Contributors); n < 1 || n > 5 {
			t.Errorf("%s: %d contributors, want 1..5", c.ID, n)
		}
		leads := 0
		seenOrg := map[string]bool{}
		for _, pt := range c.Partners {
			if pt.Role == string(model.PartnerLead) {
				leads++
			}
			if seenOrg[pt.Organisation] {
				t.Errorf("%s: organisation %s is a partner twice", c.ID, pt.Organisation)
			}
			seenOrg[pt.Organisation] = true
		}
		if leads != 1 {
			t.Errorf("%s: %d LEAD partners, want exactly 1", c.ID, leads)
		}
		seenPerson := map[string]bool{}
		for _, ct := range c.Contributors {
			if seenPerson[ct.Person] {
				t.Errorf("%s: person %s is a contributor twice", c.ID, ct.Person)
			}
			seenPerson[ct.Person] = true
		}

		if len(c.PhaseHistory) == 0 {
			t.Errorf("%s: empty phaseHistory", c.ID)
			continue
		}
		if last := c.PhaseHistory[len(c.PhaseHistory)-1].Phase; last != c.Phase {
			t.Errorf("%s: phaseHistory ends with %s, current phase is %s", c.ID, last, c.Phase)
		}
		var prev time.Time
		for i, h := range c.PhaseHistory {
			at, err := parseDate(h.At)
			if err != nil {
				t.Errorf("%s: phaseHistory[%d].at: %v", c.ID, i, err)
				continue
			}
			if at.Before(prev) {
				t.Errorf("%s: phaseHistory[%d] at %s is earlier than the entry before", c.ID, i, h.At)
			}
			prev = at
			if i > 0 && phaseIndex(h.Phase) < phaseIndex(c.PhaseHistory[i-1].Phase) {
				regressions++
			}
		}

		evaluated := c.Phase == string(model.PhaseEvaluated)
		switch {
		case evaluated && c.Evaluation == nil:
			t.Errorf("%s: EVALUATED without an evaluation", c.ID)
		case !evaluated && c.Evaluation != nil:
			t.Errorf("%s: evaluation present but phase is %s", c.ID, c.Phase)
		case c.Evaluation != nil:
			if r := c.Evaluation.Rating; r < 1 || r > 5 {
				t.Errorf("%s: evaluation rating %d, want 1..5", c.ID, r)
			}
			if strings.TrimSpace(c.Evaluation.Notes) == "" {
				t.Errorf("%s: evaluation without notes", c.ID)
			}
		}
		if c.EndDate != "" && !evaluated {
			t.Errorf("%s: endDate set but the collaboration is not finished (phase %s)", c.ID, c.Phase)
		}
	}
	for f := range validForms {
		if forms[f] == 0 {
			t.Errorf("form %s is not used", f)
		}
	}
	for p := range validPhases {
		if phases[p] == 0 {
			t.Errorf("phase %s is not used", p)
		}
	}
	if n := phases[string(model.PhaseEvaluated)]; n < 5 {
		t.Errorf("%d EVALUATED collaborations, want at least 5", n)
	}
	if regressions < 2 {
		t.Errorf("%d collaborations went back a phase, want at least 2", regressions)
	}
}

// TestContributorsBelongToPartners checks that contributors mostly have
// experience at one of the collaboration's partner organisations.
func TestContributorsBelongToPartners(t *testing.T) {
	ds := load(t)
	orgsOf := map[string]map[string]bool{}
	for _, p := range ds.People {
		orgsOf[p.ID] = map[string]bool{}
		for _, e := range p.Experiences {
			orgsOf[p.ID][e.Organisation] = true
		}
	}
	total, tied := 0, 0
	for _, c := range ds.Collaborations {
		for _, ct := range c.Contributors {
			total++
			for _, pt := range c.Partners {
				if orgsOf[ct.Person][pt.Organisation] {
					tied++
					break
				}
			}
		}
	}
	if total == 0 || tied*10 < total*9 {
		t.Errorf("%d of %d contributors have experience at a partner, want at least 90 %%", tied, total)
	}
}

func TestCareerMix(t *testing.T) {
	ds := load(t)
	sectorOf := map[string]string{}
	for _, o := range ds.Organisations {
		sectorOf[o.ID] = o.Sector
	}
	bySectors := map[int]int{}
	for _, p := range ds.People {
		secs := map[string]bool{}
		for _, e := range p.Experiences {
			secs[sectorOf[e.Organisation]] = true
		}
		bySectors[len(secs)]++
	}
	atLeast3 := bySectors[3] + bySectors[4]
	if atLeast3 < 12 {
		t.Errorf("%d people with experience in 3+ sectors, want at least 12", atLeast3)
	}
	if bySectors[4] < 5 {
		t.Errorf("%d people with experience in all 4 sectors, want at least 5", bySectors[4])
	}
	if n := len(ds.People); bySectors[1]*4 < n || bySectors[2]*5 < n {
		t.Errorf("career mix %v: want about half in one sector and about a third in two", bySectors)
	}
}

func TestEveryOrganisationHasPeople(t *testing.T) {
	ds := load(t)
	people := map[string]map[string]bool{}
	for _, p := range ds.People {
		for _, e := range p.Experiences {
			if people[e.Organisation] == nil {
				people[e.Organisation] = map[string]bool{}
			}
			people[e.Organisation][p.ID] = true
		}
	}
	for _, o := range ds.Organisations {
		if n := len(people[o.ID]); n < 2 {
			t.Errorf("%s: %d people with experience there, want at least 2", o.ID, n)
		}
	}
}

func TestDemoPairs(t *testing.T) {
	ds := load(t)
	orgs := map[string]Organisation{}
	for _, o := range ds.Organisations {
		orgs[o.ID] = o
	}
	persons := map[string]Person{}
	for _, p := range ds.People {
		persons[p.ID] = p
	}
	if len(demoPairs) < 3 {
		t.Fatalf("%d demo pairs, want at least 3", len(demoPairs))
	}
	for _, pair := range demoPairs {
		t.Run(pair.a+"~"+pair.b, func(t *testing.T) {
			a, okA := orgs[pair.a]
			b, okB := orgs[pair.b]
			if !okA || !okB {
				t.Fatalf("unknown organisation in pair")
			}
			if a.Sector == b.Sector {
				t.Errorf("both organisations are in sector %s", a.Sector)
			}
			shared := false
			for _, x := range a.Topics {
				for _, y := range b.Topics {
					shared = shared || x == y
				}
			}
			if !shared {
				t.Errorf("no shared topic")
			}
			for _, c := range ds.Collaborations {
				inA, inB := false, false
				for _, pt := range c.Partners {
					inA = inA || pt.Organisation == pair.a
					inB = inB || pt.Organisation == pair.b
				}
				if inA && inB {
					t.Errorf("the pair already collaborated in %s", c.ID)
				}
			}
			p, ok := persons[pair.translator]
			if !ok {
				t.Fatalf("unknown translator %s", pair.translator)
			}
			atA, atB := false, false
			for _, e := range p.Experiences {
				atA = atA || e.Organisation == pair.a
				atB = atB || e.Organisation == pair.b
			}
			if !atA || !atB {
				t.Errorf("%s lacks experience at both organisations", p.ID)
			}
			if p.Visibility != string(model.VisibilityPublic) || !p.OpenToBridging {
				t.Errorf("%s should be PUBLIC and open to bridging to serve as the demo translator", p.ID)
			}
		})
	}
}
