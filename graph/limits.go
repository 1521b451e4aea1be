package graph

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/i18n"
)

// Codes of the refusals of this file (docs/api.md, "Limits").
const (
	// CodeQueryTooLarge: the document has too many tokens, fields, aliases
	// or levels; extensions.limit says which and extensions.max how many
	// are allowed.
	CodeQueryTooLarge = "QUERY_TOO_LARGE"
	// CodeComplexityLimit is gqlgen's own code (extension.ComplexityLimit),
	// named here so tests and docs use one spelling.
	CodeComplexityLimit = "COMPLEXITY_LIMIT_EXCEEDED"
	// CodeValidationFailed is gqlgen's code for a document that breaks the
	// GraphQL rules; a fragment cycle found by the shape check gets it too,
	// as validation would have given it.
	CodeValidationFailed = errcode.ValidationFailed
	// CodeRequestTimeout: the request's deadline passed before its
	// operation began to run.
	CodeRequestTimeout = "REQUEST_TIMEOUT"
)

// ShapeLimits bound the size of an operation document. They are checked on
// the parsed document before gqlparser validates it and before the
// complexity is computed, because both of those walk every fragment spread
// anew: a document of 40 fragments each spreading the previous one twice is
// 1 KB of text but 2^39 fields, and validation compares every pair of
// fields with the same response name (quadratic in repeated fields).
// Counting with the fragments memoised costs time linear in the text.
type ShapeLimits struct {
	// Bytes caps the length of the document, checked before anything
	// else: parsing a 220 KB document up to the token limit was a third of
	// the server's time under attack, and no real operation comes near.
	Bytes int
	// Tokens caps the lexical tokens of the document (gqlparser's own token
	// limit, so the parse itself stops early).
	Tokens int
	// Fields caps the fields of the document with every fragment spread
	// expanded: each operation counts its fragments as many times as it
	// spreads them, and each fragment definition counts once more on its
	// own (validation walks it on its own too).
	Fields int
	// Aliases caps the aliased fields, counted the same way: aliases are
	// how one request runs the same expensive field many times.
	Aliases int
	// Depth caps the nesting of fields (a root field is at depth 1).
	Depth int
	// Repeats caps how often one response name (a field's alias, or its
	// name) occurs in one selection set, fragments expanded. Validation
	// compares every pair of such fields (OverlappingFieldsCanBeMerged),
	// so they cost quadratic time: 1,000 × __typename took 50 ms to
	// validate here, 500 took 15 ms, while 500 different aliases took
	// 0.4 ms.
	Repeats int
}

// DefaultShapeLimits are well above what Tulkki's web app, docs and GraphiQL
// send (the largest, GraphiQL's introspection, counts 466 fields at depth
// 15; TestClientQueriesFitBudgets checks the rest) and low enough that
// validating the largest admitted documents takes about a millisecond
// (BenchmarkValidateAdmitted).
var DefaultShapeLimits = ShapeLimits{Bytes: 64 << 10, Tokens: 10_000, Fields: 1_000, Aliases: 200, Depth: 20, Repeats: 20}

// withDefaults fills the limits left at zero from DefaultShapeLimits.
func (l ShapeLimits) withDefaults() ShapeLimits {
	d := DefaultShapeLimits
	if l.Bytes > 0 {
		d.Bytes = l.Bytes
	}
	if l.Tokens > 0 {
		d.Tokens = l.Tokens
	}
	if l.Fields > 0 {
		d.Fields = l.Fields
	}
	if l.Aliases > 0 {
		d.Aliases = l.Aliases
	}
	if l.Depth > 0 {
		d.Depth = l.Depth
	}
	if l.Repeats > 0 {
		d.Repeats = l.Repeats
	}
	return d
}

// Shape is what MeasureShape counts.
type Shape struct {
	Fields, Aliases, Depth int
}

