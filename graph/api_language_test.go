package graph_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/graph"
	"github.com/tulkki/tulkki/internal/ecosystem"
	"github.com/tulkki/tulkki/internal/i18n"
	"github.com/tulkki/tulkki/internal/importer"
	"github.com/tulkki/tulkki/internal/storetest"
)

// TestServerTextInTheAskedLanguage: explanations, evidence summaries and
// error messages the server writes come in the language of the request's
// Accept-Language (Finnish, Swedish or English); any other language, or
// none, gets English (issue 17, "Swedish, and server text in the user's
// language"). The expected words are the catalogue's, so the test checks
// that the API words each message in the asked language, not the wording.
func TestServerTextInTheAskedLanguage(t *testing.T) {
	a := newAPI(t)
	w := buildPairingWorld(t, a)
	for _, tc := range []struct {
		header string
		lang   i18n.Lang
	}{
		{"fi-FI,fi;q=0.9,en;q=0.8", i18n.FI},
		{"sv-FI", i18n.SV},
		{"en-GB", i18n.EN},
		{"de-DE", i18n.EN}, // not one of the three
		{"", i18n.EN},      // none asked
	} {
		t.Run(string(tc.lang)+" from "+tc.header, func(t *testing.T) {
			c := a.with(t).inLanguage(tc.header)
			words := func(key string, args ...any) string {
				got := i18n.T(key, args...).In(tc.lang)
				if tc.lang != i18n.EN && got == i18n.T(key, args...).String() {
					t.Fatalf("%q has no %s translation: the test would not tell languages apart", key, tc.lang)
				}
				return got
			}

			// An unusual pairing's explanation and its translator's evidence.
			var out struct {
				UnusualPairings []struct {
					Explanation string
					Translators []struct {
						Evidence []struct{ Kind, Summary string }
					}
				}
			}
			c.ok(`query($for:ID){ unusualPairings(for:$for){ explanation translators { evidence { kind summary } } } }`,
				map[string]any{"for": w.x}, &out)
			if len(out.UnusualPairings) == 0 {
				t.Fatal("no pairing suggested")
			}
			never := words("they have never worked together")
			for _, p := range out.UnusualPairings {
				if !strings.Contains(p.Explanation, never) {
					t.Errorf("explanation %q lacks %q", p.Explanation, never)
				}
				for _, ev := range p.Translators[0].Evidence {
					if ev.Kind == "STINT" && !strings.Contains(ev.Summary, words("employment")) {
						t.Errorf("evidence %q is not in %s (lacks %q)", ev.Summary, tc.lang, words("employment"))
					}
				}
			}

			// A bad value and a refusal.
			bad := c.fails(`mutation{ createTopic(input:{name:" "}){ id } }`, nil, "BAD_USER_INPUT")
			if want := words("%s must not be empty", "name"); bad.Message != want {
				t.Errorf("bad input: %q, want %q", bad.Message, want)
			}
			refused := c.anonymous().fails(`mutation{ createTopic(input:{name:"x"}){ id } }`, nil, "FORBIDDEN")
			if want := words("sign in first: %s", i18n.T("only organisation editors, facilitators and administrators may add topics")); refused.Message != want {
				t.Errorf("refusal: %q, want %q", refused.Message, want)
			}
		})
	}

	// Caches must keep the languages apart.
	resp, _, err := a.inLanguage("sv").roundTrip(http.MethodPost, "/graphql", []byte(`{"query":"{ __typename }"}`), a.bearer())
	if err != nil {
		t.Fatal(err)
	}
	if vary := resp.Header.Values("Vary"); !strings.Contains(strings.Join(vary, ","), "Accept-Language") {
		t.Errorf("Vary: %v, want Accept-Language in it", vary)
	}
}

// TestTopicNamesInThreeLanguages: a topic keeps its Finnish and Swedish
// names beside the English one.
func TestTopicNamesInThreeLanguages(t *testing.T) {
	a := newAPI(t)
	for _, tc := range []struct {
		name, in, wantFi, wantSv string
	}{
		{"all three", `{name:$n, nameFi:"Kielikahvilat", nameSv:"Språkkaféer"}`, "Kielikahvilat", "Språkkaféer"},
		{"Swedish only", `{name:$n, nameSv:"Kamratstöd"}`, "", "Kamratstöd"},
		{"English only", `{name:$n}`, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out struct {
				CreateTopic struct {
					ID, Name       string
					NameFi, NameSv *string
				}
			}
			name := storetest.ID("topic")
			a.ok(`mutation($n:String!){ createTopic(input:`+tc.in+`){ id name nameFi nameSv } }`, map[string]any{"n": name}, &out)
			var read struct {
				Topic struct {
					Name           string
					NameFi, NameSv *string
				}
			}
			a.ok(`query($id:ID!){ topic(id:$id){ name nameFi nameSv } }`, map[string]any{"id": out.CreateTopic.ID}, &read)
			if read.Topic.Name != name || orNone(read.Topic.NameFi) != tc.wantFi || orNone(read.Topic.NameSv) != tc.wantSv {
				t.Errorf("read back %q / %v / %v, want %q / %q / %q", read.Topic.Name, read.Topic.NameFi, read.Topic.NameSv, name, tc.wantFi, tc.wantSv)
			}
		})
	}
}

