package graph_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/storetest"
)

// rawCypher runs a write straight against the test database, past the
// store: for facts no API can set, such as a collaboration that has not
// moved for months.
func rawCypher(t *testing.T, cypher string, params map[string]any) {
	t.Helper()
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	driver, err := neo4j.NewDriverWithContext(cfg.Neo4j.URI, neo4j.BasicAuth(cfg.Neo4j.Username, cfg.Neo4j.Password, ""))
	if err != nil {
		t.Fatalf("driver: %v", err)
	}
	defer driver.Close(ctx)
	if _, err := neo4j.ExecuteQuery(ctx, driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(cfg.Neo4j.Database)); err != nil {
		t.Fatalf("cypher: %v", err)
	}
}

// backdate makes collaboration id's last phase change days ago.
func backdate(t *testing.T, id string, days int) {
	t.Helper()
	rawCypher(t, "MATCH (c:Collaboration {id: $id}) SET c.lastPhaseChangeAt = datetime() - duration({days: $days})",
		map[string]any{"id": id, "days": days})
}

// collaborationsOneByOne pages through the collaborations matching filter
// in order, one per page (at most 20 pages): their ids.
func collaborationsOneByOne(a *api, filter, order map[string]any) []string {
	a.t.Helper()
	var paged []string
	var after any
	for range 20 {
		var out struct{ Collaborations connPage }
		a.ok(`query($f:CollaborationFilter,$o:CollaborationOrder,$after:String){ collaborations(filter:$f, orderBy:$o, first:1, after:$after){
			pageInfo { hasNextPage endCursor } edges { cursor node { id title } } nodes { id title } } }`,
			map[string]any{"f": filter, "o": order, "after": after}, &out)
		for _, n := range out.Collaborations.Nodes {
			paged = append(paged, n.ID)
		}
		if !out.Collaborations.PageInfo.HasNextPage {
			break
		}
		after = out.Collaborations.PageInfo.EndCursor
	}
	return paged
}

func coordinator() auth.Principal {
	return auth.Principal{Subject: storetest.ID("coordinator"), Roles: []auth.Role{auth.RoleCoordinator}}
}

func TestCollaborationsBoardFilters(t *testing.T) {
	a := newAPI(t)
	topic := a.newTopics(1)[0]
	region := storetest.ID("Kainuu")
	here := a.newOrg(map[string]any{"region": region})
	elsewhere := a.newOrg(map[string]any{"sector": "PUBLIC", "kind": "MUNICIPALITY"})
	fresh := a.newCollab(map[string]any{"title": "A " + storetest.ID("c"), "topicIds": []string{topic}, "partners": lead(here),
		"startDate": "2024-03-01"})
	stalled := a.newCollab(map[string]any{"title": "B " + storetest.ID("c"), "topicIds": []string{topic}, "partners": lead(elsewhere),
		"phase": "LAUNCHED", "startDate": "2021-01-01"})
	oldDone := a.newCollab(map[string]any{"title": "C " + storetest.ID("c"), "topicIds": []string{topic}, "phase": "LAUNCHED",
		"partners": []any{map[string]any{"organisationId": elsewhere, "role": "LEAD"}, map[string]any{"organisationId": here, "role": "PARTNER"}}})
	a.ok(`mutation($c:ID!){ recordEvaluation(id:$c, input:{rating:3}){ id } }`, map[string]any{"c": oldDone}, nil)
	backdate(t, stalled, 100)
	backdate(t, oldDone, 200)

	list := func(filter map[string]any, order map[string]any) []string {
		t.Helper()
		d := a.data(`query($f:CollaborationFilter,$o:CollaborationOrder){ collaborations(filter:$f, orderBy:$o, first:50){ totalCount nodes { id lastPhaseChangeAt } } }`,
			map[string]any{"f": merge(map[string]any{"topicId": topic}, filter), "o": order})
		return strs(dig(d, "collaborations.nodes"), "id")
	}
	for name, c := range map[string]struct {
		filter map[string]any
		want   []string
	}{
		"region":                   {map[string]any{"region": region}, []string{fresh, oldDone}},
		"stalled 90 days":          {map[string]any{"stalledFor": "P90D"}, []string{stalled}},
		"stalled 3 months":         {map[string]any{"stalledFor": "P3M"}, []string{stalled}},
		"stalled 1 year":           {map[string]any{"stalledFor": "P1Y"}, nil},
		"stalled, region":          {map[string]any{"stalledFor": "P30D", "region": region}, nil},
		"stalled a minute, phase":  {map[string]any{"stalledFor": "PT1M", "phase": "LAUNCHED"}, []string{stalled}},
		"partner (organisationId)": {map[string]any{"organisationId": here}, []string{fresh, oldDone}},
	} {
		if got := list(c.filter, nil); !sameSet(got, c.want) {
			t.Errorf("%s: %v, want %v", name, got, c.want)
		}
	}
	for name, c := range map[string]struct {
		order map[string]any
		want  []string
	}{
		"title":                  {nil, []string{fresh, stalled, oldDone}},
		"title desc":             {map[string]any{"field": "TITLE", "direction": "DESC"}, []string{oldDone, stalled, fresh}},
		"started, missing last":  {map[string]any{"field": "STARTED"}, []string{stalled, fresh, oldDone}},
		"started desc":           {map[string]any{"field": "STARTED", "direction": "DESC"}, []string{fresh, stalled, oldDone}},
		"last phase change":      {map[string]any{"field": "LAST_PHASE_CHANGE"}, []string{oldDone, stalled, fresh}},
		"last phase change desc": {map[string]any{"field": "LAST_PHASE_CHANGE", "direction": "DESC"}, []string{fresh, stalled, oldDone}},
	} {
		if got := list(nil, c.order); strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("order %s: %v, want %v", name, got, c.want)
		}
		// Paging one at a time keeps the order.
		paged := collaborationsOneByOne(a, map[string]any{"topicId": topic}, c.order)
		if strings.Join(paged, ",") != strings.Join(c.want, ",") {
			t.Errorf("order %s, one per page: %v, want %v", name, paged, c.want)
		}
	}
	for _, bad := range []map[string]any{{"stalledFor": "P0D"}, {"stalledFor": "90 days"}, {"stalledFor": "-P1D"}, {"phase": "SOMEDAY"}} {
		a.fails(`query($f:CollaborationFilter){ collaborations(filter:$f){ totalCount } }`, map[string]any{"f": bad}, "BAD_USER_INPUT")
	}
	a.fails(`query{ collaborations(orderBy:{field:NAME}){ totalCount } }`, nil, "BAD_USER_INPUT")
}

