# Tulkki developer tasks. `make` (or `make help`) lists them.
#
# Neo4j: unless NEO4J_URI is set, `make run` and `make test` use a local
# Neo4j Community server that scripts/neo4j.sh downloads from Maven Central
# (needs Java 17+ and Maven) and keeps under .tulkki/: the "dev" instance on
# Bolt port 7687 for `make run`, the "test" instance on 7688 for `make test`.
# With NEO4J_URI (plus NEO4J_USERNAME / NEO4J_PASSWORD) set, both use that
# database instead and no local instance is touched.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

GO ?= go
BIN := bin/tulkki
# Extra flags for `go test`, e.g. make test GOTESTFLAGS='-count=1 -run TestPeople -v'.
# The graph package's API tests take minutes on a busy 2-core machine, longer
# than go test's default 10-minute timeout; a hang still fails, later.
GOTESTFLAGS ?= -count=1 -timeout 30m

.PHONY: help run token bench bench-peer build test e2e web graphiql check-web vet fmt generate check-generate clean clean-neo4j \
	neo4j-install neo4j-start neo4j-stop neo4j-status neo4j-test-start neo4j-test-stop

help: ## list the targets
	@echo "Usage: make TARGET"
	@echo
	@grep -E '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "} {printf "  %-18s %s\n", $$1, $$2}'
	@echo
	@echo "Set NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD) to use an existing Neo4j."

run: build ## start local Neo4j (dev) unless NEO4J_URI is set, then migrate, seed and serve
	@if [[ -z "$${NEO4J_URI:-}" ]]; then \
		scripts/neo4j.sh start dev; \
		eval "$$(scripts/neo4j.sh env dev)"; \
		echo "Note: Neo4j (dev) keeps running after you stop the server; stop it with: make neo4j-stop"; \
	else \
		echo "Using Neo4j at $$NEO4J_URI"; \
	fi; \
	if [[ -z "$${TULKKI_JWT_HS256_SECRET:-}" ]]; then \
		TULKKI_JWT_HS256_SECRET=$$(scripts/dev-secret.sh); export TULKKI_JWT_HS256_SECRET; \
		echo "Tokens: local development secret in .tulkki/dev-jwt-secret; mint one with e.g." \
			"make token ARGS='--sub person-aino-virtanen --roles PROFESSIONAL'"; \
	fi; \
	$(BIN) migrate; \
	$(BIN) seed; \
	TULKKI_DEV_LOGIN=$${TULKKI_DEV_LOGIN:-true}; export TULKKI_DEV_LOGIN; \
	TULKKI_INTROSPECTION=$${TULKKI_INTROSPECTION:-true}; export TULKKI_INTROSPECTION; \
	echo "Development sign-in (/signin): TULKKI_DEV_LOGIN=$$TULKKI_DEV_LOGIN; GraphiQL and introspection: TULKKI_INTROSPECTION=$$TULKKI_INTROSPECTION; never enable the sign-in in production"; \
	exec $(BIN) serve

# On the local instance, sizes from 200k people (--offline-from) are loaded
# with neo4j-admin's offline importer (docs/deploy.md), which replaces the
# bench instance's whole database; with NEO4J_URI set, always transactions.
bench: build ## time translators on 10k and 100k generated people (own Neo4j instance 'bench'; BENCH_ARGS to tune)
	offline=(); [[ -n "$${NEO4J_URI:-}" ]] || offline=(--offline bench); \
	scripts/with-neo4j.sh bench -- $(BIN) bench "$${offline[@]}" $(BENCH_ARGS)

bench-peer: build ## Tulkki's read path side by side with @neo4j/graphql on 20k generated people (needs Node 20+ and npm; own Neo4j 'bench'; BENCH_PEER_ARGS to tune)
	scripts/with-neo4j.sh bench -- $(BIN) bench-peer $(BENCH_PEER_ARGS)

token: build ## mint a development token: make token ARGS='--sub person-aino-virtanen --roles PROFESSIONAL'
	@if [[ -z "$${TULKKI_JWT_HS256_SECRET:-}" ]]; then \
		TULKKI_JWT_HS256_SECRET=$$(scripts/dev-secret.sh); export TULKKI_JWT_HS256_SECRET; \
	fi; \
	$(BIN) token $(ARGS)

build: ## build the server binary into bin/tulkki
	$(GO) build -o $(BIN) ./cmd/tulkki

test: ## go vet + go test, then the browser tests (scripts/e2e.sh), against the local test Neo4j or NEO4J_URI
	scripts/with-neo4j.sh test -- bash -c '$(GO) vet ./... && $(GO) test $(GOTESTFLAGS) ./... && scripts/e2e.sh'

e2e: ## only the web app's browser tests (headless Chromium; installs it when missing), screenshots in screenshots/
	scripts/with-neo4j.sh test -- scripts/e2e.sh

web: ## rebuild the web app (web/) into internal/webui/dist, which is committed
	cd web && npm ci --no-audit --no-fund && npm run build

graphiql: ## copy GraphiQL (web/graphiql, npm) into internal/httpapi/graphiql, which is committed
	cd web/graphiql && npm ci --no-audit --no-fund && node copy.mjs

check-web: web graphiql ## fail if the committed web app or GraphiQL files differ from fresh ones
	@if [[ -n "$$(git status --porcelain -- internal/webui/dist/ internal/httpapi/graphiql/)" ]]; then \
		echo "The built web app or GraphiQL is out of date or uncommitted; run 'make web graphiql' and commit:" >&2; \
		git status --porcelain -- internal/webui/dist/ internal/httpapi/graphiql/ >&2; \
		exit 1; \
	fi

vet: ## go vet
	$(GO) vet ./...

fmt: ## gofmt all Go files
	$(GO) fmt ./...

generate: ## regenerate GraphQL code with gqlgen
	$(GO) run ./tools/gqlgen

check-generate: generate ## fail if generated code in graph/ or schema/ differs from what is committed
	@if [[ -n "$$(git status --porcelain -- graph/ schema/)" ]]; then \
		echo "Generated code is out of date or uncommitted; run 'make generate' and commit:" >&2; \
		git status --porcelain -- graph/ schema/ >&2; \
		exit 1; \
	fi

clean: ## remove bin/
	rm -rf bin/

clean-neo4j: ## stop both local Neo4j instances and delete .tulkki/ (jars and data)
	scripts/neo4j.sh stop dev
	scripts/neo4j.sh stop test
	rm -rf .tulkki/

neo4j-install: ## download Neo4j jars from Maven Central (once)
	scripts/neo4j.sh install

neo4j-start: ## start the dev Neo4j (bolt://127.0.0.1:7687)
	scripts/neo4j.sh start dev

neo4j-stop: ## stop the dev Neo4j
	scripts/neo4j.sh stop dev

neo4j-status: ## show whether the dev and test Neo4j instances run
	@scripts/neo4j.sh status dev || true
	@scripts/neo4j.sh status test || true

neo4j-test-start: ## start the test Neo4j (bolt://127.0.0.1:7688)
	scripts/neo4j.sh start test

neo4j-test-stop: ## stop the test Neo4j
	scripts/neo4j.sh stop test
