// Package bridge finds and ranks translators: people whose careers span
// the sectors of two organisations and who have ties to both. The score is
// defined in docs/scoring.md; this file is that definition in code, with
// the document's constants and names, and no I/O.
package bridge

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/tulkki/tulkki/internal/model"
)

// Proximity of each kind of tie (docs/scoring.md §1).
const (
	ProximityStint         = 1.00
	ProximityCollaboration = 0.70
	ProximityCoworker      = 0.40
	// SectorStandIn is how much sector experience can stand in for a
	// missing direct tie in the bridge component: S_X = or(T_X, 0.3 F_X).
	SectorStandIn = 0.30
)

// Time constants (years) of the saturating curves.
const (
	tauStintDepth  = 2.0
	tauCollabDepth = 1.0
	tauRecency     = 8.0
	tauSectorFit   = 3.0
	tauBreadth     = 2.0
	tauTrackRecord = 2.0
)

// Component weights; they add up to 1.
const (
	WeightBridge      = 0.30
	WeightTieA        = 0.15
	WeightTieB        = 0.15
	WeightSectorFit   = 0.15
	WeightBreadth     = 0.10
	WeightTrackRecord = 0.10
	WeightBrokerage   = 0.05
)

// SectorOnlyMax is the highest score a candidate with no direct tie to
// either organisation can reach (docs/scoring.md §5).
const SectorOnlyMax = WeightBridge*SectorStandIn + WeightSectorFit + WeightBreadth + WeightTrackRecord + WeightBrokerage

// TieKind is how a person is tied to one side.
type TieKind string

const (
	TieStint         TieKind = "STINT"
	TieCollaboration TieKind = "COLLABORATION"
	TieCoworker      TieKind = "COWORKER"
	TieSector        TieKind = "SECTOR"
)

// kindWeight is the depth weight of each kind of stint.
var kindWeight = map[model.ExperienceKind]float64{
	model.ExperienceEmployment:    1.0,
	model.ExperienceBoard:         1.0,
	model.ExperienceTrustPosition: 0.8,
	model.ExperienceSecondment:    0.8,
	model.ExperienceVolunteer:     0.6,
	model.ExperienceEducation:     0.4,
}

// roleWeight is the depth weight of each contributor role.
var roleWeight = map[model.ContributorRole]float64{
	model.ContributorLead:        1.0,
	model.ContributorCoordinator: 1.0,
	model.ContributorExpert:      0.8,
	model.ContributorFacilitator: 0.8,
	model.ContributorMember:      0.6,
	model.ContributorVolunteer:   0.6,
}

// Interval is a span of calendar time; End nil means ongoing.
type Interval struct {
	Start model.Date
	End   *model.Date
}

// Stint is one experience as scoring needs it.
type Stint struct {
	Interval
	Sector model.Sector
	Kind   model.ExperienceKind
}

// Tie is one connection of a person to a side, with what it rests on.
type Tie struct {
	Kind TieKind
	// Interval is the stint, the collaboration, or the overlap of the two
	// co-workers' stints.
	Interval
	ExperienceKind  model.ExperienceKind  // for TieStint
	ContributorRole model.ContributorRole // for TieCollaboration
	// source is the store's row the tie was read from: evidence builds the
	// path and the summary from it, only for the few ties a match shows
	// (a query scores thousands of ties on a large organisation).
	source tieSource
}

// TrackRecordItem is a cross-sector collaboration the person contributed to.
type TrackRecordItem struct {
	CollaborationID string
	Rating          int // 1..5, 0 when not evaluated
}

// Candidate is everything the score of one person depends on.
type Candidate struct {
	PersonID string
	Stints   []Stint
	// Ties to side A (index 0) and side B (index 1).
	Ties        [2][]Tie
	TrackRecord []TrackRecordItem
	// BrokeragePercentile of cross-sector betweenness in [0,1]; negative
	// when `tulkki analyze` has not computed it.
	BrokeragePercentile float64
	// Insider: an ongoing stint at A or B.
	Insider bool
}

// ScoredTie is a tie with its computed strength.
type ScoredTie struct {
	Tie
	Side     int
	Strength float64
}

// Result is a candidate's score and how it came about.
type Result struct {
	Score      float64
	Components []model.ScoreComponent
	// Ties are the candidate's ties, strongest first within each side.
	Ties [2][]ScoredTie
}

func sat(x, tau float64) float64 {
	if x <= 0 {
		return 0
	}
	return 1 - math.Exp(-x/tau)
}

