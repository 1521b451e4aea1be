package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/tulkki/tulkki/internal/seed"
)

func runSeed(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openMigrated(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	counts, err := seed.Seed(ctx, st, func(kind string, done, total int) {
		fmt.Fprintf(env.stdout, "  %-15s %d/%d\n", kind, done, total)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "Demo data loaded: %d topics, %d organisations, %d people with %d experiences, %d collaborations.\n",
		counts.Topics, counts.Organisations, counts.People, counts.Experiences, counts.Collaborations)
	return nil
}
