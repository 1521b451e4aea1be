package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/internal/i18n"
	"github.com/tulkki/tulkki/internal/model"
)

// openDir opens every file of dir as an import file named by its base name.
func openDir(t *testing.T, dir string) []File {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no CSV files in %s (%v)", dir, err)
	}
	var files []File
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, File{Name: filepath.Base(p), Body: bytes.NewReader(b)})
	}
	return files
}

var testToday = model.Date{Year: 2026, Month: 1, Day: 1}

func parseDir(t *testing.T, dir string, maxBytes int64) *parsed {
	t.Helper()
	tables, problems := readFiles(openDir(t, dir), maxBytes)
	p := parse(tables, DefaultSource, testToday)
	p.problems = append(problems, p.problems...)
	return p
}

func TestParseProblems(t *testing.T) {
	type where struct {
		file   string
		line   int
		column string
		code   string
	}
	tests := []struct {
		dir  string
		want []where
	}{
		{"bad-date", []where{{"experiences.csv", 3, "startDate", CodeBadDate}}},
		{"unknown-column", []where{{"organisations.csv", 1, "homepage", CodeUnknownColumn}}},
		{"missing-column", []where{{"organisations.csv", 1, "sector", CodeMissingColumn}}},
		{"duplicate-id", []where{{"people.csv", 4, "externalId", CodeDuplicateID}}},
		{"future-end", []where{{"experiences.csv", 2, "endDate", CodeDateInFuture}}},
		{"bad-sector", []where{{"organisations.csv", 2, "sector", CodeBadValue}}},
		{"encoding", []where{{"people.csv", 2, "", CodeEncoding}}},
		{"end-before-start", []where{{"collaborations.csv", 2, "endDate", CodeEndBeforeStart}}},
		{"duplicate-name", []where{{"organisations.csv", 3, "name", CodeDuplicateName}}},
		{"unknown-file", []where{{"members.csv", 0, "", CodeUnknownFile}}},
		{"extra-value", []where{{"people.csv", 3, "", CodeUnknownColumn}}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			p := parseDir(t, filepath.Join("testdata", "cases", tt.dir), DefaultMaxFileBytes)
			var got []where
			for _, pr := range p.problems {
				got = append(got, where{pr.File, pr.Line, pr.Column, pr.Code})
				if pr.Message.String() == "" {
					t.Errorf("problem %+v has no message", pr)
				}
				for _, l := range []i18n.Lang{i18n.FI, i18n.SV} {
					if pr.Message.In(l) == pr.Message.In(i18n.EN) {
						t.Errorf("problem %s is in English in %s too", pr, l)
					}
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("problems = %+v, want %+v", p.problems, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("problem %d = %+v, want %+v (%s)", i, got[i], tt.want[i], p.problems[i])
				}
			}
		})
	}
}

func TestParseExampleSet(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "import", "example")
	p := parseDir(t, dir, DefaultMaxFileBytes)
	if len(p.problems) > 0 {
		t.Fatalf("example set has problems: %v", p.problems)
	}
	// Every data row of every file becomes one record.
	want := map[Kind]int{}
	for _, f := range openDir(t, dir) {
		tab, _ := readTable(f.Name, f.Body, DefaultMaxFileBytes)
		want[KindOfFile(f.Name)] = len(tab.rows)
	}
	got := map[Kind]int{KindTopics: len(p.recs.Topics), KindOrganisations: len(p.recs.Organisations), KindPeople: len(p.recs.People),
		KindExperiences: len(p.recs.Experiences), KindCollaborations: len(p.recs.Collaborations),
		KindPartners: len(p.recs.Partners), KindContributors: len(p.recs.Contributors)}
	for _, k := range Kinds {
		if want[k] == 0 || got[k] != want[k] {
			t.Errorf("%s: %d records from %d rows", k, got[k], want[k])
		}
	}
	org := p.recs.Organisations[0]
	if org.Kind != model.KindAssociation || org.Sector != model.SectorThird || !strings.Contains(org.Description, "\n") {
		t.Errorf("first organisation = %+v; want an ASSOCIATION of the THIRD sector with a two-line description", org)
	}
	if p.recs.Organisations[2].Sector != model.SectorAcademia {
		t.Errorf("Swedish sector name read as %q", p.recs.Organisations[2].Sector)
	}
	e := p.recs.Experiences[0]
	if e.StartDate != (model.Date{Year: 2015, Month: 3, Day: 1}) || e.EndDate == nil || *e.EndDate != (model.Date{Year: 2019, Month: 12, Day: 31}) {
		t.Errorf("d.m.yyyy dates read as %v–%v", e.StartDate, e.EndDate)
	}
	if e.PersonID != RecordID(KindPeople, model.ExternalRef{Source: DefaultSource, ExternalID: "P-1"}) {
		t.Errorf("experience refers to %s, not to person P-1's id", e.PersonID)
	}
	if !p.noConsentStated[p.recs.People[0].ID] || p.noConsentStated[p.recs.People[1].ID] {
		t.Errorf("consent stated: %v; want only the second person's", p.noConsentStated)
	}
}

