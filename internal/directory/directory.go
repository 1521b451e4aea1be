// Package directory is the domain of who and what is in the network:
// people, their experiences, organisations, topics and sectors. It
// validates input, applies the rules, and calls the store; it knows nothing
// of GraphQL or HTTP.
package directory

import (
	"context"
	"fmt"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/validate"
)

// Service is the directory's entry point.
type Service struct {
	store Store
}

// New returns a directory over st.
func New(st Store) *Service { return &Service{store: st} }

// ---- people ----

// Person returns the person with this id. A person the caller may not
// see is NOT_FOUND, so that hidden profiles do not reveal they exist.
func (s *Service) Person(ctx context.Context, caller auth.Principal, id string) (*model.Person, error) {
	m, err := s.PeopleByID(ctx, caller, []string{id})
	return errs.Lookup("person", id, m, err)
}

// PeopleByID loads many people at once (for batching loaders), leaving out
// those the caller may not see.
func (s *Service) PeopleByID(ctx context.Context, caller auth.Principal, ids []string) (map[string]*model.Person, error) {
	people, err := s.store.PeopleByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for id, p := range people {
		if !auth.CanSeePerson(caller, p) {
			delete(people, id)
		}
	}
	return people, nil
}

// ReadPerson reads the person with this id with the fields of sel;
// NOT_FOUND when there is none or the caller may not see them.
func (s *Service) ReadPerson(ctx context.Context, caller auth.Principal, id string, sel model.Selection) (*model.Person, error) {
	m, err := s.store.ReadPeople(ctx, []string{id}, sel, auth.PersonScopeOf(caller))
	return errs.Lookup("person", id, m, err)
}

// ReadPeopleByID reads the people with these ids whom the caller may see,
// with the fields of sel.
func (s *Service) ReadPeopleByID(ctx context.Context, caller auth.Principal, ids []string, sel model.Selection) (map[string]*model.Person, error) {
	return s.store.ReadPeople(ctx, ids, sel, auth.PersonScopeOf(caller))
}

// ReadMe reads the caller's own person with the fields of sel, or nil when
// the caller is anonymous or has no profile yet.
func (s *Service) ReadMe(ctx context.Context, caller auth.Principal, sel model.Selection) (*model.Person, error) {
	sub := caller.Subject
	if sub == "" {
		return nil, nil
	}
	m, err := s.store.ReadPeople(ctx, []string{sub}, sel, auth.PersonScopeOf(caller))
	if err != nil {
		return nil, fmt.Errorf("read own person: %w", err)
	}
	return m[sub], nil
}

// Me returns the caller's own person, or nil when the caller is anonymous
// or has no profile yet.
func (s *Service) Me(ctx context.Context, caller auth.Principal) (*model.Person, error) {
	sub := caller.Subject
	if sub == "" {
		return nil, nil
	}
	m, err := s.store.PeopleByID(ctx, []string{sub})
	if err != nil {
		return nil, fmt.Errorf("load own person: %w", err)
	}
	return m[sub], nil
}

// Contact returns a visible person's contact details if the caller may see
// them: nil when the person has not consented to facilitators, FORBIDDEN
// when the caller's role never sees others' contact details.
func (s *Service) Contact(ctx context.Context, caller auth.Principal, p *model.Person) (*model.ContactDetails, error) {
	switch auth.CanSeeContact(caller, p) {
	case auth.ContactAllowed:
		return &model.ContactDetails{Email: p.Email, Phone: p.Phone}, nil
	case auth.ContactWithheld:
		return nil, nil
	default:
		return nil, errs.Forbidden("only the person, facilitators (with the person's consent) and administrators see contact details")
	}
}

