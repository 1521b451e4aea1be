package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/storetest"
)

// TestFilteredListsUseIndexes checks the plans of filtered lists: a filter
// on an indexed property seeks the index, and a filter naming a node
// starts from that node, so neither reads every node of the label. (Plans
// are checked instead of timings, which a test cannot judge.)
func TestFilteredListsUseIndexes(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	everyone := model.PersonScope{Visibilities: []model.Visibility{model.VisibilityPublic, model.VisibilityMembers}}
	tests := []struct {
		name      string
		filter    any
		labelScan string // the label that must not be scanned
		seek      bool   // an index seek must appear
	}{
		{"people by region", model.PersonFilter{Region: "Pirkanmaa", Scope: everyone}, "Person", true},
		{"people by topic", model.PersonFilter{TopicID: "topic-x", Scope: everyone}, "Person", true},
		{"people by organisation", model.PersonFilter{OrganisationID: "org-x", Scope: everyone}, "Person", true},
		{"organisations by region", model.OrganisationFilter{Region: "Pirkanmaa"}, "Organisation", true},
		{"organisations by kind", model.OrganisationFilter{Kind: model.OrganisationKind("MUNICIPALITY")}, "Organisation", true},
		{"organisations by topic", model.OrganisationFilter{TopicID: "topic-x"}, "Organisation", true},
		{"collaborations by phase", model.CollaborationFilter{Phase: model.PhaseLaunched}, "Collaboration", true},
		{"collaborations by topic", model.CollaborationFilter{TopicID: "topic-x"}, "Collaboration", true},
		{"collaborations by partner", model.CollaborationFilter{OrganisationID: "org-x"}, "Collaboration", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ops, err := st.ListPlanOperators(ctx, tc.filter)
			if err != nil {
				t.Fatal(err)
			}
			plan := strings.Join(ops, " ← ")
			if tc.seek && !slices.ContainsFunc(ops, func(op string) bool { return strings.Contains(op, "IndexSeek") }) {
				t.Errorf("no index seek in the plan: %s", plan)
			}
			for _, op := range ops {
				if strings.Contains(op, "NodeByLabelScan") || strings.Contains(op, "AllNodesScan") {
					t.Errorf("the plan scans nodes (%s must not be read in full): %s", tc.labelScan, plan)
				}
			}
		})
	}
}
