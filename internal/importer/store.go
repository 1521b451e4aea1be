package importer

import (
	"context"

	"github.com/tulkki/tulkki/internal/model"
)

// Store is what imports and exports need from storage (the domain's
// port); *store.Store satisfies it.
type Store interface {
	// CheckImport says which of the given ids exist and which records
	// hold the given names.
	CheckImport(ctx context.Context, q model.ImportCheck) (*model.ImportFound, error)
	// WriteImport writes recs in one transaction (all or nothing), or with
	// w.DryRun works out the same outcome and rolls back. progress is
	// called with the rows of a kind written so far.
	WriteImport(ctx context.Context, recs *model.ImportRecords, w model.ImportWrite, progress model.ImportProgress) (*model.ImportOutcome, error)
	// ExportRecords reads every record the scope may see (of sources;
	// all when none), in a stable order, with what it refers to named by
	// ExternalRef.
	ExportRecords(ctx context.Context, scope model.PersonScope, sources []string) (*model.ImportRecords, error)
}
