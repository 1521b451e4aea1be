package graph

import (
	"context"

	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/pairing"
)

// A projection reads what Cypher can compute; the computed fields beneath
// it (a person's bridging profile, a collaboration's boldness and workshop)
// are filled in here, right after the read, with one call per field and
// level for every entity the read returned. Without this, gqlgen would
// resolve them entity by entity wherever an entity is a single object
// rather than an item of a list (a membership's person, a partnership's
// collaboration), one statement each.

// completer walks entities read by a projection along their selection.
type completer struct {
	r   *Resolver
	ctx context.Context
}

func (r *Resolver) completer(ctx context.Context) *completer { return &completer{r: r, ctx: ctx} }

// nestedList gathers the lists read under key by every parent.
func nestedList[E any, P any](parents []P, nested func(P) model.Nested, key string) []E {
	var out []E
	for _, p := range parents {
		v, _ := nested(p)[key].([]E)
		out = append(out, v...)
	}
	return out
}

// nestedOne gathers the entities read under key by the parents, leaving
// out nulls.
func nestedOne[T any, P any](parents []P, nested func(P) model.Nested, key string) []*T {
	return plain(parents, func(p P) *T {
		v, _ := nested(p)[key].(*T)
		return v
	})
}

// plain gathers the entities of a plain field of the parents (the same
// for every alias of it), leaving out nulls.
func plain[T any, P any](parents []P, of func(P) *T) []*T {
	var out []*T
	for _, p := range parents {
		if v := of(p); v != nil {
			out = append(out, v)
		}
	}
	return out
}

// lacking lists the parents whose Nested has no key: those whose field
// was not read with them.
func lacking[P any](parents []P, nested func(P) model.Nested, key string) []P {
	var out []P
	for _, p := range parents {
		if _, ok := nested(p)[key]; !ok {
			out = append(out, p)
		}
	}
	return out
}

// fill computes field key for the parents that lack it, in one call, and
// puts it into their Nested with set.
func fill[P any, V any](c *completer, parents []P, nested func(P) model.Nested, set func(P, V), id func(P) string,
	key string, read func(context.Context, []string) (map[string]V, error), orElse func() V) error {
	values, fresh, err := lookup(c.ctx, parents, nested, id, key, read, orElse)
	if err != nil {
		return err
	}
	for i, p := range parents {
		if fresh[i] {
			set(p, values[i])
		}
	}
	return nil
}

