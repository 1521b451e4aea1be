package synth

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tulkki/tulkki/internal/collaboration"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/validate"
)

// The Check functions apply to generated records the same rules the API
// applies to input (package validate, and the collaboration rules: exactly
// one LEAD, no organisation or person twice, ratings in range, EVALUATED
// with an evaluation), plus the generator's own promises: gen- ids, dates
// not after Reference, at most one ongoing stint. Bulk import bypasses the
// domain layer, so generate checks every record before writing it.

// CheckOrganisation checks one organisation.
func CheckOrganisation(x store.ImportOrganisation) error {
	o := x.Organisation
	return wrap("organisation "+o.ID, errors.Join(
		checkID(o.ID, "org-"),
		exact("name", o.Name, func(s string) (string, error) { return validate.Name("name", s, validate.MaxName) }),
		validate.OneOf("kind", o.Kind, model.AllOrganisationKinds),
		validate.OneOf("sector", o.Sector, model.AllSectors),
		exact("region", o.Region, func(s string) (string, error) { return validate.Name("region", s, validate.MaxRegion) }),
		exact("website", o.Website, func(s string) (string, error) { return validate.Website("website", s) }),
		exact("description", o.Description, func(s string) (string, error) {
			return validate.Text("description", s, validate.MaxDescription)
		}),
		distinct("topicIds", x.TopicIDs),
	))
}

// CheckPerson checks one person with their experiences.
func CheckPerson(x store.ImportPerson) error {
	p := x.Person
	errs := []error{
		checkID(p.ID, "person-"),
		exact("name", p.Name, func(s string) (string, error) { return validate.Name("name", s, validate.MaxName) }),
		exact("headline", p.Headline, func(s string) (string, error) {
			return validate.Name("headline", s, validate.MaxHeadline)
		}),
		exact("region", p.Region, func(s string) (string, error) { return validate.Name("region", s, validate.MaxRegion) }),
		exact("email", p.Email, func(s string) (string, error) { return validate.Email("email", s) }),
		exact("phone", p.Phone, func(s string) (string, error) { return validate.Phone("phone", s) }),
		validate.OneOf("visibility", p.Visibility, model.AllVisibilities),
		distinct("expertiseTopicIds", x.ExpertiseTopicIDs),
	}
	if langs, err := validate.Languages("languages", p.Languages); err != nil || !slices.Equal(langs, p.Languages) || len(langs) == 0 {
		errs = append(errs, fmt.Errorf("languages %v are not distinct ISO 639 codes: %v", p.Languages, err))
	}
	if len(x.Experiences) == 0 {
		errs = append(errs, errors.New("no experiences"))
	}
	ongoing := 0
	for _, e := range x.Experiences {
		if e.EndDate == nil {
			ongoing++
		}
		errs = append(errs, wrap("experience "+e.ID, errors.Join(
			checkID(e.ID, "exp-"),
			nonEmpty("organisationId", e.OrganisationID),
			same("personId", e.PersonID, p.ID),
			validate.OneOf("kind", e.Kind, model.AllExperienceKinds),
			exact("roleTitle", e.RoleTitle, func(s string) (string, error) {
				return validate.Name("roleTitle", s, validate.MaxRoleTitle)
			}),
			validate.DateRange(&e.StartDate, e.EndDate),
			notAfterReference("startDate", e.StartDate),
			optionalNotAfterReference("endDate", e.EndDate),
		)))
	}
	if ongoing > 1 {
		errs = append(errs, fmt.Errorf("%d ongoing experiences, at most one (the current job)", ongoing))
	}
	return wrap("person "+p.ID, errors.Join(errs...))
}

