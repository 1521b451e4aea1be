package graph_test

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/storetest"
)

// workshopWorld is a hand-built graph with a known best plan: two public
// and two third-sector organisations interested in the topic (one pair of
// them past partners), one representative each, and two translators who
// each span both sectors. Private people sit everywhere they could be
// picked, and must never be.
type workshopWorld struct {
	topic                   string
	p1, p2, n1, n2          string // organisations: PUBLIC p1, p2; THIRD n1, n2
	repP1, repP2, repN1     string
	repN2                   string
	privateRep              string // PRIVATE, ongoing stint at p1
	tx, ty                  string // translators
	privateTranslator       string // open to bridging but PRIVATE
	closedTranslator        string // spans sectors but not open to bridging
	otherTopicOrg, otherRep string // THIRD, not interested in the topic
	academia                string // ACADEMIA organisation without the topic
	pastCollab              string // p1 and n1 were partners
	names                   map[string]string
}

func buildWorkshopWorld(t *testing.T, a *api) workshopWorld {
	t.Helper()
	w := workshopWorld{names: map[string]string{}}
	w.topic, _ = a.newTopic("Workshop topic")
	org := func(kind, sector string, topics ...string) string {
		return a.newOrg(map[string]any{"name": storetest.ID("WS " + sector), "kind": kind, "sector": sector, "topicIds": topics})
	}
	w.p1 = org("MUNICIPALITY", "PUBLIC", w.topic)
	w.p2 = org("WELLBEING_SERVICES_COUNTY", "PUBLIC", w.topic)
	w.n1 = org("ASSOCIATION", "THIRD", w.topic)
	w.n2 = org("FOUNDATION", "THIRD", w.topic)
	w.otherTopicOrg = org("ASSOCIATION", "THIRD")
	w.academia = org("UNIVERSITY", "ACADEMIA")
	person := func(name, visibility string, open bool) string {
		return a.newPerson(map[string]any{"name": name + " " + storetest.ID("p"), "visibility": visibility, "openToBridging": open})
	}
	rep := func(orgID string) string {
		id := person("Rep", "MEMBERS", false)
		a.newExperience(id, orgID, "2020-01-01", "")
		return id
	}
	w.repP1, w.repP2, w.repN1, w.repN2 = rep(w.p1), rep(w.p2), rep(w.n1), rep(w.n2)
	w.otherRep = rep(w.otherTopicOrg)
	w.privateRep = person("Private rep", "PRIVATE", false)
	a.newExperience(w.privateRep, w.p1, "2019-01-01", "")
	translator := func(name, visibility string, open bool, pub, third string) string {
		id := person(name, visibility, open)
		a.newExperience(id, pub, "2010-01-01", "2015-01-01")
		a.newExperience(id, third, "2015-01-01", "2019-01-01")
		return id
	}
	w.tx = translator("Translator X", "PUBLIC", true, w.p1, w.n2)
	w.ty = translator("Translator Y", "MEMBERS", true, w.p2, w.n1)
	w.privateTranslator = translator("Private translator", "PRIVATE", true, w.p1, w.n1)
	w.closedTranslator = translator("Closed translator", "PUBLIC", false, w.p2, w.n2)
	w.pastCollab = a.newCollab(map[string]any{"partners": []any{
		map[string]any{"organisationId": w.p1, "role": "LEAD"},
		map[string]any{"organisationId": w.n1, "role": "PARTNER"}}})
	return w
}

const planQuery = `query($in: PlanWorkshopInput!){ planWorkshop(input: $in){
	topic { id } size seed sectors
	tables { number sectors unusualPairing { id sector }
		participants { role table person { id } organisation { id sector } } }
	participants { role table person { id } organisation { id } }
	unmetConstraints { code message table sector subject }
} }`

type planParticipant struct {
	Role, Table  any
	Person       struct{ ID string }
	Organisation *struct{ ID, Sector string }
}

type planResult struct {
	Topic   struct{ ID string }
	Size    int
	Seed    int
	Sectors []string
	Tables  []struct {
		Number         int
		Sectors        []string
		UnusualPairing []struct{ ID, Sector string }
		Participants   []planParticipant
	}
	Participants     []planParticipant
	UnmetConstraints []struct {
		Code, Message string
		Table         *int
		Sector        *string
		Subject       *string
	}
}

