package httpapi

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/config"
)

const devSecret = "0123456789abcdef0123456789abcdef-dev-login"

type pingOK struct{}

func (pingOK) Ping(context.Context) error { return nil }

// router returns the service's router with only what these tests need.
func router(t *testing.T, dev *DevLogin, app http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(NewRouter(Options{
		GraphQL: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, 200, map[string]any{"data": nil}) }),
		DB:      pingOK{}, Log: slog.New(slog.DiscardHandler), RequestTimeout: 5 * time.Second,
		DevLogin: dev, WebUI: app, GraphiQL: true,
	}))
	t.Cleanup(srv.Close)
	return srv
}

func devLoginForTest() *DevLogin {
	return &DevLogin{
		Secret: []byte(devSecret), Issuer: config.DefaultJWTIssuer, Audience: config.DefaultJWTAudience, TTL: time.Hour,
		People: func(context.Context) ([]DevPerson, error) {
			return []DevPerson{{ID: "person-a", Name: "Aino", Visibility: "PUBLIC"}}, nil
		},
	}
}

func do(t *testing.T, method, url, contentType, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestDevLoginMintsAVerifiableToken(t *testing.T) {
	srv := router(t, devLoginForTest(), nil)
	status, body := do(t, http.MethodPost, srv.URL+"/dev/login", "application/json",
		`{"personId":"person-a","roles":["professional","ORG_EDITOR","PROFESSIONAL"],"orgs":["org-1"," org-1 ",""]}`)
	if status != http.StatusOK {
		t.Fatalf("POST /dev/login = %d %s", status, body)
	}
	var got devLoginResponse
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	if got.PersonID != "person-a" || !slices.Equal(got.Roles, []string{"PROFESSIONAL", "ORG_EDITOR"}) || !slices.Equal(got.Orgs, []string{"org-1"}) {
		t.Fatalf("response = %+v", got)
	}
	if d := time.Until(got.ExpiresAt); d < 59*time.Minute || d > time.Hour+time.Minute {
		t.Fatalf("expiresAt %s is not about an hour from now", got.ExpiresAt)
	}
	v, err := auth.NewVerifier(context.Background(), config.Auth{HS256Secret: config.Secret(devSecret),
		Issuer: config.DefaultJWTIssuer, Audience: config.DefaultJWTAudience, Leeway: time.Second}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := v.Verify(context.Background(), got.Token)
	if err != nil {
		t.Fatalf("the minted token does not verify: %v", err)
	}
	if p.Subject != "person-a" || !p.Has(auth.RoleOrgEditor) || !p.Edits("org-1") {
		t.Fatalf("principal = %+v", p)
	}
}

func TestDevLoginRefusesBadRequests(t *testing.T) {
	srv := router(t, devLoginForTest(), nil)
	for _, tc := range []struct{ name, contentType, body, want string }{
		{"not JSON content type", "text/plain", `{"personId":"p","roles":["ADMIN"]}`, "Content-Type"},
		{"form post", "application/x-www-form-urlencoded", `personId=p&roles=ADMIN`, "Content-Type"},
		{"no person", "application/json", `{"personId":"  ","roles":["ADMIN"]}`, "personId"},
		{"no roles", "application/json", `{"personId":"p","roles":[]}`, "roles"},
		{"unknown role", "application/json", `{"personId":"p","roles":["ROOT"]}`, `unknown role \"ROOT\"`},
		{"unknown field", "application/json", `{"personId":"p","roles":["ADMIN"],"ttl":"999h"}`, "ttl"},
		{"broken JSON", "application/json", `{"personId":`, "not a valid sign-in request"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := do(t, http.MethodPost, srv.URL+"/dev/login", tc.contentType, tc.body)
			if status != http.StatusBadRequest || !strings.Contains(body, tc.want) || !strings.Contains(body, "BAD_USER_INPUT") {
				t.Fatalf("= %d %s, want 400 BAD_USER_INPUT mentioning %q", status, body, tc.want)
			}
			if strings.Contains(body, "token") {
				t.Fatalf("a refused request got a token: %s", body)
			}
		})
	}
}

func TestDevLoginListsPeople(t *testing.T) {
	srv := router(t, devLoginForTest(), nil)
	status, body := do(t, http.MethodGet, srv.URL+"/dev/people", "", "")
	if status != http.StatusOK || !strings.Contains(body, `"id":"person-a"`) || !strings.Contains(body, `"roles":["PROFESSIONAL","ORG_EDITOR","FACILITATOR","COORDINATOR","ADMIN"]`) {
		t.Fatalf("GET /dev/people = %d %s", status, body)
	}
}

func TestDevLoginDisabledIs404EvenWithTheWebApp(t *testing.T) {
	app := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "<!doctype html>app") })
	srv := router(t, nil, app)
	for _, tc := range []struct{ method, path string }{
		{http.MethodPost, "/dev/login"}, {http.MethodGet, "/dev/people"}, {http.MethodGet, "/dev/login"},
	} {
		status, body := do(t, tc.method, srv.URL+tc.path, "application/json", `{"personId":"p","roles":["ADMIN"]}`)
		if status != http.StatusNotFound || strings.Contains(body, "token") || strings.Contains(body, "app") {
			t.Fatalf("%s %s = %d %s, want 404 without a token or the app", tc.method, tc.path, status, body)
		}
	}
}

func TestWebAppServesClientRoutesButNotOtherMethods(t *testing.T) {
	app := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "<!doctype html>app") })
	srv := router(t, nil, app)
	for _, path := range []string{"/", "/translators", "/profile?x=1"} {
		if status, body := do(t, http.MethodGet, srv.URL+path, "", ""); status != http.StatusOK || body != "<!doctype html>app" {
			t.Fatalf("GET %s = %d %q, want the app", path, status, body)
		}
	}
	if status, _ := do(t, http.MethodPost, srv.URL+"/translators", "application/json", "{}"); status != http.StatusNotFound {
		t.Fatalf("POST /translators = %d, want 404", status)
	}
	if status, body := do(t, http.MethodGet, srv.URL+"/healthz", "", ""); status != http.StatusOK || !strings.Contains(body, "ok") {
		t.Fatalf("GET /healthz = %d %s: the app must not shadow API routes", status, body)
	}
	if status, body := do(t, http.MethodGet, srv.URL+"/graphiql", "", ""); status != http.StatusOK || !strings.Contains(strings.ToLower(body), "graphiql") {
		t.Fatalf("GET /graphiql = %d, want the GraphQL IDE", status)
	}
}
