package evaluation

import (
	"context"

	"github.com/tulkki/tulkki/internal/model"
)

// Store is what partner evaluations need from storage.
type Store interface {
	RecordPartnerEvaluation(ctx context.Context, e model.PartnerEvaluation, movedBy string) (*model.Collaboration, error)
	PartnerEvaluationsOf(ctx context.Context, collabIDs []string) (map[string]*model.PartnerEvaluations, error)
}
