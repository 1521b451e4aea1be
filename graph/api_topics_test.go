package graph_test

import (
	"strings"
	"testing"
)

const topicsPageQ = `query($s:String,$f:Int,$a:String){ topicsPage(search:$s, first:$f, after:$a){
	totalCount nodes { id name } edges { cursor } pageInfo { hasNextPage hasPreviousPage endCursor } } }`

type topicsPage struct {
	TopicsPage struct {
		TotalCount int
		Nodes      []struct{ ID, Name string }
		PageInfo   struct {
			HasNextPage, HasPreviousPage bool
			EndCursor                    string
		}
	}
}

func (p topicsPage) names() string {
	var out []string
	for _, n := range p.TopicsPage.Nodes {
		out = append(out, n.Name)
	}
	return strings.Join(out, ", ")
}

// TestTopicsSearchAndPages: topicsPage finds topics by any of their names,
// case-insensitively, and pages through them by name; topics still lists
// them all (issue 17, small things: topics had no search or paging).
func TestTopicsSearchAndPages(t *testing.T) {
	a := newAPI(t)
	stem := word("aihepaketti")
	for _, in := range []map[string]any{
		{"name": stem + " Delta"}, {"name": stem + " Alfa"}, {"name": stem + " Charlie"},
		{"name": stem + " Bravo", "nameFi": "Suomeksi " + stem + " kaiku"},
	} {
		a.ok(`mutation($in:CreateTopicInput!){ createTopic(input:$in){ id } }`, map[string]any{"in": in}, nil)
	}
	cases := []struct {
		name, search string
		first        int
		want         string
		total        int
		more         bool
	}{
		{"every match by name", stem, 10, stem + " Alfa, " + stem + " Bravo, " + stem + " Charlie, " + stem + " Delta", 4, false},
		{"case-insensitive", strings.ToUpper(stem) + " CHAR", 10, stem + " Charlie", 1, false},
		{"the Finnish name", "suomeksi " + stem, 10, stem + " Bravo", 1, false},
		{"a first page", stem, 3, stem + " Alfa, " + stem + " Bravo, " + stem + " Charlie", 4, true},
		{"no match", stem + " zulu", 10, "", 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var p topicsPage
			a.with(t).ok(topicsPageQ, map[string]any{"s": c.search, "f": c.first}, &p)
			if p.names() != c.want || p.TopicsPage.TotalCount != c.total || p.TopicsPage.PageInfo.HasNextPage != c.more {
				t.Errorf("got %q (total %d, more %v), want %q (total %d, more %v)", p.names(), p.TopicsPage.TotalCount,
					p.TopicsPage.PageInfo.HasNextPage, c.want, c.total, c.more)
			}
		})
	}
	t.Run("the next page", func(t *testing.T) {
		a := a.with(t)
		var first, second topicsPage
		a.ok(topicsPageQ, map[string]any{"s": stem, "f": 2}, &first)
		a.ok(topicsPageQ, map[string]any{"s": stem, "f": 2, "a": first.TopicsPage.PageInfo.EndCursor}, &second)
		if second.names() != stem+" Charlie, "+stem+" Delta" || second.TopicsPage.PageInfo.HasNextPage || !second.TopicsPage.PageInfo.HasPreviousPage {
			t.Errorf("second page %q %+v", second.names(), second.TopicsPage.PageInfo)
		}
	})
	t.Run("bad input", func(t *testing.T) {
		a := a.with(t)
		a.fails(topicsPageQ, map[string]any{"f": 0}, "BAD_USER_INPUT")
		a.fails(topicsPageQ, map[string]any{"f": 101}, "BAD_USER_INPUT")
		a.fails(topicsPageQ, map[string]any{"a": "not-a-cursor"}, "BAD_USER_INPUT")
		a.fails(topicsPageQ, map[string]any{"s": strings.Repeat("x", 1000)}, "BAD_USER_INPUT")
	})
	t.Run("topics lists them all", func(t *testing.T) {
		var all struct{ Topics []struct{ Name string } }
		a.with(t).ok(`{ topics { name } }`, nil, &all)
		n := 0
		for _, tp := range all.Topics {
			if strings.HasPrefix(tp.Name, stem) {
				n++
			}
		}
		if n != 4 {
			t.Errorf("topics lists %d of the 4", n)
		}
	})
}
