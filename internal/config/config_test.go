package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestFromLookup(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		wantErr bool
		check   func(t *testing.T, c Config)
	}{
		{
			name: "defaults",
			env:  map[string]string{},
			check: func(t *testing.T, c Config) {
				if c.Neo4j.URI != DefaultNeo4jURI || c.Addr != ":8080" || c.Neo4j.Timeout != 5*time.Second || c.LogLevel != slog.LevelInfo || c.DevLogin {
					t.Errorf("unexpected defaults: %+v", c)
				}
			},
		},
		{
			name: "overrides",
			env: map[string]string{"NEO4J_URI": "neo4j+s://x.databases.neo4j.io", "NEO4J_DATABASE": "tulkki",
				"TULKKI_ADDR": "127.0.0.1:9000", "TULKKI_LOG_LEVEL": "debug", "NEO4J_TIMEOUT": "2s"},
			check: func(t *testing.T, c Config) {
				if c.Neo4j.URI != "neo4j+s://x.databases.neo4j.io" || c.Neo4j.Database != "tulkki" ||
					c.Addr != "127.0.0.1:9000" || c.LogLevel != slog.LevelDebug || c.Neo4j.Timeout != 2*time.Second {
					t.Errorf("overrides not applied: %+v", c)
				}
			},
		},
		{name: "dev login on", env: map[string]string{"TULKKI_DEV_LOGIN": "true"}, check: func(t *testing.T, c Config) {
			if !c.DevLogin {
				t.Error("TULKKI_DEV_LOGIN=true did not enable the dev login")
			}
		}},
		{name: "dev login garbage", env: map[string]string{"TULKKI_DEV_LOGIN": "yes please"}, wantErr: true},
		{name: "introspection off by default", env: map[string]string{}, check: func(t *testing.T, c Config) {
			if c.Introspection {
				t.Error("introspection is on without TULKKI_INTROSPECTION")
			}
		}},
		{name: "introspection on", env: map[string]string{"TULKKI_INTROSPECTION": "true"}, check: func(t *testing.T, c Config) {
			if !c.Introspection {
				t.Error("TULKKI_INTROSPECTION=true did not turn introspection on")
			}
		}},
		{name: "slow request", env: map[string]string{"TULKKI_SLOW_REQUEST": "250ms"}, check: func(t *testing.T, c Config) {
			if c.SlowRequest != 250*time.Millisecond {
				t.Errorf("SlowRequest = %v", c.SlowRequest)
			}
		}},
		{name: "running queries", env: map[string]string{"TULKKI_MAX_RUNNING_QUERIES": "-1"}, check: func(t *testing.T, c Config) {
			if c.MaxRunningQueries != -1 {
				t.Errorf("MaxRunningQueries = %d, want -1 (no bound)", c.MaxRunningQueries)
			}
		}},
		{name: "slow request default", env: map[string]string{}, check: func(t *testing.T, c Config) {
			if c.SlowRequest != time.Second {
				t.Errorf("SlowRequest = %v, want 1s", c.SlowRequest)
			}
		}},
		{name: "tracing off by default", env: map[string]string{}, check: func(t *testing.T, c Config) {
			if c.TracingEndpoint != "" {
				t.Errorf("TracingEndpoint = %q", c.TracingEndpoint)
			}
		}},
		{name: "tracing endpoint", env: map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://otel:4318"}, check: func(t *testing.T, c Config) {
			if c.TracingEndpoint != "http://otel:4318" {
				t.Errorf("TracingEndpoint = %q", c.TracingEndpoint)
			}
		}},
		{name: "traces endpoint wins", env: map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://a:4318", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://b:4318/v1/traces"},
			check: func(t *testing.T, c Config) {
				if c.TracingEndpoint != "http://b:4318/v1/traces" {
					t.Errorf("TracingEndpoint = %q", c.TracingEndpoint)
				}
			}},
		{name: "slow request garbage", env: map[string]string{"TULKKI_SLOW_REQUEST": "0"}, wantErr: true},
		{name: "running queries garbage", env: map[string]string{"TULKKI_MAX_RUNNING_QUERIES": "four"}, wantErr: true},
		{name: "introspection garbage", env: map[string]string{"TULKKI_INTROSPECTION": "sometimes"}, wantErr: true},
		{name: "introduction defaults", env: map[string]string{}, check: func(t *testing.T, c Config) {
			if c.Introductions != (Introductions{TTL: 14 * 24 * time.Hour, MaxOpenPerTranslator: 5, DeclineCooldown: 90 * 24 * time.Hour}) {
				t.Errorf("introductions %+v", c.Introductions)
			}
		}},
		{name: "introduction limits", env: map[string]string{"TULKKI_INTRODUCTION_TTL": "72h", "TULKKI_INTRODUCTION_MAX_OPEN": "3",
			"TULKKI_INTRODUCTION_DECLINE_COOLDOWN": "720h"}, check: func(t *testing.T, c Config) {
			if c.Introductions != (Introductions{TTL: 72 * time.Hour, MaxOpenPerTranslator: 3, DeclineCooldown: 720 * time.Hour}) {
				t.Errorf("introductions %+v", c.Introductions)
			}
		}},
		{name: "introduction TTL garbage", env: map[string]string{"TULKKI_INTRODUCTION_TTL": "two weeks"}, wantErr: true},
		{name: "introduction max open zero", env: map[string]string{"TULKKI_INTRODUCTION_MAX_OPEN": "0"}, wantErr: true},
		{name: "bad log level", env: map[string]string{"TULKKI_LOG_LEVEL": "loud"}, wantErr: true},
		{name: "bad timeout", env: map[string]string{"NEO4J_TIMEOUT": "soon"}, wantErr: true},
		{name: "negative timeout", env: map[string]string{"NEO4J_TIMEOUT": "-1s"}, wantErr: true},
		{name: "bad complexity", env: map[string]string{"TULKKI_COMPLEXITY_LIMIT": "0"}, wantErr: true},
		{name: "pool size", env: map[string]string{"NEO4J_MAX_CONNECTIONS": "8"}, check: func(t *testing.T, c Config) {
			if c.Neo4j.MaxConnections != 8 {
				t.Errorf("MaxConnections = %d, want 8", c.Neo4j.MaxConnections)
			}
		}},
		{name: "pool size default", env: map[string]string{}, check: func(t *testing.T, c Config) {
			if c.Neo4j.MaxConnections != 100 {
				t.Errorf("MaxConnections = %d, want the driver's 100", c.Neo4j.MaxConnections)
			}
		}},
		{name: "pool size zero", env: map[string]string{"NEO4J_MAX_CONNECTIONS": "0"}, wantErr: true},
		{
			name: "auth defaults",
			env:  map[string]string{},
			check: func(t *testing.T, c Config) {
				a := c.Auth
				if a.HS256Secret != nil || a.PublicKeyFile != "" || a.JWKS != "" || a.Issuer != "tulkki-local" ||
					a.Audience != "tulkki" || a.Leeway != 30*time.Second {
					t.Errorf("unexpected auth defaults: %+v", a)
				}
			},
		},
		{
			name: "auth overrides",
			env: map[string]string{"TULKKI_JWT_HS256_SECRET": "0123456789abcdef0123456789abcdef",
				"TULKKI_JWT_PUBLIC_KEY_FILE": "/etc/tulkki/keys.pem", "TULKKI_JWT_JWKS": "https://idp.example.fi/.well-known/jwks.json",
				"TULKKI_JWT_ISSUER": "https://idp.example.fi", "TULKKI_JWT_AUDIENCE": "tulkki-api", "TULKKI_JWT_LEEWAY": "5m"},
			check: func(t *testing.T, c Config) {
				a := c.Auth
				if string(a.HS256Secret) != "0123456789abcdef0123456789abcdef" || a.PublicKeyFile != "/etc/tulkki/keys.pem" ||
					a.JWKS != "https://idp.example.fi/.well-known/jwks.json" || a.Issuer != "https://idp.example.fi" ||
					a.Audience != "tulkki-api" || a.Leeway != 5*time.Minute {
					t.Errorf("auth overrides not applied: %+v", a)
				}
			},
		},
		{
			name: "jwt leeway zero, jwks file and loopback http",
			env:  map[string]string{"TULKKI_JWT_LEEWAY": "0s", "TULKKI_JWT_JWKS": "http://127.0.0.1:8081/jwks"},
			check: func(t *testing.T, c Config) {
				if c.Auth.Leeway != 0 || c.Auth.JWKS != "http://127.0.0.1:8081/jwks" {
					t.Errorf("unexpected auth: %+v", c.Auth)
				}
			},
		},
		{name: "jwks localhost http", env: map[string]string{"TULKKI_JWT_JWKS": "http://localhost:8081/jwks"}},
		{name: "jwks file path", env: map[string]string{"TULKKI_JWT_JWKS": "./jwks.json"}},
		{name: "jwt secret too short", env: map[string]string{"TULKKI_JWT_HS256_SECRET": "short-secret"}, wantErr: true},
		{name: "jwt leeway too long", env: map[string]string{"TULKKI_JWT_LEEWAY": "6m"}, wantErr: true},
		{name: "jwt leeway negative", env: map[string]string{"TULKKI_JWT_LEEWAY": "-1s"}, wantErr: true},
		{name: "jwt leeway garbage", env: map[string]string{"TULKKI_JWT_LEEWAY": "a while"}, wantErr: true},
		{name: "jwks remote http", env: map[string]string{"TULKKI_JWT_JWKS": "http://idp.example.fi/jwks"}, wantErr: true},
		{name: "jwks other scheme", env: map[string]string{"TULKKI_JWT_JWKS": "ftp://idp.example.fi/jwks"}, wantErr: true},
		{name: "jwks url without host", env: map[string]string{"TULKKI_JWT_JWKS": "https:///jwks"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := fromLookup(func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok })
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if tt.check != nil {
				tt.check(t, c)
			}
		})
	}
}

func TestConfigSecretNeverPrints(t *testing.T) {
	s := Secret("0123456789abcdef0123456789abcdef")
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("cfg", "auth", Auth{HS256Secret: s}, "secret", s)
	js, _ := json.Marshal(Auth{HS256Secret: s})
	for _, out := range []string{fmt.Sprintf("%v %+v %#v %s %x", s, Auth{HS256Secret: s}, Auth{HS256Secret: s}, s, s), buf.String(), string(js)} {
		if strings.Contains(out, "0123456789abcdef") || strings.Contains(out, "MDEyMzQ1") || strings.Contains(out, "30313233") {
			t.Errorf("secret leaked: %s", out)
		}
	}
}
