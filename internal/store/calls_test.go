package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/storetest"
)

func newCallTopic(t *testing.T, st *store.Store) string {
	t.Helper()
	tp, err := st.CreateTopic(context.Background(), model.Topic{Name: storetest.ID("aihe")})
	if err != nil {
		t.Fatal(err)
	}
	return tp.ID
}

func newOpenCall(t *testing.T, st *store.Store, org, topic string, now time.Time) *model.PartnershipCall {
	t.Helper()
	ctx := context.Background()
	c, err := st.CreateCall(ctx, model.PartnershipCall{OrganisationID: org, Kind: model.CallNeed, Title: storetest.ID("Haku"),
		TopicIDs: []string{topic}, SectorsSought: []model.Sector{model.SectorThird}, ClosesAt: now.Add(24 * time.Hour),
		CreatedBy: "someone"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != model.CallDraft || len(c.TopicIDs) != 1 || c.OrganisationID != org {
		t.Fatalf("created call %+v", c)
	}
	c, err = st.MoveCall(ctx, c.ID, []model.CallStatus{model.CallDraft}, model.CallOpen, now)
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != model.CallOpen || c.PublishedAt == nil {
		t.Fatalf("published call %+v", c)
	}
	return c
}

func TestCallClosesByItselfWhenRead(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Millisecond)
	org := newOrgIn(t, st, model.SectorPublic)
	topic := newCallTopic(t, st)
	c := newOpenCall(t, st, org, topic, now)

	later := now.Add(25 * time.Hour)
	m, err := st.CallsByID(ctx, []string{c.ID}, later)
	if err != nil || m[c.ID].Status != model.CallClosed {
		t.Fatalf("a call past closesAt reads %+v, %v; want CLOSED", m[c.ID], err)
	}
	page, err := st.ReadCallsPage(ctx, model.CallFilter{TopicID: topic, Status: model.CallOpen}, 10, nil, true, later)
	if err != nil || page.TotalCount != 0 {
		t.Fatalf("OPEN filter after closesAt: %+v, %v", page, err)
	}
	page, err = st.ReadCallsPage(ctx, model.CallFilter{TopicID: topic, Status: model.CallClosed}, 10, nil, true, later)
	if err != nil || page.TotalCount != 1 {
		t.Fatalf("CLOSED filter after closesAt: %+v, %v", page, err)
	}
	_, err = st.RespondToCall(ctx, model.CallResponse{CallID: c.ID, OrganisationID: newOrgIn(t, st, model.SectorThird)}, later)
	if !errors.Is(err, errs.ErrConflict) {
		t.Fatalf("answering a call past closesAt: %v, want CONFLICT", err)
	}
	// Before the date it is still open.
	if m, _ := st.CallsByID(ctx, []string{c.ID}, now); m[c.ID].Status != model.CallOpen {
		t.Fatalf("before closesAt: %s", m[c.ID].Status)
	}
}

func TestCallListHidesOthersDrafts(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	now := time.Now().UTC()
	org := newOrgIn(t, st, model.SectorPublic)
	topic := newCallTopic(t, st)
	open := newOpenCall(t, st, org, topic, now)
	draft, err := st.CreateCall(ctx, model.PartnershipCall{OrganisationID: org, Kind: model.CallOffer, Title: "Luonnos",
		TopicIDs: []string{topic}, ClosesAt: now.Add(time.Hour)}, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		f    model.CallFilter
		want int
	}{
		{model.CallFilter{TopicID: topic}, 1},
		{model.CallFilter{TopicID: topic, DraftOrgIDs: []string{"other"}}, 1},
		{model.CallFilter{TopicID: topic, DraftOrgIDs: []string{org}}, 2},
		{model.CallFilter{TopicID: topic, AllDrafts: true}, 2},
		{model.CallFilter{TopicID: topic, AllDrafts: true, Kind: model.CallOffer}, 1},
		{model.CallFilter{TopicID: topic, AllDrafts: true, Sector: model.SectorThird}, 1},
		{model.CallFilter{TopicID: topic, AllDrafts: true, Sector: model.SectorPrivate}, 0},
	} {
		page, err := st.ReadCallsPage(ctx, tc.f, 10, nil, true, now)
		if err != nil {
			t.Fatal(err)
		}
		if page.TotalCount != tc.want || len(page.Items) != tc.want {
			t.Errorf("filter %+v: %d calls (%d items), want %d", tc.f, page.TotalCount, len(page.Items), tc.want)
		}
	}
	_ = open
	_ = draft
}

func TestOneResponsePerOrganisationAndOneDecision(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	now := time.Now().UTC()
	org := newOrgIn(t, st, model.SectorPublic)
	c := newOpenCall(t, st, org, newCallTopic(t, st), now)
	responder := newOrgIn(t, st, model.SectorThird)

	// Two responses at once from one organisation: exactly one is stored.
	var wg sync.WaitGroup
	results := make([]error, 4)
	for i := range results {
		wg.Go(func() {
			_, results[i] = st.RespondToCall(ctx, model.CallResponse{CallID: c.ID, OrganisationID: responder, Message: "Kiinnostaa"}, now)
		})
	}
	wg.Wait()
	ok := 0
	for _, err := range results {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, errs.ErrConflict):
			t.Fatalf("concurrent response: %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d concurrent responses of one organisation stored, want 1", ok)
	}
	rs, err := st.ResponsesOfCalls(ctx, []string{c.ID})
	if err != nil || len(rs[c.ID]) != 1 {
		t.Fatalf("responses %+v, %v", rs, err)
	}
	r := rs[c.ID][0]

	// Two decisions at once: exactly one transition.
	for i := range results {
		wg.Go(func() {
			to := model.ResponseAccepted
			if i%2 == 1 {
				to = model.ResponseDeclined
			}
			_, results[i] = st.DecideCallResponse(ctx, r.ID, to, "editor", now)
		})
	}
	wg.Wait()
	ok = 0
	for _, err := range results {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, errs.ErrConflict):
			t.Fatalf("concurrent decision: %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d concurrent decisions succeeded, want 1", ok)
	}
	m, err := st.CallResponsesByID(ctx, []string{r.ID})
	if err != nil || m[r.ID].Status == model.ResponsePending || m[r.ID].DecidedAt == nil || m[r.ID].DecidedBy != "editor" {
		t.Fatalf("decided response %+v, %v", m[r.ID], err)
	}
}
