package bridge

import (
	"context"
	"fmt"
	"slices"

	"github.com/tulkki/tulkki/internal/model"
)

// PairTranslators ranks, for each pair of organisations at once, the
// translators with a stint, collaboration or co-worker tie to both
// organisations, best first, at most perPair per pair; a pair nobody ties
// to both sides gets none. The ties and the score are those of Translators
// (docs/scoring.md §3), so a tied person scores the same here as there
// (Translators also ranks people tied to one side or to neither, by their
// sectors). Two queries, whatever the number of pairs: the ties of every
// pair, and the profiles of everyone found.
func (s *Service) PairTranslators(ctx context.Context, viewer model.PersonScope, pairs [][2]*model.Organisation, perPair int) ([][]*model.TranslatorMatch, error) {
	out := make([][]*model.TranslatorMatch, len(pairs))
	if len(pairs) == 0 {
		return out, nil
	}
	q := Query{Limit: perPair}
	cf, err := checkQuery(viewer, &q)
	if err != nil {
		return nil, err
	}
	var orgIDs []string
	for _, p := range pairs {
		orgIDs = append(orgIDs, p[0].ID, p[1].ID)
	}
	slices.Sort(orgIDs)
	orgIDs = slices.Compact(orgIDs)
	rows, err := s.store.TiesToSeveral(ctx, orgIDs, cf, CoworkerMaxOrgSize)
	if err != nil {
		return nil, fmt.Errorf("find translators of %d pairs: %w", len(pairs), err)
	}
	return s.scorePairs(ctx, pairs, rows, q)
}

// AnchoredTranslators is PairTranslators for the pairs (anchor, other) of
// one organisation with each of others, as a partnership call's publisher
// with its candidates: the same score, found from the anchor's people
// (store.TiesFromAnchor), which costs far less than reading the ties of
// every other organisation when they are many. Its ties are stints and
// collaborations only (anchoredCoworkerMaxOrgSize).
//
// anchoredCoworkerMaxOrgSize is 0: no co-worker ties for a call's
// suggested partners. Measured on 10,000 generated people (docs/performance.md,
// issue 17), the co-worker search made the anchored read 20× slower at the
// median (2.7 → 61 ms) and the calls' p95 6×, which would break the p95
// target of suggestedPartners at 100,000 people; a translator there only
// sets the viability factor, which halves the score at most.
const anchoredCoworkerMaxOrgSize = 0

func (s *Service) AnchoredTranslators(ctx context.Context, viewer model.PersonScope, anchor *model.Organisation, others []*model.Organisation, perPair int) ([][]*model.TranslatorMatch, error) {
	if len(others) == 0 {
		return [][]*model.TranslatorMatch{}, nil
	}
	q := Query{Limit: perPair}
	cf, err := checkQuery(viewer, &q)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(others))
	pairs := make([][2]*model.Organisation, len(others))
	for i, o := range others {
		ids[i], pairs[i] = o.ID, [2]*model.Organisation{anchor, o}
	}
	rows, err := s.store.TiesFromAnchor(ctx, anchor.ID, ids, cf, anchoredCoworkerMaxOrgSize)
	if err != nil {
		return nil, fmt.Errorf("find translators from %s: %w", anchor.ID, err)
	}
	return s.scorePairs(ctx, pairs, rows, q)
}

// scorePairs ranks, for each pair, the people with ties (rows) to both of
// its organisations, best first, as q ranks them.
func (s *Service) scorePairs(ctx context.Context, pairs [][2]*model.Organisation, rows []model.OrgTieRow, q Query) ([][]*model.TranslatorMatch, error) {
	out := make([][]*model.TranslatorMatch, len(pairs))
	// tiesAt[org][person]: that person's ties to that organisation.
	tiesAt := map[string]map[string][]model.TieRow{}
	for _, r := range rows {
		if tiesAt[r.OrganisationID] == nil {
			tiesAt[r.OrganisationID] = map[string][]model.TieRow{}
		}
		tiesAt[r.OrganisationID][r.PersonID] = append(tiesAt[r.OrganisationID][r.PersonID], r.TieRow)
	}
	now := s.now()
	perPairCandidates := make([]map[string]*Candidate, len(pairs))
	var people []string
	for i, pair := range pairs {
		for person, tiesA := range tiesAt[pair[0].ID] {
			tiesB := tiesAt[pair[1].ID][person]
			if len(tiesB) == 0 {
				continue
			}
			c := &Candidate{PersonID: person, BrokeragePercentile: -1}
			for side, ties := range [2][]model.TieRow{tiesA, tiesB} {
				for _, r := range ties {
					r.Side = side
					c.Ties[side] = append(c.Ties[side], tieOf(&r))
					if r.Kind == string(TieStint) && (r.End == nil || !r.End.Time().Before(now)) {
						c.Insider = true
					}
				}
			}
			if perPairCandidates[i] == nil {
				perPairCandidates[i] = map[string]*Candidate{}
			}
			perPairCandidates[i][person] = c
			people = append(people, person)
		}
	}
	if len(people) == 0 {
		return out, nil
	}
	slices.Sort(people)
	people = slices.Compact(people)
	profiles, err := s.store.CandidateProfiles(ctx, people)
	if err != nil {
		return nil, fmt.Errorf("load translator profiles: %w", err)
	}
	for i, m := range perPairCandidates {
		a, b := pairs[i][0], pairs[i][1]
		var scored []*scoredCandidate
		for id, c := range m {
			p := profiles[id]
			if p == nil {
				continue // erased since the ties were read
			}
			withProfile(c, p)
			scored = append(scored, &scoredCandidate{Candidate: *c, Result: Score(*c, a.Sector, b.Sector, now), person: p.Person, stints: p.Stints})
		}
		out[i] = s.matches(rank(scored, q), [2]*model.Organisation{a, b}, [2]model.Sector{a.Sector, b.Sector}, now)
	}
	return out, nil
}

// withProfile adds what the score needs beyond the ties.
func withProfile(c *Candidate, p *model.CandidateProfile) {
	c.BrokeragePercentile = p.BrokeragePercentile
	c.Stints = stintsOf(p.Stints)
	c.TrackRecord = c.TrackRecord[:0]
	for collab, rating := range p.CrossSectorCollaborations {
		c.TrackRecord = append(c.TrackRecord, TrackRecordItem{CollaborationID: collab, Rating: rating})
	}
}
