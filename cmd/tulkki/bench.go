package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/tulkki/tulkki/graph"
	"github.com/tulkki/tulkki/internal/analysis"
	"github.com/tulkki/tulkki/internal/httpapi"
	"github.com/tulkki/tulkki/internal/perf"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/synth"
)

// runBench loads synthetic graphs of the given sizes and times the
// translator query through the HTTP API and straight through the domain
// service. It DELETES all generated (gen-) data first: point it at a
// database of its own (`make bench` uses the local "bench" instance).
func runBench(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	sizes := fs.String("sizes", "10000,100000", "comma-separated numbers of people to generate, one run each")
	pairs := fs.Int("pairs", 300, "random organisation pairs to query per size")
	warmup := fs.Int("warmup", 200, "pairs run first and not counted (Neo4j compiles its hot paths over the first few hundred queries)")
	seed := fs.Uint64("seed", 1, "seed of the generator and of the pair sample")
	skipAnalyze := fs.Bool("skip-analyze", false, "do not run `analyze` after loading")
	workshopRuns := fs.Int("workshop-runs", 0, "also time planWorkshop (200 participants) this many times per size (bench_workshop.go)")
	callRuns := fs.Int("call-runs", 0, "also time PartnershipCall.suggestedPartners this many times per size (bench_calls.go)")
	reuse := fs.Bool("reuse", false, "measure on the generated data already loaded (one size only): no delete, generate or analyze")
	ecosystemRuns := fs.Int("ecosystem-runs", 0, "also time ecosystem and ecosystemGraph(maxNodes: 300) through the API this many times each per size (bench_ecosystem.go)")
	attack := fs.Duration("attack", 0, "also time normal queries calm and then while 4 clients loop the attacks of issue 12, this long each (bench_attack.go)")
	cpuProfile := fs.String("cpuprofile", "", "write a Go CPU profile of the whole run to this file (go tool pprof)")
	offline := fs.String("offline", "", "load sizes of at least --offline-from people with neo4j-admin's offline importer into this local\n"+
		"scripts/neo4j.sh `instance`, REPLACING its whole database (generate --offline); smaller sizes use transactions")
	offlineFrom := fs.Int("offline-from", 200_000, "the smallest size --offline loads offline: below it, restarting Neo4j costs more than it saves")
	script := fs.String("neo4j-script", "scripts/neo4j.sh", "scripts/neo4j.sh, for --offline")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return fmt.Errorf("bench: --cpuprofile: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("bench: --cpuprofile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	var ns []int
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("bench: --sizes: %q is not a number of people", s)
		}
		ns = append(ns, n)
	}
	st, err := openMigrated(ctx, env)
	if err != nil {
		return err
	}
	// An offline load restarts Neo4j under the store: it is closed and
	// opened again around it.
	defer func() { st.Close(context.Background()) }()

	// Steps print their own progress and summaries to stderr; stdout gets
	// only the report, ready for docs/performance.md.
	quiet := &environment{cfg: env.cfg, log: env.log, stdout: os.Stderr}
	report := &strings.Builder{}
	fmt.Fprintf(report, "Machine: %d cores (GOMAXPROCS %d), %s, %s/%s. Neo4j at %s.\n\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), runtime.GOOS, runtime.GOARCH, env.cfg.Neo4j.URI)
	fmt.Fprintln(report, "| people | load | analyze (links, pivots) | pairs | API p50 | API p95 | API p99 | direct p50 | direct p95 | direct p99 | overhead p50 | overhead p95 | overhead paired |")
	fmt.Fprintln(report, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")

	if *reuse && len(ns) != 1 {
		return fmt.Errorf("bench: --reuse measures the data already loaded: give one size")
	}
	for _, n := range ns {
		load, analyzed := "reused", "reused"
		if !*reuse {
			var err error
			if *offline != "" && n >= *offlineFrom {
				_ = st.Close(ctx)
				load, err = benchLoadOffline(ctx, quiet, n, offlineOptions{instance: *offline, script: *script, seed: *seed, replace: true})
				if err != nil {
					return err
				}
				if st, err = openStore(ctx, env); err != nil {
					return err
				}
			} else if load, err = benchLoad(ctx, st, quiet, n, *seed); err != nil {
				return err
			}
			if analyzed, err = benchAnalyze(ctx, st, *seed, *skipAnalyze); err != nil {
				return err
			}
		}
		res, err := measure(ctx, st, env, *pairs, *warmup, *seed)
		if err != nil {
			return err
		}
		o50, o95 := res.Overhead()
		fmt.Fprintf(report, "| %d | %s | %s | %d | %s | %s | %s | %s | %s | %s | %+.1f %% | %+.1f %% | %+.1f %% |\n", n,
			load, analyzed, res.Pairs,
			ms(res.API.P50), ms(res.API.P95), ms(res.API.P99), ms(res.Direct.P50), ms(res.Direct.P95), ms(res.Direct.P99),
			100*o50, 100*o95, 100*res.PairedOverhead())
		fmt.Fprintf(os.Stderr, "%d people: %d pairs, %.1f matches on average\n", n, res.Pairs, float64(res.Matches)/float64(max(res.Pairs, 1)))
		if _, err := benchWorkshop(ctx, st, os.Stderr, "gen-", *workshopRuns); err != nil {
			return err
		}
		if _, err := benchCalls(ctx, st, os.Stderr, "gen-", *callRuns); err != nil {
			return err
		}
		if err := benchEcosystem(ctx, st, env, report, *ecosystemRuns, min(*ecosystemRuns, 20)); err != nil {
			return err
		}
		if *attack > 0 {
			if err := benchAttack(ctx, st, env, report, *attack, *seed); err != nil {
				return err
			}
		}
	}
	fmt.Fprint(env.stdout, report.String())
	return nil
}

// benchLoad replaces the generated data with n people, with transactions.
func benchLoad(ctx context.Context, st *store.Store, quiet *environment, n int, seed uint64) (load string, err error) {
	fmt.Fprintf(os.Stderr, "== %d people: removing earlier generated data\n", n)
	if _, err := st.DeleteByIDPrefix(ctx, "gen-", 10_000, nil); err != nil {
		return "", err
	}
	t := time.Now()
	if err := runGenerate(ctx, quiet, []string{"--people", strconv.Itoa(n), "--seed", strconv.FormatUint(seed, 10)}); err != nil {
		return "", err
	}
	return time.Since(t).Round(time.Second).String(), nil
}

// benchLoadOffline replaces the whole database with n generated people
// through neo4j-admin (generate --offline).
func benchLoadOffline(ctx context.Context, quiet *environment, n int, opts offlineOptions) (load string, err error) {
	fmt.Fprintf(os.Stderr, "== %d people: offline load, replacing the %s instance's database\n", n, opts.instance)
	g, err := synth.New(synth.Config{People: n, Seed: opts.seed, Namespace: generateNamespace})
	if err != nil {
		return "", err
	}
	sum, err := generateOffline(ctx, quiet, g, opts)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s offline (%s records/s)", sum.total.Round(time.Second),
		thousands(int(float64(sum.records())/sum.total.Seconds()))), nil
}

