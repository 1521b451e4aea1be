package graph_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/tulkki/tulkki/graph"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/storetest"
)

// privateAPI is the API over a store of its own (same test database), so
// its statement counter sees only this test's requests even if other tests
// of the package run in parallel.
func privateAPI(t *testing.T, options ...func(*graph.ServerOptions)) *api {
	t.Helper()
	storetest.Open(t) // fails with the usual hint when Neo4j is down; migrates
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, err := store.Open(ctx, cfg.Neo4j, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = st.Close(context.Background()) })
	return newAPIWith(t, st, options...)
}

// noCostLimit is for the batching tests, which measure batching, not cost
// limits: their deepest query (100 organisations × current and former
// people × their stints) is more than the production limit admits.
func noCostLimit(o *graph.ServerOptions) { o.ComplexityLimit = 1_000_000 }

// statements runs an operation that must succeed and returns its data and
// the number of Cypher statements it cost.
func (a *api) statements(query string, vars map[string]any) (any, int64) {
	a.t.Helper()
	before := a.st.QueryCount()
	d := a.data(query, vars)
	return d, a.st.QueryCount() - before
}

// network is n people in a region of their own, each with two stints at
// organisations of their own in two different sectors (the first ongoing,
// the second ended), two expertise topics, and a contribution to one of
// n/5 collaborations. A collaboration's partners are the organisations of
// its five contributors' first stints and a funder that no one has worked
// at, so loading the partners' organisations needs a query of its own.
type network struct {
	region  string
	collabs []string
	people  int
	orgs    int // in the region: the funders have none
	parents int // of the query being measured
}

var allSectors = []string{"PUBLIC", "PRIVATE", "THIRD", "ACADEMIA"}

func buildNetwork(a *api, n int) network {
	a.t.Helper()
	w := network{region: storetest.ID("region"), people: n, orgs: 2 * n}
	topics := a.newTopics(3)
	var groupOrgs, groupPeople []string
	for i := 0; i < n; i++ {
		if i%5 == 0 {
			groupOrgs = []string{a.newOrg(map[string]any{"name": storetest.ID(fmt.Sprintf("Säätiö %03d", i)), "kind": "FOUNDATION"})}
		}
		p := a.newPerson(map[string]any{"name": fmt.Sprintf("Henkilö %03d", i), "region": w.region,
			"expertiseTopicIds": []string{topics[i%3], topics[(i+1)%3]}})
		first := a.newOrg(map[string]any{"name": storetest.ID(fmt.Sprintf("Org %03d a", i)), "region": w.region,
			"sector": allSectors[i%4], "topicIds": []string{topics[i%3]}})
		second := a.newOrg(map[string]any{"name": storetest.ID(fmt.Sprintf("Org %03d b", i)), "region": w.region,
			"sector": allSectors[(i+1)%4], "topicIds": []string{topics[(i+2)%3]}})
		a.newExperience(p, first, "2019-01-01", "")
		a.newExperience(p, second, "2012-01-01", "2018-12-31")
		groupOrgs, groupPeople = append(groupOrgs, first), append(groupPeople, p)
		if len(groupPeople) == 5 {
			partners := []any{map[string]any{"organisationId": groupOrgs[0], "role": "FUNDER"},
				map[string]any{"organisationId": groupOrgs[1], "role": "LEAD"}}
			for _, o := range groupOrgs[2:] {
				partners = append(partners, map[string]any{"organisationId": o, "role": "PARTNER"})
			}
			var contributors []any
			for _, c := range groupPeople {
				contributors = append(contributors, map[string]any{"personId": c, "role": "MEMBER"})
			}
			c := a.newCollab(map[string]any{"partners": partners, "contributors": contributors})
			a.ok(`mutation($c:ID!){ addCollaborationNote(collaborationId:$c, text:"Sovittu kuukausitapaamiset"){ id } }`,
				map[string]any{"c": c}, nil)
			w.collabs = append(w.collabs, c)
			groupOrgs, groupPeople = nil, nil
		}
	}
	return w
}

const peopleDeepQuery = `query($r:String!,$n:Int!){ people(filter:{region:$r}, first:$n){ nodes {
	experiences { organisation { name sector topics { name } } }
	sectors
	expertise { name }
	contributions { role collaboration { title partners { organisation { name } } } }
} } }`