// MeasureShape counts the fields, aliased fields and depth of a parsed
// document with its fragment spreads expanded (see ShapeLimits.Fields). Each
// fragment is measured once and remembered, so the time is linear in the
// document's size however often its fragments are spread. A fragment that
// spreads itself, directly or through others, is an error with code
// GRAPHQL_VALIDATION_FAILED: it has no finite expansion. Spreads of unknown
// fragments count as nothing; validation reports them.
func MeasureShape(doc *ast.QueryDocument) (Shape, *gqlerror.Error) {
	m := shapeMeasurer{
		fragments: make(map[string]*ast.FragmentDefinition, len(doc.Fragments)),
		measured:  make(map[string]Shape, len(doc.Fragments)),
		entered:   make(map[string]bool),
	}
	for _, f := range doc.Fragments {
		m.fragments[f.Name] = f
	}
	var total Shape
	for _, op := range doc.Operations {
		s, err := m.selectionSet(op.SelectionSet)
		if err != nil {
			return Shape{}, err
		}
		total = total.plus(s)
	}
	for _, f := range doc.Fragments {
		s, err := m.fragment(f.Name)
		if err != nil {
			return Shape{}, err
		}
		total = total.plus(s)
	}
	return total, nil
}

type shapeMeasurer struct {
	fragments map[string]*ast.FragmentDefinition
	measured  map[string]Shape
	// entered holds the fragments being measured, to find cycles.
	entered map[string]bool
}

func (m *shapeMeasurer) selectionSet(set ast.SelectionSet) (Shape, *gqlerror.Error) {
	var s Shape
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			inner, err := m.selectionSet(sel.SelectionSet)
			if err != nil {
				return Shape{}, err
			}
			field := Shape{Fields: 1, Depth: 1}
			// gqlparser sets Alias to Name when the query gives none.
			if sel.Alias != "" && sel.Alias != sel.Name {
				field.Aliases = 1
			}
			s = s.plus(field.plus(Shape{Fields: inner.Fields, Aliases: inner.Aliases}))
			s.Depth = max(s.Depth, 1+inner.Depth)
		case *ast.InlineFragment:
			inner, err := m.selectionSet(sel.SelectionSet)
			if err != nil {
				return Shape{}, err
			}
			s = s.plus(inner)
		case *ast.FragmentSpread:
			inner, err := m.fragment(sel.Name)
			if err != nil {
				return Shape{}, err
			}
			s = s.plus(inner)
		}
	}
	return s, nil
}

func (m *shapeMeasurer) fragment(name string) (Shape, *gqlerror.Error) {
	if s, ok := m.measured[name]; ok {
		return s, nil
	}
	def := m.fragments[name]
	if def == nil {
		return Shape{}, nil
	}
	if m.entered[name] {
		err := gqlerror.ErrorPosf(def.Position, "fragment %s spreads itself, directly or through other fragments", name)
		errcode.Set(err, CodeValidationFailed)
		return Shape{}, err
	}
	m.entered[name] = true
	s, err := m.selectionSet(def.SelectionSet)
	if err != nil {
		return Shape{}, err
	}
	delete(m.entered, name)
	m.measured[name] = s
	return s, nil
}

// plus adds counts (saturating: a fragment bomb of depth 70 has more than
// 2^63 fields) and keeps the greater depth.
func (s Shape) plus(o Shape) Shape {
	return Shape{Fields: saturatingAdd(s.Fields, o.Fields), Aliases: saturatingAdd(s.Aliases, o.Aliases), Depth: max(s.Depth, o.Depth)}
}

func saturatingAdd(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}

// tooLarge is the refusal of a document over one of the limits.
func tooLarge(limit string, allowed int, format string, args ...any) *gqlerror.Error {
	err := textError(format, args...)
	err.Extensions = map[string]any{"code": CodeQueryTooLarge, "limit": limit, "max": allowed}
	return err
}

