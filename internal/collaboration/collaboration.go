// Package collaboration is the domain of collaborations between
// organisations, after the city partnership model: a collaboration takes
// one of the partnership forms, has one LEAD partner among its partner
// organisations, people who contribute to it, and goes through five phases
// (need identified, partners mapped, goals agreed, launched, evaluated),
// rarely in order. It validates input, applies the rules, and calls the
// store; the rules that depend on the stored state (one LEAD, at least one
// partner, EVALUATED needs an evaluation) are checked by the store inside
// the transaction that makes the change. It knows nothing of GraphQL.
package collaboration

import (
	"context"
	"fmt"
	"slices"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/i18n"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/validate"
)

// Service is the collaboration domain's entry point.
type Service struct {
	store       Store
	translators Translators
	boldness    Boldness
}

// New returns a collaboration service over st; next steps find their
// translators with tr, and a list ordered by boldness is measured by bold.
func New(st Store, tr Translators, bold Boldness) *Service {
	return &Service{store: st, translators: tr, boldness: bold}
}

// Evaluation ratings run from MinRating (poor) to MaxRating (excellent).
const (
	MinRating = 1
	MaxRating = 5
)

// authorise checks that the caller may change collaboration id: an admin,
// or an editor of one of its partner organisations.
func (s *Service) authorise(ctx context.Context, caller auth.Principal, id string) error {
	return s.authoriseBy(ctx, caller, id, auth.CanEditCollaboration,
		"only editors of a partner organisation and administrators may change a collaboration")
}

// authoriseSteering checks that the caller may move collaboration id's
// phase or record a note on it: as authorise, and coordinators.
func (s *Service) authoriseSteering(ctx context.Context, caller auth.Principal, id string) error {
	return s.authoriseBy(ctx, caller, id, auth.CanSteerCollaboration,
		"only coordinators, editors of a partner organisation and administrators may move a collaboration or record notes on it")
}

// authoriseBy checks may(caller, the collaboration's partners); why is the
// refusal's message.
func (s *Service) authoriseBy(ctx context.Context, caller auth.Principal, id string,
	may func(auth.Principal, []string) bool, why string) error {
	ok, err := s.may(ctx, caller, id, may)
	if err == nil && !ok {
		err = auth.Deny(caller, why)
	}
	return err
}

// may reports may(caller, the partners of collaboration id); NOT_FOUND
// when there is no such collaboration (admins may anything: the store
// reports unknown ids itself).
func (s *Service) may(ctx context.Context, caller auth.Principal, id string, may func(auth.Principal, []string) bool) (bool, error) {
	if caller.IsAdmin() {
		return true, nil
	}
	if _, err := s.Collaboration(ctx, id); err != nil {
		return false, err
	}
	partners, err := s.store.PartnersByCollaboration(ctx, []string{id})
	if err != nil {
		return false, fmt.Errorf("load partners of collaboration %s: %w", id, err)
	}
	return may(caller, partnerOrgs(partners[id])), nil
}

func partnerOrgs(partners []*model.Partnership) []string {
	orgs := make([]string, 0, len(partners))
	for _, p := range partners {
		orgs = append(orgs, p.OrganisationID)
	}
	return orgs
}

// ---- reading ----

// Collaboration returns the collaboration with this id.
func (s *Service) Collaboration(ctx context.Context, id string) (*model.Collaboration, error) {
	m, err := s.store.CollaborationsByID(ctx, []string{id})
	return errs.Lookup("collaboration", id, m, err)
}

// ReadCollaboration reads the collaboration with this id with the fields
// of sel; NOT_FOUND when there is none.
func (s *Service) ReadCollaboration(ctx context.Context, caller auth.Principal, id string, sel model.Selection) (*model.Collaboration, error) {
	m, err := s.store.ReadCollaborations(ctx, []string{id}, sel, auth.PersonScopeOf(caller))
	return errs.Lookup("collaboration", id, m, err)
}

// ReadCollaborationsByID reads the collaborations with these ids with the
// fields of sel.
func (s *Service) ReadCollaborationsByID(ctx context.Context, caller auth.Principal, ids []string, sel model.Selection) (map[string]*model.Collaboration, error) {
	return s.store.ReadCollaborations(ctx, ids, sel, auth.PersonScopeOf(caller))
}

