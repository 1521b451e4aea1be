package graph_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/storetest"
)

const collaborationFields = `{ id title description form phase startDate endDate
	topics { id } partners { role organisation { id } collaboration { id } }
	contributors { role person { id } collaboration { id } }
	evaluation { rating notes evaluatedAt } phaseHistory { phase note at } createdAt updatedAt }`

// readCollab reads a collaboration with every field.
func (a *api) readCollab(id string) map[string]any {
	a.t.Helper()
	var out struct{ Collaboration map[string]any }
	a.ok(`query($id:ID!){ collaboration(id:$id)`+collaborationFields+` }`, map[string]any{"id": id}, &out)
	return out.Collaboration
}

// collabMutation runs a mutation returning a Collaboration with every field
// and checks that a fresh read agrees with what it returned.
func (a *api) collabMutation(field, args string, vars map[string]any) map[string]any {
	a.t.Helper()
	var out map[string]map[string]any
	a.ok(`mutation`+args+`{ `+field+collaborationFields+` }`, vars, &out)
	name := field[:strings.IndexByte(field, '(')]
	got := out[name]
	id, _ := got["id"].(string)
	if reread := a.readCollab(id); !jsonEqual(got, reread) {
		a.t.Fatalf("%s returned %v but the collaboration reads back as %v", name, got, reread)
	}
	return got
}

func phasesOf(c map[string]any) []string { return strs(c["phaseHistory"], "phase") }

func TestCollaborationByID(t *testing.T) {
	a := newAPI(t)
	topics := a.newTopics(2)
	stem := storetest.ID("")
	leadOrg := a.newOrg(map[string]any{"name": "Z lead " + stem, "sector": "THIRD"})
	funder := a.newOrg(map[string]any{"name": "B funder " + stem, "kind": "STATE_AGENCY", "sector": "PUBLIC"})
	partner := a.newOrg(map[string]any{"name": "A partner " + stem, "kind": "COMPANY", "sector": "PRIVATE"})
	coordinator := a.newPerson(map[string]any{"name": "A coordinator " + stem})
	leader := a.newPerson(map[string]any{"name": "Z leader " + stem})
	volunteer := a.newPerson(map[string]any{"name": "B volunteer " + stem})

	got := a.collabMutation(`createCollaboration(input:$in)`, `($in:CreateCollaborationInput!)`, map[string]any{"in": map[string]any{
		"title": "  Vertaistuki hoitopolulle  ", "description": "Vapaaehtoiset potilaiden hoitopolulla.", "form": "PARTNERSHIP_AGREEMENT",
		"phase": "GOALS_AGREED", "startDate": "2010-03-01", "endDate": "2030-12-31", "topicIds": []string{topics[1], topics[0]},
		"partners": []any{
			map[string]any{"organisationId": funder, "role": "FUNDER"},
			map[string]any{"organisationId": leadOrg, "role": "LEAD"},
			map[string]any{"organisationId": partner, "role": "PARTNER"},
		},
		"contributors": []any{
			map[string]any{"personId": volunteer, "role": "VOLUNTEER"},
			map[string]any{"personId": coordinator, "role": "COORDINATOR"},
			map[string]any{"personId": leader, "role": "LEAD"},
		},
	}})
	id, _ := got["id"].(string)
	hist, _ := got["phaseHistory"].([]any)
	if len(hist) != 1 {
		t.Fatalf("phaseHistory = %v, want one entry", got["phaseHistory"])
	}
	at, err := time.Parse(time.RFC3339, dig(hist, "0.at").(string))
	if err != nil || time.Since(at) > 10*time.Minute {
		t.Fatalf("phaseHistory[0].at = %v (%v), want the time of creation", dig(hist, "0.at"), err)
	}
	for _, k := range []string{"createdAt", "updatedAt", "phaseHistory"} {
		delete(got, k)
	}
	// The LEAD first, then by name; topics by name.
	assertJSON(t, mustMarshal(t, got), fmt.Sprintf(`{"id":%[1]q,"title":"Vertaistuki hoitopolulle",
		"description":"Vapaaehtoiset potilaiden hoitopolulla.","form":"PARTNERSHIP_AGREEMENT","phase":"GOALS_AGREED",
		"startDate":"2010-03-01","endDate":"2030-12-31","topics":[{"id":%[2]q},{"id":%[3]q}],
		"partners":[{"role":"LEAD","organisation":{"id":%[4]q},"collaboration":{"id":%[1]q}},
			{"role":"PARTNER","organisation":{"id":%[5]q},"collaboration":{"id":%[1]q}},
			{"role":"FUNDER","organisation":{"id":%[6]q},"collaboration":{"id":%[1]q}}],
		"contributors":[{"role":"LEAD","person":{"id":%[7]q},"collaboration":{"id":%[1]q}},
			{"role":"COORDINATOR","person":{"id":%[8]q},"collaboration":{"id":%[1]q}},
			{"role":"VOLUNTEER","person":{"id":%[9]q},"collaboration":{"id":%[1]q}}],
		"evaluation":null}`, id, topics[0], topics[1], leadOrg, partner, funder, leader, coordinator, volunteer))
	if phasesOf(map[string]any{"phaseHistory": hist})[0] != "GOALS_AGREED" || dig(hist, "0.note") != "created" {
		t.Fatalf("first history entry = %v", hist[0])
	}

	// The defaults: NEED_IDENTIFIED, no dates, no topics, no contributors.
	minimal := a.collabMutation(`createCollaboration(input:$in)`, `($in:CreateCollaborationInput!)`,
		map[string]any{"in": map[string]any{"title": "Tilat yhdistyksille", "form": "FACILITIES", "partners": lead(leadOrg)}})
	if minimal["phase"] != "NEED_IDENTIFIED" || minimal["startDate"] != nil || minimal["endDate"] != nil ||
		!jsonEqual(minimal["topics"], []any{}) || !jsonEqual(minimal["contributors"], []any{}) ||
		!slices.Equal(phasesOf(minimal), []string{"NEED_IDENTIFIED"}) {
		t.Fatalf("minimal collaboration = %v", minimal)
	}

	a.fails(`query($id:ID!){ collaboration(id:$id){ id } }`, map[string]any{"id": storetest.ID("missing")}, "NOT_FOUND")
}

