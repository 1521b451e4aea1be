// Package call is the domain of partnership calls: an organisation
// publishes a need or an offer (modelled on the partnership profiles of
// partnering networks), other organisations answer it with an expression
// of interest, and the publisher accepts or declines each answer. A call
// closes on its closing date by itself: the store reads an OPEN call past
// closesAt as CLOSED.
//
// Who asks is an explicit parameter (auth.Principal) of every method; the
// package never reads the request context for it. Storage is the Store
// port below, which *store.Store satisfies.
package call

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/validate"
)

// Limits of a call's text.
const (
	MaxMessage = 2000
	// MaxOpenFor is how far ahead a closing date may be.
	MaxOpenFor = 2 * 365 * 24 * time.Hour
)

// Service is the call domain's entry point.
type Service struct {
	store Store
	now   func() time.Time
}

// New returns a call service over st.
func New(st Store) *Service {
	return &Service{store: st, now: func() time.Time { return time.Now().UTC() }}
}

// WithClock returns a copy of s that takes the time from now (tests).
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

// Now is the service's current time.
func (s *Service) Now() time.Time { return s.now() }

// CanEdit reports whether caller may write call c: an editor of its
// organisation, or an administrator.
func CanEdit(caller auth.Principal, c *model.PartnershipCall) bool {
	return auth.CanEditOrganisation(caller, c.OrganisationID)
}

// canSee reports whether caller may read call c: anyone once published,
// a draft only its organisation's editors and administrators.
func canSee(caller auth.Principal, c *model.PartnershipCall) bool {
	return c.Status != model.CallDraft || CanEdit(caller, c)
}

// ---- reading ----

// Call returns the call with this id as caller may see it; a draft the
// caller may not see is NOT_FOUND, like an id that does not exist.
func (s *Service) Call(ctx context.Context, caller auth.Principal, id string) (*model.PartnershipCall, error) {
	m, err := s.store.CallsByID(ctx, []string{id}, s.now())
	c, err := errs.Lookup("partnership call", id, m, err)
	if err != nil {
		return nil, err
	}
	if !canSee(caller, c) {
		return nil, errs.NotFound("partnership call", id)
	}
	return c, nil
}

// CallsByID returns the calls with these ids that caller may see.
func (s *Service) CallsByID(ctx context.Context, caller auth.Principal, ids []string) (map[string]*model.PartnershipCall, error) {
	m, err := s.store.CallsByID(ctx, ids, s.now())
	if err != nil {
		return nil, err
	}
	for id, c := range m {
		if !canSee(caller, c) {
			delete(m, id)
		}
	}
	return m, nil
}

// OpenCalls returns, for each of these organisations, the calls it has
// OPEN now, the soonest to close first: published calls, which anyone may
// see. One read for all of them.
func (s *Service) OpenCalls(ctx context.Context, orgIDs []string) (map[string][]*model.PartnershipCall, error) {
	return s.store.OpenCallsByOrganisation(ctx, orgIDs, s.now())
}

// List pages through the calls matching f that caller may see, by title.
func (s *Service) List(ctx context.Context, caller auth.Principal, f model.CallFilter, first *int, after *string, count bool) (*model.Page[*model.PartnershipCall], error) {
	n, err := validate.PageSize(first)
	if err != nil {
		return nil, err
	}
	if f.Search, err = validate.Text("search", f.Search, validate.MaxSearch); err != nil {
		return nil, err
	}
	if f.Region, err = validate.Text("region", f.Region, validate.MaxRegion); err != nil {
		return nil, err
	}
	if err := validate.OptionalOneOf("status", f.Status, model.AllCallStatuses); err != nil {
		return nil, err
	}
	if err := validate.OptionalOneOf("kind", f.Kind, model.AllCallKinds); err != nil {
		return nil, err
	}
	if err := validate.OptionalOneOf("sector", f.Sector, model.AllSectors); err != nil {
		return nil, err
	}
	f.AllDrafts = caller.IsAdmin()
	f.DraftOrgIDs = nil
	if caller.Has(auth.RoleOrgEditor) {
		f.DraftOrgIDs = slices.Clone(caller.Orgs)
	}
	return s.store.ReadCallsPage(ctx, f, n, after, count, s.now())
}