// ListCollaborations pages through the collaborations matching f, in
// order o (by title when zero).
func (s *Service) ListCollaborations(ctx context.Context, caller auth.Principal, f model.CollaborationFilter, o model.CollaborationOrdering,
	first *int, after *string, read model.PageRead) (*model.Page[*model.Collaboration], error) {
	n, err := validate.PageSize(first)
	if err != nil {
		return nil, err
	}
	if f.Search, err = validate.Text("search", f.Search, validate.MaxSearch); err != nil {
		return nil, err
	}
	if err := validate.OptionalOneOf("phase", f.Phase, model.AllPhases); err != nil {
		return nil, err
	}
	if err := validate.OptionalOneOf("form", f.Form, model.AllCollaborationForms); err != nil {
		return nil, err
	}
	if err := validate.OptionalOneOf("sector", f.Sector, model.AllSectors); err != nil {
		return nil, err
	}
	if f.Region, err = validate.Text("region", f.Region, validate.MaxRegion); err != nil {
		return nil, err
	}
	if f.StalledFor != "" {
		if f.StalledFor, err = validate.PositiveDuration("stalledFor", f.StalledFor); err != nil {
			return nil, err
		}
	}
	if o.Field == "" {
		o.Field = model.OrderByTitle
	}
	if err := validate.OneOf("orderBy.field", o.Field, model.AllCollaborationOrderFields); err != nil {
		return nil, err
	}
	o.Scores = nil
	if o.Field == model.OrderByBoldness {
		if o.Scores, err = s.boldnessOf(ctx, f); err != nil {
			return nil, err
		}
	}
	return s.store.ReadCollaborationsPage(ctx, f, o, n, after, read, auth.PersonScopeOf(caller))
}

// boldnessOf measures every collaboration matching f (the store cannot
// order by boldness itself): their scores by id.
func (s *Service) boldnessOf(ctx context.Context, f model.CollaborationFilter) (map[string]float64, error) {
	ids, err := s.store.CollaborationIDs(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("list collaborations to order by boldness: %w", err)
	}
	measured, err := s.boldness.Boldness(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("measure boldness: %w", err)
	}
	scores := make(map[string]float64, len(measured))
	for id, b := range measured {
		scores[id] = b.Score
	}
	return scores, nil
}

// MovedBySubject is the raw subject who made phase change h, for callers
// allowed to audit it (auth.CanSeeActorSubject); nil for others and when
// none is recorded. Everyone else sees the person through PhaseChange.movedBy,
// under the visibility rules.
func (s *Service) MovedBySubject(ctx context.Context, caller auth.Principal, h *model.PhaseChange) *string {
	if h.MovedBy == "" || !auth.CanSeeActorSubject(caller) {
		return nil
	}
	return &h.MovedBy
}

// ---- creating and editing ----

// NewCollaboration is the input of CreateCollaboration. Collaboration's
// ID, Evaluation and timestamps are ignored; an empty Phase means
// NEED_IDENTIFIED.
type NewCollaboration struct {
	Collaboration model.Collaboration
	TopicIDs      []string
	Partners      []model.Partnership
	Contributors  []model.Contribution
}

// CreateCollaboration validates and stores a new collaboration.
func (s *Service) CreateCollaboration(ctx context.Context, caller auth.Principal, in NewCollaboration) (*model.Collaboration, error) {
	c := in.Collaboration
	var err error
	if c.Title, err = validate.Name("title", c.Title, validate.MaxName); err != nil {
		return nil, err
	}
	if c.Description, err = validate.Text("description", c.Description, validate.MaxDescription); err != nil {
		return nil, err
	}
	if err := validate.OneOf("form", c.Form, model.AllCollaborationForms); err != nil {
		return nil, err
	}
	if c.Phase == "" {
		c.Phase = model.PhaseNeedIdentified
	}
	if err := validate.OneOf("phase", c.Phase, model.AllPhases); err != nil {
		return nil, err
	}
	if c.Phase == model.PhaseEvaluated {
		return nil, errs.Invalid("phase", "a collaboration cannot be created as EVALUATED; "+
			"create it as LAUNCHED and record an evaluation after launch instead")
	}
	if err := validate.DateRange(c.StartDate, c.EndDate); err != nil {
		return nil, err
	}
	c.Evaluation = nil
	topics, err := validate.IDs("topicIds", in.TopicIDs)
	if err != nil {
		return nil, err
	}
	partners, err := checkPartners(in.Partners)
	if err != nil {
		return nil, err
	}
	contributors, err := checkContributors(in.Contributors)
	if err != nil {
		return nil, err
	}
	for i := range contributors {
		contributors[i].Invited = invites(caller, contributors[i].PersonID)
	}
	orgs := make([]string, len(partners))
	for i, p := range partners {
		orgs[i] = p.OrganisationID
	}
	if !auth.CanEditCollaboration(caller, orgs) {
		return nil, auth.Deny(caller, "only administrators and editors of one of the partner organisations may create a collaboration")
	}
	// As addContributor: a person the caller may not see is NOT_FOUND, so
	// the contributor list cannot probe for hidden people.
	people := make([]string, len(contributors))
	for i, c := range contributors {
		people[i] = c.PersonID
	}
	if err := s.requireVisible(ctx, caller, people...); err != nil {
		return nil, fmt.Errorf("create collaboration: %w", err)
	}
	created, err := s.store.CreateCollaboration(ctx, c, topics, partners, contributors, caller.Subject)
	if err != nil {
		return nil, fmt.Errorf("create collaboration: %w", err)
	}
	return created, nil
}

