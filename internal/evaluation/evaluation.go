// Package evaluation is the partners' evaluation of a collaboration
// together: each partner organisation records its own (goals met,
// cooperation, would it continue), every recording is kept with who made it
// and when, and the collaboration's evaluation aggregates the latest of
// each partner: mean, spread, whether the partners disagree, and who has
// not evaluated yet. Two partners' evaluations move a LAUNCHED
// collaboration to EVALUATED (the store does it in the same transaction).
//
// Who asks is an explicit parameter; storage is the Store port.
package evaluation

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/validate"
)

// Ratings run from MinRating to MaxRating; partners whose answers to one
// question differ by DisagreementSpread or more disagree.
const (
	MinRating          = 1
	MaxRating          = 5
	DisagreementSpread = 2
)

// Service records and aggregates partner evaluations.
type Service struct{ store Store }

// New returns the service over st.
func New(st Store) *Service { return &Service{store: st} }

// Input is recordPartnerEvaluation's input.
type Input struct {
	GoalsMet, Cooperation int
	WouldContinue         bool
	Notes                 string
}

// Record stores organisationID's evaluation of collaboration
// collaborationID, by an editor of that organisation (or an administrator).
func (s *Service) Record(ctx context.Context, caller auth.Principal, collaborationID, organisationID string, in Input) (*model.Collaboration, error) {
	if !auth.CanEditOrganisation(caller, organisationID) {
		return nil, auth.Deny(caller, "only the organisation's editors and administrators may record its evaluation")
	}
	for field, v := range map[string]int{"goalsMet": in.GoalsMet, "cooperation": in.Cooperation} {
		if v < MinRating || v > MaxRating {
			return nil, errs.Invalid(field, "%s must be between %d and %d, got %d", field, MinRating, MaxRating, v)
		}
	}
	notes, err := validate.Text("notes", in.Notes, validate.MaxDescription)
	if err != nil {
		return nil, err
	}
	c, err := s.store.RecordPartnerEvaluation(ctx, model.PartnerEvaluation{CollaborationID: collaborationID,
		OrganisationID: organisationID, GoalsMet: in.GoalsMet, Cooperation: in.Cooperation, WouldContinue: in.WouldContinue,
		Notes: notes}, caller.Subject)
	if err != nil {
		return nil, fmt.Errorf("record evaluation of %s by %s: %w", collaborationID, organisationID, err)
	}
	return c, nil
}

// MaySeeAnswers reports whether caller may read each partner's answers:
// the partners' editors, facilitators (who coordinate) and administrators.
func MaySeeAnswers(caller auth.Principal, partnerIDs []string) bool {
	return caller.IsAdmin() || caller.Has(auth.RoleFacilitator) || slices.ContainsFunc(partnerIDs, caller.Edits)
}

// Summarise aggregates the latest evaluations of each partner.
func Summarise(caller auth.Principal, pe *model.PartnerEvaluations) *model.EvaluationSummary {
	sum := &model.EvaluationSummary{Partners: []*model.PartnerEvaluation{}, NotEvaluated: []string{}}
	if pe == nil {
		return sum
	}
	done := map[string]bool{}
	var total float64
	spread := 0
	for _, e := range pe.Latest {
		done[e.OrganisationID] = true
		total += float64(e.GoalsMet + e.Cooperation)
	}
	for _, pick := range []func(*model.PartnerEvaluation) int{
		func(e *model.PartnerEvaluation) int { return e.GoalsMet },
		func(e *model.PartnerEvaluation) int { return e.Cooperation },
	} {
		lo, hi := math.MaxInt, math.MinInt
		for _, e := range pe.Latest {
			lo, hi = min(lo, pick(e)), max(hi, pick(e))
		}
		if len(pe.Latest) > 0 {
			spread = max(spread, hi-lo)
		}
	}
	if n := len(pe.Latest); n > 0 {
		mean, sp := total/float64(2*n), float64(spread)
		sum.Mean, sum.Spread = &mean, &sp
		sum.Disagreement = spread >= DisagreementSpread
	}
	for _, id := range pe.PartnerIDs {
		if !done[id] {
			sum.NotEvaluated = append(sum.NotEvaluated, id)
		}
	}
	slices.Sort(sum.NotEvaluated)
	if MaySeeAnswers(caller, pe.PartnerIDs) {
		sum.Partners = slices.Clone(pe.Latest)
		slices.SortFunc(sum.Partners, func(a, b *model.PartnerEvaluation) int { return a.EvaluatedAt.Compare(b.EvaluatedAt) })
	}
	return sum
}

// Evaluations returns, for each collaboration, its evaluation as the API
// shows it: the joint one (joint[id], may be nil) with the partners'
// aggregate; when there is no joint evaluation but partners have
// evaluated, an evaluation whose rating is the partners' mean, rounded,
// and whose date is the latest partner evaluation's. nil when there is
// neither. The partners' evaluations read with the collaborations are
// used as they are (known); the others are read, in one read for all.
func (s *Service) Evaluations(ctx context.Context, caller auth.Principal, ids []string, joint map[string]*model.Evaluation,
	known map[string]*model.PartnerEvaluations) (map[string]*model.Evaluation, error) {
	var unknown []string
	for _, id := range ids {
		if known[id] == nil {
			unknown = append(unknown, id)
		}
	}
	all := map[string]*model.PartnerEvaluations{}
	if len(unknown) > 0 {
		var err error
		if all, err = s.store.PartnerEvaluationsOf(ctx, unknown); err != nil {
			return nil, fmt.Errorf("load partner evaluations: %w", err)
		}
	}
	for id, pe := range known {
		if pe != nil {
			all[id] = pe
		}
	}
	out := map[string]*model.Evaluation{}
	for _, id := range ids {
		pe := all[id]
		var e model.Evaluation
		switch {
		case joint[id] != nil:
			e = *joint[id]
		case pe != nil && len(pe.Latest) > 0:
			sum := Summarise(caller, pe)
			e.Rating = int(math.Round(*sum.Mean))
			for _, p := range pe.Latest {
				if p.EvaluatedAt.After(e.EvaluatedAt) {
					e.EvaluatedAt = p.EvaluatedAt
				}
			}
		default:
			continue
		}
		e.Summary = Summarise(caller, pe)
		out[id] = &e
	}
	return out, nil
}
