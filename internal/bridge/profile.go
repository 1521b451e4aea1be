package bridge

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/tulkki/tulkki/internal/model"
)

// BridgingProfiles describes, for many people at once, how each bridges
// sectors. Callers pass only people they may see.
func (s *Service) BridgingProfiles(ctx context.Context, personIDs []string) (map[string]*model.BridgingProfile, error) {
	profiles, err := s.store.CandidateProfiles(ctx, personIDs)
	if err != nil {
		return nil, fmt.Errorf("load bridging profiles: %w", err)
	}
	now := s.now()
	out := make(map[string]*model.BridgingProfile, len(profiles))
	for id, p := range profiles {
		stints := make([]Stint, len(p.Stints))
		for i, st := range p.Stints {
			stints[i] = Stint{Interval: Interval{Start: st.Start, End: st.End}, Sector: st.Sector, Kind: st.Kind}
		}
		years := SectorYears(stints, now)
		bp := &model.BridgingProfile{BlauIndex: BlauIndex(years), Network: p.Network}
		for _, sector := range model.AllSectors {
			if y, ok := years[sector]; ok && y > 0 {
				bp.Sectors = append(bp.Sectors, &model.SectorExperience{Sector: sector, Years: y})
			}
		}
		slices.SortStableFunc(bp.Sectors, func(a, b *model.SectorExperience) int { return cmp.Compare(b.Years, a.Years) })
		bp.SectorCount = len(bp.Sectors)

		recent := slices.Clone(p.Stints)
		slices.SortStableFunc(recent, func(a, b model.StintRow) int { return cmp.Compare(endKey(b), endKey(a)) })
		for _, st := range recent {
			if !slices.Contains(bp.OrganisationIDs, st.OrganisationID) {
				bp.OrganisationIDs = append(bp.OrganisationIDs, st.OrganisationID)
			}
		}
		out[id] = bp
	}
	return out, nil
}

// endKey orders stints by how recently they ended; ongoing ones last the
// longest.
func endKey(st model.StintRow) string {
	if st.End == nil {
		return "9999-12-31"
	}
	return st.End.String()
}