// Check parses query with the token limit and measures its shape. It returns
// nil for a document within the limits and for one that does not parse for
// another reason than its size: gqlgen parses it again and reports the
// syntax error with its own code (GRAPHQL_PARSE_FAILED).
func (l ShapeLimits) Check(query string) *gqlerror.Error {
	if len(query) > l.Bytes {
		return tooLarge("bytes", l.Bytes, "the document is %d bytes long; at most %d are allowed", len(query), l.Bytes)
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: query}, l.Tokens)
	if err != nil {
		// gqlparser gives the token limit no error code or type of its own;
		// TestTokenLimitMessage pins the message.
		if e, ok := err.(*gqlerror.Error); ok && e.Message == tokenLimitMessage(l.Tokens) {
			return tooLarge("tokens", l.Tokens, "the document has more than %d tokens", l.Tokens)
		}
		return nil
	}
	s, gerr := MeasureShape(doc)
	switch {
	case gerr != nil:
		return gerr
	case s.Depth > l.Depth:
		return tooLarge("depth", l.Depth, "the document nests fields %d deep; at most %d levels are allowed", s.Depth, l.Depth)
	case s.Fields > l.Fields:
		return tooLarge("fields", l.Fields, "the document has %s fields with its fragments expanded; at most %d are allowed", count(s.Fields), l.Fields)
	case s.Aliases > l.Aliases:
		return tooLarge("aliases", l.Aliases, "the document has %s aliased fields with its fragments expanded; at most %d are allowed", count(s.Aliases), l.Aliases)
	}
	if d := incrementalDirective(doc); d != "" {
		err := textError("@%s is not supported: Tulkki answers each request with one response", d)
		err.Extensions = map[string]any{"code": CodeValidationFailed}
		return err
	}
	// Only now, with the expansion known to be small, is it walked in full.
	if name, n := maxRepeats(doc); n > l.Repeats {
		return tooLarge("repeats", l.Repeats, "%q is asked for %d times in one selection; at most %d are allowed", name, n, l.Repeats)
	}
	return nil
}

// maxRepeats finds the response name that occurs most often in one
// selection set of doc, with fragments expanded, inline fragments merged
// into the set they are in, and the selections of fields of one response
// name merged, as execution merges them and validation compares them (so
// `{ a: me { id } a: me { id } }` asks for id twice in one set). It walks
// the full expansion: call it only on documents whose expanded size is
// known to be bounded and free of cycles (MeasureShape).
func maxRepeats(doc *ast.QueryDocument) (name string, n int) {
	fragments := make(map[string]*ast.FragmentDefinition, len(doc.Fragments))
	for _, f := range doc.Fragments {
		fragments[f.Name] = f
	}
	// walk takes the selection sets that merge into one.
	var walk func(sets []ast.SelectionSet)
	walk = func(sets []ast.SelectionSet) {
		var order []string
		children := map[string][]ast.SelectionSet{}
		counts := map[string]int{}
		var collect func(ast.SelectionSet)
		collect = func(set ast.SelectionSet) {
			for _, sel := range set {
				switch sel := sel.(type) {
				case *ast.Field:
					if counts[sel.Alias] == 0 {
						order = append(order, sel.Alias)
					}
					counts[sel.Alias]++
					if len(sel.SelectionSet) > 0 {
						children[sel.Alias] = append(children[sel.Alias], sel.SelectionSet)
					}
				case *ast.InlineFragment:
					collect(sel.SelectionSet)
				case *ast.FragmentSpread:
					if def := fragments[sel.Name]; def != nil {
						collect(def.SelectionSet)
					}
				}
			}
		}
		for _, set := range sets {
			collect(set)
		}
		for _, key := range order {
			if counts[key] > n {
				name, n = key, counts[key]
			}
			if len(children[key]) > 0 {
				walk(children[key])
			}
		}
	}
	for _, op := range doc.Operations {
		walk([]ast.SelectionSet{op.SelectionSet})
	}
	for _, f := range doc.Fragments {
		walk([]ast.SelectionSet{f.SelectionSet})
	}
	return name, n
}

// incrementalDirective returns "defer" or "stream" when doc asks for
// incremental delivery anywhere, "" otherwise. No transport of Tulkki's
// sends the later payloads (gqlgen's POST and GET write the first response
// only), so such a field would come back null with nothing after it; and
// without them the executor need not track each object's path for
// deferred fields (newDeferredGroup). It walks each selection set of the
// document once, fragments unexpanded.
func incrementalDirective(doc *ast.QueryDocument) string {
	var found string
	check := func(ds ast.DirectiveList) {
		for _, d := range ds {
			if d.Name == "defer" || d.Name == "stream" {
				found = d.Name
			}
		}
	}
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch sel := sel.(type) {
			case *ast.Field:
				check(sel.Directives)
				walk(sel.SelectionSet)
			case *ast.InlineFragment:
				check(sel.Directives)
				walk(sel.SelectionSet)
			case *ast.FragmentSpread:
				check(sel.Directives)
			}
		}
	}
	for _, op := range doc.Operations {
		walk(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		walk(f.SelectionSet)
	}
	return found
}

