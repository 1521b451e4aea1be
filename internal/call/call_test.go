package call

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// fakeStore is the Store port in memory; writes counts every change, so
// a test can tell that a refusal changed nothing.
type fakeStore struct {
	calls     map[string]*model.PartnershipCall
	responses map[string]*model.CallResponse
	writes    int
	seq       int
}

func newFake() *fakeStore {
	return &fakeStore{calls: map[string]*model.PartnershipCall{}, responses: map[string]*model.CallResponse{}}
}

func (f *fakeStore) asOf(c *model.PartnershipCall, now time.Time) *model.PartnershipCall {
	out := *c
	if out.Status == model.CallOpen && !out.ClosesAt.After(now) {
		out.Status = model.CallClosed
	}
	return &out
}

func (f *fakeStore) CreateCall(_ context.Context, c model.PartnershipCall, now time.Time) (*model.PartnershipCall, error) {
	f.writes++
	f.seq++
	c.ID, c.Status, c.CreatedAt, c.UpdatedAt = fmt.Sprintf("call-%d", f.seq), model.CallDraft, now, now
	f.calls[c.ID] = &c
	return f.asOf(&c, now), nil
}

func (f *fakeStore) CallsByID(_ context.Context, ids []string, now time.Time) (map[string]*model.PartnershipCall, error) {
	out := map[string]*model.PartnershipCall{}
	for _, id := range ids {
		if c, ok := f.calls[id]; ok {
			out[id] = f.asOf(c, now)
		}
	}
	return out, nil
}

func (f *fakeStore) OpenCallsByOrganisation(_ context.Context, orgIDs []string, now time.Time) (map[string][]*model.PartnershipCall, error) {
	out := map[string][]*model.PartnershipCall{}
	for _, c := range f.calls {
		if c = f.asOf(c, now); c.Status == model.CallOpen && slices.Contains(orgIDs, c.OrganisationID) {
			out[c.OrganisationID] = append(out[c.OrganisationID], c)
		}
	}
	return out, nil
}

func (f *fakeStore) ReadCallsPage(_ context.Context, fl model.CallFilter, first int, _ *string, _ bool, now time.Time) (*model.Page[*model.PartnershipCall], error) {
	p := &model.Page[*model.PartnershipCall]{}
	for _, c := range f.calls {
		c = f.asOf(c, now)
		if c.Status == model.CallDraft && !fl.AllDrafts && !slices.Contains(fl.DraftOrgIDs, c.OrganisationID) {
			continue
		}
		p.Items = append(p.Items, c)
	}
	p.TotalCount = len(p.Items)
	return p, nil
}

func (f *fakeStore) UpdateCall(_ context.Context, id string, p model.CallPatch, now time.Time, check func(*model.PartnershipCall) error) (*model.PartnershipCall, error) {
	c := f.calls[id]
	if err := check(f.asOf(c, now)); err != nil {
		return nil, err
	}
	f.writes++
	if p.Title != nil {
		c.Title = *p.Title
	}
	return f.asOf(c, now), nil
}

func (f *fakeStore) MoveCall(_ context.Context, id string, from []model.CallStatus, to model.CallStatus, now time.Time) (*model.PartnershipCall, error) {
	c := f.calls[id]
	if !slices.Contains(from, f.asOf(c, now).Status) {
		return nil, errs.Conflict("is %s", c.Status)
	}
	f.writes++
	c.Status = to
	return f.asOf(c, now), nil
}

func (f *fakeStore) RespondToCall(_ context.Context, r model.CallResponse, now time.Time) (*model.CallResponse, error) {
	if f.asOf(f.calls[r.CallID], now).Status != model.CallOpen {
		return nil, errs.Conflict("not open")
	}
	for _, old := range f.responses {
		if old.CallID == r.CallID && old.OrganisationID == r.OrganisationID {
			return nil, errs.Conflict("responded already")
		}
	}
	f.writes++
	f.seq++
	r.ID, r.Status = fmt.Sprintf("resp-%d", f.seq), model.ResponsePending
	f.responses[r.ID] = &r
	return &r, nil
}

