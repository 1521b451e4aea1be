package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

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

// TestCreatedMeanwhile: when two processes migrate a fresh database at once,
// the loser of a `CREATE … IF NOT EXISTS` race gets one of these errors,
// which Migrate must take as done; anything else is a real failure.
func TestCreatedMeanwhile(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{&neo4j.Neo4jError{Code: "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists"}, true},
		{&neo4j.Neo4jError{Code: "Neo.ClientError.Schema.IndexAlreadyExists"}, true},
		{&neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintAlreadyExists"}, true},
		{fmt.Errorf("wrapped: %w", &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists"}), true},
		{&neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError"}, false},
		{&neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed"}, false},
		{errors.New("connection reset"), false},
	}
	for _, tc := range tests {
		if got := store.CreatedMeanwhile(tc.err); got != tc.want {
			t.Errorf("CreatedMeanwhile(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}
