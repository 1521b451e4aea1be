package pairing

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/i18n"
	"github.com/tulkki/tulkki/internal/model"
)

// The factors of a call partner's score that are not pairing's own
// (docs/scoring.md §9).
const (
	// SectorFitSame is the sector fit of an organisation in the
	// publisher's own sector when the call seeks no particular sector
	// (a sought sector is a filter: organisations outside it are not
	// suggested at all).
	SectorFitSame = 0.5
	// RegionFitElsewhere is the region factor of an organisation outside
	// the call's region (or of unknown region); 1 inside it or when the
	// call names none.
	RegionFitElsewhere = 0.6
	// DefaultCallSuggestions and MaxCallSuggestions bound `first`.
	DefaultCallSuggestions = 5
	MaxCallSuggestions     = 20
)

// CallFacts is what a call partner's score is computed from.
type CallFacts struct {
	// Pair: relevance (over the call's topics the organisation is
	// interested in), distance, sector rarity and partner dissimilarity
	// between the publisher and the organisation, and Bridgeability = the
	// best translator's score (0 when there is none).
	Pair      PairFacts
	SectorFit float64
	RegionFit float64
}

// CallScore is a suggestion's score with its breakdown.
type CallScore struct {
	Score      float64
	Components []model.ScoreComponent
	Pair       PairScore
}

// ScoreCallPartner computes relevance × sector fit × region fit ×
// (½ + ½·surprise) × (½ + ½·viability): pairing's relevance and surprise
// (ScorePair), so one definition serves both; surprise and viability only
// halve a score, not zero it, since for a call a near, known partner with
// no translator is still a fine answer (unusualPairings, whose point is
// surprise, multiplies them instead).
func ScoreCallPartner(f CallFacts) CallScore {
	ps := ScorePair(f.Pair)
	surprise := 0.5 + 0.5*ps.Surprise
	viability := 0.5 + 0.5*clamp01(f.Pair.Bridgeability)
	comps := []model.ScoreComponent{
		part("topicRelevance", 1, ps.Relevance, "the call's topics the organisation works on, the rarer the more: 1 − e^(−Σ 1/log₂(organisations interested in the topic))"),
		part("sectorFit", 1, f.SectorFit, fmt.Sprintf("1 in a sector the call seeks, or in another sector than the publisher's when it seeks none; %.1f in the publisher's own", SectorFitSame)),
		part("region", 1, f.RegionFit, fmt.Sprintf("1 in the call's region or when it names none; %.1f elsewhere", RegionFitElsewhere)),
		part("surprise", 1, surprise, "½ + ½ × the pairing surprise of publisher and organisation (distance in the collaboration network, sector rarity, partner dissimilarity)"),
		part("viability", 1, viability, "½ + ½ × the translator score of the best translator between them (½ when there is none)"),
	}
	score := 1.0
	for _, c := range comps {
		score *= c.Value
	}
	return CallScore{Score: score, Components: comps, Pair: ps}
}

// CallQuery is a partnership call as suggestedPartners needs it.
type CallQuery struct {
	PublisherID   string
	TopicIDs      []string
	SectorsSought []model.Sector
	Region        string
	// Limit: 1 to MaxCallSuggestions (DefaultCallSuggestions when the
	// caller has no preference).
	Limit int
}