// checkPartners requires at least one partner, valid ids and roles, no
// organisation twice and exactly one LEAD.
func checkPartners(in []model.Partnership) ([]model.Partnership, error) {
	if len(in) == 0 {
		return nil, errs.Invalid("partners", "a collaboration needs at least one partner organisation, one of them the LEAD")
	}
	ids := make([]string, len(in))
	for i, p := range in {
		ids[i] = p.OrganisationID
	}
	ids, err := distinctIDs("partners", "organisation", ids)
	if err != nil {
		return nil, err
	}
	out := make([]model.Partnership, len(in))
	leads := 0
	for i, p := range in {
		if err := validate.OneOf("role", p.Role, model.AllPartnerRoles); err != nil {
			return nil, err
		}
		if p.Role == model.PartnerLead {
			leads++
		}
		out[i] = model.Partnership{OrganisationID: ids[i], Role: p.Role}
	}
	if leads != 1 {
		return nil, errs.Invalid("partners", "exactly one partner must have the role LEAD, got %d", leads)
	}
	return out, nil
}

// checkContributors requires valid ids and roles and no person twice.
func checkContributors(in []model.Contribution) ([]model.Contribution, error) {
	ids := make([]string, len(in))
	for i, k := range in {
		ids[i] = k.PersonID
	}
	ids, err := distinctIDs("contributors", "person", ids)
	if err != nil {
		return nil, err
	}
	out := make([]model.Contribution, len(in))
	for i, k := range in {
		if err := validate.OneOf("role", k.Role, model.AllContributorRoles); err != nil {
			return nil, err
		}
		out[i] = model.Contribution{PersonID: ids[i], Role: k.Role}
	}
	return out, nil
}

// distinctIDs trims ids (validate.IDs) and, unlike it, refuses a repeated
// id instead of dropping it: a repeat with another role is ambiguous. The
// result is in the order of ids.
func distinctIDs(field, noun string, ids []string) ([]string, error) {
	trimmed := make([]string, len(ids))
	seen := make(map[string]bool, len(ids))
	for i, id := range ids {
		one, err := validate.IDs(field, []string{id})
		if err != nil {
			return nil, err
		}
		trimmed[i] = one[0]
		if seen[trimmed[i]] {
			return nil, errs.Invalid(field, "%s %q is listed twice in %s", i18n.T(noun), trimmed[i], field)
		}
		seen[trimmed[i]] = true
	}
	if _, err := validate.IDs(field, trimmed); err != nil { // the length cap
		return nil, err
	}
	return trimmed, nil
}

