package seed

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/store"
)

// partnershipData is data/partnerships.json: partnership calls and their
// responses, introductions in every state, the collaborations that came
// from them and partner evaluations that agree and disagree. Times are
// relative to the day of seeding (days ago, days ahead), so that the open
// calls are open whenever the demo is loaded.
type partnershipData struct {
	Calls []struct {
		ID, Organisation, Kind, Status, Title, Description, Region, Form string
		Topics, SectorsSought                                            []string
		CreatedDaysAgo, ClosesInDays                                     int
	} `json:"calls"`
	Responses []struct {
		ID, Call, Organisation, Status, Message, By string
		CreatedDaysAgo                              int
		DecidedDaysAgo                              *int
	} `json:"responses"`
	Introductions []struct {
		ID, Translator, From, To, Call, RequestedBy, ConnectedBy, Status, Message string
		CreatedDaysAgo, ExpiresInDays                                             int
		History                                                                   []struct {
			Status, By string
			DaysAgo    int
		}
	} `json:"introductions"`
	Origins []struct {
		Collaboration, Call, Introduction string
	} `json:"origins"`
	Evaluations []struct {
		Collaboration, Organisation, Notes, By string
		GoalsMet, Cooperation, DaysAgo         int
		WouldContinue                          bool
	} `json:"evaluations"`
}

// PartnershipSeed reads data/partnerships.json with times relative to now,
// checking its enums.
func PartnershipSeed(now time.Time) (store.PartnershipSeed, error) {
	var d partnershipData
	var out store.PartnershipSeed
	raw, err := dataFS.ReadFile("data/partnerships.json")
	if err != nil {
		return out, err
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		return out, fmt.Errorf("data/partnerships.json: %w", err)
	}
	day := func(n int) time.Time { return now.Add(time.Duration(n) * 24 * time.Hour).UTC().Truncate(time.Second) }
	check := func(what, v string, ok bool) error {
		if !ok {
			return fmt.Errorf("data/partnerships.json: %s %q is not valid", what, v)
		}
		return nil
	}
	for _, c := range d.Calls {
		call := model.PartnershipCall{ID: c.ID, OrganisationID: c.Organisation, Kind: model.CallKind(c.Kind), Status: model.CallStatus(c.Status),
			Title: c.Title, Description: c.Description, Region: c.Region, Form: model.CollaborationForm(c.Form), TopicIDs: c.Topics,
			ClosesAt: day(c.ClosesInDays), CreatedAt: day(-c.CreatedDaysAgo)}
		if call.Status != model.CallDraft {
			p := day(-c.CreatedDaysAgo)
			call.PublishedAt = &p
		}
		for _, s := range c.SectorsSought {
			call.SectorsSought = append(call.SectorsSought, model.Sector(s))
		}
		if err := check("call kind", c.Kind, contains(model.AllCallKinds, call.Kind)); err != nil {
			return out, err
		}
		if err := check("call status", c.Status, contains(model.AllCallStatuses, call.Status)); err != nil {
			return out, err
		}
		out.Calls = append(out.Calls, call)
	}
	for _, r := range d.Responses {
		resp := model.CallResponse{ID: r.ID, CallID: r.Call, OrganisationID: r.Organisation, Status: model.CallResponseStatus(r.Status),
			Message: r.Message, RespondedBy: r.By, CreatedAt: day(-r.CreatedDaysAgo)}
		if r.DecidedDaysAgo != nil {
			at := day(-*r.DecidedDaysAgo)
			resp.DecidedAt = &at
		}
		if err := check("response status", r.Status, contains(model.AllCallResponseStatuses, resp.Status)); err != nil {
			return out, err
		}
		out.Responses = append(out.Responses, resp)
	}
	for _, in := range d.Introductions {
		i := model.Introduction{ID: in.ID, TranslatorID: in.Translator, FromOrganisationID: in.From, ToOrganisationID: in.To,
			CallID: in.Call, RequestedBy: in.RequestedBy, ConnectedBy: in.ConnectedBy, Status: model.IntroductionStatus(in.Status),
			Message: in.Message, CreatedAt: day(-in.CreatedDaysAgo), ExpiresAt: day(in.ExpiresInDays)}
		if err := check("introduction status", in.Status, contains(model.AllIntroductionStatuses, i.Status)); err != nil {
			return out, err
		}
		i.UpdatedAt = i.CreatedAt
		for _, h := range in.History {
			i.History = append(i.History, &model.IntroductionEvent{Status: model.IntroductionStatus(h.Status), At: day(-h.DaysAgo), By: h.By})
			i.UpdatedAt = day(-h.DaysAgo)
		}
		out.Introductions = append(out.Introductions, i)
	}
	out.Origins = map[string]model.CollaborationOrigin{}
	for _, o := range d.Origins {
		out.Origins[o.Collaboration] = model.CollaborationOrigin{CallID: o.Call, IntroductionID: o.Introduction}
	}
	for _, e := range d.Evaluations {
		out.Evaluations = append(out.Evaluations, model.PartnerEvaluation{CollaborationID: e.Collaboration, OrganisationID: e.Organisation,
			GoalsMet: e.GoalsMet, Cooperation: e.Cooperation, WouldContinue: e.WouldContinue, Notes: e.Notes,
			EvaluatedAt: day(-e.DaysAgo), EvaluatedBy: e.By})
	}
	return out, nil
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
