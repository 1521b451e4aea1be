package config

import (
	"log/slog"
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
				if c.Neo4j.URI != DefaultNeo4jURI || c.Addr != ":8080" || c.Neo4j.Timeout != 5*time.Second || c.LogLevel != slog.LevelInfo {
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
		{name: "bad log level", env: map[string]string{"TULKKI_LOG_LEVEL": "loud"}, wantErr: true},
		{name: "bad timeout", env: map[string]string{"NEO4J_TIMEOUT": "soon"}, wantErr: true},
		{name: "negative timeout", env: map[string]string{"NEO4J_TIMEOUT": "-1s"}, wantErr: true},
		{name: "bad complexity", env: map[string]string{"TULKKI_COMPLEXITY_LIMIT": "0"}, wantErr: true},
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
