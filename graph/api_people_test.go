package graph_test

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/storetest"
)

// word returns a unique single-token word (letters and digits only), so a
// full-text search for it or a prefix of it can only find this test's data.
func word(prefix string) string {
	return strings.ReplaceAll(storetest.ID(prefix), "-", "")
}

const personFields = `id name headline languages region visibility openToBridging contactable createdAt updatedAt expertise { id name }`

func TestPersonByID(t *testing.T) {
	a := newAPI(t)
	topicID, topicName := a.newTopic("vertaistuki")
	region := storetest.ID("Varsinais-Suomi")
	id := a.newPerson(map[string]any{
		"name": "Aino Virtanen", "headline": "Tulkki sote-palveluiden ja järjestöjen välillä",
		"languages": []string{"fi", "sv"}, "region": region, "email": "aino.virtanen@example.fi", "phone": "+358 40 123 4567",
		"visibility": "PUBLIC", "openToBridging": true, "contactable": true, "expertiseTopicIds": []string{topicID},
	})

	var got struct {
		Person struct {
			ID, Name, Headline, Region, Visibility string
			Languages                              []string
			OpenToBridging, Contactable            bool
			CreatedAt, UpdatedAt                   time.Time
			Expertise                              []struct{ ID, Name string }
		}
	}
	a.ok(`query($id:ID!){ person(id:$id){ `+personFields+` } }`, map[string]any{"id": id}, &got)
	p := got.Person
	if p.ID != id || p.Name != "Aino Virtanen" || p.Headline != "Tulkki sote-palveluiden ja järjestöjen välillä" ||
		p.Region != region || p.Visibility != "PUBLIC" || !p.OpenToBridging || !p.Contactable ||
		!slices.Equal(p.Languages, []string{"fi", "sv"}) {
		t.Fatalf("person read back wrong: %+v", p)
	}
	if len(p.Expertise) != 1 || p.Expertise[0].ID != topicID || p.Expertise[0].Name != topicName {
		t.Fatalf("expertise = %+v, want the topic %s", p.Expertise, topicName)
	}
	if since := time.Since(p.CreatedAt); since < -time.Minute || since > 10*time.Minute {
		t.Fatalf("createdAt %v is not the time of creation", p.CreatedAt)
	}
	if p.UpdatedAt.Before(p.CreatedAt) {
		t.Fatalf("updatedAt %v before createdAt %v", p.UpdatedAt, p.CreatedAt)
	}

	e := a.fails(`query($id:ID!){ person(id:$id){ id } }`, map[string]any{"id": storetest.ID("missing")}, "NOT_FOUND")
	if len(e.Path) != 1 || e.Path[0] != "person" {
		t.Fatalf("NOT_FOUND path = %v, want [person]", e.Path)
	}
}

func TestExperienceByID(t *testing.T) {
	a := newAPI(t)
	org := a.newOrg(map[string]any{"name": storetest.ID("Turun kaupunki"), "kind": "MUNICIPALITY", "sector": "PUBLIC"})
	person := a.newPerson(nil)
	var added struct{ AddExperience struct{ ID string } }
	a.ok(`mutation($p:ID!,$o:ID!){ addExperience(input:{personId:$p, organisationId:$o, kind:TRUST_POSITION,
		roleTitle:"Hyvinvointilautakunnan jäsen", startDate:"2021-08-01", endDate:"2025-05-31"}){ id } }`,
		map[string]any{"p": person, "o": org}, &added)
	id := added.AddExperience.ID

	a.okJSON(`query($id:ID!){ experience(id:$id){ id kind roleTitle startDate endDate ongoing person { id } organisation { id sector } } }`,
		map[string]any{"id": id}, fmt.Sprintf(`{"experience":{"id":%q,"kind":"TRUST_POSITION","roleTitle":"Hyvinvointilautakunnan jäsen",
		"startDate":"2021-08-01","endDate":"2025-05-31","ongoing":false,"person":{"id":%q},"organisation":{"id":%q,"sector":"PUBLIC"}}}`,
			id, person, org))

	a.fails(`query($id:ID!){ experience(id:$id){ id } }`, map[string]any{"id": storetest.ID("missing")}, "NOT_FOUND")
}

