package perf

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Operation is one GraphQL operation a scenario times.
type Operation struct {
	Name      string
	Query     string
	Variables map[string]any
	// Vary, when set, gives the variables of each run instead (run counts
	// from 0, warm-up included): e.g. to defeat a cache.
	Vary func(run int) map[string]any
}

// MeasureQueries posts each query to graphqlURL warmup times uncounted and
// then runs times, round-robin (so that no query runs on a cache the one
// before warmed for it alone), and summarises each query's latencies. A
// response with errors fails the run.
func MeasureQueries(ctx context.Context, graphqlURL string, queries []Operation, runs, warmup int, progress func(done, total int)) (map[string]Latencies, error) {
	client := &http.Client{Timeout: 30 * time.Second}
	bodies := make([][]byte, len(queries))
	for i, q := range queries {
		body, err := json.Marshal(map[string]any{"query": q.Query, "variables": q.Variables})
		if err != nil {
			return nil, err
		}
		bodies[i] = body
	}
	times := make([][]time.Duration, len(queries))
	total := (warmup + runs) * len(queries)
	done := 0
	for round := range warmup + runs {
		for i, q := range queries {
			body := bodies[i]
			if q.Vary != nil {
				var err error
				if body, err = json.Marshal(map[string]any{"query": q.Query, "variables": q.Vary(round)}); err != nil {
					return nil, err
				}
			}
			start := time.Now()
			if err := post(ctx, client, graphqlURL, body); err != nil {
				return nil, fmt.Errorf("%s: %w", q.Name, err)
			}
			if round >= warmup {
				times[i] = append(times[i], time.Since(start))
			}
			done++
			if progress != nil {
				progress(done, total)
			}
		}
	}
	out := make(map[string]Latencies, len(queries))
	for i, q := range queries {
		out[q.Name] = Summarise(times[i])
	}
	return out, nil
}