func (a *api) plan(in map[string]any) (planResult, json.RawMessage) {
	a.t.Helper()
	raw := a.raw(planQuery, map[string]any{"in": in})
	var out struct{ PlanWorkshop planResult }
	if err := json.Unmarshal(raw, &out); err != nil {
		a.t.Fatalf("decode plan: %v", err)
	}
	return out.PlanWorkshop, raw
}

func (p planResult) codes() []string {
	var out []string
	for _, u := range p.UnmetConstraints {
		out = append(out, u.Code)
	}
	return out
}

func TestPlanWorkshopSeatsAMixedTableWithTranslator(t *testing.T) {
	a := newAPI(t)
	w := buildWorkshopWorld(t, a)
	in := map[string]any{"topicId": w.topic, "size": 6, "tables": 2, "sectors": []string{"THIRD", "PUBLIC"}, "seed": 7}
	plan, raw := a.plan(in)

	if len(plan.UnmetConstraints) != 0 {
		t.Fatalf("unmet constraints %+v, want none", plan.UnmetConstraints)
	}
	if got, want := plan.Sectors, []string{"PUBLIC", "THIRD"}; !slices.Equal(got, want) {
		t.Errorf("sectors %v, want %v (canonical order)", got, want)
	}
	if len(plan.Participants) != 6 || len(plan.Tables) != 2 {
		t.Fatalf("%d participants at %d tables, want 6 at 2", len(plan.Participants), len(plan.Tables))
	}
	reps := map[string]bool{}
	for _, table := range plan.Tables {
		if !slices.Equal(table.Sectors, []string{"PUBLIC", "THIRD"}) {
			t.Errorf("table %d sectors %v, want a mix of PUBLIC and THIRD", table.Number, table.Sectors)
		}
		var translators []string
		for _, p := range table.Participants {
			if p.Role == "TRANSLATOR" {
				translators = append(translators, p.Person.ID)
				if p.Organisation != nil {
					t.Errorf("translator %s represents %v", p.Person.ID, p.Organisation)
				}
			} else {
				reps[p.Organisation.ID] = true
			}
		}
		if len(translators) != 1 || (translators[0] != w.tx && translators[0] != w.ty) {
			t.Errorf("table %d translators %v, want one of X %s, Y %s", table.Number, translators, w.tx, w.ty)
		}
		// p1 and n1 were partners: they are not an unusual pairing, so the
		// planner must have seated p1 with n2 and p2 with n1.
		if len(table.UnusualPairing) != 2 {
			t.Fatalf("table %d has no unusual pairing", table.Number)
		}
		pair := []string{table.UnusualPairing[0].ID, table.UnusualPairing[1].ID}
		if slices.Contains(pair, w.p1) && slices.Contains(pair, w.n1) {
			t.Errorf("table %d pairs past partners p1 and n1", table.Number)
		}
	}
	if len(reps) != 4 {
		t.Errorf("represented organisations %v, want the four with the topic", reps)
	}
	for _, hidden := range []string{w.privateRep, w.privateTranslator, w.closedTranslator, w.otherRep} {
		if strings.Contains(string(raw), hidden) {
			t.Errorf("plan contains %s, who must not be seated", hidden)
		}
	}

	// Same seed, same plan; the facilitator can preview and then save it.
	if _, again := a.plan(in); string(again) != string(raw) {
		t.Errorf("same seed gave a different plan:\n%s\n%s", raw, again)
	}
}