func TestCollaborationNotes(t *testing.T) {
	a := newAPI(t)
	org := a.newOrg(nil)
	author := a.newPerson(map[string]any{"visibility": "MEMBERS"})
	c := a.newCollab(map[string]any{"partners": lead(org)})
	coord := a.as(auth.Principal{Subject: author, Roles: []auth.Role{auth.RoleCoordinator}})
	const add = `mutation($c:ID!,$k:CollaborationNoteKind,$t:String!){ addCollaborationNote(collaborationId:$c, kind:$k, text:$t){
		id notes { kind text at author { id } } } }`
	coord.ok(add, map[string]any{"c": c, "t": "Kick-off: the partners meet monthly."}, nil)
	d := coord.data(add, map[string]any{"c": c, "k": "DECISION", "t": "The city lends the premises until June."})
	notes := asList(dig(d, "addCollaborationNote.notes"))
	if len(notes) != 2 || dig(notes[0], "kind") != "NOTE" || dig(notes[1], "kind") != "DECISION" ||
		dig(notes[1], "author.id") != author || dig(notes[1], "text") != "The city lends the premises until June." {
		t.Fatalf("notes %v", notes)
	}
	// Anonymous callers do not see a MEMBERS author, but the note.
	d = a.anonymous().data(`query($c:ID!){ collaboration(id:$c){ notes { text author { id } } } }`, map[string]any{"c": c})
	if n := asList(dig(d, "collaboration.notes")); len(n) != 2 || dig(n[1], "author") != nil {
		t.Fatalf("anonymous reads notes %v, want two without an author", n)
	}
	// Refusals and bad input write nothing.
	before := a.data(`query($c:ID!){ collaboration(id:$c){ notes { text } updatedAt } }`, map[string]any{"c": c})
	a.as(auth.Principal{Subject: storetest.ID("fac"), Roles: []auth.Role{auth.RoleFacilitator}}).
		fails(add, map[string]any{"c": c, "t": "x"}, "FORBIDDEN")
	a.anonymous().fails(add, map[string]any{"c": c, "t": "x"}, "FORBIDDEN")
	coord.fails(add, map[string]any{"c": c, "t": strings.Repeat("a", 10001)}, "BAD_USER_INPUT")
	coord.fails(add, map[string]any{"c": c, "t": "  "}, "BAD_USER_INPUT")
	coord.fails(add, map[string]any{"c": c, "k": "GOSSIP", "t": "x"}, "BAD_USER_INPUT")
	coord.fails(add, map[string]any{"c": storetest.ID("nope"), "t": "x"}, "NOT_FOUND")
	after := a.data(`query($c:ID!){ collaboration(id:$c){ notes { text } updatedAt } }`, map[string]any{"c": c})
	if !jsonEqual(before, after) {
		t.Fatalf("a refused note changed the collaboration: %v → %v", before, after)
	}
	coord.ok(add, map[string]any{"c": c, "t": strings.Repeat("ä", 10000)}, nil)
}

