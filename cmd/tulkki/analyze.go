package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/tulkki/tulkki/internal/analysis"
)

func runAnalyze(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	samples := fs.Int("samples", 0, "betweenness pivots: 0 = automatic (exact for small networks), -1 = always exact")
	seed := fs.Uint64("seed", 1, "seed for choosing the pivots when sampling")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openMigrated(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	prog := newProgress(os.Stderr, isTerminal(os.Stderr), nil)
	rep, err := analysis.Run(ctx, st, analysis.Options{Samples: *samples, Seed: *seed, Progress: prog.phase})
	prog.finish()
	if err != nil {
		return err
	}
	method := "exact"
	if rep.Samples > 0 {
		method = fmt.Sprintf("sampled from %d sources", rep.Samples)
	}
	fmt.Fprintf(env.stdout, "Analysed %d people and %d co-membership links in %s (betweenness %s).\n",
		rep.People, rep.Edges, rep.Took.Round(time.Millisecond), method)
	for _, p := range rep.Phases {
		fmt.Fprintf(env.stdout, "  %-26s %s\n", p.Name, p.Took.Round(time.Millisecond))
	}
	return nil
}
