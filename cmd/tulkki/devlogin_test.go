package main

import (
	"io"
	"log/slog"
	"testing"

	"github.com/tulkki/tulkki/internal/config"
)

// The development login needs both the explicit flag and a local secret.
func TestDevLoginNeedsFlagAndSecret(t *testing.T) {
	for _, tc := range []struct {
		name    string
		flag    bool
		secret  string
		enabled bool
	}{
		{"neither", false, "", false},
		{"secret only (a normal local server)", false, tokenTestSecret, false},
		{"flag only (no way to sign)", true, "", false},
		{"both", true, tokenTestSecret, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := &environment{cfg: config.Config{DevLogin: tc.flag, Auth: config.Auth{HS256Secret: config.Secret(tc.secret),
				Issuer: config.DefaultJWTIssuer, Audience: config.DefaultJWTAudience}}, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
			d := devLogin(env, nil)
			if (d != nil) != tc.enabled {
				t.Fatalf("enabled = %v, want %v", d != nil, tc.enabled)
			}
			if d != nil && (d.TTL != devLoginTTL || string(d.Secret) != tc.secret || d.Issuer != config.DefaultJWTIssuer) {
				t.Fatalf("dev login = %+v", d)
			}
		})
	}
}
