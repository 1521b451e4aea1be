package main

import (
	"context"
	"flag"
	"fmt"
)

func runMigrate(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	res, err := st.Migrate(ctx)
	if err != nil {
		return err
	}
	if len(res.Applied) == 0 {
		fmt.Fprintf(env.stdout, "Database schema is up to date (version %d).\n", res.Current)
		return nil
	}
	fmt.Fprintf(env.stdout, "Applied migrations %v; schema is at version %d.\n", res.Applied, res.Current)
	return nil
}
