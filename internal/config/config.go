// Package config reads Tulkki's settings from the environment. Every
// setting is documented in the README; defaults suit the local Neo4j that
// `make run` starts.
package config

import (
	"fmt"
	"log/slog"
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
}

// Config is the whole configuration of the service.
type Config struct {
	Neo4j    Neo4j
	Addr     string
	LogLevel slog.Level
	// QueryComplexityLimit caps the cost of one GraphQL operation.
	QueryComplexityLimit int
}

// Defaults for local development; the password matches scripts/neo4j.sh.
const (
	DefaultNeo4jURI      = "bolt://127.0.0.1:7687"
	DefaultNeo4jUser     = "neo4j"
	DefaultNeo4jPassword = "tulkki-local-password"
	DefaultAddr          = ":8080"
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
	}
	var err error
	if cfg.Neo4j.Timeout, err = time.ParseDuration(get("NEO4J_TIMEOUT", "5s")); err != nil || cfg.Neo4j.Timeout <= 0 {
		return Config{}, fmt.Errorf("NEO4J_TIMEOUT: %q is not a positive duration such as 5s", get("NEO4J_TIMEOUT", ""))
	}
	if err := cfg.LogLevel.UnmarshalText([]byte(get("TULKKI_LOG_LEVEL", "info"))); err != nil {
		return Config{}, fmt.Errorf("TULKKI_LOG_LEVEL: %w (use debug, info, warn or error)", err)
	}
	if cfg.QueryComplexityLimit, err = strconv.Atoi(get("TULKKI_COMPLEXITY_LIMIT", "2000")); err != nil || cfg.QueryComplexityLimit < 1 {
		return Config{}, fmt.Errorf("TULKKI_COMPLEXITY_LIMIT: %q is not a positive whole number", get("TULKKI_COMPLEXITY_LIMIT", ""))
	}
	return cfg, nil
}