// ---- writing ----

// Input is what createPartnershipCall takes.
type Input struct {
	OrganisationID string
	Kind           model.CallKind
	Title          string
	Description    string
	TopicIDs       []string
	SectorsSought  []model.Sector
	Region         string
	Form           model.CollaborationForm
	ClosesAt       time.Time
}

func (s *Service) checkClosesAt(t time.Time) error {
	now := s.now()
	if !t.After(now) {
		return errs.Invalid("closesAt", "closesAt must be in the future, got %s", t.UTC().Format(time.RFC3339))
	}
	if t.Sub(now) > MaxOpenFor {
		return errs.Invalid("closesAt", "a call can be open for at most two years")
	}
	return nil
}

func checkSectors(sectors []model.Sector) ([]model.Sector, error) {
	var out []model.Sector
	for _, sec := range sectors {
		if err := validate.OneOf("sectorsSought", sec, model.AllSectors); err != nil {
			return nil, err
		}
		if !slices.Contains(out, sec) {
			out = append(out, sec)
		}
	}
	slices.Sort(out)
	return out, nil
}

// Create validates and stores a new DRAFT call of in.OrganisationID, which
// the caller must edit.
func (s *Service) Create(ctx context.Context, caller auth.Principal, in Input) (*model.PartnershipCall, error) {
	c := model.PartnershipCall{OrganisationID: in.OrganisationID, Kind: in.Kind, Region: in.Region, Form: in.Form,
		ClosesAt: in.ClosesAt.UTC(), CreatedBy: caller.Subject}
	if !auth.CanEditOrganisation(caller, c.OrganisationID) {
		return nil, auth.Deny(caller, "only editors of the organisation and administrators may publish its partnership calls")
	}
	var err error
	if err := validate.OneOf("kind", c.Kind, model.AllCallKinds); err != nil {
		return nil, err
	}
	if c.Title, err = validate.Name("title", in.Title, validate.MaxName); err != nil {
		return nil, err
	}
	if c.Description, err = validate.Text("description", in.Description, validate.MaxDescription); err != nil {
		return nil, err
	}
	if c.Region, err = validate.Text("region", c.Region, validate.MaxRegion); err != nil {
		return nil, err
	}
	if err := validate.OptionalOneOf("form", c.Form, model.AllCollaborationForms); err != nil {
		return nil, err
	}
	if c.TopicIDs, err = validate.IDs("topicIds", in.TopicIDs); err != nil {
		return nil, err
	}
	if len(c.TopicIDs) == 0 {
		return nil, errs.Invalid("topicIds", "a call needs at least one topic, so that partners can find it")
	}
	if c.SectorsSought, err = checkSectors(in.SectorsSought); err != nil {
		return nil, err
	}
	if err := s.checkClosesAt(c.ClosesAt); err != nil {
		return nil, err
	}
	out, err := s.store.CreateCall(ctx, c, s.now())
	if err != nil {
		return nil, fmt.Errorf("create partnership call: %w", err)
	}
	return out, nil
}

// editable loads call id for a write by caller: NOT_FOUND when caller may
// not see it, FORBIDDEN when they may see but not edit it.
func (s *Service) editable(ctx context.Context, caller auth.Principal, id string) (*model.PartnershipCall, error) {
	c, err := s.Call(ctx, caller, id)
	if err != nil {
		return nil, err
	}
	if !CanEdit(caller, c) {
		return nil, auth.Deny(caller, "only editors of the publishing organisation and administrators may change a partnership call")
	}
	return c, nil
}