func TestTopicByIDAndTopics(t *testing.T) {
	a := newAPI(t)
	// c is created first but its name sorts after b's: topics come by name.
	var b, c struct {
		CreateTopic struct{ ID, Name, NameFi, Description string }
	}
	stem := storetest.ID("aihe")
	a.ok(`mutation($n:String!){ createTopic(input:{name:$n, nameFi:"Osallisuus", description:"Kuntalaisten osallisuus."}){ id name nameFi description } }`,
		map[string]any{"n": stem + " osallisuus"}, &c)
	a.ok(`mutation($n:String!){ createTopic(input:{name:$n}){ id name nameFi description } }`,
		map[string]any{"n": stem + " mielenterveys"}, &b)
	if c.CreateTopic.NameFi != "Osallisuus" || c.CreateTopic.Description != "Kuntalaisten osallisuus." {
		t.Fatalf("createTopic returned %+v", c.CreateTopic)
	}

	a.okJSON(`query($id:ID!){ topic(id:$id){ id name nameFi description } }`, map[string]any{"id": c.CreateTopic.ID},
		fmt.Sprintf(`{"topic":{"id":%q,"name":%q,"nameFi":"Osallisuus","description":"Kuntalaisten osallisuus."}}`,
			c.CreateTopic.ID, stem+" osallisuus"))
	a.fails(`query($id:ID!){ topic(id:$id){ id } }`, map[string]any{"id": storetest.ID("missing")}, "NOT_FOUND")

	var all struct{ Topics []struct{ ID, Name string } }
	a.ok(`{ topics { id name } }`, nil, &all)
	var mine []string
	for _, tp := range all.Topics {
		if strings.HasPrefix(tp.Name, stem) {
			mine = append(mine, tp.ID)
		}
	}
	if want := []string{b.CreateTopic.ID, c.CreateTopic.ID}; !slices.Equal(mine, want) {
		t.Fatalf("topics lists this test's topics as %v, want %v (by name)", mine, want)
	}
	if !sort.SliceIsSorted(all.Topics, func(i, j int) bool { return all.Topics[i].Name < all.Topics[j].Name }) {
		t.Fatalf("topics are not in name order")
	}
}

func TestSectors(t *testing.T) {
	a := newAPI(t)
	a.okJSON(`{ sectors { code nameFi nameSv nameEn } }`, nil, `{"sectors":[
		{"code":"PUBLIC","nameFi":"julkinen sektori","nameSv":"offentlig sektor","nameEn":"public sector"},
		{"code":"PRIVATE","nameFi":"yksityinen sektori","nameSv":"privat sektor","nameEn":"private sector"},
		{"code":"THIRD","nameFi":"kolmas sektori","nameSv":"tredje sektorn","nameEn":"third sector"},
		{"code":"ACADEMIA","nameFi":"korkeakoulut ja tutkimus","nameSv":"högskolor och forskning","nameEn":"academia and research"}]}`)
}

