package graph_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/importer"
	"github.com/tulkki/tulkki/internal/storetest"
)

// importAuthMatrixRows: importData is for coordinators and administrators
// (api_auth_test.go runs the rows).
const importAuthMatrixRows = `
importData | no | no | no | no | no | no | yes | yes
`

func init() {
	// An organisation named with the world's tag, which its snapshot finds.
	authOps["importData"] = authOp{fresh: true, upload: func(w *authWorld) map[string][]byte {
		return map[string][]byte{"organisations.csv": []byte("externalId,name,kind,sector\n" + w.tag + ",Tuotu " + w.tag + ",ASSOCIATION,THIRD\n")}
	}}
}

const importMutation = `mutation($files: [Upload!]!, $dryRun: Boolean!, $sync: String) {
  importData(files: $files, dryRun: $dryRun, sync: $sync) {
    dryRun files { name kind rows } counts { kind created updated unchanged removed } peopleWithoutConsent
  }
}`

// upload posts importMutation with files as a GraphQL multipart request
// (graphql-multipart-request-spec).
func (a *api) upload(files map[string][]byte, dryRun bool, sync string) (int, gqlResponse) {
	a.t.Helper()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	vars := map[string]any{"files": make([]any, len(names)), "dryRun": dryRun}
	if sync != "" {
		vars["sync"] = sync
	}
	fileMap := map[string][]string{}
	for i := range names {
		fileMap[fmt.Sprint(i)] = []string{fmt.Sprintf("variables.files.%d", i)}
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	ops, _ := json.Marshal(map[string]any{"query": importMutation, "variables": vars})
	m, _ := json.Marshal(fileMap)
	_ = w.WriteField("operations", string(ops))
	_ = w.WriteField("map", string(m))
	for i, n := range names {
		fw, _ := w.CreateFormFile(fmt.Sprint(i), n)
		_, _ = fw.Write(files[n])
	}
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, a.url+"/graphql", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	if a.token != "" {
		req.Header.Set("Authorization", a.bearer())
	}
	if a.language != "" {
		req.Header.Set("Accept-Language", a.language)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		a.t.Fatalf("decode (status %d): %v", resp.StatusCode, err)
	}
	return resp.StatusCode, out
}

type importReport struct {
	ImportData struct {
		DryRun bool
		Files  []struct {
			Name, Kind string
			Rows       int
		}
		Counts []struct {
			Kind                                 string
			Created, Updated, Unchanged, Removed int
		}
		PeopleWithoutConsent int
	}
}

// orgsNamed counts the organisations a full-text search for name finds.
func (a *api) orgsNamed(name string) int {
	a.t.Helper()
	var out struct{ Organisations struct{ TotalCount int } }
	a.ok(`query($s: String) { organisations(filter: {search: $s}) { totalCount } }`, map[string]any{"s": `"` + name + `"`}, &out)
	return out.Organisations.TotalCount
}

func TestImportDataAPI(t *testing.T) {
	a := newAPI(t)
	suffix := storetest.ID("api")
	set := storetest.ImportExample(t, "example", suffix)
	org := "Kaarinan Kotiapu ry " + suffix
	coord := a.as(coordinator())

	for _, dry := range []bool{true, false} {
		// The test's own source: the example's externalIds are shared.
		status, r := coord.upload(set, dry, suffix)
		if status != http.StatusOK || len(r.Errors) > 0 {
			t.Fatalf("dry run %v: status %d, errors %+v", dry, status, r.Errors)
		}
		var rep importReport
		if err := json.Unmarshal(r.Data, &rep); err != nil {
			t.Fatal(err)
		}
		rows := map[string]int{}
		for _, f := range rep.ImportData.Files {
			rows[f.Kind] = f.Rows
		}
		for _, c := range rep.ImportData.Counts {
			if c.Created != rows[c.Kind] || c.Created == 0 || c.Updated+c.Unchanged+c.Removed != 0 {
				t.Errorf("dry run %v, %s: %+v, want %d created", dry, c.Kind, c, rows[c.Kind])
			}
		}
		if len(rep.ImportData.Counts) != len(importer.Kinds) || rep.ImportData.DryRun != dry || rep.ImportData.PeopleWithoutConsent != 1 {
			t.Errorf("dry run %v: report %+v", dry, rep.ImportData)
		}
		want := 0
		if !dry {
			want = 1
		}
		if n := a.orgsNamed(org); n != want {
			t.Errorf("after the import (dry run %v) search finds %d organisations named %q, want %d", dry, n, org, want)
		}
	}
}

func TestImportDataRefused(t *testing.T) {
	a := newAPI(t)
	tests := []struct {
		name   string
		caller *api
		set    string
		code   string
	}{
		{"anonymous", a.anonymous(), "example", "FORBIDDEN"},
		{"professional", a.as(auth.Principal{Subject: storetest.ID("p"), Roles: []auth.Role{auth.RoleProfessional}}), "example", "FORBIDDEN"},
		{"organisation editor", a.as(auth.Principal{Subject: storetest.ID("e"), Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{"x"}}), "example", "FORBIDDEN"},
		{"broken row", a.as(coordinator()), "broken", "BAD_USER_INPUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			suffix := storetest.ID("refused")
			_, r := tt.caller.with(t).upload(storetest.ImportExample(t, tt.set, suffix), false, suffix)
			if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != tt.code {
				t.Fatalf("errors = %+v, want %s", r.Errors, tt.code)
			}
			if string(r.Data) != "null" {
				t.Errorf("data = %s, want null", r.Data)
			}
			if tt.code == "BAD_USER_INPUT" {
				problems, _ := r.Errors[0].Extensions["problems"].([]any)
				if len(problems) != 1 {
					t.Fatalf("problems = %v, want the broken row's", r.Errors[0].Extensions)
				}
				p, _ := problems[0].(map[string]any)
				if p["file"] != "experiences.csv" || p["line"] != float64(4) || p["column"] != "startDate" || p["code"] != importer.CodeBadDate {
					t.Errorf("problem = %v", p)
				}
			}
			if n := a.with(t).orgsNamed("Kaarinan Kotiapu ry " + suffix); n != 0 {
				t.Errorf("a refused import wrote: %d organisations found", n)
			}
		})
	}
}

