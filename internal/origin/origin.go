// Package origin starts collaborations from where partnerships are born,
// a partnership call or an introduction through a translator, and says
// where a collaboration came from, so that workshop outcomes, boldness and
// a translator's credit can count it.
//
// Who asks is an explicit parameter; storage is the Store port.
package origin

import (
	"context"
	"fmt"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/validate"
)

// Service starts collaborations from calls and introductions.
type Service struct {
	store Store
	now   func() time.Time
}

// New returns the service over st.
func New(st Store) *Service {
	return &Service{store: st, now: func() time.Time { return time.Now().UTC() }}
}

// Input is startCollaboration's input: exactly one of FromCallID and
// FromIntroductionID. TopicIDs nil means the call's topics (of the
// introduction's call, if any).
type Input struct {
	FromCallID, FromIntroductionID string
	Title, Description             string
	Form                           model.CollaborationForm
	TopicIDs                       []string
}

// Start creates a collaboration in phase PARTNERS_MAPPED with the two
// sides as partners, linked to its origin:
//   - from a call (not a draft), by an editor of the publisher: the
//     publisher LEAD and every organisation whose response it accepted
//     PARTNER (CONFLICT when it accepted none);
//   - from a CONNECTED introduction, by an editor of either organisation:
//     the requesting organisation LEAD, the other PARTNER.
//
// Administrators may start either. One collaboration per call or
// introduction (CONFLICT).
func (s *Service) Start(ctx context.Context, caller auth.Principal, in Input) (*model.Collaboration, error) {
	if (in.FromCallID == "") == (in.FromIntroductionID == "") {
		return nil, errs.Invalid("fromCallId", "give exactly one of fromCallId and fromIntroductionId")
	}
	c := model.Collaboration{Form: in.Form, Phase: model.PhasePartnersMapped}
	var err error
	if c.Title, err = validate.Name("title", in.Title, validate.MaxName); err != nil {
		return nil, err
	}
	if c.Description, err = validate.Text("description", in.Description, validate.MaxDescription); err != nil {
		return nil, err
	}
	if err := validate.OneOf("form", c.Form, model.AllCollaborationForms); err != nil {
		return nil, err
	}
	topics := in.TopicIDs
	if topics != nil {
		if topics, err = validate.IDs("topicIds", topics); err != nil {
			return nil, err
		}
	}
	now := s.now()
	var partners []model.Partnership
	var origin model.CollaborationOrigin
	if in.FromCallID != "" {
		m, err := s.store.CallsByID(ctx, []string{in.FromCallID}, now)
		call, err := errs.Lookup("partnership call", in.FromCallID, m, err)
		if err != nil {
			return nil, err
		}
		if call.Status == model.CallDraft {
			if !auth.CanEditOrganisation(caller, call.OrganisationID) {
				return nil, errs.NotFound("partnership call", in.FromCallID)
			}
			return nil, errs.Conflict("the call is a draft; publish it and accept a response first")
		}
		if !auth.CanEditOrganisation(caller, call.OrganisationID) {
			return nil, auth.Deny(caller, "only editors of the publishing organisation and administrators may start a collaboration from a call")
		}
		responses, err := s.store.ResponsesOfCalls(ctx, []string{call.ID})
		if err != nil {
			return nil, fmt.Errorf("load responses: %w", err)
		}
		partners = []model.Partnership{{OrganisationID: call.OrganisationID, Role: model.PartnerLead}}
		for _, r := range responses[call.ID] {
			if r.Status == model.ResponseAccepted {
				partners = append(partners, model.Partnership{OrganisationID: r.OrganisationID, Role: model.PartnerPartner})
			}
		}
		if len(partners) < 2 {
			return nil, errs.Conflict("accept a response to the call first: a collaboration from a call needs a partner who answered it")
		}
		if topics == nil {
			topics = call.TopicIDs
		}
		origin.CallID = call.ID
	} else {
		m, err := s.store.IntroductionsByID(ctx, []string{in.FromIntroductionID}, now)
		intro, err := errs.Lookup("introduction", in.FromIntroductionID, m, err)
		if err != nil {
			return nil, err
		}
		may := caller.IsAdmin() || caller.Edits(intro.FromOrganisationID) || caller.Edits(intro.ToOrganisationID)
		if !may {
			if caller.Subject != "" && (caller.Subject == intro.TranslatorID || caller.Subject == intro.RequestedBy) {
				return nil, auth.Deny(caller, "only editors of the two organisations and administrators may start a collaboration from an introduction")
			}
			return nil, errs.NotFound("introduction", in.FromIntroductionID)
		}
		if intro.Status != model.IntroConnected {
			return nil, errs.Conflict("the introduction is %s; a collaboration starts from a CONNECTED one", intro.Status)
		}
		partners = []model.Partnership{{OrganisationID: intro.FromOrganisationID, Role: model.PartnerLead},
			{OrganisationID: intro.ToOrganisationID, Role: model.PartnerPartner}}
		if topics == nil && intro.CallID != "" {
			calls, err := s.store.CallsByID(ctx, []string{intro.CallID}, now)
			if err != nil {
				return nil, fmt.Errorf("load call: %w", err)
			}
			if call := calls[intro.CallID]; call != nil {
				topics = call.TopicIDs
			}
		}
		origin.IntroductionID, origin.TranslatorID = intro.ID, intro.TranslatorID
	}
	out, err := s.store.StartCollaboration(ctx, c, topics, partners, caller.Subject, origin)
	if err != nil {
		return nil, fmt.Errorf("start collaboration: %w", err)
	}
	return out, nil
}

// Origins says where each of the collaborations came from (absent: neither
// from a call nor from an introduction).
func (s *Service) Origins(ctx context.Context, ids []string) (map[string]*model.CollaborationOrigin, error) {
	return s.store.CollaborationOrigins(ctx, ids)
}