const organisationsDeepQuery = `query($r:String!,$n:Int!){ organisations(filter:{region:$r}, first:$n){ nodes {
	name
	current: people(tenure:CURRENT){ current person { name experiences { startDate organisation { name } } } }
	former: people(tenure:FORMER){ current person { name experiences { startDate organisation { name } } } }
} } }`

// measureRuns is how often each query is measured.
const measureRuns = 3

// checkConstant measures count on the small and the large network
// measureRuns times each and requires every count to be the same and at
// most want. Nested data is read with its root field in one statement and
// the batch resolvers take whole lists (no timed batching), so the count
// depends on the query's shape alone: not on the parents, not on timing.
func checkConstant(t *testing.T, what string, count func(network) int64, small, large network, want int64) {
	t.Helper()
	var smallCounts, largeCounts []int64
	for range measureRuns {
		smallCounts = append(smallCounts, count(small))
		largeCounts = append(largeCounts, count(large))
	}
	t.Logf("%s: statements per run %v for %d parents, %v for %d parents", what, smallCounts, small.parents, largeCounts, large.parents)
	all := append(slices.Clone(smallCounts), largeCounts...)
	if slices.Min(all) != slices.Max(all) {
		t.Errorf("the statement count moves: %v for %d parents, %v for %d", smallCounts, small.parents, largeCounts, large.parents)
	}
	if worst := slices.Max(all); worst > want {
		t.Errorf("a run cost %d statements, want at most %d", worst, want)
	}
}

func TestPeopleQueryIsBatched(t *testing.T) {
	a := privateAPI(t, noCostLimit)
	small, large := buildNetwork(a, 5), buildNetwork(a, 50)

	count := func(w network) int64 {
		d, n := a.statements(peopleDeepQuery, map[string]any{"r": w.region, "n": w.people})
		nodes, _ := dig(d, "people.nodes").([]any)
		if len(nodes) != w.people {
			t.Fatalf("%d people listed, want %d", len(nodes), w.people)
		}
		for i, p := range nodes {
			exps, _ := dig(p, "experiences").([]any)
			sectors, _ := dig(p, "sectors").([]any)
			expertise, _ := dig(p, "expertise").([]any)
			partners, _ := dig(p, "contributions.0.collaboration.partners").([]any)
			if len(exps) != 2 || len(sectors) != 2 || len(expertise) != 2 || len(partners) != 6 ||
				dig(exps[0], "organisation.name") == nil || len(dig(exps[0], "organisation.topics").([]any)) != 1 ||
				dig(p, "contributions.0.role") != "MEMBER" || dig(partners[0], "organisation.name") == nil {
				t.Fatalf("person %d is incomplete: %v", i, p)
			}
		}
		return n
	}
	small.parents, large.parents = small.people, large.people
	// One root field, one statement: the page and all it nests.
	checkConstant(t, "people → experiences → organisation → topics, sectors, expertise, contributions → collaboration → partners → organisation",
		count, small, large, 1)
}

func TestOrganisationsQueryIsBatched(t *testing.T) {
	a := privateAPI(t, noCostLimit)
	small, large := buildNetwork(a, 5), buildNetwork(a, 50)

	count := func(w network) int64 {
		d, n := a.statements(organisationsDeepQuery, map[string]any{"r": w.region, "n": w.orgs})
		nodes, _ := dig(d, "organisations.nodes").([]any)
		if len(nodes) != w.orgs {
			t.Fatalf("%d organisations listed, want %d", len(nodes), w.orgs)
		}
		current, former := 0, 0
		for i, o := range nodes {
			c, _ := dig(o, "current").([]any)
			f, _ := dig(o, "former").([]any)
			if len(c)+len(f) != 1 {
				t.Fatalf("organisation %d has %d current and %d former people, want one person in all", i, len(c), len(f))
			}
			for _, m := range append(c, f...) {
				if exps, _ := dig(m, "person.experiences").([]any); len(exps) != 2 || dig(exps[1], "organisation.name") == nil {
					t.Fatalf("organisation %d: membership %v is incomplete", i, m)
				}
			}
			current += len(c)
			former += len(f)
		}
		if current != w.people || former != w.people {
			t.Fatalf("%d current and %d former memberships, want %d of each", current, former, w.people)
		}
		return n
	}
	small.parents, large.parents = small.orgs, large.orgs
	checkConstant(t, "organisations → people(CURRENT, FORMER) → person → experiences → organisation", count, small, large, 1)
}

