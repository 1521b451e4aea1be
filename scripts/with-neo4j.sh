#!/usr/bin/env bash
# Run a command against a local Neo4j instance, e.g. (what `make test` does)
#
#   scripts/with-neo4j.sh test -- go test ./...
#
# When NEO4J_URI is set, the command simply runs against that database and no
# local instance is touched. Otherwise the instance (dev, test or bench, see
# scripts/neo4j.sh) is installed and started unless it already runs,
# NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD are exported for the command,
# and afterwards the instance is stopped again -- but only if this invocation
# started it, so a developer's already running instance is left alone. The
# instance is stopped also when the command fails or is interrupted; the exit
# status is the command's.
set -euo pipefail

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
neo4j="$script_dir/neo4j.sh"

usage() {
	echo "usage: scripts/with-neo4j.sh [dev|test|bench] -- COMMAND [ARG...]" >&2
	exit 2
}

instance="test"
if (($# > 0)) && [[ "$1" != "--" ]]; then
	instance=$1
	shift
fi
if (($# < 2)) || [[ "$1" != "--" ]]; then
	usage
fi
shift

case "$instance" in
dev | test | bench) ;;
*) usage ;;
esac

if [[ -n "${NEO4J_URI:-}" ]]; then
	echo "with-neo4j.sh: NEO4J_URI is set; using $NEO4J_URI instead of a local instance"
	exec "$@"
fi

started_here=""

# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
	local rc=$?
	trap - EXIT INT TERM HUP
	if [[ -n "$started_here" ]]; then
		if ! "$neo4j" stop "$instance"; then
			echo "with-neo4j.sh: could not stop the $instance instance" >&2
			((rc != 0)) || rc=1
		fi
	fi
	exit "$rc"
}
trap cleanup EXIT
# Turn signals into an ordinary exit so that cleanup runs (after the command,
# which gets a terminal's Ctrl-C itself, has ended).
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

if "$neo4j" status "$instance" >/dev/null; then
	echo "with-neo4j.sh: using the already running $instance instance (left running afterwards)"
else
	# Set before starting: if start is interrupted half-way, cleanup still
	# stops whatever it launched (stop is harmless when nothing runs).
	started_here=1
	"$neo4j" start "$instance"
fi

eval "$("$neo4j" env "$instance")"

set +e
"$@"
rc=$?
set -e
exit "$rc"