func TestCollaborationsFilters(t *testing.T) {
	a := newAPI(t)
	topics := a.newTopics(2)
	scope, sub := topics[0], topics[1]
	third := a.newOrg(map[string]any{"sector": "THIRD"})
	public := a.newOrg(map[string]any{"kind": "MUNICIPALITY", "sector": "PUBLIC"})
	academia := a.newOrg(map[string]any{"kind": "UNIVERSITY", "sector": "ACADEMIA"})
	titleWord, descWord := word("Kumppanuuspöytä"), word("hautomo")

	c1 := a.newCollab(map[string]any{"title": "Maahanmuuttajien " + titleWord, "form": "PROJECT", "topicIds": []string{scope, sub},
		"partners": lead(third)})
	c2 := a.newCollab(map[string]any{"form": "FACILITIES", "phase": "LAUNCHED", "topicIds": []string{scope},
		"description": "Järjestöjen " + descWord + " kaupungin tiloissa",
		"partners":    []any{map[string]any{"organisationId": public, "role": "LEAD"}, map[string]any{"organisationId": third, "role": "PARTNER"}}})
	c3 := a.newCollab(map[string]any{"form": "GRANT_AGREEMENT", "phase": "GOALS_AGREED", "topicIds": []string{scope},
		"partners": lead(academia)})
	// Outside the scope topic, but otherwise like c1.
	a.newCollab(map[string]any{"title": "Maahanmuuttajien " + titleWord, "form": "PROJECT", "partners": lead(third)})

	cases := []struct {
		name   string
		filter map[string]any
		want   []string
	}{
		{"topic only", map[string]any{}, []string{c1, c2, c3}},
		{"other topic", map[string]any{"topicId": sub}, []string{c1}},
		{"phase NEED_IDENTIFIED", map[string]any{"phase": "NEED_IDENTIFIED"}, []string{c1}},
		{"phase LAUNCHED", map[string]any{"phase": "LAUNCHED"}, []string{c2}},
		{"phase EVALUATED", map[string]any{"phase": "EVALUATED"}, nil},
		{"form", map[string]any{"form": "GRANT_AGREEMENT"}, []string{c3}},
		{"form none", map[string]any{"form": "FUNCTIONAL_COOPERATION"}, nil},
		{"sector THIRD, any role", map[string]any{"sector": "THIRD"}, []string{c1, c2}},
		{"sector PUBLIC", map[string]any{"sector": "PUBLIC"}, []string{c2}},
		{"sector PRIVATE", map[string]any{"sector": "PRIVATE"}, nil},
		{"organisation", map[string]any{"organisationId": third}, []string{c1, c2}},
		{"organisation lead only", map[string]any{"organisationId": academia}, []string{c3}},
		{"search title prefix", map[string]any{"search": titleWord[:13]}, []string{c1}},
		{"search description prefix", map[string]any{"search": strings.ToUpper(descWord[:12])}, []string{c2}},
		{"search lucene syntax", map[string]any{"search": `(( AND "`}, nil},
		{"search lucene operators", map[string]any{"search": `title:x* OR ) ] } ^2 ~ +hautomo -x`}, nil},
		{"combined", map[string]any{"phase": "LAUNCHED", "form": "FACILITIES", "sector": "PUBLIC", "organisationId": third, "search": descWord}, []string{c2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := a.with(t)
			filter := merge(map[string]any{"topicId": scope}, c.filter)
			d := a.data(`query($f:CollaborationFilter){ collaborations(filter:$f, first:50){ totalCount nodes { id } } }`,
				map[string]any{"f": filter})
			if got := strs(dig(d, "collaborations.nodes"), "id"); !sameSet(got, c.want) {
				t.Fatalf("collaborations(%v) = %v, want %v", filter, got, c.want)
			}
			if total := dig(d, "collaborations.totalCount"); total != float64(len(c.want)) {
				t.Fatalf("totalCount = %v, want %d", total, len(c.want))
			}
		})
	}
}