func (c *completer) people(ps []*model.Person, sel model.Selection) error {
	if len(ps) == 0 {
		return nil
	}
	for _, f := range sel {
		var err error
		switch f.Name {
		case "bridging":
			err = fill(c, ps, personNested, func(p *model.Person, v *model.BridgingProfile) { p.Nested.Set(f.Key, v) }, personID,
				f.Key, c.r.Bridge.BridgingProfiles, func() *model.BridgingProfile { return &model.BridgingProfile{} })
		case "busy":
			err = fill(c, ps, personNested, func(p *model.Person, v bool) { p.Nested.Set(f.Key, v) }, personID,
				f.Key, c.r.Intros.Busy, nothing[bool])
		case "introductions":
			err = fill(c, ps, personNested, func(p *model.Person, v *model.IntroductionCredit) { p.Nested.Set(f.Key, v) }, personID,
				f.Key, func(ctx context.Context, ids []string) (map[string]*model.IntroductionCredit, error) {
					return c.r.Intros.Credits(ctx, caller(ctx), ids)
				}, nothing[*model.IntroductionCredit])
		case "experiences":
			err = c.experiences(nestedList[*model.Experience](ps, personNested, f.Key), f.Sub)
		case "contributions":
			err = c.contributions(nestedList[*model.Contribution](ps, personNested, f.Key), f.Sub)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func experienceNested(x *model.Experience) model.Nested { return x.Nested }

func (c *completer) experiences(xs []*model.Experience, sel model.Selection) error {
	if len(xs) == 0 {
		return nil
	}
	for _, f := range sel {
		var err error
		switch f.Name {
		case "person":
			err = c.people(nestedOne[model.Person](xs, experienceNested, f.Key), f.Sub)
		case "organisation":
			err = c.organisations(nestedOne[model.Organisation](xs, experienceNested, f.Key), f.Sub)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (c *completer) organisations(os []*model.Organisation, sel model.Selection) error {
	if len(os) == 0 {
		return nil
	}
	for _, f := range sel {
		var err error
		switch f.Name {
		case "people":
			err = c.memberships(nestedList[*model.Membership](os, organisationNested, f.Key), f.Sub)
		case "collaborations":
			err = c.partnerships(nestedList[*model.Partnership](os, organisationNested, f.Key), f.Sub)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (c *completer) memberships(ms []*model.Membership, sel model.Selection) error {
	if len(ms) == 0 {
		return nil
	}
	for _, f := range sel {
		var err error
		switch f.Name {
		case "person":
			err = c.people(plain(ms, func(m *model.Membership) *model.Person { return m.Person }), f.Sub)
		case "organisation":
			err = c.organisations(plain(ms, func(m *model.Membership) *model.Organisation { return m.Organisation }), f.Sub)
		case "experiences":
			var xs []*model.Experience
			for _, m := range ms {
				xs = append(xs, m.Experiences...)
			}
			err = c.experiences(xs, f.Sub)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (c *completer) collaborations(cs []*model.Collaboration, sel model.Selection) error {
	if len(cs) == 0 {
		return nil
	}
	for _, f := range sel {
		var err error
		switch f.Name {
		case "boldness":
			err = fill(c, cs, collaborationNested, func(x *model.Collaboration, v *model.Boldness) { x.Nested.Set(f.Key, v) }, collaborationID,
				f.Key, c.r.Pairings.Boldness, pairing.NoPartners)
		case "workshop":
			err = fill(c, cs, collaborationNested, func(x *model.Collaboration, v *model.Workshop) { x.Nested.Set(f.Key, v) }, collaborationID,
				f.Key, c.r.workshopOrigins, nothing[*model.Workshop])
			if err == nil {
				err = c.workshops(nestedOne[model.Workshop](cs, collaborationNested, f.Key), f.Sub)
			}
		case "originCall", "introducedBy":
			err = c.origins(cs, f)
		case "evaluation":
			err = c.evaluations(cs, f)
		case "partners":
			err = c.partnerships(nestedList[*model.Partnership](cs, collaborationNested, f.Key), f.Sub)
		case "contributors":
			err = c.contributions(nestedList[*model.Contribution](cs, collaborationNested, f.Key), f.Sub)
		case "phaseHistory":
			hs := nestedList[*model.PhaseChange](cs, collaborationNested, f.Key)
			for _, g := range f.Sub {
				if g.Name == "movedBy" {
					if err = c.people(nestedOne[model.Person](hs, func(h *model.PhaseChange) model.Nested { return h.Nested }, g.Key), g.Sub); err != nil {
						break
					}
				}
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (c *completer) partnerships(ps []*model.Partnership, sel model.Selection) error {
	if len(ps) == 0 {
		return nil
	}
	for _, f := range sel {
		var err error
		switch f.Name {
		case "organisation":
			err = c.organisations(plain(ps, func(p *model.Partnership) *model.Organisation { return p.Organisation }), f.Sub)
		case "collaboration":
			err = c.collaborations(plain(ps, func(p *model.Partnership) *model.Collaboration { return p.Collaboration }), f.Sub)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (c *completer) contributions(ks []*model.Contribution, sel model.Selection) error {
	if len(ks) == 0 {
		return nil
	}
	for _, f := range sel {
		var err error
		switch f.Name {
		case "person":
			err = c.people(plain(ks, func(k *model.Contribution) *model.Person { return k.Person }), f.Sub)
		case "collaboration":
			err = c.collaborations(plain(ks, func(k *model.Contribution) *model.Collaboration { return k.Collaboration }), f.Sub)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func workshopNested(w *model.Workshop) model.Nested { return w.Nested }

// workshops fills the fields of workshops that are single objects
// (Collaboration.workshop), which gqlgen would resolve one workshop at a
// time: their topics, outcomes and participants' people and organisations.
func (c *completer) workshops(ws []*model.Workshop, sel model.Selection) error {
	if len(ws) == 0 {
		return nil
	}
	for _, f := range sel {
		var err error
		switch f.Name {
		case "topic":
			err = fill(c, ws, workshopNested, func(w *model.Workshop, v *model.Topic) { w.Nested.Set(f.Key, v) },
				func(w *model.Workshop) string { return w.Plan.Params.TopicID }, f.Key, c.r.Directory.TopicsByID, nothing[*model.Topic])
		case "outcomes":
			err = fill(c, ws, workshopNested, func(w *model.Workshop, v []*model.Collaboration) { w.Nested.Set(f.Key, v) },
				func(w *model.Workshop) string { return w.ID }, f.Key, c.r.Planner.Outcomes, func() []*model.Collaboration { return []*model.Collaboration{} })
		case "participants":
			var all []*model.WorkshopParticipant
			for _, w := range ws {
				all = append(all, w.Plan.Participants...)
			}
			err = c.participants(all, f.Sub)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func participantNested(p *model.WorkshopParticipant) model.Nested { return p.Nested }

func (c *completer) participants(ps []*model.WorkshopParticipant, sel model.Selection) error {
	for _, f := range sel {
		var err error
		switch f.Name {
		case "person":
			err = fill(c, ps, participantNested, func(p *model.WorkshopParticipant, v *model.Person) { p.Nested.Set(f.Key, v) },
				func(p *model.WorkshopParticipant) string { return p.PersonID }, f.Key, reader(c.r.readPeople, f.Sub), nothing[*model.Person])
		case "organisation":
			err = fill(c, ps, participantNested, func(p *model.WorkshopParticipant, v *model.Organisation) { p.Nested.Set(f.Key, v) },
				func(p *model.WorkshopParticipant) string { return p.OrganisationID }, f.Key, reader(c.r.readOrganisations, f.Sub), nothing[*model.Organisation])
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// reader is read with the selection sel.
func reader[T any](read readFunc[T], sel model.Selection) func(context.Context, []string) (map[string]*T, error) {
	return func(ctx context.Context, ids []string) (map[string]*T, error) { return read(ctx, ids, sel) }
}

// values lists a map's values (the order does not matter to completion).
func values[T any](m map[string]*T) []*T {
	out := make([]*T, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
