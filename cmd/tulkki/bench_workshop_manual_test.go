//go:build neo4jmanual

// The workshop planning benchmark on a graph of its own, next to whatever
// else the database holds; never run by `go test ./...`:
//
//	eval "$(scripts/neo4j.sh env test)"
//	WORKSHOP_BENCH_PEOPLE=10000 go test -tags neo4jmanual ./cmd/tulkki -run TestBenchWorkshop -v
//
// It generates WORKSHOP_BENCH_PEOPLE people (default 10 000) under the
// namespace "wsbench" (ids gen-wsbench-…), plans 200-participant workshops
// on it with benchWorkshop, and deletes exactly what it generated.
package main

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/storetest"
	"github.com/tulkki/tulkki/internal/synth"
)

func TestBenchWorkshop(t *testing.T) {
	people := 10_000
	if s := os.Getenv("WORKSHOP_BENCH_PEOPLE"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("WORKSHOP_BENCH_PEOPLE=%q: %v", s, err)
		}
		people = n
	}
	runs := 20
	st := storetest.Open(t)
	ctx := context.Background()
	const namespace = "wsbench"
	prefix := synth.IDPrefix + namespace + "-"
	cleanup := func() {
		if _, err := st.DeleteByIDPrefix(ctx, prefix, 10_000, nil); err != nil {
			t.Errorf("delete %s data: %v", prefix, err)
		}
	}
	// WORKSHOP_BENCH_KEEP=1 keeps the generated graph after the run;
	// WORKSHOP_BENCH_REUSE=1 plans on the kept one instead of generating
	// (same WORKSHOP_BENCH_PEOPLE). A run without KEEP deletes it.
	if os.Getenv("WORKSHOP_BENCH_KEEP") != "1" {
		t.Cleanup(cleanup)
	}
	if os.Getenv("WORKSHOP_BENCH_REUSE") != "1" {
		cleanup()
		start := time.Now()
		set, _, err := synth.Generate(synth.Config{People: people, Seed: 11, Namespace: namespace})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Import(ctx, set, 2000, nil); err != nil {
			t.Fatal(err)
		}
		t.Logf("generated and loaded %d people in %s", people, time.Since(start).Round(time.Second))
	}

	res, err := benchWorkshop(ctx, st, testWriter{t}, prefix, runs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Latency.P50 > 2*time.Second {
		t.Errorf("planning p50 %s, want under 2 s", res.Latency.P50)
	}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) { w.t.Log(string(p)); return len(p), nil }
