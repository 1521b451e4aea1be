// Command gqlgen generates Tulkki's GraphQL code: gqlgen's own generation
// (gqlgen.yml), then one rewrite of its output. `make generate` runs it;
// `make check-generate` (CI) checks that the committed code is what it
// writes.
//
// The rewrite: gqlgen marshals every list of objects with
// graphql.MarshalSliceConcurrently, one goroutine per element. Tulkki's list
// elements never block on a read of their own (see graph/marshal.go), so the
// generated code calls graph's marshalListInOrder, which has the same
// signature and marshals the elements in order. gqlgen has no setting for
// this (its worker_limit still starts a goroutine per element).
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen/config"
)

const (
	concurrentCall = "graphql.MarshalSliceConcurrently("
	inOrderCall    = "marshalList("
)

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

// rewrite replaces the concurrent list marshalling in the generated
// executor. It fails when there is nothing to replace: a gqlgen upgrade that
// renames the helper must not silently bring the goroutines back.
func rewrite(path string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	n := bytes.Count(src, []byte(concurrentCall))
	if n == 0 {
		return fmt.Errorf("%s: no %s call to rewrite; has gqlgen changed how it marshals lists?", path, concurrentCall)
	}
	out := bytes.ReplaceAll(src, []byte(concurrentCall), []byte(inOrderCall))
	return os.WriteFile(path, out, 0o644)
}