func TestPlanWorkshopReportsUnmetConstraints(t *testing.T) {
	a := newAPI(t)
	w := buildWorkshopWorld(t, a)
	plan, _ := a.plan(map[string]any{"topicId": w.topic, "size": 10, "tables": 2,
		"sectors": []string{"PUBLIC", "THIRD", "ACADEMIA"}, "mustInclude": []string{w.otherRep}})
	found := map[string]bool{}
	for _, u := range plan.UnmetConstraints {
		found[u.Code] = true
		if u.Message == "" {
			t.Errorf("constraint %s has no message", u.Code)
		}
		if u.Code == "SECTOR_MISSING" && (u.Sector == nil || *u.Sector != "ACADEMIA") {
			t.Errorf("SECTOR_MISSING about %v, want ACADEMIA", u.Sector)
		}
	}
	// No organisation of ACADEMIA has the topic; 4 topic organisations plus
	// the must-include person's cannot fill 8 representative seats.
	for _, code := range []string{"SECTOR_MISSING", "SIZE_NOT_REACHED"} {
		if !found[code] {
			t.Errorf("unmet %v, want %s", plan.codes(), code)
		}
	}
	// The must-include person is seated, for their own organisation, even
	// though it does not share the topic.
	seated := slices.ContainsFunc(plan.Participants, func(p planParticipant) bool {
		return p.Person.ID == w.otherRep && p.Organisation != nil && p.Organisation.ID == w.otherTopicOrg
	})
	if !seated || found["MUST_INCLUDE_NOT_PLACED"] {
		t.Errorf("must-include %s not seated for %s: %+v", w.otherRep, w.otherTopicOrg, plan.Participants)
	}

	// Excluding both translators: others may be found further away (by
	// internal/bridge, over the whole shared test graph), but never the
	// excluded, private or closed ones.
	q := `query($in: PlanWorkshopInput!){ planWorkshop(input: $in){
		participants { role person { id visibility openToBridging } } unmetConstraints { code } } }`
	var far struct {
		PlanWorkshop struct {
			Participants []struct {
				Role   string
				Person struct {
					ID, Visibility string
					OpenToBridging bool
				}
			}
		}
	}
	a.ok(q, map[string]any{"in": map[string]any{"topicId": w.topic, "size": 6, "tables": 2, "sectors": []string{"PUBLIC", "THIRD"},
		"exclude": []string{w.tx, w.ty}}}, &far)
	for _, p := range far.PlanWorkshop.Participants {
		if p.Role != "TRANSLATOR" {
			continue
		}
		if slices.Contains([]string{w.tx, w.ty, w.privateTranslator, w.closedTranslator}, p.Person.ID) ||
			!p.Person.OpenToBridging || p.Person.Visibility == "PRIVATE" {
			t.Errorf("translator %+v must not be seated", p.Person)
		}
	}
	// Excluding n2 leaves p1 with n1 or alone: some table lacks an unusual pairing.
	plan, _ = a.plan(map[string]any{"topicId": w.topic, "size": 6, "tables": 1, "sectors": []string{"PUBLIC", "THIRD"},
		"exclude": []string{w.n2, w.p2}})
	if !slices.Contains(plan.codes(), "TABLE_NO_UNUSUAL_PAIRING") {
		t.Errorf("unmet %v, want TABLE_NO_UNUSUAL_PAIRING (p1 and n1 were partners)", plan.codes())
	}
}

func TestPlanWorkshopIsDeterministicPerSeed(t *testing.T) {
	a := newAPI(t)
	topic, _ := a.newTopic("Seeded topic")
	for i := 0; i < 6; i++ {
		for _, sector := range []string{"PUBLIC", "THIRD"} {
			o := a.newOrg(map[string]any{"name": storetest.ID("Seeded " + sector), "sector": sector,
				"kind": map[string]string{"PUBLIC": "MUNICIPALITY", "THIRD": "ASSOCIATION"}[sector], "topicIds": []string{topic}})
			p := a.newPerson(map[string]any{"visibility": "PUBLIC"})
			a.newExperience(p, o, "2021-01-01", "")
		}
	}
	in := func(seed int) map[string]any {
		return map[string]any{"topicId": topic, "size": 6, "tables": 2, "sectors": []string{"PUBLIC", "THIRD"}, "seed": seed}
	}
	seen := map[string]bool{}
	for seed := 1; seed <= 4; seed++ {
		_, first := a.plan(in(seed))
		_, second := a.plan(in(seed))
		if string(first) != string(second) {
			t.Fatalf("seed %d gave two plans:\n%s\n%s", seed, first, second)
		}
		seen[string(first)] = true
	}
	if len(seen) < 2 {
		t.Errorf("four seeds over 12 organisations for 4 seats gave %d distinct plans, want the seed to matter", len(seen))
	}
}