// CheckCollaboration checks one collaboration with its partners,
// contributors and phase history.
func CheckCollaboration(x store.ImportCollaboration) error {
	c := x.Collaboration
	errs := []error{
		checkID(c.ID, "collab-"),
		exact("title", c.Title, func(s string) (string, error) { return validate.Name("title", s, validate.MaxName) }),
		exact("description", c.Description, func(s string) (string, error) {
			return validate.Text("description", s, validate.MaxDescription)
		}),
		validate.OneOf("form", c.Form, model.AllCollaborationForms),
		validate.OneOf("phase", c.Phase, model.AllPhases),
		validate.DateRange(c.StartDate, c.EndDate),
		optionalNotAfterReference("startDate", c.StartDate),
		optionalNotAfterReference("endDate", c.EndDate),
		distinct("topicIds", x.TopicIDs),
	}
	// Partners: at least one, no organisation twice, exactly one LEAD.
	if len(x.Partners) == 0 {
		errs = append(errs, errors.New("no partners"))
	}
	orgs := make([]string, len(x.Partners))
	leads := 0
	for i, p := range x.Partners {
		orgs[i] = p.OrganisationID
		errs = append(errs, validate.OneOf("role", p.Role, model.AllPartnerRoles), same("partner collaborationId", p.CollaborationID, c.ID))
		if p.Role == model.PartnerLead {
			leads++
		}
	}
	if leads != 1 {
		errs = append(errs, fmt.Errorf("%d LEAD partners, exactly one required", leads))
	}
	errs = append(errs, distinct("partners", orgs))
	people := make([]string, len(x.Contributors))
	for i, k := range x.Contributors {
		people[i] = k.PersonID
		errs = append(errs, validate.OneOf("role", k.Role, model.AllContributorRoles), same("contributor collaborationId", k.CollaborationID, c.ID))
	}
	errs = append(errs, distinct("contributors", people))
	// Evaluation: exactly the EVALUATED ones, rated in range.
	switch ev := c.Evaluation; {
	case c.Phase == model.PhaseEvaluated && ev == nil:
		errs = append(errs, errors.New("EVALUATED without an evaluation"))
	case c.Phase != model.PhaseEvaluated && ev != nil:
		errs = append(errs, fmt.Errorf("evaluation on a %s collaboration", c.Phase))
	case ev != nil:
		if ev.Rating < collaboration.MinRating || ev.Rating > collaboration.MaxRating {
			errs = append(errs, fmt.Errorf("rating %d outside %d..%d", ev.Rating, collaboration.MinRating, collaboration.MaxRating))
		}
		errs = append(errs, exact("evaluation notes", ev.Notes, func(s string) (string, error) {
			return validate.Text("notes", s, validate.MaxDescription)
		}), notAfterReference("evaluatedAt", model.DateOf(ev.EvaluatedAt)))
	}
	// History: from the first phase to the current one, in time order.
	if len(x.PhaseHistory) == 0 {
		errs = append(errs, errors.New("no phase history"))
	} else if last := x.PhaseHistory[len(x.PhaseHistory)-1]; last.Phase != c.Phase {
		errs = append(errs, fmt.Errorf("history ends in %s, phase is %s", last.Phase, c.Phase))
	}
	for i, h := range x.PhaseHistory {
		errs = append(errs, validate.OneOf("history phase", h.Phase, model.AllPhases),
			exact("history note", h.Note, func(s string) (string, error) { return validate.Text("note", s, validate.MaxNote) }),
			notAfterReference("history at", model.DateOf(h.At)))
		if i > 0 && h.At.Before(x.PhaseHistory[i-1].At) {
			errs = append(errs, fmt.Errorf("history step %d is earlier than step %d", i+1, i))
		}
	}
	return wrap("collaboration "+c.ID, errors.Join(errs...))
}

func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}

// checkID requires "gen-[namespace-]<kind>-…".
func checkID(id, kind string) error {
	rest, ok := strings.CutPrefix(id, IDPrefix)
	if i := strings.Index(rest, kind); !ok || i < 0 || len(rest) == i+len(kind) || (i > 0 && rest[i-1] != '-') {
		return fmt.Errorf("id %q is not of the form %s[namespace-]%s…", id, IDPrefix, kind)
	}
	return nil
}

// exact applies an API check that normalises its input and requires the
// value to pass unchanged (stored as the API would store it).
func exact(field, v string, check func(string) (string, error)) error {
	got, err := check(v)
	if err != nil {
		return err
	}
	if got != v {
		return fmt.Errorf("%s %q is not normalised (want %q)", field, v, got)
	}
	return nil
}

func nonEmpty(field, v string) error {
	if strings.TrimSpace(v) == "" {
		return fmt.Errorf("%s is empty", field)
	}
	return nil
}

func same(field, got, want string) error {
	if got != want {
		return fmt.Errorf("%s is %q, want %q", field, got, want)
	}
	return nil
}

// distinct requires ids the API would accept as given: non-empty, trimmed,
// none twice, at most validate.MaxIDs.
func distinct(field string, ids []string) error {
	got, err := validate.IDs(field, ids)
	if err != nil {
		return err
	}
	if !slices.Equal(got, ids) && !(len(got) == 0 && len(ids) == 0) {
		return fmt.Errorf("%s %v has duplicates or untrimmed ids", field, ids)
	}
	return nil
}

func notAfterReference(field string, d model.Date) error {
	if Reference.Before(d) {
		return fmt.Errorf("%s %s is after the reference date %s", field, d, Reference)
	}
	return nil
}

func optionalNotAfterReference(field string, d *model.Date) error {
	if d == nil {
		return nil
	}
	return notAfterReference(field, *d)
}
