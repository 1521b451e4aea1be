package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/synth"
)

// offlineOptions say how `generate` loads without transactions.
type offlineOptions struct {
	instance string // scripts/neo4j.sh instance to import into ("": only write the CSV files)
	dir      string // where the CSV files go ("": a temporary directory)
	script   string // scripts/neo4j.sh
	seed     uint64
	// replace: load even when the database holds data (bench, whose
	// instance is its own); never from the command line of generate.
	replace bool
}

// offlineSummary is what an offline load took, for generate's report and
// bench's table.
type offlineSummary struct {
	nodes, relationships     int
	csv, load, start, schema time.Duration
	total                    time.Duration
}

func (s offlineSummary) records() int { return s.nodes + s.relationships }

// generateOffline writes g as CSV files for neo4j-admin and, with an
// instance, loads them into that EMPTY local instance (scripts/neo4j.sh
// import: stop, import, start) and applies the schema.
func generateOffline(ctx context.Context, env *environment, g *synth.Generator, opts offlineOptions) (offlineSummary, error) {
	var sum offlineSummary
	start := time.Now()
	if opts.instance != "" {
		if err := checkOfflineTarget(ctx, env, opts); err != nil {
			return sum, err
		}
	}
	dir := opts.dir
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "tulkki-offline-"); err != nil {
			return sum, err
		}
		defer os.RemoveAll(dir)
	} else if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return sum, fmt.Errorf("generate: --csv %s is not empty; give a new or empty directory", dir)
	}

	// Step 1: the CSV files, with the same progress as a transactional
	// load. Neo4j is stopped meanwhile (the import needs it stopped, and
	// the stop's checkpoint takes seconds).
	w, err := store.NewOfflineWriter(dir, time.Now())
	if err != nil {
		return sum, fmt.Errorf("generate: %w", err)
	}
	stopped := make(chan error, 1)
	if opts.instance != "" {
		go func() {
			out, err := exec.CommandContext(ctx, opts.script, "stop", opts.instance).CombinedOutput()
			if err != nil {
				err = fmt.Errorf("generate: %s stop %s: %w\n%s", opts.script, opts.instance, err, out)
			}
			stopped <- err
		}()
	}
	// csvFailed says, when the CSV step fails, that the instance was
	// stopped for the import (and stays so).
	csvFailed := func(err error) error {
		if opts.instance == "" {
			return err
		}
		<-stopped
		return fmt.Errorf("%w\n(the %s instance was stopped for the import; start it again with: %s start %s)",
			err, opts.instance, opts.script, opts.instance)
	}
	prog := generationProgress(g.Plan())
	if opts.instance != "" {
		fmt.Fprintf(generateStderr, "Step 1/4: CSV files for neo4j-admin into %s (Neo4j %s stopping meanwhile)\n", w.Dir(), opts.instance)
	} else {
		fmt.Fprintf(generateStderr, "Writing CSV files for neo4j-admin into %s\n", w.Dir())
	}
	chunks := make(chan generatedChunk, 1)
	genCtx, stop := context.WithCancel(ctx)
	defer stop()
	go produce(genCtx, g, generateChunk, chunks)
	for c := range chunks {
		if c.err == nil {
			c.err = w.Write(c.set)
		}
		if c.err != nil {
			w.Abort()
			return sum, csvFailed(fmt.Errorf("generate: %w", c.err))
		}
		if err := writeChunk(ctx, nil, c, generateChunk, prog); err != nil {
			return sum, csvFailed(err)
		}
	}
	if err := ctx.Err(); err != nil {
		w.Abort()
		return sum, csvFailed(err)
	}
	prog.finish()
	if err := w.Close(); err != nil {
		return sum, csvFailed(fmt.Errorf("generate: write CSV files: %w", err))
	}
	sum.nodes, sum.relationships = w.Nodes, w.Relationships
	sum.csv = time.Since(start)
	stats := g.Stats()
	fmt.Fprintf(env.stdout, "Generated %s topics, %s organisations, %s people with %s experiences, %s collaborations (seed %d):\n"+
		"%s nodes and %s relationships written as CSV in %s.\n",
		thousands(stats.Topics), thousands(stats.Organisations), thousands(stats.People), thousands(stats.Experiences),
		thousands(stats.Collaborations), opts.seed, thousands(sum.nodes), thousands(sum.relationships), round(sum.csv))
	if opts.instance == "" {
		fmt.Fprintf(env.stdout, "Load them into an EMPTY database with neo4j-admin (Neo4j stopped), then apply the schema:\n"+
			"  neo4j-admin database import full --overwrite-destination neo4j @%s/import.args\n"+
			"  tulkki migrate --after-bulk-load\n", w.Dir())
		return sum, nil
	}

	// Step 2: the import into the stopped instance; the importer prints
	// its own progress (four stages, a line of dots per 5 %).
	if err := <-stopped; err != nil {
		return sum, err
	}
	t := time.Now()
	fmt.Fprintf(generateStderr, "Step 2/4: neo4j-admin database import full (%s records)\n", thousands(sum.records()))
	if err := runScript(ctx, []string{"NEO4J_IMPORT_START=no"}, opts.script, "import", opts.instance, dir); err != nil {
		return sum, err
	}
	sum.load = time.Since(t)

	// Step 3: Neo4j started on the new store.
	t = time.Now()
	fmt.Fprintf(generateStderr, "Step 3/4: starting Neo4j %s\n", opts.instance)
	if err := runScript(ctx, nil, opts.script, "start", opts.instance); err != nil {
		return sum, err
	}
	sum.start = time.Since(t)

	// Step 4: the migrations, without the backfills the files hold
	// already, and the indexes populated.
	t = time.Now()
	fmt.Fprintf(generateStderr, "Step 4/4: constraints (each fills its index), then the other indexes in one population\n")
	st, err := openStore(ctx, env)
	if err != nil {
		return sum, err
	}
	defer st.Close(context.Background())
	iprog := newProgress(generateStderr, isTerminal(generateStderr), nil)
	_, err = st.MigrateAfterBulkLoad(ctx, iprog.phase)
	iprog.finish()
	if err != nil {
		return sum, fmt.Errorf("migrate: %w", err)
	}
	sum.schema = time.Since(t)
	sum.total = time.Since(start)
	fmt.Fprintf(env.stdout, "Loaded offline into the %s instance: %s records (nodes and relationships) in %s, %s records/s\n"+
		"  (CSV %s, neo4j-admin import %s, Neo4j start %s, constraints and indexes %s).\n",
		opts.instance, thousands(sum.records()), round(sum.total), thousands(int(float64(sum.records())/sum.total.Seconds())),
		round(sum.csv), round(sum.load), round(sum.start), round(sum.schema))
	return sum, nil
}