func tokenLimitMessage(limit int) string { return fmt.Sprintf("exceeded token limit of %d", limit) }

func count(n int) any {
	if n == math.MaxInt {
		return i18n.T("more than 2^63")
	}
	return fmt.Sprint(n)
}

// shapeLimit is the gqlgen extension that runs ShapeLimits.Check. It is an
// OperationParameterMutator, the only hook gqlgen runs before it parses and
// validates; placed after AutomaticPersistedQuery, it sees the query text a
// persisted-query hash stands for. A query found in the parsed-query cache
// passed this check before (gqlgen caches only documents that passed
// validation, which runs after this check), so it is not checked again.
type shapeLimit struct {
	limits ShapeLimits
	parsed graphql.Cache[*ast.QueryDocument]
}

var _ interface {
	graphql.OperationParameterMutator
	graphql.HandlerExtension
} = shapeLimit{}

func (shapeLimit) ExtensionName() string                          { return "ShapeLimit" }
func (shapeLimit) Validate(schema graphql.ExecutableSchema) error { return nil }

func (l shapeLimit) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	if ctx.Err() != nil {
		// Waiting for a CPU took the whole request timeout: answering now
		// is cheaper than parsing for a client that has given up.
		return timedOut()
	}
	if _, ok := l.parsed.Get(ctx, params.Query); ok {
		return nil
	}
	return l.limits.Check(params.Query)
}

// SlowPreparation is how long parsing and validating one document may take
// before it is logged as a warning. With the shape limits the slowest
// admitted document takes a few milliseconds; a warning means the limits
// no longer bound that work (a gqlparser change, or limits set too high).
const SlowPreparation = 100 * time.Millisecond

// deadlineCheck runs after gqlgen has parsed and validated, before the
// complexity is computed and the operation runs. gqlparser takes no
// context, so the request timeout cannot interrupt parsing or validation;
// running them in a goroutine and abandoning it would answer the client on
// time but leave the CPU busy all the same. Instead the shape limits keep
// that work to milliseconds, and this check makes any overrun visible: a
// document whose preparation outlived the request's deadline is refused
// with REQUEST_TIMEOUT rather than run, and a slow preparation is logged.
type deadlineCheck struct {
	log *slog.Logger
}

var _ interface {
	graphql.OperationContextMutator
	graphql.HandlerExtension
} = deadlineCheck{}

func (deadlineCheck) ExtensionName() string                          { return "DeadlineCheck" }
func (deadlineCheck) Validate(schema graphql.ExecutableSchema) error { return nil }

func (d deadlineCheck) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if took := op.Stats.Validation.End.Sub(op.Stats.Parsing.Start); took > SlowPreparation {
		d.log.WarnContext(ctx, "graphql: parsing and validation were slow", "took", took,
			"bytes", len(op.RawQuery), "operation", op.OperationName)
	}
	if ctx.Err() != nil {
		return timedOut()
	}
	return nil
}

func timedOut() *gqlerror.Error {
	err := textError("the request timed out before its operation could run")
	errcode.Set(err, CodeRequestTimeout)
	return err
}

// complexityBudget is the complexity limit of the caller: anonymous callers
// get a smaller one than signed-in callers. The HTTP middleware has put the
// caller into the context before gqlgen runs, so this is the edge reading
// what the edge established, not a permission check (those stay in the
// domain services).
func complexityBudget(signedIn, anonymous int) func(ctx context.Context, _ *graphql.OperationContext) int {
	return func(ctx context.Context, _ *graphql.OperationContext) int {
		if auth.From(ctx).Anonymous() {
			return anonymous
		}
		return signedIn
	}
}
