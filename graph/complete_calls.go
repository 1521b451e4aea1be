package graph

import (
	"context"

	"github.com/tulkki/tulkki/internal/model"
)

// Partnership calls are read by the call domain, not by a projection: their
// nested fields (organisation, topics, responses, and beneath a response its
// organisation and call) are read here for every call of a list at once, one
// statement per field and level, and kept in Nested for the resolvers.

func callNested(c *model.PartnershipCall) model.Nested  { return c.Nested }
func responseNested(r *model.CallResponse) model.Nested { return r.Nested }

func (c *completer) calls(calls []*model.PartnershipCall, sel model.Selection) error {
	if len(calls) == 0 {
		return nil
	}
	for _, f := range sel {
		switch f.Name {
		case "organisation":
			if err := fill(c, calls, callNested, func(x *model.PartnershipCall, o *model.Organisation) { x.Nested.Set(f.Key, o) },
				func(x *model.PartnershipCall) string { return x.OrganisationID }, f.Key,
				reader(c.r.readOrganisations, f.Sub), nothing[*model.Organisation]); err != nil {
				return err
			}
		case "topics":
			topics, err := c.r.readTopics(c.ctx, idsOf(calls, func(x *model.PartnershipCall) []string { return x.TopicIDs }), f.Sub)
			if err != nil {
				return err
			}
			for _, x := range calls {
				list := []*model.Topic{}
				for _, id := range x.TopicIDs {
					if t, ok := topics[id]; ok {
						list = append(list, t)
					}
				}
				x.Nested.Set(f.Key, list)
			}
		case "responses":
			m, err := c.r.Calls.Responses(c.ctx, caller(c.ctx), calls)
			if err != nil {
				return err
			}
			var all []*model.CallResponse
			for _, x := range calls {
				list := m[x.ID]
				if list == nil {
					list = []*model.CallResponse{}
				}
				all = append(all, list...)
				x.Nested.Set(f.Key, list)
			}
			if err := c.responses(all, f.Sub); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *completer) responses(rs []*model.CallResponse, sel model.Selection) error {
	if len(rs) == 0 {
		return nil
	}
	for _, f := range sel {
		switch f.Name {
		case "organisation":
			if err := fill(c, rs, responseNested, func(r *model.CallResponse, o *model.Organisation) { r.Nested.Set(f.Key, o) },
				func(r *model.CallResponse) string { return r.OrganisationID }, f.Key,
				reader(c.r.readOrganisations, f.Sub), nothing[*model.Organisation]); err != nil {
				return err
			}
		case "call":
			if err := fill(c, rs, responseNested, func(r *model.CallResponse, x *model.PartnershipCall) { r.Nested.Set(f.Key, x) },
				func(r *model.CallResponse) string { return r.CallID }, f.Key,
				reader(c.r.readCalls, f.Sub), nothing[*model.PartnershipCall]); err != nil {
				return err
			}
		}
	}
	return nil
}

// idsOf gathers the distinct ids the items refer to, in order.
func idsOf[T any](items []T, ids func(T) []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range items {
		for _, id := range ids(x) {
			if id != "" && !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}

// nestedOrRead answers a list field from each parent's Nested, or else
// by read for all parents at once.
func nestedOrRead[P any, E any](ctx context.Context, parents []P, nested func(P) model.Nested,
	read func() ([][]E, error)) ([][]E, error) {
	key := currentField(ctx).Key
	out := make([][]E, len(parents))
	for i, p := range parents {
		v, ok := nested(p)[key].([]E)
		if !ok {
			return read()
		}
		out[i] = v
	}
	return out, nil
}

// origins fills originCall or introducedBy (field f) of the collaborations
// that lack it: one read of their origins, one of the calls or people.
func (c *completer) origins(cs []*model.Collaboration, f model.SelectedField) error {
	missing := lacking(cs, collaborationNested, f.Key)
	if len(missing) == 0 {
		return nil
	}
	origins, err := c.r.Origins.Origins(c.ctx, idsOf(missing, func(x *model.Collaboration) []string { return []string{x.ID} }))
	if err != nil {
		return err
	}
	ref := func(x *model.Collaboration) string {
		o := origins[x.ID]
		switch {
		case o == nil:
			return ""
		case f.Name == "originCall":
			return o.CallID
		default:
			return o.TranslatorID
		}
	}
	if f.Name == "originCall" {
		return setReferenced(c, missing, f, ref, c.r.readCalls)
	}
	return setReferenced(c, missing, f, ref, c.r.readPeople)
}

// setReferenced reads what ref names for each collaboration (with f's
// selection, in one call) and sets it as their field f; nil where ref
// names nothing or something the caller may not see.
func setReferenced[T any](c *completer, cs []*model.Collaboration, f model.SelectedField, ref func(*model.Collaboration) string,
	read func(context.Context, []string, model.Selection) (map[string]*T, error)) error {
	found := map[string]*T{}
	if ids := idsOf(cs, func(x *model.Collaboration) []string { return []string{ref(x)} }); len(ids) > 0 {
		var err error
		if found, err = read(c.ctx, ids, f.Sub); err != nil {
			return err
		}
	}
	for _, x := range cs {
		x.Nested.Set(f.Key, found[ref(x)])
	}
	return nil
}

// originOf answers originCall or introducedBy for a list of collaborations.
func originOf[T any](ctx context.Context, r *Resolver, cs []*model.Collaboration) ([]*T, error) {
	f := currentField(ctx)
	if err := r.completer(ctx).origins(cs, f); err != nil {
		return nil, err
	}
	out := make([]*T, len(cs))
	for i, x := range cs {
		out[i], _ = x.Nested[f.Key].(*T)
	}
	return out, nil
}

// evaluations fills Collaboration.evaluation (field f) of the
// collaborations that lack it: the joint evaluation read with them, with
// the partners' aggregate (one read for all) and, as f selects them, the
// organisations and people beneath (one read each).
func (c *completer) evaluations(cs []*model.Collaboration, f model.SelectedField) error {
	missing := lacking(cs, collaborationNested, f.Key)
	if len(missing) == 0 {
		return nil
	}
	ids := make([]string, len(missing))
	joint := map[string]*model.Evaluation{}
	known := map[string]*model.PartnerEvaluations{}
	for i, x := range missing {
		ids[i] = x.ID
		joint[x.ID], known[x.ID] = x.Evaluation, x.PartnerEvaluations
	}
	evs, err := c.r.Evaluations.Evaluations(c.ctx, caller(c.ctx), ids, joint, known)
	if err != nil {
		return err
	}
	var all []*model.Evaluation
	for _, x := range missing {
		x.Nested.Set(f.Key, evs[x.ID])
		if e := evs[x.ID]; e != nil {
			all = append(all, e)
		}
	}
	for _, g := range f.Sub {
		switch g.Name {
		case "notEvaluated":
			orgs, err := c.r.readOrganisations(c.ctx, idsOf(all, func(e *model.Evaluation) []string { return e.Summary.NotEvaluated }), g.Sub)
			if err != nil {
				return err
			}
			for _, e := range all {
				e.Summary.NotEvaluatedOrganisations = []*model.Organisation{}
				for _, id := range e.Summary.NotEvaluated {
					if o := orgs[id]; o != nil {
						e.Summary.NotEvaluatedOrganisations = append(e.Summary.NotEvaluatedOrganisations, o)
					}
				}
			}
		case "partners":
			var answers []*model.PartnerEvaluation
			for _, e := range all {
				answers = append(answers, e.Summary.Partners...)
			}
			for _, h := range g.Sub {
				switch h.Name {
				case "organisation":
					orgs, err := c.r.readOrganisations(c.ctx, idsOf(answers, func(a *model.PartnerEvaluation) []string { return []string{a.OrganisationID} }), h.Sub)
					if err != nil {
						return err
					}
					for _, a := range answers {
						a.Organisation = orgs[a.OrganisationID]
					}
				case "evaluatedBy":
					people := map[string]*model.Person{}
					if ids := idsOf(answers, func(a *model.PartnerEvaluation) []string { return []string{a.EvaluatedBy} }); len(ids) > 0 {
						if people, err = c.r.readPeople(c.ctx, ids, h.Sub); err != nil {
							return err
						}
					}
					for _, a := range answers {
						a.EvaluatedByPerson = people[a.EvaluatedBy]
					}
				}
			}
		}
	}
	return nil
}
