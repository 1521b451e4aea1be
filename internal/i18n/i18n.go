// Package i18n words the text the server writes for people (explanations,
// evidence summaries, error messages) in Finnish, Swedish or English.
//
// The domain never knows the reader's language: it builds a Text, a
// message key with its arguments, and the GraphQL edge (graph/) words it
// in the language the request asked for (Accept-Language). A key is the
// English text itself, a fmt format ("%s and %s both work on %s"), so
// English needs no catalogue, a message without a translation is shown in
// English, and the code reads as before. The translations are in
// catalogue.go.
package i18n

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// Lang is a language the server writes in.
type Lang string

// The languages of Tulkki: Finland's two national languages and English.
const (
	EN Lang = "en"
	FI Lang = "fi"
	SV Lang = "sv"
)

// Langs lists the languages, the default (English) first.
var Langs = []Lang{EN, FI, SV}

var matcher = language.NewMatcher([]language.Tag{language.English, language.Finnish, language.Swedish})

// FromAcceptLanguage picks the language an Accept-Language header asks for
// ("sv-FI, fi;q=0.8" → Swedish), by the header's weights and CLDR's
// matching of regional and related variants; English when the header is
// empty, malformed or names none of the three.
func FromAcceptLanguage(header string) Lang {
	if strings.TrimSpace(header) == "" {
		return EN
	}
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(tags) == 0 {
		return EN
	}
	_, index, confidence := matcher.Match(tags...)
	if confidence == language.No {
		return EN
	}
	return Langs[index]
}

// FromLocale picks the language of a POSIX locale ("fi_FI.UTF-8" →
// Finnish, "sv_FI@euro" → Swedish), English for "C", "POSIX", an empty
// one or one of another language.
func FromLocale(locale string) Lang {
	locale, _, _ = strings.Cut(locale, ".")
	locale, _, _ = strings.Cut(locale, "@")
	if locale == "C" || locale == "POSIX" {
		return EN
	}
	return FromAcceptLanguage(strings.ReplaceAll(locale, "_", "-"))
}

// FromEnvironment is the language of the first of the locale variables
// LC_ALL, LC_MESSAGES and LANG that is set, as POSIX orders them; getenv
// reads one (os.Getenv).
func FromEnvironment(getenv func(string) string) Lang {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := getenv(v); s != "" {
			return FromLocale(s)
		}
	}
	return EN
}

// Parse reads a language code given by hand (a --lang flag): fi, sv or en.
func Parse(s string) (Lang, bool) {
	l := Lang(strings.ToLower(strings.TrimSpace(s)))
	return l, slices.Contains(Langs, l)
}

type langKey struct{}

// WithLang records the request's language. Only the GraphQL edge sets and
// reads it; domain packages take no language at all.
func WithLang(ctx context.Context, l Lang) context.Context {
	return context.WithValue(ctx, langKey{}, l)
}

// LangOf is the language recorded in ctx, English when none is.
func LangOf(ctx context.Context) Lang {
	if l, ok := ctx.Value(langKey{}).(Lang); ok {
		return l
	}
	return EN
}

// Wordable is anything that can be worded in a language: a Text, a List,
// Names.
type Wordable interface {
	In(Lang) string
}

// Text is a message to be worded later: Key is its English fmt format and
// the key of its translations, Args its arguments. An argument that is a
// Wordable (a nested Text, a List of topic names, a sector word) is worded
// in the same language.
type Text struct {
	Key  string
	Args []any
}

// T is the message key with args.
func T(key string, args ...any) Text { return Text{Key: key, Args: args} }

// Plain is text that is not translated (a name from the data) where a
// Text is expected.
func Plain(s string) Text { return Text{Key: "%s", Args: []any{s}} }

// Plural is the message for a count n: key one when n is 1, other
// otherwise; Finnish, Swedish and English share this rule. Both keys take
// n as their first argument ("%d partner", "%d partners").
func Plural(n int, one, other string, args ...any) Text {
	key := other
	if n == 1 {
		key = one
	}
	return Text{Key: key, Args: append([]any{n}, args...)}
}

// Join joins items with sep ("a; b"), each worded in the reader's language.
func Join(sep string, items []any) Text {
	key := strings.Repeat(sep+"%s", len(items))
	return Text{Key: strings.TrimPrefix(key, sep), Args: items}
}

// Sentence joins clauses with "; " and ends them with a full stop.
func Sentence(clauses ...Text) Text {
	j := Join("; ", anys(clauses))
	j.Key += "."
	return j
}

// IsZero reports an empty Text (no message).
func (t Text) IsZero() bool { return t.Key == "" }

// In words t in l: the translation of Key in l, or Key itself when l has
// none, filled with the arguments worded in l.
func (t Text) In(l Lang) string {
	format := t.Key
	if tr, ok := catalogue[l][t.Key]; ok {
		format = tr
	}
	args := make([]any, len(t.Args))
	for i, a := range t.Args {
		if w, ok := a.(Wordable); ok {
			args[i] = w.In(l)
		} else {
			args[i] = a
		}
	}
	return fmt.Sprintf(format, args...)
}

// String is t in English (for logs and tests).
func (t Text) String() string { return t.In(EN) }

// List is a list of items worded as "a, b and c" (or "a, b or c").
type List struct {
	Items []any
	Or    bool
}

// And lists items joined by "and".
func And[T any](items []T) List { return List{Items: anys(items)} }

// Or lists items joined by "or".
func Or[T any](items []T) List { return List{Items: anys(items), Or: true} }

func anys[T any](items []T) []any {
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = it
	}
	return out
}

// In words the list in l.
func (li List) In(l Lang) string {
	words := make([]string, len(li.Items))
	for i, it := range li.Items {
		if w, ok := it.(Wordable); ok {
			words[i] = w.In(l)
		} else {
			words[i] = fmt.Sprint(it)
		}
	}
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	conj := T("and")
	if li.Or {
		conj = T("or")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj.In(l) + " " + words[len(words)-1]
}

// Names is one name in the three languages, as topics have; an empty one
// falls back to English, then Finnish, then Swedish.
type Names struct {
	Fi, Sv, En string
}

// In is the name in l, or the first of English, Finnish and Swedish that
// is not empty.
func (n Names) In(l Lang) string {
	switch {
	case l == FI && n.Fi != "":
		return n.Fi
	case l == SV && n.Sv != "":
		return n.Sv
	case n.En != "":
		return n.En
	case n.Fi != "":
		return n.Fi
	}
	return n.Sv
}
