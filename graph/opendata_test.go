package graph_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/httpapi"
	"github.com/tulkki/tulkki/internal/i18n"
	"github.com/tulkki/tulkki/internal/opendata"
	"github.com/tulkki/tulkki/internal/storetest"
)

// TestOpenDataOverHTTP: the open datasets read the real store, answer
// anyone, carry no people, and a portal polling with If-None-Match gets
// 304 while nothing changed (issue 16, open data).
func TestOpenDataOverHTTP(t *testing.T) {
	a := newAPI(t)
	topic, topicName := a.newTopic("Avoin data")
	org := a.newOrg(map[string]any{"name": storetest.ID("Avoin Organisaatio"), "kind": "ASSOCIATION", "sector": "THIRD", "topicIds": []string{topic}})
	person := a.newPerson(map[string]any{"name": storetest.ID("Julkinen Jaana"), "visibility": "PUBLIC"})
	a.newExperience(person, org, "2020-01-01", "")
	a.newCollab(map[string]any{"title": storetest.ID("Avoin hanke"), "partners": lead(org),
		"contributors": []any{map[string]any{"personId": person, "role": "LEAD"}}})

	srv := httptest.NewServer(httpapi.NewRouter(httpapi.Options{DB: a.st, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		RequestTimeout: 30 * time.Second, OpenData: opendata.New(a.st)}))
	t.Cleanup(srv.Close)
	get := func(path string, header map[string]string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, body
	}

	// A page that starts just before the new organisation's id.
	path := "/open/organisations.jsonld?first=1&after=" + org[:len(org)-1]
	resp, body := get(path, nil)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/ld+json" || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("%d %v: %s", resp.StatusCode, resp.Header, body)
	}
	var doc struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(doc.Graph, func(n map[string]any) bool { return n["identifier"] == org })
	if i < 0 {
		t.Fatalf("organisation %s not on its page: %s", org, body)
	}
	if topics, _ := doc.Graph[i]["knowsAbout"].([]any); !slices.Contains(topics, any(topicName)) {
		t.Errorf("knowsAbout %v, want %s", doc.Graph[i]["knowsAbout"], topicName)
	}
	etag := resp.Header.Get("ETag")
	if again, _ := get(path, map[string]string{"If-None-Match": etag}); etag == "" || again.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match %q: %d, want 304", etag, again.StatusCode)
	}

	_, collabs := get("/open/collaborations.jsonld?first=500", nil)
	for _, b := range [][]byte{body, collabs} {
		if strings.Contains(string(b), person) || strings.Contains(string(b), "Julkinen Jaana") {
			t.Errorf("open data names a person: %.300s", b)
		}
	}
	if resp, _ := get("/open/organisations.jsonld?first=9999", nil); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("first=9999: %d, want 400", resp.StatusCode)
	}
	// The refusals are in the asked language (Accept-Language).
	for _, c := range []struct {
		first string
		text  i18n.Text
	}{{"x", i18n.T("first must be a whole number")}, {"9999", i18n.T("first must be between 1 and %d", opendata.MaxPageSize)}} {
		for _, lang := range []i18n.Lang{i18n.FI, i18n.SV} {
			resp, body := get("/open/organisations.jsonld?first="+c.first, map[string]string{"Accept-Language": string(lang)})
			var out struct{ Code, Error string }
			_ = json.Unmarshal(body, &out)
			if want := c.text.In(lang); resp.StatusCode != http.StatusBadRequest || out.Code != "BAD_USER_INPUT" || out.Error != want || want == c.text.String() {
				t.Errorf("first=%s in %s: %d %s, want 400 with %q", c.first, lang, resp.StatusCode, body, want)
			}
		}
	}
	if resp, body := get("/open/", nil); resp.StatusCode != 200 || !strings.Contains(string(body), "dcat:Catalog") {
		t.Errorf("/open/: %d %.200s", resp.StatusCode, body)
	}
}
