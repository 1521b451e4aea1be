package importer_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/importer"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/storetest"
)

var (
	admin       = auth.Principal{Subject: "import-admin", Roles: []auth.Role{auth.RoleAdmin}}
	coordinator = auth.Principal{Subject: "import-coord", Roles: []auth.Role{auth.RoleCoordinator}}
)

// exampleSet is the example set with names of the test's own.
func exampleSet(t *testing.T, set, suffix string, drop ...string) map[string][]byte {
	return storetest.ImportExample(t, set, suffix, drop...)
}

func filesOf(set map[string][]byte) []importer.File {
	var files []importer.File
	for _, k := range importer.Kinds {
		if b, ok := set[string(k)+".csv"]; ok {
			files = append(files, importer.File{Name: string(k) + ".csv", Body: bytes.NewReader(b)})
		}
	}
	return files
}

func countsOf(r *importer.Report) map[string]model.ImportCounts {
	out := map[string]model.ImportCounts{}
	for _, c := range r.Counts {
		out[c.Kind] = c
	}
	return out
}

// exported is the export of source as admin, by file name.
func exported(t *testing.T, svc *importer.Service, source string) map[string][]byte {
	t.Helper()
	files, err := svc.Export(context.Background(), admin, []string{source})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Name] = f.Body
	}
	return out
}

// dataLines counts the rows after the header of each exported file.
func dataLines(files map[string][]byte) int {
	n := 0
	for _, b := range files {
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			panic(err)
		}
		n += len(rows) - 1
	}
	return n
}

