package bridge

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/model"
)

var now = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

func date(y int, m time.Month) model.Date { return model.Date{Year: y, Month: m, Day: 1} }

func datePtr(y int, m time.Month) *model.Date { d := date(y, m); return &d }

// randomCandidate makes a plausible person with 0–5 stints and 0–3 ties
// per side.
func randomCandidate(r *rand.Rand) Candidate {
	kinds := model.AllExperienceKinds
	roles := model.AllContributorRoles
	interval := func() Interval {
		start := date(1995+r.IntN(30), time.Month(1+r.IntN(12)))
		if r.IntN(3) == 0 {
			return Interval{Start: start}
		}
		end := start
		end.Year += r.IntN(8)
		end.Month = time.Month(1 + r.IntN(12))
		if end.Before(start) {
			end = start
		}
		return Interval{Start: start, End: &end}
	}
	var c Candidate
	for range r.IntN(6) {
		c.Stints = append(c.Stints, Stint{Interval: interval(), Sector: model.AllSectors[r.IntN(4)], Kind: kinds[r.IntN(len(kinds))]})
	}
	for side := range 2 {
		for range r.IntN(4) {
			t := Tie{Kind: []TieKind{TieStint, TieCollaboration, TieCoworker}[r.IntN(3)], Interval: interval(),
				ExperienceKind: kinds[r.IntN(len(kinds))], ContributorRole: roles[r.IntN(len(roles))]}
			c.Ties[side] = append(c.Ties[side], t)
		}
	}
	for range r.IntN(4) {
		c.TrackRecord = append(c.TrackRecord, TrackRecordItem{Rating: r.IntN(6)})
	}
	c.BrokeragePercentile = r.Float64()
	return c
}

func TestBreakdownAddsUpAndStaysInRange(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		c := randomCandidate(r)
		res := Score(c, model.AllSectors[i%4], model.AllSectors[(i/4)%4], now)
		var sum, weights float64
		for _, comp := range res.Components {
			if comp.Value < 0 || comp.Value > 1 {
				t.Fatalf("component %s value %v outside [0,1]", comp.Name, comp.Value)
			}
			if math.Abs(comp.Contribution-comp.Weight*comp.Value) > 1e-12 {
				t.Fatalf("component %s: contribution %v ≠ weight × value", comp.Name, comp.Contribution)
			}
			sum += comp.Contribution
			weights += comp.Weight
		}
		if math.Abs(sum-res.Score) > 1e-12 {
			t.Fatalf("components add up to %v, score is %v", sum, res.Score)
		}
		if math.Abs(weights-1) > 1e-12 {
			t.Fatalf("weights add up to %v", weights)
		}
		if res.Score < 0 || res.Score > 1 {
			t.Fatalf("score %v outside [0,1]", res.Score)
		}
	}
}

func TestAddingATieNeverLowersTheScore(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 3000 {
		c := randomCandidate(r)
		sA, sB := model.AllSectors[r.IntN(4)], model.AllSectors[r.IntN(4)]
		before := Score(c, sA, sB, now).Score
		extra := randomCandidate(r)
		side := i % 2
		if len(extra.Ties[side]) == 0 {
			continue
		}
		c.Ties[side] = append(c.Ties[side], extra.Ties[side][0])
		if extra.Ties[side][0].Kind == TieStint {
			// A stint tie is also a stint in the organisation's sector.
			sector := sA
			if side == 1 {
				sector = sB
			}
			c.Stints = append(c.Stints, Stint{Interval: extra.Ties[side][0].Interval, Sector: sector, Kind: extra.Ties[side][0].ExperienceKind})
		}
		if after := Score(c, sA, sB, now).Score; after < before-1e-12 {
			t.Fatalf("adding a tie to side %d lowered the score from %v to %v", side, before, after)
		}
	}
}

func TestMoreYearsInARelevantSectorNeverLowerTheScore(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 3000 {
		c := randomCandidate(r)
		sA, sB := model.AllSectors[r.IntN(4)], model.AllSectors[r.IntN(4)]
		before := Score(c, sA, sB, now).Score
		sector := sA
		if i%2 == 1 {
			sector = sB
		}
		start := date(1995+r.IntN(30), time.Month(1+r.IntN(12)))
		end := start
		end.Year += 1 + r.IntN(5)
		c.Stints = append(c.Stints, Stint{Interval: Interval{Start: start, End: &end}, Sector: sector,
			Kind: model.AllExperienceKinds[r.IntN(len(model.AllExperienceKinds))]})
		if after := Score(c, sA, sB, now).Score; after < before-1e-12 {
			t.Fatalf("more years in %s lowered the score from %v to %v", sector, before, after)
		}
	}
}