func orNone(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// TestMessagesInTheAskedLanguage: the argument checks, conflicts and
// refusals that were English only before (issue 17, the last of "server
// text in the user's language") come in Finnish and Swedish when asked.
// Each expected message is the catalogue's wording of the key the domain
// uses, and must differ from the English, so a key missing from the
// catalogue fails here too; TestCatalogueComplete (internal/i18n) checks
// that every key has an entry.
func TestMessagesInTheAskedLanguage(t *testing.T) {
	a := newAPI(t)
	org := a.newOrg(map[string]any{"name": storetest.ID("Kieli ry"), "kind": "ASSOCIATION", "sector": "THIRD"})
	collab := a.newCollab(map[string]any{"partners": lead(org)})
	other := a.newOrg(map[string]any{"name": storetest.ID("Kielikunta"), "kind": "MUNICIPALITY", "sector": "PUBLIC"})
	for _, tc := range []struct {
		name  string
		as    func(*api) *api
		query string
		vars  map[string]any
		code  string
		text  i18n.Text // the message, as a key with arguments
	}{
		{"translators between one organisation", (*api).anonymous,
			`query($a:ID!){ translators(between:[$a]){ score } }`, map[string]any{"a": org},
			"BAD_USER_INPUT", i18n.T("between takes exactly two different organisation ids, got %d", 1)},
		{"two LEAD partners", nil,
			`mutation($in:CreateCollaborationInput!){ createCollaboration(input:$in){ id } }`,
			map[string]any{"in": map[string]any{"title": storetest.ID("Kaksi vetäjää"), "form": "PROJECT", "partners": []any{
				map[string]any{"organisationId": org, "role": "LEAD"}, map[string]any{"organisationId": other, "role": "LEAD"}}}},
			"BAD_USER_INPUT", i18n.T("exactly one partner must have the role LEAD, got %d", 2)},
		{"a partner twice", nil,
			`mutation($c:ID!, $o:ID!){ addPartner(collaborationId:$c, organisationId:$o, role:FUNDER){ id } }`,
			map[string]any{"c": collab, "o": org},
			"CONFLICT", i18n.T("organisation %q is already a partner in collaboration %q (as %s)", org, collab, "LEAD")},
		{"a period that ends before it begins", func(c *api) *api { return c.as(coordinator()) },
			`{ boldCollaborations(period:{from:"2024-01-01", to:"2023-01-01"}){ collaboration { id } } }`, nil,
			"BAD_USER_INPUT", i18n.T("period.to %s is before period.from %s", "2023-01-01", "2024-01-01")},
		{"a date that does not exist", func(c *api) *api { return c.as(coordinator()) },
			`{ boldCollaborations(period:{from:"2024-02-31", to:"2024-03-01"}){ collaboration { id } } }`, nil,
			"BAD_USER_INPUT", i18n.T("%q is not a date of the form YYYY-MM-DD", "2024-02-31")},
		{"an ecosystem graph of no nodes", func(c *api) *api { return c.as(coordinator()) },
			`{ ecosystemGraph(maxNodes:0){ omitted } }`, nil,
			"BAD_USER_INPUT", i18n.T("maxNodes must be between 1 and %d, got %d", ecosystem.MaxNodes, 0)},
		{"an anonymous change of a collaboration", (*api).anonymous,
			`mutation($c:ID!, $o:ID!){ addPartner(collaborationId:$c, organisationId:$o, role:FUNDER){ id } }`,
			map[string]any{"c": collab, "o": other},
			"FORBIDDEN", i18n.T("sign in first: %s", i18n.T("only editors of a partner organisation and administrators may change a collaboration"))},
	} {
		for _, lang := range []i18n.Lang{i18n.FI, i18n.SV} {
			t.Run(tc.name+" in "+string(lang), func(t *testing.T) {
				c := a.with(t).inLanguage(string(lang))
				if tc.as != nil {
					c = tc.as(c)
				}
				got := c.fails(tc.query, tc.vars, tc.code)
				want := tc.text.In(lang)
				if want == tc.text.String() {
					t.Fatalf("%q has no %s translation", tc.text.Key, lang)
				}
				if got.Message != want {
					t.Errorf("message %q, want %q", got.Message, want)
				}
			})
		}
	}

	// The data is as it was: one partner, the LEAD.
	var read struct {
		Collaboration struct{ Partners []struct{ Role string } }
	}
	a.ok(`query($c:ID!){ collaboration(id:$c){ partners { role } } }`, map[string]any{"c": collab}, &read)
	if p := read.Collaboration.Partners; len(p) != 1 || p[0].Role != "LEAD" {
		t.Errorf("partners after the refused changes: %+v", p)
	}

	// A malformed bearer token is refused before the GraphQL edge, in the
	// asked language too.
	for _, lang := range []i18n.Lang{i18n.FI, i18n.SV} {
		resp, out, err := a.inLanguage(string(lang)).roundTrip(http.MethodPost, "/graphql", []byte(`{"query":"{ __typename }"}`), "Basic Zm9vOmJhcg==")
		if err != nil {
			t.Fatal(err)
		}
		want := i18n.T("Authorization header must be: Bearer <token>").In(lang)
		if resp.StatusCode != http.StatusUnauthorized || len(out.Errors) != 1 || out.Errors[0].Message != want {
			t.Errorf("%s: status %d, errors %+v, want 401 %q", lang, resp.StatusCode, out.Errors, want)
		}
	}
}

// TestRequestRefusalsInTheAskedLanguage: a request refused before any
// resolver runs (at the HTTP edge, or by the query limits) is answered in
// the asked language too; its code is the same in every language.
func TestRequestRefusalsInTheAskedLanguage(t *testing.T) {
	a := newAPI(t)
	repeats := strings.Repeat("__typename ", graph.DefaultShapeLimits.Repeats+1)
	for _, tc := range []struct {
		name         string
		method, path string
		body         string
		code         string
		text         i18n.Text
	}{
		{"a body that ends too early", http.MethodPost, "/graphql", `{"query": `, "BAD_REQUEST",
			i18n.T("the request body is not a GraphQL request in JSON: %s", i18n.T("the body ends too early"))},
		{"a mutation sent with GET", http.MethodGet, "/graphql?query=" + url.QueryEscape(`mutation{ deleteMyData(confirm:true){ erasedPersonId } }`), "", "BAD_REQUEST",
			i18n.T("only queries may be sent with GET; send %ss with POST", "mutation")},
		{"a field asked for too often", http.MethodPost, "/graphql", `{"query":"{ ` + repeats + `}"}`, graph.CodeQueryTooLarge,
			i18n.T("%q is asked for %d times in one selection; at most %d are allowed", "__typename", graph.DefaultShapeLimits.Repeats+1, graph.DefaultShapeLimits.Repeats)},
	} {
		for _, lang := range []i18n.Lang{i18n.FI, i18n.SV} {
			t.Run(tc.name+" in "+string(lang), func(t *testing.T) {
				var body []byte
				if tc.body != "" {
					body = []byte(tc.body)
				}
				_, out, err := a.with(t).inLanguage(string(lang)).roundTrip(tc.method, tc.path, body, a.bearer())
				if err != nil {
					t.Fatal(err)
				}
				want := tc.text.In(lang)
				if want == tc.text.String() {
					t.Fatalf("%q has no %s translation", tc.text.Key, lang)
				}
				if len(out.Errors) != 1 || out.Errors[0].Message != want || out.Errors[0].Extensions["code"] != tc.code {
					t.Errorf("errors %+v, want one %s: %q", out.Errors, tc.code, want)
				}
			})
		}
	}
}

// TestImportProblemsInTheAskedLanguage: a dry run of files with broken
// rows lists each problem (extensions.problems) and sums them up in the
// error's message in the language asked, English when none is.
func TestImportProblemsInTheAskedLanguage(t *testing.T) {
	a := newAPI(t)
	files := map[string][]byte{
		"collaborations.csv": []byte("externalId,title,form,phase,startDate\nc1,Hanke,PROJECT,LAUNCHED,31.2.2019\n"),
		"people.csv":         []byte("externalId,name,email\np1,Anna,not-an-address\n"),
	}
	// The problems, in the order the importer reads the kinds (people
	// before collaborations).
	want := []importer.Problem{
		{File: "people.csv", Line: 2, Column: "email", Code: importer.CodeBadValue,
			Message: i18n.T("%s is not a valid e-mail address", "email")},
		{File: "collaborations.csv", Line: 2, Column: "startDate", Code: importer.CodeBadDate,
			Message: i18n.T("%s is not a date (write 2019-03-31 or 31.3.2019)", "31.2.2019")},
	}
	for _, tc := range []struct {
		header string
		lang   i18n.Lang
	}{{"fi-FI", i18n.FI}, {"sv-FI, fi;q=0.5", i18n.SV}, {"", i18n.EN}} {
		t.Run(string(tc.lang), func(t *testing.T) {
			status, r := a.with(t).as(coordinator()).inLanguage(tc.header).upload(files, true, "")
			if status != http.StatusOK || len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
				t.Fatalf("status %d, errors %+v", status, r.Errors)
			}
			e := r.Errors[0]
			first := want[0].In(tc.lang)
			if msg := i18n.T("the import has %d problems, nothing was written; the first: %s", len(want), first).In(tc.lang); e.Message != msg {
				t.Errorf("message %q, want %q", e.Message, msg)
			}
			problems, _ := e.Extensions["problems"].([]any)
			if len(problems) != len(want) {
				t.Fatalf("problems %+v, want %d", e.Extensions["problems"], len(want))
			}
			for i, p := range problems {
				got, _ := p.(map[string]any)
				w := want[i].Message.In(tc.lang)
				if tc.lang != i18n.EN && w == want[i].Message.String() {
					t.Fatalf("%q has no %s translation", want[i].Message.Key, tc.lang)
				}
				if got["message"] != w || got["column"] != want[i].Column || got["code"] != want[i].Code {
					t.Errorf("problem %d: %+v, want column %s, code %s, message %q", i, got, want[i].Column, want[i].Code, w)
				}
			}
		})
	}
}

