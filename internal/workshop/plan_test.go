package workshop

import (
	"fmt"
	"slices"
	"testing"

	"github.com/tulkki/tulkki/internal/model"
)

// orgs makes n organisations interested in the topic per sector, each
// with two possible representatives.
func orgs(n int, sectors ...model.Sector) []*model.PlanOrganisation {
	var out []*model.PlanOrganisation
	for _, s := range sectors {
		for i := range n {
			id := fmt.Sprintf("%s-%02d", s, i)
			out = append(out, &model.PlanOrganisation{ID: id, Sector: s, Topic: true,
				People: []model.PlanPerson{{ID: id + "-a"}, {ID: id + "-b"}}})
		}
	}
	return out
}

func TestQuotasBalanceSectors(t *testing.T) {
	q := quotas(10, []model.Sector{model.SectorPublic, model.SectorThird, model.SectorAcademia})
	if q[model.SectorPublic] != 4 || q[model.SectorThird] != 3 || q[model.SectorAcademia] != 3 {
		t.Errorf("quotas %v, want 4/3/3", q)
	}
}

func TestChooseRepsBalancesAndReportsShortSectors(t *testing.T) {
	sectors := []model.Sector{model.SectorPublic, model.SectorThird, model.SectorAcademia}
	candidates := append(orgs(10, model.SectorPublic, model.SectorThird), orgs(1, model.SectorAcademia)...)
	got := chooseReps(newRand(1, streamPeople), 9, sectors, shuffleBySector(newRand(1, streamOrganisations), candidates, sectors), nil)
	count := map[model.Sector]int{}
	for _, r := range got.reps {
		count[r.org.Sector]++
	}
	// ACADEMIA has one organisation; its missing seats go to the others.
	if len(got.reps) != 9 || count[model.SectorAcademia] != 1 || count[model.SectorPublic] != 4 || count[model.SectorThird] != 4 {
		t.Errorf("seats per sector %v (%d reps), want PUBLIC 4, THIRD 4, ACADEMIA 1", count, len(got.reps))
	}
	// More seats than organisations: second representatives, never the
	// same person twice.
	got = chooseReps(newRand(1, streamPeople), 6, sectors[:2], shuffleBySector(newRand(1, streamOrganisations), orgs(2, model.SectorPublic, model.SectorThird), sectors[:2]), nil)
	people := map[string]bool{}
	for _, r := range got.reps {
		if people[r.person] {
			t.Errorf("%s seated twice", r.person)
		}
		people[r.person] = true
	}
	if len(got.reps) != 6 {
		t.Errorf("%d reps, want 6 from 4 organisations with 2 people each", len(got.reps))
	}
}

func TestChooseRepsIsDeterministicPerSeed(t *testing.T) {
	sectors := []model.Sector{model.SectorPublic, model.SectorThird}
	ids := func(seed int) []string {
		var out []string
		bySector := shuffleBySector(newRand(seed, streamOrganisations), orgs(20, sectors...), sectors)
		for _, r := range chooseReps(newRand(seed, streamPeople), 8, sectors, bySector, nil).reps {
			out = append(out, r.person)
		}
		return out
	}
	if a, b := ids(42), ids(42); !slices.Equal(a, b) {
		t.Errorf("seed 42 gave %v then %v", a, b)
	}
	if a, b := ids(42), ids(43); slices.Equal(a, b) {
		t.Errorf("seeds 42 and 43 both gave %v", a)
	}
}

func TestDealMixesSectorsAtEveryTable(t *testing.T) {
	sectors := []model.Sector{model.SectorPublic, model.SectorPrivate, model.SectorThird, model.SectorAcademia}
	got := chooseReps(newRand(3, streamPeople), 40, sectors, shuffleBySector(newRand(3, streamOrganisations), orgs(12, sectors...), sectors), nil)
	for n, table := range deal(got.reps, sectors, 8) {
		if s := sectorsOf(table); len(s) != 4 || len(table) != 5 {
			t.Errorf("table %d: %d seats in sectors %v, want 5 seats in all four", n+1, len(table), s)
		}
	}
}

func TestImprovePairingsSeparatesPastPartners(t *testing.T) {
	o := orgs(2, model.SectorPublic, model.SectorThird) // PUBLIC-00, PUBLIC-01, THIRD-00, THIRD-01
	unusual := newPairing([][2]string{{"PUBLIC-00", "THIRD-00"}, {"PUBLIC-01", "THIRD-01"}})
	tables := [][]rep{
		{{person: "a", org: o[0]}, {person: "b", org: o[2]}},
		{{person: "c", org: o[1]}, {person: "d", org: o[3]}},
	}
	improvePairings(tables, unusual)
	for i, table := range tables {
		if pair, ok := pairAt(table, unusual); !ok {
			t.Errorf("table %d has no unusual pairing after improving: %v", i+1, pair)
		}
		if len(sectorsOf(table)) != 2 {
			t.Errorf("table %d lost its sector mix", i+1)
		}
	}
}

