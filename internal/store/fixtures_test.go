package store_test

import (
	"context"
	"testing"

	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/storetest"
)

// newOrgIn creates an organisation of its own in sector and returns its id.
func newOrgIn(t *testing.T, st *store.Store, sector model.Sector) string {
	t.Helper()
	o, err := st.CreateOrganisation(context.Background(),
		model.Organisation{Name: storetest.ID("org"), Kind: model.KindOther, Sector: sector}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return o.ID
}

// newBridgePerson creates a public person open to bridging, in region
// (which a test may make its own, to filter out everyone else's), and
// returns their id.
func newBridgePerson(t *testing.T, st *store.Store, region string) string {
	t.Helper()
	p, err := st.CreatePerson(context.Background(), model.Person{Name: storetest.ID("person"), Visibility: model.VisibilityPublic,
		OpenToBridging: true, Region: region}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// collaborationFields selects every field of a collaboration, so that a
// page read with it compares equal to the collaborations as created.
var collaborationFields = model.Selection{
	{Key: "title", Name: "title"}, {Key: "description", Name: "description"}, {Key: "form", Name: "form"},
	{Key: "phase", Name: "phase"}, {Key: "startDate", Name: "startDate"}, {Key: "endDate", Name: "endDate"},
	{Key: "evaluation", Name: "evaluation"}, {Key: "createdAt", Name: "createdAt"}, {Key: "updatedAt", Name: "updatedAt"},
}

// listCollaborations reads a page of collaborations as the API does, with
// every field and the total.
// The partners' own evaluations, read with evaluation, are left out: a
// collaboration as created has none read.
func listCollaborations(ctx context.Context, st *store.Store, f model.CollaborationFilter, first int, after *string) (*model.Page[*model.Collaboration], error) {
	page, err := st.ReadCollaborationsPage(ctx, f, model.CollaborationOrdering{}, first, after, model.PageRead{Fields: collaborationFields, Count: true}, model.PersonScope{})
	if page != nil {
		for _, c := range page.Items {
			c.PartnerEvaluations = nil
		}
	}
	return page, err
}