// UpdateCollaboration validates and applies a partial update; the date
// range is checked on the collaboration as it would be afterwards, inside
// the same transaction. Phase, partners, contributors and the evaluation
// have mutations of their own.
func (s *Service) UpdateCollaboration(ctx context.Context, caller auth.Principal, id string, p model.CollaborationPatch) (*model.Collaboration, error) {
	if p.Title != nil {
		v, err := validate.Name("title", *p.Title, validate.MaxName)
		if err != nil {
			return nil, err
		}
		p.Title = &v
	}
	var err error
	if p.Description, err = validate.OptionalText("description", p.Description, validate.MaxDescription); err != nil {
		return nil, err
	}
	if p.Form != nil {
		if err := validate.OneOf("form", *p.Form, model.AllCollaborationForms); err != nil {
			return nil, err
		}
	}
	if p.TopicIDs != nil {
		v, err := validate.IDs("topicIds", *p.TopicIDs)
		if err != nil {
			return nil, err
		}
		p.TopicIDs = &v
	}
	if !p.SetStartDate {
		p.StartDate = nil
	}
	if !p.SetEndDate {
		p.EndDate = nil
	}
	// Each given date alone must be plausible; the range is checked on the
	// after-state below, where the other date may come from the database.
	if err := validate.DateRange(p.StartDate, nil); err != nil {
		return nil, err
	}
	if err := validate.DateRange(nil, p.EndDate); err != nil {
		return nil, err
	}
	if err := s.authorise(ctx, caller, id); err != nil {
		return nil, err
	}
	updated, err := s.store.UpdateCollaboration(ctx, id, p, func(after *model.Collaboration) error {
		return validate.DateRange(after.StartDate, after.EndDate)
	})
	if err != nil {
		return nil, fmt.Errorf("update collaboration %s: %w", id, err)
	}
	return updated, nil
}

// ---- partners and contributors ----

// requireVisible refuses people the caller may not see as NOT_FOUND, the
// same answer as for an id that does not exist, so that adding
// contributors cannot probe for hidden profiles.
func (s *Service) requireVisible(ctx context.Context, caller auth.Principal, personIDs ...string) error {
	if len(personIDs) == 0 {
		return nil
	}
	people, err := s.store.PeopleByID(ctx, personIDs)
	if err != nil {
		return fmt.Errorf("load people %v: %w", personIDs, err)
	}
	for _, id := range personIDs {
		if !auth.CanSeePerson(caller, people[id]) {
			return errs.NotFound("person", id)
		}
	}
	return nil
}

// AddPartner makes an organisation a partner in a collaboration. An
// organisation is a partner at most once; there is at most one LEAD.
func (s *Service) AddPartner(ctx context.Context, caller auth.Principal, collabID, orgID string, role model.PartnerRole) (*model.Collaboration, error) {
	if err := validate.OneOf("role", role, model.AllPartnerRoles); err != nil {
		return nil, err
	}
	if err := s.authorise(ctx, caller, collabID); err != nil {
		return nil, err
	}
	c, err := s.store.AddPartner(ctx, collabID, orgID, role)
	if err != nil {
		return nil, fmt.Errorf("add partner %s to collaboration %s: %w", orgID, collabID, err)
	}
	return c, nil
}

// RemovePartner ends an organisation's partnership in a collaboration. A
// collaboration keeps at least one partner, and the LEAD cannot be removed
// while other partners remain; together these mean the LEAD stays for the
// collaboration's lifetime. (The LEAD *contributor*, a person, can be handed
// over: HandOverLead.)
func (s *Service) RemovePartner(ctx context.Context, caller auth.Principal, collabID, orgID string) (*model.Collaboration, error) {
	if err := s.authorise(ctx, caller, collabID); err != nil {
		return nil, err
	}
	c, err := s.store.RemovePartner(ctx, collabID, orgID)
	if err != nil {
		return nil, fmt.Errorf("remove partner %s from collaboration %s: %w", orgID, collabID, err)
	}
	return c, nil
}

// invites reports whether caller adding person personID as a contributor
// is an invitation the person answers: always, except for administrators
// (who record contributions, e.g. from an import or on request) and for
// people adding themselves. Nobody is listed as contributing to a
// collaboration without having agreed to it.
func invites(caller auth.Principal, personID string) bool {
	return !caller.IsAdmin() && !(caller.Subject != "" && caller.Subject == personID)
}

// AddContributor adds a person to a collaboration: an editor of a partner
// invites them (they appear once they accept, see invites); an
// administrator, or a person adding themselves, records the contribution
// at once.
func (s *Service) AddContributor(ctx context.Context, caller auth.Principal, collabID, personID string, role model.ContributorRole) (*model.Collaboration, error) {
	if err := validate.OneOf("role", role, model.AllContributorRoles); err != nil {
		return nil, err
	}
	if err := s.authorise(ctx, caller, collabID); err != nil {
		return nil, err
	}
	if err := s.requireVisible(ctx, caller, personID); err != nil {
		return nil, err
	}
	if invites(caller, personID) {
		c, err := s.store.InviteContributor(ctx, collabID, personID, role, caller.Subject)
		if err != nil {
			return nil, fmt.Errorf("invite %s to collaboration %s: %w", personID, collabID, err)
		}
		return c, nil
	}
	c, err := s.store.AddContributor(ctx, collabID, personID, role)
	if err != nil {
		return nil, fmt.Errorf("add contributor %s to collaboration %s: %w", personID, collabID, err)
	}
	return c, nil
}