func TestLongerStintInSectorNeverLowersScore(t *testing.T) {
	for _, sector := range model.AllSectors {
		base := Candidate{Stints: []Stint{
			{Interval: Interval{Start: date(2010, 1), End: datePtr(2015, 1)}, Sector: sector, Kind: model.ExperienceEmployment},
			{Interval: Interval{Start: date(2016, 1)}, Sector: model.SectorThird, Kind: model.ExperienceEmployment},
		}}
		prev := -1.0
		for extra := 0; extra < 8; extra++ {
			c := base
			c.Stints = append([]Stint(nil), base.Stints...)
			end := date(2015+extra, 1)
			c.Stints[0].End = &end
			got := Score(c, sector, model.SectorThird, now).Score
			if got < prev-1e-12 {
				t.Fatalf("%s: %d more years lowered the score from %v to %v", sector, extra, prev, got)
			}
			prev = got
		}
	}
}

func TestTiesToBothSidesOutrankTiesToOne(t *testing.T) {
	stint := func(side int) Tie {
		return Tie{Kind: TieStint, Interval: Interval{Start: date(2015, 1), End: datePtr(2020, 1)}, ExperienceKind: model.ExperienceEmployment}
	}
	both := Candidate{PersonID: "both"}
	both.Ties[0] = []Tie{stint(0)}
	both.Ties[1] = []Tie{stint(1)}
	oneSideTwice := Candidate{PersonID: "one"}
	oneSideTwice.Ties[0] = []Tie{stint(0), stint(0)}
	oneSide := Candidate{PersonID: "one"}
	oneSide.Ties[0] = []Tie{stint(0)}
	for _, other := range []Candidate{oneSide, oneSideTwice} {
		b, o := Score(both, model.SectorPublic, model.SectorThird, now), Score(other, model.SectorPublic, model.SectorThird, now)
		if b.Score <= o.Score {
			t.Errorf("ties to both sides scored %v, ties to one side (%d ties) %v", b.Score, len(other.Ties[0]), o.Score)
		}
	}
	// And for random people: dropping every tie to one side lowers the score.
	r := rand.New(rand.NewPCG(7, 8))
	for range 2000 {
		c := randomCandidate(r)
		res := Score(c, model.SectorPublic, model.SectorPrivate, now)
		if len(res.Ties[1]) == 0 || res.Ties[1][0].Strength == 0 || len(res.Ties[0]) == 0 || res.Ties[0][0].Strength == 0 {
			continue
		}
		one := c
		one.Ties[1] = nil
		if Score(one, model.SectorPublic, model.SectorPrivate, now).Score >= res.Score {
			t.Fatalf("removing the ties to side B did not lower the score: %+v", c)
		}
	}
}

func TestProximityOrder(t *testing.T) {
	iv := Interval{Start: date(2018, 1), End: datePtr(2022, 1)}
	stint := Strength(Tie{Kind: TieStint, Interval: iv, ExperienceKind: model.ExperienceEmployment}, now)
	collab := Strength(Tie{Kind: TieCollaboration, Interval: iv, ContributorRole: model.ContributorLead}, now)
	cowork := Strength(Tie{Kind: TieCoworker, Interval: iv}, now)
	if !(stint > collab && collab > cowork && cowork > 0) {
		t.Fatalf("want stint > collaboration > co-worker > 0, got %v, %v, %v", stint, collab, cowork)
	}
	// Sector experience alone can reach at most SectorOnlyMax.
	c := Candidate{Stints: []Stint{
		{Interval: Interval{Start: date(1995, 1)}, Sector: model.SectorPublic, Kind: model.ExperienceEmployment},
		{Interval: Interval{Start: date(1995, 1)}, Sector: model.SectorPrivate, Kind: model.ExperienceEmployment},
		{Interval: Interval{Start: date(1995, 1)}, Sector: model.SectorThird, Kind: model.ExperienceEmployment},
		{Interval: Interval{Start: date(1995, 1)}, Sector: model.SectorAcademia, Kind: model.ExperienceEmployment},
	}, BrokeragePercentile: 1}
	for range 20 {
		c.TrackRecord = append(c.TrackRecord, TrackRecordItem{Rating: 5})
	}
	if got := Score(c, model.SectorPublic, model.SectorPrivate, now).Score; got > SectorOnlyMax+1e-12 || got < SectorOnlyMax-0.02 {
		t.Fatalf("sector-only maximum: got %v, bound %v", got, SectorOnlyMax)
	}
}

