// Package config reads Tulkki's settings from the environment. Every
// setting is documented in the README; defaults suit the local Neo4j that
// `make run` starts.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// Neo4j is how to reach the graph database.
type Neo4j struct {
	URI      string
	Username string
	Password string
	Database string
	// Timeout bounds connecting, acquiring a connection and retrying a
	// transaction, so a missing database fails fast instead of hanging.
	Timeout time.Duration
	// MaxConnections caps the driver's connection pool (0: the driver's
	// default, 100). When every connection is busy for Timeout, a request
	// fails with OVERLOADED.
	MaxConnections int
}

// Auth is how bearer tokens are verified (see internal/auth). Any
// combination of the three key sources may be set; with none, every bearer
// token is rejected and only anonymous access works.
type Auth struct {
	// HS256Secret enables HS256 tokens signed with this shared secret
	// (local development, `tulkki token`). At least MinJWTSecretLen bytes.
	HS256Secret Secret
	// PublicKeyFile is a PEM file of RSA / EC P-256 public keys or
	// certificates (RS256 / ES256).
	PublicKeyFile string
	// JWKS is a JWKS file path or an https URL (http only for loopback).
	JWKS     string
	Issuer   string
	Audience string
	// Leeway is the clock skew allowed on exp, nbf and iat.
	Leeway time.Duration
}

// Secret is a byte string that never prints, logs or marshals its value.
type Secret []byte

func (s Secret) String() string {
	if len(s) == 0 {
		return ""
	}
	return "[redacted]"
}

// GoString keeps %#v from printing the bytes.
func (s Secret) GoString() string { return "config.Secret(" + s.String() + ")" }

// LogValue keeps slog from printing the bytes.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalText keeps encoding/json from printing the bytes.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Config is the whole configuration of the service.
type Config struct {
	Neo4j    Neo4j
	Auth     Auth
	Addr     string
	LogLevel slog.Level
	// QueryComplexityLimit caps the cost of one GraphQL operation.
	QueryComplexityLimit int
	// MaxRunningQueries bounds the GraphQL queries that run at once; the
	// others wait their turn. Zero: two per core; negative: no bound.
	MaxRunningQueries int
	// TracingEndpoint is the OTLP endpoint spans go to (the SDK's
	// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT);
	// empty, tracing is off (internal/tracing).
	TracingEndpoint string
	// SlowRequest: a GraphQL operation taking longer is logged at WARN with
	// its name, time and cost.
	SlowRequest time.Duration
	// Introspection turns on GraphQL introspection and the GraphiQL IDE at
	// /graphiql: on for development (`make run`), off unless set, so a
	// production server does not hand out its schema and an IDE.
	Introspection bool
	// DevLogin enables POST /dev/login, which mints a token for any person
	// and role with the HS256 secret: local development and demos only.
	DevLogin bool
	// Introductions are the limits of requests for introductions.
	Introductions Introductions
}

// Introductions configures requests for introductions through translators.
type Introductions struct {
	// TTL: an unanswered request expires this long after it was made.
	TTL time.Duration
	// MaxOpenPerTranslator: a translator with this many open requests is
	// busy and cannot be asked for another.
	MaxOpenPerTranslator int
	// DeclineCooldown: a declined request cannot be repeated for this long.
	DeclineCooldown time.Duration
}

// Defaults for local development; the password matches scripts/neo4j.sh.
const (
	DefaultNeo4jURI      = "bolt://127.0.0.1:7687"
	DefaultNeo4jUser     = "neo4j"
	DefaultNeo4jPassword = "tulkki-local-password"
	DefaultAddr          = ":8080"
	// DefaultComplexityLimit admits a page of 100 organisations with their
	// people, or 50 people with their stints and collaborations, and refuses
	// deeper fan-out (see graph/server.go for the per-list multipliers).
	DefaultComplexityLimit = 10000

	DefaultJWTIssuer   = "tulkki-local"
	DefaultJWTAudience = "tulkki"
	DefaultJWTLeeway   = 30 * time.Second
	MaxJWTLeeway       = 5 * time.Minute
	MinJWTSecretLen    = 32

	DefaultIntroductionTTL             = 14 * 24 * time.Hour
	DefaultIntroductionMaxOpen         = 5
	DefaultIntroductionDeclineCooldown = 90 * 24 * time.Hour
)

// FromEnv reads the configuration from environment variables.
func FromEnv() (Config, error) {
	return fromLookup(os.LookupEnv)
}

