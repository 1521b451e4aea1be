package seed_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/seed"
	"github.com/tulkki/tulkki/internal/storetest"
)

// TestPartnershipSeedRefersToTheDataset: every id the partnership demo data
// names is in the demo dataset, and it has what the issue asks for.
func TestPartnershipSeedRefersToTheDataset(t *testing.T) {
	ds, err := seed.Load()
	if err != nil {
		t.Fatal(err)
	}
	d, err := seed.PartnershipSeed(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	orgs, people, topics, collabs := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, o := range ds.Organisations {
		orgs[o.ID] = true
	}
	bridging := map[string]bool{}
	for _, p := range ds.People {
		people[p.ID] = true
		bridging[p.ID] = p.OpenToBridging
	}
	for _, x := range ds.Topics {
		topics[x.ID] = true
	}
	for _, c := range ds.Collaborations {
		collabs[c.ID] = true
	}
	calls := map[string]bool{}
	kinds := map[model.CallKind]int{}
	for _, c := range d.Calls {
		calls[c.ID] = true
		if !orgs[c.OrganisationID] {
			t.Errorf("call %s: unknown organisation %s", c.ID, c.OrganisationID)
		}
		for _, tp := range c.TopicIDs {
			if !topics[tp] {
				t.Errorf("call %s: unknown topic %s", c.ID, tp)
			}
		}
		if c.Status == model.CallOpen {
			kinds[c.Kind]++
		}
	}
	if kinds[model.CallNeed] < 2 || kinds[model.CallOffer] < 2 {
		t.Errorf("open calls by kind %v, want several needs and offers", kinds)
	}
	for _, r := range d.Responses {
		if !calls[r.CallID] || !orgs[r.OrganisationID] || !people[r.RespondedBy] {
			t.Errorf("response %s refers to something unknown", r.ID)
		}
	}
	var states []model.IntroductionStatus
	now := time.Now()
	for _, i := range d.Introductions {
		if !bridging[i.TranslatorID] || !orgs[i.FromOrganisationID] || !orgs[i.ToOrganisationID] || (i.CallID != "" && !calls[i.CallID]) {
			t.Errorf("introduction %s refers to something unknown or a translator not open to bridging", i.ID)
		}
		st := i.Status
		if st.Open() && !i.ExpiresAt.After(now) {
			st = model.IntroExpired
		}
		states = append(states, st)
	}
	for _, want := range model.AllIntroductionStatuses {
		if !slices.Contains(states, want) {
			t.Errorf("no demo introduction reads %s", want)
		}
	}
	for collab := range d.Origins {
		if !collabs[collab] {
			t.Errorf("origin of unknown collaboration %s", collab)
		}
	}
	for _, e := range d.Evaluations {
		if !collabs[e.CollaborationID] || !orgs[e.OrganisationID] {
			t.Errorf("evaluation %s/%s refers to something unknown", e.CollaborationID, e.OrganisationID)
		}
	}
}

// TestPartnershipSeedLoads seeds the demo data twice and reads it back.
func TestPartnershipSeedLoads(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	for range 2 {
		if _, err := seed.Seed(ctx, st, nil); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now().UTC()
	intros, err := st.IntroductionsByID(ctx, []string{"intro-expired", "intro-connected"}, now)
	if err != nil || intros["intro-expired"].Status != model.IntroExpired || len(intros["intro-connected"].History) != 3 {
		t.Fatalf("seeded introductions %+v, %v", intros, err)
	}
	calls, err := st.CallsByID(ctx, []string{"call-remote-peer-support", "call-carer-digital-diary"}, now)
	if err != nil || calls["call-remote-peer-support"].Status != model.CallOpen || calls["call-carer-digital-diary"].Status != model.CallFilled {
		t.Fatalf("seeded calls %+v, %v", calls, err)
	}
	origins, err := st.CollaborationOrigins(ctx, []string{"collab-carer-digital-diary"})
	if err != nil || origins["collab-carer-digital-diary"].CallID != "call-carer-digital-diary" ||
		origins["collab-carer-digital-diary"].TranslatorID != "person-johanna-lindqvist" {
		t.Fatalf("origins %+v, %v", origins["collab-carer-digital-diary"], err)
	}
	pe, err := st.PartnerEvaluationsOf(ctx, []string{"collab-digital-self-care-waiting-list"})
	if err != nil || len(pe["collab-digital-self-care-waiting-list"].Latest) != 2 {
		t.Fatalf("partner evaluations %+v, %v", pe, err)
	}
	responses, err := st.ResponsesOfCalls(ctx, []string{"call-kaarnala-meeting-places"})
	if err != nil || len(responses["call-kaarnala-meeting-places"]) != 3 {
		t.Fatalf("responses %+v, %v", responses, err)
	}
}