// or is the probabilistic "or" of strengths in [0,1].
func or(ts ...float64) float64 {
	miss := 1.0
	for _, t := range ts {
		miss *= 1 - clamp01(t)
	}
	return 1 - miss
}

func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }

const daysPerYear = 365.25

func yearsOf(d time.Duration) float64 { return d.Hours() / 24 / daysPerYear }

// span returns the interval as times, an ongoing one ending at now.
func (iv Interval) span(now time.Time) (time.Time, time.Time) {
	start := iv.Start.Time()
	end := now
	if iv.End != nil && iv.End.Time().Before(now) {
		end = iv.End.Time()
	}
	if end.Before(start) {
		end = start
	}
	return start, end
}

// Years is the interval's length in years.
func (iv Interval) Years(now time.Time) float64 {
	s, e := iv.span(now)
	return yearsOf(e.Sub(s))
}

// Ago is how many years ago the interval ended; 0 if ongoing.
func (iv Interval) Ago(now time.Time) float64 {
	if iv.End == nil || !iv.End.Time().Before(now) {
		return 0
	}
	return yearsOf(now.Sub(iv.End.Time()))
}

// Strength of one tie (docs/scoring.md §1).
func Strength(t Tie, now time.Time) float64 {
	var proximity, depth float64
	switch t.Kind {
	case TieStint:
		proximity = ProximityStint
		depth = kindWeight[t.ExperienceKind] * sat(t.Years(now), tauStintDepth)
	case TieCollaboration:
		proximity = ProximityCollaboration
		depth = roleWeight[t.ContributorRole] * sat(t.Years(now), tauCollabDepth)
	case TieCoworker:
		proximity = ProximityCoworker
		depth = sat(t.Years(now), tauStintDepth)
	default:
		return 0 // sector experience enters through sector fit, not as a tie
	}
	recency := math.Exp(-t.Ago(now) / tauRecency)
	return proximity * depth * recency
}

// SectorYears is, per sector, the kind-weighted length of the union of the
// person's stints in that sector: overlapping stints count once, at the
// highest kind weight in force. Sectors without a stint of positive length
// are absent.
func SectorYears(stints []Stint, now time.Time) map[model.Sector]float64 {
	years, present := sectorYears(stints, now)
	out := make(map[model.Sector]float64, len(model.AllSectors))
	for i, s := range model.AllSectors {
		if present[i] {
			out[s] = years[i]
		}
	}
	return out
}

// numSectors is len(model.AllSectors), as a constant for arrays; a test
// checks that the two agree.
const numSectors = 4

// weightLevels are the distinct kind weights, highest first, and 0 for a
// kind without one: the sweep of sectorYears counts open stints per level.
var weightLevels = [...]float64{1.0, 0.8, 0.6, 0.4, 0}

func levelOf(w float64) int {
	for i, l := range weightLevels {
		if w >= l {
			return i
		}
	}
	return len(weightLevels) - 1
}

// sectorYears is SectorYears indexed like model.AllSectors, without maps:
// it runs for every candidate of every translator query.
func sectorYears(stints []Stint, now time.Time) (years [numSectors]float64, present [numSectors]bool) {
	type edge struct {
		sector, level int
		at            int64 // Unix nanoseconds
		open          bool
	}
	var buf [16]edge
	edges := buf[:0]
	for _, s := range stints {
		sector := slices.Index(model.AllSectors, s.Sector)
		if sector < 0 {
			continue
		}
		start, end := s.span(now)
		if !end.After(start) {
			continue // a zero-length stint adds no time (and would unbalance the sweep)
		}
		level := levelOf(kindWeight[s.Kind])
		edges = append(edges, edge{sector, level, start.UnixNano(), true}, edge{sector, level, end.UnixNano(), false})
	}
	slices.SortFunc(edges, func(x, y edge) int {
		if c := cmp.Compare(x.sector, y.sector); c != 0 {
			return c
		}
		if c := cmp.Compare(x.at, y.at); c != 0 {
			return c
		}
		switch {
		case x.open == y.open:
			return 0
		case !x.open:
			return -1 // close before open at the same instant
		default:
			return 1
		}
	})
	// Sweep each sector: the weight in force is the highest level among
	// the open stints.
	var open [len(weightLevels)]int
	for i, e := range edges {
		if i > 0 && edges[i-1].sector == e.sector {
			inForce := 0.0
			for l, n := range open {
				if n > 0 {
					inForce = weightLevels[l]
					break
				}
			}
			years[e.sector] += yearsOf(time.Duration(e.at-edges[i-1].at)) * inForce
		}
		present[e.sector] = true
		if e.open {
			open[e.level]++
		} else {
			open[e.level]--
		}
	}
	return years, present
}