func TestRecencyAndDepth(t *testing.T) {
	recent := Tie{Kind: TieStint, Interval: Interval{Start: date(2020, 1)}, ExperienceKind: model.ExperienceEmployment}
	old := Tie{Kind: TieStint, Interval: Interval{Start: date(2000, 1), End: datePtr(2006, 1)}, ExperienceKind: model.ExperienceEmployment}
	course := Tie{Kind: TieStint, Interval: Interval{Start: date(2020, 1)}, ExperienceKind: model.ExperienceEducation}
	board := Tie{Kind: TieStint, Interval: Interval{Start: date(2020, 1)}, ExperienceKind: model.ExperienceBoard}
	if Strength(recent, now) <= Strength(old, now) {
		t.Error("an ongoing stint should outweigh an equally long one that ended 20 years ago")
	}
	if Strength(board, now) <= Strength(course, now) {
		t.Error("board work should weigh more than a course of the same length")
	}
}

func TestSectorYearsCountsOverlapOnce(t *testing.T) {
	stints := []Stint{
		{Interval: Interval{Start: date(2010, 1), End: datePtr(2014, 1)}, Sector: model.SectorPublic, Kind: model.ExperienceEmployment},
		{Interval: Interval{Start: date(2012, 1), End: datePtr(2016, 1)}, Sector: model.SectorPublic, Kind: model.ExperienceTrustPosition},
		{Interval: Interval{Start: date(2010, 1), End: datePtr(2011, 1)}, Sector: model.SectorThird, Kind: model.ExperienceVolunteer},
	}
	sy := SectorYears(stints, now)
	// 2010–2014 employment (weight 1) then 2014–2016 trust position (0.8).
	want := 4 + 2*0.8
	if math.Abs(sy[model.SectorPublic]-want) > 0.01 {
		t.Errorf("public years %v, want ≈ %v", sy[model.SectorPublic], want)
	}
	if math.Abs(sy[model.SectorThird]-0.6) > 0.01 {
		t.Errorf("third-sector years %v, want ≈ 0.6", sy[model.SectorThird])
	}
	// A zero-length stint adds nothing and disturbs nothing.
	zero := append(stints, Stint{Interval: Interval{Start: date(2000, 9), End: datePtr(2000, 9)}, Sector: model.SectorPublic, Kind: model.ExperienceSecondment})
	if got := SectorYears(zero, now)[model.SectorPublic]; math.Abs(got-want) > 0.01 {
		t.Errorf("with a zero-length stint, public years %v, want ≈ %v", got, want)
	}
	if b := BlauIndex(map[model.Sector]float64{model.SectorPublic: 1, model.SectorThird: 1}); math.Abs(b-0.5) > 1e-12 {
		t.Errorf("Blau of an even split of two = %v, want 0.5", b)
	}
}

// sectorYearsByDefinition is SectorYears written plainly from its
// definition (docs/scoring.md §2), day by day: the reference the fast
// sweep is checked against.
func sectorYearsByDefinition(stints []Stint, now time.Time) map[model.Sector]float64 {
	out := map[model.Sector]float64{}
	for _, sector := range model.AllSectors {
		var from, to time.Time
		found := false
		for _, s := range stints {
			start, end := s.span(now)
			if s.Sector != sector || !end.After(start) {
				continue
			}
			if !found || start.Before(from) {
				from = start
			}
			if !found || end.After(to) {
				to = end
			}
			found = true
		}
		if !found {
			continue
		}
		total := 0.0
		for day := from; day.Before(to); day = day.AddDate(0, 0, 1) {
			weight := 0.0
			for _, s := range stints {
				start, end := s.span(now)
				if s.Sector == sector && !day.Before(start) && day.Before(end) {
					weight = math.Max(weight, kindWeight[s.Kind])
				}
			}
			total += weight / daysPerYear
		}
		out[sector] = total
	}
	return out
}

func TestSectorYearsAgreesWithItsDefinition(t *testing.T) {
	if numSectors != len(model.AllSectors) {
		t.Fatalf("numSectors = %d, model.AllSectors has %d", numSectors, len(model.AllSectors))
	}
	r := rand.New(rand.NewPCG(7, 11))
	for i := range 300 {
		stints := randomCandidate(r).Stints
		got, want := SectorYears(stints, now), sectorYearsByDefinition(stints, now)
		if len(got) != len(want) {
			t.Fatalf("case %d: sectors %v, want %v (stints %+v)", i, got, want, stints)
		}
		for sector, w := range want {
			if math.Abs(got[sector]-w) > 1e-9 {
				t.Fatalf("case %d: %s years %v, want %v (stints %+v)", i, sector, got[sector], w, stints)
			}
		}
	}
}

func TestScoreValueIsTheScore(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for i := range 2000 {
		c := randomCandidate(r)
		sA, sB := model.AllSectors[r.IntN(4)], model.AllSectors[r.IntN(4)]
		if got, want := ScoreValue(c, sA, sB, now), Score(c, sA, sB, now).Score; got != want {
			t.Fatalf("case %d: ScoreValue %v, Score %v (must be the same float)", i, got, want)
		}
	}
}
