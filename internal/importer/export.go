package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"
	"strings"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/model"
)

// ExportFile is one file of an export, named after its kind.
type ExportFile struct {
	Name string
	Body []byte
}

// Export writes everything caller may see (of sources; all when none) as
// one CSV file per kind, in the layout an import reads (Columns): UTF-8
// with a byte order mark, so that spreadsheets read it as UTF-8, comma
// separated, ISO dates, lists separated by "|".
func (s *Service) Export(ctx context.Context, caller auth.Principal, sources []string) ([]ExportFile, error) {
	if !auth.CanImportData(caller) {
		return nil, auth.Deny(caller, "only coordinators and administrators may export data")
	}
	recs, err := s.store.ExportRecords(ctx, auth.PersonScopeOf(caller), sources)
	if err != nil {
		return nil, err
	}
	return Files(recs), nil
}

// Template is an empty file of kind: its header line.
func Template(k Kind) []byte { return writeCSV(Columns[k], nil) }

// Files writes recs as one CSV file per kind, in the import layout.
func Files(recs *model.ImportRecords) []ExportFile {
	rows := map[Kind][][]string{}
	for _, t := range recs.Topics {
		rows[KindTopics] = append(rows[KindTopics], []string{t.Ref.ExternalID, t.Ref.Source, t.Name, t.NameFi, t.NameSv, t.Description})
	}
	for _, o := range recs.Organisations {
		rows[KindOrganisations] = append(rows[KindOrganisations], []string{o.Ref.ExternalID, o.Ref.Source, o.Name, string(o.Kind),
			string(o.Sector), o.Region, o.Website, o.Description, strings.Join(o.Topics, listSep)})
	}
	for _, p := range recs.People {
		rows[KindPeople] = append(rows[KindPeople], []string{p.Ref.ExternalID, p.Ref.Source, p.Name, p.Headline, p.Region,
			strings.Join(p.Languages, listSep), p.Email, p.Phone, optString(p.Visibility), optBool(p.OpenToBridging),
			optBool(p.Contactable), strings.Join(p.Expertise, listSep)})
	}
	for _, e := range recs.Experiences {
		rows[KindExperiences] = append(rows[KindExperiences], []string{e.Ref.ExternalID, e.Ref.Source, e.Person.ExternalID, e.Person.Source,
			e.Organisation.ExternalID, e.Organisation.Source, string(e.Kind), e.RoleTitle, e.StartDate.String(), optDate(e.EndDate)})
	}
	for _, c := range recs.Collaborations {
		rows[KindCollaborations] = append(rows[KindCollaborations], []string{c.Ref.ExternalID, c.Ref.Source, c.Title, c.Description,
			string(c.Form), string(c.Phase), optDate(c.StartDate), optDate(c.EndDate), strings.Join(c.Topics, listSep)})
	}
	for _, p := range recs.Partners {
		rows[KindPartners] = append(rows[KindPartners], []string{p.Source, p.Collaboration.ExternalID, p.Collaboration.Source,
			p.Organisation.ExternalID, p.Organisation.Source, string(p.Role)})
	}
	for _, p := range recs.Contributors {
		rows[KindContributors] = append(rows[KindContributors], []string{p.Source, p.Collaboration.ExternalID, p.Collaboration.Source,
			p.Person.ExternalID, p.Person.Source, string(p.Role)})
	}
	files := make([]ExportFile, 0, len(Kinds))
	for _, k := range Kinds {
		files = append(files, ExportFile{Name: string(k) + ".csv", Body: writeCSV(Columns[k], rows[k])})
	}
	return files
}

func writeCSV(header []string, rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	_ = w.Write(header)
	_ = w.WriteAll(rows) // a bytes.Buffer does not fail
	return b.Bytes()
}

func optString[T ~string](v *T) string {
	if v == nil {
		return ""
	}
	return string(*v)
}

func optBool(v *bool) string {
	if v == nil {
		return ""
	}
	return strconv.FormatBool(*v)
}

func optDate(d *model.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}