func TestPairingRule(t *testing.T) {
	pub := &model.PlanOrganisation{ID: "a", Sector: model.SectorPublic, Topic: true}
	third := &model.PlanOrganisation{ID: "b", Sector: model.SectorThird, Topic: true}
	samePub := &model.PlanOrganisation{ID: "c", Sector: model.SectorPublic, Topic: true}
	offTopic := &model.PlanOrganisation{ID: "d", Sector: model.SectorThird}
	for _, c := range []struct {
		name         string
		x, y         *model.PlanOrganisation
		collaborated [][2]string
		want         bool
	}{
		{"different sectors, topic, never partners", pub, third, nil, true},
		{"past partners", pub, third, [][2]string{{"a", "b"}}, false},
		{"past partners either way round", third, pub, [][2]string{{"a", "b"}}, false},
		{"same sector", pub, samePub, nil, false},
		{"one without the topic", pub, offTopic, nil, false},
	} {
		if got := newPairing(c.collaborated)(c.x, c.y); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestAssignTranslatorsSpansEachTable(t *testing.T) {
	years := func(pairs ...any) map[model.Sector]float64 {
		m := map[model.Sector]float64{}
		for i := 0; i < len(pairs); i += 2 {
			m[pairs[i].(model.Sector)] = pairs[i+1].(float64)
		}
		return m
	}
	pool := []Translator{
		{ID: "pub-third", Years: years(model.SectorPublic, 5.0, model.SectorThird, 5.0)},
		{ID: "all-three", Years: years(model.SectorPublic, 1.0, model.SectorThird, 1.0, model.SectorAcademia, 1.0)},
		{ID: "pub-third-expert", Expert: true, Years: years(model.SectorPublic, 1.0, model.SectorThird, 1.0)},
	}
	tables := [][]model.Sector{
		{model.SectorPublic, model.SectorThird},
		{model.SectorPublic, model.SectorThird, model.SectorAcademia},
		{model.SectorPrivate, model.SectorAcademia},
	}
	got := assignTranslators(tables, pool)
	// The three-sector table chooses first and takes the only one spanning
	// it; the expert beats more years; nobody spans PRIVATE-ACADEMIA.
	if want := []string{"pub-third-expert", "all-three", ""}; !slices.Equal(got, want) {
		t.Errorf("translators %v, want %v", got, want)
	}
}

func TestEvaluateReportsTableConstraints(t *testing.T) {
	o := orgs(1, model.SectorPublic, model.SectorThird, model.SectorAcademia)
	byID := map[string]*model.PlanOrganisation{}
	for _, x := range o {
		byID[x.ID] = x
	}
	plan := &model.WorkshopPlan{
		Params: model.WorkshopParams{Size: 8, Tables: 2, Sectors: []model.Sector{model.SectorPublic, model.SectorThird, model.SectorAcademia},
			MustInclude: []string{"ghost"}},
		Participants: []*model.WorkshopParticipant{
			{PersonID: "p", OrganisationID: "PUBLIC-00", Table: 1, Role: model.RoleOrganisationRep},
			{PersonID: "t", OrganisationID: "THIRD-00", Table: 1, Role: model.RoleOrganisationRep},
			{PersonID: "a", OrganisationID: "ACADEMIA-00", Table: 1, Role: model.RoleOrganisationRep},
			{PersonID: "x", Table: 1, Role: model.RoleTranslator},
		},
	}
	evaluate(plan, facts{orgs: byID, unusual: newPairing(nil),
		translators: map[string]Translator{"x": {ID: "x", Years: map[model.Sector]float64{model.SectorPublic: 2, model.SectorThird: 3}}}})
	var got []string
	for _, u := range plan.Unmet {
		got = append(got, fmt.Sprintf("%s/%d/%s", u.Code, u.Table, u.Sector))
	}
	want := []string{
		"SECTOR_UNDERREPRESENTED/0/PUBLIC", // quota 2 of 6 seats
		"SECTOR_UNDERREPRESENTED/0/THIRD",
		"SECTOR_UNDERREPRESENTED/0/ACADEMIA",
		"SIZE_NOT_REACHED/0/",
		"MUST_INCLUDE_NOT_PLACED/0/",
		"TRANSLATOR_PARTIAL_SPAN/1/", // x lacks ACADEMIA
		"TABLE_SINGLE_SECTOR/2/",
		"TABLE_NO_UNUSUAL_PAIRING/2/",
		"TABLE_NO_TRANSLATOR/2/",
	}
	if !slices.Equal(got, want) {
		t.Errorf("unmet\n got %v\nwant %v", got, want)
	}
	if pair := plan.Pairings[1]; pair != [2]string{"ACADEMIA-00", "PUBLIC-00"} {
		t.Errorf("table 1 pairing %v, want the lowest ids", pair)
	}
}
