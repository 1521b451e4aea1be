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
	// stalledFor is a checked ISO 8601 duration.
	EcosystemStats(ctx context.Context, f model.EcosystemFilter, stalledFor string, scope model.PersonScope) (*model.Ecosystem, error)
	// EcosystemNetwork reads every partner organisation of the
	// collaborations matching f (with how many it is in) and every pair of
	// partners (with how many they share and the latest phase among them).
	EcosystemNetwork(ctx context.Context, f model.EcosystemGraphFilter) (*model.EcosystemGraph, error)
}