func TestPeopleFilters(t *testing.T) {
	a := newAPI(t)
	region := storetest.ID("region")
	topic, _ := a.newTopic("maahanmuuttajajärjestöt")
	otherTopic, _ := a.newTopic("ikääntyneet")
	public := a.newOrg(map[string]any{"kind": "WELLBEING_SERVICES_COUNTY", "sector": "PUBLIC"})
	third := a.newOrg(map[string]any{"kind": "ASSOCIATION", "sector": "THIRD"})
	headlineWord, nameWord := word("kumppanuus"), word("Korhonen")

	aino := a.newPerson(map[string]any{"name": "Aino", "region": region, "languages": []string{"fi", "sv"},
		"headline": "Kehittää " + headlineWord + " mallia", "expertiseTopicIds": []string{topic}})
	a.newExperience(aino, public, "2018-01-01", "")
	eero := a.newPerson(map[string]any{"name": "Eero " + nameWord, "region": region, "languages": []string{"en"},
		"expertiseTopicIds": []string{otherTopic}})
	a.newExperience(eero, third, "2015-03-01", "2019-12-31")
	ilona := a.newPerson(map[string]any{"name": "Ilona", "region": region})
	// Someone elsewhere who matches every filter but the region.
	outsider := a.newPerson(map[string]any{"name": "Aino", "region": storetest.ID("region"), "languages": []string{"fi"},
		"headline": headlineWord, "expertiseTopicIds": []string{topic}})
	a.newExperience(outsider, public, "2018-01-01", "")

	cases := []struct {
		name   string
		filter map[string]any
		want   []string
	}{
		{"region only", map[string]any{}, []string{aino, eero, ilona}},
		{"sector PUBLIC", map[string]any{"sector": "PUBLIC"}, []string{aino}},
		{"sector THIRD (former stint)", map[string]any{"sector": "THIRD"}, []string{eero}},
		{"sector ACADEMIA", map[string]any{"sector": "ACADEMIA"}, nil},
		{"topic", map[string]any{"topicId": topic}, []string{aino}},
		{"other topic", map[string]any{"topicId": otherTopic}, []string{eero}},
		{"language sv", map[string]any{"language": "sv"}, []string{aino}},
		{"language upper case", map[string]any{"language": "EN"}, []string{eero}},
		{"organisation", map[string]any{"organisationId": third}, []string{eero}},
		{"organisation unknown", map[string]any{"organisationId": storetest.ID("missing")}, nil},
		{"search headline word prefix", map[string]any{"search": headlineWord[:12]}, []string{aino}},
		{"search name word prefix", map[string]any{"search": strings.ToUpper(nameWord[:12])}, []string{eero}},
		{"search two words", map[string]any{"search": "eero " + nameWord[:10]}, []string{eero}},
		{"search lucene syntax", map[string]any{"search": `(( AND "`}, nil},
		{"search lucene operators", map[string]any{"search": `Aino OR ilona~ -eero* name:x [a TO z] \ /`}, nil},
		{"search blank is no search", map[string]any{"search": "   "}, []string{aino, eero, ilona}},
		{"combined", map[string]any{"sector": "PUBLIC", "language": "fi", "topicId": topic, "search": headlineWord}, []string{aino}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := a.with(t)
			filter := merge(map[string]any{"region": region}, c.filter)
			d := a.data(`query($f:PersonFilter){ people(filter:$f, first:50){ totalCount nodes { id } } }`, map[string]any{"f": filter})
			got := strs(dig(d, "people.nodes"), "id")
			if !sameSet(got, c.want) {
				t.Fatalf("people(%v) = %v, want %v", filter, got, c.want)
			}
			if total := dig(d, "people.totalCount"); total != float64(len(c.want)) {
				t.Fatalf("totalCount = %v, want %d", total, len(c.want))
			}
		})
	}
}

// TestPeopleSearchHyphenatedWord: a word written with a hyphen, as Finnish
// compounds often are ("sote-palvelut"), is found when searched as written
// or by a prefix of it, as the full-text search promises.
func TestPeopleSearchHyphenatedWord(t *testing.T) {
	a := newAPI(t)
	region := storetest.ID("region")
	w := word("sote")
	id := a.newPerson(map[string]any{"region": region, "headline": "Kehittää " + w + "-palveluita järjestöjen kanssa"})
	for _, search := range []string{w + "-palveluita", w + "-palv", w} {
		d := a.data(`query($f:PersonFilter){ people(filter:$f){ nodes { id } } }`,
			map[string]any{"f": map[string]any{"region": region, "search": search}})
		if got := strs(dig(d, "people.nodes"), "id"); !slices.Equal(got, []string{id}) {
			t.Errorf("search %q found %v, want the person whose headline has %q", search, got, w+"-palveluita")
		}
	}
}

func sameSet(got, want []string) bool {
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	return slices.Equal(g, w) || (len(g) == 0 && len(w) == 0)
}

// pageNode is a list item as the paging tests read it.
type pageNode struct {
	ID, Name, Title string
}

type connPage struct {
	TotalCount int
	PageInfo   struct {
		HasNextPage, HasPreviousPage bool
		StartCursor, EndCursor       *string
	}
	Edges []struct {
		Cursor string
		Node   pageNode
	}
	Nodes []pageNode
}