func TestPlanWorkshopValidatesInput(t *testing.T) {
	a := newAPI(t)
	w := buildWorkshopWorld(t, a)
	base := map[string]any{"topicId": w.topic, "size": 6, "tables": 2}
	with := func(k string, v any) map[string]any { return merge(base, map[string]any{k: v}) }
	q := `query($in: PlanWorkshopInput!){ planWorkshop(input: $in){ size } }`
	for _, c := range []struct {
		name  string
		in    map[string]any
		code  string
		field string
	}{
		{"size too small", with("size", 5), "BAD_USER_INPUT", "size"},
		{"size too large", with("size", 201), "BAD_USER_INPUT", "size"},
		{"no tables", with("tables", 0), "BAD_USER_INPUT", "tables"},
		{"more tables than size/2", with("tables", 4), "BAD_USER_INPUT", "tables"},
		{"one sector", with("sectors", []string{"PUBLIC"}), "BAD_USER_INPUT", "sectors"},
		{"included and excluded", merge(base, map[string]any{"mustInclude": []string{w.p1}, "exclude": []string{w.p1}}), "BAD_USER_INPUT", "exclude"},
		{"blank id", with("mustInclude", []string{" "}), "BAD_USER_INPUT", "mustInclude"},
	} {
		t.Run(c.name, func(t *testing.T) { a.with(t).failsField(q, map[string]any{"in": c.in}, c.code, c.field) })
	}
	t.Run("unknown topic", func(t *testing.T) {
		a.with(t).fails(q, map[string]any{"in": with("topicId", storetest.ID("no-such-topic"))}, "NOT_FOUND")
	})
	t.Run("private person is not found", func(t *testing.T) {
		e := a.with(t).fails(q, map[string]any{"in": with("mustInclude", []string{w.privateRep})}, "NOT_FOUND")
		if !strings.Contains(e.Message, w.privateRep) {
			t.Errorf("message %q does not name the id", e.Message)
		}
	})
	t.Run("unknown exclude", func(t *testing.T) {
		a.with(t).fails(q, map[string]any{"in": with("exclude", []string{storetest.ID("nobody")})}, "NOT_FOUND")
	})
}

const createWorkshopMutation = `mutation($in: CreateWorkshopInput!){ createWorkshop(input: $in){
	id title date place facilitator size seed sectors mustInclude exclude seatingCsvUrl seatingHtmlUrl topic { id }
	participants { role table person { id } organisation { id } }
	tables { number sectors participants { person { id } } }
	unmetConstraints { code table }
} }`

type savedWorkshop struct {
	ID, Title, Date, SeatingCsvURL, SeatingHTMLURL string
	Place, Facilitator                             *string
	Participants                                   []planParticipant
	UnmetConstraints                               []struct {
		Code  string
		Table *int
	}
}

func (a *api) createWorkshop(w workshopWorld, title string) savedWorkshop {
	a.t.Helper()
	var out struct{ CreateWorkshop savedWorkshop }
	a.ok(createWorkshopMutation, map[string]any{"in": map[string]any{"title": title, "date": "2026-03-05",
		"place": "Tampere", "facilitator": "Fia Facilitator",
		"plan": map[string]any{"topicId": w.topic, "size": 6, "tables": 2, "sectors": []string{"PUBLIC", "THIRD"}, "seed": 7}}}, &out)
	return out.CreateWorkshop
}

var (
	facilitator = auth.Principal{Subject: "test-facilitator", Roles: []auth.Role{auth.RoleFacilitator}}
	// outsider is a signed-in professional seated at no workshop.
	outsider = auth.Principal{Subject: "test-outsider", Roles: []auth.Role{auth.RoleProfessional}}
)

func TestWorkshopAuthorisation(t *testing.T) {
	a := newAPI(t)
	w := buildWorkshopWorld(t, a)
	editor := auth.Principal{Subject: "test-editor", Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{w.p1}}
	planIn := map[string]any{"in": map[string]any{"topicId": w.topic, "size": 6, "tables": 2}}
	q := `query($in: PlanWorkshopInput!){ planWorkshop(input: $in){ size } }`
	createIn := map[string]any{"in": map[string]any{"title": storetest.ID("Auth workshop"), "date": "2026-03-05",
		"plan": planIn["in"]}}
	for _, c := range []struct {
		name   string
		caller *api
		code   string // "" = allowed
	}{
		{"admin", a, ""},
		{"facilitator", a.as(facilitator), ""},
		{"professional", a.as(outsider), "FORBIDDEN"},
		{"org editor", a.as(editor), "FORBIDDEN"},
		{"anonymous", a.anonymous(), "UNAUTHENTICATED"},
	} {
		t.Run(c.name, func(t *testing.T) {
			caller := c.caller.with(t)
			if c.code == "" {
				caller.ok(q, planIn, nil)
				caller.ok(createWorkshopMutation, createIn, nil)
				return
			}
			caller.fails(q, planIn, c.code)
			caller.fails(createWorkshopMutation, createIn, c.code)
		})
	}

	saved := a.as(facilitator).createWorkshop(w, storetest.ID("Readable"))
	read := `query($id: ID!){ workshop(id: $id){ id participants { person { id } } } }`
	vars := map[string]any{"id": saved.ID}
	// A participant reads the workshop they are seated at; others may not.
	a.as(professional(w.repP1)).ok(read, vars, nil)
	a.as(outsider).fails(read, vars, "FORBIDDEN")
	a.as(editor).fails(read, vars, "FORBIDDEN")
	a.anonymous().fails(read, vars, "UNAUTHENTICATED")
	a.as(outsider).fails(`mutation($id: ID!){ updateWorkshop(id: $id, input: {title: "x"}){ id } }`, vars, "FORBIDDEN")
	a.as(outsider).fails(`mutation($id: ID!, $p: ID!){ removeWorkshopParticipant(workshopId: $id, personId: $p){ id } }`,
		map[string]any{"id": saved.ID, "p": w.repP1}, "FORBIDDEN")

	// A participant's list holds their workshops only.
	var list struct {
		Workshops []struct {
			ID           string
			Participants []planParticipant
		}
	}
	a.as(professional(w.repN1)).ok(`{ workshops(first: 100){ id participants { person { id } } } }`, nil, &list)
	if len(list.Workshops) != 3 { // the admin's, the facilitator's and saved
		t.Errorf("participant sees %d workshops, want the 3 they are seated at", len(list.Workshops))
	}
	for _, ws := range list.Workshops {
		if !slices.ContainsFunc(ws.Participants, func(p planParticipant) bool { return p.Person.ID == w.repN1 }) {
			t.Errorf("participant sees workshop %s without a seat there", ws.ID)
		}
	}
}