// TestSectorEvidenceInTheAskedLanguage: a translator whose tie to a side is
// only experience of its sector gets a SECTOR evidence whose path ends in
// the Sector node; its name, like the summary, is in the asked language.
func TestSectorEvidenceInTheAskedLanguage(t *testing.T) {
	a := newAPI(t)
	w := buildBridgeWorld(t, a)
	sectorNames := map[string]i18n.Text{"PUBLIC": i18n.T("public sector"), "THIRD": i18n.T("third sector")}
	for _, lang := range []i18n.Lang{i18n.FI, i18n.SV, i18n.EN} {
		t.Run(string(lang), func(t *testing.T) {
			found := 0
			for _, m := range a.with(t).inLanguage(string(lang)).translators(w, nil, 10) {
				for _, e := range m.Evidence {
					if e.Kind != "SECTOR" {
						continue
					}
					last := e.Path.Nodes[len(e.Path.Nodes)-1]
					name, ok := sectorNames[last.ID]
					if last.Label != "Sector" || !ok {
						t.Fatalf("a SECTOR evidence's path ends in %+v", last)
					}
					if want := name.In(lang); last.Name != want {
						t.Errorf("%s: sector node named %q, want %q", m.Person.Name, last.Name, want)
					}
					if lang != i18n.EN && last.Name == name.String() {
						t.Errorf("%s: sector node named in English: %q", lang, last.Name)
					}
					found++
				}
			}
			if found < 3 { // OneSide's B side, SectorOnly's both sides
				t.Errorf("%d SECTOR evidences, want at least 3", found)
			}
		})
	}
}