// AnswerInvitation accepts or declines the caller's invitation to
// collaboration collabID: accepted, they contribute in the invited role.
// NOT_FOUND when the caller has no invitation to it.
func (s *Service) AnswerInvitation(ctx context.Context, caller auth.Principal, collabID string, accept bool) (*model.Collaboration, error) {
	if caller.Subject == "" {
		return nil, auth.Deny(caller, "only the invited person may answer an invitation")
	}
	ids, err := validate.IDs("collaborationId", []string{collabID})
	if err != nil {
		return nil, err
	}
	c, err := s.store.AnswerInvitation(ctx, ids[0], caller.Subject, accept)
	if err != nil {
		return nil, fmt.Errorf("answer the invitation to collaboration %s: %w", collabID, err)
	}
	return c, nil
}

// MyInvitations lists the invitations waiting for person personID's
// answer when that is the caller; nil for anyone else.
func (s *Service) MyInvitations(ctx context.Context, caller auth.Principal, personID string) ([]*model.ContributorInvitation, error) {
	if caller.Subject == "" || caller.Subject != personID {
		return nil, nil
	}
	out, err := s.store.InvitationsByPerson(ctx, personID)
	if out == nil && err == nil {
		out = []*model.ContributorInvitation{}
	}
	return out, err
}

// PendingInvitations lists, for each of collabIDs, the invitations not yet
// answered: to those who steer it (its partners' editors, coordinators,
// administrators), of the people they may see; an empty list to everyone
// else.
func (s *Service) PendingInvitations(ctx context.Context, caller auth.Principal, collabIDs []string) ([][]*model.ContributorInvitation, error) {
	out := make([][]*model.ContributorInvitation, len(collabIDs))
	for i := range out {
		out[i] = []*model.ContributorInvitation{}
	}
	if caller.Anonymous() {
		return out, nil
	}
	partners, err := s.store.PartnersByCollaboration(ctx, collabIDs)
	if err != nil {
		return nil, fmt.Errorf("load partners: %w", err)
	}
	invitations, err := s.store.InvitationsByCollaboration(ctx, collabIDs)
	if err != nil {
		return nil, fmt.Errorf("load invitations: %w", err)
	}
	var people []string
	for _, list := range invitations {
		for _, inv := range list {
			people = append(people, inv.PersonID)
		}
	}
	if len(people) == 0 {
		return out, nil
	}
	persons, err := s.store.PeopleByID(ctx, people)
	if err != nil {
		return nil, fmt.Errorf("load invited people: %w", err)
	}
	for i, id := range collabIDs {
		if !auth.CanSteerCollaboration(caller, partnerOrgs(partners[id])) {
			continue
		}
		for _, inv := range invitations[id] {
			if auth.CanSeePerson(caller, persons[inv.PersonID]) {
				out[i] = append(out[i], inv)
			}
		}
	}
	return out, nil
}

// HandOverLead makes contributor toPersonID the collaboration's one LEAD
// contributor; the previous LEAD contributes on as previousRole (MEMBER
// when empty). The current LEAD may hand it over, and so may whoever
// steers the collaboration (its partners' editors, coordinators,
// administrators). Whether the caller is the LEAD is checked under the
// collaboration's lock, so of two concurrent handovers by the LEAD only
// the first succeeds.
func (s *Service) HandOverLead(ctx context.Context, caller auth.Principal, collabID, toPersonID string, previousRole model.ContributorRole) (*model.Collaboration, error) {
	if previousRole == "" {
		previousRole = model.ContributorMember
	}
	if err := validate.OneOf("previousLeadRole", previousRole, model.AllContributorRoles); err != nil {
		return nil, err
	}
	if previousRole == model.ContributorLead {
		return nil, errs.Invalid("previousLeadRole", "the previous LEAD needs another role: there is one LEAD")
	}
	const why = "only the collaboration's LEAD, editors of a partner organisation, coordinators and administrators may hand over the lead"
	if caller.Subject == "" {
		return nil, auth.Deny(caller, why)
	}
	steers, err := s.may(ctx, caller, collabID, auth.CanSteerCollaboration)
	if err != nil {
		return nil, err
	}
	if err := s.requireVisible(ctx, caller, toPersonID); err != nil {
		return nil, err
	}
	c, err := s.store.HandOverLead(ctx, collabID, toPersonID, previousRole, func(leads []string) error {
		if steers || slices.Contains(leads, caller.Subject) {
			return nil
		}
		return auth.Deny(caller, why)
	})
	if err != nil {
		return nil, fmt.Errorf("hand the lead of collaboration %s to %s: %w", collabID, toPersonID, err)
	}
	return c, nil
}