func TestWorkshopSaveAndEdit(t *testing.T) {
	a := newAPI(t)
	w := buildWorkshopWorld(t, a)
	title := storetest.ID("Kick-off")
	saved := a.as(facilitator).createWorkshop(w, title)
	if saved.Title != title || saved.Date != "2026-03-05" || saved.Place == nil || *saved.Place != "Tampere" ||
		len(saved.Participants) != 6 || len(saved.UnmetConstraints) != 0 {
		t.Fatalf("saved workshop %+v", saved)
	}
	if saved.SeatingCsvURL != "/workshops/"+saved.ID+"/seating.csv" || saved.SeatingHTMLURL != "/workshops/"+saved.ID+"/seating.html" {
		t.Errorf("export urls %q %q", saved.SeatingCsvURL, saved.SeatingHTMLURL)
	}
	// The saved plan is the previewed one.
	preview, _ := a.plan(map[string]any{"topicId": w.topic, "size": 6, "tables": 2, "sectors": []string{"PUBLIC", "THIRD"}, "seed": 7})
	if !jsonEqual(preview.Participants, saved.Participants) {
		t.Errorf("saved seating differs from the preview:\n%+v\n%+v", saved.Participants, preview.Participants)
	}

	read := `query($id: ID!){ workshop(id: $id){ title place facilitator
		participants { role table person { id } organisation { id } } unmetConstraints { code table } } }`
	vars := map[string]any{"id": saved.ID}
	before := string(a.raw(read, vars))

	// Failed edits change nothing.
	add := `mutation($id: ID!, $in: AddWorkshopParticipantInput!){ addWorkshopParticipant(workshopId: $id, input: $in){ id } }`
	a.failsField(add, map[string]any{"id": saved.ID, "in": map[string]any{"personId": w.closedTranslator, "table": 1, "role": "TRANSLATOR"}}, "BAD_USER_INPUT", "personId")
	a.fails(add, map[string]any{"id": saved.ID, "in": map[string]any{"personId": w.privateTranslator, "table": 1, "role": "TRANSLATOR"}}, "NOT_FOUND")
	a.failsField(add, map[string]any{"id": saved.ID, "in": map[string]any{"personId": w.otherRep, "organisationId": w.p1, "table": 1, "role": "ORGANISATION_REP"}}, "BAD_USER_INPUT", "organisationId")
	a.failsField(add, map[string]any{"id": saved.ID, "in": map[string]any{"personId": w.otherRep, "organisationId": w.otherTopicOrg, "table": 3, "role": "ORGANISATION_REP"}}, "BAD_USER_INPUT", "table")
	a.fails(add, map[string]any{"id": saved.ID, "in": map[string]any{"personId": w.repP1, "organisationId": w.p1, "table": 1, "role": "ORGANISATION_REP"}}, "CONFLICT")
	a.failsField(`mutation($id: ID!){ moveWorkshopParticipant(workshopId: $id, personId: "nobody", table: 1){ id } }`, vars, "BAD_USER_INPUT", "personId")
	a.failsField(`mutation($id: ID!){ updateWorkshop(id: $id, input: {title: "  "}){ id } }`, vars, "BAD_USER_INPUT", "title")
	a.fails(`mutation{ moveWorkshopParticipant(workshopId: "no-such-workshop", personId: "x", table: 1){ id } }`, nil, "NOT_FOUND")
	if after := string(a.raw(read, vars)); after != before {
		t.Fatalf("failed edits changed the workshop:\n%s\n%s", before, after)
	}

	// Edits are checked again: swapping the public representatives seats
	// past partners p1 and n1 together; moving one away leaves a table of
	// one sector. Undoing each restores a clean plan.
	tableOf := map[string]int{}
	for _, p := range saved.Participants {
		tableOf[p.Person.ID] = int(p.Table.(float64))
	}
	type unmet = []struct {
		Code  string
		Table *int
	}
	edit := func(mutation string, v map[string]any) unmet {
		t.Helper()
		var out map[string]struct{ UnmetConstraints unmet }
		a.ok(mutation, merge(vars, v), &out)
		for _, ws := range out {
			return ws.UnmetConstraints
		}
		return nil
	}
	has := func(u unmet, code string, table int) bool {
		return slices.ContainsFunc(u, func(c struct {
			Code  string
			Table *int
		}) bool {
			return c.Code == code && c.Table != nil && *c.Table == table
		})
	}
	swap := `mutation($id: ID!, $ps: [ID!]!){ swapWorkshopParticipants(workshopId: $id, personIds: $ps){ unmetConstraints { code table } } }`
	move := `mutation($id: ID!, $p: ID!, $t: Int!){ moveWorkshopParticipant(workshopId: $id, personId: $p, table: $t){ unmetConstraints { code table } } }`
	if u := edit(swap, map[string]any{"ps": []string{w.repP1, w.repP2}}); len(u) != 1 || !has(u, "TABLE_NO_UNUSUAL_PAIRING", tableOf[w.repN1]) {
		t.Errorf("after seating p1 with n1, unmet %+v, want TABLE_NO_UNUSUAL_PAIRING at table %d", u, tableOf[w.repN1])
	}
	if u := edit(swap, map[string]any{"ps": []string{w.repP1, w.repP2}}); len(u) != 0 {
		t.Errorf("after swapping back, unmet %+v, want none", u)
	}
	if u := edit(move, map[string]any{"p": w.repP1, "t": 3 - tableOf[w.repP1]}); !has(u, "TABLE_SINGLE_SECTOR", tableOf[w.repP1]) {
		t.Errorf("after the move, unmet %+v, want TABLE_SINGLE_SECTOR at table %d", u, tableOf[w.repP1])
	}
	if u := edit(move, map[string]any{"p": w.repP1, "t": tableOf[w.repP1]}); len(u) != 0 {
		t.Errorf("after moving back, unmet %+v, want none", u)
	}

	// Add and remove.
	var added struct {
		AddWorkshopParticipant struct{ Participants []planParticipant }
	}
	a.ok(`mutation($id: ID!, $in: AddWorkshopParticipantInput!){ addWorkshopParticipant(workshopId: $id, input: $in){ participants { role table person { id } organisation { id } } } }`,
		map[string]any{"id": saved.ID, "in": map[string]any{"personId": w.otherRep, "organisationId": w.otherTopicOrg, "table": 1, "role": "ORGANISATION_REP"}}, &added)
	if len(added.AddWorkshopParticipant.Participants) != 7 {
		t.Errorf("after adding, %d participants, want 7", len(added.AddWorkshopParticipant.Participants))
	}
	var removed struct {
		RemoveWorkshopParticipant struct{ Participants []planParticipant }
	}
	a.ok(`mutation($id: ID!, $p: ID!){ removeWorkshopParticipant(workshopId: $id, personId: $p){ participants { person { id } } } }`,
		map[string]any{"id": saved.ID, "p": w.otherRep}, &removed)
	if len(removed.RemoveWorkshopParticipant.Participants) != 6 {
		t.Errorf("after removing, %d participants, want 6", len(removed.RemoveWorkshopParticipant.Participants))
	}

	// Update fields; null clears an optional one.
	a.okJSON(`mutation($id: ID!){ updateWorkshop(id: $id, input: {title: "Renamed", place: null, date: "2026-04-01"}){ title place date facilitator } }`,
		vars, `{"updateWorkshop": {"title": "Renamed", "place": null, "date": "2026-04-01", "facilitator": "Fia Facilitator"}}`)

	// A create that fails writes nothing.
	badTitle := storetest.ID("Never saved")
	a.failsField(createWorkshopMutation, map[string]any{"in": map[string]any{"title": badTitle, "date": "2026-03-05",
		"plan": map[string]any{"topicId": w.topic, "size": 6, "tables": 9}}}, "BAD_USER_INPUT", "tables")
	var list struct{ Workshops []struct{ Title string } }
	a.ok(`{ workshops(first: 100){ title } }`, nil, &list)
	for _, ws := range list.Workshops {
		if ws.Title == badTitle {
			t.Errorf("a failed createWorkshop saved %q", badTitle)
		}
	}
}

