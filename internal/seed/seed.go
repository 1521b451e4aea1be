package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/store"
)

// Counts says how many records of each kind a dataset holds.
type Counts struct {
	Topics, Organisations, People, Experiences, Collaborations int
}

// Counts tallies the dataset.
func (ds *Dataset) Counts() Counts {
	c := Counts{Topics: len(ds.Topics), Organisations: len(ds.Organisations), People: len(ds.People),
		Collaborations: len(ds.Collaborations)}
	for _, p := range ds.People {
		c.Experiences += len(p.Experiences)
	}
	return c
}

// ImportSet converts the dataset into the store's import form, checking
// every date and enum on the way, so a broken data file fails before any
// write.
func (ds *Dataset) ImportSet() (store.ImportSet, error) {
	var set store.ImportSet
	for _, t := range ds.Topics {
		set.Topics = append(set.Topics, model.Topic{ID: t.ID, Name: t.Name, NameFi: t.NameFi, NameSv: t.NameSv, Description: t.Description})
	}
	for _, o := range ds.Organisations {
		set.Organisations = append(set.Organisations, store.ImportOrganisation{
			Organisation: model.Organisation{ID: o.ID, Name: o.Name, Kind: model.OrganisationKind(o.Kind),
				Sector: model.Sector(o.Sector), Region: o.Region, Website: o.Website, Description: o.Description},
			TopicIDs: o.Topics,
		})
	}
	for _, p := range ds.People {
		ip := store.ImportPerson{
			Person: model.Person{ID: p.ID, Name: p.Name, Headline: p.Headline, Languages: p.Languages, Region: p.Region,
				Email: p.Email, Phone: p.Phone, Visibility: model.Visibility(p.Visibility),
				OpenToBridging: p.OpenToBridging, Contactable: p.Contactable},
			ExpertiseTopicIDs: p.Expertise,
		}
		for _, e := range p.Experiences {
			start, end, err := dates(e.StartDate, e.EndDate)
			if err != nil {
				return set, fmt.Errorf("experience %s: %w", e.ID, err)
			}
			ip.Experiences = append(ip.Experiences, model.Experience{ID: e.ID, PersonID: p.ID,
				OrganisationID: e.Organisation, Kind: model.ExperienceKind(e.Kind), RoleTitle: e.RoleTitle,
				StartDate: *start, EndDate: end})
		}
		set.People = append(set.People, ip)
	}
	for _, c := range ds.Collaborations {
		start, end, err := dates(c.StartDate, c.EndDate)
		if err != nil {
			return set, fmt.Errorf("collaboration %s: %w", c.ID, err)
		}
		ic := store.ImportCollaboration{
			Collaboration: model.Collaboration{ID: c.ID, Title: c.Title, Description: c.Description,
				Form: model.CollaborationForm(c.Form), Phase: model.CollaborationPhase(c.Phase), StartDate: start, EndDate: end},
			TopicIDs: c.Topics,
		}
		if ev := c.Evaluation; ev != nil {
			at, err := model.ParseDate(ev.At)
			if err != nil {
				return set, fmt.Errorf("collaboration %s evaluation: %w", c.ID, err)
			}
			ic.Collaboration.Evaluation = &model.Evaluation{Rating: ev.Rating, Notes: ev.Notes, EvaluatedAt: at.Time()}
		}
		for _, p := range c.Partners {
			ic.Partners = append(ic.Partners, model.Partnership{CollaborationID: c.ID, OrganisationID: p.Organisation,
				Role: model.PartnerRole(p.Role)})
		}
		for _, p := range c.Contributors {
			ic.Contributors = append(ic.Contributors, model.Contribution{CollaborationID: c.ID, PersonID: p.Person,
				Role: model.ContributorRole(p.Role)})
		}
		for _, h := range c.PhaseHistory {
			at, err := model.ParseDate(h.At)
			if err != nil {
				return set, fmt.Errorf("collaboration %s phase history: %w", c.ID, err)
			}
			ic.PhaseHistory = append(ic.PhaseHistory, model.PhaseChange{Phase: model.CollaborationPhase(h.Phase),
				At: at.Time(), Note: h.Note})
		}
		set.Collaborations = append(set.Collaborations, ic)
	}
	return set, nil
}

func dates(start, end string) (*model.Date, *model.Date, error) {
	s, err := model.ParseDate(start)
	if err != nil {
		return nil, nil, fmt.Errorf("startDate: %w", err)
	}
	if end == "" {
		return &s, nil, nil
	}
	e, err := model.ParseDate(end)
	if err != nil {
		return nil, nil, fmt.Errorf("endDate: %w", err)
	}
	return &s, &e, nil
}

// Seed loads the embedded demo dataset into st. It is idempotent.
func Seed(ctx context.Context, st *store.Store, progress model.ImportProgress) (Counts, error) {
	ds, err := Load()
	if err != nil {
		return Counts{}, err
	}
	set, err := ds.ImportSet()
	if err != nil {
		return Counts{}, fmt.Errorf("demo dataset: %w", err)
	}
	if err := st.Import(ctx, set, 500, progress); err != nil {
		return Counts{}, fmt.Errorf("seed demo data: %w", err)
	}
	partnerships, err := PartnershipSeed(time.Now())
	if err != nil {
		return Counts{}, fmt.Errorf("demo dataset: %w", err)
	}
	if err := st.SeedPartnerships(ctx, partnerships); err != nil {
		return Counts{}, fmt.Errorf("seed demo partnership calls and introductions: %w", err)
	}
	return ds.Counts(), nil
}
