// Command gqlgen generates Tulkki's GraphQL code: gqlgen's own generation
// (gqlgen.yml), then rewrites of two calls in its output. `make generate`
// runs it; `make check-generate` (CI) checks that the committed code is what
// it writes.
//
//   - graphql.MarshalSliceConcurrently, one goroutine per element of every
//     list of objects, becomes graph's marshalList: Tulkki's list elements
//     never block on a read of their own (graph/marshal.go). gqlgen has no
//     setting for this (its worker_limit still starts a goroutine per
//     element).
//   - graphql.NewDeferredGroup, a path, a field set and a map per object
//     for @defer, becomes graph's newDeferredGroup: Tulkki refuses @defer
//     and @stream before execution (graph/limits.go).
//
// The replacements have the same signatures, and each rewrite must find
// its call: a gqlgen upgrade that renames one fails here, loudly.
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen/config"
)

// rewrites maps each call in the generated executor to its replacement.
var rewrites = []struct{ from, to string }{
	{"graphql.MarshalSliceConcurrently(", "marshalList("},
	{"graphql.NewDeferredGroup(", "newDeferredGroup("},
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gqlgen:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		return fmt.Errorf("load gqlgen.yml: %w", err)
	}
	if err := api.Generate(cfg); err != nil {
		return err
	}
	return rewrite(cfg.Exec.Filename)
}

// rewrite applies rewrites to the generated executor. It fails when a call
// is not there to replace.
func rewrite(path string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	for _, r := range rewrites {
		if !bytes.Contains(src, []byte(r.from)) {
			return fmt.Errorf("%s: no %s call to rewrite; has gqlgen changed its executor?", path, r.from)
		}
		src = bytes.ReplaceAll(src, []byte(r.from), []byte(r.to))
	}
	return os.WriteFile(path, src, 0o644)
}
