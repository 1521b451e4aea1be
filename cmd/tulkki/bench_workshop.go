package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/bridge"
	"github.com/tulkki/tulkki/internal/perf"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/workshop"
)

// The workshop the benchmark plans: the largest there may be.
const (
	benchWorkshopSize   = workshop.MaxSize
	benchWorkshopTables = 20
	// benchWorkshopTopics: plans rotate over the topics with the most
	// interested organisations, where planning has the most to read.
	benchWorkshopTopics = 5
)

// WorkshopBench is the outcome of benchWorkshop.
type WorkshopBench struct {
	Latency perf.Latencies
	// Seated and Unmet are averages per plan.
	Seated, Unmet float64
}

// benchWorkshop times planWorkshop (200 participants, 20 tables, all four
// sectors) through the domain service, runs times, on the generated topics
// whose ids start with prefix, and writes one line to report. With runs < 1
// it does nothing.
func benchWorkshop(ctx context.Context, st *store.Store, report io.Writer, prefix string, runs int) (WorkshopBench, error) {
	var res WorkshopBench
	if runs < 1 {
		return res, nil
	}
	topics, err := st.TopicsByInterest(ctx, prefix, benchWorkshopTopics)
	if err != nil {
		return res, fmt.Errorf("bench workshop: pick topics: %w", err)
	}
	if len(topics) == 0 {
		return res, fmt.Errorf("bench workshop: no topics with ids starting %q; generate a graph first", prefix)
	}
	svc := workshop.New(st, bridge.New(st))
	facilitator := auth.Principal{Subject: "bench-facilitator", Roles: []auth.Role{auth.RoleFacilitator}}
	times := make([]time.Duration, 0, runs)
	var seated, unmet int
	for i := range runs {
		start := time.Now()
		plan, err := svc.Plan(ctx, facilitator, workshop.PlanInput{TopicID: topics[i%len(topics)], Size: benchWorkshopSize,
			Tables: benchWorkshopTables, Seed: i + 1})
		if err != nil {
			return res, fmt.Errorf("bench workshop: plan %d: %w", i+1, err)
		}
		times = append(times, time.Since(start))
		seated += len(plan.Participants)
		unmet += len(plan.Unmet)
	}
	res = WorkshopBench{Latency: perf.Summarise(times), Seated: float64(seated) / float64(runs), Unmet: float64(unmet) / float64(runs)}
	fmt.Fprintf(report, "planWorkshop (%d participants, %d tables, %d runs over %d topics): p50 %s, p95 %s, max %s; %.0f seated and %.1f unmet constraints per plan on average\n",
		benchWorkshopSize, benchWorkshopTables, runs, len(topics), ms(res.Latency.P50), ms(res.Latency.P95), ms(res.Latency.Max), res.Seated, res.Unmet)
	return res, nil
}
