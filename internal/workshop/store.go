package workshop

import (
	"context"
	"time"

	"github.com/tulkki/tulkki/internal/bridge"
	"github.com/tulkki/tulkki/internal/model"
)

// Store is what workshops need from storage (the workshop domain's port);
// *store.Store satisfies it, and the package's tests use a fake.
type Store interface {
	// Planning: who could come, and who worked together before.
	TopicsByID(ctx context.Context, ids []string) (map[string]*model.Topic, error)
	PlanSubjects(ctx context.Context, ids []string) (map[string]model.PlanSubject, error)
	PlanCandidates(ctx context.Context, topicID string, sectors []model.Sector, exclude []string, perSectorCap int) ([]model.PlanOrganisation, error)
	PlanOrganisationsByID(ctx context.Context, topicID string, ids, exclude []string, peopleCap int) ([]model.PlanOrganisation, error)
	PlanTranslators(ctx context.Context, topicID string, orgIDs, exclude []string, perSource, limit int) ([]model.PlanTranslator, error)
	CollaboratedPairs(ctx context.Context, orgIDs []string) ([][2]string, error)
	SeatablePeople(ctx context.Context, ids []string) (map[string]*model.Person, error)
	HasStintAt(ctx context.Context, personID, orgID string) (bool, error)
	OrganisationsByID(ctx context.Context, ids []string) (map[string]*model.Organisation, error)

	// Saved workshops and the collaborations they led to.
	CreateWorkshop(ctx context.Context, w model.Workshop) (*model.Workshop, error)
	WorkshopsByID(ctx context.Context, ids []string) (map[string]*model.Workshop, error)
	ListWorkshops(ctx context.Context, participant, topicID string, limit int) ([]*model.Workshop, error)
	UpdateWorkshop(ctx context.Context, id string, patch model.WorkshopPatch) (*model.Workshop, error)
	ReplaceSeating(ctx context.Context, id string, version time.Time, plan model.WorkshopPlan) (*model.Workshop, error)
	DeleteWorkshop(ctx context.Context, id string) error
	LinkCollaborationToWorkshop(ctx context.Context, collabID, workshopID string) error
	UnlinkCollaborationFromWorkshop(ctx context.Context, collabID, workshopID string) error
	OutcomesByWorkshop(ctx context.Context, workshopIDs []string) (map[string][]*model.Collaboration, error)
	WorkshopsByCollaboration(ctx context.Context, collabIDs []string) (map[string]*model.Workshop, error)
}

// Translators finds and describes translators (internal/bridge's *Service).
type Translators interface {
	TranslatorsBetweenSectors(ctx context.Context, viewer model.PersonScope, q bridge.Query) ([]*model.TranslatorMatch, error)
	// BridgingProfiles describes how each of these people bridges sectors.
	BridgingProfiles(ctx context.Context, personIDs []string) (map[string]*model.BridgingProfile, error)
}
