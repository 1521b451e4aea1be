package graph

import (
	"context"
	"errors"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// loaders batch the nested fields of one GraphQL operation: every
// `person.experiences` in a list of 50 people becomes one Cypher query, not 50.
// A fresh set is made per operation so nothing is cached across requests.
type loaders struct {
	person        *dataloadgen.Loader[string, *model.Person]
	organisation  *dataloadgen.Loader[string, *model.Organisation]
	collaboration *dataloadgen.Loader[string, *model.Collaboration]

	experiencesByPerson   *dataloadgen.Loader[string, []*model.Experience]
	sectorsByPerson       *dataloadgen.Loader[string, []model.Sector]
	expertiseByPerson     *dataloadgen.Loader[string, []*model.Topic]
	contributionsByPerson *dataloadgen.Loader[string, []*model.Contribution]
	bridgingByPerson      *dataloadgen.Loader[string, *model.BridgingProfile]

	topicsByOrganisation       *dataloadgen.Loader[string, []*model.Topic]
	membershipsByOrganisation  *dataloadgen.Loader[string, []*model.Membership]
	partnershipsByOrganisation *dataloadgen.Loader[string, []*model.Partnership]

	topicsByCollaboration       *dataloadgen.Loader[string, []*model.Topic]
	partnersByCollaboration     *dataloadgen.Loader[string, []*model.Partnership]
	contributorsByCollaboration *dataloadgen.Loader[string, []*model.Contribution]
	phaseHistoryByCollaboration *dataloadgen.Loader[string, []*model.PhaseChange]

	topic                   *dataloadgen.Loader[string, *model.Topic]
	outcomesByWorkshop      *dataloadgen.Loader[string, []*model.Collaboration]
	workshopByCollaboration *dataloadgen.Loader[string, *model.Workshop]
	boldnessByCollaboration *dataloadgen.Loader[string, *model.Boldness]
}

// batchWait is how long a loader collects keys before it queries. gqlgen
// resolves the items of a list in goroutines that, on a busy 2-core
// machine, start over several milliseconds; a shorter wait splits batches
// (the N+1 test saw 11–19 queries with 2 ms, a constant 11 with 10 ms).
const batchWait = 10 * time.Millisecond

func newLoaders(r *Resolver) *loaders {
	d, p := r.Directory, r.Partnerships
	opt := dataloadgen.WithWait(batchWait)
	topicsOf := func(label string) func(context.Context, []string) (map[string][]*model.Topic, error) {
		return func(ctx context.Context, ids []string) (map[string][]*model.Topic, error) {
			return d.TopicsOf(ctx, label, ids)
		}
	}
	return &loaders{
		person:        dataloadgen.NewMappedLoader(d.PeopleByID, opt),
		organisation:  dataloadgen.NewMappedLoader(d.OrganisationsByID, opt),
		collaboration: dataloadgen.NewMappedLoader(p.CollaborationsByID, opt),

		experiencesByPerson:   dataloadgen.NewMappedLoader(d.ExperiencesByPerson, opt),
		sectorsByPerson:       dataloadgen.NewMappedLoader(d.SectorsByPerson, opt),
		expertiseByPerson:     dataloadgen.NewMappedLoader(topicsOf("Person"), opt),
		contributionsByPerson: dataloadgen.NewMappedLoader(p.ContributionsByPerson, opt),
		bridgingByPerson:      dataloadgen.NewMappedLoader(r.Bridge.BridgingProfiles, opt),

		topicsByOrganisation:       dataloadgen.NewMappedLoader(topicsOf("Organisation"), opt),
		membershipsByOrganisation:  dataloadgen.NewMappedLoader(d.MembershipsByOrganisation, opt),
		partnershipsByOrganisation: dataloadgen.NewMappedLoader(p.PartnershipsByOrganisation, opt),

		topicsByCollaboration:       dataloadgen.NewMappedLoader(topicsOf("Collaboration"), opt),
		partnersByCollaboration:     dataloadgen.NewMappedLoader(p.PartnersByCollaboration, opt),
		contributorsByCollaboration: dataloadgen.NewMappedLoader(p.ContributorsByCollaboration, opt),
		phaseHistoryByCollaboration: dataloadgen.NewMappedLoader(p.PhaseHistory, opt),

		topic:                   dataloadgen.NewMappedLoader(d.TopicsByID, opt),
		outcomesByWorkshop:      dataloadgen.NewMappedLoader(r.Planner.Outcomes, opt),
		workshopByCollaboration: dataloadgen.NewMappedLoader(r.Planner.OriginsOf, opt),
		boldnessByCollaboration: dataloadgen.NewMappedLoader(r.Pairings.Boldness, opt),
	}
}

type loadersKey struct{}

func withLoaders(ctx context.Context, r *Resolver) context.Context {
	return context.WithValue(ctx, loadersKey{}, newLoaders(r))
}

func loadersFrom(ctx context.Context) *loaders {
	l, ok := ctx.Value(loadersKey{}).(*loaders)
	if !ok {
		panic("graph: no dataloaders in context; the server must install them per operation")
	}
	return l
}

// loadOne loads an entity that must exist (it is referenced by another).
func loadOne[T any](ctx context.Context, l *dataloadgen.Loader[string, T], kind, id string) (T, error) {
	v, err := l.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return v, errs.NotFound(kind, id)
	}
	return v, err
}

// loadOptional loads an entity that may be absent or hidden from the
// caller (an erased or private contributor): absent is null, not an error.
func loadOptional[T any](ctx context.Context, l *dataloadgen.Loader[string, *T], id string) (*T, error) {
	if id == "" {
		return nil, nil
	}
	v, err := l.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil, nil
	}
	return v, err
}

// loadMany loads several entities at once, in order, leaving out those
// that are absent or hidden from the caller.
func loadMany[T any](ctx context.Context, l *dataloadgen.Loader[string, *T], ids []string) ([]*T, error) {
	values, err := l.LoadAll(ctx, ids)
	var perKey dataloadgen.ErrorSlice
	if errors.As(err, &perKey) {
		for i, e := range perKey {
			if e != nil && !errors.Is(e, dataloadgen.ErrNotFound) {
				return nil, e
			}
			if e != nil {
				values[i] = nil
			}
		}
	} else if err != nil {
		return nil, err
	}
	out := make([]*T, 0, len(values))
	for _, v := range values {
		if v != nil {
			out = append(out, v)
		}
	}
	return out, nil
}

// loadList loads a list-valued field; a key with no rows is an empty list.
func loadList[T any](ctx context.Context, l *dataloadgen.Loader[string, []T], id string) ([]T, error) {
	v, err := l.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return []T{}, nil
	}
	return v, err
}
