package introduction

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// fakeStore is the Store port in memory, without the spam rules (the
// store's own tests cover them against Neo4j).
type fakeStore struct {
	people map[string]*model.Person
	intros map[string]*model.Introduction
	writes int
}

func (f *fakeStore) PeopleByID(_ context.Context, ids []string) (map[string]*model.Person, error) {
	out := map[string]*model.Person{}
	for _, id := range ids {
		if p, ok := f.people[id]; ok {
			out[id] = p
		}
	}
	return out, nil
}

func (f *fakeStore) RequestIntroduction(_ context.Context, in model.Introduction, _ model.IntroductionRules, now time.Time) (*model.Introduction, error) {
	f.writes++
	in.ID, in.Status, in.CreatedAt = "intro-1", model.IntroRequested, now
	in.History = []*model.IntroductionEvent{{Status: model.IntroRequested, At: now, By: in.RequestedBy}}
	f.intros[in.ID] = &in
	return &in, nil
}

func (f *fakeStore) IntroductionsByID(_ context.Context, ids []string, now time.Time) (map[string]*model.Introduction, error) {
	out := map[string]*model.Introduction{}
	for _, id := range ids {
		if i, ok := f.intros[id]; ok {
			c := *i
			if c.Status.Open() && !c.ExpiresAt.After(now) {
				c.Status = model.IntroExpired
			}
			out[id] = &c
		}
	}
	return out, nil
}

func (f *fakeStore) MoveIntroduction(_ context.Context, id string, from, to model.IntroductionStatus, actor string, now time.Time,
	_ func(*model.Introduction) error) (*model.Introduction, error) {
	i := f.intros[id]
	if i.Status != from {
		return nil, errs.Conflict("moved")
	}
	f.writes++
	i.Status = to
	if to == model.IntroConnected {
		i.ConnectedBy = actor
	}
	i.History = append(i.History, &model.IntroductionEvent{Status: to, At: now, By: actor})
	return i, nil
}

func (f *fakeStore) OpenIntroductionCounts(_ context.Context, ids []string, now time.Time) (map[string]int, error) {
	out := map[string]int{}
	for _, i := range f.intros {
		if i.Status.Open() && i.ExpiresAt.After(now) {
			out[i.TranslatorID]++
		}
	}
	return out, nil
}

func (f *fakeStore) IntroductionCredits(context.Context, []string, time.Time) (map[string]*model.IntroductionCredit, error) {
	return map[string]*model.IntroductionCredit{}, nil
}

var (
	t0          = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	editorFrom  = auth.Principal{Subject: "ef", Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{"from"}}
	editorTo    = auth.Principal{Subject: "et", Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{"to"}}
	translator  = auth.Principal{Subject: "tr", Roles: []auth.Role{auth.RoleProfessional}}
	facilitator = auth.Principal{Subject: "fa", Roles: []auth.Role{auth.RoleFacilitator}}
	admin       = auth.Principal{Subject: "ad", Roles: []auth.Role{auth.RoleAdmin}}
	stranger    = auth.Principal{Subject: "st", Roles: []auth.Role{auth.RoleProfessional}}
)

func newService() (*Service, *fakeStore, *time.Time) {
	f := &fakeStore{intros: map[string]*model.Introduction{}, people: map[string]*model.Person{
		"tr":      {ID: "tr", Name: "Tulkki", Visibility: model.VisibilityMembers, OpenToBridging: true, Email: "tr@example.fi"},
		"private": {ID: "private", Visibility: model.VisibilityPrivate, OpenToBridging: true},
		"closed":  {ID: "closed", Visibility: model.VisibilityPublic},
		"ef":      {ID: "ef", Name: "Pyytäjä", Email: "ef@example.fi"},
		"et":      {ID: "et", Name: "Vastaanottaja", Phone: "+358 40 1"},
	}}
	now := t0
	return New(f, Options{}).WithClock(func() time.Time { return now }), f, &now
}

func request(tr string) Request {
	return Request{TranslatorID: tr, FromOrganisationID: "from", ToOrganisationID: "to"}
}