// ListPeople pages through people matching f.
func (s *Service) ListPeople(ctx context.Context, caller auth.Principal, f model.PersonFilter, first *int, after *string, read model.PageRead) (*model.Page[*model.Person], error) {
	n, err := validate.PageSize(first)
	if err != nil {
		return nil, err
	}
	if f.Search, err = validate.Text("search", f.Search, validate.MaxSearch); err != nil {
		return nil, err
	}
	if f.Language != "" {
		langs, err := validate.Languages("language", []string{f.Language})
		if err != nil {
			return nil, err
		}
		f.Language = langs[0]
	}
	f.Scope = auth.PersonScopeOf(caller)
	return s.store.ReadPeoplePage(ctx, f, n, after, read)
}

// NewPerson is the input of CreatePerson.
type NewPerson struct {
	Person            model.Person
	ExpertiseTopicIDs []string
}

// CreatePerson validates and stores a new person. A professional's person
// takes their token's subject as id, so the token and the profile are one
// identity; an admin's gets a fresh id.
func (s *Service) CreatePerson(ctx context.Context, caller auth.Principal, in NewPerson) (*model.Person, error) {
	p := in.Person
	p.ID = ""
	if !caller.IsAdmin() {
		p.ID = caller.Subject
	}
	if !auth.CanCreatePerson(caller, p.ID) {
		return nil, auth.Deny(caller, "only a professional (for themselves) or an administrator may create a person")
	}
	var err error
	if p.Name, err = validate.Name("name", p.Name, validate.MaxName); err != nil {
		return nil, err
	}
	if p.Headline, err = validate.Text("headline", p.Headline, validate.MaxHeadline); err != nil {
		return nil, err
	}
	if p.Region, err = validate.Text("region", p.Region, validate.MaxRegion); err != nil {
		return nil, err
	}
	if p.Languages, err = validate.Languages("languages", p.Languages); err != nil {
		return nil, err
	}
	if p.Email, err = validate.Email("email", p.Email); err != nil {
		return nil, err
	}
	if p.Phone, err = validate.Phone("phone", p.Phone); err != nil {
		return nil, err
	}
	if p.Visibility == "" {
		p.Visibility = model.VisibilityMembers
	}
	if err := validate.OneOf("visibility", p.Visibility, model.AllVisibilities); err != nil {
		return nil, err
	}
	topics, err := validate.IDs("expertiseTopicIds", in.ExpertiseTopicIDs)
	if err != nil {
		return nil, err
	}
	created, err := s.store.CreatePerson(ctx, p, topics)
	if err != nil {
		return nil, fmt.Errorf("create person: %w", err)
	}
	return created, nil
}

// UpdatePerson validates and applies a partial update. Only the person
// themselves (or an admin) may, which also makes them the only ones to
// change their visibility and consent settings.
func (s *Service) UpdatePerson(ctx context.Context, caller auth.Principal, id string, patch model.PersonPatch) (*model.Person, error) {
	if !auth.CanEditPerson(caller, id) {
		return nil, auth.Deny(caller, "only the person themselves or an administrator may change a profile")
	}
	if err := checkPersonPatch(&patch); err != nil {
		return nil, err
	}
	updated, err := s.store.UpdatePerson(ctx, id, patch)
	if err != nil {
		return nil, fmt.Errorf("update person %s: %w", id, err)
	}
	return updated, nil
}

func checkPersonPatch(p *model.PersonPatch) error {
	var err error
	if p.Name != nil {
		var v string
		if v, err = validate.Name("name", *p.Name, validate.MaxName); err != nil {
			return err
		}
		p.Name = &v
	}
	if p.Headline, err = validate.OptionalText("headline", p.Headline, validate.MaxHeadline); err != nil {
		return err
	}
	if p.Region, err = validate.OptionalText("region", p.Region, validate.MaxRegion); err != nil {
		return err
	}
	if p.Email != nil {
		v, err := validate.Email("email", *p.Email)
		if err != nil {
			return err
		}
		p.Email = &v
	}
	if p.Phone != nil {
		v, err := validate.Phone("phone", *p.Phone)
		if err != nil {
			return err
		}
		p.Phone = &v
	}
	if p.Languages != nil {
		v, err := validate.Languages("languages", *p.Languages)
		if err != nil {
			return err
		}
		p.Languages = &v
	}
	if p.Visibility != nil {
		if err := validate.OneOf("visibility", *p.Visibility, model.AllVisibilities); err != nil {
			return err
		}
	}
	if p.ExpertiseTopicIDs != nil {
		v, err := validate.IDs("expertiseTopicIds", *p.ExpertiseTopicIDs)
		if err != nil {
			return err
		}
		p.ExpertiseTopicIDs = &v
	}
	return nil
}

