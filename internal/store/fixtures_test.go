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