func TestWorkshopOutcomes(t *testing.T) {
	a := newAPI(t)
	w := buildWorkshopWorld(t, a)
	first := a.createWorkshop(w, storetest.ID("Origin"))
	second := a.createWorkshop(w, storetest.ID("Other"))
	collab := a.newCollab(map[string]any{"partners": lead(w.p2)})
	link := `mutation($c: ID!, $w: ID!){ linkCollaborationToWorkshop(collaborationId: $c, workshopId: $w){ outcomes { id } } }`
	unlink := `mutation($c: ID!, $w: ID!){ unlinkCollaborationFromWorkshop(collaborationId: $c, workshopId: $w){ outcomes { id } } }`
	vars := map[string]any{"c": collab, "w": first.ID}

	a.as(outsider).fails(link, vars, "FORBIDDEN")
	a.okJSON(link, vars, `{"linkCollaborationToWorkshop": {"outcomes": [{"id": "`+collab+`"}]}}`)
	a.okJSON(link, vars, `{"linkCollaborationToWorkshop": {"outcomes": [{"id": "`+collab+`"}]}}`) // idempotent
	a.fails(link, map[string]any{"c": collab, "w": second.ID}, "CONFLICT")
	a.fails(link, map[string]any{"c": storetest.ID("no-collab"), "w": first.ID}, "NOT_FOUND")

	origin := `query($c: ID!){ collaboration(id: $c){ workshop { id title } } }`
	var got struct {
		Collaboration struct{ Workshop *struct{ ID string } }
	}
	a.as(facilitator).ok(origin, map[string]any{"c": collab}, &got)
	if got.Collaboration.Workshop == nil || got.Collaboration.Workshop.ID != first.ID {
		t.Errorf("collaboration.workshop = %+v, want %s", got.Collaboration.Workshop, first.ID)
	}
	// Those who may not read the workshop see no origin.
	a.anonymous().okJSON(origin, map[string]any{"c": collab}, `{"collaboration": {"workshop": null}}`)
	a.as(outsider).okJSON(origin, map[string]any{"c": collab}, `{"collaboration": {"workshop": null}}`)

	a.okJSON(unlink, vars, `{"unlinkCollaborationFromWorkshop": {"outcomes": []}}`)
	a.fails(unlink, vars, "NOT_FOUND")
	a.okJSON(origin, map[string]any{"c": collab}, `{"collaboration": {"workshop": null}}`)

	// Deleting a workshop keeps the collaborations it started, unlinked.
	a.okJSON(link, map[string]any{"c": collab, "w": second.ID}, `{"linkCollaborationToWorkshop": {"outcomes": [{"id": "`+collab+`"}]}}`)
	del := `mutation($w: ID!){ deleteWorkshop(id: $w) }`
	a.as(outsider).fails(del, map[string]any{"w": second.ID}, "FORBIDDEN")
	a.as(facilitator).okJSON(del, map[string]any{"w": second.ID}, `{"deleteWorkshop": "`+second.ID+`"}`)
	a.fails(del, map[string]any{"w": second.ID}, "NOT_FOUND")
	a.fails(`query($w: ID!){ workshop(id: $w){ id } }`, map[string]any{"w": second.ID}, "NOT_FOUND")
	a.okJSON(origin, map[string]any{"c": collab}, `{"collaboration": {"workshop": null}}`)
}

