package pairing

import (
	"math"
	"testing"
)

func TestScoreCallPartner(t *testing.T) {
	base := CallFacts{SectorFit: 1, RegionFit: 1, Pair: PairFacts{SharedTopicDegrees: []int{4}, Distance: Unreachable,
		SectorRarity: 1, PartnerDissimilarity: 1, Bridgeability: 1}}
	top := ScoreCallPartner(base)
	if want := Relevance([]int{4}); math.Abs(top.Score-want) > 1e-12 {
		t.Fatalf("with every other factor 1 the score is the relevance %v, got %v", want, top.Score)
	}
	product := 1.0
	for _, c := range top.Components {
		product *= c.Value
	}
	if len(top.Components) != 5 || math.Abs(product-top.Score) > 1e-12 {
		t.Fatalf("the score %v is not the product %v of %d factors", top.Score, product, len(top.Components))
	}
	// No translator and no surprise halve the score each; they never zero it.
	cold := base
	cold.Pair.Bridgeability = 0
	if got := ScoreCallPartner(cold).Score; math.Abs(got-top.Score/2) > 1e-12 {
		t.Errorf("without a translator %v, want half of %v", got, top.Score)
	}
	known := cold
	known.Pair.Distance, known.Pair.SectorRarity, known.Pair.PartnerDissimilarity = 1, 0, 0
	if got := ScoreCallPartner(known).Score; math.Abs(got-top.Score/4) > 1e-12 {
		t.Errorf("no surprise and no translator %v, want a quarter of %v", got, top.Score)
	}
	elsewhere := base
	elsewhere.RegionFit, elsewhere.SectorFit = RegionFitElsewhere, SectorFitSame
	if got := ScoreCallPartner(elsewhere).Score; math.Abs(got-top.Score*RegionFitElsewhere*SectorFitSame) > 1e-12 {
		t.Errorf("outside the region, same sector: %v", got)
	}
	// A rarer topic is more relevant, as in unusualPairings.
	rare := base
	rare.Pair.SharedTopicDegrees = []int{2}
	if ScoreCallPartner(rare).Score <= top.Score {
		t.Error("a rarer shared topic does not score higher")
	}
}