// CallPartners ranks organisations for a call, best first, each with its
// best translators to the publisher among the people viewer may see
// (docs/scoring.md §9). Organisations
// already partners of the publisher in a collaboration on one of the call's
// topics are left out.
func (s *Service) CallPartners(ctx context.Context, viewer model.PersonScope, q CallQuery) ([]*model.CallPartnerSuggestion, error) {
	n := q.Limit
	if n < 1 || n > MaxCallSuggestions {
		return nil, errs.Invalid("first", "first must be between 1 and %d, got %d", MaxCallSuggestions, n)
	}
	cands, regions, err := s.store.CallCandidates(ctx, q.PublisherID, q.TopicIDs, q.SectorsSought, MaxTopicOrganisations)
	if err != nil {
		return nil, fmt.Errorf("find candidate organisations: %w", err)
	}
	if len(cands.Organisations) == 0 || cands.Organisations[0].ID != q.PublisherID {
		return nil, errs.NotFound("organisation", q.PublisherID)
	}
	if len(cands.Organisations) == 1 {
		return []*model.CallPartnerSuggestion{}, nil
	}
	net, err := s.networkNow(ctx)
	if err != nil {
		return nil, err
	}
	g := newNetwork(net.collabs, cands.Organisations, cands.TopicDegree).withSectorCounts(net.total, net.combos)
	dist := g.distances(0, nil)
	type candidate struct {
		v      int
		facts  CallFacts
		topics []string
	}
	var list []*candidate
	for v := 1; v < len(cands.Organisations); v++ {
		o := g.orgs[v]
		var topics []string
		for _, t := range q.TopicIDs {
			if slices.Contains(o.TopicIDs, t) {
				topics = append(topics, t)
			}
		}
		if len(topics) == 0 {
			continue
		}
		f := CallFacts{SectorFit: 1, RegionFit: 1}
		if len(q.SectorsSought) == 0 && o.Sector == g.orgs[0].Sector {
			f.SectorFit = SectorFitSame
		}
		if q.Region != "" && !strings.EqualFold(regions[o.ID], q.Region) {
			f.RegionFit = RegionFitElsewhere
		}
		f.Pair = PairFacts{Distance: dist[v], SectorRarity: g.sectorRarity(g.orgs[0].Sector, o.Sector),
			PartnerDissimilarity: g.partnerDissimilarity(0, v), Bridgeability: 1}
		for _, t := range topics {
			f.Pair.SharedTopicDegrees = append(f.Pair.SharedTopicDegrees, g.topicDegree[t])
		}
		list = append(list, &candidate{v: v, facts: f, topics: topics})
	}

	// Every candidate's translators at once: they are all paired with the
	// publisher, so they are found from the publisher's people in one read
	// whatever their number, and the ranking is exact.
	publisher := asOrganisation(g.orgs[0])
	others := make([]*model.Organisation, len(list))
	for i, c := range list {
		others[i] = asOrganisation(g.orgs[c.v])
	}
	matches, err := s.bridge.AnchoredTranslators(ctx, viewer, publisher, others, TranslatorsPerPair)
	if err != nil {
		return nil, err
	}
	out := make([]*model.CallPartnerSuggestion, len(list))
	for i, c := range list {
		f := c.facts
		f.Pair.Bridgeability = 0
		if len(matches[i]) > 0 {
			f.Pair.Bridgeability = matches[i][0].Score
		}
		sc := ScoreCallPartner(f)
		out[i] = &model.CallPartnerSuggestion{OrganisationID: g.orgs[c.v].ID, Score: sc.Score, Breakdown: sc.Components,
			Translators: matches[i]}
		if out[i].Translators == nil {
			out[i].Translators = []*model.TranslatorMatch{}
		}
	}
	order := make([]int, len(list))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int {
		return cmp.Or(cmp.Compare(out[y].Score, out[x].Score), cmp.Compare(out[x].OrganisationID, out[y].OrganisationID))
	})
	best := make([]*model.CallPartnerSuggestion, 0, min(n, len(order)))
	for _, i := range order[:min(n, len(order))] {
		sg, c := out[i], list[i]
		for _, t := range c.topics {
			if topic := cands.Topics[t]; topic != nil {
				sg.SharedTopics = append(sg.SharedTopics, topic)
			}
		}
		sg.Explanation = explainCallPartner(g.orgs[0], g.orgs[c.v], c.facts, dist[c.v], sg)
		best = append(best, sg)
	}
	return best, nil
}

// explainCallPartner says in words why an organisation is suggested.
func explainCallPartner(pub, o model.NetworkOrganisation, f CallFacts, dist int, sg *model.CallPartnerSuggestion) i18n.Text {
	parts := []i18n.Text{i18n.T("%s (%s) works on %s", o.Name, sectorNoun[o.Sector], topicNames(sg.SharedTopics))}
	switch {
	case f.SectorFit == 1 && o.Sector != pub.Sector:
		parts = append(parts, i18n.T("it brings the %s to %s", sectorNoun[o.Sector], pub.Name))
	case f.SectorFit < 1:
		parts = append(parts, i18n.T("it is in the same sector as %s", pub.Name))
	}
	if f.RegionFit < 1 {
		parts = append(parts, i18n.T("it is outside the call's region"))
	}
	switch {
	case dist == Unreachable:
		parts = append(parts, i18n.T("no chain of collaborations joins it to the publisher yet"))
	case dist == 1:
		parts = append(parts, i18n.T("it has worked with the publisher before, on other topics"))
	default:
		parts = append(parts, i18n.T("it is %d steps from the publisher in the collaboration network", dist))
	}
	if len(sg.Translators) > 0 && sg.Translators[0].Person != nil {
		parts = append(parts, i18n.T("%s knows both and could introduce them", sg.Translators[0].Person.Name))
	} else {
		parts = append(parts, i18n.T("nobody in Tulkki knows both yet, so it would be a cold contact"))
	}
	return i18n.Sentence(parts...)
}

// callNetwork is the whole collaboration network with its sector counts, as
// of one Version of the database.
type callNetwork struct {
	version model.Version
	collabs []model.NetworkCollaboration
	total   int
	combos  map[[2]model.Sector]int
}

// networkNow returns the collaboration network as the database is now:
// the one kept from an earlier call while no write has happened since (the
// Version is the same), else read again. Reading it costs about as much as
// all the rest of a call's suggestions at 100k people (docs/performance.md),
// and it changes only with writes.
func (s *Service) networkNow(ctx context.Context) (*callNetwork, error) {
	v, err := s.store.CurrentVersion(ctx)
	if err != nil {
		return nil, fmt.Errorf("read database version: %w", err)
	}
	s.netMu.Lock()
	kept := s.net
	s.netMu.Unlock()
	if kept != nil && v != "" && kept.version == v {
		return kept, nil
	}
	collabs, seen, err := s.store.CollaborationNetwork(ctx)
	if err != nil {
		return nil, fmt.Errorf("load collaboration network: %w", err)
	}
	total, combos, err := s.store.SectorCombinations(ctx)
	if err != nil {
		return nil, fmt.Errorf("count sector combinations: %w", err)
	}
	net := &callNetwork{version: seen, collabs: collabs, total: total, combos: combos}
	s.netMu.Lock()
	s.net = net
	s.netMu.Unlock()
	return net, nil
}
