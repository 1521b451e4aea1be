package directory

import (
	"context"
	"fmt"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// ExportFormat names the shape of the personal-data export, so that a
// later change of shape can be told apart.
const ExportFormat = "tulkki-personal-data/1"

// ownPerson returns the caller's own person for a personal-data request;
// why is the refusal when nobody is signed in.
func (s *Service) ownPerson(ctx context.Context, caller auth.Principal, why string) (*model.Person, error) {
	if caller.Subject == "" {
		return nil, auth.Deny(caller, why)
	}
	p, err := s.Me(ctx, caller)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, errs.Newf(errs.ErrNotFound, "Tulkki holds no profile for you")
	}
	return p, nil
}

// ExportMyData gathers everything Tulkki holds about the caller into one
// JSON-ready document.
func (s *Service) ExportMyData(ctx context.Context, caller auth.Principal) (map[string]any, error) {
	p, err := s.ownPerson(ctx, caller, "exporting your data needs a signed-in person")
	if err != nil {
		return nil, err
	}
	ids := []string{p.ID}
	exps, err := s.store.ExperiencesByPerson(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("export experiences: %w", err)
	}
	topics, err := s.store.TopicsOf(ctx, "Person", ids)
	if err != nil {
		return nil, fmt.Errorf("export expertise: %w", err)
	}
	contribs, err := s.store.ContributionsByPerson(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("export contributions: %w", err)
	}
	var orgIDs, collabIDs []string
	for _, e := range exps[p.ID] {
		orgIDs = append(orgIDs, e.OrganisationID)
	}
	for _, c := range contribs[p.ID] {
		collabIDs = append(collabIDs, c.CollaborationID)
	}
	orgs, err := s.store.OrganisationsByID(ctx, orgIDs)
	if err != nil {
		return nil, fmt.Errorf("export organisations: %w", err)
	}
	collabs, err := s.store.CollaborationsByID(ctx, collabIDs)
	if err != nil {
		return nil, fmt.Errorf("export collaborations: %w", err)
	}
	records, err := s.store.PersonalRecords(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("export workshops, phase changes and stored values: %w", err)
	}
	if records == nil { // erased meanwhile
		return nil, errs.Newf(errs.ErrNotFound, "Tulkki holds no profile for you")
	}

	experiences := []map[string]any{}
	for _, e := range exps[p.ID] {
		x := map[string]any{"id": e.ID, "kind": e.Kind, "roleTitle": e.RoleTitle, "startDate": e.StartDate.String(), "endDate": nil}
		if e.EndDate != nil {
			x["endDate"] = e.EndDate.String()
		}
		if o := orgs[e.OrganisationID]; o != nil {
			x["organisation"] = map[string]any{"id": o.ID, "name": o.Name, "sector": o.Sector}
		}
		experiences = append(experiences, x)
	}
	expertise := []map[string]any{}
	for _, t := range topics[p.ID] {
		expertise = append(expertise, map[string]any{"id": t.ID, "name": t.Name})
	}
	contributions := []map[string]any{}
	for _, c := range contribs[p.ID] {
		x := map[string]any{"role": c.Role, "collaboration": map[string]any{"id": c.CollaborationID}}
		if col := collabs[c.CollaborationID]; col != nil {
			x["collaboration"] = map[string]any{"id": col.ID, "title": col.Title}
		}
		contributions = append(contributions, x)
	}
	partnerships, err := s.store.PartnershipRecordsOf(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("export partnership records: %w", err)
	}
	return map[string]any{
		"format":     ExportFormat,
		"exportedAt": time.Now().UTC().Format(time.RFC3339),
		"person": map[string]any{
			"id": p.ID, "name": p.Name, "headline": p.Headline, "languages": p.Languages, "region": p.Region,
			"contact":    map[string]any{"email": p.Email, "phone": p.Phone},
			"visibility": p.Visibility, "openToBridging": p.OpenToBridging, "contactable": p.Contactable,
			"createdAt": p.CreatedAt.Format(time.RFC3339), "updatedAt": p.UpdatedAt.Format(time.RFC3339),
		},
		"experiences":   experiences,
		"expertise":     expertise,
		"contributions": contributions,
		"storedValues":  records.Stored,
		"workshops":     personalWorkshops(records),
		"phaseChanges":  personalPhaseChanges(records),
		// Partnership calls, call responses, introductions and partner
		// evaluations the person took part in.
		"partnerships": partnerships,
	}, nil
}

// personalWorkshops is the export's workshops section: the seats, and the
// workshops that name the person otherwise.
func personalWorkshops(r *model.PersonalRecords) map[string]any {
	seats := []map[string]any{}
	for _, x := range r.Seats {
		seat := map[string]any{"workshop": map[string]any{"id": x.WorkshopID, "title": x.Title}, "table": x.Table, "role": x.Role, "date": nil}
		if x.Date != nil {
			seat["date"] = x.Date.String()
		}
		seats = append(seats, seat)
	}
	named := []map[string]any{}
	for _, x := range r.Workshops {
		named = append(named, map[string]any{"workshop": map[string]any{"id": x.WorkshopID, "title": x.Title},
			"createdByYou": x.CreatedByYou, "mustInclude": x.MustInclude, "excluded": x.Excluded})
	}
	return map[string]any{"seats": seats, "named": named}
}

func personalPhaseChanges(r *model.PersonalRecords) []map[string]any {
	out := []map[string]any{}
	for _, x := range r.PhaseChanges {
		out = append(out, map[string]any{"collaboration": map[string]any{"id": x.CollaborationID, "title": x.Title},
			"phase": x.Phase, "at": x.At.Format(time.RFC3339), "note": x.Note})
	}
	return out
}

// ErasePerson irreversibly erases person id on an administrator's order
// (a request made to the administrators, say): the same erasure as
// DeleteMyData, audited with the administrator's token subject.
func (s *Service) ErasePerson(ctx context.Context, caller auth.Principal, id string, confirm bool) (*model.DeletionReceipt, error) {
	if !caller.IsAdmin() {
		return nil, auth.Deny(caller, "only administrators can erase someone else's data")
	}
	if !confirm {
		return nil, errs.Invalid("confirm", "erasing a person's data cannot be undone; pass confirm: true to go ahead")
	}
	receipt, err := s.store.ErasePerson(ctx, id, "admin", caller.Subject)
	if err != nil {
		return nil, fmt.Errorf("erase person %s: %w", id, err)
	}
	return receipt, nil
}

// DeleteMyData irreversibly erases the caller's person, stints and contact
// details; see store.ErasePerson for what stays.
func (s *Service) DeleteMyData(ctx context.Context, caller auth.Principal, confirm bool) (*model.DeletionReceipt, error) {
	if !confirm {
		return nil, errs.Invalid("confirm", "erasing your data cannot be undone; pass confirm: true to go ahead")
	}
	p, err := s.ownPerson(ctx, caller, "deleting your data needs a signed-in person")
	if err != nil {
		return nil, err
	}
	receipt, err := s.store.ErasePerson(ctx, p.ID, "self", "")
	if err != nil {
		return nil, fmt.Errorf("erase own data: %w", err)
	}
	return receipt, nil
}
