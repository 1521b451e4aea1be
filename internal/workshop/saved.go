package workshop

import (
	"context"
	"fmt"
	"slices"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/validate"
)

// CreateInput saves a plan as a workshop. The plan is made again from its
// input: with the same seed over the same data it is the plan that was
// previewed with Plan.
type CreateInput struct {
	Title       string
	Date        model.Date
	Place       string
	Facilitator string
	Plan        PlanInput
}

// Create plans and saves a workshop in one step.
func (s *Service) Create(ctx context.Context, caller auth.Principal, in CreateInput) (*model.Workshop, error) {
	if err := requireManager(caller); err != nil {
		return nil, err
	}
	w := model.Workshop{CreatedBy: caller.Subject, Date: in.Date}
	var err error
	if w.Title, err = validate.Name("title", in.Title, validate.MaxName); err != nil {
		return nil, err
	}
	if w.Place, err = validate.Text("place", in.Place, validate.MaxName); err != nil {
		return nil, err
	}
	if w.Facilitator, err = validate.Text("facilitator", in.Facilitator, validate.MaxName); err != nil {
		return nil, err
	}
	if err := validate.Date("date", in.Date); err != nil {
		return nil, err
	}
	params, subjects, err := s.checkPlanInput(ctx, in.Plan)
	if err != nil {
		return nil, err
	}
	plan, err := s.plan(ctx, params, subjects)
	if err != nil {
		return nil, err
	}
	w.Plan = *plan
	created, err := s.store.CreateWorkshop(ctx, w)
	if err != nil {
		return nil, fmt.Errorf("save workshop %q: %w", w.Title, err)
	}
	return created, nil
}

// requireReader checks that the caller may read w.
func requireReader(caller auth.Principal, w *model.Workshop) error {
	if caller.Anonymous() {
		return errs.Unauthenticated("sign in to read workshops")
	}
	if !auth.CanReadWorkshop(caller, personIDs(w)) {
		return auth.Deny(caller, "only facilitators, administrators and the workshop's participants may read a workshop")
	}
	return nil
}

func personIDs(w *model.Workshop) []string {
	ids := make([]string, len(w.Plan.Participants))
	for i, p := range w.Plan.Participants {
		ids[i] = p.PersonID
	}
	return ids
}

// Workshop returns workshop id if the caller may read it.
func (s *Service) Workshop(ctx context.Context, caller auth.Principal, id string) (*model.Workshop, error) {
	if caller.Anonymous() {
		return nil, errs.Unauthenticated("sign in to read workshops")
	}
	ws, err := s.store.WorkshopsByID(ctx, []string{id})
	w, err := errs.Lookup("workshop", id, ws, err)
	if err != nil {
		return nil, err
	}
	if err := requireReader(caller, w); err != nil {
		return nil, err
	}
	return w, nil
}

// Workshops lists the workshops the caller may read, latest first, on
// topicID when it is set.
func (s *Service) Workshops(ctx context.Context, caller auth.Principal, first *int, topicID *string) ([]*model.Workshop, error) {
	if caller.Anonymous() {
		return nil, errs.Unauthenticated("sign in to read workshops")
	}
	n := 20
	if first != nil {
		if *first < 1 || *first > MaxListed {
			return nil, errs.Invalid("first", "first must be between 1 and %d, got %d", MaxListed, *first)
		}
		n = *first
	}
	participant := ""
	if !auth.CanManageWorkshops(caller) {
		participant = caller.Subject
	}
	return s.store.ListWorkshops(ctx, participant, deref(topicID), n)
}

// Update changes a workshop's title, date, place or facilitator.
func (s *Service) Update(ctx context.Context, caller auth.Principal, id string, patch model.WorkshopPatch) (*model.Workshop, error) {
	if err := requireManager(caller); err != nil {
		return nil, err
	}
	if patch.Title != nil {
		t, err := validate.Name("title", *patch.Title, validate.MaxName)
		if err != nil {
			return nil, err
		}
		patch.Title = &t
	}
	var err error
	if patch.Place, err = validate.OptionalText("place", patch.Place, validate.MaxName); err != nil {
		return nil, err
	}
	if patch.Facilitator, err = validate.OptionalText("facilitator", patch.Facilitator, validate.MaxName); err != nil {
		return nil, err
	}
	if patch.Date != nil {
		if err := validate.Date("date", *patch.Date); err != nil {
			return nil, err
		}
	}
	return s.store.UpdateWorkshop(ctx, id, patch)
}

// Delete removes a workshop and its seating.
func (s *Service) Delete(ctx context.Context, caller auth.Principal, id string) (string, error) {
	if err := requireManager(caller); err != nil {
		return "", err
	}
	if err := s.store.DeleteWorkshop(ctx, id); err != nil {
		return "", err
	}
	return id, nil
}