// Update applies a partial update to a DRAFT or OPEN call.
func (s *Service) Update(ctx context.Context, caller auth.Principal, id string, p model.CallPatch) (*model.PartnershipCall, error) {
	if _, err := s.editable(ctx, caller, id); err != nil {
		return nil, err
	}
	if p.Kind != nil {
		if err := validate.OneOf("kind", *p.Kind, model.AllCallKinds); err != nil {
			return nil, err
		}
	}
	if p.Title != nil {
		v, err := validate.Name("title", *p.Title, validate.MaxName)
		if err != nil {
			return nil, err
		}
		p.Title = &v
	}
	var err error
	if p.Description, err = validate.OptionalText("description", p.Description, validate.MaxDescription); err != nil {
		return nil, err
	}
	if p.Region, err = validate.OptionalText("region", p.Region, validate.MaxRegion); err != nil {
		return nil, err
	}
	if p.Form != nil && *p.Form != "" {
		if err := validate.OneOf("form", *p.Form, model.AllCollaborationForms); err != nil {
			return nil, err
		}
	}
	if p.TopicIDs != nil {
		v, err := validate.IDs("topicIds", *p.TopicIDs)
		if err != nil {
			return nil, err
		}
		if len(v) == 0 {
			return nil, errs.Invalid("topicIds", "a call needs at least one topic, so that partners can find it")
		}
		p.TopicIDs = &v
	}
	if p.SectorsSought != nil {
		v, err := checkSectors(*p.SectorsSought)
		if err != nil {
			return nil, err
		}
		p.SectorsSought = &v
	}
	if p.ClosesAt != nil {
		t := p.ClosesAt.UTC()
		if err := s.checkClosesAt(t); err != nil {
			return nil, err
		}
		p.ClosesAt = &t
	}
	out, err := s.store.UpdateCall(ctx, id, p, s.now(), func(c *model.PartnershipCall) error {
		if c.Status != model.CallDraft && c.Status != model.CallOpen {
			return errs.Conflict("the partnership call is %s; only DRAFT and OPEN calls can be edited", c.Status)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("update partnership call %s: %w", id, err)
	}
	return out, nil
}

// Publish opens a DRAFT call for responses; its closing date must still
// be ahead.
func (s *Service) Publish(ctx context.Context, caller auth.Principal, id string) (*model.PartnershipCall, error) {
	c, err := s.editable(ctx, caller, id)
	if err != nil {
		return nil, err
	}
	if c.Status == model.CallDraft && !c.ClosesAt.After(s.now()) {
		return nil, errs.Invalid("closesAt", "the call's closing date has passed; set a later closesAt before publishing")
	}
	out, err := s.store.MoveCall(ctx, id, []model.CallStatus{model.CallDraft}, model.CallOpen, s.now())
	if err != nil {
		return nil, fmt.Errorf("publish partnership call %s: %w", id, err)
	}
	return out, nil
}

// Close ends a call: CLOSED, or FILLED when the publisher found its
// partner (a CLOSED call may still be marked FILLED).
func (s *Service) Close(ctx context.Context, caller auth.Principal, id string, filled bool) (*model.PartnershipCall, error) {
	if _, err := s.editable(ctx, caller, id); err != nil {
		return nil, err
	}
	from, to := []model.CallStatus{model.CallDraft, model.CallOpen}, model.CallClosed
	if filled {
		from, to = []model.CallStatus{model.CallOpen, model.CallClosed}, model.CallFilled
	}
	out, err := s.store.MoveCall(ctx, id, from, to, s.now())
	if err != nil {
		return nil, fmt.Errorf("close partnership call %s: %w", id, err)
	}
	return out, nil
}

// ---- responses ----

// Respond records organisationID's expression of interest in an OPEN call,
// by an editor of that organisation (or an administrator). One response per
// organisation per call; the publisher cannot answer its own call.
func (s *Service) Respond(ctx context.Context, caller auth.Principal, callID, organisationID, message string) (*model.CallResponse, error) {
	if !auth.CanEditOrganisation(caller, organisationID) {
		return nil, auth.Deny(caller, "only editors of the responding organisation and administrators may answer a call for it")
	}
	c, err := s.Call(ctx, caller, callID)
	if err != nil {
		return nil, err
	}
	if c.OrganisationID == organisationID {
		return nil, errs.Invalid("organisationId", "an organisation cannot answer its own call")
	}
	if message, err = validate.Text("message", message, MaxMessage); err != nil {
		return nil, err
	}
	out, err := s.store.RespondToCall(ctx, model.CallResponse{CallID: callID, OrganisationID: organisationID,
		Message: message, RespondedBy: caller.Subject}, s.now())
	if err != nil {
		return nil, fmt.Errorf("respond to partnership call %s: %w", callID, err)
	}
	return out, nil
}

// Decide accepts (accept) or declines a PENDING response, by an editor of
// the publishing organisation or an administrator.
func (s *Service) Decide(ctx context.Context, caller auth.Principal, responseID string, accept bool) (*model.CallResponse, error) {
	m, err := s.store.CallResponsesByID(ctx, []string{responseID})
	r, err := errs.Lookup("call response", responseID, m, err)
	if err != nil {
		return nil, err
	}
	c, err := s.Call(ctx, caller, r.CallID)
	if err != nil {
		return nil, err
	}
	if !CanEdit(caller, c) {
		if !canSeeResponse(caller, c, r) {
			return nil, errs.NotFound("call response", responseID)
		}
		return nil, auth.Deny(caller, "only editors of the publishing organisation and administrators may accept or decline a response")
	}
	to := model.ResponseDeclined
	if accept {
		to = model.ResponseAccepted
	}
	out, err := s.store.DecideCallResponse(ctx, responseID, to, caller.Subject, s.now())
	if err != nil {
		return nil, fmt.Errorf("decide response %s: %w", responseID, err)
	}
	return out, nil
}

// canSeeResponse: the publisher's editors and administrators see every
// response to a call, the responding organisation's editors their own.
func canSeeResponse(caller auth.Principal, c *model.PartnershipCall, r *model.CallResponse) bool {
	return CanEdit(caller, c) || auth.CanEditOrganisation(caller, r.OrganisationID)
}

// Response returns one response, NOT_FOUND unless caller may see it.
func (s *Service) Response(ctx context.Context, caller auth.Principal, id string) (*model.CallResponse, error) {
	m, err := s.store.CallResponsesByID(ctx, []string{id})
	r, err := errs.Lookup("call response", id, m, err)
	if err != nil {
		return nil, err
	}
	c, err := s.Call(ctx, caller, r.CallID)
	if err != nil || !canSeeResponse(caller, c, r) {
		return nil, errs.NotFound("call response", id)
	}
	return r, nil
}

// Responses returns, for each call, the responses caller may see, oldest
// first: all of them to the publisher's editors and administrators, their
// own to a responding organisation's editors, none to anyone else. One
// read for all the calls.
func (s *Service) Responses(ctx context.Context, caller auth.Principal, calls []*model.PartnershipCall) (map[string][]*model.CallResponse, error) {
	var ids []string
	for _, c := range calls {
		if CanEdit(caller, c) || caller.Has(auth.RoleOrgEditor) {
			ids = append(ids, c.ID)
		}
	}
	out := map[string][]*model.CallResponse{}
	if len(ids) == 0 {
		return out, nil
	}
	all, err := s.store.ResponsesOfCalls(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("load call responses: %w", err)
	}
	for _, c := range calls {
		for _, r := range all[c.ID] {
			if canSeeResponse(caller, c, r) {
				out[c.ID] = append(out[c.ID], r)
			}
		}
	}
	return out, nil
}

// ResponsesByID returns the responses with these ids that caller may see.
func (s *Service) ResponsesByID(ctx context.Context, caller auth.Principal, ids []string) (map[string]*model.CallResponse, error) {
	m, err := s.store.CallResponsesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	var callIDs []string
	for _, r := range m {
		callIDs = append(callIDs, r.CallID)
	}
	calls, err := s.CallsByID(ctx, caller, callIDs)
	if err != nil {
		return nil, err
	}
	for id, r := range m {
		if c := calls[r.CallID]; c == nil || !canSeeResponse(caller, c, r) {
			delete(m, id)
		}
	}
	return m, nil
}
