package bridge

import (
	"context"

	"github.com/tulkki/tulkki/internal/model"
)

// Store is what translator scoring needs from storage (its port);
// *store.Store satisfies it, and the package's tests use a fake.
type Store interface {
	// TranslatorTies returns the ties of possible translators to
	// organisations a and b, with the profiles that score them.
	TranslatorTies(ctx context.Context, a, b string, f model.CandidateFilter, coworkerMaxOrgSize int) ([]model.TieRow, map[string]*model.CandidateProfile, error)
	// TiesToSeveral returns the ties of possible translators to any of
	// orgIDs, co-worker ties as TranslatorTies finds them.
	TiesToSeveral(ctx context.Context, orgIDs []string, f model.CandidateFilter, coworkerMaxOrgSize int) ([]model.OrgTieRow, error)
	// TiesFromAnchor returns the ties to anchor and to any of orgIDs of the
	// possible translators tied to anchor and to at least one of orgIDs.
	TiesFromAnchor(ctx context.Context, anchor string, orgIDs []string, f model.CandidateFilter, coworkerMaxOrgSize int) ([]model.OrgTieRow, error)
	// SectorCandidateScores returns the profiles of up to limit people with
	// the most experience in both sectors; seen is the Version of a read
	// made just before (a cache key), or empty.
	SectorCandidateScores(ctx context.Context, a, b model.Sector, f model.CandidateFilter, limit int, seen model.Version) (map[string]*model.CandidateProfile, error)
	// OrganisationSectorCandidateScores returns the profiles of the
	// possible translators with a stint at organisation orgID and one at
	// another organisation of sector.
	OrganisationSectorCandidateScores(ctx context.Context, orgID string, sector model.Sector, f model.CandidateFilter) (map[string]*model.CandidateProfile, error)
	// CandidateProfiles returns the full profiles (person, stints, network
	// measures) of these people; erased people are absent.
	CandidateProfiles(ctx context.Context, personIDs []string) (map[string]*model.CandidateProfile, error)
	OrganisationsByIDVersion(ctx context.Context, ids []string) (map[string]*model.Organisation, model.Version, error)
	CurrentVersion(ctx context.Context) (model.Version, error)
}