const collaborationsDeepQuery = `query($r:String!,$n:Int!){ organisations(filter:{region:$r}, first:$n){ totalCount nodes {
	collaborations { role collaboration {
		title evaluation { rating }
		topics { name }
		partners { role organisation { name sector people { person { name sectors } } } }
		contributors { role person { name expertise { name } } collaboration { title } }
		phaseHistory { phase movedBy { name } }
		lastPhaseChangeAt
		notes { kind text author { name } }
	} }
} } }`

// TestCollaborationsQueryIsBatched follows every list under a
// collaboration, and the count beside the page.
func TestCollaborationsQueryIsBatched(t *testing.T) {
	a := privateAPI(t, noCostLimit)
	small, large := buildNetwork(a, 5), buildNetwork(a, 50)

	count := func(w network) int64 {
		d, n := a.statements(collaborationsDeepQuery, map[string]any{"r": w.region, "n": w.orgs})
		nodes, _ := dig(d, "organisations.nodes").([]any)
		if len(nodes) != w.orgs || dig(d, "organisations.totalCount") != float64(w.orgs) {
			t.Fatalf("%d organisations listed (total %v), want %d", len(nodes), dig(d, "organisations.totalCount"), w.orgs)
		}
		seen := 0
		for _, o := range nodes {
			for _, p := range dig(o, "collaborations").([]any) {
				c := dig(p, "collaboration")
				partners, _ := dig(c, "partners").([]any)
				contributors, _ := dig(c, "contributors").([]any)
				history, _ := dig(c, "phaseHistory").([]any)
				notes, _ := dig(c, "notes").([]any)
				if len(partners) != 6 || len(contributors) != 5 || len(history) != 1 || len(notes) != 1 ||
					dig(c, "lastPhaseChangeAt") == nil ||
					dig(partners[0], "role") != "LEAD" || dig(contributors[0], "person.name") == nil ||
					dig(contributors[0], "collaboration.title") != dig(c, "title") {
					t.Fatalf("collaboration %v is incomplete", c)
				}
				seen++
			}
		}
		if seen != w.people {
			t.Fatalf("%d partnerships seen, want %d", seen, w.people)
		}
		return n
	}
	small.parents, large.parents = small.orgs, large.orgs
	checkConstant(t, "organisations → collaborations → topics, partners → organisation → people, contributors, phaseHistory → movedBy, notes → author",
		count, small, large, 1)
}

const boldDeepQuery = `query($from:Date!,$to:Date!){ boldCollaborations(period:{from:$from, to:$to}, first:50){
	boldness { score }
	collaboration {
		id title boldness { score }
		partners { role organisation { name people { person { name experiences { organisation { name } } } } } }
		contributors { person { name sectors contributions { role } } }
	}
} }`