// Two coordinators moving one collaboration at once: every move is
// recorded once, in order, and the phase is the last move's.
func TestConcurrentPhaseMovesByCoordinators(t *testing.T) {
	a := newAPI(t)
	c := a.newCollab(map[string]any{"partners": lead(a.newOrg(nil))})
	one, two := a.as(coordinator()), a.as(coordinator())
	phases := []string{"PARTNERS_MAPPED", "GOALS_AGREED", "LAUNCHED", "NEED_IDENTIFIED"}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			who := one
			if i%2 == 1 {
				who = two
			}
			r := who.do(`mutation($c:ID!,$p:CollaborationPhase!,$n:String){ moveCollaborationPhase(id:$c, phase:$p, note:$n){ id } }`,
				map[string]any{"c": c, "p": phases[i%len(phases)], "n": "move " + phases[i%len(phases)]})
			if len(r.Errors) > 0 {
				t.Errorf("move %d: %v", i, r.Errors)
			}
		}(i)
	}
	wg.Wait()
	var out struct {
		Collaboration struct {
			Phase             string
			LastPhaseChangeAt string
			PhaseHistory      []struct{ Phase, At string }
		}
	}
	a.ok(`query($c:ID!){ collaboration(id:$c){ phase lastPhaseChangeAt phaseHistory { phase at } } }`, map[string]any{"c": c}, &out)
	h := out.Collaboration.PhaseHistory
	if len(h) < 2 || h[0].Phase != "NEED_IDENTIFIED" {
		t.Fatalf("history %v", h)
	}
	for i := 1; i < len(h); i++ {
		if h[i].Phase == h[i-1].Phase {
			t.Errorf("history %v repeats %s: a move to the current phase was recorded", h, h[i].Phase)
		}
		if at(t, h[i].At).Before(at(t, h[i-1].At)) {
			t.Errorf("history %v out of order at %d", h, i)
		}
	}
	last := h[len(h)-1]
	if out.Collaboration.Phase != last.Phase || out.Collaboration.LastPhaseChangeAt != last.At {
		t.Errorf("phase %s at %s, but the history ends with %s at %s", out.Collaboration.Phase, out.Collaboration.LastPhaseChangeAt, last.Phase, last.At)
	}
}

func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("time %q: %v", s, err)
	}
	return v
}

func TestOrganisationPeoplePaging(t *testing.T) {
	a := newAPI(t)
	org := a.newOrg(nil)
	var current, former []string
	for i, name := range []string{"Eino", "Aada", "Veikko", "Helmi", "Oona"} {
		p := a.newPerson(map[string]any{"name": name + " " + storetest.ID("p"), "visibility": "PUBLIC"})
		if i%2 == 0 {
			a.newExperience(p, org, "2020-01-01", "")
			current = append(current, p)
		} else {
			a.newExperience(p, org, "2010-01-01", "2012-01-01")
			former = append(former, p)
		}
	}
	all := func(tenure string) []string {
		d := a.data(`query($o:ID!,$t:Tenure){ organisation(id:$o){ people(tenure:$t){ person { id } } } }`, map[string]any{"o": org, "t": tenure})
		var out []string
		for _, m := range asList(dig(d, "organisation.people")) {
			out = append(out, dig(m, "person.id").(string))
		}
		return out
	}
	for _, tenure := range []string{"ALL", "CURRENT", "FORMER"} {
		want := all(tenure)
		for _, n := range []int{1, 2, 5} {
			var got []string
			var after any
			for range 10 {
				d := a.data(`query($o:ID!,$t:Tenure,$n:Int,$after:String){ organisation(id:$o){ people(tenure:$t, first:$n, after:$after){ current cursor person { id } } } }`,
					map[string]any{"o": org, "t": tenure, "n": n, "after": after})
				page := asList(dig(d, "organisation.people"))
				if len(page) > n {
					t.Fatalf("%s first:%d gave %d", tenure, n, len(page))
				}
				for _, m := range page {
					got = append(got, dig(m, "person.id").(string))
					after = dig(m, "cursor")
				}
				if len(page) < n {
					break
				}
			}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s in pages of %d: %v, want %v", tenure, n, got, want)
			}
		}
	}
	if got := all("CURRENT"); !sameSet(got, current) {
		t.Errorf("current %v, want %v", got, current)
	}
	for _, bad := range []map[string]any{{"n": 0}, {"n": 101}, {"n": 2, "after": "not a cursor!"}} {
		a.fails(`query($o:ID!,$n:Int,$after:String){ organisation(id:$o){ people(first:$n, after:$after){ current } } }`,
			merge(map[string]any{"o": org}, bad), "BAD_USER_INPUT")
	}
	_ = former
}

