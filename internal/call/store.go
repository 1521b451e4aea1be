package call

import (
	"context"
	"time"

	"github.com/tulkki/tulkki/internal/model"
)

// Store is what the call domain needs from storage. Times are passed in so
// that "now" is the domain's (and a test's) to decide.
type Store interface {
	CreateCall(ctx context.Context, c model.PartnershipCall, now time.Time) (*model.PartnershipCall, error)
	CallsByID(ctx context.Context, ids []string, now time.Time) (map[string]*model.PartnershipCall, error)
	OpenCallsByOrganisation(ctx context.Context, orgIDs []string, now time.Time) (map[string][]*model.PartnershipCall, error)
	ReadCallsPage(ctx context.Context, f model.CallFilter, first int, after *string, count bool, now time.Time) (*model.Page[*model.PartnershipCall], error)
	UpdateCall(ctx context.Context, id string, p model.CallPatch, now time.Time, check func(*model.PartnershipCall) error) (*model.PartnershipCall, error)
	MoveCall(ctx context.Context, id string, from []model.CallStatus, to model.CallStatus, now time.Time) (*model.PartnershipCall, error)
	RespondToCall(ctx context.Context, r model.CallResponse, now time.Time) (*model.CallResponse, error)
	CallResponsesByID(ctx context.Context, ids []string) (map[string]*model.CallResponse, error)
	ResponsesOfCalls(ctx context.Context, callIDs []string) (map[string][]*model.CallResponse, error)
	DecideCallResponse(ctx context.Context, id string, to model.CallResponseStatus, actor string, now time.Time) (*model.CallResponse, error)
}
