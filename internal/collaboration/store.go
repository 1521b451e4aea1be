package collaboration

import (
	"context"

	"github.com/tulkki/tulkki/internal/bridge"
	"github.com/tulkki/tulkki/internal/model"
)

// Store is what collaborations need from storage (the domain's port);
// *store.Store satisfies it.
type Store interface {
	CollaborationsByID(ctx context.Context, ids []string) (map[string]*model.Collaboration, error)
	ReadCollaborations(ctx context.Context, ids []string, sel model.Selection, scope model.PersonScope) (map[string]*model.Collaboration, error)
	ReadCollaborationsPage(ctx context.Context, f model.CollaborationFilter, o model.CollaborationOrdering, first int, after *string, r model.PageRead, scope model.PersonScope) (*model.Page[*model.Collaboration], error)
	// CollaborationIDs lists every collaboration matching f, in no order.
	CollaborationIDs(ctx context.Context, f model.CollaborationFilter) ([]string, error)
	PartnersByCollaboration(ctx context.Context, collabIDs []string) (map[string][]*model.Partnership, error)
	PeopleByID(ctx context.Context, ids []string) (map[string]*model.Person, error)
	CollaborationSectorGaps(ctx context.Context, collabID string, sectors []model.Sector, perSector int) (*model.SectorGaps, error)

	CreateCollaboration(ctx context.Context, c model.Collaboration, topicIDs []string,
		partners []model.Partnership, contributors []model.Contribution, movedBy string) (*model.Collaboration, error)
	// UpdateCollaboration applies patch and calls check with the result
	// before committing; an error from check rolls it back.
	UpdateCollaboration(ctx context.Context, id string, patch model.CollaborationPatch,
		check func(after *model.Collaboration) error) (*model.Collaboration, error)
	AddPartner(ctx context.Context, collabID, orgID string, role model.PartnerRole) (*model.Collaboration, error)
	RemovePartner(ctx context.Context, collabID, orgID string) (*model.Collaboration, error)
	AddContributor(ctx context.Context, collabID, personID string, role model.ContributorRole) (*model.Collaboration, error)
	RemoveContributor(ctx context.Context, collabID, personID string) (*model.Collaboration, error)
	InviteContributor(ctx context.Context, collabID, personID string, role model.ContributorRole, by string) (*model.Collaboration, error)
	AnswerInvitation(ctx context.Context, collabID, personID string, accept bool) (*model.Collaboration, error)
	InvitationsByPerson(ctx context.Context, personID string) ([]*model.ContributorInvitation, error)
	InvitationsByCollaboration(ctx context.Context, collabIDs []string) (map[string][]*model.ContributorInvitation, error)
	// HandOverLead calls check with the current LEADs under the
	// collaboration's lock; an error from it rolls the change back.
	HandOverLead(ctx context.Context, collabID, toPersonID string, previousRole model.ContributorRole,
		check func(leads []string) error) (*model.Collaboration, error)
	MovePhase(ctx context.Context, collabID string, phase model.CollaborationPhase, note, movedBy string) (*model.Collaboration, error)
	RecordEvaluation(ctx context.Context, collabID string, rating int, notes, movedBy string) (*model.Collaboration, error)
	AddCollaborationNote(ctx context.Context, collabID string, kind model.CollaborationNoteKind, text, author string) (*model.Collaboration, error)
}

// Translators ranks people who could bridge two sectors: internal/bridge's
// *Service. Next steps call it rather than scoring people themselves, so
// there is one translator score.
type Translators interface {
	TranslatorsBetweenSectors(ctx context.Context, viewer model.PersonScope, q bridge.Query) ([]*model.TranslatorMatch, error)
}

// Boldness measures how far apart collaborations' partners were when they
// began (docs/scoring.md §7.2): internal/pairing's *Service, so there is
// one boldness score. Unknown ids are left out.
type Boldness interface {
	Boldness(ctx context.Context, collaborationIDs []string) (map[string]*model.Boldness, error)
}
