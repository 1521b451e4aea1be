package i18n

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// untranslated are message keys deliberately left without Finnish and
// Swedish: none today. A key belongs here only with a comment saying why
// (text that is not for people, say); log lines never reach this test, as
// they are not made with the functions below.
var untranslated = map[string]string{}

// makerSeeds are the functions of this package whose arguments at these
// positions are message keys. Every other function that passes one of its
// own parameters on as a key (errs.Newf, errs.Invalid, auth.Deny, the
// importer's problem constructor, ...) is found by TestCatalogueComplete
// itself, so a new helper is covered without being listed here.
var makerSeeds = map[string][]int{
	"T":      {0},
	"Plural": {1, 2},
}

// TestCatalogueComplete parses the server's sources and collects every key
// passed to a function that makes a message for people: i18n.T and
// i18n.Plural, and, transitively, every function that passes one of its
// parameters on to one of those as the key. It fails naming each literal
// key without a Finnish and Swedish entry, each key that is not a literal
// (nor a parameter passed on, nor a value of a package-level map or
// slice of literals, whose values are all checked), and each catalogue
// entry nothing uses any longer.
func TestCatalogueComplete(t *testing.T) {
	root := moduleRoot(t)
	s := scan(t, root)
	var missing, opaque []string
	used := map[string]bool{}
	for _, k := range s.keys {
		used[k.key] = true
		if !translatable(k.key) {
			continue
		}
		if _, ok := untranslated[k.key]; ok {
			continue
		}
		_, fi := catalogue[FI][k.key]
		_, sv := catalogue[SV][k.key]
		if !fi || !sv {
			missing = append(missing, fmt.Sprintf("%s: %q", k.pos, k.key))
		}
	}
	opaque = append(opaque, s.opaque...)
	slices.Sort(missing)
	missing = slices.Compact(missing)
	for _, m := range missing {
		t.Errorf("no Finnish/Swedish entry in catalogue.go: %s", m)
	}
	for _, o := range opaque {
		t.Errorf("a message key that is not a literal (make it one, or a value of a package-level map of literals): %s", o)
	}
	for _, e := range entries {
		if !used[e[0]] {
			t.Errorf("catalogue entry %q is used nowhere; remove it", e[0])
		}
	}
	if len(s.keys) < 100 || len(s.makers) < 8 {
		t.Fatalf("the scan found only %d keys and %d message-making functions; is it reading the sources?", len(s.keys), len(s.makers))
	}
	t.Logf("%d message keys (%d distinct) through %d message-making functions", len(s.keys), len(used), len(s.makers))
}

// translatable: a key with words in it; a bare "%s" or "%s; %s" (Join)
// has nothing to translate.
func translatable(key string) bool {
	return strings.ContainsFunc(verb.ReplaceAllString(key, ""), func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	})
}

func moduleRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}

type source struct {
	pkg  string // import path
	file *ast.File
	name string
}

// funcRef names a function or method: its package's import path and name
// (methods by name alone within their package).
type funcRef struct{ pkg, name string }

type foundKey struct {
	key string
	pos string
}

type scanResult struct {
	makers map[funcRef][]int
	keys   []foundKey
	opaque []string
}

var modulePath = regexp.MustCompile(`(?m)^module\s+(\S+)`)

// scan reads the non-test Go files of the module (not the generated
// GraphQL code, tools or the web app's) and finds message keys.
func scan(t *testing.T, root string) scanResult {
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	module := modulePath.FindSubmatch(mod)[1]
	fset := token.NewFileSet()
	var files []source
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", ".tulkki", "web", "e2e", "tools", "testdata", "node_modules":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		if ast.IsGenerated(f) {
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		pkg := string(module)
		if rel != "." {
			pkg += "/" + filepath.ToSlash(rel)
		}
		name, _ := filepath.Rel(root, path)
		files = append(files, source{pkg: pkg, file: f, name: name})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	i18nPkg := string(module) + "/internal/i18n"
	makers := map[funcRef][]int{}
	for name, idx := range makerSeeds {
		makers[funcRef{i18nPkg, name}] = idx
	}
	// Package-level maps and slices of string literals (or of i18n.T of
	// literals) by package and name: a key taken out of one is each value.
	tables := map[funcRef][]string{}
	for _, src := range files {
		for _, decl := range src.file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || (gd.Tok != token.VAR && gd.Tok != token.CONST) {
				continue
			}
			collectTables(src.pkg, gd, tables)
		}
	}

	// Find wrappers until no new one turns up, then collect the keys.
	var res scanResult
	for {
		before := len(makers)
		res = scanResult{makers: makers}
		for _, src := range files {
			scanFile(fset, src, makers, tables, &res)
		}
		if len(makers) == before {
			break
		}
	}
	return res
}

// collectTables notes the package-level (or, with pkg a function's
// name, local) constants and tables of literals a declaration makes.
func collectTables(pkg string, gd *ast.GenDecl, tables map[funcRef][]string) {
	for _, spec := range gd.Specs {
		vs, ok := spec.(*ast.ValueSpec)
		if !ok {
			continue
		}
		for i, v := range vs.Values {
			if i >= len(vs.Names) {
				break
			}
			if s, ok := stringLit(v); ok && gd.Tok == token.CONST {
				tables[funcRef{pkg, vs.Names[i].Name}] = []string{s}
			} else if vals, ok := literalValues(v); ok && gd.Tok == token.VAR {
				tables[funcRef{pkg, vs.Names[i].Name}] = vals
			}
		}
	}
}