func (f *fakeStore) CallResponsesByID(_ context.Context, ids []string) (map[string]*model.CallResponse, error) {
	out := map[string]*model.CallResponse{}
	for _, id := range ids {
		if r, ok := f.responses[id]; ok {
			out[id] = r
		}
	}
	return out, nil
}

func (f *fakeStore) ResponsesOfCalls(_ context.Context, ids []string) (map[string][]*model.CallResponse, error) {
	out := map[string][]*model.CallResponse{}
	for _, r := range f.responses {
		if slices.Contains(ids, r.CallID) {
			out[r.CallID] = append(out[r.CallID], r)
		}
	}
	return out, nil
}

func (f *fakeStore) DecideCallResponse(_ context.Context, id string, to model.CallResponseStatus, actor string, now time.Time) (*model.CallResponse, error) {
	r := f.responses[id]
	if r.Status != model.ResponsePending {
		return nil, errs.Conflict("decided")
	}
	f.writes++
	r.Status, r.DecidedBy, r.DecidedAt = to, actor, &now
	return r, nil
}

var (
	t0        = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	admin     = auth.Principal{Subject: "admin", Roles: []auth.Role{auth.RoleAdmin}}
	editorA   = auth.Principal{Subject: "ea", Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{"org-a"}}
	editorB   = auth.Principal{Subject: "eb", Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{"org-b"}}
	editorC   = auth.Principal{Subject: "ec", Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{"org-c"}}
	pro       = auth.Principal{Subject: "p", Roles: []auth.Role{auth.RoleProfessional}}
	anonymous = auth.Principal{}
)

func newService() (*Service, *fakeStore, *time.Time) {
	f := newFake()
	now := t0
	return New(f).WithClock(func() time.Time { return now }), f, &now
}

func input() Input {
	return Input{OrganisationID: "org-a", Kind: model.CallNeed, Title: "Vertaistukiryhmä", TopicIDs: []string{"t1"},
		ClosesAt: t0.Add(7 * 24 * time.Hour)}
}

func wantKind(t *testing.T, err, kind error) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Fatalf("got %v, want %v", err, kind)
	}
}

func TestCreateIsForTheOrganisationsEditors(t *testing.T) {
	s, f, _ := newService()
	ctx := context.Background()
	for _, p := range []auth.Principal{anonymous, pro, editorB} {
		_, err := s.Create(ctx, p, input())
		wantKind(t, err, errs.ErrForbidden)
	}
	if f.writes != 0 {
		t.Fatalf("refusals wrote %d times", f.writes)
	}
	for _, p := range []auth.Principal{editorA, admin} {
		c, err := s.Create(ctx, p, input())
		if err != nil || c.Status != model.CallDraft || c.CreatedBy != p.Subject {
			t.Fatalf("%v: %+v, %v", p.Subject, c, err)
		}
	}
}

func TestCreateRefusesBadInput(t *testing.T) {
	s, f, _ := newService()
	ctx := context.Background()
	for name, change := range map[string]func(*Input){
		"closing date in the past": func(in *Input) { in.ClosesAt = t0.Add(-time.Minute) },
		"closing date now":         func(in *Input) { in.ClosesAt = t0 },
		"too far ahead":            func(in *Input) { in.ClosesAt = t0.Add(3 * 365 * 24 * time.Hour) },
		"no topics":                func(in *Input) { in.TopicIDs = nil },
		"no title":                 func(in *Input) { in.Title = "  " },
		"bad kind":                 func(in *Input) { in.Kind = "WISH" },
		"bad sector":               func(in *Input) { in.SectorsSought = []model.Sector{"FOURTH"} },
	} {
		in := input()
		change(&in)
		_, err := s.Create(ctx, editorA, in)
		if !errors.Is(err, errs.ErrInvalidInput) {
			t.Errorf("%s: %v, want invalid input", name, err)
		}
	}
	if f.writes != 0 {
		t.Fatalf("refusals wrote %d times", f.writes)
	}
}

