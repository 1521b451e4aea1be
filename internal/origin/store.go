package origin

import (
	"context"
	"time"

	"github.com/tulkki/tulkki/internal/model"
)

// Store is what starting collaborations needs from storage.
type Store interface {
	CallsByID(ctx context.Context, ids []string, now time.Time) (map[string]*model.PartnershipCall, error)
	ResponsesOfCalls(ctx context.Context, callIDs []string) (map[string][]*model.CallResponse, error)
	IntroductionsByID(ctx context.Context, ids []string, now time.Time) (map[string]*model.Introduction, error)
	StartCollaboration(ctx context.Context, c model.Collaboration, topicIDs []string, partners []model.Partnership,
		movedBy string, origin model.CollaborationOrigin) (*model.Collaboration, error)
	CollaborationOrigins(ctx context.Context, ids []string) (map[string]*model.CollaborationOrigin, error)
}