// ---- experiences ----

// Experience returns the stint with this id, if its person is visible.
func (s *Service) Experience(ctx context.Context, caller auth.Principal, id string) (*model.Experience, error) {
	m, err := s.store.ExperiencesByID(ctx, []string{id})
	e, err := errs.Lookup("experience", id, m, err)
	if err != nil {
		return nil, err
	}
	if _, err := s.Person(ctx, caller, e.PersonID); err != nil {
		return nil, errs.NotFound("experience", id)
	}
	return e, nil
}

// editableExperience loads a stint for a change and checks the caller may
// edit its person. A stint of a person hidden from the caller is NOT_FOUND,
// like the person, so that changes cannot probe for hidden profiles.
func (s *Service) editableExperience(ctx context.Context, caller auth.Principal, id string) (*model.Experience, error) {
	e, err := s.Experience(ctx, caller, id)
	if err != nil {
		return nil, err
	}
	if !auth.CanEditPerson(caller, e.PersonID) {
		return nil, auth.Deny(caller, "only the person themselves or an administrator may change their experiences")
	}
	return e, nil
}

// AddExperience validates and records a stint.
func (s *Service) AddExperience(ctx context.Context, caller auth.Principal, e model.Experience) (*model.Experience, error) {
	if !auth.CanEditPerson(caller, e.PersonID) {
		return nil, auth.Deny(caller, "only the person themselves or an administrator may log their experiences")
	}
	if err := checkExperience(&e); err != nil {
		return nil, err
	}
	added, err := s.store.AddExperience(ctx, e)
	if err != nil {
		return nil, fmt.Errorf("add experience for person %s: %w", e.PersonID, err)
	}
	return added, nil
}

func checkExperience(e *model.Experience) error {
	if err := validate.OneOf("kind", e.Kind, model.AllExperienceKinds); err != nil {
		return err
	}
	var err error
	if e.RoleTitle, err = validate.Text("roleTitle", e.RoleTitle, validate.MaxRoleTitle); err != nil {
		return err
	}
	return validate.DateRange(&e.StartDate, e.EndDate)
}

// UpdateExperience applies a partial update; the rules are checked on the
// stint as it would be afterwards, inside the same transaction.
func (s *Service) UpdateExperience(ctx context.Context, caller auth.Principal, id string, patch model.ExperiencePatch) (*model.Experience, error) {
	if patch.Kind != nil {
		if err := validate.OneOf("kind", *patch.Kind, model.AllExperienceKinds); err != nil {
			return nil, err
		}
	}
	var err error
	if patch.RoleTitle, err = validate.OptionalText("roleTitle", patch.RoleTitle, validate.MaxRoleTitle); err != nil {
		return nil, err
	}
	if _, err := s.editableExperience(ctx, caller, id); err != nil {
		return nil, err
	}
	updated, err := s.store.UpdateExperience(ctx, id, patch, func(after *model.Experience) error {
		return checkExperience(after)
	})
	if err != nil {
		return nil, fmt.Errorf("update experience %s: %w", id, err)
	}
	return updated, nil
}

// RemoveExperience deletes a stint and returns its person as they are now.
func (s *Service) RemoveExperience(ctx context.Context, caller auth.Principal, id string) (*model.Person, error) {
	if _, err := s.editableExperience(ctx, caller, id); err != nil {
		return nil, err
	}
	personID, err := s.store.RemoveExperience(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("remove experience %s: %w", id, err)
	}
	return s.Person(ctx, caller, personID)
}
