package graph_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/internal/i18n"
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