func TestDraftsAreHiddenAndCallsCloseByThemselves(t *testing.T) {
	s, _, now := newService()
	ctx := context.Background()
	c, err := s.Create(ctx, editorA, input())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []auth.Principal{anonymous, pro, editorB} {
		_, err := s.Call(ctx, p, c.ID)
		wantKind(t, err, errs.ErrNotFound)
		page, _ := s.List(ctx, p, model.CallFilter{}, nil, nil, true)
		if page.TotalCount != 0 {
			t.Errorf("%q lists a draft", p.Subject)
		}
		// Nor may they publish it: it does not exist for them.
		_, err = s.Publish(ctx, p, c.ID)
		wantKind(t, err, errs.ErrNotFound)
	}
	if _, err := s.Publish(ctx, editorA, c.ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.Call(ctx, anonymous, c.ID)
	if err != nil || got.Status != model.CallOpen {
		t.Fatalf("published call for anyone: %+v, %v", got, err)
	}
	_, err = s.Publish(ctx, editorA, c.ID)
	wantKind(t, err, errs.ErrConflict)
	*now = c.ClosesAt.Add(time.Second)
	got, _ = s.Call(ctx, anonymous, c.ID)
	if got.Status != model.CallClosed {
		t.Fatalf("a call past its closing date reads %s", got.Status)
	}
	_, err = s.Respond(ctx, editorB, c.ID, "org-b", "")
	wantKind(t, err, errs.ErrConflict)
	// A closed call may still be marked filled, not reopened by editing.
	_, err = s.Update(ctx, editorA, c.ID, model.CallPatch{Title: new(string)})
	if err == nil {
		t.Fatal("edited a closed call")
	}
	if got, err = s.Close(ctx, editorA, c.ID, true); err != nil || got.Status != model.CallFilled {
		t.Fatalf("fill a closed call: %+v, %v", got, err)
	}
}

func TestResponses(t *testing.T) {
	s, f, _ := newService()
	ctx := context.Background()
	c, _ := s.Create(ctx, editorA, input())
	if _, err := s.Publish(ctx, editorA, c.ID); err != nil {
		t.Fatal(err)
	}
	writes := f.writes
	// Only the responding organisation's editors, not for the publisher.
	_, err := s.Respond(ctx, editorB, c.ID, "org-c", "")
	wantKind(t, err, errs.ErrForbidden)
	_, err = s.Respond(ctx, anonymous, c.ID, "org-b", "")
	wantKind(t, err, errs.ErrForbidden)
	_, err = s.Respond(ctx, editorA, c.ID, "org-a", "")
	wantKind(t, err, errs.ErrInvalidInput)
	if f.writes != writes {
		t.Fatal("a refused response was stored")
	}
	rb, err := s.Respond(ctx, editorB, c.ID, "org-b", "Meillä on vertaisohjaajia")
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Respond(ctx, editorB, c.ID, "org-b", "again")
	wantKind(t, err, errs.ErrConflict)
	rc, err := s.Respond(ctx, editorC, c.ID, "org-c", "")
	if err != nil {
		t.Fatal(err)
	}
	seen := func(p auth.Principal) int {
		m, err := s.Responses(ctx, p, []*model.PartnershipCall{c})
		if err != nil {
			t.Fatal(err)
		}
		return len(m[c.ID])
	}
	for p, want := range map[*auth.Principal]int{&editorA: 2, &admin: 2, &editorB: 1, &editorC: 1, &pro: 0, &anonymous: 0} {
		if got := seen(*p); got != want {
			t.Errorf("%q sees %d responses, want %d", p.Subject, got, want)
		}
	}
	// Only the publisher decides; a responder is FORBIDDEN, an outsider
	// does not learn that the response exists.
	_, err = s.Decide(ctx, editorB, rb.ID, true)
	wantKind(t, err, errs.ErrForbidden)
	_, err = s.Decide(ctx, pro, rb.ID, true)
	wantKind(t, err, errs.ErrNotFound)
	if r, err := s.Decide(ctx, editorA, rb.ID, true); err != nil || r.Status != model.ResponseAccepted || r.DecidedBy != "ea" {
		t.Fatalf("accept: %+v, %v", r, err)
	}
	_, err = s.Decide(ctx, editorA, rb.ID, false)
	wantKind(t, err, errs.ErrConflict)
	if r, err := s.Decide(ctx, admin, rc.ID, false); err != nil || r.Status != model.ResponseDeclined {
		t.Fatalf("decline: %+v, %v", r, err)
	}
}
