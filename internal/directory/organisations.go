package directory

import (
	"context"
	"fmt"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/validate"
)

// ReadOrganisation reads the organisation with this id with the fields of
// sel; NOT_FOUND when there is none.
func (s *Service) ReadOrganisation(ctx context.Context, caller auth.Principal, id string, sel model.Selection) (*model.Organisation, error) {
	m, err := s.store.ReadOrganisations(ctx, []string{id}, sel, auth.PersonScopeOf(caller))
	return errs.Lookup("organisation", id, m, err)
}

// CheckMembershipPage checks the page arguments of Organisation.people:
// first, when given, 1..validate.MaxPageSize, and a well-formed after.
// (No first lists every membership, as before paging existed.)
func (s *Service) CheckMembershipPage(first *int, after *string) error {
	if first != nil {
		if _, err := validate.PageSize(first); err != nil {
			return err
		}
	}
	return validate.Cursor("after", after)
}

// ReadOrganisationsByID reads the organisations with these ids with the
// fields of sel.
func (s *Service) ReadOrganisationsByID(ctx context.Context, caller auth.Principal, ids []string, sel model.Selection) (map[string]*model.Organisation, error) {
	return s.store.ReadOrganisations(ctx, ids, sel, auth.PersonScopeOf(caller))
}

// ListOrganisations pages through organisations matching f.
func (s *Service) ListOrganisations(ctx context.Context, caller auth.Principal, f model.OrganisationFilter, first *int, after *string, read model.PageRead) (*model.Page[*model.Organisation], error) {
	n, err := validate.PageSize(first)
	if err != nil {
		return nil, err
	}
	if f.Search, err = validate.Text("search", f.Search, validate.MaxSearch); err != nil {
		return nil, err
	}
	return s.store.ReadOrganisationsPage(ctx, f, n, after, read, auth.PersonScopeOf(caller))
}

// NewOrganisation is the input of CreateOrganisation.
type NewOrganisation struct {
	Organisation model.Organisation
	TopicIDs     []string
}

// CreateOrganisation validates and stores a new organisation.
func (s *Service) CreateOrganisation(ctx context.Context, caller auth.Principal, in NewOrganisation) (*model.Organisation, error) {
	if !auth.CanCreateOrganisation(caller) {
		return nil, auth.Deny(caller, "only administrators may add organisations")
	}
	o := in.Organisation
	var err error
	if o.Name, err = validate.Name("name", o.Name, validate.MaxName); err != nil {
		return nil, err
	}
	if err := validate.OneOf("kind", o.Kind, model.AllOrganisationKinds); err != nil {
		return nil, err
	}
	if err := validate.OneOf("sector", o.Sector, model.AllSectors); err != nil {
		return nil, err
	}
	if o.Region, err = validate.Text("region", o.Region, validate.MaxRegion); err != nil {
		return nil, err
	}
	if o.Website, err = validate.Website("website", o.Website); err != nil {
		return nil, err
	}
	if o.Description, err = validate.Text("description", o.Description, validate.MaxDescription); err != nil {
		return nil, err
	}
	topics, err := validate.IDs("topicIds", in.TopicIDs)
	if err != nil {
		return nil, err
	}
	created, err := s.store.CreateOrganisation(ctx, o, topics)
	if err != nil {
		return nil, fmt.Errorf("create organisation: %w", err)
	}
	return created, nil
}

// UpdateOrganisation validates and applies a partial update.
func (s *Service) UpdateOrganisation(ctx context.Context, caller auth.Principal, id string, p model.OrganisationPatch) (*model.Organisation, error) {
	if !auth.CanEditOrganisation(caller, id) {
		return nil, auth.Deny(caller, "only editors of this organisation and administrators may change it")
	}
	var err error
	if p.Name != nil {
		v, err := validate.Name("name", *p.Name, validate.MaxName)
		if err != nil {
			return nil, err
		}
		p.Name = &v
	}
	if p.Kind != nil {
		if err := validate.OneOf("kind", *p.Kind, model.AllOrganisationKinds); err != nil {
			return nil, err
		}
	}
	if p.Sector != nil {
		if err := validate.OneOf("sector", *p.Sector, model.AllSectors); err != nil {
			return nil, err
		}
	}
	if p.Region, err = validate.OptionalText("region", p.Region, validate.MaxRegion); err != nil {
		return nil, err
	}
	if p.Description, err = validate.OptionalText("description", p.Description, validate.MaxDescription); err != nil {
		return nil, err
	}
	if p.Website != nil {
		v, err := validate.Website("website", *p.Website)
		if err != nil {
			return nil, err
		}
		p.Website = &v
	}
	if p.TopicIDs != nil {
		v, err := validate.IDs("topicIds", *p.TopicIDs)
		if err != nil {
			return nil, err
		}
		p.TopicIDs = &v
	}
	updated, err := s.store.UpdateOrganisation(ctx, id, p)
	if err != nil {
		return nil, fmt.Errorf("update organisation %s: %w", id, err)
	}
	return updated, nil
}

// ---- topics and sectors ----

// Topics lists every topic.
func (s *Service) Topics(ctx context.Context) ([]*model.Topic, error) { return s.store.Topics(ctx) }

// TopicsPage pages through the topics by name, those with search in one
// of their names when it is not empty.
func (s *Service) TopicsPage(ctx context.Context, search string, first *int, after *string, count bool) (*model.Page[*model.Topic], error) {
	n, err := validate.PageSize(first)
	if err != nil {
		return nil, err
	}
	if search, err = validate.Text("search", search, validate.MaxSearch); err != nil {
		return nil, err
	}
	return s.store.TopicsPage(ctx, search, n, after, count)
}

// Topic returns the topic with this id.
func (s *Service) Topic(ctx context.Context, id string) (*model.Topic, error) {
	m, err := s.store.TopicsByID(ctx, []string{id})
	return errs.Lookup("topic", id, m, err)
}

// TopicsByID loads topics by id (for a loader); unknown ids are absent.
func (s *Service) TopicsByID(ctx context.Context, ids []string) (map[string]*model.Topic, error) {
	return s.store.TopicsByID(ctx, ids)
}

// CreateTopic validates and stores a new topic.
func (s *Service) CreateTopic(ctx context.Context, caller auth.Principal, t model.Topic) (*model.Topic, error) {
	if !auth.CanCreateTopic(caller) {
		return nil, auth.Deny(caller, "only organisation editors, facilitators and administrators may add topics")
	}
	var err error
	if t.Name, err = validate.Name("name", t.Name, validate.MaxName); err != nil {
		return nil, err
	}
	if t.NameFi, err = validate.Text("nameFi", t.NameFi, validate.MaxName); err != nil {
		return nil, err
	}
	if t.NameSv, err = validate.Text("nameSv", t.NameSv, validate.MaxName); err != nil {
		return nil, err
	}
	if t.Description, err = validate.Text("description", t.Description, validate.MaxDescription); err != nil {
		return nil, err
	}
	created, err := s.store.CreateTopic(ctx, t)
	if err != nil {
		return nil, fmt.Errorf("create topic: %w", err)
	}
	return created, nil
}

// Sectors lists the four sectors with their names.
func (s *Service) Sectors(ctx context.Context) ([]*model.SectorInfo, error) {
	return s.store.Sectors(ctx)
}
