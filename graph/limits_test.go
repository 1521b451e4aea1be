package graph

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/introspection"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/workshop"
)

func TestMeasureShape(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  Shape
	}{
		{"one field", `{ me { id } }`, Shape{Fields: 2, Depth: 2}},
		{"aliases counted, plain names not", `{ a: me { id } b: me { x: id name } me { id } }`, Shape{Fields: 7, Aliases: 3, Depth: 2}},
		{"an alias equal to the name is no alias", `{ me: me { id } }`, Shape{Fields: 2, Depth: 2}},
		{"inline fragments add their fields", `{ me { ... on Person { id name } } }`, Shape{Fields: 3, Depth: 2}},
		{"a spread counts its fragment each time, and the fragment once more",
			`{ me { ...P } a: me { ...P } } fragment P on Person { id x: name }`,
			Shape{Fields: 2 + 3*2, Aliases: 1 + 3*1, Depth: 2}},
		{"depth counts through fragments", `{ me { ...P } } fragment P on Person { experiences { organisation { id } } }`,
			Shape{Fields: 1 + 2*3, Depth: 4}},
		{"operations add up", `query A { me { id } } query B { me { id } }`, Shape{Fields: 4, Depth: 2}},
		{"unknown fragments count nothing", `{ me { ...Nowhere } }`, Shape{Fields: 1, Depth: 1}},
		{"fragment bomb of depth 3", FragmentBomb(3), Shape{Fields: 4 + (1 + 2 + 4), Depth: 1}},
		{"fragment bomb of depth 29", FragmentBomb(29), Shape{Fields: 1<<28 + (1<<29 - 1), Depth: 1}},
		{"fragment bomb of depth 100 saturates", FragmentBomb(100), Shape{Fields: math.MaxInt, Depth: 1}},
		{"20,000 repeated fields", RepeatedFields("__typename", 20000), Shape{Fields: 20000, Depth: 1}},
		{"deep nesting", DeepNesting(30), Shape{Fields: 122, Depth: 122}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parser.ParseQuery(&ast.Source{Input: tt.query})
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			got, gerr := MeasureShape(doc)
			if gerr != nil {
				t.Fatalf("MeasureShape: %v", gerr)
			}
			if got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestMeasureShapeFindsFragmentCycles(t *testing.T) {
	for name, query := range map[string]string{
		"itself":                    `{ ...A } fragment A on Query { __typename ...A }`,
		"through another":           `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`,
		"in an inline fragment":     `{ ...A } fragment A on Query { ... on Query { ...A } }`,
		"unused, below a used one":  `{ __typename } fragment A on Query { ...B } fragment B on Query { ...C } fragment C on Query { ...B }`,
		"after a bomb of depth 40":  FragmentBomb(40) + ` fragment Z on Query { ...F39 ...Z }`,
		"a long ring of 2000 frags": ring(2000),
	} {
		t.Run(name, func(t *testing.T) {
			doc, err := parser.ParseQuery(&ast.Source{Input: query})
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			_, gerr := MeasureShape(doc)
			if gerr == nil || gerr.Extensions["code"] != CodeValidationFailed {
				t.Fatalf("got %v, want a %s error", gerr, CodeValidationFailed)
			}
		})
	}
}

// ring is n fragments each spreading the next, the last the first.
func ring(n int) string {
	var b strings.Builder
	b.WriteString("{ ...R0 }")
	for i := range n {
		fmt.Fprintf(&b, " fragment R%d on Query { ...R%d }", i, (i+1)%n)
	}
	return b.String()
}

func TestShapeLimitsCheck(t *testing.T) {
	l := DefaultShapeLimits
	tests := []struct {
		name, query string
		// limit is extensions.limit of the refusal, "" for none.
		limit string
	}{
		{"a normal query", `{ people(first: 20) { nodes { id name } } }`, ""},
		{"a syntax error is left to gqlgen", `{ people( }`, ""},
		{"fragment bomb, depth 29", FragmentBomb(29), "fields"},
		{"fragment bomb, depth 40", FragmentBomb(40), "fields"},
		{"__typename × 20,000", RepeatedFields("__typename", 20000), "bytes"},
		{"10,001 one-letter fields", "{" + strings.Repeat("a ", 10_001) + "}", "tokens"},
		{"__typename × 5,000", RepeatedFields("__typename", 5000), "fields"},
		{"__typename × 1,000", RepeatedFields("__typename", 1000), "repeats"},
		{"__typename × 20", RepeatedFields("__typename", 20), ""},
		{"__typename × 21 through fragments", `{ ...A ...B ... on Query { __typename } } fragment A on Query { ` +
			strings.Repeat("__typename ", 10) + `} fragment B on Query { ` + strings.Repeat("__typename ", 10) + `}`, "repeats"},
		{"a nested field repeated", `{ me { ` + strings.Repeat("id ", 21) + `} }`, "repeats"},
		{"a nested field repeated across merged parents", AliasedFields("me { id }", 1)[:2] +
			strings.Repeat("m: me { id id } ", 11) + "}", "repeats"},
		{"1,000 different aliases", AliasedFields("__typename", 1000), "aliases"},
		{"4,900 aliased unusualPairings", AliasedFields(`unusualPairings(topic: "t") { score }`, 4900), "bytes"},
		{"201 aliased sectors", AliasedFields(`sectors { code }`, 201), "aliases"},
		{"200 aliased __typename", AliasedFields(`__typename`, 200), ""},
		{"the largest admitted", largestAdmitted(), ""},
		{"deep nesting, 22 levels", DeepNesting(5), "depth"},
		{"deep nesting, 18 levels", DeepNesting(4), ""},
		{"a long string literal is one token", `{ person(id: "` + strings.Repeat("x", 60_000) + `") { id } }`, ""},
		{"a huge string literal is too many bytes", `{ person(id: "` + strings.Repeat("x", 500_000) + `") { id } }`, "bytes"},
		{"GraphiQL's introspection", introspection.Query, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := l.Check(tt.query)
			switch {
			case tt.limit == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.limit != "" && err == nil:
				t.Fatalf("admitted; want refused over %s", tt.limit)
			case tt.limit != "" && (err.Extensions["code"] != CodeQueryTooLarge || err.Extensions["limit"] != tt.limit):
				t.Fatalf("refused with %v (%s); want %s over %s", err.Extensions, err.Message, CodeQueryTooLarge, tt.limit)
			}
		})
	}
}

// TestIncrementalDeliveryIsRefused: @defer and @stream anywhere in a
// document are refused before validation (no transport sends the later
// payloads, and the executor no longer tracks paths for them).
func TestIncrementalDeliveryIsRefused(t *testing.T) {
	tests := []struct{ name, query, want string }{
		{"no directive", `{ people { nodes { id ... on Person @include(if: true) { name } } } }`, ""},
		{"on an inline fragment", `{ people { nodes { id ... @defer { name } } } }`, "defer"},
		{"on a fragment spread", `{ me { ...F @defer(label: "x") } } fragment F on Person { name }`, "defer"},
		{"inside a fragment", `{ me { ...F } } fragment F on Person { experiences { ... @defer { id } } }`, "defer"},
		{"stream on a list", `{ people { nodes @stream(initialCount: 1) { id } } }`, "stream"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := DefaultShapeLimits.Check(tt.query)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.want != "" && err == nil:
				t.Fatal("admitted")
			case tt.want != "" && (err.Extensions["code"] != CodeValidationFailed || !strings.Contains(err.Message, "@"+tt.want)):
				t.Fatalf("refused with %v: %s; want %s naming @%s", err.Extensions, err.Message, CodeValidationFailed, tt.want)
			}
		})
	}
}

