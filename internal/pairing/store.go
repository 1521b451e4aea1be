package pairing

import (
	"context"

	"github.com/tulkki/tulkki/internal/model"
)

// Store is what the pairing measures need from storage (its port);
// *store.Store satisfies it, and the package's tests use a fake.
type Store interface {
	FindPairingCandidates(ctx context.Context, forID, topicID string, sectors []model.Sector, limit int) (*model.PairingCandidates, error)
	CollaborationComponent(ctx context.Context, orgIDs, collaborationIDs []string) ([]model.NetworkCollaboration, error)
	CollaborationsBeganBetween(ctx context.Context, from, to model.Date) ([]string, error)
	SectorCombinations(ctx context.Context) (int, map[[2]model.Sector]int, error)
	TopicsByID(ctx context.Context, ids []string) (map[string]*model.Topic, error)

	// For partnership calls (call.go).
	CallCandidates(ctx context.Context, publisherID string, topicIDs []string, sectors []model.Sector, limit int) (*model.PairingCandidates, map[string]string, error)
	CollaborationNetwork(ctx context.Context) ([]model.NetworkCollaboration, model.Version, error)
	CurrentVersion(ctx context.Context) (model.Version, error)
}

// Translators finds the people who could bridge pairs of organisations
// (internal/bridge's *Service).
type Translators interface {
	PairTranslators(ctx context.Context, viewer model.PersonScope, pairs [][2]*model.Organisation, perPair int) ([][]*model.TranslatorMatch, error)
	// AnchoredTranslators is PairTranslators for the pairs of anchor with
	// each of others.
	AnchoredTranslators(ctx context.Context, viewer model.PersonScope, anchor *model.Organisation, others []*model.Organisation, perPair int) ([][]*model.TranslatorMatch, error)
}