func TestWhoMayAskWhom(t *testing.T) {
	s, f, _ := newService()
	ctx := context.Background()
	for _, p := range []auth.Principal{{}, stranger, editorTo, translator} {
		if _, err := s.Request(ctx, p, request("tr")); !errors.Is(err, errs.ErrForbidden) {
			t.Errorf("%q asked: %v", p.Subject, err)
		}
	}
	var msgs []string
	for _, who := range []string{"private", "closed", "nobody", "ef"} {
		_, err := s.Request(ctx, editorFrom, request(who))
		if !errors.Is(err, errs.ErrForbidden) {
			t.Fatalf("asking %s: %v", who, err)
		}
		msgs = append(msgs, err.Error())
	}
	for _, m := range msgs[1:] {
		if m != msgs[0] {
			t.Errorf("the refusals differ: %q", msgs)
		}
	}
	if f.writes != 0 {
		t.Fatalf("refusals wrote %d times", f.writes)
	}
	i, err := s.Request(ctx, facilitator, request("tr"))
	if err != nil || !i.ExpiresAt.Equal(t0.Add(DefaultTTL)) {
		t.Fatalf("facilitator's request: %+v, %v", i, err)
	}
}

func TestTurnsAndContacts(t *testing.T) {
	s, _, now := newService()
	ctx := context.Background()
	i, err := s.Request(ctx, editorFrom, request("tr"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Introduction(ctx, stranger, i.ID); !errors.Is(err, errs.ErrNotFound) {
		t.Fatalf("a stranger reads it: %v", err)
	}
	for _, p := range []auth.Principal{editorTo, editorFrom, admin} {
		if _, err := s.Accept(ctx, p, i.ID); !errors.Is(err, errs.ErrForbidden) {
			t.Errorf("%q accepted out of turn: %v", p.Subject, err)
		}
	}
	if got, err := s.Accept(ctx, translator, i.ID); err != nil || got.Status != model.IntroAcceptedByTranslator {
		t.Fatalf("translator accepts: %+v, %v", got, err)
	}
	// A second answer of the translator's (another tab, a double click)
	// lost a race: CONFLICT, as when both answers arrive at once.
	for _, answer := range []func(context.Context, auth.Principal, string) (*model.Introduction, error){s.Accept, s.Decline} {
		if _, err := answer(ctx, translator, i.ID); !errors.Is(err, errs.ErrConflict) {
			t.Errorf("the translator answers again: %v, want CONFLICT", err)
		}
	}
	if len(Contacts(editorFrom, i)) != 0 {
		t.Fatal("contacts before CONNECTED")
	}
	got, err := s.Accept(ctx, editorTo, i.ID)
	if err != nil || got.Status != model.IntroConnected || got.ConnectedBy != "et" {
		t.Fatalf("editor accepts: %+v, %v", got, err)
	}
	rc, err := s.RevealContacts(ctx, editorFrom, []*model.Introduction{got})
	if err != nil || len(rc[0]) != 2 || rc[0][0].Role != ContactTranslator || rc[0][0].Email != "tr@example.fi" ||
		rc[0][1].Role != ContactRecipient || rc[0][1].Phone != "+358 40 1" {
		t.Fatalf("the requester sees %+v, %v", rc, err)
	}
	for _, p := range []auth.Principal{translator, editorTo} {
		if c := Contacts(p, got); len(c) != 1 || c[0].Role != ContactRequester || c[0].PersonID != "ef" {
			t.Errorf("%q sees %+v", p.Subject, c)
		}
	}
	if c := Contacts(stranger, got); len(c) != 0 {
		t.Errorf("a stranger sees %+v", c)
	}
	// Expiry: an open request past its time cannot be answered.
	i2 := *i
	i2.ID, i2.Status, i2.ToOrganisationID = "intro-2", model.IntroRequested, "to"
	s.store.(*fakeStore).intros[i2.ID] = &i2
	*now = t0.Add(DefaultTTL + time.Minute)
	if _, err := s.Accept(ctx, translator, i2.ID); !errors.Is(err, errs.ErrConflict) {
		t.Fatalf("accepting an expired request: %v", err)
	}
	if _, err := s.Withdraw(ctx, editorFrom, i2.ID); !errors.Is(err, errs.ErrConflict) {
		t.Fatalf("withdrawing an expired request: %v", err)
	}
}
