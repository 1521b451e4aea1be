package opendata

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/piprate/json-gold/ld"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// fakeStore holds organisations and collaborations in id order.
type fakeStore struct {
	orgs    []model.OpenOrganisation
	collabs []model.OpenCollaboration
}

func (f fakeStore) OpenOrganisations(_ context.Context, after string, limit int) ([]model.OpenOrganisation, error) {
	var out []model.OpenOrganisation
	for _, o := range f.orgs {
		if o.ID > after && len(out) < limit {
			out = append(out, o)
		}
	}
	return out, nil
}

func (f fakeStore) OpenCollaborations(_ context.Context, after string, limit int) ([]model.OpenCollaboration, error) {
	var out []model.OpenCollaboration
	for _, c := range f.collabs {
		if c.ID > after && len(out) < limit {
			out = append(out, c)
		}
	}
	return out, nil
}

const base = "https://tulkki.example"

func fixture() fakeStore {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 12, 0, 0, 0, time.UTC) }
	start := model.Date{Year: 2025, Month: 3, Day: 1}
	return fakeStore{
		orgs: []model.OpenOrganisation{
			{Organisation: model.Organisation{ID: "org-a", Name: "Turun kaupunki", Kind: model.OrganisationKind("MUNICIPALITY"), Sector: model.SectorPublic,
				Region: "Varsinais-Suomi", Website: "https://www.turku.fi", UpdatedAt: day(3)}, Topics: []string{"Ikäihmisten yksinäisyys"}},
			{Organisation: model.Organisation{ID: "org-b", Name: "Vertaisvoima ry", Sector: model.SectorThird, UpdatedAt: day(9)}},
			{Organisation: model.Organisation{ID: "org-c", Name: "Hoiva Oy", Sector: model.SectorPrivate, UpdatedAt: day(1)}},
		},
		collabs: []model.OpenCollaboration{{
			ID: "collab-1", Title: "Digitaalinen päiväkirja", Form: model.CollaborationForm("PILOT"), Phase: model.CollaborationPhase("IMPLEMENTATION"),
			StartDate: &start, Topics: []string{"Digitalisaatio"}, UpdatedAt: day(5),
			Partners: []model.OpenPartner{{OrganisationID: "org-a", Name: "Turun kaupunki", Role: model.PartnerLead},
				{OrganisationID: "org-b", Name: "Vertaisvoima ry", Role: model.PartnerPartner},
				{OrganisationID: "org-x", Name: "Säätiö", Role: model.PartnerFunder}},
		}},
	}
}

// expand runs a real JSON-LD processor over doc (its JSON, as a consumer
// reads it) and returns the expanded nodes by @id.
func expand(t *testing.T, doc map[string]any) map[string]map[string]any {
	t.Helper()
	raw, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var input any
	if err := json.Unmarshal(raw, &input); err != nil {
		t.Fatal(err)
	}
	proc := ld.NewJsonLdProcessor()
	flat, err := proc.Flatten(input, nil, ld.NewJsonLdOptions(""))
	if err != nil {
		t.Fatalf("JSON-LD processing: %v", err)
	}
	nodes := map[string]map[string]any{}
	for _, n := range flat.([]any) {
		m := n.(map[string]any)
		nodes[m["@id"].(string)] = m
	}
	return nodes
}