// pageAll pages through a connection with page size n and checks every
// page's Relay invariants; it returns the items in the order served.
func pageAll(t *testing.T, fetch func(first int, after *string) connPage, n, wantTotal int) []pageNode {
	t.Helper()
	var all []pageNode
	var after *string
	for page := 0; ; page++ {
		if page > wantTotal+1 {
			t.Fatalf("paging with first=%d does not end", n)
		}
		p := fetch(n, after)
		if p.TotalCount != wantTotal {
			t.Fatalf("page %d (first=%d): totalCount %d, want %d on every page", page, n, p.TotalCount, wantTotal)
		}
		if len(p.Nodes) != len(p.Edges) {
			t.Fatalf("page %d: %d nodes but %d edges", page, len(p.Nodes), len(p.Edges))
		}
		for i := range p.Nodes {
			if p.Nodes[i] != p.Edges[i].Node {
				t.Fatalf("page %d: nodes[%d] %v differs from edges[%d].node %v", page, i, p.Nodes[i], i, p.Edges[i].Node)
			}
		}
		if p.PageInfo.HasPreviousPage != (page > 0) {
			t.Fatalf("page %d: hasPreviousPage = %v", page, p.PageInfo.HasPreviousPage)
		}
		remaining := wantTotal - len(all)
		wantLen := min(n, remaining)
		if len(p.Nodes) != wantLen {
			t.Fatalf("page %d (first=%d): %d items, want %d", page, n, len(p.Nodes), wantLen)
		}
		if p.PageInfo.HasNextPage != (remaining > n) {
			t.Fatalf("page %d (first=%d): hasNextPage = %v with %d items remaining", page, n, p.PageInfo.HasNextPage, remaining)
		}
		if len(p.Edges) > 0 {
			if p.PageInfo.StartCursor == nil || *p.PageInfo.StartCursor != p.Edges[0].Cursor ||
				p.PageInfo.EndCursor == nil || *p.PageInfo.EndCursor != p.Edges[len(p.Edges)-1].Cursor {
				t.Fatalf("page %d: startCursor/endCursor %v/%v do not match the edges", page, p.PageInfo.StartCursor, p.PageInfo.EndCursor)
			}
		} else if p.PageInfo.StartCursor != nil || p.PageInfo.EndCursor != nil {
			t.Fatalf("page %d: an empty page has cursors", page)
		}
		all = append(all, p.Nodes...)
		if !p.PageInfo.HasNextPage {
			return all
		}
		after = p.PageInfo.EndCursor
	}
}

// checkOrder checks that items are complete, disjoint and ordered by key
// then id.
func checkOrder(t *testing.T, got []pageNode, wantIDs []string, key func(pageNode) string) {
	t.Helper()
	ids := make([]string, len(got))
	for i, n := range got {
		ids[i] = n.ID
	}
	if !sameSet(ids, wantIDs) || len(ids) != len(wantIDs) {
		t.Fatalf("pages together hold %v, want exactly %v", ids, wantIDs)
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Fatalf("item %s is on two pages", id)
		}
		seen[id] = true
	}
	if !sort.SliceIsSorted(got, func(i, j int) bool {
		ki, kj := key(got[i]), key(got[j])
		return ki < kj || (ki == kj && got[i].ID < got[j].ID)
	}) {
		t.Fatalf("items are not in (name, id) order: %v", got)
	}
}

func TestPeoplePaging(t *testing.T) {
	a := newAPI(t)
	region := storetest.ID("region")
	var ids []string
	// Two people share a name: the order must still be total and stable.
	for _, name := range []string{"Ville", "Sama Nimi", "Aino", "Ulla", "Sama Nimi", "Eero", "Östen"} {
		ids = append(ids, a.newPerson(map[string]any{"name": name, "region": region}))
	}
	fetch := func(first int, after *string) connPage {
		var out struct{ People connPage }
		a.ok(`query($r:String!,$n:Int,$after:String){ people(filter:{region:$r}, first:$n, after:$after){
			totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
			edges { cursor node { id name } } nodes { id name } } }`,
			map[string]any{"r": region, "n": first, "after": after}, &out)
		return out.People
	}
	var reference []pageNode
	for n := 1; n <= 8; n++ {
		got := pageAll(t, fetch, n, len(ids))
		checkOrder(t, got, ids, func(p pageNode) string { return p.Name })
		if reference == nil {
			reference = got
		} else if !slices.Equal(got, reference) {
			t.Fatalf("first=%d serves the order %v, first=1 served %v", n, got, reference)
		}
	}
	if reference[2].Name != "Sama Nimi" || reference[3].Name != "Sama Nimi" {
		t.Fatalf("order by name: %v", reference)
	}

	// An edge's cursor (not only endCursor) resumes right after that edge.
	page := fetch(3, nil)
	resumed := fetch(3, &page.Edges[1].Cursor)
	if resumed.Nodes[0] != reference[2] {
		t.Fatalf("after the second edge's cursor came %v, want %v", resumed.Nodes[0], reference[2])
	}

	// Without first, a page holds up to 20.
	var def struct{ People connPage }
	a.ok(`query($r:String!){ people(filter:{region:$r}){ totalCount nodes { id name } pageInfo { hasNextPage hasPreviousPage } } }`,
		map[string]any{"r": region}, &def)
	if len(def.People.Nodes) != len(ids) || def.People.PageInfo.HasNextPage || def.People.PageInfo.HasPreviousPage {
		t.Fatalf("default page = %+v", def.People)
	}
}

