package model

import (
	"io"
	"time"

	"github.com/tulkki/tulkki/internal/i18n"
)

// CallKind says whether a partnership call asks for a partner (NEED) or
// offers to be one (OFFER).
type CallKind string

const (
	CallNeed  CallKind = "NEED"
	CallOffer CallKind = "OFFER"
)

// CallStatus is where a partnership call is in its life: written
// (DRAFT), published and answerable (OPEN), no longer answerable (CLOSED:
// by its publisher or because closesAt passed) or answered with a partner
// (FILLED).
type CallStatus string

const (
	CallDraft  CallStatus = "DRAFT"
	CallOpen   CallStatus = "OPEN"
	CallClosed CallStatus = "CLOSED"
	CallFilled CallStatus = "FILLED"
)

// CallResponseStatus is the publisher's answer to an expression of interest.
type CallResponseStatus string

const (
	ResponsePending  CallResponseStatus = "PENDING"
	ResponseAccepted CallResponseStatus = "ACCEPTED"
	ResponseDeclined CallResponseStatus = "DECLINED"
)

var (
	AllCallKinds            = []CallKind{CallNeed, CallOffer}
	AllCallStatuses         = []CallStatus{CallDraft, CallOpen, CallClosed, CallFilled}
	AllCallResponseStatuses = []CallResponseStatus{ResponsePending, ResponseAccepted, ResponseDeclined}
)

// PartnershipCall is an organisation's published need or offer, after the
// partnership profiles of partnering networks: published, answered with
// expressions of interest, closing on a date.
type PartnershipCall struct {
	ID             string
	Kind           CallKind
	Title          string
	Description    string
	TopicIDs       []string
	SectorsSought  []Sector
	Region         string
	Form           CollaborationForm // "" when any form will do
	ClosesAt       time.Time
	Status         CallStatus // as read: an OPEN call past ClosesAt reads as CLOSED
	OrganisationID string     // the publisher
	CreatedBy      string     // the subject who wrote it
	CreatedAt      time.Time
	UpdatedAt      time.Time
	PublishedAt    *time.Time
	// Nested holds nested fields read with it (graph's completer).
	Nested Nested
}

// RegionOrNil is Region for GraphQL: null when unset.
func (c *PartnershipCall) RegionOrNil() *string { return optional(c.Region) }

// FormOrNil is Form for GraphQL: null when any form will do.
func (c *PartnershipCall) FormOrNil() *CollaborationForm {
	if c.Form == "" {
		return nil
	}
	f := c.Form
	return &f
}

// CallResponse is an organisation's expression of interest in a call.
type CallResponse struct {
	ID             string
	CallID         string
	OrganisationID string
	Message        string
	Status         CallResponseStatus
	RespondedBy    string // subject
	CreatedAt      time.Time
	DecidedBy      string // subject; "" while PENDING
	DecidedAt      *time.Time
	// Nested holds nested fields read with it (graph's completer).
	Nested Nested
}

// CallFilter narrows partnershipCalls; the zero value lists every call the
// caller may see.
type CallFilter struct {
	Status  CallStatus
	Kind    CallKind
	TopicID string
	Sector  Sector
	Region  string
	Search  string
	// The caller: which drafts they may see (set by the domain).
	AllDrafts   bool
	DraftOrgIDs []string
}

// CallPatch holds the fields of updatePartnershipCall; nil means unchanged.
type CallPatch struct {
	Kind          *CallKind
	Title         *string
	Description   *string
	TopicIDs      *[]string
	SectorsSought *[]Sector
	Region        *string
	Form          *CollaborationForm // "" clears it
	ClosesAt      *time.Time
}

func (e CallKind) MarshalGQL(w io.Writer) { marshalEnum(w, e) }
func (e *CallKind) UnmarshalGQL(v any) (err error) {
	*e, err = unmarshalEnum(v, "PartnershipCallKind", AllCallKinds)
	return err
}

func (e CallStatus) MarshalGQL(w io.Writer) { marshalEnum(w, e) }
func (e *CallStatus) UnmarshalGQL(v any) (err error) {
	*e, err = unmarshalEnum(v, "PartnershipCallStatus", AllCallStatuses)
	return err
}

func (e CallResponseStatus) MarshalGQL(w io.Writer) { marshalEnum(w, e) }
func (e *CallResponseStatus) UnmarshalGQL(v any) (err error) {
	*e, err = unmarshalEnum(v, "CallResponseStatus", AllCallResponseStatuses)
	return err
}

// MessageOrNil is Message for GraphQL: null when none was given.
func (r *CallResponse) MessageOrNil() *string { return optional(r.Message) }

// CallPartnerSuggestion is an organisation suggested for a partnership
// call (docs/scoring.md §9).
type CallPartnerSuggestion struct {
	OrganisationID string
	Score          float64
	// Breakdown: the five factors (weight 1 each); the score is their product.
	Breakdown    []ScoreComponent
	SharedTopics []*Topic
	Explanation  i18n.Text
	Translators  []*TranslatorMatch
}
