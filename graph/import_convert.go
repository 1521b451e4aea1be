package graph

import (
	"github.com/tulkki/tulkki/graph/gqlmodel"
	"github.com/tulkki/tulkki/internal/importer"
	"github.com/tulkki/tulkki/internal/model"
)

// importReport is an import's report as the API answers it.
func importReport(r *importer.Report) *gqlmodel.ImportReport {
	out := &gqlmodel.ImportReport{DryRun: r.DryRun, PeopleWithoutConsent: r.PeopleWithoutConsent,
		Files: make([]*gqlmodel.ImportFile, len(r.Files)), Counts: make([]*model.ImportCounts, len(r.Counts))}
	for i, f := range r.Files {
		out.Files[i] = &gqlmodel.ImportFile{Name: f.Name, Kind: string(f.Kind), Rows: f.Rows}
	}
	for i := range r.Counts {
		out.Counts[i] = &r.Counts[i]
	}
	return out
}
