package webui

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func get(t *testing.T, h http.Handler, method, path string, header map[string]string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func TestHandlerServesTheBuiltApp(t *testing.T) {
	h, err := Handler()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path, contentType, bodyHas string
		status                     int
	}{
		{"/", "text/html; charset=utf-8", `<script type="module" crossorigin src="/assets/app.js">`, 200},
		{"/translators", "text/html; charset=utf-8", `<div id="app">`, 200},      // a client route
		{"/profile/", "text/html; charset=utf-8", `<div id="app">`, 200},         // trailing slash
		{"/assets/app.js", "text/javascript; charset=utf-8", "cytoscape", 200},   // the bundle
		{"/assets/index.css", "text/css; charset=utf-8", "--accent", 200},        // the styles
		{"/favicon.svg", "image/svg+xml", "<svg", 200},                           // public file
		{"/assets/missing.js", "text/plain; charset=utf-8", "404", 404},          // no index.html for a missing file
		{"/../assets/missing.js", "text/plain; charset=utf-8", "404", 404},       // cleaned first
		{"/../../etc/passwd", "text/html; charset=utf-8", `<div id="app">`, 200}, // only embedded files are ever read
	} {
		resp := get(t, h, http.MethodGet, tc.path, nil)
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != tc.status || resp.Header.Get("Content-Type") != tc.contentType || !strings.Contains(string(body), tc.bodyHas) {
			t.Errorf("GET %s = %d %q (%.80s), want %d %q containing %q", tc.path, resp.StatusCode, resp.Header.Get("Content-Type"), body, tc.status, tc.contentType, tc.bodyHas)
		}
		if tc.status == 200 && (resp.Header.Get("Cache-Control") != "no-cache" || resp.Header.Get("ETag") == "" || resp.Header.Get("X-Content-Type-Options") != "nosniff") {
			t.Errorf("GET %s headers = %v, want no-cache, an ETag and nosniff", tc.path, resp.Header)
		}
	}
}

func TestHandlerRevalidatesWithETag(t *testing.T) {
	h, err := Handler()
	if err != nil {
		t.Fatal(err)
	}
	first := get(t, h, http.MethodGet, "/assets/app.js", nil)
	etag := first.Header.Get("ETag")
	again := get(t, h, http.MethodGet, "/assets/app.js", map[string]string{"If-None-Match": etag})
	if again.StatusCode != http.StatusNotModified {
		t.Fatalf("If-None-Match %s = %d, want 304", etag, again.StatusCode)
	}
	if page := get(t, h, http.MethodGet, "/", nil); !strings.Contains(page.Header.Get("Content-Security-Policy"), "script-src 'self'") {
		t.Fatalf("the page has no content security policy: %v", page.Header)
	}
	if post := get(t, h, http.MethodPost, "/", nil); post.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("POST / = %d, want 405", post.StatusCode)
	}
}
