package bridge

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/validate"
)

// Limits of a translator query.
const (
	DefaultMatches = 10
	MaxMatches     = 50
	// CoworkerMaxOrgSize: co-worker links are followed only through
	// organisations with at most this many stints (docs/scoring.md §1).
	CoworkerMaxOrgSize = 200
	// evidencePerSide is how many ties per side a match shows.
	evidencePerSide = 3
	// sectorCandidateLimit caps the people fetched by sector experience
	// alone, the fallback when too few have direct ties.
	sectorCandidateLimit = 200
)

// Service ranks translators.
type Service struct {
	store Store
	now   func() time.Time
}

// New returns a translator service over st.
func New(st Store) *Service {
	return &Service{store: st, now: today}
}

// today is midnight UTC of the current day: scores depend on durations up
// to "now", and fixing now to the day keeps them identical between calls
// made on the same day (stable for clients that compare or cache them).
func today() time.Time {
	y, m, d := time.Now().UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Query is one translator search, as resolvers and other domain packages
// ask it: between two organisations (Between, for Translators) or two
// sectors (Sectors, for TranslatorsBetweenSectors), at most Limit matches,
// narrowed by the rest.
type Query struct {
	Between []string
	Sectors []model.Sector
	// Limit is how many matches to return, 1 to MaxMatches (callers
	// without a preference pass DefaultMatches).
	Limit           int
	MinScore        float64
	ExcludeInsiders bool
	// Language and Region, when not empty, keep only people who speak
	// that language or live in that region.
	Language, Region string
}

// Translators ranks the people who could bridge organisations q.Between[0]
// (side A) and q.Between[1] (side B), among the people viewer may see.
func (s *Service) Translators(ctx context.Context, viewer model.PersonScope, q Query) ([]*model.TranslatorMatch, error) {
	ids, err := validate.IDs("between", q.Between)
	if err != nil {
		return nil, err
	}
	if len(ids) != 2 {
		return nil, errs.Invalid("between", "between takes exactly two different organisation ids, got %d", len(ids))
	}
	cf, err := checkQuery(viewer, &q)
	if err != nil {
		return nil, err
	}
	// Two chains of reads run at once, over separate sessions: the ties
	// with what the tied people's scores need (one statement), and the
	// organisations followed by the sector-only candidates of their
	// sectors (docs/scoring.md §5).
	var (
		orgs                      map[string]*model.Organisation
		rows                      []model.TieRow
		tiedScores                map[string]*model.CandidateProfile
		more                      []*scoredCandidate
		orgsErr, tiesErr, moreErr error
		wg                        sync.WaitGroup
	)
	now := s.now()
	wg.Go(func() {
		rows, tiedScores, tiesErr = s.store.TranslatorTies(ctx, ids[0], ids[1], cf, CoworkerMaxOrgSize)
	})
	wg.Go(func() {
		var seen model.Version
		if orgs, seen, orgsErr = s.store.OrganisationsByIDVersion(ctx, ids); orgsErr != nil || orgs[ids[0]] == nil || orgs[ids[1]] == nil {
			return
		}
		more, moreErr = s.sectorOnly(ctx, orgs[ids[0]].Sector, orgs[ids[1]].Sector, cf, seen, now)
	})
	wg.Wait()
	if orgsErr != nil {
		return nil, fmt.Errorf("load organisations: %w", orgsErr)
	}
	for _, id := range ids {
		if orgs[id] == nil {
			return nil, errs.NotFound("organisation", id)
		}
	}
	a, b := orgs[ids[0]], orgs[ids[1]]
	if tiesErr != nil {
		return nil, fmt.Errorf("find ties between %s and %s: %w", a.ID, b.ID, tiesErr)
	}
	if moreErr != nil {
		return nil, moreErr
	}

	byPerson := map[string]*Candidate{}
	var order []string
	for i := range rows {
		r := &rows[i]
		c := byPerson[r.PersonID]
		if c == nil {
			c = &Candidate{PersonID: r.PersonID, BrokeragePercentile: -1}
			byPerson[r.PersonID] = c
			order = append(order, r.PersonID)
		}
		c.Ties[r.Side] = append(c.Ties[r.Side], tieOf(r))
		if r.Kind == string(TieStint) && (r.End == nil || !r.End.Time().Before(now)) {
			c.Insider = true
		}
	}
	if q.ExcludeInsiders {
		order = slices.DeleteFunc(order, func(id string) bool { return byPerson[id].Insider })
	}
	scored := scoreProfiles(order, tiedScores, byPerson, a.Sector, b.Sector, now)
	// A sector-only candidate with ties is scored with them above (or left
	// out as an insider), never twice.
	for _, c := range more {
		if byPerson[c.PersonID] == nil {
			scored = append(scored, c)
		}
	}
	return s.finish(ctx, scored, q, [2]*model.Organisation{a, b}, [2]model.Sector{a.Sector, b.Sector}, now)
}

// TranslatorsBetweenSectors ranks people who could bridge the two sectors
// q.Sectors, by the same score without organisation ties (docs/scoring.md
// §6), among the people viewer may see.
func (s *Service) TranslatorsBetweenSectors(ctx context.Context, viewer model.PersonScope, q Query) ([]*model.TranslatorMatch, error) {
	sectors := q.Sectors
	if len(sectors) != 2 {
		return nil, errs.Invalid("sectors", "sectors takes exactly two sectors, got %d", len(sectors))
	}
	for _, sec := range sectors {
		if err := validate.OneOf("sectors", sec, model.AllSectors); err != nil {
			return nil, err
		}
	}
	cf, err := checkQuery(viewer, &q)
	if err != nil {
		return nil, err
	}
	now := s.now()
	// A read of no data for the Version: it costs a round trip, and lets a
	// repeated query skip the read of the candidates.
	seen, err := s.store.CurrentVersion(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the database version: %w", err)
	}
	scored, err := s.sectorOnly(ctx, sectors[0], sectors[1], cf, seen, now)
	if err != nil {
		return nil, err
	}
	return s.finish(ctx, scored, q, [2]*model.Organisation{}, [2]model.Sector{sectors[0], sectors[1]}, now)
}

// TranslatorsTo ranks the people who could bridge organisation orgID to
// sector q.Sectors[0]: those who have worked there (now or before) and at
// another organisation of that sector, by the sector-pair score between
// the organisation's sector and that one (docs/scoring.md §6), among the
// people viewer may see.
func (s *Service) TranslatorsTo(ctx context.Context, viewer model.PersonScope, orgID string, q Query) ([]*model.TranslatorMatch, error) {
	if len(q.Sectors) != 1 {
		return nil, errs.Invalid("sector", "one target sector is needed, got %d", len(q.Sectors))
	}
	target := q.Sectors[0]
	if err := validate.OneOf("sector", target, model.AllSectors); err != nil {
		return nil, err
	}
	cf, err := checkQuery(viewer, &q)
	if err != nil {
		return nil, err
	}
	orgs, _, err := s.store.OrganisationsByIDVersion(ctx, []string{orgID})
	if err != nil {
		return nil, fmt.Errorf("load organisation %s: %w", orgID, err)
	}
	org := orgs[orgID]
	if org == nil {
		return nil, errs.NotFound("organisation", orgID)
	}
	now := s.now()
	profiles, err := s.store.OrganisationSectorCandidateScores(ctx, orgID, target, cf)
	if err != nil {
		return nil, fmt.Errorf("find people of %s with experience in %s: %w", orgID, target, err)
	}
	scored := scoreProfiles(slices.Sorted(maps.Keys(profiles)), profiles, map[string]*Candidate{}, org.Sector, target, now)
	return s.finish(ctx, scored, q, [2]*model.Organisation{}, [2]model.Sector{org.Sector, target}, now)
}

// checkQuery validates and normalises q and says which candidates viewer
// may be shown.
func checkQuery(viewer model.PersonScope, q *Query) (model.CandidateFilter, error) {
	if q.Limit < 1 || q.Limit > MaxMatches {
		return model.CandidateFilter{}, errs.Invalid("first", "first must be between 1 and %d, got %d", MaxMatches, q.Limit)
	}
	if q.MinScore < 0 || q.MinScore > 1 || math.IsNaN(q.MinScore) {
		return model.CandidateFilter{}, errs.Invalid("minScore", "minScore must be between 0 and 1, got %v", q.MinScore)
	}
	var err error
	if q.Language != "" {
		langs, err := validate.Languages("language", []string{q.Language})
		if err != nil {
			return model.CandidateFilter{}, err
		}
		q.Language = langs[0]
	}
	if q.Region, err = validate.Text("region", q.Region, validate.MaxRegion); err != nil {
		return model.CandidateFilter{}, err
	}
	// Only who may be seen: whose contact details does not matter here,
	// and leaving it out lets callers of every role share cached reads.
	return model.CandidateFilter{
		Scope:    model.PersonScope{Visibilities: viewer.Visibilities, SelfID: viewer.SelfID},
		Language: q.Language, Region: q.Region,
	}, nil
}

type scoredCandidate struct {
	Candidate
	Result
	person *model.Person
	stints []model.StintRow
}

// scoreProfiles scores the candidates ids from what the store loaded for
// them, adding to their ties in byPerson (if any). It computes only the
// score; finish adds the breakdown for those that make the list.
func scoreProfiles(ids []string, profiles map[string]*model.CandidateProfile, byPerson map[string]*Candidate, sA, sB model.Sector, now time.Time) []*scoredCandidate {
	out := make([]*scoredCandidate, 0, len(ids))
	for _, id := range ids {
		p := profiles[id]
		if p == nil {
			continue // erased since the ties were read
		}
		c := byPerson[id]
		if c == nil {
			c = &Candidate{PersonID: id}
		}
		c.BrokeragePercentile = p.BrokeragePercentile
		for _, st := range p.Stints {
			c.Stints = append(c.Stints, Stint{Interval: Interval{Start: st.Start, End: st.End}, Sector: st.Sector, Kind: st.Kind})
		}
		for collab, rating := range p.CrossSectorCollaborations {
			c.TrackRecord = append(c.TrackRecord, TrackRecordItem{CollaborationID: collab, Rating: rating})
		}
		out = append(out, &scoredCandidate{Candidate: *c, Result: Result{Score: ScoreValue(*c, sA, sB, now)}})
	}
	return out
}

// sectorOnly scores the people with the most experience in both sectors
// (docs/scoring.md §5), whether or not they have ties.
// seen is the model.Version of a read made just before, if any.
func (s *Service) sectorOnly(ctx context.Context, sA, sB model.Sector, cf model.CandidateFilter, seen model.Version, now time.Time) ([]*scoredCandidate, error) {
	profiles, err := s.store.SectorCandidateScores(ctx, sA, sB, cf, sectorCandidateLimit, seen)
	if err != nil {
		return nil, fmt.Errorf("find people with experience in %s and %s: %w", sA, sB, err)
	}
	ids := slices.Sorted(maps.Keys(profiles))
	return scoreProfiles(ids, profiles, map[string]*Candidate{}, sA, sB, now), nil
}

// finish ranks the scored candidates, scores the ones that make the list
// with their breakdown, and loads their full profiles, for their evidence.
func (s *Service) finish(ctx context.Context, scored []*scoredCandidate, q Query, orgs [2]*model.Organisation,
	sectors [2]model.Sector, now time.Time) ([]*model.TranslatorMatch, error) {
	ranked := rank(scored, q)
	ids := make([]string, len(ranked))
	for i, c := range ranked {
		ids[i] = c.PersonID
		c.Result = Score(c.Candidate, sectors[0], sectors[1], now)
	}
	profiles, err := s.store.CandidateProfiles(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("load candidate profiles: %w", err)
	}
	ranked = slices.DeleteFunc(ranked, func(c *scoredCandidate) bool {
		p := profiles[c.PersonID]
		if p == nil {
			return true // erased since it was scored
		}
		c.person, c.stints = p.Person, p.Stints
		return false
	})
	return s.matches(ranked, orgs, sectors, now), nil
}

// rank keeps the candidates q lets through, best first (ties by id), at
// most q.Limit.
func rank(scored []*scoredCandidate, q Query) []*scoredCandidate {
	scored = slices.DeleteFunc(scored, func(c *scoredCandidate) bool {
		return c.Score < q.MinScore || (q.ExcludeInsiders && c.Insider)
	})
	slices.SortFunc(scored, func(x, y *scoredCandidate) int {
		if c := cmp.Compare(y.Score, x.Score); c != 0 {
			return c
		}
		return cmp.Compare(x.PersonID, y.PersonID)
	})
	if len(scored) > q.Limit {
		scored = scored[:q.Limit]
	}
	return scored
}

// matches turns ranked candidates, with person and stints loaded, into the
// API's matches with their evidence.
func (s *Service) matches(ranked []*scoredCandidate, orgs [2]*model.Organisation, sectors [2]model.Sector, now time.Time) []*model.TranslatorMatch {
	out := make([]*model.TranslatorMatch, 0, len(ranked))
	for _, c := range ranked {
		out = append(out, &model.TranslatorMatch{
			Person: c.person, Score: c.Score, Components: c.Components, Insider: c.Insider,
			Evidence: evidence(c, orgs, sectors, now),
		})
	}
	return out
}