// edit applies change to a copy of the workshop's seating, checks the
// constraints again and saves seating and check together.
func (s *Service) edit(ctx context.Context, caller auth.Principal, id string, change func(w *model.Workshop, seats []*model.WorkshopParticipant) ([]*model.WorkshopParticipant, error)) (*model.Workshop, error) {
	if err := requireManager(caller); err != nil {
		return nil, err
	}
	ws, err := s.store.WorkshopsByID(ctx, []string{id})
	w, err := errs.Lookup("workshop", id, ws, err)
	if err != nil {
		return nil, err
	}
	seats := make([]*model.WorkshopParticipant, len(w.Plan.Participants))
	for i, p := range w.Plan.Participants {
		c := *p
		seats[i] = &c
	}
	if seats, err = change(w, seats); err != nil {
		return nil, err
	}
	plan := model.WorkshopPlan{Params: w.Plan.Params, Participants: seats}
	model.SortSeats(plan.Participants)
	if err := s.recheck(ctx, &plan); err != nil {
		return nil, err
	}
	return s.store.ReplaceSeating(ctx, id, w.UpdatedAt, plan)
}

// recheck loads what evaluate needs about a saved seating and runs it.
func (s *Service) recheck(ctx context.Context, plan *model.WorkshopPlan) error {
	var orgIDs, translatorIDs []string
	for _, p := range plan.Participants {
		if p.Role == model.RoleTranslator {
			translatorIDs = append(translatorIDs, p.PersonID)
		} else if !slices.Contains(orgIDs, p.OrganisationID) {
			orgIDs = append(orgIDs, p.OrganisationID)
		}
	}
	slices.Sort(orgIDs)
	list, err := s.store.PlanOrganisationsByID(ctx, plan.Params.TopicID, orgIDs, nil, 0)
	if err != nil {
		return fmt.Errorf("load seated organisations: %w", err)
	}
	orgs := make(map[string]*model.PlanOrganisation, len(list))
	for i := range list {
		orgs[list[i].ID] = &list[i]
	}
	pairs, err := s.store.CollaboratedPairs(ctx, orgIDs)
	if err != nil {
		return fmt.Errorf("find past partners: %w", err)
	}
	trs, err := s.profiles(ctx, translatorIDs, nil)
	if err != nil {
		return err
	}
	byID := map[string]Translator{}
	for _, tr := range trs {
		byID[tr.ID] = tr
	}
	subjects, err := s.store.PlanSubjects(ctx, plan.Params.MustInclude)
	if err != nil {
		return fmt.Errorf("resolve mustInclude: %w", err)
	}
	evaluate(plan, facts{orgs: orgs, unusual: newPairing(pairs), translators: byID, subjects: subjects})
	return nil
}

func seatOf(seats []*model.WorkshopParticipant, personID string) (*model.WorkshopParticipant, error) {
	i := slices.IndexFunc(seats, func(p *model.WorkshopParticipant) bool { return p.PersonID == personID })
	if i < 0 {
		return nil, errs.Invalid("personId", "person %q is not a participant of this workshop", personID)
	}
	return seats[i], nil
}

func checkTable(w *model.Workshop, table int) error {
	if table < 1 || table > w.Plan.Params.Tables {
		return errs.Invalid("table", "table must be between 1 and %d, got %d", w.Plan.Params.Tables, table)
	}
	return nil
}

// Move seats a participant at another table.
func (s *Service) Move(ctx context.Context, caller auth.Principal, workshopID, personID string, table int) (*model.Workshop, error) {
	return s.edit(ctx, caller, workshopID, func(w *model.Workshop, seats []*model.WorkshopParticipant) ([]*model.WorkshopParticipant, error) {
		if err := checkTable(w, table); err != nil {
			return nil, err
		}
		seat, err := seatOf(seats, personID)
		if err != nil {
			return nil, err
		}
		seat.Table = table
		return seats, nil
	})
}

// Swap exchanges the tables of two participants.
func (s *Service) Swap(ctx context.Context, caller auth.Principal, workshopID string, personIDs []string) (*model.Workshop, error) {
	ids, err := validate.IDs("personIds", personIDs)
	if err != nil {
		return nil, err
	}
	if len(ids) != 2 {
		return nil, errs.Invalid("personIds", "swap takes exactly two different people, got %d", len(ids))
	}
	return s.edit(ctx, caller, workshopID, func(w *model.Workshop, seats []*model.WorkshopParticipant) ([]*model.WorkshopParticipant, error) {
		a, err := seatOf(seats, ids[0])
		if err != nil {
			return nil, err
		}
		b, err := seatOf(seats, ids[1])
		if err != nil {
			return nil, err
		}
		a.Table, b.Table = b.Table, a.Table
		return seats, nil
	})
}

