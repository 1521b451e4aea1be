package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// peerVisible is what a PROFESSIONAL caller sees of other people in Tulkki
// (docs: README "Signing in"); the peer has no authorisation, so its
// queries filter people by the same visibilities themselves.
const peerVisible = `["PUBLIC", "MEMBERS"]`

// peerQuery is one of the side-by-side queries: the same question asked of
// Tulkki's schema and of the peer's generated one.
type peerQuery struct {
	key, title string
	// tulkki and peer are the GraphQL documents; both take the variables
	// of benchQueryVars (query c: $id).
	tulkki, peer string
	// tulkkiList and peerList lead from "data" to the root list, whose ids
	// must come in the same order on both sides (name, then id).
	tulkkiList, peerList []string
}

// peerQueries are issue #12's four queries. Both sides read the same
// records: lists of 20 ordered by name then id, only people a PROFESSIONAL
// may see. Nested lists are in each side's own order (the id check
// compares sets there).
var peerQueries = []peerQuery{
	{
		key:   "a",
		title: "20 people, each with experiences → organisation → sector",
		tulkki: `query A { people(first: 20) { nodes { id name
  experiences { id kind startDate endDate organisation { id name sector } } } } }`,
		peer: `query A { people(where: { visibility: { in: ` + peerVisible + ` } }, sort: [{ name: ASC }, { id: ASC }], limit: 20) { id name
  experiences(sort: [{ startDate: DESC }]) { id kind startDate endDate organisation { id name sector { code } } } } }`,
		tulkkiList: []string{"people", "nodes"},
		peerList:   []string{"people"},
	},
	{
		key:   "b",
		title: "20 organisations with their people and topics",
		tulkki: `query B { organisations(first: 20) { nodes { id name
  people { current person { id name } experiences { id } }
  topics { id name } } } }`,
		peer: `query B { organisations(sort: [{ name: ASC }, { id: ASC }], limit: 20) { id name
  experiences(where: { person: { some: { visibility: { in: ` + peerVisible + ` } } } }) { id endDate person { id name } }
  topics(sort: [{ name: ASC }]) { id name } } }`,
		tulkkiList: []string{"organisations", "nodes"},
		peerList:   []string{"organisations"},
	},
	{
		key:   "c",
		title: "one person by id with nested stints (experiences with organisation)",
		tulkki: `query C($id: ID!) { person(id: $id) { id name headline
  experiences { id kind roleTitle startDate endDate ongoing organisation { id name } } } }`,
		peer: `query C($id: ID!) { people(where: { id: { eq: $id }, visibility: { in: ` + peerVisible + ` } }) { id name headline
  experiences(sort: [{ startDate: DESC }]) { id kind roleTitle startDate endDate organisation { id name } } } }`,
		tulkkiList: []string{"person"},
		peerList:   []string{"people"},
	},
	{
		key:   "d",
		title: "20 organisations of one sector (PUBLIC) with their collaborations",
		tulkki: `query D { organisations(filter: { sector: PUBLIC }, first: 20) { nodes { id name
  collaborations { role collaboration { id title phase } } } } }`,
		peer: `query D { organisations(where: { sector: { some: { code: { eq: "PUBLIC" } } } }, sort: [{ name: ASC }, { id: ASC }], limit: 20) { id name
  collaborationsConnection { edges { properties { role } node { id title phase } } } } }`,
		tulkkiList: []string{"organisations", "nodes"},
		peerList:   []string{"organisations"},
	},
}

// pickPersonQuery asks the peer for visible generated people with their
// stints; query c uses the one with the most (the first by id on a tie).
const pickPersonQuery = `{ people(where: { id: { startsWith: "gen-" }, visibility: { in: ` + peerVisible + ` } }, sort: [{ id: ASC }], limit: 200) {
  id experiences { id } } }`

// gqlResponse is a GraphQL answer: data, or errors.
type gqlResponse struct {
	Data   any               `json:"data"`
	Errors []json.RawMessage `json:"errors"`
}

