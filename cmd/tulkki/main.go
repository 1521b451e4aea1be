// Command tulkki runs the Tulkki service and its maintenance tasks.
//
//	tulkki serve       run the GraphQL API and the web app (migrates first)
//	tulkki migrate     apply database migrations
//	tulkki seed        load the fictional Finnish demo dataset (idempotent)
//	tulkki generate    write a deterministic synthetic graph for load tests
//	tulkki analyze     compute every person's network measures
//	tulkki bench       time translator queries through the API and directly
//	tulkki bench-peer  compare the read path with @neo4j/graphql side by side
//	tulkki import      import CSV files (docs/import.md)
//	tulkki export      write the data as CSV files in the import layout
//	tulkki import-sample  write generate's synthetic graph as import CSV files
//	tulkki token       mint a development token
//
// `tulkki help` lists them with their summaries; configuration comes from
// environment variables (README, "Configuration").
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/httpapi"
	"github.com/tulkki/tulkki/internal/store"
)

type command struct {
	name, summary string
	run           func(ctx context.Context, env *environment, args []string) error
}

var commands = []command{
	{"serve", "run the GraphQL API on TULKKI_ADDR (migrates the database first)", runServe},
	{"migrate", "apply database migrations", runMigrate},
	{"seed", "load the fictional Finnish demo dataset (idempotent)", runSeed},
	{"generate", "write a deterministic synthetic graph of N people (gen- ids) for load tests", runGenerate},
	{"analyze", "compute brokerage measures (betweenness, constraint, brokerage roles) for every person", runAnalyze},
	{"bench", "time translator queries on generated graphs through the API and directly (deletes gen- data)", runBench},
	{"bench-peer", "compare the general read path with @neo4j/graphql side by side on generated data (scripts/bench-peer)", runBenchPeer},
	{"import", "import CSV files of organisations, people, stints, topics and collaborations (docs/import.md)", runImport},
	{"export", "write the data as CSV files in the import layout into a directory", runExport},
	{"import-sample", "write the synthetic graph of generate as CSV files for tulkki import (timing imports)", runImportSample},
	{"token", "print a development JWT signed with TULKKI_JWT_HS256_SECRET", runToken},
}

// environment is what every command gets: configuration and a logger.
type environment struct {
	cfg    config.Config
	log    *slog.Logger
	stdout io.Writer
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "tulkki:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return nil
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		cfg, err := config.FromEnv()
		if err != nil {
			return err
		}
		log := slog.New(httpapi.RequestLogHandler(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel})))
		return c.run(ctx, &environment{cfg: cfg, log: log, stdout: stdout}, args[1:])
	}
	usage(stderr)
	return fmt.Errorf("unknown command %q", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: tulkki <command> [flags]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'tulkki <command> -h' for a command's flags. Configuration: see README.md.")
}

// openStore connects to Neo4j with a clear message when it is not there.
func openStore(ctx context.Context, env *environment) (*store.Store, error) {
	st, err := store.Open(ctx, env.cfg.Neo4j, env.log)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return nil, err
		}
		return nil, fmt.Errorf("%w\n(is Neo4j running? `make neo4j-start` starts a local one; NEO4J_URI selects another)", err)
	}
	return st, nil
}

// openMigrated connects to Neo4j and applies pending migrations, as every
// command that reads or writes data must first.
func openMigrated(ctx context.Context, env *environment) (*store.Store, error) {
	st, err := openStore(ctx, env)
	if err != nil {
		return nil, err
	}
	if _, err := st.Migrate(ctx); err != nil {
		_ = st.Close(context.Background())
		return nil, fmt.Errorf("migrate: %w", err)
	}
	return st, nil
}
