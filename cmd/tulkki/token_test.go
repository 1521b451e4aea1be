package main

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/config"
)

const tokenTestSecret = "token-test-secret-0123456789-abcdefghij"

func setTokenEnv(t *testing.T, secret string) {
	t.Helper()
	t.Setenv("TULKKI_JWT_HS256_SECRET", secret)
	t.Setenv("TULKKI_JWT_ISSUER", "")
	t.Setenv("TULKKI_JWT_AUDIENCE", "")
	t.Setenv("TULKKI_JWT_LEEWAY", "")
	t.Setenv("TULKKI_JWT_PUBLIC_KEY_FILE", "")
	t.Setenv("TULKKI_JWT_JWKS", "")
	t.Setenv("TULKKI_LOG_LEVEL", "")
}

func TestTokenCommandPrintsVerifiableToken(t *testing.T) {
	setTokenEnv(t, tokenTestSecret)
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"token", "--sub", "person-1", "--roles", "org_editor, PROFESSIONAL,ORG_EDITOR",
		"--orgs", "org-1,org-2,", "--ttl", "2h"}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("tulkki token: %v (stderr %s)", err, stderr.String())
	}
	out := stdout.String()
	if !strings.HasSuffix(out, "\n") || strings.Count(out, "\n") != 1 || strings.Count(out, ".") != 2 {
		t.Fatalf("stdout = %q, want just a token and a newline", out)
	}
	v, err := auth.NewVerifier(context.Background(), config.Auth{HS256Secret: config.Secret(tokenTestSecret),
		Issuer: config.DefaultJWTIssuer, Audience: config.DefaultJWTAudience, Leeway: config.DefaultJWTLeeway}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := v.Verify(context.Background(), strings.TrimSpace(out))
	if err != nil {
		t.Fatalf("minted token does not verify: %v", err)
	}
	if p.Subject != "person-1" || !slices.Equal(p.Roles, []auth.Role{auth.RoleOrgEditor, auth.RoleProfessional}) ||
		!slices.Equal(p.Orgs, []string{"org-1", "org-2"}) {
		t.Errorf("principal = %+v", p)
	}
	if strings.Contains(stderr.String(), strings.TrimSpace(out)) {
		t.Errorf("token written to the log")
	}
}

func TestTokenCommandUsesConfiguredIssuer(t *testing.T) {
	setTokenEnv(t, tokenTestSecret)
	t.Setenv("TULKKI_JWT_ISSUER", "https://dev.tulkki.example")
	t.Setenv("TULKKI_JWT_AUDIENCE", "tulkki-dev")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"token", "--sub", "admin-1", "--roles", "ADMIN"}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	cfg := config.Auth{HS256Secret: config.Secret(tokenTestSecret), Issuer: "https://dev.tulkki.example", Audience: "tulkki-dev"}
	v, err := auth.NewVerifier(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p, err := v.Verify(context.Background(), strings.TrimSpace(stdout.String())); err != nil || !p.IsAdmin() {
		t.Fatalf("Verify: %+v, %v", p, err)
	}
}

func TestTokenCommandRefuses(t *testing.T) {
	tests := []struct {
		name    string
		secret  string
		args    []string
		wantErr string
	}{
		{name: "no secret", secret: "", args: []string{"--sub", "p-1", "--roles", "PROFESSIONAL"}, wantErr: "TULKKI_JWT_HS256_SECRET is not set"},
		{name: "unknown role", secret: tokenTestSecret, args: []string{"--sub", "p-1", "--roles", "PROFESSIONAL,ROOT"}, wantErr: `unknown role "ROOT"`},
		{name: "missing sub", secret: tokenTestSecret, args: []string{"--roles", "PROFESSIONAL"}, wantErr: "--sub is required"},
		{name: "missing roles", secret: tokenTestSecret, args: []string{"--sub", "p-1"}, wantErr: "--roles is required"},
		{name: "ttl too long", secret: tokenTestSecret, args: []string{"--sub", "p-1", "--roles", "ADMIN", "--ttl", "721h"}, wantErr: "ttl"},
		{name: "zero ttl", secret: tokenTestSecret, args: []string{"--sub", "p-1", "--roles", "ADMIN", "--ttl", "0s"}, wantErr: "ttl"},
		{name: "stray argument", secret: tokenTestSecret, args: []string{"--sub", "p-1", "--roles", "ADMIN", "extra"}, wantErr: "unexpected argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			setTokenEnv(t, tt.secret)
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), append([]string{"token"}, tt.args...), &stdout, &stderr)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout = %q, want nothing", stdout.String())
			}
		})
	}
}

func TestTokenCommandShortSecretIsConfigError(t *testing.T) {
	setTokenEnv(t, "short")
	err := run(context.Background(), []string{"token", "--sub", "p-1", "--roles", "ADMIN"}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "at least 32 bytes") {
		t.Fatalf("err = %v", err)
	}
}
