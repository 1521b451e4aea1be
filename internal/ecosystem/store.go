package ecosystem

import (
	"context"

	"github.com/tulkki/tulkki/internal/model"
)

// Store is what the ecosystem views need from storage (the domain's port);
// *store.Store satisfies it.
type Store interface {
	// EcosystemStats computes the aggregates of the collaborations,
	// organisations and translators (people of scope) matching f;
	// stalledFor is a checked ISO 8601 duration. seen is the Version of a
	// read made just before (the store may answer from what it read at
	// that Version); the result must not be modified.
	EcosystemStats(ctx context.Context, f model.EcosystemFilter, stalledFor string, scope model.PersonScope, seen model.Version) (*model.Ecosystem, error)
	// CurrentVersion is the Version of the database now.
	CurrentVersion(ctx context.Context) (model.Version, error)
	// EcosystemNetwork reads every partner organisation of the
	// collaborations matching f (with how many it is in) and every pair of
	// partners (with how many they share and the latest phase among them).
	EcosystemNetwork(ctx context.Context, f model.EcosystemGraphFilter) (*model.EcosystemGraph, error)
}