func TestExportZip(t *testing.T) {
	a := newAPI(t)
	suffix := storetest.ID("zip")
	if _, r := a.upload(storetest.ImportExample(t, "example", suffix), false, suffix); len(r.Errors) > 0 {
		t.Fatalf("import: %+v", r.Errors)
	}
	tests := []struct {
		name   string
		caller *api
		status int
	}{
		{"coordinator", a.as(coordinator()), http.StatusOK},
		{"admin", a, http.StatusOK},
		{"professional", a.as(auth.Principal{Subject: storetest.ID("p"), Roles: []auth.Role{auth.RoleProfessional}}), http.StatusForbidden},
		{"anonymous", a.anonymous(), http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, a.url+"/export.zip", nil)
			if tt.caller.token != "" {
				req.Header.Set("Authorization", tt.caller.bearer())
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			if tt.status != http.StatusOK {
				if bytes.Contains(body, []byte(suffix)) {
					t.Error("a refused export holds data")
				}
				return
			}
			zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
			if err != nil {
				t.Fatal(err)
			}
			files := map[string]string{}
			for _, f := range zr.File {
				rc, _ := f.Open()
				b, _ := io.ReadAll(rc)
				rc.Close()
				files[f.Name] = string(b)
			}
			if len(files) != len(importer.Kinds) || !strings.Contains(files["organisations.csv"], "Kaarinan Kotiapu ry "+suffix) {
				t.Errorf("zip holds %d files; organisations.csv holds the import: %v", len(files), strings.Contains(files["organisations.csv"], suffix))
			}
		})
	}
}

func TestImportTemplates(t *testing.T) {
	a := newAPI(t)
	for _, k := range importer.Kinds {
		status, body := a.get("/import/templates/" + string(k) + ".csv")
		if status != http.StatusOK || !strings.Contains(body, strings.Join(importer.Columns[k], ",")) {
			t.Errorf("%s template: %d %q", k, status, body)
		}
	}
	if status, _ := a.get("/import/templates/members.csv"); status != http.StatusNotFound {
		t.Errorf("unknown template: %d, want 404", status)
	}
}