// RemoveContributor removes a person from a collaboration.
func (s *Service) RemoveContributor(ctx context.Context, caller auth.Principal, collabID, personID string) (*model.Collaboration, error) {
	if err := s.authorise(ctx, caller, collabID); err != nil {
		return nil, err
	}
	c, err := s.store.RemoveContributor(ctx, collabID, personID)
	if err != nil {
		return nil, fmt.Errorf("remove contributor %s from collaboration %s: %w", personID, collabID, err)
	}
	return c, nil
}

// ---- phases and evaluation ----

// MovePhase moves a collaboration to another phase, in any direction (the
// phases rarely go in order), with an optional note for the history.
// EVALUATED is reached by recording an evaluation; moving to it directly
// works only when one is stored already. Moving to the current phase is a
// no-op.
func (s *Service) MovePhase(ctx context.Context, caller auth.Principal, id string, phase model.CollaborationPhase, note string) (*model.Collaboration, error) {
	if err := validate.OneOf("phase", phase, model.AllPhases); err != nil {
		return nil, err
	}
	note, err := validate.Text("note", note, validate.MaxNote)
	if err != nil {
		return nil, err
	}
	if err := s.authoriseSteering(ctx, caller, id); err != nil {
		return nil, err
	}
	c, err := s.store.MovePhase(ctx, id, phase, note, caller.Subject)
	if err != nil {
		return nil, fmt.Errorf("move collaboration %s to %s: %w", id, phase, err)
	}
	return c, nil
}

// RecordEvaluation stores the partners' joint evaluation (rating 1..5,
// optional notes) of a LAUNCHED or EVALUATED collaboration, replacing any
// earlier one, and moves it to EVALUATED.
func (s *Service) RecordEvaluation(ctx context.Context, caller auth.Principal, id string, rating int, notes string) (*model.Collaboration, error) {
	if rating < MinRating || rating > MaxRating {
		return nil, errs.Invalid("rating", "rating must be between %d (poor) and %d (excellent), got %d", MinRating, MaxRating, rating)
	}
	notes, err := validate.Text("notes", notes, validate.MaxDescription)
	if err != nil {
		return nil, err
	}
	if err := s.authorise(ctx, caller, id); err != nil {
		return nil, err
	}
	c, err := s.store.RecordEvaluation(ctx, id, rating, notes, caller.Subject)
	if err != nil {
		return nil, fmt.Errorf("record evaluation of collaboration %s: %w", id, err)
	}
	return c, nil
}

// ---- notes ----

// AddNote records a dated note or decision by the caller on collaboration
// id (coordinators, the partners' editors, administrators). The text is
// required, at most validate.MaxCollaborationNote characters.
func (s *Service) AddNote(ctx context.Context, caller auth.Principal, id string, kind model.CollaborationNoteKind, text string) (*model.Collaboration, error) {
	if kind == "" {
		kind = model.NoteKindNote
	}
	if err := validate.OneOf("kind", kind, model.AllNoteKinds); err != nil {
		return nil, err
	}
	text, err := validate.Text("text", text, validate.MaxCollaborationNote)
	if err != nil {
		return nil, err
	}
	if text == "" {
		return nil, errs.Invalid("text", "a note needs some text")
	}
	if err := s.authoriseSteering(ctx, caller, id); err != nil {
		return nil, err
	}
	c, err := s.store.AddCollaborationNote(ctx, id, kind, text, caller.Subject)
	if err != nil {
		return nil, fmt.Errorf("add a note to collaboration %s: %w", id, err)
	}
	return c, nil
}
