package model

import (
	"io"
	"time"
)

// IntroductionStatus is where a request for an introduction is: the
// translator is asked (REQUESTED), has agreed (ACCEPTED_BY_TRANSLATOR), the
// other organisation has agreed too (CONNECTED); or it ended without:
// DECLINED (by whoever's turn it was), EXPIRED (nobody answered in time),
// WITHDRAWN (by the requester).
type IntroductionStatus string

const (
	IntroRequested            IntroductionStatus = "REQUESTED"
	IntroAcceptedByTranslator IntroductionStatus = "ACCEPTED_BY_TRANSLATOR"
	IntroConnected            IntroductionStatus = "CONNECTED"
	IntroDeclined             IntroductionStatus = "DECLINED"
	IntroExpired              IntroductionStatus = "EXPIRED"
	IntroWithdrawn            IntroductionStatus = "WITHDRAWN"
)

var AllIntroductionStatuses = []IntroductionStatus{IntroRequested, IntroAcceptedByTranslator, IntroConnected,
	IntroDeclined, IntroExpired, IntroWithdrawn}

// Open reports whether an introduction in status s still waits for an answer.
func (s IntroductionStatus) Open() bool { return s == IntroRequested || s == IntroAcceptedByTranslator }

func (e IntroductionStatus) MarshalGQL(w io.Writer) { marshalEnum(w, e) }
func (e *IntroductionStatus) UnmarshalGQL(v any) (err error) {
	*e, err = unmarshalEnum(v, "IntroductionStatus", AllIntroductionStatuses)
	return err
}

// Introduction is a request to a translator to introduce one organisation
// (from) to another (to), with double opt-in: the translator and then an
// editor of the other organisation accept.
type Introduction struct {
	ID                 string
	TranslatorID       string // "" once the translator erased their data
	FromOrganisationID string
	ToOrganisationID   string
	CallID             string // "" when not about a call
	Message            string
	Status             IntroductionStatus // as read: an open one past ExpiresAt reads EXPIRED
	RequestedBy        string             // subject; "" once erased
	ConnectedBy        string             // the to organisation's editor who accepted
	CreatedAt          time.Time
	UpdatedAt          time.Time
	ExpiresAt          time.Time
	History            []*IntroductionEvent
}

// MessageOrNil is Message for GraphQL.
func (i *Introduction) MessageOrNil() *string { return optional(i.Message) }

// IntroductionEvent is one dated transition of an introduction and who made it.
type IntroductionEvent struct {
	Status IntroductionStatus
	At     time.Time
	// By is the subject who made it: "" for expiry and after erasure.
	By string
}

// IntroductionCredit counts a person's introductions as a translator.
type IntroductionCredit struct {
	// Made: requests to introduce that reached them.
	Made      int
	Accepted  int
	Connected int
	// Collaborations started from their introductions.
	Collaborations int
}

// IntroductionRules are the spam limits a new request is checked against.
type IntroductionRules struct {
	// MaxOpenPerTranslator: a translator with this many open requests is
	// busy and cannot be asked.
	MaxOpenPerTranslator int
	// DeclineCooldown: a declined request (same from, translator, to)
	// cannot be repeated for this long.
	DeclineCooldown time.Duration
}

// CollaborationOrigin is where a collaboration came from: a partnership
// call, an introduction (and so its translator), or neither.
type CollaborationOrigin struct {
	CallID         string
	IntroductionID string
	// TranslatorID: the introduction's translator ("" once erased).
	TranslatorID string
}