// literalLocals are the local variables of fd that are only ever given
// string literals ("msg := ...; switch { case ...: msg = ... }"), each with
// those literals.
func literalLocals(fd *ast.FuncDecl) map[string][]string {
	vals := map[string][]string{}
	other := map[string]bool{}
	note := func(lhs []ast.Expr, rhs []ast.Expr) {
		for i, l := range lhs {
			id, ok := l.(*ast.Ident)
			if !ok {
				continue
			}
			if len(rhs) != len(lhs) {
				other[id.Name] = true
				continue
			}
			if s, ok := stringLit(rhs[i]); ok {
				vals[id.Name] = append(vals[id.Name], s)
			} else {
				other[id.Name] = true
			}
		}
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.AssignStmt:
			note(x.Lhs, x.Rhs)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(x.Names))
			for i, n := range x.Names {
				lhs[i] = n
			}
			note(lhs, x.Values)
		}
		return true
	})
	for name := range other {
		delete(vals, name)
	}
	return vals
}

// literalValues are the string values of a composite literal (a map's
// values, a slice's elements), each a literal or i18n.T of one.
func literalValues(e ast.Expr) ([]string, bool) {
	cl, ok := e.(*ast.CompositeLit)
	if !ok || len(cl.Elts) == 0 {
		return nil, false
	}
	var out []string
	for _, el := range cl.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			el = kv.Value
		}
		if call, ok := el.(*ast.CallExpr); ok && len(call.Args) == 1 {
			el = call.Args[0]
		}
		s, ok := stringLit(el)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

func stringLit(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return "", false
		}
		l, ok1 := stringLit(x.X)
		r, ok2 := stringLit(x.Y)
		return l + r, ok1 && ok2
	case *ast.ParenExpr:
		return stringLit(x.X)
	}
	return "", false
}

func scanFile(fset *token.FileSet, src source, makers map[funcRef][]int, tables map[funcRef][]string, res *scanResult) {
	imports := map[string]string{}
	for _, im := range src.file.Imports {
		path, _ := strconv.Unquote(im.Path.Value)
		name := path[strings.LastIndex(path, "/")+1:]
		if im.Name != nil {
			name = im.Name.Name
		}
		imports[name] = path
	}
	for _, decl := range src.file.Decls {
		var params []string
		var self funcRef
		local := map[funcRef][]string{}
		if fd, ok := decl.(*ast.FuncDecl); ok {
			self = funcRef{src.pkg, fd.Name.Name}
			ast.Inspect(fd, func(n ast.Node) bool {
				if gd, ok := n.(*ast.GenDecl); ok && gd.Tok == token.CONST {
					collectTables(src.pkg, gd, local)
				}
				return true
			})
			for name, vals := range literalLocals(fd) {
				local[funcRef{src.pkg, name}] = vals
			}
			for _, f := range fd.Type.Params.List {
				for _, n := range f.Names {
					params = append(params, n.Name)
				}
			}
		}
		ast.Inspect(decl, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var ref funcRef
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				ref = funcRef{src.pkg, fn.Name}
			case *ast.IndexExpr: // a generic function with its type argument
				if id, ok := fn.X.(*ast.SelectorExpr); ok {
					if x, ok := id.X.(*ast.Ident); ok && imports[x.Name] != "" {
						ref = funcRef{imports[x.Name], id.Sel.Name}
					}
				}
			case *ast.SelectorExpr:
				if x, ok := fn.X.(*ast.Ident); ok && imports[x.Name] != "" {
					ref = funcRef{imports[x.Name], fn.Sel.Name}
				} else {
					ref = funcRef{src.pkg, fn.Sel.Name} // a method
				}
			}
			for _, i := range makers[ref] {
				if i >= len(call.Args) {
					continue
				}
				// A key with no words of its own ("%s", "%v") words
				// nothing, so its arguments must be texts made where they
				// are (i18n.T(...), errs.TextOf(err)), not a string or an
				// error whose English would pass through untranslated.
				if k, ok := stringLit(call.Args[i]); ok && !translatable(k) && len(makers[ref]) == 1 {
					for _, a := range call.Args[i+1:] {
						if _, ok := a.(*ast.CallExpr); !ok {
							res.opaque = append(res.opaque, fmt.Sprintf("%s:%d (an argument of %q that is not a text made in place)", src.name, fset.Position(a.Pos()).Line, k))
						}
					}
				}
				arg := call.Args[i]
				pos := fmt.Sprintf("%s:%d", src.name, fset.Position(arg.Pos()).Line)
				if s, ok := stringLit(arg); ok {
					res.keys = append(res.keys, foundKey{s, pos})
					continue
				}
				if id, ok := arg.(*ast.Ident); ok {
					if p := slices.Index(params, id.Name); p >= 0 && self.name != "" {
						if !slices.Contains(makers[self], p) {
							makers[self] = append(makers[self], p)
						}
						continue
					}
					ref := funcRef{src.pkg, id.Name}
					if c, ok := local[ref]; ok {
						for _, v := range c {
							res.keys = append(res.keys, foundKey{v, pos})
						}
						continue
					}
					if c, ok := tables[ref]; ok && len(c) == 1 {
						res.keys = append(res.keys, foundKey{c[0], pos})
						continue
					}
				}
				if ix, ok := arg.(*ast.IndexExpr); ok {
					if id, ok := ix.X.(*ast.Ident); ok {
						if vals, ok := tables[funcRef{src.pkg, id.Name}]; ok {
							for _, v := range vals {
								res.keys = append(res.keys, foundKey{v, pos})
							}
							continue
						}
					}
				}
				res.opaque = append(res.opaque, pos)
			}
			return true
		})
	}
}
