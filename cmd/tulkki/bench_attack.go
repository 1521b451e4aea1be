package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tulkki/tulkki/graph"
	"github.com/tulkki/tulkki/internal/httpapi"
	"github.com/tulkki/tulkki/internal/perf"
	"github.com/tulkki/tulkki/internal/store"
)

// benchAttackClients is how many clients loop the attacks (issue 12).
const benchAttackClients = 4

// benchAttacks are the three requests of issue 12, sent anonymously: a
// fragment bomb of depth 40, 20,000 × __typename, and 60 aliased
// translator searches.
func benchAttacks(pair perf.Pair) []string {
	return []string{
		graph.FragmentBomb(40),
		graph.RepeatedFields("__typename", 20000),
		graph.AliasedFields(fmt.Sprintf(`translators(between: [%q, %q]) { score person { name } }`, pair.A, pair.B), 60),
	}
}

// benchAttack measures normal queries (the translator query of the main
// bench and a page of 20 people, alternately, from one client) for d
// while nothing else runs, then for d while benchAttackClients clients
// loop the attacks, and writes both and their ratio to report.
func benchAttack(ctx context.Context, st *store.Store, env *environment, report io.Writer, d time.Duration, seed uint64) error {
	resolver := graph.NewResolver(st)
	gql := graph.NewServer(resolver, graph.ServerOptions{ComplexityLimit: env.cfg.QueryComplexityLimit, Introspection: env.cfg.Introspection, Log: env.log})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	quietLog := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv := &http.Server{Handler: httpapi.NewRouter(httpapi.Options{GraphQL: gql, DB: st, Log: quietLog, RequestTimeout: 30 * time.Second}),
		ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	url := "http://" + ln.Addr().String() + "/graphql"

	orgIDs, err := st.OrganisationIDsWithPrefix(ctx, "gen-org-")
	if err != nil {
		return err
	}
	pairs := perf.SamplePairs(orgIDs, 2000, seed)
	if len(pairs) == 0 {
		return fmt.Errorf("bench --attack: no generated organisations; run without --reuse first")
	}
	client := &http.Client{Timeout: time.Minute}
	normal := func(i int) ([]byte, error) {
		if i%2 == 0 {
			p := pairs[i/2%len(pairs)]
			return json.Marshal(map[string]any{"query": perf.Query, "variables": map[string]any{"a": p.A, "b": p.B}})
		}
		return json.Marshal(map[string]any{"query": `{ people(first: 20) { totalCount nodes { id name headline } } }`})
	}
	// series runs normal queries for d, failing on any error.
	series := func(offset int) ([]time.Duration, error) {
		var times []time.Duration
		for i, end := offset, time.Now().Add(d); time.Now().Before(end); i++ {
			body, _ := normal(i)
			start := time.Now()
			raw, err := send(ctx, client, url, body)
			if err == nil && bytes.Contains(raw, []byte(`"errors"`)) {
				err = fmt.Errorf("%.300s", raw)
			}
			if err != nil {
				return nil, fmt.Errorf("bench --attack: a normal query failed: %w", err)
			}
			times = append(times, time.Since(start))
		}
		return times, nil
	}
	// Warm up Neo4j's plans and the parsed-query cache first.
	if _, err := series(0); err != nil {
		return err
	}
	calm, err := series(1_000_000)
	if err != nil {
		return err
	}

	// Encoded once: the clients share the machine with the server, and
	// encoding 220 KB per request would be load of the bench's own.
	var attacks [][]byte
	for _, q := range benchAttacks(pairs[0]) {
		attacks = append(attacks, []byte(mustJSON(map[string]any{"query": q})))
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var refused, admitted atomic.Int64
	var mu sync.Mutex
	var attackTimes []time.Duration
	for c := range benchAttackClients {
		wg.Go(func() {
			for i := c; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				start := time.Now()
				raw, err := send(ctx, client, url, attacks[i%len(attacks)])
				took := time.Since(start)
				if err == nil && bytes.Contains(raw, []byte(`"errors"`)) {
					refused.Add(1)
				} else {
					admitted.Add(1)
				}
				mu.Lock()
				attackTimes = append(attackTimes, took)
				mu.Unlock()
			}
		})
	}
	attacked, err := series(2_000_000)
	close(stop)
	wg.Wait()
	if err != nil {
		return err
	}
	c, a, at := perf.Summarise(calm), perf.Summarise(attacked), perf.Summarise(attackTimes)
	fmt.Fprintf(report, "\nUnder attack (%d clients looping the three attacks of issue 12, %s per phase; normal = translators and a page of 20 people, alternately, one client):\n\n", benchAttackClients, d)
	fmt.Fprintln(report, "| phase | normal requests | p50 | p95 | p99 | attacks sent | refused | attack p50 | attack p95 |")
	fmt.Fprintln(report, "|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	fmt.Fprintf(report, "| calm | %d | %s | %s | %s | – | – | – | – |\n", c.N, ms(c.P50), ms(c.P95), ms(c.P99))
	fmt.Fprintf(report, "| under attack | %d | %s | %s | %s | %d | %d | %s | %s |\n", a.N, ms(a.P50), ms(a.P95), ms(a.P99),
		at.N, refused.Load(), ms(at.P50), ms(at.P95))
	fmt.Fprintf(report, "\np95 under attack ÷ calm: %.2f× (target ≤ 2×); p50: %.2f×; normal throughput %.2f× of calm.\n",
		float64(a.P95)/float64(max(c.P95, 1)), float64(a.P50)/float64(max(c.P50, 1)), float64(a.N)/float64(max(c.N, 1)))
	if admitted.Load() > 0 {
		fmt.Fprintf(report, "WARNING: %d attack requests were not refused.\n", admitted.Load())
	}
	return nil
}

// send posts body and returns the response body; a status other than 200,
// 422 (gqlgen's status for a refused operation) or 413 (a body over the
// limit) is an error.
func send(ctx context.Context, client *http.Client, url string, body []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return responseBody(client, req, http.StatusOK, http.StatusUnprocessableEntity, http.StatusRequestEntityTooLarge)
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