// TestTokenLimitMessage pins gqlparser's token-limit message, which Check
// recognises (gqlparser gives it no code of its own).
func TestTokenLimitMessage(t *testing.T) {
	_, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: RepeatedFields("a", 10)}, 5)
	if err == nil || err.Error() == "" || !strings.Contains(err.Error(), tokenLimitMessage(5)) {
		t.Fatalf("gqlparser's token-limit error is now %v; update tokenLimitMessage", err)
	}
}

func TestShapeLimitsDefaults(t *testing.T) {
	got := ShapeLimits{Fields: 5}.withDefaults()
	want := DefaultShapeLimits
	want.Fields = 5
	if got != want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

// costSchema is the executable schema with the production costs, without
// resolvers: enough to compute complexities.
func costSchema() graphql.ExecutableSchema {
	cfg := Config{}
	setCosts(&cfg)
	return NewExecutableSchema(cfg)
}

// costOf is the complexity of query's operation with vars, as the server's
// complexity limit computes it. Variables the operation declares as
// required and vars leaves out get a placeholder value (sizes the largest
// allowed).
func costOf(t *testing.T, es graphql.ExecutableSchema, query string, vars map[string]any) int {
	t.Helper()
	doc, errs := gqlparser.LoadQuery(es.Schema(), query)
	if errs != nil {
		t.Fatalf("invalid query: %v\n%s", errs, query)
	}
	op := doc.Operations[0]
	all := map[string]any{}
	for _, v := range op.VariableDefinitions {
		if val, ok := vars[v.Variable]; ok {
			all[v.Variable] = val
		} else if v.Type.NonNull {
			all[v.Variable] = placeholder(es.Schema(), v.Variable, v.Type)
		}
	}
	coerced, err := validator.VariableValues(es.Schema(), op, all)
	if err != nil {
		t.Fatalf("variables %v: %v\n%s", all, err, query)
	}
	return complexity.Calculate(context.Background(), es, op, coerced)
}

// placeholder is a value of type typ: the largest workshop for a size,
// one item for a list, required fields filled for an input object.
func placeholder(s *ast.Schema, name string, typ *ast.Type) any {
	if typ.Elem != nil {
		return []any{placeholder(s, name, typ.Elem)}
	}
	def := s.Types[typ.NamedType]
	switch {
	case def.Kind == ast.Enum:
		return def.EnumValues[0].Name
	case def.Kind == ast.InputObject:
		obj := map[string]any{}
		for _, f := range def.Fields {
			if f.Type.NonNull || f.Name == "size" {
				obj[f.Name] = placeholder(s, f.Name, f.Type)
			}
		}
		return obj
	case name == "size":
		return workshop.MaxSize
	case name == "tables":
		return 2
	case typ.NamedType == "Int":
		return 1
	case typ.NamedType == "Float":
		return 0.5
	case typ.NamedType == "Boolean":
		return true
	case typ.NamedType == "Date":
		return "2024-01-01"
	default:
		return "x"
	}
}

// webVariables are the variables the web app sends with its operations
// that take a size (web/src/pages/*.ts); an operation with a $first not
// listed here fails TestClientQueriesFitBudgets, so a new page is costed.
var webVariables = map[string]map[string]any{
	"Translators":     {"first": 10},
	"UnusualPairings": {"first": 10},
	"Bold":            {"first": 20},
	"Calls":           {"first": 20},
	"Inbox":           {"first": 20},
}

// signedInOnly are the web app's operations that only signed-in callers
// send (the profile, workshop and coordinator pages); every other one is sent by
// anonymous visitors too and must fit their budget.
var signedInOnly = map[string]bool{
	"Me": true, "UpdateMe": true, "AddStint": true, "EditStint": true, "RemoveStint": true, "CreateMe": true,
	"Export": true, "Erase": true, "PlanWorkshop": true, "CreateWorkshop": true, "MoveParticipant": true,
	"SwapParticipants": true, "Workshop": true, "Workshops": true, "Dashboard": true,
}

// TestClientQueriesFitBudgets computes the cost and shape of every
// operation of the web app (web/src, with its string constants
// substituted) and of the GraphQL examples in README.md and docs/: each must
// pass the shape limits and fit the budget of the callers that send it.
func TestClientQueriesFitBudgets(t *testing.T) {
	es := costSchema()
	signedIn := config.DefaultComplexityLimit
	anonymous := signedIn / 4
	limits := DefaultShapeLimits

	ops := webOperations(t)
	// The evidence graph asks for the sector of each organisation on the
	// evidence paths, one alias each (translators.ts, orgSectors): ten
	// matches with up to six ties each.
	var fields, defs []string
	for i := range 60 {
		defs = append(defs, fmt.Sprintf("$o%d: ID!", i))
		fields = append(fields, fmt.Sprintf("o%d: organisation(id: $o%d) { id sector }", i, i))
	}
	ops = append(ops, fmt.Sprintf("query Sectors(%s) { %s }", strings.Join(defs, ", "), strings.Join(fields, " ")))
	if len(ops) < 15 {
		t.Fatalf("found only %d web operations; has the web app moved?", len(ops))
	}
	for _, q := range ops {
		doc, err := parser.ParseQuery(&ast.Source{Input: q})
		if err != nil {
			t.Fatalf("web operation does not parse: %v\n%s", err, q)
		}
		op := doc.Operations[0]
		if op.VariableDefinitions.ForName("first") != nil && webVariables[op.Name] == nil {
			t.Errorf("web operation %s takes $first: add what the page sends to webVariables", op.Name)
		}
		budget := anonymous
		if signedInOnly[op.Name] || op.Operation == ast.Mutation {
			budget = signedIn
		}
		cost := costOf(t, es, q, webVariables[op.Name])
		if err := limits.Check(q); err != nil {
			t.Errorf("web operation %s is refused: %v", op.Name, err)
		}
		if cost > budget {
			t.Errorf("web operation %s costs %d, over its callers' budget of %d", op.Name, cost, budget)
		}
		t.Logf("web %-16s cost %5d of %5d", op.Name, cost, budget)
	}

	docs := docExamples(t)
	if len(docs) < 10 {
		t.Fatalf("found only %d examples in the docs", len(docs))
	}
	for _, q := range docs {
		if err := limits.Check(q); err != nil {
			t.Errorf("docs example is refused: %v\n%s", err, q)
		}
		// The examples are written for the callers their sections name,
		// some signed in; they must all fit the signed-in budget.
		if cost := costOf(t, es, q, nil); cost > signedIn {
			t.Errorf("docs example costs %d, over the signed-in budget of %d:\n%s", cost, signedIn, q)
		} else {
			t.Logf("docs example cost %5d: %.60s", cost, strings.Join(strings.Fields(q), " "))
		}
	}
}

var (
	tsConstant = regexp.MustCompile("(?s)const ([A-Z_]+) = `([^`]*)`")
	tsTemplate = regexp.MustCompile("(?s)`\\s*((?:query|mutation)\\s[^`]*)`")
	tsSubst    = regexp.MustCompile(`\$\{([A-Z_]+)\}`)
)

// webOperations are the GraphQL operations written out in web/src: the
// template literals that start with query or mutation, with ${CONSTANT}s of
// the same file substituted; literals built from other expressions are left
// out (the test writes the one there is, orgSectors, by hand).
func webOperations(t *testing.T) []string {
	t.Helper()
	var ops []string
	err := filepath.WalkDir("../web/src", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".ts") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		consts := map[string]string{}
		for _, m := range tsConstant.FindAllStringSubmatch(string(b), -1) {
			consts[m[1]] = m[2]
		}
		for _, m := range tsTemplate.FindAllStringSubmatch(string(b), -1) {
			q := tsSubst.ReplaceAllStringFunc(m[1], func(s string) string {
				if v, ok := consts[tsSubst.FindStringSubmatch(s)[1]]; ok {
					return v
				}
				return s
			})
			if !strings.Contains(q, "${") {
				ops = append(ops, q)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ops
}

var (
	mdGraphQL   = regexp.MustCompile("(?s)```graphql\n(.*?)```")
	mdOperation = regexp.MustCompile(`(?m)^(?:query|mutation|\{)`)
)

// docExamples are the operations of the ```graphql blocks of README.md and
// docs/*.md; a block showing several operations is split where each begins
// (at the start of a line).
func docExamples(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob("../docs/*.md")
	var out []string
	for _, f := range append(files, "../README.md") {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range mdGraphQL.FindAllStringSubmatch(string(b), -1) {
			starts := mdOperation.FindAllStringIndex(m[1], -1)
			for i, s := range starts {
				end := len(m[1])
				if i+1 < len(starts) {
					end = starts[i+1][0]
				}
				out = append(out, m[1][s[0]:end])
			}
		}
	}
	return out
}

// TestAliasesCannotMultiplyExpensiveFields: the aliased searches of attack
// 3, in numbers that pass the shape limits, are refused by cost.
func TestAliasesCannotMultiplyExpensiveFields(t *testing.T) {
	es := costSchema()
	signedIn := config.DefaultComplexityLimit
	anonymous := signedIn / 4
	tests := []struct {
		query string
		// over is the budget it must exceed.
		over int
	}{
		{AliasedFields(`translators(between: ["a", "b"]) { score }`, 60), signedIn},
		{AliasedFields(`translators(between: ["a", "b"]) { score }`, 12), anonymous},
		{AliasedFields(`translatorsBetweenSectors(sectors: [PUBLIC, THIRD]) { score }`, 12), anonymous},
		{AliasedFields(`unusualPairings(topic: "t") { score }`, 20), signedIn},
		{AliasedFields(`unusualPairings(topic: "t") { score }`, 5), anonymous},
		{AliasedFields(`boldCollaborations(period: {from: "2020-01-01", to: "2024-01-01"}) { boldness { score } }`, 12), anonymous},
		{AliasedFields(`planWorkshop(input: {topicId: "t", size: 200, tables: 20}) { size }`, 7), signedIn},
		{AliasedFields(`collaboration(id: "c") { nextSteps { sector } }`, 10), signedIn},
		{`{ collaborations(first: 20) { nodes { nextSteps { sector } } } }`, signedIn},
	}
	for _, tt := range tests {
		if cost := costOf(t, es, tt.query, nil); cost <= tt.over {
			t.Errorf("costs %d, within %d: %.100s", cost, tt.over, tt.query)
		}
	}
}

// largestAdmitted is the document the default limits admit that costs
// validation the most we know of: response names asked for 20 times, each
// of their fields once per time (840 fields, 40 aliases).
func largestAdmitted() string {
	var b strings.Builder
	b.WriteString("{ ")
	for i := range 20 {
		fmt.Fprintf(&b, "s: sectors { code%d: code nameFi nameSv nameEn } ", i)
		fmt.Fprintf(&b, "t: topics { id%d: id name nameFi description } ", i)
		b.WriteString("__typename me { id name headline region languages } ")
	}
	b.WriteString("}")
	return b.String()
}

// BenchmarkShapeCheck times the check on the attacks (each must be far
// under the 100 ms; a few milliseconds at most on a laptop).
func BenchmarkShapeCheck(b *testing.B) {
	l := DefaultShapeLimits
	for name, q := range map[string]string{
		"bomb29":              FragmentBomb(29),
		"bomb40":              FragmentBomb(40),
		"bomb2000":            FragmentBomb(2000),
		"ring2000":            ring(2000),
		"typename20000":       RepeatedFields("__typename", 20000),
		"unusualPairings4900": AliasedFields(`unusualPairings(topic: "t") { score }`, 4900),
		"introspection":       introspection.Query,
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				_ = l.Check(q)
			}
		})
	}
}

// BenchmarkValidateAdmitted times gqlparser's validation of the largest
// documents the shape limits admit: the repeated fields validation is
// quadratic in, and aliases.
func BenchmarkValidateAdmitted(b *testing.B) {
	s := costSchema().Schema()
	for name, q := range map[string]string{
		"typename20":    RepeatedFields("__typename", DefaultShapeLimits.Repeats),
		"largest":       largestAdmitted(),
		"bomb5":         FragmentBomb(5),
		"aliases200":    AliasedFields(`translators(between: ["a", "b"]) { score }`, DefaultShapeLimits.Aliases),
		"introspection": introspection.Query,
	} {
		if err := DefaultShapeLimits.Check(q); err != nil {
			b.Fatalf("%s refused: %v", name, err)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: q}, DefaultShapeLimits.Tokens)
				if err != nil {
					b.Fatal(err)
				}
				if errs := validator.Validate(s, doc); errs != nil {
					b.Fatal(errs)
				}
			}
		})
	}
}