func fromLookup(lookup func(string) (string, bool)) (Config, error) {
	get := func(key, def string) string {
		if v, ok := lookup(key); ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
		return def
	}
	cfg := Config{
		Neo4j: Neo4j{
			URI:      get("NEO4J_URI", DefaultNeo4jURI),
			Username: get("NEO4J_USERNAME", DefaultNeo4jUser),
			Password: get("NEO4J_PASSWORD", DefaultNeo4jPassword),
			Database: get("NEO4J_DATABASE", ""),
		},
		Addr: get("TULKKI_ADDR", DefaultAddr),
		Auth: Auth{
			PublicKeyFile: get("TULKKI_JWT_PUBLIC_KEY_FILE", ""),
			JWKS:          get("TULKKI_JWT_JWKS", ""),
			Issuer:        get("TULKKI_JWT_ISSUER", DefaultJWTIssuer),
			Audience:      get("TULKKI_JWT_AUDIENCE", DefaultJWTAudience),
		},
	}
	var err error
	if cfg.Neo4j.Timeout, err = time.ParseDuration(get("NEO4J_TIMEOUT", "5s")); err != nil || cfg.Neo4j.Timeout <= 0 {
		return Config{}, fmt.Errorf("NEO4J_TIMEOUT: %q is not a positive duration such as 5s", get("NEO4J_TIMEOUT", ""))
	}
	if cfg.Neo4j.MaxConnections, err = strconv.Atoi(get("NEO4J_MAX_CONNECTIONS", "100")); err != nil || cfg.Neo4j.MaxConnections < 1 {
		return Config{}, fmt.Errorf("NEO4J_MAX_CONNECTIONS: %q is not a positive whole number", get("NEO4J_MAX_CONNECTIONS", ""))
	}
	if err := cfg.LogLevel.UnmarshalText([]byte(get("TULKKI_LOG_LEVEL", "info"))); err != nil {
		return Config{}, fmt.Errorf("TULKKI_LOG_LEVEL: %w (use debug, info, warn or error)", err)
	}
	if cfg.QueryComplexityLimit, err = strconv.Atoi(get("TULKKI_COMPLEXITY_LIMIT", strconv.Itoa(DefaultComplexityLimit))); err != nil || cfg.QueryComplexityLimit < 1 {
		return Config{}, fmt.Errorf("TULKKI_COMPLEXITY_LIMIT: %q is not a positive whole number", get("TULKKI_COMPLEXITY_LIMIT", ""))
	}
	if cfg.MaxRunningQueries, err = strconv.Atoi(get("TULKKI_MAX_RUNNING_QUERIES", "0")); err != nil {
		return Config{}, fmt.Errorf("TULKKI_MAX_RUNNING_QUERIES: %q is not a whole number (0: two per core, -1: no limit)", get("TULKKI_MAX_RUNNING_QUERIES", ""))
	}
	if secret := get("TULKKI_JWT_HS256_SECRET", ""); secret != "" {
		if len(secret) < MinJWTSecretLen {
			return Config{}, fmt.Errorf("TULKKI_JWT_HS256_SECRET: must be at least %d bytes (e.g. the output of `openssl rand -base64 48`)", MinJWTSecretLen)
		}
		cfg.Auth.HS256Secret = Secret(secret)
	}
	if cfg.Auth.Leeway, err = time.ParseDuration(get("TULKKI_JWT_LEEWAY", DefaultJWTLeeway.String())); err != nil ||
		cfg.Auth.Leeway < 0 || cfg.Auth.Leeway > MaxJWTLeeway {
		return Config{}, fmt.Errorf("TULKKI_JWT_LEEWAY: %q is not a duration between 0s and %s", get("TULKKI_JWT_LEEWAY", ""), MaxJWTLeeway)
	}
	cfg.TracingEndpoint = get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", get("OTEL_EXPORTER_OTLP_ENDPOINT", ""))
	if cfg.SlowRequest, err = time.ParseDuration(get("TULKKI_SLOW_REQUEST", "1s")); err != nil || cfg.SlowRequest <= 0 {
		return Config{}, fmt.Errorf("TULKKI_SLOW_REQUEST: %q is not a positive duration such as 1s", get("TULKKI_SLOW_REQUEST", ""))
	}
	if cfg.Introspection, err = strconv.ParseBool(get("TULKKI_INTROSPECTION", "false")); err != nil {
		return Config{}, fmt.Errorf("TULKKI_INTROSPECTION: %q is not true or false", get("TULKKI_INTROSPECTION", ""))
	}
	if cfg.DevLogin, err = strconv.ParseBool(get("TULKKI_DEV_LOGIN", "false")); err != nil {
		return Config{}, fmt.Errorf("TULKKI_DEV_LOGIN: %q is not true or false", get("TULKKI_DEV_LOGIN", ""))
	}
	durations := []struct {
		key string
		def time.Duration
		dst *time.Duration
	}{
		{"TULKKI_INTRODUCTION_TTL", DefaultIntroductionTTL, &cfg.Introductions.TTL},
		{"TULKKI_INTRODUCTION_DECLINE_COOLDOWN", DefaultIntroductionDeclineCooldown, &cfg.Introductions.DeclineCooldown},
	}
	for _, d := range durations {
		if *d.dst, err = time.ParseDuration(get(d.key, d.def.String())); err != nil || *d.dst <= 0 {
			return Config{}, fmt.Errorf("%s: %q is not a positive duration such as 336h", d.key, get(d.key, ""))
		}
	}
	if cfg.Introductions.MaxOpenPerTranslator, err = strconv.Atoi(get("TULKKI_INTRODUCTION_MAX_OPEN",
		strconv.Itoa(DefaultIntroductionMaxOpen))); err != nil || cfg.Introductions.MaxOpenPerTranslator < 1 {
		return Config{}, fmt.Errorf("TULKKI_INTRODUCTION_MAX_OPEN: %q is not a positive whole number", get("TULKKI_INTRODUCTION_MAX_OPEN", ""))
	}
	if err := checkJWKSLocation(cfg.Auth.JWKS); err != nil {
		return Config{}, fmt.Errorf("TULKKI_JWT_JWKS: %w", err)
	}
	return cfg, nil
}

// checkJWKSLocation accepts a file path, an https URL, or an http URL on a
// loopback host (a local identity provider).
func checkJWKSLocation(loc string) error {
	if !strings.Contains(loc, "://") {
		return nil
	}
	u, err := url.Parse(loc)
	if err != nil {
		return errors.New("not a valid URL")
	}
	switch {
	case u.Host == "":
		return fmt.Errorf("%q has no host", loc)
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && isLoopback(u.Hostname()):
		return nil
	case u.Scheme == "http":
		return fmt.Errorf("%q: use https (plain http is allowed only for localhost)", u.Redacted())
	default:
		return fmt.Errorf("%q: give a file path or an https URL", u.Redacted())
	}
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
