#!/usr/bin/env bash
# End-to-end tests of the web app in headless Chromium, against a server
# started the way `make run` starts one: migrate, seed the demo data, serve
# with the development login on. `make test` runs it after `go test`, inside
# scripts/with-neo4j.sh, so NEO4J_URI (and user / password) name the
# database; the demo data is seeded into it (idempotent) and the tests edit
# a demo profile there.
#
#   scripts/e2e.sh            # needs NEO4J_URI; screenshots go to screenshots/
#
# Installs Debian's chromium with apt-get when /usr/bin/chromium is missing
# (as root, or through sudo), and the test driver (playwright-core, from
# e2e/package-lock.json) with npm ci when e2e/node_modules is missing.
# Variables: CHROMIUM (browser binary), E2E_SCREENSHOTS (folder),
# E2E_KEEP_LOG=1 (print the server log also on success).
set -euo pipefail

repo_root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$repo_root"

if [[ -z "${NEO4J_URI:-}" ]]; then
	echo "e2e.sh: NEO4J_URI is not set; run it through 'make test' or scripts/with-neo4j.sh test -- scripts/e2e.sh" >&2
	exit 2
fi

chromium=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$chromium" ]]; then
	echo "::: e2e: installing chromium from the Debian packages"
	sudo=()
	if ((EUID != 0)); then
		sudo=(sudo)
	fi
	start=$SECONDS
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
	echo "::: e2e: chromium installed in $((SECONDS - start))s"
fi
"$chromium" --version

if [[ ! -d e2e/node_modules/playwright-core ]]; then
	echo "::: e2e: npm ci (playwright-core; no browser download)"
	(cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

echo "::: e2e: building the server"
go build -o bin/tulkki ./cmd/tulkki

workdir=$(mktemp -d "${TMPDIR:-/tmp}/tulkki-e2e.XXXXXX")
server_pid=""
# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
	local rc=$?
	trap - EXIT INT TERM HUP
	if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
		kill "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
	fi
	if ((rc != 0)) || [[ -n "${E2E_KEEP_LOG:-}" ]]; then
		echo "::: e2e: server log (last 40 lines)"
		tail -n 40 "$workdir/server.log" 2>/dev/null || true
	fi
	rm -rf "$workdir"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# A fresh secret for this run only; the development login mints with it.
TULKKI_JWT_HS256_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
export TULKKI_JWT_HS256_SECRET
export TULKKI_DEV_LOGIN=true
export TULKKI_INTROSPECTION=true
export TULKKI_LOG_LEVEL=${TULKKI_LOG_LEVEL:-warn}

echo "::: e2e: migrate and seed the demo data into $NEO4J_URI"
bin/tulkki migrate >/dev/null
bin/tulkki seed >/dev/null

# Port 0: the kernel picks a free port; serve prints the address once it
# listens (after migrating, so Neo4j is reachable by then).
TULKKI_ADDR=127.0.0.1:0 bin/tulkki serve >"$workdir/server.out" 2>"$workdir/server.log" &
server_pid=$!
base_url=""
for _ in $(seq 1 300); do
	if ! kill -0 "$server_pid" 2>/dev/null; then
		echo "e2e.sh: the server exited during start-up" >&2
		exit 1
	fi
	base_url=$(grep -o 'http://[0-9.]*:[0-9]*' "$workdir/server.out" | head -n 1 || true)
	if [[ -n "$base_url" ]]; then
		break
	fi
	sleep 0.1
done
if [[ -z "$base_url" ]]; then
	echo "e2e.sh: the server did not become ready within 30s" >&2
	exit 1
fi
echo "::: e2e: server ready at $base_url"

screenshots=${E2E_SCREENSHOTS:-$repo_root/screenshots}
mkdir -p "$screenshots"
rm -f "$screenshots"/*.png # only this run's pictures
start=$SECONDS
(cd e2e && E2E_BASE_URL="$base_url" E2E_SCREENSHOTS="$screenshots" CHROMIUM="$chromium" \
	node --test --test-concurrency=1 --test-reporter=spec tests/)
echo "::: e2e: passed in $((SECONDS - start))s; screenshots in $screenshots"
