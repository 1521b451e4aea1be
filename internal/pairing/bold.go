package pairing

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/validate"
)

// Boldness measures many collaborations at once (for the
// Collaboration.boldness loader): one read of the network, whatever the
// number of collaborations. Unknown ids are left out.
func (s *Service) Boldness(ctx context.Context, collaborationIDs []string) (map[string]*model.Boldness, error) {
	collabs, err := s.store.CollaborationComponent(ctx, nil, collaborationIDs)
	if err != nil {
		return nil, fmt.Errorf("load collaboration network: %w", err)
	}
	g := newNetwork(collabs, nil, nil)
	want := map[string]bool{}
	for _, id := range collaborationIDs {
		want[id] = true
	}
	out := make(map[string]*model.Boldness, len(collaborationIDs))
	for _, c := range collabs {
		if want[c.ID] {
			out[c.ID] = g.boldness(c)
		}
	}
	return out, nil
}

// BoldCollaborations ranks the collaborations that began between from and
// to (both included), boldest first, then by id, at most limit (1 to
// MaxSuggestions).
func (s *Service) BoldCollaborations(ctx context.Context, from, to model.Date, limit int) ([]*model.BoldCollaboration, error) {
	n, err := checkLimit(limit)
	if err != nil {
		return nil, err
	}
	if err := validate.Date("period.from", from); err != nil {
		return nil, err
	}
	if err := validate.Date("period.to", to); err != nil {
		return nil, err
	}
	if to.Before(from) {
		return nil, errs.Invalid("period.to", "period.to %s is before period.from %s", to, from)
	}
	began, err := s.store.CollaborationsBeganBetween(ctx, from, to)
	if err != nil {
		return nil, fmt.Errorf("find collaborations that began between %s and %s: %w", from, to, err)
	}
	collabs, err := s.store.CollaborationComponent(ctx, nil, began)
	if err != nil {
		return nil, fmt.Errorf("load collaboration network: %w", err)
	}
	g := newNetwork(collabs, nil, nil)
	var out []*model.BoldCollaboration
	for _, c := range collabs {
		if c.Start.Before(from) || to.Before(c.Start) {
			continue
		}
		out = append(out, &model.BoldCollaboration{CollaborationID: c.ID, Boldness: g.boldness(c)})
	}
	slices.SortFunc(out, func(x, y *model.BoldCollaboration) int {
		if c := cmp.Compare(y.Boldness.Score, x.Boldness.Score); c != 0 {
			return c
		}
		return cmp.Compare(x.CollaborationID, y.CollaborationID)
	})
	return out[:min(len(out), n)], nil
}

// boldness measures one collaboration against the network of the
// collaborations that started before it.
func (g *network) boldness(c model.NetworkCollaboration) *model.Boldness {
	var partners []int
	for _, p := range c.Partners {
		if i, ok := g.index[p.ID]; ok && !slices.Contains(partners, i) {
			partners = append(partners, i)
		}
	}
	slices.SortFunc(partners, func(a, b int) int { return cmp.Compare(g.orgs[a].ID, g.orgs[b].ID) })
	before := c.Start
	var facts []PairBefore
	var pairs []*model.PartnerPair
	for x, u := range partners[:max(0, len(partners)-1)] {
		for _, v := range partners[x+1:] {
			f := PairBefore{CrossSector: g.orgs[u].Sector != g.orgs[v].Sector, Distance: g.distance(u, v, &before),
				SharedPartners: g.sharedPartners(u, v, &before)}
			facts = append(facts, f)
			p := &model.PartnerPair{OrganisationIDs: [2]string{g.orgs[u].ID, g.orgs[v].ID}, CrossSector: f.CrossSector,
				SharedPartners: f.SharedPartners}
			if f.Distance != Unreachable {
				d := f.Distance
				p.Distance = &d
			}
			pairs = append(pairs, p)
		}
	}
	score, comps := Boldness(facts)
	b := &model.Boldness{Score: score, Breakdown: comps, Pairs: pairs}
	b.Explanation = explainBoldness(g, partners, facts)
	return b
}

// NoPartners is the boldness of a collaboration without partners (also
// what one created after the network was read gets).
func NoPartners() *model.Boldness {
	return (&network{}).boldness(model.NetworkCollaboration{})
}
