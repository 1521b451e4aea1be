package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/bridge"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/pairing"
	"github.com/tulkki/tulkki/internal/perf"
	"github.com/tulkki/tulkki/internal/store"
)

// benchCallPublishers is how many publishing organisations the call
// benchmark rotates over per topic.
const benchCallPublishers = 20

// CallBench is the outcome of benchCalls.
type CallBench struct {
	Latency perf.Latencies
	// Suggestions and Translators are averages per call.
	Suggestions, Translators float64
}

// benchCalls times PartnershipCall.suggestedPartners (first 5) through
// the pairing service, runs times, for calls on the generated topics whose
// ids start with prefix with the most interested organisations (where
// there is most to rank): each run a call of another publisher interested
// in the topic, seeking the sectors other than its own. It writes one line
// to report; with runs < 1 it does nothing.
func benchCalls(ctx context.Context, st *store.Store, report io.Writer, prefix string, runs int) (CallBench, error) {
	var res CallBench
	if runs < 1 {
		return res, nil
	}
	topics, err := st.TopicsByInterest(ctx, prefix, benchWorkshopTopics)
	if err != nil {
		return res, fmt.Errorf("bench calls: pick topics: %w", err)
	}
	if len(topics) == 0 {
		return res, fmt.Errorf("bench calls: no topics with ids starting %q; generate a graph first", prefix)
	}
	var calls []pairing.CallQuery
	for _, topic := range topics {
		cands, err := st.FindPairingCandidates(ctx, "", topic, nil, benchCallPublishers)
		if err != nil {
			return res, fmt.Errorf("bench calls: pick publishers: %w", err)
		}
		for _, o := range cands.Organisations {
			var sought []model.Sector
			for _, s := range model.AllSectors {
				if s != o.Sector {
					sought = append(sought, s)
				}
			}
			calls = append(calls, pairing.CallQuery{PublisherID: o.ID, TopicIDs: []string{topic}, SectorsSought: sought,
				Limit: pairing.DefaultCallSuggestions})
		}
	}
	svc := pairing.New(st, bridge.New(st))
	viewer := auth.PersonScopeOf(auth.Principal{Subject: "bench-member", Roles: []auth.Role{auth.RoleProfessional}})
	times := make([]time.Duration, 0, runs)
	var suggestions, translators int
	for i := range runs {
		q := calls[i%len(calls)]
		start := time.Now()
		out, err := svc.CallPartners(ctx, viewer, q)
		if err != nil {
			return res, fmt.Errorf("bench calls: call %d: %w", i+1, err)
		}
		times = append(times, time.Since(start))
		suggestions += len(out)
		for _, s := range out {
			translators += len(s.Translators)
		}
	}
	res = CallBench{Latency: perf.Summarise(times), Suggestions: float64(suggestions) / float64(runs),
		Translators: float64(translators) / float64(runs)}
	fmt.Fprintf(report, "suggestedPartners (first %d, %d runs over %d calls on %d topics): p50 %s, p95 %s, max %s; %.1f suggestions and %.1f translators per call on average\n",
		pairing.DefaultCallSuggestions, runs, len(calls), len(topics), ms(res.Latency.P50), ms(res.Latency.P95), ms(res.Latency.Max),
		res.Suggestions, res.Translators)
	return res, nil
}