// TestSearchResultsAreBatched follows nested lists under a root field
// that is a search, not a read: the collaborations it finds and all they
// nest are read in one statement for all of them (batch.go), so the count
// is the search's own statements plus one.
func TestSearchResultsAreBatched(t *testing.T) {
	a := privateAPI(t, noCostLimit)
	// Each network's collaborations began in a year of its own, so the
	// search finds them and few others of the shared database.
	years := map[*network]string{}
	began := func(w *network, year string) {
		years[w] = year
		for _, id := range w.collabs {
			a.ok(`mutation($id:ID!,$d:Date!){ updateCollaboration(id:$id, input:{startDate:$d}){ id } }`,
				map[string]any{"id": id, "d": year + "-03-01"}, nil)
		}
	}
	small, large := buildNetwork(a, 5), buildNetwork(a, 50)
	year := 1900 + int(time.Now().UnixNano()%99)
	began(&small, fmt.Sprint(year))
	began(&large, fmt.Sprint(year+1))

	count := func(w network) int64 {
		y := years[&small]
		if w.people == large.people {
			y = years[&large]
		}
		d, n := a.statements(boldDeepQuery, map[string]any{"from": y + "-01-01", "to": y + "-12-31"})
		// Other runs' collaborations may have begun in the same year:
		// the count does not depend on how many are found.
		found, _ := dig(d, "boldCollaborations").([]any)
		mine := 0
		for _, b := range found {
			if !slices.Contains(w.collabs, dig(b, "collaboration.id").(string)) {
				continue
			}
			mine++
			partners, _ := dig(b, "collaboration.partners").([]any)
			contributors, _ := dig(b, "collaboration.contributors").([]any)
			if len(partners) != 6 || len(contributors) != 5 || dig(contributors[0], "person.sectors") == nil ||
				dig(partners[1], "organisation.people.0.person.experiences.0.organisation.name") == nil {
				t.Fatalf("bold collaboration %v is incomplete", b)
			}
		}
		if mine != len(w.collabs) {
			t.Fatalf("%d of the network's %d collaborations found in %s", mine, len(w.collabs), y)
		}
		return n
	}
	small.parents, large.parents = len(small.collabs), len(large.collabs)
	// The search (three statements: what began in the period, and its
	// component of the collaboration network in two), the collaborations it
	// found with all they nest (one), and Collaboration.boldness for all of
	// them at once (the network again, two).
	checkConstant(t, "boldCollaborations → collaboration → boldness, partners → organisation → people → experiences, contributors → person",
		count, small, large, 6)
}

const callsDeepQuery = `query($t:ID!,$n:Int!){ partnershipCalls(filter:{topic:$t}, first:$n){ totalCount nodes {
	title topics { name }
	organisation { name people { person { name } } }
	responses { status organisation { name } call { title organisation { name } } }
} } }`

// TestPartnershipCallsQueryIsBatched follows every field under a call.
func TestPartnershipCallsQueryIsBatched(t *testing.T) {
	a := privateAPI(t, noCostLimit)
	build := func(n int) (topic string) {
		topic, _ = a.newTopic("haku")
		for range n {
			org, responder := a.newOrg(nil), a.newOrg(nil)
			id := dig(a.data(createCall, map[string]any{"in": callInput(org, topic)}), "createPartnershipCall.id").(string)
			a.ok(`mutation($id:ID!){ publishPartnershipCall(id:$id){ id } }`, map[string]any{"id": id}, nil)
			a.ok(`mutation($c:ID!,$o:ID!){ respondToCall(callId:$c, organisationId:$o){ id } }`,
				map[string]any{"c": id, "o": responder}, nil)
		}
		return topic
	}
	small, large := network{parents: 3}, network{parents: 30}
	topics := map[int]string{small.parents: build(small.parents), large.parents: build(large.parents)}
	count := func(w network) int64 {
		d, n := a.statements(callsDeepQuery, map[string]any{"t": topics[w.parents], "n": w.parents})
		nodes, _ := dig(d, "partnershipCalls.nodes").([]any)
		if len(nodes) != w.parents {
			t.Fatalf("%d calls listed, want %d", len(nodes), w.parents)
		}
		for _, c := range nodes {
			if dig(c, "organisation.name") == nil || dig(c, "topics.0.name") == nil ||
				dig(c, "responses.0.organisation.name") == nil || dig(c, "responses.0.call.organisation.name") == nil {
				t.Fatalf("call %v is incomplete", c)
			}
		}
		return n
	}
	// The page (one), its topics, organisations and responses (one each),
	// the responses' organisations and calls (one each) and those calls'
	// organisations (one).
	checkConstant(t, "partnershipCalls → topics, organisation → people, responses → organisation, call → organisation",
		count, small, large, 7)
}

// TestCollaborationOriginsAreBatched: originCall and introducedBy under
// collaborations nested as single objects cost one read each, whatever the
// number of collaborations.
func TestCollaborationOriginsAreBatched(t *testing.T) {
	a := privateAPI(t, noCostLimit)
	small, large := buildNetwork(a, 5), buildNetwork(a, 20)
	const query = `query($r:String!,$n:Int!){ organisations(filter:{region:$r}, first:$n){ nodes {
		collaborations { collaboration { title originCall { title organisation { name } } introducedBy { name } } }
	} } }`
	count := func(w network) int64 {
		d, n := a.statements(query, map[string]any{"r": w.region, "n": w.orgs})
		if nodes, _ := dig(d, "organisations.nodes").([]any); len(nodes) != w.orgs {
			t.Fatalf("%d organisations listed, want %d", len(nodes), w.orgs)
		}
		return n
	}
	small.parents, large.parents = small.orgs, large.orgs
	// The page with its collaborations (one) and the origins of them all,
	// once for each of the two fields.
	checkConstant(t, "organisations → collaborations → collaboration → originCall, introducedBy", count, small, large, 3)
}

