package model

import (
	"io"
	"time"
)

// InboxItemKind says what an inbox item is about.
type InboxItemKind string

const (
	// The translator is asked for an introduction.
	InboxIntroductionRequested InboxItemKind = "INTRODUCTION_REQUESTED"
	// The to organisation's turn: the translator accepted.
	InboxIntroductionToAnswer InboxItemKind = "INTRODUCTION_TO_ANSWER"
	// The requester hears of the translator's yes.
	InboxIntroductionAccepted  InboxItemKind = "INTRODUCTION_ACCEPTED_BY_TRANSLATOR"
	InboxIntroductionConnected InboxItemKind = "INTRODUCTION_CONNECTED"
	InboxIntroductionDeclined  InboxItemKind = "INTRODUCTION_DECLINED"
	InboxIntroductionWithdrawn InboxItemKind = "INTRODUCTION_WITHDRAWN"
	// Nobody answered in time: to everyone who was waiting for an answer.
	InboxIntroductionExpired InboxItemKind = "INTRODUCTION_EXPIRED"
	// A response to one of the organisation's calls, and the publisher's answer.
	InboxCallResponse         InboxItemKind = "CALL_RESPONSE"
	InboxCallResponseAccepted InboxItemKind = "CALL_RESPONSE_ACCEPTED"
	InboxCallResponseDeclined InboxItemKind = "CALL_RESPONSE_DECLINED"
	// A partner has evaluated a collaboration; the organisation has not yet.
	InboxEvaluationRequested InboxItemKind = "EVALUATION_REQUESTED"
	// The person is invited to contribute to a collaboration.
	InboxContributorInvited InboxItemKind = "CONTRIBUTOR_INVITED"
)

var AllInboxItemKinds = []InboxItemKind{InboxIntroductionRequested, InboxIntroductionToAnswer, InboxIntroductionAccepted,
	InboxIntroductionConnected, InboxIntroductionDeclined, InboxIntroductionWithdrawn, InboxCallResponse,
	InboxCallResponseAccepted, InboxCallResponseDeclined, InboxEvaluationRequested, InboxContributorInvited,
	InboxIntroductionExpired}

func (e InboxItemKind) MarshalGQL(w io.Writer) { marshalEnum(w, e) }
func (e *InboxItemKind) UnmarshalGQL(v any) (err error) {
	*e, err = unmarshalEnum(v, "InboxItemKind", AllInboxItemKinds)
	return err
}

// InboxItem is one notice to a person (RecipientPersonID) or to the
// editors of an organisation (RecipientOrganisationID), written in the
// transaction that made the change it tells of. Read is per reader.
type InboxItem struct {
	ID                      string
	Kind                    InboxItemKind
	RecipientPersonID       string
	RecipientOrganisationID string
	IntroductionID          string
	CallID                  string
	ResponseID              string
	CollaborationID         string
	// Requester: the person who asked for the introduction, who reads the
	// items addressed to its from organisation too (a facilitator asks for
	// organisations they do not edit).
	Requester string
	// By: the subject whose action it tells of.
	By        string
	CreatedAt time.Time
	Read      bool
}

// Reader is who reads an inbox: their subject and the organisations they edit.
type Reader struct {
	Subject string
	OrgIDs  []string
}