func TestPeoplePageSizeLimits(t *testing.T) {
	a := newAPI(t)
	region := storetest.ID("region")
	a.newPerson(map[string]any{"region": region})
	var out struct{ People connPage }
	a.ok(`query($r:String!){ people(filter:{region:$r}, first:100){ totalCount nodes { id } } }`, map[string]any{"r": region}, &out)
	if out.People.TotalCount != 1 || len(out.People.Nodes) != 1 {
		t.Fatalf("first:100 = %+v", out.People)
	}
	for _, n := range []int{0, -1, 101} {
		a.failsField(`query($n:Int){ people(first:$n){ totalCount } }`, map[string]any{"n": n}, "BAD_USER_INPUT", "first")
		a.failsField(fmt.Sprintf(`{ organisations(first:%d){ totalCount } }`, n), nil, "BAD_USER_INPUT", "first")
		a.failsField(fmt.Sprintf(`{ collaborations(first:%d){ totalCount } }`, n), nil, "BAD_USER_INPUT", "first")
	}
}

func TestPersonNestedFields(t *testing.T) {
	a := newAPI(t)
	stem := storetest.ID("aihe")
	var tb, ta struct{ CreateTopic struct{ ID string } }
	a.ok(`mutation($n:String!){ createTopic(input:{name:$n}){ id } }`, map[string]any{"n": stem + " b"}, &tb)
	a.ok(`mutation($n:String!){ createTopic(input:{name:$n}){ id } }`, map[string]any{"n": stem + " a"}, &ta)
	academia := a.newOrg(map[string]any{"kind": "UNIVERSITY", "sector": "ACADEMIA"})
	third := a.newOrg(map[string]any{"kind": "ASSOCIATION", "sector": "THIRD"})
	private := a.newOrg(map[string]any{"kind": "COMPANY", "sector": "PRIVATE"})
	public1 := a.newOrg(map[string]any{"kind": "MUNICIPALITY", "sector": "PUBLIC"})
	public2 := a.newOrg(map[string]any{"kind": "HOSPITAL_DISTRICT", "sector": "PUBLIC"})

	p := a.newPerson(map[string]any{"expertiseTopicIds": []string{tb.CreateTopic.ID, ta.CreateTopic.ID}})
	eAcademia := a.newExperience(p, academia, "2001-09-01", "2004-06-30")
	eThird := a.newExperience(p, third, "2010-01-01", "2015-12-31")
	ePublic1 := a.newExperience(p, public1, "2016-01-01", "")
	ePrivate := a.newExperience(p, private, "2012-02-01", "2013-01-31")
	ePublic2 := a.newExperience(p, public2, "2019-04-01", "")

	first := a.newCollab(map[string]any{"partners": lead(third), "contributors": []any{map[string]any{"personId": p, "role": "EXPERT"}}})
	second := a.newCollab(map[string]any{"partners": lead(public1), "contributors": []any{map[string]any{"personId": p, "role": "LEAD"}}})

	d := a.data(`query($id:ID!){ person(id:$id){
		experiences { id ongoing endDate person { id } organisation { id } }
		sectors
		expertise { id }
		contributions { role person { id } collaboration { id } }
	} }`, map[string]any{"id": p})

	// Ongoing stints first, then by start date, newest first.
	wantExp := []string{ePublic2, ePublic1, ePrivate, eThird, eAcademia}
	if got := strs(dig(d, "person.experiences"), "id"); !slices.Equal(got, wantExp) {
		t.Fatalf("experiences = %v, want most recent first %v", got, wantExp)
	}
	wantOrg := []string{public2, public1, private, third, academia}
	if got := strs(dig(d, "person.experiences"), "organisation.id"); !slices.Equal(got, wantOrg) {
		t.Fatalf("experience organisations = %v, want %v", got, wantOrg)
	}
	for i, e := range dig(d, "person.experiences").([]any) {
		ongoing := i < 2
		if dig(e, "ongoing") != ongoing || (dig(e, "endDate") == nil) != ongoing || dig(e, "person.id") != p {
			t.Fatalf("experience %d = %v, want ongoing=%v with endDate only when ended", i, e, ongoing)
		}
	}
	if got := fmt.Sprint(dig(d, "person.sectors")); got != "[PUBLIC PRIVATE THIRD ACADEMIA]" {
		t.Fatalf("sectors = %s, want each once in canonical order", got)
	}
	if got := strs(dig(d, "person.expertise"), "id"); !slices.Equal(got, []string{ta.CreateTopic.ID, tb.CreateTopic.ID}) {
		t.Fatalf("expertise = %v, want by name", got)
	}
	// Newest collaboration first.
	assertJSON(t, mustMarshal(t, dig(d, "person.contributions")), fmt.Sprintf(`[
		{"role":"LEAD","person":{"id":%q},"collaboration":{"id":%q}},
		{"role":"EXPERT","person":{"id":%q},"collaboration":{"id":%q}}]`, p, second, p, first))

	// A person with no history has empty lists, not nulls.
	loner := a.newPerson(nil)
	a.okJSON(`query($id:ID!){ person(id:$id){ experiences { id } sectors expertise { id } contributions { role } } }`,
		map[string]any{"id": loner}, `{"person":{"experiences":[],"sectors":[],"expertise":[],"contributions":[]}}`)
}