func TestImportExampleSet(t *testing.T) {
	ctx := context.Background()
	svc := importer.New(storetest.Open(t), importer.Limits{})
	source := storetest.ID("src")
	set := exampleSet(t, "example", source)

	dry, err := svc.Import(ctx, admin, filesOf(set), importer.Options{DryRun: true, Source: source}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := dataLines(exported(t, svc, source)); n != 0 {
		t.Fatalf("a dry run wrote %d rows", n)
	}
	real, err := svc.Import(ctx, admin, filesOf(set), importer.Options{Source: source}, nil)
	if err != nil {
		t.Fatal(err)
	}
	again, err := svc.Import(ctx, admin, filesOf(set), importer.Options{Source: source}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]int{}
	for _, f := range real.Files {
		rows[string(f.Kind)] = f.Rows
	}
	for _, k := range importer.Kinds {
		want := rows[string(k)]
		for name, r := range map[string]*importer.Report{"dry run": dry, "import": real} {
			if c := countsOf(r)[string(k)]; c.Created != want || c.Updated+c.Unchanged+c.Removed != 0 {
				t.Errorf("%s %s: %+v, want %d created", name, k, c, want)
			}
		}
		if c := countsOf(again)[string(k)]; c.Unchanged != want || c.Created+c.Updated+c.Removed != 0 {
			t.Errorf("re-import %s: %+v, want %d unchanged", k, c, want)
		}
	}
	// The first person states no consent, the second is open to bridging.
	if real.PeopleWithoutConsent != 1 || dry.PeopleWithoutConsent != 1 {
		t.Errorf("people without consent: %d (dry run %d), want 1", real.PeopleWithoutConsent, dry.PeopleWithoutConsent)
	}
	if n := dataLines(exported(t, svc, source)); n != sum(rows) {
		t.Errorf("export holds %d rows, want %d", n, sum(rows))
	}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func TestImportProblemsWriteNothing(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	svc := importer.New(st, importer.Limits{MaxFileBytes: 4000})
	taken := storetest.ID("taken")
	if _, err := svc.Import(ctx, admin, filesOf(exampleSet(t, "example", taken)), importer.Options{Source: taken}, nil); err != nil {
		t.Fatal(err)
	}
	type where struct {
		file, column, code string
		line               int
	}
	tests := []struct {
		name   string
		set    func(suffix string) map[string][]byte
		caller auth.Principal
		want   []where
	}{
		{name: "broken row", set: func(s string) map[string][]byte { return exampleSet(t, "broken", s) }, caller: admin,
			want: []where{{"experiences.csv", "startDate", importer.CodeBadDate, 4}}},
		{name: "unknown organisation", caller: coordinator, set: func(s string) map[string][]byte {
			set := exampleSet(t, "example", s)
			set["partners.csv"] = append(set["partners.csv"], []byte("C-1,ORG-404,partner\n")...)
			return set
		}, want: []where{{"partners.csv", "organisationExternalId", importer.CodeUnknownRef, 4}}},
		{name: "name of another source's organisation", caller: admin, set: func(s string) map[string][]byte {
			set := exampleSet(t, "example", s)
			set["organisations.csv"] = bytes.Replace(set["organisations.csv"], []byte("Kaarinan Kotiapu ry "+s), []byte("Kaarinan Kotiapu ry "+taken), 1)
			return set
		}, want: []where{{"organisations.csv", "name", importer.CodeNameTaken, 2}}},
		{name: "file over the limit", caller: admin, set: func(s string) map[string][]byte {
			set := exampleSet(t, "example", s)
			set["topics.csv"] = append(set["topics.csv"], []byte("T-9;"+strings.Repeat("x", 5000)+";;\n")...)
			return set
		}, want: []where{{"topics.csv", "", importer.CodeFileTooLarge, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			source := storetest.ID("src")
			_, err := svc.Import(ctx, tt.caller, filesOf(tt.set(source)), importer.Options{Source: source}, nil)
			var invalid *importer.InvalidError
			if !errors.As(err, &invalid) || !errors.Is(err, errs.ErrInvalidInput) {
				t.Fatalf("err = %v, want an InvalidError", err)
			}
			var got []where
			for _, p := range invalid.Problems {
				got = append(got, where{p.File, p.Column, p.Code, p.Line})
			}
			if len(got) != len(tt.want) {
				t.Fatalf("problems = %v, want %v", invalid.Problems, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("problem %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
			if n := dataLines(exported(t, svc, source)); n != 0 {
				t.Errorf("a refused import wrote %d rows", n)
			}
		})
	}
}

func TestImportForbidden(t *testing.T) {
	svc := importer.New(storetest.Open(t), importer.Limits{})
	source := storetest.ID("src")
	for _, caller := range []auth.Principal{{}, {Subject: "p", Roles: []auth.Role{auth.RoleProfessional}},
		{Subject: "e", Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{"o"}}} {
		_, err := svc.Import(context.Background(), caller, filesOf(exampleSet(t, "example", source)), importer.Options{Source: source}, nil)
		if !errors.Is(err, errs.ErrForbidden) {
			t.Errorf("import as %+v: %v, want FORBIDDEN", caller, err)
		}
		if _, err := svc.Export(context.Background(), caller, nil); !errors.Is(err, errs.ErrForbidden) {
			t.Errorf("export as %+v: %v, want FORBIDDEN", caller, err)
		}
	}
	if n := dataLines(exported(t, svc, source)); n != 0 {
		t.Errorf("refused imports wrote %d rows", n)
	}
}

func TestImportSync(t *testing.T) {
	ctx := context.Background()
	svc := importer.New(storetest.Open(t), importer.Limits{})
	source := storetest.ID("src")
	other := storetest.ID("other")
	if _, err := svc.Import(ctx, admin, filesOf(exampleSet(t, "example", source)), importer.Options{Sync: source}, nil); err != nil {
		t.Fatal(err)
	}
	// Another source's stint at the same organisation stays.
	otherStint := map[string][]byte{"experiences.csv": []byte("externalId,personExternalId,personSource,organisationExternalId,organisationSource,kind,startDate\n" +
		"X-1,P-1," + source + ",ORG-1," + source + ",VOLUNTEER,2020-01-01\n")}
	if _, err := svc.Import(ctx, admin, filesOf(otherStint), importer.Options{Source: other}, nil); err != nil {
		t.Fatal(err)
	}
	smaller := exampleSet(t, "example", source, "E-4;P-2;ORG-1;BOARD;Board member;2018-05-01;30.4.2022\n", "C-1,ORG-2,rahoittaja\n")
	r, err := svc.Import(ctx, admin, filesOf(smaller), importer.Options{Sync: source}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := countsOf(r)
	if c["experiences"].Removed != 1 || c["partners"].Removed != 1 || c["contributors"].Removed != 0 || c["experiences"].Unchanged != 3 {
		t.Errorf("sync counts = %+v", r.Counts)
	}
	if n := dataLines(exported(t, svc, other)); n != 1 {
		t.Errorf("the other source has %d rows after the sync, want its 1 stint", n)
	}
	if _, err := svc.Import(ctx, admin, filesOf(smaller), importer.Options{Sync: importer.TulkkiSource}, nil); !errors.Is(err, errs.ErrInvalidInput) {
		t.Errorf("sync of hand-entered data: %v, want invalid input", err)
	}
}

// TestExportRoundTrip: export → import into a database without the
// source's records → export gives identical files.
func TestExportRoundTrip(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	svc := importer.New(st, importer.Limits{})
	source := storetest.ID("src")
	if _, err := svc.Import(ctx, admin, filesOf(exampleSet(t, "example", source)), importer.Options{Source: source}, nil); err != nil {
		t.Fatal(err)
	}
	first := exported(t, svc, source)
	if err := storetest.DeleteSource(ctx, st, source); err != nil {
		t.Fatal(err)
	}
	if n := dataLines(exported(t, svc, source)); n != 0 {
		t.Fatalf("%d rows left after deleting the source", n)
	}
	if _, err := svc.Import(ctx, admin, filesOf(first), importer.Options{}, nil); err != nil {
		t.Fatal(err)
	}
	second := exported(t, svc, source)
	for name, b := range first {
		if !bytes.Equal(b, second[name]) {
			t.Errorf("%s differs after the round trip:\n%s\n---\n%s", name, b, second[name])
		}
	}
	if dataLines(first) < 10 {
		t.Errorf("the export holds only %d rows", dataLines(first))
	}
}

// TestExportVisibility: a coordinator's export leaves out PRIVATE people
// with their stints and the contact details of people who are not
// contactable.
func TestExportVisibility(t *testing.T) {
	ctx := context.Background()
	svc := importer.New(storetest.Open(t), importer.Limits{})
	source := storetest.ID("src")
	set := exampleSet(t, "example", source)
	set["people.csv"] = []byte("externalId,name,email,visibility,contactable\n" +
		"P-1,Aino,aino@example.fi,MEMBERS,false\nP-2,Erik,erik@example.fi,PRIVATE,true\nP-3,Outi,outi@example.fi,PUBLIC,true\n")
	if _, err := svc.Import(ctx, admin, filesOf(set), importer.Options{Source: source}, nil); err != nil {
		t.Fatal(err)
	}
	files, err := svc.Export(ctx, coordinator, []string{source})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		got[f.Name] = string(f.Body)
	}
	for _, tt := range []struct {
		file, text string
		want       bool
	}{
		{"people.csv", "Erik", false}, {"people.csv", "outi@example.fi", true}, {"people.csv", "aino@example.fi", false},
		{"people.csv", "Aino", true}, {"experiences.csv", "E-3", false}, {"contributors.csv", "P-2", false},
		{"experiences.csv", "E-1", true},
	} {
		if strings.Contains(got[tt.file], tt.text) != tt.want {
			t.Errorf("%s contains %q: %v, want %v\n%s", tt.file, tt.text, !tt.want, tt.want, got[tt.file])
		}
	}
}