func TestCollaborationsPaging(t *testing.T) {
	a := newAPI(t)
	topic := a.newTopics(1)[0]
	org := a.newOrg(nil)
	var ids []string
	for _, title := range []string{"Peer support", "Sama otsikko", "Askel", "Sama otsikko", "Kylätalo", "Sama otsikko"} {
		ids = append(ids, a.newCollab(map[string]any{"title": title, "topicIds": []string{topic}, "partners": lead(org)}))
	}
	fetch := func(first int, after *string) connPage {
		var out struct{ Collaborations connPage }
		a.ok(`query($t:ID!,$n:Int,$after:String){ collaborations(filter:{topicId:$t}, first:$n, after:$after){
			totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
			edges { cursor node { id title } } nodes { id title } } }`,
			map[string]any{"t": topic, "n": first, "after": after}, &out)
		return out.Collaborations
	}
	for n := 1; n <= 7; n++ {
		got := pageAll(t, fetch, n, len(ids))
		checkOrder(t, got, ids, func(p pageNode) string { return p.Title })
		if got[3].Title != "Sama otsikko" || got[5].Title != "Sama otsikko" {
			t.Fatalf("titles out of order: %v", got)
		}
	}
}

func TestUpdateCollaboration(t *testing.T) {
	a := newAPI(t)
	topics := a.newTopics(2)
	org := a.newOrg(nil)
	id := a.newCollab(map[string]any{"title": "Olohuone", "description": "Matalan kynnyksen kohtaamispaikka.", "form": "FACILITIES",
		"startDate": "2022-01-01", "endDate": "2022-12-31", "topicIds": []string{topics[0]}, "partners": lead(org)})
	before := a.readCollab(id)
	update := func(input map[string]any) map[string]any {
		return a.collabMutation(`updateCollaboration(id:$id, input:$in)`, `($id:ID!,$in:UpdateCollaborationInput!)`,
			map[string]any{"id": id, "in": input})
	}

	got := update(map[string]any{"title": " Olohuone 2.0 "})
	if got["title"] != "Olohuone 2.0" {
		t.Fatalf("title = %v", got["title"])
	}
	for _, k := range []string{"description", "form", "phase", "startDate", "endDate", "topics", "partners", "phaseHistory", "createdAt"} {
		if !jsonEqual(got[k], before[k]) {
			t.Fatalf("%s changed from %v to %v though it was left out", k, before[k], got[k])
		}
	}

	got = update(map[string]any{"form": "FUNCTIONAL_COOPERATION", "endDate": "2026-06-30", "topicIds": []string{topics[1], topics[0]}})
	if got["form"] != "FUNCTIONAL_COOPERATION" || got["endDate"] != "2026-06-30" || got["startDate"] != "2022-01-01" ||
		!slices.Equal(strs(got["topics"], "id"), topics) {
		t.Fatalf("after update: %v", got)
	}

	got = update(map[string]any{"endDate": nil, "description": nil, "topicIds": []string{}})
	if got["endDate"] != nil || got["startDate"] != "2022-01-01" || !jsonEqual(got["topics"], []any{}) {
		t.Fatalf("after clearing: %v", got)
	}
	if d := got["description"]; d != nil && d != "" {
		t.Fatalf("description after null = %v, want cleared", d)
	}
	// Moving the start past the (now open) end is fine; the phase is untouched.
	got = update(map[string]any{"startDate": "2027-01-01"})
	if got["startDate"] != "2027-01-01" || got["phase"] != "NEED_IDENTIFIED" {
		t.Fatalf("after moving the start: %v", got)
	}
}