func TestCreatePerson(t *testing.T) {
	a := newAPI(t)
	topic, topicName := a.newTopic("järjestöyhteistyö")
	region := storetest.ID("region")
	const sel = `{ id name headline languages region visibility openToBridging contactable expertise { id name } }`
	var created struct{ CreatePerson map[string]any }
	a.ok(`mutation($in:CreatePersonInput!){ createPerson(input:$in)`+sel+` }`, map[string]any{"in": map[string]any{
		"name": "  Eero Mäkinen  ", "headline": " Kokemusasiantuntija ", "languages": []string{"FI", "fi", " sv "},
		"region": region, "email": "eero@example.org", "phone": "+358 50 765 4321", "visibility": "PRIVATE",
		"openToBridging": true, "contactable": false, "expertiseTopicIds": []string{topic, topic},
	}}, &created)
	id, _ := created.CreatePerson["id"].(string)
	want := fmt.Sprintf(`{"id":%q,"name":"Eero Mäkinen","headline":"Kokemusasiantuntija","languages":["fi","sv"],"region":%q,
		"visibility":"PRIVATE","openToBridging":true,"contactable":false,"expertise":[{"id":%q,"name":%q}]}`, id, region, topic, topicName)
	assertJSON(t, mustMarshal(t, created.CreatePerson), want)
	a.okJSON(`query($id:ID!){ person(id:$id)`+sel+` }`, map[string]any{"id": id}, `{"person":`+want+`}`)

	// The defaults: MEMBERS, not open to bridging, not contactable, no languages.
	var minimal struct{ CreatePerson map[string]any }
	a.ok(`mutation{ createPerson(input:{name:"Ilona"}) { id visibility openToBridging contactable languages expertise { id } } }`, nil, &minimal)
	delete(minimal.CreatePerson, "id")
	assertJSON(t, mustMarshal(t, minimal.CreatePerson),
		`{"visibility":"MEMBERS","openToBridging":false,"contactable":false,"languages":[],"expertise":[]}`)
}

