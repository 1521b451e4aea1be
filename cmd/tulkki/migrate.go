package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/tulkki/tulkki/internal/store"
)

func runMigrate(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	bulk := fs.Bool("after-bulk-load", false, "the database was just loaded with neo4j-admin from `tulkki generate --csv` files:\n"+
		"skip the backfills of derived values (the files hold them) and wait for the indexes however long they take")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	var res store.MigrationResult
	if *bulk {
		prog := newProgress(os.Stderr, isTerminal(os.Stderr), nil)
		res, err = st.MigrateAfterBulkLoad(ctx, prog.phase)
		prog.finish()
	} else {
		res, err = st.Migrate(ctx)
	}
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