// getAs fetches path with the caller's bearer token.
func (a *api) getAs(path string) (int, string, http.Header) {
	a.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, a.url+path, nil)
	if b := a.bearer(); b != "" {
		req.Header.Set("Authorization", b)
	}
	if a.language != "" {
		req.Header.Set("Accept-Language", a.language)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatalf("get %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), resp.Header
}

func TestWorkshopSeatingExports(t *testing.T) {
	a := newAPI(t)
	w := buildWorkshopWorld(t, a)
	saved := a.createWorkshop(w, `<script>alert("x")</script> & co`)

	status, body, header := a.as(facilitator).getAs(saved.SeatingCsvURL)
	if status != http.StatusOK || !strings.HasPrefix(header.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: status %d, type %q: %s", status, header.Get("Content-Type"), body)
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("parse csv: %v", err)
	}
	if want := []string{"table", "role", "person_id", "person_name", "organisation_id", "organisation_name", "sector"}; !slices.Equal(rows[0], want) {
		t.Errorf("header %v, want %v", rows[0], want)
	}
	if len(rows) != 1+6 {
		t.Fatalf("%d rows, want a header and 6 participants", len(rows))
	}
	for _, r := range rows[1:] {
		switch r[1] {
		case "TRANSLATOR":
			if r[4] != "" || r[6] != "" || (r[2] != w.tx && r[2] != w.ty) {
				t.Errorf("translator row %v", r)
			}
		case "ORGANISATION_REP":
			if r[4] == "" || r[5] == "" || (r[6] != "PUBLIC" && r[6] != "THIRD") {
				t.Errorf("representative row %v", r)
			}
		default:
			t.Errorf("row %v has role %q", r, r[1])
		}
		if r[3] == "" || (r[0] != "1" && r[0] != "2") {
			t.Errorf("row %v lacks a name or a table", r)
		}
	}

	status, page, header := a.getAs(saved.SeatingHTMLURL)
	if status != http.StatusOK || !strings.HasPrefix(header.Get("Content-Type"), "text/html") {
		t.Fatalf("html: status %d: %s", status, page)
	}
	if strings.Contains(page, `<script>alert`) || !strings.Contains(page, `&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co`) {
		t.Errorf("title not escaped in the page:\n%s", page)
	}
	if strings.Count(page, `<section class="table">`) != 2 || !strings.Contains(page, "@media print") {
		t.Errorf("page lacks one printable block per table")
	}

	for _, c := range []struct {
		name   string
		caller *api
		path   string
		status int
	}{
		{"anonymous", a.anonymous(), saved.SeatingCsvURL, http.StatusUnauthorized},
		{"professional", a.as(outsider), saved.SeatingHTMLURL, http.StatusForbidden},
		{"participant", a.as(professional(w.repN2)), saved.SeatingCsvURL, http.StatusOK},
		{"unknown", a, "/workshops/" + storetest.ID("nope") + "/seating.csv", http.StatusNotFound},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, body, header := c.caller.with(t).getAs(c.path)
			if status != c.status {
				t.Errorf("status %d, want %d: %s", status, c.status, body)
			}
			if status != http.StatusOK && !strings.HasPrefix(header.Get("Content-Type"), "text/plain") {
				t.Errorf("error type %q, want plain text", header.Get("Content-Type"))
			}
		})
	}
}