// BlauIndex is Blau's diversity 1 − Σ pₛ² of the person's sector years; 0
// for no experience. Reported, not scored (docs/scoring.md §3).
func BlauIndex(sectorYears map[model.Sector]float64) float64 {
	var total float64
	for _, y := range sectorYears {
		total += y
	}
	if total == 0 {
		return 0
	}
	sum := 0.0
	for _, y := range sectorYears {
		p := y / total
		sum += p * p
	}
	return 1 - sum
}

// The components of the score, in the order of Result.Components.
var components = [...]struct {
	name, description string
	weight            float64
}{
	{"bridge", "reaches both sides: geometric mean of the ties to A and to B (sector experience standing in weakly)", WeightBridge},
	{"tieA", "ties to the first organisation: stints there, collaborations with it, co-workers there", WeightTieA},
	{"tieB", "ties to the second organisation", WeightTieB},
	{"sectorFit", "years of experience in both organisations' sectors", WeightSectorFit},
	{"breadth", "experience across the four sectors", WeightBreadth},
	{"trackRecord", "cross-sector collaborations contributed to, weighted by their evaluations", WeightTrackRecord},
	{"brokerage", "network position between sectors (cross-sector betweenness percentile)", WeightBrokerage},
}

// componentValues computes the value of each component (docs/scoring.md
// §3), in the order of components.
func componentValues(c Candidate, sA, sB model.Sector, now time.Time) [len(components)]float64 {
	var tie [2]float64
	for side := range 2 {
		miss := 1.0 // or() of the strengths, without a slice
		for _, t := range c.Ties[side] {
			miss *= 1 - clamp01(Strength(t, now))
		}
		tie[side] = 1 - miss
	}

	sy, _ := sectorYears(c.Stints, now)
	yearsIn := func(s model.Sector) float64 {
		if i := slices.Index(model.AllSectors, s); i >= 0 {
			return sy[i]
		}
		return 0
	}
	fitA, fitB := sat(yearsIn(sA), tauSectorFit), sat(yearsIn(sB), tauSectorFit)
	sideA := or(tie[0], SectorStandIn*fitA)
	sideB := or(tie[1], SectorStandIn*fitB)

	sectorFit := math.Sqrt(fitA * fitB)
	if sA == sB {
		sectorFit = fitA
	}
	breadth := 0.0
	for _, y := range sy {
		breadth += sat(y, tauBreadth) / float64(len(model.AllSectors))
	}
	var q float64
	for _, item := range c.TrackRecord {
		if item.Rating > 0 {
			q += 0.5 + float64(item.Rating)/10
		} else {
			q += 0.7
		}
	}
	brokerage := math.Max(0, c.BrokeragePercentile)
	return [len(components)]float64{math.Sqrt(sideA * sideB), tie[0], tie[1], sectorFit, breadth, sat(q, tauTrackRecord), brokerage}
}

// ScoreValue is Score(c, sA, sB, now).Score, the same number, without the
// breakdown and the sorted ties: ranking hundreds of candidates needs only
// the number, and only the few listed need the rest.
func ScoreValue(c Candidate, sA, sB model.Sector, now time.Time) float64 {
	total := 0.0
	for i, v := range componentValues(c, sA, sB, now) {
		total += components[i].weight * clamp01(v)
	}
	return total
}

// Score computes a candidate's score for a bridge between sectors sA and
// sB (docs/scoring.md §3), with its breakdown and the ties strongest first.
// Deterministic for a given now.
func Score(c Candidate, sA, sB model.Sector, now time.Time) Result {
	var res Result
	for side := range 2 {
		for _, t := range c.Ties[side] {
			res.Ties[side] = append(res.Ties[side], ScoredTie{Tie: t, Side: side, Strength: Strength(t, now)})
		}
		sort.SliceStable(res.Ties[side], func(i, j int) bool { return res.Ties[side][i].Strength > res.Ties[side][j].Strength })
	}
	values := componentValues(c, sA, sB, now)
	res.Components = make([]model.ScoreComponent, len(components))
	for i, comp := range components {
		res.Components[i] = component(comp.name, comp.weight, values[i], comp.description)
		res.Score += res.Components[i].Contribution
	}
	return res
}

func component(name string, weight, value float64, description string) model.ScoreComponent {
	value = clamp01(value)
	return model.ScoreComponent{Name: name, Weight: weight, Value: value, Contribution: weight * value, Description: description}
}