// benchAnalyze runs analyze, unless skipped.
func benchAnalyze(ctx context.Context, st *store.Store, seed uint64, skip bool) (string, error) {
	if skip {
		return "skipped", nil
	}
	prog := newProgress(os.Stderr, isTerminal(os.Stderr), nil)
	rep, err := analysis.Run(ctx, st, analysis.Options{Seed: seed, Progress: prog.phase})
	prog.finish()
	if err != nil {
		return "", err
	}
	pivots := "exact"
	if rep.Samples > 0 {
		pivots = strconv.Itoa(rep.Samples)
	}
	return fmt.Sprintf("%s (%d, %s)", rep.Took.Round(time.Second), rep.Edges, pivots), nil
}

// measure serves the real API on a loopback port and runs the pairs.
func measure(ctx context.Context, st *store.Store, env *environment, pairs, warmup int, seed uint64) (perf.Result, error) {
	resolver := graph.NewResolver(st)
	gql := graph.NewServer(resolver, graph.ServerOptions{ComplexityLimit: env.cfg.QueryComplexityLimit, Introspection: env.cfg.Introspection, Log: env.log})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return perf.Result{}, err
	}
	// A log line per request would bury the figures; warnings still show.
	quietLog := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv := &http.Server{Handler: httpapi.NewRouter(httpapi.Options{GraphQL: gql, DB: st, Log: quietLog, RequestTimeout: 30 * time.Second}),
		ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()

	orgIDs, err := st.OrganisationIDsWithPrefix(ctx, "gen-org-")
	if err != nil {
		return perf.Result{}, err
	}
	sample := perf.SamplePairs(orgIDs, pairs+warmup, seed)
	prog := newProgress(os.Stderr, isTerminal(os.Stderr), nil)
	defer prog.finish()
	return perf.Measure(ctx, resolver.Bridge, "http://"+ln.Addr().String()+"/graphql", sample, warmup,
		func(done, total int) { prog.phase("translators", done, total) })
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