// Collaboration.workshop and Workshop.outcomes are batched: a list of
// collaborations with their origin and its outcomes costs the same number
// of statements for 2 collaborations as for 8.
func TestWorkshopFieldsAreBatched(t *testing.T) {
	a := privateAPI(t)
	w := buildWorkshopWorld(t, a)
	saved := a.createWorkshop(w, storetest.ID("Batched"))
	var collabs []string
	for i := 0; i < 8; i++ {
		id := a.newCollab(map[string]any{"partners": lead(w.n2)})
		a.ok(`mutation($c: ID!, $w: ID!){ linkCollaborationToWorkshop(collaborationId: $c, workshopId: $w){ id } }`,
			map[string]any{"c": id, "w": saved.ID}, nil)
		collabs = append(collabs, id)
	}
	q := `query($o: ID!){ collaborations(first: 100, filter: {organisationId: $o}){ nodes {
		id workshop { id topic { id } outcomes { id } participants { person { id } organisation { id } } } } } }`
	cost := func() int64 {
		_, n := a.statements(q, map[string]any{"o": w.n2})
		return n
	}
	many := cost()
	for _, id := range collabs[2:] {
		a.ok(`mutation($c: ID!, $w: ID!){ unlinkCollaborationFromWorkshop(collaborationId: $c, workshopId: $w){ id } }`,
			map[string]any{"c": id, "w": saved.ID}, nil)
	}
	if few := cost(); many != few {
		t.Errorf("8 linked collaborations cost %d statements, 2 cost %d: a query per parent", many, few)
	}
}
