// Package pairing finds unusual but viable pairings of organisations and
// measures how bold a collaboration was when it began. The scores are
// defined in docs/scoring.md §7; every constant there is named here.
package pairing

import (
	"math"

	"github.com/tulkki/tulkki/internal/model"
)

// Weights of the parts of surprise (§7.1); they add up to 1.
const (
	WeightDistance             = 0.50
	WeightSectorRarity         = 0.25
	WeightPartnerDissimilarity = 0.25
)

// Weights of the parts of boldness (§7.2); they add up to 1.
const (
	WeightBoldSectors     = 0.35
	WeightBoldDistance    = 0.40
	WeightBoldNewPartners = 0.25
)

// Unreachable is the distance of two organisations no path joins.
const Unreachable = -1

// PairFacts is what a pair's score is computed from.
type PairFacts struct {
	// SharedTopicDegrees: for each topic both organisations are interested
	// in, how many organisations are interested in it (at least 2).
	SharedTopicDegrees []int
	// Distance in the collaboration network (≥ 2 for a suggestion), or Unreachable.
	Distance int
	// SectorRarity: 1 − the share of past collaborations with a pair of
	// partners from these two sectors.
	SectorRarity float64
	// PartnerDissimilarity: 1 − the mean share of each one's partners in
	// the other's sector.
	PartnerDissimilarity float64
	// Bridgeability: the score of the best translator, in [0, 1].
	Bridgeability float64
}

// PairScore is a pair's score and its parts.
type PairScore struct {
	Score, Relevance, Surprise float64
	// Components: the three factors (weight 1); the score is their product.
	Components []model.ScoreComponent
	// SurpriseComponents add up to Surprise.
	SurpriseComponents []model.ScoreComponent
}

// Relevance is sat(AA, 1) with AA the Adamic–Adar sum Σ 1/log₂(deg t)
// over the shared topics.
func Relevance(sharedTopicDegrees []int) float64 {
	aa := 0.0
	for _, deg := range sharedTopicDegrees {
		aa += 1 / math.Log2(math.Max(2, float64(deg)))
	}
	return 1 - math.Exp(-aa)
}

// Farness maps a network distance to [0, 1]: 1 − 1/d, 0 for neighbours
// (and for d ≤ 1), 1 when unreachable. It grows with d.
func Farness(d int) float64 {
	switch {
	case d == Unreachable:
		return 1
	case d <= 1:
		return 0
	default:
		return 1 - 1/float64(d)
	}
}

// ScorePair computes relevance × surprise × bridgeability.
func ScorePair(f PairFacts) PairScore {
	surprise := []model.ScoreComponent{
		part("distance", WeightDistance, Farness(f.Distance),
			"how far apart they are in the collaboration network: 1 − 1/distance, 1 when no path joins them"),
		part("sectorRarity", WeightSectorRarity, clamp01(f.SectorRarity),
			"how rare collaborations between these two sectors have been"),
		part("partnerDissimilarity", WeightPartnerDissimilarity, clamp01(f.PartnerDissimilarity),
			"how unlike each one's earlier partners the other is, by sector"),
	}
	s := 0.0
	for _, c := range surprise {
		s += c.Contribution
	}
	r, b := Relevance(f.SharedTopicDegrees), clamp01(f.Bridgeability)
	return PairScore{
		Score: r * s * b, Relevance: r, Surprise: s,
		Components: []model.ScoreComponent{
			part("relevance", 1, r, "shared topics, the rarer the more: 1 − e^(−Σ 1/log₂(organisations interested in the topic))"),
			part("surprise", 1, s, "distance, sector rarity and partner dissimilarity (see the surprise breakdown)"),
			part("bridgeability", 1, b, "the translator score of the best translator for the pair"),
		},
		SurpriseComponents: surprise,
	}
}

// PairBefore is one pair of a collaboration's partners as they stood
// before it began.
type PairBefore struct {
	CrossSector    bool
	Distance       int // Unreachable when no path joined them
	SharedPartners int
}

// Boldness is the weighted mean over the partner pairs of sector
// difference, farness and novelty (§7.2); 0 without a pair.
func Boldness(pairs []PairBefore) (float64, []model.ScoreComponent) {
	var sectors, distance, novelty float64
	for _, p := range pairs {
		if p.CrossSector {
			sectors++
		}
		distance += Farness(p.Distance)
		if p.Distance != 1 {
			novelty += 1 / float64(1+p.SharedPartners)
		}
	}
	if n := float64(len(pairs)); n > 0 {
		sectors, distance, novelty = sectors/n, distance/n, novelty/n
	}
	comps := []model.ScoreComponent{
		part("sectors", WeightBoldSectors, sectors, "share of partner pairs from different sectors"),
		part("distance", WeightBoldDistance, distance,
			"mean 1 − 1/distance of the partner pairs in the network of earlier collaborations, 1 when no path joined them"),
		part("newPartners", WeightBoldNewPartners, novelty,
			"mean 1/(1 + earlier partners in common) of the partner pairs, 0 for pairs that had worked together"),
	}
	score := 0.0
	for _, c := range comps {
		score += c.Contribution
	}
	return score, comps
}

func part(name string, weight, value float64, description string) model.ScoreComponent {
	return model.ScoreComponent{Name: name, Weight: weight, Value: value, Contribution: weight * value, Description: description}
}

func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }
