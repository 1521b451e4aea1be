package collaboration

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/tulkki/tulkki/internal/bridge"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/i18n"
	"github.com/tulkki/tulkki/internal/model"
)

// Limits of Collaboration.nextSteps: how many candidate organisations and
// translators each step lists.
const (
	DefaultNextStepItems = 3
	MaxNextStepItems     = 10
)

// NextStepsQuery is what Collaboration.nextSteps asks for: at most Items
// candidate organisations and translators per step (1 to
// MaxNextStepItems; DefaultNextStepItems when the caller has no
// preference), the translators narrowed by Translators (its Sectors and
// Limit are set per step).
type NextStepsQuery struct {
	Items       int
	Translators bridge.Query
}

// earlyPhase reports whether a collaboration in phase p is still being
// put together, the phases in which suggesting partners helps. Once it is
// LAUNCHED the partners have committed to shared goals; recruiting then is
// a decision of the partners (move it back to PARTNERS_MAPPED to get
// suggestions again), not something to prompt on every view.
func earlyPhase(p model.CollaborationPhase) bool {
	return p == model.PhaseNeedIdentified || p == model.PhasePartnersMapped || p == model.PhaseGoalsAgreed
}

// NextSteps suggests, for a collaboration in an early phase, one step per
// sector not yet represented among its partners: up to first organisations
// of that sector interested in the collaboration's topics that are not
// partners yet, and up to first translators between that sector and the
// sectors present, narrowed by q.Translators (open to bridging and visible
// to viewer: the translator search applies both). A later phase has no steps.
// Start simple, as the city's partnership model advises: a missing sector
// is the plainest gap.
//
// Cost: one store query, plus one translator search per (present, missing)
// sector pair — at most 4 with four sectors.
func (s *Service) NextSteps(ctx context.Context, viewer model.PersonScope, c *model.Collaboration, q NextStepsQuery) ([]*model.NextStep, error) {
	n := q.Items
	if n < 1 || n > MaxNextStepItems {
		return nil, errs.Invalid("first", "first must be between 1 and %d, got %d", MaxNextStepItems, n)
	}
	if !earlyPhase(c.Phase) {
		return []*model.NextStep{}, nil
	}
	gaps, err := s.store.CollaborationSectorGaps(ctx, c.ID, model.AllSectors, n)
	if err != nil {
		return nil, fmt.Errorf("find missing sectors of collaboration %s: %w", c.ID, err)
	}
	steps := make([]*model.NextStep, 0, len(gaps.Missing))
	for _, gap := range gaps.Missing {
		bridges, err := s.sectorTranslators(ctx, viewer, gaps.Present, gap.Sector, n, q.Translators)
		if err != nil {
			return nil, err
		}
		step := &model.NextStep{
			Sector: gap.Sector, PresentSectors: gaps.Present, Candidates: gap.Candidates, Translators: bridges,
		}
		step.Explanation = explainStep(step, gaps.Topics)
		steps = append(steps, step)
	}
	return steps, nil
}

// sectorTranslators merges the translators between each present sector
// and the missing one: a person found for several pairs counts once, with
// their best match (the first present sector on a tie); best score first,
// then person id, at most n.
func (s *Service) sectorTranslators(ctx context.Context, viewer model.PersonScope, present []model.Sector, missing model.Sector, n int,
	q bridge.Query) ([]*model.SectorTranslator, error) {
	best := map[string]*model.SectorTranslator{}
	q.Limit = n
	for _, from := range present {
		q.Sectors = []model.Sector{from, missing}
		matches, err := s.translators.TranslatorsBetweenSectors(ctx, viewer, q)
		if err != nil {
			return nil, fmt.Errorf("find translators between %s and %s: %w", from, missing, err)
		}
		for _, m := range matches {
			if had := best[m.Person.ID]; had == nil || m.Score > had.Match.Score {
				best[m.Person.ID] = &model.SectorTranslator{FromSector: from, Match: m}
			}
		}
	}
	out := make([]*model.SectorTranslator, 0, len(best))
	for _, t := range best {
		out = append(out, t)
	}
	slices.SortFunc(out, func(x, y *model.SectorTranslator) int {
		if c := cmp.Compare(y.Match.Score, x.Match.Score); c != 0 {
			return c
		}
		return cmp.Compare(x.Match.Person.ID, y.Match.Person.ID)
	})
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// explainStep says in a sentence or three what the step suggests and why,
// in words the GraphQL edge puts in the reader's language.
func explainStep(st *model.NextStep, topics int) i18n.Text {
	parts := []any{i18n.T("No %s organisation is a partner yet (the partners are in %s).", st.Sector, sectorList(st.PresentSectors, false))}
	switch {
	case topics == 0:
		parts = append(parts, i18n.T("The collaboration has no topics, so no organisation can be matched by interest; add topics to get candidates."))
	case len(st.Candidates) == 0:
		parts = append(parts, i18n.T("No %s organisation that is not a partner is interested in the collaboration's topics.", st.Sector))
	default:
		parts = append(parts, i18n.Plural(len(st.Candidates), "%d %s organisation interested in the collaboration's topics (%s) could join.",
			"%d %s organisations interested in the collaboration's topics (%s) could join.", st.Sector, sharedTopicNames(st.Candidates)))
	}
	if len(st.Translators) == 0 {
		// The search saw only people open to bridging whom the caller may
		// see, within the filter; say so rather than "nobody".
		parts = append(parts, i18n.T("No translator found: nobody open to bridging whom you may see (within the filter) "+
			"has experience in both %s and a partner's sector.", st.Sector))
	} else {
		parts = append(parts, i18n.Plural(len(st.Translators), "%d person open to bridging could introduce them: they know both %s and %s.",
			"%d people open to bridging could introduce them: they know both %s and %s.", st.Sector, sectorList(st.PresentSectors, true)))
	}
	return i18n.Join(" ", parts)
}

// sharedTopicNames lists the names of the candidates' shared topics once
// each, in the order first met, as "a, b, c".
func sharedTopicNames(cands []*model.PartnerCandidate) i18n.Text {
	var names []any
	seen := map[string]bool{}
	for _, c := range cands {
		for _, t := range c.SharedTopics {
			if !seen[t.ID] {
				seen[t.ID] = true
				names = append(names, t.Names())
			}
		}
	}
	return i18n.Join(", ", names)
}

// sectorList joins sector codes: "PUBLIC, PRIVATE and THIRD" (or "or").
func sectorList(sectors []model.Sector, or bool) any {
	if len(sectors) == 0 {
		return i18n.T("no sector")
	}
	if or {
		return i18n.Or(sectors)
	}
	return i18n.And(sectors)
}