// AddInput seats one more person.
type AddInput struct {
	PersonID       string
	OrganisationID string
	Table          int
	Role           model.WorkshopRole
}

// Add seats a person: a representative of an organisation where they have
// a stint, or a translator open to bridging. Private people cannot be seated.
func (s *Service) Add(ctx context.Context, caller auth.Principal, workshopID string, in AddInput) (*model.Workshop, error) {
	if err := validate.OneOf("role", in.Role, model.AllWorkshopRoles); err != nil {
		return nil, err
	}
	return s.edit(ctx, caller, workshopID, func(w *model.Workshop, seats []*model.WorkshopParticipant) ([]*model.WorkshopParticipant, error) {
		if err := checkTable(w, in.Table); err != nil {
			return nil, err
		}
		if slices.ContainsFunc(seats, func(p *model.WorkshopParticipant) bool { return p.PersonID == in.PersonID }) {
			return nil, errs.Conflict("person %q already has a seat at this workshop", in.PersonID)
		}
		if len(seats) >= MaxSize {
			return nil, errs.Invalid("personId", "a workshop seats at most %d participants", MaxSize)
		}
		people, err := s.store.SeatablePeople(ctx, []string{in.PersonID})
		if err != nil {
			return nil, fmt.Errorf("load person %s: %w", in.PersonID, err)
		}
		person := people[in.PersonID]
		if person == nil {
			return nil, errs.NotFound("person", in.PersonID)
		}
		seat := &model.WorkshopParticipant{PersonID: in.PersonID, Table: in.Table, Role: in.Role}
		switch in.Role {
		case model.RoleTranslator:
			if in.OrganisationID != "" {
				return nil, errs.Invalid("organisationId", "a translator does not represent an organisation; leave organisationId out")
			}
			if !person.OpenToBridging {
				return nil, errs.Invalid("personId", "person %q is not open to bridging and cannot be a translator", in.PersonID)
			}
		default:
			if in.OrganisationID == "" {
				return nil, errs.Invalid("organisationId", "a representative needs the organisation they speak for")
			}
			ok, err := s.store.HasStintAt(ctx, in.PersonID, in.OrganisationID)
			if err != nil {
				return nil, fmt.Errorf("check stint of %s at %s: %w", in.PersonID, in.OrganisationID, err)
			}
			if !ok {
				return nil, errs.Invalid("organisationId", "person %q has no stint at organisation %q", in.PersonID, in.OrganisationID)
			}
			seat.OrganisationID = in.OrganisationID
		}
		return append(seats, seat), nil
	})
}

// Remove takes a participant's seat away.
func (s *Service) Remove(ctx context.Context, caller auth.Principal, workshopID, personID string) (*model.Workshop, error) {
	return s.edit(ctx, caller, workshopID, func(_ *model.Workshop, seats []*model.WorkshopParticipant) ([]*model.WorkshopParticipant, error) {
		if _, err := seatOf(seats, personID); err != nil {
			return nil, err
		}
		return slices.DeleteFunc(seats, func(p *model.WorkshopParticipant) bool { return p.PersonID == personID }), nil
	})
}

// Link records that a collaboration started at a workshop.
func (s *Service) Link(ctx context.Context, caller auth.Principal, collabID, workshopID string) (*model.Workshop, error) {
	if err := requireManager(caller); err != nil {
		return nil, err
	}
	if err := s.store.LinkCollaborationToWorkshop(ctx, collabID, workshopID); err != nil {
		return nil, err
	}
	return s.Workshop(ctx, caller, workshopID)
}

// Unlink removes that record.
func (s *Service) Unlink(ctx context.Context, caller auth.Principal, collabID, workshopID string) (*model.Workshop, error) {
	if err := requireManager(caller); err != nil {
		return nil, err
	}
	if err := s.store.UnlinkCollaborationFromWorkshop(ctx, collabID, workshopID); err != nil {
		return nil, err
	}
	return s.Workshop(ctx, caller, workshopID)
}

// Outcomes lists the collaborations each workshop started (for a loader;
// the caller has already been allowed to read the workshops).
func (s *Service) Outcomes(ctx context.Context, workshopIDs []string) (map[string][]*model.Collaboration, error) {
	return s.store.OutcomesByWorkshop(ctx, workshopIDs)
}

// OriginsOf maps collaborations to the workshop each started at, leaving
// out workshops the caller may not read (for a loader).
func (s *Service) OriginsOf(ctx context.Context, caller auth.Principal, collabIDs []string) (map[string]*model.Workshop, error) {
	ws, err := s.store.WorkshopsByCollaboration(ctx, collabIDs)
	if err != nil {
		return nil, err
	}
	for id, w := range ws {
		if caller.Anonymous() || !auth.CanReadWorkshop(caller, personIDs(w)) {
			delete(ws, id)
		}
	}
	return ws, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