// runScript runs scripts/neo4j.sh with args and the environment plus env,
// its output in generate's progress.
func runScript(ctx context.Context, env []string, script string, args ...string) error {
	cmd := exec.CommandContext(ctx, script, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = generateStderr, generateStderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("generate: %s %s: %w", script, strings.Join(args, " "), err)
	}
	return nil
}

// checkOfflineTarget makes sure that the database the environment points
// at is the instance's, and that it holds nothing the import would
// destroy.
func checkOfflineTarget(ctx context.Context, env *environment, opts offlineOptions) error {
	if _, err := os.Stat(opts.script); err != nil {
		return fmt.Errorf("generate --offline: %s not found (run from the repository root or give --neo4j-script)", opts.script)
	}
	out, err := exec.CommandContext(ctx, opts.script, "env", opts.instance).Output()
	if err != nil {
		return fmt.Errorf("generate --offline: %s env %s: %w", opts.script, opts.instance, err)
	}
	var instanceURI string
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(line, "export NEO4J_URI="); ok {
			instanceURI = strings.Trim(v, `'"`)
		}
	}
	if !sameLocalServer(instanceURI, env.cfg.Neo4j.URI) {
		return fmt.Errorf("generate --offline: NEO4J_URI is %s but the %s instance is at %s; the import would replace "+
			"one database and the schema go to another (eval \"$(scripts/neo4j.sh env %s)\" first, with the same NEO4J_BOLT_PORT)",
			env.cfg.Neo4j.URI, opts.instance, instanceURI, opts.instance)
	}
	st, err := openStore(ctx, env)
	if err != nil {
		return fmt.Errorf("%w\n(start the instance first: scripts/neo4j.sh start %s)", err, opts.instance)
	}
	defer st.Close(context.Background())
	has, err := st.HasData(ctx)
	if err != nil {
		return fmt.Errorf("generate --offline: %w", err)
	}
	if has && !opts.replace {
		return errors.New("generate --offline: the database is not empty, and an offline load replaces it whole; " +
			"load without --offline (transactions, which add to it), or empty the instance first: scripts/neo4j.sh reset " + opts.instance)
	}
	return nil
}

// sameLocalServer reports whether two Bolt URIs name the same port on this
// machine.
func sameLocalServer(a, b string) bool {
	ua, errA := url.Parse(a)
	ub, errB := url.Parse(b)
	if errA != nil || errB != nil {
		return false
	}
	local := func(h string) bool {
		ip := net.ParseIP(h)
		return h == "localhost" || (ip != nil && ip.IsLoopback())
	}
	return local(ua.Hostname()) && local(ub.Hostname()) && ua.Port() != "" && ua.Port() == ub.Port()
}
