package model

import "time"

// PartnerEvaluation is one partner organisation's own evaluation of a
// collaboration. Each recording is kept; the latest of an organisation
// counts.
type PartnerEvaluation struct {
	CollaborationID string
	OrganisationID  string
	GoalsMet        int // 1–5
	Cooperation     int // 1–5
	WouldContinue   bool
	Notes           string
	EvaluatedAt     time.Time
	EvaluatedBy     string // subject; "" once erased
	// Revisions: how many times the organisation has recorded one (≥ 1).
	Revisions int
	// Organisation and EvaluatedByPerson are read for GraphQL (nil until
	// then, or when not visible).
	Organisation      *Organisation
	EvaluatedByPerson *Person
}

// NotesOrNil is Notes for GraphQL.
func (e *PartnerEvaluation) NotesOrNil() *string { return optional(e.Notes) }

// PartnerEvaluations are a collaboration's partners and their latest
// evaluations.
type PartnerEvaluations struct {
	PartnerIDs []string
	Latest     []*PartnerEvaluation
}

// EvaluationSummary aggregates the partners' evaluations of a collaboration
// (Evaluation.partners and the rest).
type EvaluationSummary struct {
	// Partners: the latest per partner, for those allowed to see them
	// (empty for others).
	Partners []*PartnerEvaluation
	// Mean of goalsMet and cooperation over the latest evaluations; nil
	// when there is none.
	Mean *float64
	// Spread: the largest difference between two partners' answers to the
	// same question; nil when there is none.
	Spread *float64
	// Disagreement: Spread ≥ DisagreementSpread.
	Disagreement bool
	// NotEvaluated: partner organisations with no evaluation yet.
	NotEvaluated []string
	// NotEvaluatedOrganisations are they, read for GraphQL.
	NotEvaluatedOrganisations []*Organisation
}

// The partners' aggregate as Evaluation's GraphQL fields (empty until the
// evaluation domain has filled Summary).

func (e *Evaluation) summary() *EvaluationSummary {
	if e.Summary == nil {
		return &EvaluationSummary{}
	}
	return e.Summary
}

func (e *Evaluation) PartnerAnswers() []*PartnerEvaluation {
	if p := e.summary().Partners; p != nil {
		return p
	}
	return []*PartnerEvaluation{}
}
func (e *Evaluation) PartnerMean() *float64   { return e.summary().Mean }
func (e *Evaluation) PartnerSpread() *float64 { return e.summary().Spread }
func (e *Evaluation) PartnersDisagree() bool  { return e.summary().Disagreement }
func (e *Evaluation) NotEvaluatedYet() []*Organisation {
	if o := e.summary().NotEvaluatedOrganisations; o != nil {
		return o
	}
	return []*Organisation{}
}
