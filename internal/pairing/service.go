package pairing

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/validate"
)

// Limits of the pairing queries (docs/scoring.md §7.1).
const (
	DefaultSuggestions = 10
	MaxSuggestions     = 50
	// MaxTopicOrganisations caps the organisations paired with each other
	// when only a topic is given.
	MaxTopicOrganisations = 300
	// TranslatorRound is how many candidate pairs are sent to the
	// translator search at once; MaxTranslatorRounds bounds the rounds.
	TranslatorRound     = 100
	MaxTranslatorRounds = 3
	// TranslatorsPerPair is how many translators a suggestion shows.
	TranslatorsPerPair = 3
)

// Service suggests unusual pairings and measures boldness.
type Service struct {
	store  Store
	bridge Translators

	// net is the collaboration network kept for partnership calls
	// (networkNow), guarded by netMu.
	netMu sync.Mutex
	net   *callNetwork
}

// New returns a pairing service; translators are found and scored by br.
func New(st Store, br Translators) *Service {
	return &Service{store: st, bridge: br}
}

// PairingQuery is what an unusual-pairings search asks for: pairs around
// an organisation (For), a topic, or both, in Sectors (all when empty), at
// most Limit (1 to MaxSuggestions; DefaultSuggestions when the caller has
// no preference).
type PairingQuery struct {
	For, Topic        string
	Sectors           []model.Sector
	IncludeSameSector bool
	Limit             int
}

type candidatePair struct {
	u, v   int
	facts  PairFacts
	bound  float64 // relevance × surprise: the score with a perfect translator
	dist   int
	shared int
	topics []string
}

// UnusualPairings suggests pairs of organisations from different sectors
// that have never collaborated, sit far apart, share topics and have a
// translator, best first (docs/scoring.md §7.1). The translators are
// among the people viewer may see.
func (s *Service) UnusualPairings(ctx context.Context, viewer model.PersonScope, q PairingQuery) ([]*model.UnusualPairing, error) {
	n, err := checkLimit(q.Limit)
	if err != nil {
		return nil, err
	}
	q.For, q.Topic = strings.TrimSpace(q.For), strings.TrimSpace(q.Topic)
	if q.For == "" && q.Topic == "" {
		return nil, errs.Invalid("for", "give an organisation (for) or a topic to find pairings around")
	}
	for _, sec := range q.Sectors {
		if err := validate.OneOf("sectors", sec, model.AllSectors); err != nil {
			return nil, err
		}
	}
	cands, err := s.store.FindPairingCandidates(ctx, q.For, q.Topic, q.Sectors, MaxTopicOrganisations)
	if err != nil {
		return nil, fmt.Errorf("find candidate organisations: %w", err)
	}
	if q.For != "" && (len(cands.Organisations) == 0 || cands.Organisations[0].ID != q.For) {
		return nil, errs.NotFound("organisation", q.For)
	}
	if q.Topic != "" {
		if err := s.requireTopic(ctx, q.Topic); err != nil {
			return nil, err
		}
	}
	ids := make([]string, len(cands.Organisations))
	for i, o := range cands.Organisations {
		ids[i] = o.ID
	}
	collabs, err := s.store.CollaborationComponent(ctx, ids, nil)
	if err != nil {
		return nil, fmt.Errorf("load collaboration network: %w", err)
	}
	total, combos, err := s.store.SectorCombinations(ctx)
	if err != nil {
		return nil, fmt.Errorf("count sector combinations: %w", err)
	}
	g := newNetwork(collabs, cands.Organisations, cands.TopicDegree).withSectorCounts(total, combos)
	sectorOK := func(i int) bool { return len(q.Sectors) == 0 || slices.Contains(q.Sectors, g.orgs[i].Sector) }

	// The candidates are the first organisations of the network.
	var sources, targets []int
	if q.For != "" {
		if !sectorOK(0) {
			return nil, errs.Invalid("sectors", "organisation %s is in the %s sector, which sectors leaves out", q.For, g.orgs[0].Sector)
		}
		sources = []int{0}
		for i := 1; i < len(cands.Organisations); i++ {
			targets = append(targets, i)
		}
	} else {
		for i := range cands.Organisations {
			sources = append(sources, i)
		}
		targets = sources
	}

	var candidates []*candidatePair
	for si, u := range sources {
		dist := g.distances(u, nil)
		for ti, v := range targets {
			if u == v || (q.For == "" && ti <= si) {
				continue // each pair once
			}
			if dist[v] == 1 || !sectorOK(v) || (!q.IncludeSameSector && g.orgs[u].Sector == g.orgs[v].Sector) {
				continue
			}
			topics := g.sharedTopics(u, v)
			if len(topics) == 0 || (q.Topic != "" && !slices.Contains(topics, q.Topic)) {
				continue
			}
			a, b := u, v
			if q.For == "" && g.orgs[b].ID < g.orgs[a].ID {
				a, b = b, a
			}
			f := PairFacts{Distance: dist[v], SectorRarity: g.sectorRarity(g.orgs[a].Sector, g.orgs[b].Sector),
				PartnerDissimilarity: g.partnerDissimilarity(a, b), Bridgeability: 1}
			for _, t := range topics {
				f.SharedTopicDegrees = append(f.SharedTopicDegrees, g.topicDegree[t])
			}
			c := &candidatePair{u: a, v: b, facts: f, dist: dist[v], topics: topics, bound: ScorePair(f).Score}
			if dist[v] == 2 {
				c.shared = g.sharedPartners(a, b, nil)
			}
			candidates = append(candidates, c)
		}
	}
	slices.SortFunc(candidates, func(x, y *candidatePair) int {
		if c := cmp.Compare(y.bound, x.bound); c != 0 {
			return c
		}
		return comparePairs(g, x, y)
	})

	var out []*model.UnusualPairing
	for round := 0; round < MaxTranslatorRounds && len(candidates) > 0; round++ {
		batch := candidates[:min(len(candidates), TranslatorRound)]
		candidates = candidates[len(batch):]
		found, err := s.withTranslators(ctx, viewer, g, cands.Topics, batch)
		if err != nil {
			return nil, err
		}
		out = append(out, found...)
		slices.SortFunc(out, func(x, y *model.UnusualPairing) int {
			if c := cmp.Compare(y.Score, x.Score); c != 0 {
				return c
			}
			return cmp.Or(cmp.Compare(x.OrganisationIDs[0], y.OrganisationIDs[0]), cmp.Compare(x.OrganisationIDs[1], y.OrganisationIDs[1]))
		})
		// Exact once the n-th suggestion beats every bound still waiting.
		if len(out) >= n && (len(candidates) == 0 || out[n-1].Score >= candidates[0].bound) {
			break
		}
	}
	return out[:min(len(out), n)], nil
}

