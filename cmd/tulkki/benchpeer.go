package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/perf"
	"github.com/tulkki/tulkki/internal/synth"
)

// runBenchPeer compares Tulkki's general read path with the generic Neo4j
// GraphQL Library (@neo4j/graphql, scripts/bench-peer/) on the same Neo4j
// and the same generated data (issue #12): both servers run as separate
// processes, answer the same four queries, and take turns under load so
// that the machine's noise hits both. Tulkki runs with its authorisation
// and visibility rules on (a PROFESSIONAL's token); the peer has none and
// filters people's visibility in its queries instead. docs/performance.md
// ("Side by side with @neo4j/graphql") explains the figures.
func runBenchPeer(ctx context.Context, env *environment, args []string) (err error) {
	fs := flag.NewFlagSet("bench-peer", flag.ContinueOnError)
	people := fs.Int("people", 20000, "generated people to measure on (generated when no gen- data is loaded)")
	seed := fs.Uint64("seed", 1, "seed of the generated data")
	regenerate := fs.Bool("regenerate", false, "delete other generated (gen-) data first and generate --people")
	duration := fs.Duration("duration", 10*time.Second, "length of one timed run of one server")
	rounds := fs.Int("rounds", 3, "timed runs per server, query and concurrency, alternating between the servers")
	warmup := fs.Duration("warmup", 3*time.Second, "untimed load per server and query before the timed runs")
	concList := fs.String("concurrency", "1,8", "comma-separated numbers of concurrent clients")
	queryList := fs.String("queries", "a,b,c,d", "comma-separated queries to run (a, b, c, d; see docs/performance.md)")
	tulkkiPort := fs.Int("tulkki-port", 18081, "loopback port for `tulkki serve`")
	peerPort := fs.Int("peer-port", 18082, "loopback port for the peer")
	peerDir := fs.String("peer-dir", "scripts/bench-peer", "the peer's Node project (npm ci runs there when node_modules is missing)")
	node := fs.String("node", "node", "the Node.js 20+ binary")
	serverBin := fs.String("server-bin", "", "the tulkki binary to serve (default: this one), e.g. an older build for a before-and-after with the peer as the yardstick")
	personID := fs.String("person", "", "person id for query c (default: the visible generated person with the most stints among the first 200)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("bench-peer: unexpected arguments %q", fs.Args())
	}
	concs, err := parseCounts(*concList)
	if err != nil {
		return fmt.Errorf("bench-peer: --concurrency: %w", err)
	}
	queries, err := selectQueries(*queryList)
	if err != nil {
		return fmt.Errorf("bench-peer: --queries: %w", err)
	}
	if *rounds < 1 || *duration <= 0 {
		return errors.New("bench-peer: --rounds must be at least 1 and --duration positive")
	}

	if err := ensureGenerated(ctx, env, *people, *seed, *regenerate); err != nil {
		return err
	}
	if err := ensurePeerInstalled(ctx, *peerDir); err != nil {
		return err
	}

	logDir, err := os.MkdirTemp("", "tulkki-bench-peer-")
	if err != nil {
		return fmt.Errorf("bench-peer: log directory: %w", err)
	}
	fmt.Fprintf(os.Stderr, "bench-peer: server logs in %s (removed after a successful run)\n", logDir)
	defer func() {
		if err == nil {
			_ = os.RemoveAll(logDir)
		}
	}()
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{
		MaxIdleConns: 64, MaxIdleConnsPerHost: 64, IdleConnTimeout: 90 * time.Second,
	}}

	// Both servers are stopped on every way out: return, error, Ctrl-C
	// (main's context ends and the run returns ctx.Err()).
	tulkki, token, err := startTulkki(ctx, env, client, logDir, *tulkkiPort, *serverBin)
	defer tulkki.stop(20 * time.Second)
	if err != nil {
		return err
	}
	peer, err := startPeer(ctx, env, client, logDir, *peerDir, *node, *peerPort)
	defer peer.stop(10 * time.Second)
	if err != nil {
		return err
	}

	sides := [2]*side{
		{name: "Tulkki", srv: tulkki, url: fmt.Sprintf("http://127.0.0.1:%d/graphql", *tulkkiPort), token: token,
			statements: metricsStatements(client, fmt.Sprintf("http://127.0.0.1:%d/metrics", *tulkkiPort))},
		{name: "peer", srv: peer, url: fmt.Sprintf("http://127.0.0.1:%d/graphql", *peerPort),
			statements: peerStatements(client, fmt.Sprintf("http://127.0.0.1:%d/stats", *peerPort))},
	}

	vars := map[string]any{}
	if *personID == "" {
		raw, err := sides[1].post(ctx, client, mustBody(pickPersonQuery, nil))
		if err != nil {
			return fmt.Errorf("bench-peer: pick a person for query c from the peer: %w", err)
		}
		r, err := decodeResponse(raw)
		if err != nil {
			return fmt.Errorf("bench-peer: pick a person for query c: %w", err)
		}
		var n int
		if *personID, n = pickPerson(r.Data); *personID == "" {
			return errors.New("bench-peer: no visible generated person for query c")
		}
		fmt.Fprintf(os.Stderr, "bench-peer: query c reads %s (%d stints)\n", *personID, n)
	}
	vars["id"] = *personID

	// Same answers first: a faster server that returns other records
	// would prove nothing.
	for _, q := range queries {
		n, err := checkSameIDs(ctx, client, sides, q, vars)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "bench-peer: query %s: both return the same %d ids\n", q.key, n)
	}

	results := map[cellKey]*[2][]runStats{}
	for _, q := range queries {
		tBody, pBody := mustBody(q.tulkki, vars), mustBody(q.peer, vars)
		bodies := [2][]byte{tBody, pBody}
		for i, s := range sides {
			fmt.Fprintf(os.Stderr, "bench-peer: query %s: warming up %s for %s\n", q.key, s.name, *warmup)
			if _, err := s.load(ctx, client, bodies[i], 1, *warmup); err != nil {
				return fmt.Errorf("bench-peer: query %s, warm-up of %s: %w", q.key, s.name, err)
			}
		}
		for _, c := range concs {
			cell := &[2][]runStats{}
			results[cellKey{q.key, c}] = cell
			for r := 0; r < *rounds; r++ {
				// Take turns going first, so neither always follows the
				// other's warm caches or leftover load.
				order := []int{0, 1}
				if r%2 == 1 {
					order = []int{1, 0}
				}
				for _, i := range order {
					s := sides[i]
					st, err := s.load(ctx, client, bodies[i], c, *duration)
					if err != nil {
						return fmt.Errorf("bench-peer: query %s, concurrency %d, %s: %w", q.key, c, s.name, err)
					}
					cell[i] = append(cell[i], st)
					fmt.Fprintf(os.Stderr, "bench-peer: query %s, c=%d, round %d, %-6s %7.1f req/s  p50 %s  p99 %s  %.1f statements/req  CPU %.1f ms/req  RSS %s\n",
						q.key, c, r+1, s.name, st.rate(), ms(st.lat.P50), ms(st.lat.P99), st.perRequest(), st.cpuPerRequest(), mib(st.rssMax))
				}
			}
		}
	}
	var peaks [2]int64
	for i, s := range sides {
		_, peak, err := s.srv.memory()
		if err != nil {
			return err
		}
		peaks[i] = peak
	}
	fmt.Fprint(env.stdout, peerReport(queries, concs, results, peaks, peerVersion(*peerDir), *duration, *rounds, *people))
	return nil
}

