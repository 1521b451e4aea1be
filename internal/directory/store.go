package directory

import (
	"context"

	"github.com/tulkki/tulkki/internal/model"
)

// Store is what the directory needs from storage (its port);
// *store.Store satisfies it.
type Store interface {
	// People and their experiences.
	PeopleByID(ctx context.Context, ids []string) (map[string]*model.Person, error)
	ReadPeople(ctx context.Context, ids []string, sel model.Selection, scope model.PersonScope) (map[string]*model.Person, error)
	ReadPeoplePage(ctx context.Context, f model.PersonFilter, first int, after *string, r model.PageRead) (*model.Page[*model.Person], error)
	CreatePerson(ctx context.Context, p model.Person, expertiseTopicIDs []string) (*model.Person, error)
	UpdatePerson(ctx context.Context, id string, patch model.PersonPatch) (*model.Person, error)
	ExperiencesByID(ctx context.Context, ids []string) (map[string]*model.Experience, error)
	ExperiencesByPerson(ctx context.Context, personIDs []string) (map[string][]*model.Experience, error)
	AddExperience(ctx context.Context, e model.Experience) (*model.Experience, error)
	// UpdateExperience applies patch and calls check with the result
	// before committing; an error from check rolls it back.
	UpdateExperience(ctx context.Context, id string, patch model.ExperiencePatch, check func(after *model.Experience) error) (*model.Experience, error)
	RemoveExperience(ctx context.Context, id string) (string, error)

	// Organisations, topics and sectors.
	OrganisationsByID(ctx context.Context, ids []string) (map[string]*model.Organisation, error)
	ReadOrganisations(ctx context.Context, ids []string, sel model.Selection, scope model.PersonScope) (map[string]*model.Organisation, error)
	ReadOrganisationsPage(ctx context.Context, f model.OrganisationFilter, first int, after *string, r model.PageRead, scope model.PersonScope) (*model.Page[*model.Organisation], error)
	CreateOrganisation(ctx context.Context, o model.Organisation, topicIDs []string) (*model.Organisation, error)
	UpdateOrganisation(ctx context.Context, id string, patch model.OrganisationPatch) (*model.Organisation, error)
	Topics(ctx context.Context) ([]*model.Topic, error)
	TopicsPage(ctx context.Context, search string, first int, after *string, count bool) (*model.Page[*model.Topic], error)
	TopicsByID(ctx context.Context, ids []string) (map[string]*model.Topic, error)
	TopicsOf(ctx context.Context, label string, ids []string) (map[string][]*model.Topic, error)
	CreateTopic(ctx context.Context, t model.Topic) (*model.Topic, error)
	Sectors(ctx context.Context) ([]*model.SectorInfo, error)

	// A person's own data: export and erasure.
	ContributionsByPerson(ctx context.Context, personIDs []string) (map[string][]*model.Contribution, error)
	CollaborationsByID(ctx context.Context, ids []string) (map[string]*model.Collaboration, error)
	PersonalRecords(ctx context.Context, id string) (*model.PersonalRecords, error)
	// PartnershipRecordsOf lists the partnership calls, call responses,
	// introductions and partner evaluations a person took part in.
	PartnershipRecordsOf(ctx context.Context, personID string) (map[string]any, error)
	ErasePerson(ctx context.Context, personID, actor, actorSubject string) (*model.DeletionReceipt, error)
}
