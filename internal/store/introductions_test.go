package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/storetest"
)

func TestIntroductionExpiresWhenRead(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Millisecond)
	from, to := newOrgIn(t, st, model.SectorPublic), newOrgIn(t, st, model.SectorThird)
	translator := newBridgePerson(t, st, storetest.ID("region"))
	rules := model.IntroductionRules{MaxOpenPerTranslator: 1, DeclineCooldown: 90 * 24 * time.Hour}
	ask := func(at time.Time) (*model.Introduction, error) {
		return st.RequestIntroduction(ctx, model.Introduction{TranslatorID: translator, FromOrganisationID: from, ToOrganisationID: to,
			RequestedBy: "asker", ExpiresAt: at.Add(14 * 24 * time.Hour)}, rules, at)
	}
	i, err := ask(now)
	if err != nil {
		t.Fatal(err)
	}
	if i.Status != model.IntroRequested || len(i.History) != 1 || i.History[0].By != "asker" || !i.History[0].At.Equal(now) {
		t.Fatalf("requested %+v %+v", i, i.History)
	}
	// While open, the translator (limit 1) is busy and the same request
	// is refused.
	if _, err := ask(now.Add(time.Hour)); !errors.Is(err, errs.ErrConflict) {
		t.Fatalf("second open request: %v", err)
	}
	later := now.Add(15 * 24 * time.Hour)
	m, err := st.IntroductionsByID(ctx, []string{i.ID}, later)
	if err != nil {
		t.Fatal(err)
	}
	got := m[i.ID]
	if got.Status != model.IntroExpired || len(got.History) != 2 || got.History[1].Status != model.IntroExpired ||
		!got.History[1].At.Equal(i.ExpiresAt) {
		t.Fatalf("after expiry: %+v", got)
	}
	if _, err := st.MoveIntroduction(ctx, i.ID, model.IntroRequested, model.IntroAcceptedByTranslator, translator, later, nil); !errors.Is(err, errs.ErrConflict) {
		t.Fatalf("accepting an expired request: %v, want CONFLICT", err)
	}
	// Expired requests are not open: the translator may be asked again.
	if _, err := ask(later); err != nil {
		t.Fatalf("asking again after expiry: %v", err)
	}
	credits, err := st.IntroductionCredits(ctx, []string{translator}, later)
	if err != nil || credits[translator].Made != 2 || credits[translator].Accepted != 0 {
		t.Fatalf("credits %+v, %v", credits[translator], err)
	}
}