// side is one server under test, as the load driver sees it.
type side struct {
	name       string
	srv        *server
	url, token string
	statements func(ctx context.Context) (int64, error) // statements run so far
}

// runStats is one timed run of one server.
type runStats struct {
	requests   int
	elapsed    time.Duration
	lat        perf.Latencies
	statements int64         // Cypher statements the server ran during the run
	rssMax     int64         // largest resident set seen during the run
	cpu        time.Duration // CPU time the server process used during the run (not Neo4j's)
}

func (r runStats) rate() float64 { return float64(r.requests) / r.elapsed.Seconds() }

// cpuPerRequest is the server's CPU time per request in milliseconds: what
// answering costs the API layer, less moved by other work on the machine
// than throughput is.
func (r runStats) cpuPerRequest() float64 {
	if r.requests == 0 {
		return 0
	}
	return r.cpu.Seconds() * 1000 / float64(r.requests)
}

func (r runStats) perRequest() float64 {
	if r.requests == 0 {
		return 0
	}
	return float64(r.statements) / float64(r.requests)
}

type cellKey struct {
	query string
	conc  int
}

// load sends body from conc clients, each waiting for its answer before
// sending the next, for d; every answer must be a 200 without errors. It
// samples the server's resident set while the load runs.
func (s *side) load(parent context.Context, client *http.Client, body []byte, conc int, d time.Duration) (runStats, error) {
	before, err := s.statements(parent)
	if err != nil {
		return runStats{}, err
	}
	cpuBefore, err := s.srv.cpu()
	if err != nil {
		return runStats{}, err
	}
	ctx, cancel := context.WithCancel(parent)
	defer cancel()

	var rssMax int64
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			if rss, _, err := s.srv.memory(); err == nil {
				rssMax = max(rssMax, rss)
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()

	var (
		mu       sync.Mutex
		lats     []time.Duration
		firstErr error
		wg       sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(d)
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for time.Now().Before(deadline) && ctx.Err() == nil {
				t := time.Now()
				raw, err := s.post(ctx, client, body)
				took := time.Since(t)
				if err == nil {
					_, err = decodeResponse(raw)
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
						cancel()
					}
					mu.Unlock()
					break
				}
				mine = append(mine, took)
			}
			mu.Lock()
			lats = append(lats, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpuAfter, cpuErr := s.srv.cpu()
	cancel()
	<-sampled
	if firstErr != nil {
		return runStats{}, firstErr
	}
	if err := parent.Err(); err != nil { // Ctrl-C
		return runStats{}, err
	}
	if cpuErr != nil {
		return runStats{}, cpuErr
	}
	after, err := s.statements(parent)
	if err != nil {
		return runStats{}, err
	}
	return runStats{requests: len(lats), elapsed: elapsed, lat: perf.Summarise(lats), statements: after - before,
		rssMax: rssMax, cpu: cpuAfter - cpuBefore}, nil
}

// post sends one GraphQL request and returns the answer's body.
func (s *side) post(ctx context.Context, client *http.Client, body []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if s.token != "" {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	return responseBody(client, req)
}

// checkSameIDs asks both servers q once and fails when their records
// differ. It returns the number of distinct ids compared.
func checkSameIDs(ctx context.Context, client *http.Client, sides [2]*side, q peerQuery, vars map[string]any) (int, error) {
	var data [2]any
	for i, doc := range []string{q.tulkki, q.peer} {
		raw, err := sides[i].post(ctx, client, mustBody(doc, vars))
		if err != nil {
			return 0, fmt.Errorf("bench-peer: query %s, %s: %w", q.key, sides[i].name, err)
		}
		r, err := decodeResponse(raw)
		if err != nil {
			return 0, fmt.Errorf("bench-peer: query %s, %s: %w", q.key, sides[i].name, err)
		}
		data[i] = r.Data
	}
	n, diff, err := compareAnswers(q, data[0], data[1])
	if err != nil {
		return 0, fmt.Errorf("bench-peer: query %s: %w", q.key, err)
	}
	if !diff.Empty() {
		return 0, fmt.Errorf("bench-peer: query %s: Tulkki and the peer return different records; the comparison would be void:\n%s", q.key, diff)
	}
	if n == 0 {
		return 0, fmt.Errorf("bench-peer: query %s: both answers are empty; is the generated data loaded?", q.key)
	}
	return n, nil
}

func mustBody(query string, vars map[string]any) []byte {
	b, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		panic(err) // strings and a map of strings always marshal
	}
	return b
}

// metricsStatements reads tulkki_cypher_statements_total from Tulkki's
// /metrics.
func metricsStatements(client *http.Client, url string) func(context.Context) (int64, error) {
	return func(ctx context.Context) (int64, error) {
		raw, err := get(ctx, client, url)
		if err != nil {
			return 0, fmt.Errorf("Tulkki statements: %w", err)
		}
		return parseStatementsMetric(raw)
	}
}

// peerStatements reads the peer's statement count from its /stats.
func peerStatements(client *http.Client, url string) func(context.Context) (int64, error) {
	return func(ctx context.Context) (int64, error) {
		raw, err := get(ctx, client, url)
		if err != nil {
			return 0, fmt.Errorf("peer statements: %w", err)
		}
		var s struct {
			Statements *int64 `json:"statements"`
		}
		if err := json.Unmarshal(raw, &s); err != nil || s.Statements == nil {
			return 0, fmt.Errorf("peer statements: %s is not {\"statements\": N}: %s", url, snippet(raw))
		}
		return *s.Statements, nil
	}
}

func get(ctx context.Context, client *http.Client, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return responseBody(client, req)
}

// ensureGenerated makes sure the generated graph of n people is loaded:
// it generates it when there is no generated data, reuses it when it is
// this size and seed, and refuses other generated data unless told to
// replace it (--regenerate), since `tulkki bench` leaves other sizes.
func ensureGenerated(ctx context.Context, env *environment, n int, seed uint64, regenerate bool) error {
	st, err := openMigrated(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	g, err := synth.New(synth.Config{People: n, Seed: seed})
	if err != nil {
		return fmt.Errorf("bench-peer: %w", err)
	}
	orgs, err := st.OrganisationIDsWithPrefix(ctx, "gen-org-")
	if err != nil {
		return fmt.Errorf("bench-peer: look for generated data: %w", err)
	}
	switch {
	case regenerate && len(orgs) > 0:
		fmt.Fprintln(os.Stderr, "bench-peer: --regenerate: removing earlier generated data")
		if _, err := st.DeleteByIDPrefix(ctx, "gen-", 10_000, nil); err != nil {
			return fmt.Errorf("bench-peer: remove generated data: %w", err)
		}
	case len(orgs) == g.Plan().Organisations:
		if err := checkEarlierGeneration(ctx, st, g); err != nil {
			return fmt.Errorf("bench-peer: %w (or run with --regenerate)", err)
		}
		fmt.Fprintf(os.Stderr, "bench-peer: reusing the generated data of %d people (seed %d)\n", n, seed)
		return nil
	case len(orgs) > 0:
		return fmt.Errorf("bench-peer: other generated data is loaded (%d gen- organisations, %d people make %d); "+
			"run with --regenerate to replace it", len(orgs), n, g.Plan().Organisations)
	}
	quiet := &environment{cfg: env.cfg, log: env.log, stdout: os.Stderr}
	return runGenerate(ctx, quiet, []string{"--people", strconv.Itoa(n), "--seed", strconv.FormatUint(seed, 10)})
}

// ensurePeerInstalled runs `npm ci` in the peer's folder when its packages
// are missing (node_modules is git-ignored).
func ensurePeerInstalled(ctx context.Context, dir string) error {
	if _, err := os.Stat(filepath.Join(dir, "package.json")); err != nil {
		return fmt.Errorf("bench-peer: no peer project at %s (run from the repository root or set --peer-dir): %w", dir, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@neo4j", "graphql", "package.json")); err == nil {
		return nil
	}
	fmt.Fprintf(os.Stderr, "bench-peer: installing the peer's packages (npm ci in %s)\n", dir)
	cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund")
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("bench-peer: npm ci in %s: %w", dir, err)
	}
	return nil
}

// startTulkki runs `tulkki serve` (bin, or this binary when bin is "")
// with a signing secret of its own and mints a PROFESSIONAL token for it:
// the load runs as a signed-in member, with authorisation and visibility
// rules applied.
func startTulkki(ctx context.Context, env *environment, client *http.Client, logDir string, port int, bin string) (*server, string, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, "", fmt.Errorf("bench-peer: find the tulkki binary: %w", err)
	}
	if bin != "" {
		self = bin
	}
	secretBytes := make([]byte, 48)
	if _, err := rand.Read(secretBytes); err != nil {
		return nil, "", fmt.Errorf("bench-peer: secret: %w", err)
	}
	secret := base64.StdEncoding.EncodeToString(secretBytes)
	token, err := auth.Mint([]byte(secret), env.cfg.Auth.Issuer, env.cfg.Auth.Audience,
		auth.Principal{Subject: "bench-peer-professional", Roles: []auth.Role{auth.RoleProfessional}}, 12*time.Hour, time.Now())
	if err != nil {
		return nil, "", fmt.Errorf("bench-peer: mint a token: %w", err)
	}
	childEnv := append(os.Environ(),
		"TULKKI_JWT_HS256_SECRET="+secret,
		"TULKKI_JWT_PUBLIC_KEY_FILE=", "TULKKI_JWT_JWKS=", // HS256 tokens only
		"TULKKI_DEV_LOGIN=false",
		"TULKKI_LOG_LEVEL=warn", // no log line per request
	)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	srv, err := startServer("tulkki", logDir, "", childEnv, self, "serve", "--addr", addr)
	if err != nil {
		return nil, "", fmt.Errorf("bench-peer: %w", err)
	}
	if err := srv.waitReady(ctx, client, "http://"+addr+"/readyz", 60*time.Second); err != nil {
		return srv, "", fmt.Errorf("bench-peer: %w", err)
	}
	return srv, token, nil
}

// startPeer runs the Node peer against the same Neo4j.
func startPeer(ctx context.Context, env *environment, client *http.Client, logDir, dir, node string, port int) (*server, error) {
	n := env.cfg.Neo4j
	childEnv := append(os.Environ(), "PORT="+strconv.Itoa(port),
		"NEO4J_URI="+n.URI, "NEO4J_USERNAME="+n.Username, "NEO4J_PASSWORD="+n.Password, "NODE_ENV=production")
	srv, err := startServer("peer", logDir, dir, childEnv, node, "server.js")
	if err != nil {
		return nil, fmt.Errorf("bench-peer: %w", err)
	}
	if err := srv.waitReady(ctx, client, fmt.Sprintf("http://127.0.0.1:%d/healthz", port), 60*time.Second); err != nil {
		return srv, fmt.Errorf("bench-peer: %w", err)
	}
	return srv, nil
}

// peerVersion is the installed @neo4j/graphql version, for the report.
func peerVersion(dir string) string {
	raw, err := os.ReadFile(filepath.Join(dir, "node_modules", "@neo4j", "graphql", "package.json"))
	if err != nil {
		return "?"
	}
	var p struct{ Version string }
	_ = json.Unmarshal(raw, &p)
	return p.Version
}

func parseCounts(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 256 {
			return nil, fmt.Errorf("%q is not a number from 1 to 256", f)
		}
		out = append(out, n)
	}
	return out, nil
}

func selectQueries(s string) ([]peerQuery, error) {
	var out []peerQuery
	for _, f := range strings.Split(s, ",") {
		key := strings.TrimSpace(f)
		i := slices.IndexFunc(peerQueries, func(q peerQuery) bool { return q.key == key })
		if i < 0 {
			return nil, fmt.Errorf("no query %q (there are a, b, c, d)", key)
		}
		out = append(out, peerQueries[i])
	}
	return out, nil
}

// spread is a series' smallest, median and largest value.
type spread struct{ Min, Median, Max float64 }

func spreadOf(xs []float64) spread {
	if len(xs) == 0 {
		return spread{}
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return spread{s[0], med, s[len(s)-1]}
}

// format prints the range and, when there is one, the median in brackets.
func (s spread) format(prec int) string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', prec, 64) }
	if f(s.Min) == f(s.Max) {
		return f(s.Min)
	}
	return fmt.Sprintf("%s–%s (%s)", f(s.Min), f(s.Max), f(s.Median))
}

// ratios divides each of a's rounds by the same round of b.
func ratios(a, b []float64) []float64 {
	out := make([]float64, 0, min(len(a), len(b)))
	for i := range min(len(a), len(b)) {
		if b[i] != 0 {
			out = append(out, a[i]/b[i])
		}
	}
	return out
}

func series(runs []runStats, f func(runStats) float64) []float64 {
	out := make([]float64, len(runs))
	for i, r := range runs {
		out[i] = f(r)
	}
	return out
}

// peerReport is the Markdown table for docs/performance.md: per query and
// concurrency, each figure's range over the rounds (median in brackets),
// and the ratios Tulkki ÷ peer of the same round.
func peerReport(queries []peerQuery, concs []int, results map[cellKey]*[2][]runStats, peaks [2]int64, version string, d time.Duration, rounds, people int) string {
	b := &strings.Builder{}
	fmt.Fprintf(b, "Machine: %d cores, %s, %s/%s. %d generated people; @neo4j/graphql %s; %d rounds of %s per server, query and concurrency, interleaved.\n\n",
		runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH, people, version, rounds, d)
	fmt.Fprintln(b, "| query | clients | Tulkki req/s | peer req/s | req/s Tulkki ÷ peer | Tulkki p50 ms | peer p50 ms | p50 Tulkki ÷ peer | Tulkki p99 ms | peer p99 ms | statements/request Tulkki : peer | server CPU ms/request Tulkki / peer | RSS under load MiB, Tulkki / peer |")
	fmt.Fprintln(b, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	rate := func(r runStats) float64 { return r.rate() }
	p50 := func(r runStats) float64 { return float64(r.lat.P50.Microseconds()) / 1000 }
	p99 := func(r runStats) float64 { return float64(r.lat.P99.Microseconds()) / 1000 }
	perReq := func(r runStats) float64 { return r.perRequest() }
	rss := func(r runStats) float64 { return float64(r.rssMax) / (1 << 20) }
	cpu := func(r runStats) float64 { return r.cpuPerRequest() }
	for _, q := range queries {
		for _, c := range concs {
			cell := results[cellKey{q.key, c}]
			if cell == nil {
				continue
			}
			t, p := cell[0], cell[1]
			fmt.Fprintf(b, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s : %s | %s / %s | %s / %s |\n", q.key, c,
				spreadOf(series(t, rate)).format(1), spreadOf(series(p, rate)).format(1),
				spreadOf(ratios(series(t, rate), series(p, rate))).format(2),
				spreadOf(series(t, p50)).format(1), spreadOf(series(p, p50)).format(1),
				spreadOf(ratios(series(t, p50), series(p, p50))).format(2),
				spreadOf(series(t, p99)).format(1), spreadOf(series(p, p99)).format(1),
				spreadOf(series(t, perReq)).format(1), spreadOf(series(p, perReq)).format(1),
				spreadOf(series(t, cpu)).format(1), spreadOf(series(p, cpu)).format(1),
				fmt.Sprintf("%.0f", slices.Max(series(t, rss))), fmt.Sprintf("%.0f", slices.Max(series(p, rss))))
		}
	}
	fmt.Fprintf(b, "\nPeak RSS over the whole run (VmHWM): Tulkki %s, peer %s (Tulkki ÷ peer %.2f).\n",
		mib(peaks[0]), mib(peaks[1]), float64(peaks[0])/float64(max(peaks[1], 1)))
	fmt.Fprintln(b, "\nQueries:")
	for _, q := range queries {
		fmt.Fprintf(b, "- %s: %s\n", q.key, q.title)
	}
	return b.String()
}

func mib(n int64) string { return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20)) }