func TestUpdatePerson(t *testing.T) {
	a := newAPI(t)
	t1, _ := a.newTopic("vapaaehtoistyö")
	t2, _ := a.newTopic("digituki")
	region := storetest.ID("region")
	id := a.newPerson(map[string]any{"name": "Ulla Laine", "headline": "Järjestökoordinaattori", "languages": []string{"fi"},
		"region": region, "visibility": "PUBLIC", "openToBridging": true, "contactable": true, "expertiseTopicIds": []string{t1}})
	const sel = `{ id name headline languages region visibility openToBridging contactable expertise { id } createdAt updatedAt }`
	read := func() map[string]any {
		var out struct{ Person map[string]any }
		a.ok(`query($id:ID!){ person(id:$id)`+sel+` }`, map[string]any{"id": id}, &out)
		return out.Person
	}
	update := func(input map[string]any) map[string]any {
		var out struct{ UpdatePerson map[string]any }
		a.ok(`mutation($id:ID!,$in:UpdatePersonInput!){ updatePerson(id:$id, input:$in)`+sel+` }`,
			map[string]any{"id": id, "in": input}, &out)
		if reread := read(); !jsonEqual(out.UpdatePerson, reread) {
			t.Fatalf("updatePerson returned %v but the person reads back as %v", out.UpdatePerson, reread)
		}
		return out.UpdatePerson
	}
	before := read()

	// Only the given field changes.
	got := update(map[string]any{"headline": "Kumppanuuskoordinaattori"})
	if got["headline"] != "Kumppanuuskoordinaattori" {
		t.Fatalf("headline = %v", got["headline"])
	}
	for _, k := range []string{"id", "name", "languages", "region", "visibility", "openToBridging", "contactable", "expertise", "createdAt"} {
		if !jsonEqual(got[k], before[k]) {
			t.Fatalf("%s changed from %v to %v though it was left out", k, before[k], got[k])
		}
	}
	if mustTime(t, got["updatedAt"]).Before(mustTime(t, before["updatedAt"])) {
		t.Fatalf("updatedAt went back from %v to %v", before["updatedAt"], got["updatedAt"])
	}

	// An explicit null clears the headline and nothing else.
	got = update(map[string]any{"headline": nil})
	if h := got["headline"]; h != nil && h != "" {
		t.Fatalf("headline after null = %v, want it cleared", h)
	}
	if got["name"] != "Ulla Laine" || got["region"] != region {
		t.Fatalf("clearing the headline changed other fields: %v", got)
	}

	// Everything at once, with the expertise replaced.
	region2 := storetest.ID("region")
	got = update(map[string]any{"name": " Ulla Laine-Koski ", "languages": []string{"EN", "sv"}, "region": region2,
		"visibility": "MEMBERS", "openToBridging": false, "contactable": false, "expertiseTopicIds": []string{t2},
		"email": "ulla@example.fi", "phone": "040 111 2222"})
	assertJSON(t, mustMarshal(t, map[string]any{"name": got["name"], "languages": got["languages"], "region": got["region"],
		"visibility": got["visibility"], "openToBridging": got["openToBridging"], "contactable": got["contactable"], "expertise": got["expertise"]}),
		fmt.Sprintf(`{"name":"Ulla Laine-Koski","languages":["en","sv"],"region":%q,"visibility":"MEMBERS","openToBridging":false,
			"contactable":false,"expertise":[{"id":%q}]}`, region2, t2))

	// An empty list removes all expertise; languages stay.
	got = update(map[string]any{"expertiseTopicIds": []string{}})
	if !jsonEqual(got["expertise"], []any{}) || !jsonEqual(got["languages"], []any{"en", "sv"}) {
		t.Fatalf("after expertiseTopicIds:[] = %v", got)
	}

	// name cannot be null: refused, and nothing changes.
	snapshot := read()
	a.failsField(`mutation($id:ID!){ updatePerson(id:$id, input:{name:null, headline:"x"}){ id } }`,
		map[string]any{"id": id}, "BAD_USER_INPUT", "name")
	if after := read(); !jsonEqual(after, snapshot) {
		t.Fatalf("a refused update changed the person: %v -> %v", snapshot, after)
	}
}

// TestClearedTextIsNull: the nullable text fields are null, not "", when
// they have no value, whether never set or cleared with an explicit null.
func TestClearedTextIsNull(t *testing.T) {
	a := newAPI(t)
	id := a.newPerson(map[string]any{"headline": "Tulkki", "region": "Pirkanmaa"})
	a.okJSON(`mutation($id:ID!){ updatePerson(id:$id, input:{headline:null, region:null}){ headline region } }`,
		map[string]any{"id": id}, `{"updatePerson":{"headline":null,"region":null}}`)
	a.okJSON(`query($id:ID!){ person(id:$id){ headline region } }`, map[string]any{"id": id},
		`{"person":{"headline":null,"region":null}}`)
	org := a.newOrg(nil)
	a.okJSON(`query($id:ID!){ organisation(id:$id){ region website description } }`, map[string]any{"id": org},
		`{"organisation":{"region":null,"website":null,"description":null}}`)
}