func TestPartnersAndContributors(t *testing.T) {
	a := newAPI(t)
	stem := storetest.ID("")
	leadOrg := a.newOrg(map[string]any{"name": "C lead " + stem})
	funder := a.newOrg(map[string]any{"name": "A funder " + stem, "kind": "FOUNDATION"})
	space := a.newOrg(map[string]any{"name": "B space " + stem, "kind": "MUNICIPALITY", "sector": "PUBLIC"})
	p1 := a.newPerson(map[string]any{"name": "A " + stem})
	p2 := a.newPerson(map[string]any{"name": "B " + stem})
	id := a.newCollab(map[string]any{"partners": lead(leadOrg)})

	partners := func(c map[string]any) string {
		var out []string
		for _, p := range c["partners"].([]any) {
			out = append(out, fmt.Sprintf("%s:%s", dig(p, "organisation.id"), dig(p, "role")))
		}
		return strings.Join(out, " ")
	}
	got := a.collabMutation(`addPartner(collaborationId:$c, organisationId:$o, role:FUNDER)`, `($c:ID!,$o:ID!)`,
		map[string]any{"c": id, "o": funder})
	got = a.collabMutation(`addPartner(collaborationId:$c, organisationId:$o, role:FACILITY_PROVIDER)`, `($c:ID!,$o:ID!)`,
		map[string]any{"c": id, "o": space})
	if want := leadOrg + ":LEAD " + funder + ":FUNDER " + space + ":FACILITY_PROVIDER"; partners(got) != want {
		t.Fatalf("partners = %s, want %s", partners(got), want)
	}
	a.okJSON(`query($id:ID!){ organisation(id:$id){ collaborations { role collaboration { id } } } }`, map[string]any{"id": space},
		fmt.Sprintf(`{"organisation":{"collaborations":[{"role":"FACILITY_PROVIDER","collaboration":{"id":%q}}]}}`, id))

	// The LEAD stays while others remain.
	a.fails(`mutation($c:ID!,$o:ID!){ removePartner(collaborationId:$c, organisationId:$o){ id } }`,
		map[string]any{"c": id, "o": leadOrg}, "CONFLICT")
	got = a.collabMutation(`removePartner(collaborationId:$c, organisationId:$o)`, `($c:ID!,$o:ID!)`, map[string]any{"c": id, "o": funder})
	if want := leadOrg + ":LEAD " + space + ":FACILITY_PROVIDER"; partners(got) != want {
		t.Fatalf("partners after removal = %s, want %s", partners(got), want)
	}
	a.okJSON(`query($id:ID!){ organisation(id:$id){ collaborations { role } } }`, map[string]any{"id": funder},
		`{"organisation":{"collaborations":[]}}`)
	got = a.collabMutation(`removePartner(collaborationId:$c, organisationId:$o)`, `($c:ID!,$o:ID!)`, map[string]any{"c": id, "o": space})
	if partners(got) != leadOrg+":LEAD" {
		t.Fatalf("partners = %s", partners(got))
	}
	// The last partner stays.
	a.fails(`mutation($c:ID!,$o:ID!){ removePartner(collaborationId:$c, organisationId:$o){ id } }`,
		map[string]any{"c": id, "o": leadOrg}, "CONFLICT")
	// A partner removed can come back, in another role.
	got = a.collabMutation(`addPartner(collaborationId:$c, organisationId:$o, role:PARTNER)`, `($c:ID!,$o:ID!)`,
		map[string]any{"c": id, "o": funder})
	if partners(got) != leadOrg+":LEAD "+funder+":PARTNER" {
		t.Fatalf("partners = %s", partners(got))
	}

	contributors := func(c map[string]any) string {
		var out []string
		for _, k := range c["contributors"].([]any) {
			out = append(out, fmt.Sprintf("%s:%s", dig(k, "person.id"), dig(k, "role")))
		}
		return strings.Join(out, " ")
	}
	got = a.collabMutation(`addContributor(collaborationId:$c, personId:$p, role:FACILITATOR)`, `($c:ID!,$p:ID!)`,
		map[string]any{"c": id, "p": p1})
	got = a.collabMutation(`addContributor(collaborationId:$c, personId:$p, role:LEAD)`, `($c:ID!,$p:ID!)`,
		map[string]any{"c": id, "p": p2})
	if want := p2 + ":LEAD " + p1 + ":FACILITATOR"; contributors(got) != want {
		t.Fatalf("contributors = %s, want %s", contributors(got), want)
	}
	a.okJSON(`query($id:ID!){ person(id:$id){ contributions { role collaboration { id } } } }`, map[string]any{"id": p1},
		fmt.Sprintf(`{"person":{"contributions":[{"role":"FACILITATOR","collaboration":{"id":%q}}]}}`, id))
	got = a.collabMutation(`removeContributor(collaborationId:$c, personId:$p)`, `($c:ID!,$p:ID!)`, map[string]any{"c": id, "p": p1})
	if contributors(got) != p2+":LEAD" {
		t.Fatalf("contributors after removal = %s", contributors(got))
	}
	a.okJSON(`query($id:ID!){ person(id:$id){ contributions { role } } }`, map[string]any{"id": p1}, `{"person":{"contributions":[]}}`)
	got = a.collabMutation(`removeContributor(collaborationId:$c, personId:$p)`, `($c:ID!,$p:ID!)`, map[string]any{"c": id, "p": p2})
	if contributors(got) != "" {
		t.Fatalf("contributors = %s, want none", contributors(got))
	}
}