// TestPlainAnswersInTheAskedLanguage: a workshop's seating, answered
// outside GraphQL, words its refusals in the asked language too (the open
// data's: TestOpenDataOverHTTP).
func TestPlainAnswersInTheAskedLanguage(t *testing.T) {
	a := newAPI(t)
	unknown := "/workshops/" + storetest.ID("nope") + "/seating.csv"
	for _, tc := range []struct {
		name   string
		caller func(*api) *api
		path   string
		status int
		text   i18n.Text
	}{
		{"an unknown workshop", nil, unknown, http.StatusNotFound, i18n.T("workshop not found")},
		{"an anonymous seating", (*api).anonymous, unknown, http.StatusUnauthorized, i18n.T("sign in: send Authorization: Bearer <token>")},
	} {
		for _, lang := range []i18n.Lang{i18n.FI, i18n.SV} {
			t.Run(tc.name+" in "+string(lang), func(t *testing.T) {
				c := a.with(t).inLanguage(string(lang))
				if tc.caller != nil {
					c = tc.caller(c)
				}
				status, body, _ := c.getAs(tc.path)
				want := tc.text.In(lang)
				if want == tc.text.String() {
					t.Fatalf("%q has no %s translation", tc.text.Key, lang)
				}
				if status != tc.status || !strings.Contains(body, want) {
					t.Errorf("status %d, body %q; want %d with %q", status, body, tc.status, want)
				}
			})
		}
	}
}