func TestExperienceMutations(t *testing.T) {
	a := newAPI(t)
	public := a.newOrg(map[string]any{"kind": "WELLBEING_SERVICES_COUNTY", "sector": "PUBLIC"})
	academia := a.newOrg(map[string]any{"kind": "RESEARCH_INSTITUTE", "sector": "ACADEMIA"})
	person := a.newPerson(nil)
	const sel = `{ id kind roleTitle startDate endDate ongoing person { id } organisation { id } }`
	readExp := func(id string) map[string]any {
		var out struct{ Experience map[string]any }
		a.ok(`query($id:ID!){ experience(id:$id)`+sel+` }`, map[string]any{"id": id}, &out)
		return out.Experience
	}

	// addExperience
	var added struct{ AddExperience map[string]any }
	a.ok(`mutation($in:AddExperienceInput!){ addExperience(input:$in)`+sel+` }`, map[string]any{"in": map[string]any{
		"personId": person, "organisationId": public, "kind": "SECONDMENT", "roleTitle": " Kehittämispäällikkö ",
		"startDate": "2020-02-29", "endDate": "2022-12-31"}}, &added)
	id, _ := added.AddExperience["id"].(string)
	want := fmt.Sprintf(`{"id":%q,"kind":"SECONDMENT","roleTitle":"Kehittämispäällikkö","startDate":"2020-02-29","endDate":"2022-12-31",
		"ongoing":false,"person":{"id":%q},"organisation":{"id":%q}}`, id, person, public)
	assertJSON(t, mustMarshal(t, added.AddExperience), want)
	assertJSON(t, mustMarshal(t, readExp(id)), want)
	a.okJSON(`query($id:ID!){ person(id:$id){ experiences { id } sectors } }`, map[string]any{"id": person},
		fmt.Sprintf(`{"person":{"experiences":[{"id":%q}],"sectors":["PUBLIC"]}}`, id))

	updateExp := func(input map[string]any) map[string]any {
		var out struct{ UpdateExperience map[string]any }
		a.ok(`mutation($id:ID!,$in:UpdateExperienceInput!){ updateExperience(id:$id, input:$in)`+sel+` }`,
			map[string]any{"id": id, "in": input}, &out)
		if reread := readExp(id); !jsonEqual(out.UpdateExperience, reread) {
			t.Fatalf("updateExperience returned %v, reads back as %v", out.UpdateExperience, reread)
		}
		return out.UpdateExperience
	}

	// Partial: only the role title changes.
	got := updateExp(map[string]any{"roleTitle": "Palvelupäällikkö"})
	assertJSON(t, mustMarshal(t, got), strings.Replace(want, "Kehittämispäällikkö", "Palvelupäällikkö", 1))

	// An explicit null end date makes the stint ongoing.
	got = updateExp(map[string]any{"endDate": nil})
	if got["ongoing"] != true || got["endDate"] != nil || got["startDate"] != "2020-02-29" || got["kind"] != "SECONDMENT" {
		t.Fatalf("after endDate:null = %v, want ongoing with the rest unchanged", got)
	}
	a.okJSON(`query($id:ID!){ organisation(id:$id){ people(tenure:CURRENT){ person { id } current } } }`,
		map[string]any{"id": public}, fmt.Sprintf(`{"organisation":{"people":[{"person":{"id":%q},"current":true}]}}`, person))

	// Moving the stint to another organisation moves the person's sector
	// and membership with it.
	got = updateExp(map[string]any{"organisationId": academia, "kind": "EMPLOYMENT", "startDate": "2019-01-01", "endDate": "2019-12-31"})
	if dig(got, "organisation.id") != academia || got["kind"] != "EMPLOYMENT" || got["startDate"] != "2019-01-01" ||
		got["endDate"] != "2019-12-31" || got["ongoing"] != false {
		t.Fatalf("after moving the stint: %v", got)
	}
	a.okJSON(`query($id:ID!){ person(id:$id){ sectors } }`, map[string]any{"id": person}, `{"person":{"sectors":["ACADEMIA"]}}`)
	a.okJSON(`query($id:ID!){ organisation(id:$id){ people { person { id } } } }`, map[string]any{"id": public},
		`{"organisation":{"people":[]}}`)
	a.okJSON(`query($id:ID!){ organisation(id:$id){ people(tenure:FORMER){ person { id } current experiences { id } } } }`,
		map[string]any{"id": academia},
		fmt.Sprintf(`{"organisation":{"people":[{"person":{"id":%q},"current":false,"experiences":[{"id":%q}]}]}}`, person, id))

	// removeExperience returns the person without the stint.
	keep := a.newExperience(person, public, "2023-01-01", "")
	var removed struct{ RemoveExperience map[string]any }
	a.ok(`mutation($id:ID!){ removeExperience(id:$id){ id experiences { id } sectors } }`, map[string]any{"id": id}, &removed)
	assertJSON(t, mustMarshal(t, removed.RemoveExperience),
		fmt.Sprintf(`{"id":%q,"experiences":[{"id":%q}],"sectors":["PUBLIC"]}`, person, keep))
	a.fails(`query($id:ID!){ experience(id:$id){ id } }`, map[string]any{"id": id}, "NOT_FOUND")
	a.okJSON(`query($id:ID!){ organisation(id:$id){ people { person { id } } } }`, map[string]any{"id": academia},
		`{"organisation":{"people":[]}}`)
	a.fails(`mutation($id:ID!){ removeExperience(id:$id){ id } }`, map[string]any{"id": id}, "NOT_FOUND")
}

func mustTime(t *testing.T, v any) time.Time {
	t.Helper()
	s, _ := v.(string)
	ts, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("%v is not an RFC 3339 time: %v", v, err)
	}
	return ts
}