func TestReadTable(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		max        int64
		wantHeader []string
		wantRows   [][]string
		wantLines  []int
		wantCode   string
	}{
		{name: "BOM and semicolons", body: "\ufeffa;b\n1;2\n", max: 100,
			wantHeader: []string{"a", "b"}, wantRows: [][]string{{"1", "2"}}, wantLines: []int{2}},
		{name: "commas with a semicolon in a quoted field", body: "a,b\n\"x;y\",2\n", max: 100,
			wantHeader: []string{"a", "b"}, wantRows: [][]string{{"x;y", "2"}}, wantLines: []int{2}},
		{name: "quoted newline keeps line numbers", body: "a;b\n\"1\n1\";2\n3;4\n", max: 100,
			wantHeader: []string{"a", "b"}, wantRows: [][]string{{"1\n1", "2"}, {"3", "4"}}, wantLines: []int{2, 4}},
		{name: "empty trailing columns and blank rows", body: "a;b;;\r\n1;2;;\r\n;;;\r\n", max: 100,
			wantHeader: []string{"a", "b", "", ""}, wantRows: [][]string{{"1", "2", "", ""}}, wantLines: []int{2}},
		{name: "over the limit", body: "a,b\n1,2\n", max: 5, wantCode: CodeFileTooLarge},
		{name: "Latin-1", body: "a\n\xe4\n", max: 100, wantCode: CodeEncoding},
		{name: "bad quotes", body: "a,b\n\"1,2\n", max: 100, wantCode: CodeBadCSV},
		{name: "empty", body: "", max: 100, wantCode: CodeMissingColumn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, problems := readTable("f.csv", strings.NewReader(tt.body), tt.max)
			if tt.wantCode != "" {
				if len(problems) != 1 || problems[0].Code != tt.wantCode || tab != nil {
					t.Fatalf("problems = %v, want one %s", problems, tt.wantCode)
				}
				return
			}
			if len(problems) > 0 {
				t.Fatalf("problems: %v", problems)
			}
			if strings.Join(tab.header, "|") != strings.Join(tt.wantHeader, "|") {
				t.Errorf("header = %q, want %q", tab.header, tt.wantHeader)
			}
			if len(tab.rows) != len(tt.wantRows) {
				t.Fatalf("rows = %v, want %v", tab.rows, tt.wantRows)
			}
			for i, r := range tab.rows {
				if strings.Join(r.fields, "|") != strings.Join(tt.wantRows[i], "|") || r.line != tt.wantLines[i] {
					t.Errorf("row %d = %q on line %d, want %q on line %d", i, r.fields, r.line, tt.wantRows[i], tt.wantLines[i])
				}
			}
		})
	}
}

func TestVocabularies(t *testing.T) {
	tests := []struct {
		v    vocabulary
		word string
		want string
	}{
		{sectors, "Kolmas sektori", "THIRD"},
		{sectors, "tredje sektorn", "THIRD"},
		{sectors, "Public", "PUBLIC"},
		{sectors, "ACADEMIA", "ACADEMIA"},
		{organisationKinds, "Hyvinvointialue", "WELLBEING_SERVICES_COUNTY"},
		{organisationKinds, "university of applied sciences", "UNIVERSITY_OF_APPLIED_SCIENCES"},
		{organisationKinds, "social-enterprise", "SOCIAL_ENTERPRISE"},
		{organisationKinds, "Förening", "ASSOCIATION"},
		{experienceKinds, "Luottamustehtävä", "TRUST_POSITION"},
		{experienceKinds, "styrelse", "BOARD"},
		{booleans, "Kyllä", "true"},
		{booleans, "nej", "false"},
		{sectors, "yhdistys", ""},
	}
	for _, tt := range tests {
		got, ok := tt.v.lookup(tt.word)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("lookup(%q) = %q, %v; want %q", tt.word, got, ok, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want model.Date
		ok   bool
	}{
		{"2019-03-31", model.Date{Year: 2019, Month: 3, Day: 31}, true},
		{"31.3.2019", model.Date{Year: 2019, Month: 3, Day: 31}, true},
		{"01.03.2019", model.Date{Year: 2019, Month: 3, Day: 1}, true},
		{"31.2.2019", model.Date{}, false},
		{"2019-02-30", model.Date{}, false},
		{"3/31/2019", model.Date{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestKindOfFile(t *testing.T) {
	tests := map[string]Kind{
		"organisations.csv": KindOrganisations, "Organizations 2026.csv": KindOrganisations, "dir/stints.csv": KindExperiences,
		"partners.csv": KindPartners, "henkilöt.csv": KindPeople, "members.csv": "",
	}
	for name, want := range tests {
		if got := KindOfFile(name); got != want {
			t.Errorf("KindOfFile(%q) = %q, want %q", name, got, want)
		}
	}
}
