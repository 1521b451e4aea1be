package evaluation

import (
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/model"
)

func TestSummarise(t *testing.T) {
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	pe := &model.PartnerEvaluations{PartnerIDs: []string{"a", "b", "c"}, Latest: []*model.PartnerEvaluation{
		{OrganisationID: "b", GoalsMet: 3, Cooperation: 4, EvaluatedAt: at.Add(time.Hour)},
		{OrganisationID: "a", GoalsMet: 4, Cooperation: 2, EvaluatedAt: at},
	}}
	editorA := auth.Principal{Subject: "e", Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{"a"}}
	s := Summarise(editorA, pe)
	if *s.Mean != 3.25 || *s.Spread != 2 || !s.Disagreement || len(s.NotEvaluated) != 1 || s.NotEvaluated[0] != "c" {
		t.Fatalf("summary %+v (mean %v spread %v)", s, *s.Mean, *s.Spread)
	}
	if len(s.Partners) != 2 || s.Partners[0].OrganisationID != "a" {
		t.Fatalf("a partner's editor sees %+v, oldest first", s.Partners)
	}
	outsider := auth.Principal{Subject: "x", Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{"z"}}
	if got := Summarise(outsider, pe); len(got.Partners) != 0 || *got.Mean != 3.25 {
		t.Fatalf("an outsider sees %+v", got)
	}
	// Differing by one on each question is not disagreement.
	pe.Latest[1].Cooperation = 3
	pe.Latest[1].GoalsMet = 2
	if Summarise(editorA, pe).Disagreement {
		t.Error("a difference of one is disagreement")
	}
	if s := Summarise(editorA, &model.PartnerEvaluations{PartnerIDs: []string{"a"}}); s.Mean != nil || s.Spread != nil || s.Disagreement {
		t.Errorf("no evaluations: %+v", s)
	}
}
