package analysis

import (
	"context"

	"github.com/tulkki/tulkki/internal/model"
)

// Store is what `tulkki analyze` needs from storage (its port);
// *store.Store satisfies it.
type Store interface {
	LoadCoMembership(ctx context.Context) (*model.CoMembership, error)
	SaveNetworkMeasures(ctx context.Context, rows []model.NetworkRow, run model.AnalysisRun, batchSize int, progress model.ImportProgress) error
}
