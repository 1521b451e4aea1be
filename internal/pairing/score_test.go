package pairing

import (
	"math"
	"math/rand/v2"
	"testing"
)

const eps = 1e-12

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestRelevanceKnownValues(t *testing.T) {
	for _, tc := range []struct {
		name    string
		degrees []int
		want    float64
	}{
		{"no shared topic", nil, 0},
		{"one topic only the two share", []int{2}, 1 - math.Exp(-1)},
		{"two such topics", []int{2, 2}, 1 - math.Exp(-2)},
		{"a topic 256 organisations share", []int{256}, 1 - math.Exp(-1.0/8)},
		{"a topic four share", []int{4}, 1 - math.Exp(-0.5)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Relevance(tc.degrees); !near(got, tc.want) {
				t.Errorf("Relevance(%v) = %v, want %v", tc.degrees, got, tc.want)
			}
		})
	}
}

func TestFarness(t *testing.T) {
	for d, want := range map[int]float64{Unreachable: 1, 0: 0, 1: 0, 2: 0.5, 3: 2.0 / 3, 4: 0.75, 10: 0.9} {
		if got := Farness(d); !near(got, want) {
			t.Errorf("Farness(%d) = %v, want %v", d, got, want)
		}
	}
}

func TestScorePairKnownAnswer(t *testing.T) {
	f := PairFacts{SharedTopicDegrees: []int{2}, Distance: Unreachable, SectorRarity: 0.8, PartnerDissimilarity: 1, Bridgeability: 0.5}
	got := ScorePair(f)
	r := 1 - math.Exp(-1)
	s := 0.5*1 + 0.25*0.8 + 0.25*1
	if !near(got.Relevance, r) || !near(got.Surprise, s) || !near(got.Score, r*s*0.5) {
		t.Fatalf("ScorePair = %+v, want relevance %v surprise %v score %v", got, r, s, r*s*0.5)
	}
	product := 1.0
	for _, c := range got.Components {
		product *= c.Value
	}
	if !near(product, got.Score) {
		t.Errorf("factors multiply to %v, score is %v", product, got.Score)
	}
	sum := 0.0
	for _, c := range got.SurpriseComponents {
		sum += c.Contribution
	}
	if !near(sum, got.Surprise) {
		t.Errorf("surprise parts add to %v, surprise is %v", sum, got.Surprise)
	}
}

func randomFacts(r *rand.Rand) PairFacts {
	f := PairFacts{Distance: Unreachable, SectorRarity: r.Float64(), PartnerDissimilarity: r.Float64(), Bridgeability: r.Float64()}
	if r.IntN(4) > 0 {
		f.Distance = 2 + r.IntN(8)
	}
	for range r.IntN(5) {
		f.SharedTopicDegrees = append(f.SharedTopicDegrees, 2+r.IntN(500))
	}
	return f
}

// Properties of docs/scoring.md §7.1, on random facts.
func TestScorePairProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for i := range 5000 {
		f := randomFacts(r)
		base := ScorePair(f)
		if base.Score < 0 || base.Score > 1 {
			t.Fatalf("#%d score %v outside [0, 1] for %+v", i, base.Score, f)
		}
		// Another shared topic never lowers it.
		more := f
		more.SharedTopicDegrees = append(append([]int(nil), f.SharedTopicDegrees...), 2+r.IntN(500))
		if got := ScorePair(more).Score; got < base.Score-eps {
			t.Fatalf("#%d another shared topic lowered the score %v → %v (%+v)", i, base.Score, got, f)
		}
		// A greater distance never lowers it; unreachable is the farthest.
		if f.Distance != Unreachable {
			farther := f
			farther.Distance += 1 + r.IntN(3)
			if got := ScorePair(farther).Score; got < base.Score-eps {
				t.Fatalf("#%d a greater distance lowered the score %v → %v (%+v)", i, base.Score, got, f)
			}
			farther.Distance = Unreachable
			if got := ScorePair(farther).Score; got < base.Score-eps {
				t.Fatalf("#%d unreachable lowered the score %v → %v (%+v)", i, base.Score, got, f)
			}
		}
		// A better translator never lowers it.
		better := f
		better.Bridgeability = f.Bridgeability + (1-f.Bridgeability)*r.Float64()
		if got := ScorePair(better).Score; got < base.Score-eps {
			t.Fatalf("#%d a better translator lowered the score", i)
		}
		// Each factor is required.
		none := f
		none.SharedTopicDegrees = nil
		if got := ScorePair(none).Score; got != 0 {
			t.Fatalf("#%d no shared topic scores %v, want 0", i, got)
		}
		none = f
		none.Bridgeability = 0
		if got := ScorePair(none).Score; got != 0 {
			t.Fatalf("#%d no translator scores %v, want 0", i, got)
		}
	}
}

func TestBoldnessKnownValues(t *testing.T) {
	for _, tc := range []struct {
		name  string
		pairs []PairBefore
		want  float64
	}{
		{"no pair", nil, 0},
		{"strangers from two sectors", []PairBefore{{CrossSector: true, Distance: Unreachable}}, 1},
		{"earlier partners, same sector", []PairBefore{{Distance: 1, SharedPartners: 3}}, 0},
		{"two sectors, one partner in common", []PairBefore{{CrossSector: true, Distance: 2, SharedPartners: 1}},
			0.35 + 0.40*0.5 + 0.25*0.5},
		{"mean of a bold and a timid pair", []PairBefore{{CrossSector: true, Distance: Unreachable}, {Distance: 1}}, 0.5},
		{"three steps, same sector", []PairBefore{{Distance: 3}}, 0.40*2/3 + 0.25},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, comps := Boldness(tc.pairs)
			if !near(got, tc.want) {
				t.Errorf("Boldness = %v, want %v", got, tc.want)
			}
			sum := 0.0
			for _, c := range comps {
				sum += c.Contribution
			}
			if !near(sum, got) {
				t.Errorf("breakdown adds to %v, score %v", sum, got)
			}
		})
	}
}

func TestBoldnessProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for i := range 3000 {
		var pairs []PairBefore
		for range 1 + r.IntN(5) {
			d := Unreachable
			if r.IntN(3) > 0 {
				d = 1 + r.IntN(6)
			}
			pairs = append(pairs, PairBefore{CrossSector: r.IntN(2) == 0, Distance: d, SharedPartners: r.IntN(4)})
		}
		base, _ := Boldness(pairs)
		if base < 0 || base > 1 {
			t.Fatalf("#%d boldness %v outside [0, 1]", i, base)
		}
		k := r.IntN(len(pairs))
		if p := pairs[k]; p.Distance != Unreachable {
			farther := append([]PairBefore(nil), pairs...)
			farther[k].Distance++
			if got, _ := Boldness(farther); got < base-eps {
				t.Fatalf("#%d a greater distance lowered boldness %v → %v", i, base, got)
			}
		}
		if pairs[k].SharedPartners > 0 {
			fewer := append([]PairBefore(nil), pairs...)
			fewer[k].SharedPartners--
			if got, _ := Boldness(fewer); got < base-eps {
				t.Fatalf("#%d fewer shared partners lowered boldness %v → %v", i, base, got)
			}
		}
	}
}