func decodeResponse(raw []byte) (gqlResponse, error) {
	var r gqlResponse
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&r); err != nil {
		return r, fmt.Errorf("not a GraphQL response (%w): %s", err, snippet(raw))
	}
	if len(r.Errors) > 0 {
		return r, fmt.Errorf("GraphQL errors: %s", snippet(raw))
	}
	return r, nil
}

// collectIDs adds every string value of an "id" field anywhere in v.
func collectIDs(v any, into map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if s, ok := val.(string); ok && k == "id" {
				into[s] = true
				continue
			}
			collectIDs(val, into)
		}
	case []any:
		for _, item := range x {
			collectIDs(item, into)
		}
	}
}

// rootIDs follows path from data to the root list (or a single object, as
// for person(id)) and returns its items' ids in order.
func rootIDs(data any, path []string) ([]string, error) {
	v := data
	for _, key := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("no %q in the response", strings.Join(path, "."))
		}
		v = m[key]
	}
	items, ok := v.([]any)
	if !ok {
		if v == nil {
			return nil, nil
		}
		items = []any{v}
	}
	ids := make([]string, 0, len(items))
	for _, it := range items {
		m, _ := it.(map[string]any)
		id, _ := m["id"].(string)
		ids = append(ids, id)
	}
	return ids, nil
}

// idDiff is how two answers' ids differ: the root lists' order, and the
// ids only one side returned.
type idDiff struct {
	RootTulkki, RootPeer []string
	OnlyTulkki, OnlyPeer []string
}

func (d idDiff) Empty() bool {
	return slices.Equal(d.RootTulkki, d.RootPeer) && len(d.OnlyTulkki) == 0 && len(d.OnlyPeer) == 0
}

func (d idDiff) String() string {
	var b strings.Builder
	if !slices.Equal(d.RootTulkki, d.RootPeer) {
		fmt.Fprintf(&b, "root lists differ:\n  Tulkki %v\n  peer   %v\n", d.RootTulkki, d.RootPeer)
	}
	if len(d.OnlyTulkki) > 0 {
		fmt.Fprintf(&b, "%d ids only from Tulkki, e.g. %v\n", len(d.OnlyTulkki), d.OnlyTulkki[:min(5, len(d.OnlyTulkki))])
	}
	if len(d.OnlyPeer) > 0 {
		fmt.Fprintf(&b, "%d ids only from the peer, e.g. %v\n", len(d.OnlyPeer), d.OnlyPeer[:min(5, len(d.OnlyPeer))])
	}
	return b.String()
}

// compareAnswers checks that Tulkki's and the peer's answers to the same
// query hold the same records: the same root list in the same order, and
// the same set of ids at any depth. It returns how many distinct ids both
// hold, so a check over two empty answers can be told apart.
func compareAnswers(q peerQuery, tulkki, peer any) (int, idDiff, error) {
	var d idDiff
	var err error
	if d.RootTulkki, err = rootIDs(tulkki, q.tulkkiList); err != nil {
		return 0, d, fmt.Errorf("Tulkki: %w", err)
	}
	if d.RootPeer, err = rootIDs(peer, q.peerList); err != nil {
		return 0, d, fmt.Errorf("peer: %w", err)
	}
	t, p := map[string]bool{}, map[string]bool{}
	collectIDs(tulkki, t)
	collectIDs(peer, p)
	d.OnlyTulkki, d.OnlyPeer = setMinus(t, p), setMinus(p, t)
	return len(t), d, nil
}

// setMinus returns the keys of a that are not in b, sorted.
func setMinus(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// pickPerson returns the id of the person with the most experiences in a
// peer answer to pickPersonQuery (the first on a tie).
func pickPerson(data any) (string, int) {
	best, most := "", -1
	m, _ := data.(map[string]any)
	people, _ := m["people"].([]any)
	for _, raw := range people {
		p, _ := raw.(map[string]any)
		id, _ := p["id"].(string)
		exps, _ := p["experiences"].([]any)
		if id != "" && len(exps) > most {
			best, most = id, len(exps)
		}
	}
	return best, most
}

func snippet(raw []byte) string {
	s := strings.TrimSpace(string(raw))
	if len(s) > 400 {
		s = s[:400] + "…"
	}
	return s
}
