package auth

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func TestTokenMiddleware(t *testing.T) {
	setupKeys(t)
	cfg := baseConfig()
	cfg.HS256Secret = testSecret
	v := newVerifier(t, cfg)
	editor := Principal{Subject: "person-9", Roles: []Role{RoleOrgEditor}, Orgs: []string{"org-3"}}
	valid, err := Mint(testSecret, testIssuer, testAudience, editor, time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	expired, err := Mint(testSecret, testIssuer, testAudience, editor, time.Minute, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	rsaTok := sign(t, jwt.SigningMethodRS256, rsaKey, "", claims(nil))

	tests := []struct {
		name       string
		v          *Verifier
		headers    []string // Authorization header values; nil = none
		wantStatus int
		want       Principal // when the handler runs
		wantReason string    // message of a 401
	}{
		{name: "no header: anonymous", v: v, wantStatus: http.StatusOK},
		{name: "no header, no verifier: anonymous", v: nil, wantStatus: http.StatusOK},
		{name: "valid bearer", v: v, headers: []string{"Bearer " + valid}, wantStatus: http.StatusOK, want: editor},
		{name: "lower-case scheme", v: v, headers: []string{"bearer " + valid}, wantStatus: http.StatusOK, want: editor},
		{name: "expired", v: v, headers: []string{"Bearer " + expired}, wantStatus: http.StatusUnauthorized, wantReason: "token expired"},
		{name: "wrong algorithm", v: v, headers: []string{"Bearer " + rsaTok}, wantStatus: http.StatusUnauthorized, wantReason: "token algorithm not accepted"},
		{name: "garbage token", v: v, headers: []string{"Bearer abc"}, wantStatus: http.StatusUnauthorized, wantReason: "token malformed"},
		{name: "basic auth", v: v, headers: []string{"Basic xyz"}, wantStatus: http.StatusUnauthorized, wantReason: "Bearer <token>"},
		{name: "scheme only", v: v, headers: []string{"Bearer"}, wantStatus: http.StatusUnauthorized, wantReason: "Bearer <token>"},
		{name: "scheme and space", v: v, headers: []string{"Bearer "}, wantStatus: http.StatusUnauthorized, wantReason: "Bearer <token>"},
		{name: "empty header", v: v, headers: []string{""}, wantStatus: http.StatusUnauthorized, wantReason: "Bearer <token>"},
		{name: "token with spaces", v: v, headers: []string{"Bearer " + valid + " extra"}, wantStatus: http.StatusUnauthorized, wantReason: "Bearer <token>"},
		{name: "two headers", v: v, headers: []string{"Bearer " + valid, "Bearer " + valid}, wantStatus: http.StatusUnauthorized, wantReason: "more than one"},
		{name: "valid token, no verifier", v: nil, headers: []string{"Bearer " + valid}, wantStatus: http.StatusUnauthorized, wantReason: "not accepted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			log := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			called := false
			var got Principal
			h := Middleware(tt.v, log)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				called = true
				got = From(r.Context())
				w.WriteHeader(http.StatusOK)
			}))
			req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ __typename }"}`))
			for _, hv := range tt.headers {
				req.Header.Add("Authorization", hv)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)

			if rec.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d (body %s)", rec.Code, tt.wantStatus, rec.Body)
			}
			if tt.wantStatus == http.StatusOK {
				if !called {
					t.Fatal("handler not called")
				}
				if !equalPrincipal(got, tt.want) {
					t.Errorf("principal = %+v, want %+v", got, tt.want)
				}
				return
			}
			if called {
				t.Fatal("handler called for a rejected request")
			}
			if h := rec.Header().Get("WWW-Authenticate"); h != `Bearer error="invalid_token"` {
				t.Errorf("WWW-Authenticate = %q", h)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type = %q", ct)
			}
			var body struct {
				Errors []struct {
					Message    string            `json:"message"`
					Extensions map[string]string `json:"extensions"`
				} `json:"errors"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatalf("body %q: %v", rec.Body, err)
			}
			if len(body.Errors) != 1 || body.Errors[0].Extensions["code"] != "UNAUTHENTICATED" ||
				!strings.Contains(body.Errors[0].Message, tt.wantReason) {
				t.Errorf("body = %s, want one UNAUTHENTICATED error containing %q", rec.Body, tt.wantReason)
			}
			if !strings.Contains(logs.String(), "bearer token rejected") || !strings.Contains(logs.String(), `"level":"INFO"`) {
				t.Errorf("rejection not logged at info: %s", logs.String())
			}
			for _, hv := range tt.headers {
				if tok := strings.TrimPrefix(hv, "Bearer "); len(tok) > 8 &&
					(strings.Contains(logs.String(), tok) || strings.Contains(rec.Body.String(), tok)) {
					t.Errorf("token leaked into logs or body")
				}
			}
			if strings.Contains(logs.String(), "person-9") || strings.Contains(logs.String(), "org-3") {
				t.Errorf("claims leaked into logs: %s", logs.String())
			}
		})
	}
}
