package store_test

import (
	"context"
	"testing"

	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/storetest"
)

func TestMigrateIsIdempotent(t *testing.T) {
	st := storetest.Open(t) // has migrated once already
	ctx := context.Background()
	res, err := st.Migrate(ctx)
	if err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	if len(res.Applied) != 0 {
		t.Errorf("second migrate applied %v, want nothing", res.Applied)
	}
	if res.Current != store.LatestMigration() {
		t.Errorf("current version %d, want %d", res.Current, store.LatestMigration())
	}
	sectors, err := st.Sectors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(sectors) != 4 {
		t.Fatalf("got %d sectors, want 4", len(sectors))
	}
	for _, s := range sectors {
		if s.NameFi == "" || s.NameSv == "" || s.NameEn == "" {
			t.Errorf("sector %s lacks a name: %+v", s.Code, s)
		}
	}
}