func TestOrganisationTranslatorsTo(t *testing.T) {
	a := newAPI(t)
	city := a.newOrg(map[string]any{"kind": "MUNICIPALITY", "sector": "PUBLIC"})
	assoc := a.newOrg(nil) // THIRD
	firm := a.newOrg(map[string]any{"kind": "COMPANY", "sector": "PRIVATE"})
	bridge := a.newPerson(map[string]any{"openToBridging": true, "visibility": "PUBLIC"})
	a.newExperience(bridge, city, "2019-01-01", "")
	a.newExperience(bridge, assoc, "2012-01-01", "2018-12-31")
	hidden := a.newPerson(map[string]any{"openToBridging": true, "visibility": "MEMBERS"})
	a.newExperience(hidden, city, "2015-01-01", "")
	a.newExperience(hidden, assoc, "2010-01-01", "2014-12-31")
	closed := a.newPerson(map[string]any{"openToBridging": false, "visibility": "PUBLIC"})
	a.newExperience(closed, city, "2015-01-01", "")
	a.newExperience(closed, assoc, "2010-01-01", "2014-12-31")
	onlyFirm := a.newPerson(map[string]any{"openToBridging": true, "visibility": "PUBLIC"})
	a.newExperience(onlyFirm, city, "2015-01-01", "")
	a.newExperience(onlyFirm, firm, "2010-01-01", "2014-12-31")

	const q = `query($o:ID!,$s:Sector!){ organisation(id:$o){ translatorsTo(sector:$s, first:10){ score person { id } evidence { kind } } } }`
	ids := func(caller *api, sector string) []string {
		d := caller.data(q, map[string]any{"o": city, "s": sector})
		return strs(dig(d, "organisation.translatorsTo"), "person.id")
	}
	if got := ids(a.as(coordinator()), "THIRD"); !sameSet(got, []string{bridge, hidden}) {
		t.Errorf("coordinator: translatorsTo THIRD = %v, want %v", got, []string{bridge, hidden})
	}
	if got := ids(a.anonymous(), "THIRD"); !sameSet(got, []string{bridge}) {
		t.Errorf("anonymous: translatorsTo THIRD = %v, want only the public person %s", got, bridge)
	}
	if got := ids(a.anonymous(), "PRIVATE"); !sameSet(got, []string{onlyFirm}) {
		t.Errorf("translatorsTo PRIVATE = %v, want %v", got, []string{onlyFirm})
	}
	if got := ids(a.anonymous(), "ACADEMIA"); len(got) != 0 {
		t.Errorf("translatorsTo ACADEMIA = %v, want none", got)
	}
	a.fails(`query($o:ID!){ organisation(id:$o){ translatorsTo(sector:THIRD, first:0){ score } } }`, map[string]any{"o": city}, "BAD_USER_INPUT")
}