// TestInboxIsBatched: the items of an inbox with what they point to cost
// the same statements for 3 items as for 12.
func TestInboxIsBatched(t *testing.T) {
	a := privateAPI(t, noCostLimit)
	build := func(n int) *api {
		topic, _ := a.newTopic("haku")
		publisher := a.newOrg(nil)
		editorID := a.newPerson(nil)
		editor := a.as(auth.Principal{Subject: editorID, Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{publisher}})
		id := dig(a.data(createCall, map[string]any{"in": callInput(publisher, topic)}), "createPartnershipCall.id").(string)
		a.ok(`mutation($id:ID!){ publishPartnershipCall(id:$id){ id } }`, map[string]any{"id": id}, nil)
		for range n {
			a.ok(`mutation($c:ID!,$o:ID!){ respondToCall(callId:$c, organisationId:$o){ id } }`,
				map[string]any{"c": id, "o": a.newOrg(nil)}, nil)
		}
		return editor
	}
	editors := map[int]*api{3: build(3), 12: build(12)}
	const query = `{ me { unreadCount inbox(first:50){ totalCount nodes { kind read organisation { name }
		call { title organisation { name } } response { status organisation { name } } introduction { id } collaboration { title } } } } }`
	count := func(w network) int64 {
		before := a.st.QueryCount()
		d := editors[w.parents].data(query, nil)
		n := a.st.QueryCount() - before
		nodes := asList(dig(d, "me.inbox.nodes"))
		if len(nodes) != w.parents || dig(nodes[0], "response.organisation.name") == nil || dig(nodes[0], "call.organisation.name") == nil {
			t.Fatalf("inbox %v", d)
		}
		return n
	}
	// me (one), the unread count and the page (one each, and one each
	// before them that looks for the reader's introductions that expired
	// unrecorded), and per field of the items: organisation (one), call
	// and its organisation (two), response with its calls (to check who
	// may see it) and its organisation (three); no introduction or
	// collaboration to read.
	checkConstant(t, "me → inbox → organisation, call → organisation, response → organisation", count,
		network{parents: 3}, network{parents: 12}, 11)
}

const ecosystemGraphDeepQuery = `query($r:String!){ ecosystemGraph(filter:{region:$r}, maxNodes:2000){ omitted
	nodes { collaborations betweenness organisation { name sector topics { name } collaborations { role collaboration { title } } } }
	edges { a b weight }
} }`

// TestEcosystemGraphIsBatched: the network is one statement and its
// organisations, with what is selected of them, one more.
func TestEcosystemGraphIsBatched(t *testing.T) {
	a := privateAPI(t, noCostLimit)
	small, large := buildNetwork(a, 5), buildNetwork(a, 50)
	coord := a.as(coordinator())
	count := func(w network) int64 {
		before := a.st.QueryCount()
		d := coord.data(ecosystemGraphDeepQuery, map[string]any{"r": w.region})
		n := a.st.QueryCount() - before
		nodes, _ := dig(d, "ecosystemGraph.nodes").([]any)
		// Each collaboration: five organisations of the region and a funder.
		if want := 6 * len(w.collabs); len(nodes) != want {
			t.Fatalf("%d nodes, want %d", len(nodes), want)
		}
		for _, node := range nodes {
			if dig(node, "organisation.name") == nil || len(dig(node, "organisation.collaborations").([]any)) != 1 {
				t.Fatalf("node %v is incomplete", node)
			}
		}
		return n
	}
	small.parents, large.parents = 6*len(small.collabs), 6*len(large.collabs)
	checkConstant(t, "ecosystemGraph → nodes → organisation → topics, collaborations", count, small, large, 2)
}
