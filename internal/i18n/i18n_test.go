package i18n

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"testing"
)

// verb matches a fmt verb with an optional explicit argument index.
var verb = regexp.MustCompile(`%(\[(\d+)\])?[-+# 0]*\d*(\.\d+)?([a-zA-Z%])`)

// arguments lists, for each argument a format uses, its verb letter, in
// argument order: "%[2]s %[1]d" → [d s].
func arguments(format string) []string {
	byIndex := map[int]string{}
	next := 1
	for _, m := range verb.FindAllStringSubmatch(format, -1) {
		if m[4] == "%" {
			continue
		}
		if m[2] != "" {
			next, _ = strconv.Atoi(m[2])
		}
		byIndex[next] = m[4]
		next++
	}
	out := make([]string, len(byIndex))
	for i := range out {
		out[i] = byIndex[i+1]
	}
	return out
}

// TestCatalogue: every key is translated once, and each translation uses
// every argument of its key with the same verb, so no language drops or
// garbles a name or a number.
func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range entries {
		if seen[e[0]] {
			t.Errorf("key %q is listed twice", e[0])
		}
		seen[e[0]] = true
		want := arguments(e[0])
		for i, tr := range e[1:] {
			if tr == "" {
				t.Errorf("%q has no %s translation", e[0], []string{"Finnish", "Swedish"}[i])
			}
			if got := arguments(tr); !slices.Equal(got, want) {
				t.Errorf("%q → %q: arguments %v, want %v", e[0], tr, got, want)
			}
		}
	}
}

func TestFromAcceptLanguage(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   Lang
	}{
		{"", EN},
		{"fi", FI},
		{"fi-FI,fi;q=0.9,en;q=0.8", FI},
		{"sv-FI, fi;q=0.8", SV},
		{"sv-SE", SV},
		{"en-GB,en;q=0.9", EN},
		{"de-DE, sv;q=0.5", SV},    // the first supported one by weight
		{"fi;q=0.3, sv;q=0.7", SV}, // weights, not order
		{"de-DE", EN},              // none of the three: English
		{"zz;;q=x", EN},            // malformed: English
		{"*", EN},
	} {
		if got := FromAcceptLanguage(tc.header); got != tc.want {
			t.Errorf("FromAcceptLanguage(%q) = %s, want %s", tc.header, got, tc.want)
		}
	}
}

// TestTextIn words one explanation-like message, nested texts, a list and
// names, in each language; a language with no catalogue (and a key with
// no translation) falls back to English.
func TestTextIn(t *testing.T) {
	topics := And([]Names{{Fi: "Vertaistuki", Sv: "Kamratstöd", En: "Peer support"}, {Fi: "Päihdetyö", En: "Substance abuse work"}})
	text := Sentence(
		T("%s (%s) works on %s", "Seniorikaveri ry", T("third sector"), topics),
		Plural(2, "their networks share %d partner", "their networks share %d partners"),
		T("an untranslated clause about %s", T("public sector")),
	)
	for _, tc := range []struct {
		lang Lang
		want string
	}{
		{EN, "Seniorikaveri ry (third sector) works on Peer support and Substance abuse work; their networks share 2 partners; an untranslated clause about public sector."},
		{FI, "Seniorikaveri ry (kolmas sektori) on kiinnostunut aiheista: Vertaistuki ja Päihdetyö; niiden verkostoilla on 2 yhteistä kumppania; an untranslated clause about julkinen sektori."},
		{SV, "Seniorikaveri ry (tredje sektorn) arbetar med Kamratstöd och Substance abuse work; deras nätverk har 2 gemensamma partner; an untranslated clause about offentlig sektor."},
		{Lang("de"), "Seniorikaveri ry (third sector) works on Peer support and Substance abuse work; their networks share 2 partners; an untranslated clause about public sector."},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			if got := text.In(tc.lang); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
	if got := Plural(1, "%d partner pair", "%d partner pairs").In(FI); got != "1 kumppanipari" {
		t.Errorf("singular in Finnish: %q", got)
	}
}

func TestFromLocale(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{"LANG": "fi_FI.UTF-8"}, FI},
		{map[string]string{"LANG": "sv_FI.UTF-8"}, SV},
		{map[string]string{"LANG": "sv_SE@euro"}, SV},
		{map[string]string{"LANG": "en_GB.UTF-8"}, EN},
		{map[string]string{"LANG": "de_DE.UTF-8"}, EN},
		{map[string]string{"LANG": "C.UTF-8"}, EN},
		{map[string]string{"LANG": "POSIX"}, EN},
		{map[string]string{}, EN},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "fi_FI.UTF-8"}, FI},        // LC_MESSAGES before LANG
		{map[string]string{"LC_ALL": "sv_FI", "LC_MESSAGES": "fi_FI", "LANG": "en_US"}, SV}, // LC_ALL first
	} {
		if got := FromEnvironment(func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("FromEnvironment(%v) = %s, want %s", tc.env, got, tc.want)
		}
	}
	for _, tc := range []struct {
		in   string
		want Lang
		ok   bool
	}{{"fi", FI, true}, {" SV ", SV, true}, {"en", EN, true}, {"de", "", false}, {"", "", false}} {
		if got, ok := Parse(tc.in); ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("Parse(%q) = %s, %v; want %s, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestLangOf(t *testing.T) {
	if got := LangOf(context.Background()); got != EN {
		t.Errorf("no language recorded: %s, want en", got)
	}
	if got := LangOf(WithLang(context.Background(), SV)); got != SV {
		t.Errorf("recorded sv: got %s", got)
	}
}