// BOLDNESS orders a collaboration list by Collaboration.boldness: the
// same scores, in pages that keep the order, filters applied first.
func TestCollaborationsOrderedByBoldness(t *testing.T) {
	a := newAPI(t)
	w := buildBoldWorld(t, a)
	c1, c2 := min(w.c1, w.c2), max(w.c1, w.c2) // both score 1: by id
	for name, c := range map[string]struct {
		org, direction string
		want           []string
	}{
		// a: c1 (1), c3 (0.675), c4 (0.35), c6 (0)
		"a, boldest first": {w.a, "DESC", []string{w.c1, w.c3, w.c4, w.c6}},
		"a, least bold":    {w.a, "ASC", []string{w.c6, w.c4, w.c3, w.c1}},
		// b: c1, c2 (1), c5 (0.65), c4 (0.35)
		"b, boldest first": {w.b, "DESC", []string{c1, c2, w.c5, w.c4}},
		"d":                {w.d, "DESC", []string{w.c5}},
	} {
		t.Run(name, func(t *testing.T) {
			order := map[string]any{"field": "BOLDNESS", "direction": c.direction}
			var all struct {
				Collaborations struct {
					TotalCount int
					Nodes      []struct {
						ID       string
						Boldness struct{ Score float64 }
					}
				}
			}
			a.ok(`query($o:ID!,$ord:CollaborationOrder){ collaborations(filter:{organisationId:$o}, orderBy:$ord, first:50){
				totalCount nodes { id boldness { score } } } }`, map[string]any{"o": c.org, "ord": order}, &all)
			var got []string
			for i, n := range all.Collaborations.Nodes {
				got = append(got, n.ID)
				if i > 0 {
					prev := all.Collaborations.Nodes[i-1].Boldness.Score
					if (c.direction == "DESC" && n.Boldness.Score > prev) || (c.direction == "ASC" && n.Boldness.Score < prev) {
						t.Errorf("%s (boldness %v) after one of %v", n.ID, n.Boldness.Score, prev)
					}
				}
			}
			if strings.Join(got, ",") != strings.Join(c.want, ",") || all.Collaborations.TotalCount != len(c.want) {
				t.Errorf("order %v (total %d), want %v", got, all.Collaborations.TotalCount, c.want)
			}
			paged := collaborationsOneByOne(a, map[string]any{"organisationId": c.org}, order)
			if strings.Join(paged, ",") != strings.Join(c.want, ",") {
				t.Errorf("one per page: %v, want %v", paged, c.want)
			}
		})
	}
}

// Organisation.openCalls: the OPEN calls it published, soonest to close
// first; not its drafts, closed or filled calls, nor other organisations'.
func TestOrganisationOpenCalls(t *testing.T) {
	a := newAPI(t)
	topic, _ := a.newTopic("avoimet")
	org := a.newOrg(nil)
	other := a.newOrg(nil)
	call := func(publisher string, days int, publish bool) string {
		t.Helper()
		in := callInput(publisher, topic)
		in["closesAt"] = time.Now().Add(time.Duration(days) * 24 * time.Hour).UTC().Format(time.RFC3339)
		id := dig(a.data(createCall, map[string]any{"in": in}), "createPartnershipCall.id").(string)
		if publish {
			a.ok(`mutation($id:ID!){ publishPartnershipCall(id:$id){ id } }`, map[string]any{"id": id}, nil)
		}
		return id
	}
	late := call(org, 60, true)
	soon := call(org, 10, true)
	call(org, 20, false) // a draft
	closed := call(org, 30, true)
	a.ok(`mutation($id:ID!){ closePartnershipCall(id:$id){ id } }`, map[string]any{"id": closed}, nil)
	filled := call(org, 30, true)
	a.ok(`mutation($id:ID!){ closePartnershipCall(id:$id, filled:true){ id } }`, map[string]any{"id": filled}, nil)
	theirs := call(other, 5, true)

	for name, c := range map[string]struct {
		caller *api
		org    string
		want   []string
	}{
		"anonymous":       {a.anonymous(), org, []string{soon, late}},
		"coordinator":     {a.as(coordinator()), org, []string{soon, late}},
		"admin":           {a, org, []string{soon, late}},
		"the other org":   {a.anonymous(), other, []string{theirs}},
		"no calls at all": {a.anonymous(), a.newOrg(nil), nil},
	} {
		var out struct {
			Organisation struct {
				OpenCalls []struct {
					ID, Status   string
					Organisation struct{ ID string }
					Topics       []struct{ ID string }
				}
			}
		}
		c.caller.ok(`query($id:ID!){ organisation(id:$id){ openCalls { id status organisation { id } topics { id } } } }`,
			map[string]any{"id": c.org}, &out)
		var got []string
		for _, x := range out.Organisation.OpenCalls {
			got = append(got, x.ID)
			if x.Status != "OPEN" || x.Organisation.ID != c.org || len(x.Topics) != 1 || x.Topics[0].ID != topic {
				t.Errorf("%s: call %+v, want OPEN, of %s, on the topic", name, x, c.org)
			}
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%s: open calls %v, want %v", name, got, c.want)
		}
	}
}