func TestPhasesAndEvaluation(t *testing.T) {
	a := newAPI(t)
	org := a.newOrg(nil)
	id := a.newCollab(map[string]any{"partners": lead(org)})
	move := func(phase, note string) map[string]any {
		vars := map[string]any{"id": id, "p": phase}
		if note != "" {
			vars["n"] = note
		}
		return a.collabMutation(`moveCollaborationPhase(id:$id, phase:$p, note:$n)`, `($id:ID!,$p:CollaborationPhase!,$n:String)`, vars)
	}
	evaluate := func(rating int, notes string) map[string]any {
		return a.collabMutation(`recordEvaluation(id:$id, input:{rating:$r, notes:$n})`, `($id:ID!,$r:Int!,$n:String)`,
			map[string]any{"id": id, "r": rating, "n": notes})
	}

	move("PARTNERS_MAPPED", "Kumppanit kartoitettu")
	move("GOALS_AGREED", "")
	got := move("PARTNERS_MAPPED", "Uusi kumppani mukaan") // back
	if got["phase"] != "PARTNERS_MAPPED" {
		t.Fatalf("phase = %v", got["phase"])
	}
	got = move("LAUNCHED", "")
	wantHistory := []string{"NEED_IDENTIFIED", "PARTNERS_MAPPED", "GOALS_AGREED", "PARTNERS_MAPPED", "LAUNCHED"}
	if !slices.Equal(phasesOf(got), wantHistory) {
		t.Fatalf("history = %v, want %v", phasesOf(got), wantHistory)
	}
	if notes := strs(got["phaseHistory"], "note"); notes[1] != "Kumppanit kartoitettu" || notes[3] != "Uusi kumppani mukaan" {
		t.Fatalf("history notes = %q", notes)
	}
	// Moving to the phase it is in changes nothing.
	if same := move("LAUNCHED", "again"); !slices.Equal(phasesOf(same), wantHistory) {
		t.Fatalf("a move to the current phase changed the history: %v", phasesOf(same))
	}
	// EVALUATED needs an evaluation.
	a.fails(`mutation($id:ID!){ moveCollaborationPhase(id:$id, phase:EVALUATED){ id } }`, map[string]any{"id": id}, "CONFLICT")
	if c := a.readCollab(id); c["phase"] != "LAUNCHED" || c["evaluation"] != nil {
		t.Fatalf("the refused move changed the collaboration: %v", c)
	}

	got = evaluate(4, "Hyvä alku; jatketaan.")
	if got["phase"] != "EVALUATED" || dig(got, "evaluation.rating") != float64(4) || dig(got, "evaluation.notes") != "Hyvä alku; jatketaan." {
		t.Fatalf("after evaluation: %v", got)
	}
	wantHistory = append(wantHistory, "EVALUATED")
	if !slices.Equal(phasesOf(got), wantHistory) {
		t.Fatalf("history = %v, want %v", phasesOf(got), wantHistory)
	}
	// A new evaluation replaces the old without another phase change.
	got = evaluate(5, "")
	if dig(got, "evaluation.rating") != float64(5) || !slices.Equal(phasesOf(got), wantHistory) {
		t.Fatalf("after re-evaluation: %v", got)
	}
	// Back to LAUNCHED keeps the evaluation, so EVALUATED may follow directly.
	got = move("LAUNCHED", "Toinen kausi")
	if got["phase"] != "LAUNCHED" || dig(got, "evaluation.rating") != float64(5) {
		t.Fatalf("after moving back: %v", got)
	}
	got = move("EVALUATED", "")
	wantHistory = append(wantHistory, "LAUNCHED", "EVALUATED")
	if !slices.Equal(phasesOf(got), wantHistory) {
		t.Fatalf("history = %v, want %v", phasesOf(got), wantHistory)
	}
	var last time.Time
	for i, at := range strs(got["phaseHistory"], "at") {
		ts, err := time.Parse(time.RFC3339, at)
		if err != nil || ts.Before(last) {
			t.Fatalf("phaseHistory[%d].at = %q is not a time at or after the one before (%v)", i, at, err)
		}
		last = ts
	}
	if ev, err := time.Parse(time.RFC3339, dig(got, "evaluation.evaluatedAt").(string)); err != nil || ev.After(last) {
		t.Fatalf("evaluatedAt %v is not before the last move %v", dig(got, "evaluation.evaluatedAt"), last)
	}
}