func comparePairs(g *network, x, y *candidatePair) int {
	return cmp.Or(cmp.Compare(g.orgs[x.u].ID, g.orgs[y.u].ID), cmp.Compare(g.orgs[x.v].ID, g.orgs[y.v].ID))
}

// withTranslators looks for the translators of a batch of pairs in one go
// and scores the pairs that have one.
func (s *Service) withTranslators(ctx context.Context, viewer model.PersonScope, g *network, topics map[string]*model.Topic, batch []*candidatePair) ([]*model.UnusualPairing, error) {
	orgs := make([][2]*model.Organisation, len(batch))
	for i, c := range batch {
		orgs[i] = [2]*model.Organisation{asOrganisation(g.orgs[c.u]), asOrganisation(g.orgs[c.v])}
	}
	matches, err := s.bridge.PairTranslators(ctx, viewer, orgs, TranslatorsPerPair)
	if err != nil {
		return nil, err
	}
	var out []*model.UnusualPairing
	for i, c := range batch {
		if len(matches[i]) == 0 {
			continue // not viable: nobody to bridge them
		}
		f := c.facts
		f.Bridgeability = matches[i][0].Score
		sc := ScorePair(f)
		p := &model.UnusualPairing{
			OrganisationIDs: [2]string{g.orgs[c.u].ID, g.orgs[c.v].ID}, Score: sc.Score,
			Breakdown: sc.Components, SurpriseBreakdown: sc.SurpriseComponents,
			SharedPartners: c.shared, SectorCombinationRarity: f.SectorRarity, Translators: matches[i],
		}
		if c.dist != Unreachable {
			d := c.dist
			p.Distance = &d
		}
		for _, t := range c.topics {
			if topic := topics[t]; topic != nil {
				p.SharedTopics = append(p.SharedTopics, topic)
			}
		}
		p.Explanation = explainPairing(g.orgs[c.u], g.orgs[c.v], p)
		out = append(out, p)
	}
	return out, nil
}

func asOrganisation(o model.NetworkOrganisation) *model.Organisation {
	return &model.Organisation{ID: o.ID, Name: o.Name, Sector: o.Sector}
}

func checkLimit(n int) (int, error) {
	if n < 1 || n > MaxSuggestions {
		return 0, errs.Invalid("first", "first must be between 1 and %d, got %d", MaxSuggestions, n)
	}
	return n, nil
}

// requireTopic is NOT_FOUND for an unknown topic.
func (s *Service) requireTopic(ctx context.Context, id string) error {
	m, err := s.store.TopicsByID(ctx, []string{id})
	_, err = errs.Lookup("topic", id, m, err)
	return err
}