// values are the @value (or @id) entries of node's property p.
func values(node map[string]any, p string) []string {
	var out []string
	list, _ := node[p].([]any)
	for _, v := range list {
		m := v.(map[string]any)
		if s, ok := m["@value"].(string); ok {
			out = append(out, s)
		} else if s, ok := m["@id"].(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func types(node map[string]any) []string {
	var out []string
	for _, t := range node["@type"].([]any) {
		out = append(out, t.(string))
	}
	return out
}

func TestOrganisationsAreSchemaOrgOrganizations(t *testing.T) {
	svc := New(fixture())
	doc, err := svc.Organisations(context.Background(), base, Page{First: 2})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 11, 9, 12, 0, 0, 0, time.UTC); !doc.LastModified.Equal(want) {
		t.Errorf("LastModified %v, want %v (the latest in the page)", doc.LastModified, want)
	}
	nodes := expand(t, doc.Body)
	turku := nodes[base+"/organisations/org-a"]
	if turku == nil {
		t.Fatalf("no node for org-a in %v", nodes)
	}
	checks := map[string][]string{
		"https://schema.org/name":        {"Turun kaupunki"},
		"https://schema.org/url":         {"https://www.turku.fi"},
		"https://schema.org/areaServed":  {"Varsinais-Suomi"},
		"https://schema.org/knowsAbout":  {"Ikäihmisten yksinäisyys"},
		base + "/open/vocabulary#sector": {"PUBLIC"},
	}
	if !slices.Equal(types(turku), []string{"https://schema.org/Organization"}) {
		t.Errorf("types %v", types(turku))
	}
	for p, want := range checks {
		if got := values(turku, p); !slices.Equal(got, want) {
			t.Errorf("%s = %v, want %v", p, got, want)
		}
	}
	if _, ok := nodes[base+"/organisations/org-c"]; ok {
		t.Error("the page holds more than first")
	}
	page := nodes[base+"/open/organisations.jsonld?first=2"]
	if got := values(page, base+"/open/vocabulary#nextPage"); !slices.Equal(got, []string{base + "/open/organisations.jsonld?after=org-b&first=2"}) {
		t.Errorf("next page %v", got)
	}
	if got := values(page, "https://schema.org/license"); !slices.Equal(got, []string{License}) {
		t.Errorf("license %v", got)
	}

	last, err := svc.Organisations(context.Background(), base, Page{After: "org-b", First: 2})
	if err != nil {
		t.Fatal(err)
	}
	if next := values(expand(t, last.Body)[base+"/open/organisations.jsonld?after=org-b&first=2"], base+"/open/vocabulary#nextPage"); len(next) > 0 {
		t.Errorf("the last page links a next one: %v", next)
	}
	for _, bad := range []int{-1, MaxPageSize + 1} {
		if _, err := svc.Organisations(context.Background(), base, Page{First: bad}); !errors.Is(err, errs.ErrInvalidInput) {
			t.Errorf("first %d: %v, want invalid input", bad, err)
		}
	}
}

func TestCollaborationsAreSchemaOrgProjects(t *testing.T) {
	doc, err := New(fixture()).Collaborations(context.Background(), base, Page{})
	if err != nil {
		t.Fatal(err)
	}
	nodes := expand(t, doc.Body)
	p := nodes[base+"/collaborations/collab-1"]
	if p == nil || !slices.Equal(types(p), []string{"https://schema.org/Project"}) {
		t.Fatalf("project node %v", p)
	}
	if got := values(p, "https://schema.org/member"); !slices.Equal(got, []string{base + "/organisations/org-a", base + "/organisations/org-b"}) {
		t.Errorf("members %v", got)
	}
	if got := values(p, "https://schema.org/funder"); !slices.Equal(got, []string{base + "/organisations/org-x"}) {
		t.Errorf("funders %v", got)
	}
	if got := values(p, "https://schema.org/foundingDate"); !slices.Equal(got, []string{"2025-03-01"}) {
		t.Errorf("start %v", got)
	}
	if got := values(p, base+"/open/vocabulary#phase"); !slices.Equal(got, []string{"IMPLEMENTATION"}) {
		t.Errorf("phase %v", got)
	}
	// The partners are Organization nodes of their own in the graph.
	if org := nodes[base+"/organisations/org-x"]; org == nil || !slices.Equal(types(org), []string{"https://schema.org/Organization"}) {
		t.Errorf("funder node %v", org)
	}
}

func TestCatalogueIsDCAT(t *testing.T) {
	nodes := expand(t, New(fixture()).Catalogue(base).Body)
	cat := nodes[base+"/open/"]
	if cat == nil || !slices.Equal(types(cat), []string{"http://www.w3.org/ns/dcat#Catalog"}) {
		t.Fatalf("catalogue %v", cat)
	}
	datasets := values(cat, "http://www.w3.org/ns/dcat#dataset")
	if len(datasets) != 2 {
		t.Fatalf("datasets %v", datasets)
	}
	for _, id := range datasets {
		d := nodes[id]
		if d == nil || !slices.Equal(types(d), []string{"http://www.w3.org/ns/dcat#Dataset"}) ||
			!slices.Equal(values(d, "http://purl.org/dc/terms/license"), []string{License}) {
			t.Errorf("dataset %s: %v", id, d)
		}
	}
}
