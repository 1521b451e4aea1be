// Package perf measures how fast Tulkki finds translators on large
// synthetic graphs: through the whole HTTP API, and through the domain
// service straight over the driver, so that the API's own overhead shows.
// `tulkki bench` runs it; docs/performance.md records its figures.
package perf

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/bridge"
	"github.com/tulkki/tulkki/internal/model"
)

// Pair is two organisations to find translators between.
type Pair struct{ A, B string }

// SamplePairs draws n distinct unordered pairs of distinct organisations
// from ids, deterministically for a seed.
func SamplePairs(ids []string, n int, seed uint64) []Pair {
	if len(ids) < 2 {
		return nil
	}
	r := rand.New(rand.NewPCG(seed, 0x7065726670616972)) // "perfpair"
	seen := map[Pair]bool{}
	var out []Pair
	for tries := 0; len(out) < n && tries < 100*n; tries++ {
		i, j := r.IntN(len(ids)), r.IntN(len(ids))
		if i == j {
			continue
		}
		if i > j {
			i, j = j, i
		}
		p := Pair{ids[i], ids[j]}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// Latencies summarises one series of timings.
type Latencies struct {
	N                        int
	Mean, P50, P95, P99, Max time.Duration
}

// Summarise computes the percentiles (nearest rank) of the durations.
func Summarise(ds []time.Duration) Latencies {
	if len(ds) == 0 {
		return Latencies{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := func(p float64) time.Duration {
		i := int(p*float64(len(s))+0.999999) - 1
		return s[max(0, min(i, len(s)-1))]
	}
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	return Latencies{N: len(s), Mean: sum / time.Duration(len(s)), P50: rank(0.50), P95: rank(0.95), P99: rank(0.99), Max: s[len(s)-1]}
}

// Query is the GraphQL operation the API series runs: a typical client's
// view of the ranking, with the breakdown and the evidence.
const Query = `query($a:ID!,$b:ID!){ translators(between:[$a,$b], first:10){
  score insider person { id name } breakdown { name contribution } evidence { side kind strength summary } } }`

// Result is one run over the pairs.
type Result struct {
	Pairs   int
	API     Latencies
	Direct  Latencies
	Matches int // total matches returned by the direct series
	// extra holds, per counted pair, the API call's time minus the direct
	// call's for the same pair.
	extra []time.Duration
}

// Overhead is the API's extra time over the direct call, relative to the
// direct call, at the median and at p95.
func (r Result) Overhead() (p50, p95 float64) {
	if r.Direct.P50 == 0 || r.Direct.P95 == 0 {
		return 0, 0
	}
	return float64(r.API.P50-r.Direct.P50) / float64(r.Direct.P50), float64(r.API.P95-r.Direct.P95) / float64(r.Direct.P95)
}

// PairedOverhead is the median, over the pairs, of the API call's extra
// time over the direct call for the same pair, relative to the direct
// median. The two calls of a pair run back to back, so machine noise that
// moves one series' percentiles by several milliseconds between runs
// mostly cancels out; Overhead compares percentiles of whole series.
func (r Result) PairedOverhead() float64 {
	if len(r.extra) == 0 || r.Direct.P50 == 0 {
		return 0
	}
	return float64(Summarise(r.extra).P50) / float64(r.Direct.P50)
}

// Measure times the translator query for every pair, alternating between
// the HTTP API at graphqlURL and the service called directly (so drift in
// the machine's load affects both series alike). The first warmup pairs
// are run but not counted. progress is called after each pair.
func Measure(ctx context.Context, svc *bridge.Service, graphqlURL string, pairs []Pair, warmup int, progress func(done, total int)) (Result, error) {
	client := &http.Client{Timeout: 30 * time.Second}
	var api, direct []time.Duration
	res := Result{}
	// The API calls send no token: the direct calls see what an anonymous
	// caller sees too.
	viewer := auth.PersonScopeOf(auth.Principal{})
	for i, p := range pairs {
		body, _ := json.Marshal(map[string]any{"query": Query, "variables": map[string]any{"a": p.A, "b": p.B}})
		var (
			a, d    time.Duration
			matches []*model.TranslatorMatch
		)
		runDirect := func() error {
			t := time.Now()
			var err error
			matches, err = svc.Translators(ctx, viewer, bridge.Query{Between: []string{p.A, p.B}, Limit: bridge.DefaultMatches})
			d = time.Since(t)
			if err != nil {
				return fmt.Errorf("direct translators %s–%s: %w", p.A, p.B, err)
			}
			return nil
		}
		runAPI := func() error {
			t := time.Now()
			err := post(ctx, client, graphqlURL, body)
			a = time.Since(t)
			if err != nil {
				return fmt.Errorf("API translators %s–%s: %w", p.A, p.B, err)
			}
			return nil
		}
		// The second run of a pair finds Neo4j's caches warm with what the
		// first read, so the two take turns going first; otherwise the
		// overhead would measure cache warmth, not the API.
		first, second := runDirect, runAPI
		if i%2 == 1 {
			first, second = runAPI, runDirect
		}
		if err := first(); err != nil {
			return res, err
		}
		if err := second(); err != nil {
			return res, err
		}
		if i >= warmup {
			direct, api = append(direct, d), append(api, a)
			res.extra = append(res.extra, a-d)
			res.Matches += len(matches)
		}
		if progress != nil {
			progress(i+1, len(pairs))
		}
	}
	res.Pairs, res.API, res.Direct = len(api), Summarise(api), Summarise(direct)
	return res, nil
}

func post(ctx context.Context, client *http.Client, url string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK || bytes.Contains(raw, []byte(`"errors"`)) {
		return fmt.Errorf("status %d: %s", resp.StatusCode, strings.TrimSpace(string(raw[:min(len(raw), 300)])))
	}
	return nil
}
