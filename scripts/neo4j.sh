#!/usr/bin/env bash
# Local Neo4j for Tulkki, without Docker and without neo4j.com downloads.
#
# Neo4j Community is published to Maven Central, so `install` fetches the
# server jars with Maven (scripts/neo4j/pom.xml names the version) and
# `start` runs the server as a plain `java` process. Everything lives under
# .tulkki/neo4j/ at the repository root (git-ignored):
#
#   .tulkki/neo4j/lib-<version>/      the jars, shared by all instances
#   .tulkki/neo4j/<instance>/         conf/ data/ logs/ run/ plugins/ import/
#
# Two instances exist so that tests never touch development data:
#   dev   Bolt port 7687 (default; what `make run` uses)
#   test  Bolt port 7688 (what `make test` uses)
#   bench Bolt port 7689 (what `make bench` uses: large generated graphs)
# Any other name (lower-case letters, digits, dashes) is an instance of its
# own; it needs NEO4J_BOLT_PORT (tests use such scratch instances).
#
# Usage: scripts/neo4j.sh COMMAND [INSTANCE]
#   install   fetch the jars (no-op when already complete)
#   start     install if needed, start the instance, wait until it is ready
#   stop      stop the instance this script started (SIGTERM, SIGKILL after 60 s)
#   status    say whether it runs (exit 0) or not (exit 3), with pid and port
#   env       print `export NEO4J_URI=... NEO4J_USERNAME=... NEO4J_PASSWORD=...`
#             lines; use as: eval "$(scripts/neo4j.sh env)"
#   reset     stop the instance and delete its data
#   import INSTANCE DIR
#             offline bulk load: stop the instance, replace its database
#             `neo4j` with the CSV files DIR/import.args names (written by
#             `tulkki generate --offline`) using `neo4j-admin database import
#             full`, and start it again (not with NEO4J_IMPORT_START=no).
#             Everything in that database is lost.
#
# Environment:
#   NEO4J_PASSWORD       password of user neo4j (default: tulkki-local-password,
#                        the same default internal/config uses). Neo4j takes it
#                        only when an instance's data is created; see `reset`.
#   NEO4J_BOLT_PORT      Bolt port (default 7687 for dev, 7688 for test)
#   NEO4J_HEAP           JVM heap (default 2g for dev, 1g for test, 4g for bench)
#   NEO4J_PAGECACHE      page cache (default 2g for dev, 1g for test, 4g for bench)
#   NEO4J_START_TIMEOUT  seconds `start` waits for readiness (default 120)
#   NEO4J_JAVA_OPTS      extra JVM options appended to the defaults
#   NEO4J_IMPORT_HEAP    JVM heap of `import` (default 1g; the importer works
#                        mostly off-heap)
#   NEO4J_IMPORT_MEMORY  the importer's --max-off-heap-memory (default: half
#                        of the memory Linux says is available, page cache
#                        included; elsewhere 50%, which neo4j-admin takes of
#                        the FREE memory: a few MiB on a machine whose memory
#                        is filled with cached files)
#   NEO4J_IMPORT_THREADS the importer's --threads (default: one per core)
#   NEO4J_IMPORT_START   `no`: `import` leaves the instance stopped
set -euo pipefail

# Resolve the repository root from this file's location so that the script
# works from any working directory (make, CI, a developer's shell).
script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
repo_root=$(cd -- "$script_dir/.." && pwd -P)
pom="$script_dir/neo4j/pom.xml"
state_dir="$repo_root/.tulkki/neo4j"

default_password="tulkki-local-password"
password="${NEO4J_PASSWORD:-$default_password}"
start_timeout="${NEO4J_START_TIMEOUT:-120}"
stop_timeout=60
# The class Neo4j's own launcher runs for Community edition; also used to
# recognise our process so that we never signal an unrelated pid.
main_class="org.neo4j.server.CommunityEntryPoint"

die() {
	printf 'neo4j.sh: %s\n' "$*" >&2
	exit 1
}

say() {
	printf 'neo4j.sh: %s\n' "$*"
}

# The version is kept in exactly one place, the pom.
neo4j_version() {
	local v
	v=$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$pom" | head -n 1)
	[[ -n "$v" ]] || die "cannot read <neo4j.version> from $pom"
	printf '%s\n' "$v"
}

lib_dir() {
	printf '%s/lib-%s\n' "$state_dir" "$(neo4j_version)"
}

# Written last by `install`; a download interrupted half-way has no marker
# and is redone from scratch.
marker_file() {
	printf '%s/.complete\n' "$(lib_dir)"
}

require_java() {
	command -v java >/dev/null 2>&1 ||
		die "java not found; Neo4j $(neo4j_version) needs Java 17 or 21 (e.g. apt-get install openjdk-17-jre-headless)"
	local line major
	line=$(java -version 2>&1 | head -n 1)
	# `openjdk version "17.0.15" ...` -> 17; `java version "1.8.0_x"` -> 1 (too old).
	major=$(printf '%s\n' "$line" | sed -n 's/.*version "\([0-9]*\).*/\1/p')
	[[ "$major" =~ ^[0-9]+$ ]] || die "cannot tell the Java version from: $line"
	((major >= 17)) || die "Java 17 or newer is needed, found: $line"
}

require_mvn() {
	command -v mvn >/dev/null 2>&1 ||
		die "mvn (Maven 3.6+) not found; it downloads Neo4j from Maven Central (e.g. apt-get install maven)"
}

cmd_install() {
	require_java
	local lib marker
	lib=$(lib_dir)
	marker=$(marker_file)
	if [[ -f "$marker" ]]; then
		return 0
	fi
	require_mvn
	say "downloading Neo4j $(neo4j_version) jars from Maven Central into ${lib#"$repo_root"/} ..."
	mkdir -p "$state_dir"
	# Download into a scratch folder and rename it at the end, so that the
	# real folder is either absent or complete.
	local partial="$lib.partial"
	rm -rf -- "$partial" "$lib"
	# Maven's output goes to a file and is shown only on failure (-q would be
	# the obvious choice, but Maven 3.8 then still prints stray ANSI codes).
	local mvn_log="$state_dir/install.log"
	if ! mvn -B -ntp -Dstyle.color=never -f "$pom" \
		dependency:copy-dependencies \
		-DincludeScope=runtime -DoutputDirectory="$partial" >"$mvn_log" 2>&1; then
		tail -n 60 -- "$mvn_log" >&2
		rm -rf -- "$partial"
		die "Maven could not fetch the Neo4j jars (output above; all of it in ${mvn_log#"$repo_root"/})"
	fi
	compgen -G "$partial/neo4j-$(neo4j_version).jar" >/dev/null ||
		die "Maven finished but $partial has no neo4j-$(neo4j_version).jar"
	date -u +%Y-%m-%dT%H:%M:%SZ >"$partial/.complete"
	mv -- "$partial" "$lib"
	say "installed $(find "$lib" -name '*.jar' | wc -l | tr -d ' ') jars"
}

# --- instances ---------------------------------------------------------------

instance="dev"
home=""

select_instance() {
	instance="${1:-dev}"
	case "$instance" in
	dev | test | bench) ;;
	*)
		[[ "$instance" =~ ^[a-z][a-z0-9-]{0,39}$ ]] ||
			die "bad instance name '$instance' (dev, test, bench, or lower-case letters, digits and dashes)"
		[[ -n "${NEO4J_BOLT_PORT:-}" ]] ||
			die "instance '$instance' has no default port: set NEO4J_BOLT_PORT"
		;;
	esac
	home="$state_dir/$instance"
}

pid_file() { printf '%s/run/neo4j.pid\n' "$home"; }
conf_file() { printf '%s/conf/neo4j.conf\n' "$home"; }

default_port() {
	case "$instance" in
	dev) echo 7687 ;;
	test) echo 7688 ;;
	bench) echo 7689 ;;
	*) echo "$NEO4J_BOLT_PORT" ;;
	esac
}

# Sets heap and pagecache for the instance.
instance_memory() {
	case "$instance" in
	dev) heap="${NEO4J_HEAP:-2g}" pagecache="${NEO4J_PAGECACHE:-2g}" ;;
	test) heap="${NEO4J_HEAP:-1g}" pagecache="${NEO4J_PAGECACHE:-1g}" ;;
	bench) heap="${NEO4J_HEAP:-4g}" pagecache="${NEO4J_PAGECACHE:-4g}" ;;
	*) heap="${NEO4J_HEAP:-1g}" pagecache="${NEO4J_PAGECACHE:-512m}" ;;
	esac
}

# The port the instance uses: NEO4J_BOLT_PORT if given; otherwise, for a
# running instance, the port it was started with; otherwise the default.
current_port() {
	if [[ -n "${NEO4J_BOLT_PORT:-}" ]]; then
		echo "$NEO4J_BOLT_PORT"
		return
	fi
	local p=""
	if running_pid >/dev/null && [[ -f "$(conf_file)" ]]; then
		p=$(sed -n 's/^server\.bolt\.listen_address=.*:\([0-9]*\)$/\1/p' "$(conf_file)" | head -n 1)
	fi
	echo "${p:-$(default_port)}"
}

# True when pid $1 is alive and is the Neo4j of this instance. Checking the
# command line (not just `kill -0`) guards against a recycled pid, and also
# treats a zombie (left when nobody reaps the dead java) as dead.
is_our_neo4j() {
	local args
	# -ww: never truncate; the main class comes after a long list of options.
	args=$(ps -ww -o args= -p "$1" 2>/dev/null) || return 1
	[[ "$args" == *"$main_class"* && "$args" == *"--home-dir=$home "* ]]
}

# Prints the pid of the running instance; fails when it is not running.
running_pid() {
	local pf pid
	pf=$(pid_file)
	[[ -f "$pf" ]] || return 1
	pid=$(tr -dc '0-9' <"$pf")
	[[ -n "$pid" ]] && is_our_neo4j "$pid" || return 1
	echo "$pid"
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_answers() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

sha256() {
	if command -v sha256sum >/dev/null 2>&1; then
		sha256sum | cut -d ' ' -f 1
	else
		shasum -a 256 | cut -d ' ' -f 1
	fi
}

write_conf() {
	local port=$1 heap=$2 pagecache=$3
	# Regenerated on every start so that changes here (or to the env vars)
	# take effect; edits made by hand to the file are overwritten.
	cat >"$(conf_file)" <<EOF
# Generated by scripts/neo4j.sh on every start; edit that script instead.
# Instance: $instance, Neo4j $(neo4j_version)

# Only reachable from this machine.
server.default_listen_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$port
server.bolt.advertised_address=127.0.0.1:$port
server.bolt.tls_level=DISABLED
# Tulkki only talks Bolt; HTTP would also claim ports 7474/7473, which would
# collide between the dev and test instances.
server.http.enabled=false
server.https.enabled=false

# The JVM heap is set by neo4j.sh with -Xms/-Xmx; repeated here so that
# Neo4j's memory checks see the same numbers.
server.memory.heap.initial_size=$heap
server.memory.heap.max_size=$heap
server.memory.pagecache.size=$pagecache

dbms.usage_report.enabled=false
dbms.security.auth_enabled=true
# Keep only the newest transaction log file so that a local instance does
# not grow without bound (no point-in-time recovery needed here).
db.tx_log.rotation.retention_policy=1 files

server.directories.data=$home/data
server.directories.logs=$home/logs
server.directories.plugins=$home/plugins
server.directories.run=$home/run
server.directories.import=$home/import
EOF
}

# Shows why a start failed. neo4j.log is appended to across restarts, so
# only what this start wrote to it (from byte offset $1) is shown; the JVM's
# own errors (bad options, no memory) are only in console.log.
print_log_tails() {
	local offset=$1 rel
	rel="${home#"$repo_root"/}/logs"
	printf '\n----- last 40 lines of %s/neo4j.log written by this start -----\n' "$rel" >&2
	if [[ -s "$home/logs/neo4j.log" ]] && (($(wc -c <"$home/logs/neo4j.log") > offset)); then
		tail -c "+$((offset + 1))" -- "$home/logs/neo4j.log" | tail -n 40 >&2
	else
		printf '(nothing)\n' >&2
	fi
	printf '\n----- last 40 lines of %s/console.log -----\n' "$rel" >&2
	tail -n 40 -- "$home/logs/console.log" >&2 2>/dev/null || printf '(missing)\n' >&2
	printf -- '-----\n' >&2
}

# Sends SIGTERM, waits up to $stop_timeout seconds, then SIGKILL.
terminate() {
	local pid=$1 i
	kill -TERM "$pid" 2>/dev/null || return 0
	for ((i = 0; i < stop_timeout * 4; i++)); do
		is_our_neo4j "$pid" || return 0
		sleep 0.25
	done
	say "Neo4j ($instance, pid $pid) did not stop within ${stop_timeout}s; sending SIGKILL"
	kill -KILL "$pid" 2>/dev/null || true
	for ((i = 0; i < 40; i++)); do
		is_our_neo4j "$pid" || return 0
		sleep 0.25
	done
	die "pid $pid survived SIGKILL"
}

# Set the password of user neo4j before the instance's first start. Neo4j
# reads data/dbms/auth.ini only when it creates the system database, so once
# that exists a different NEO4J_PASSWORD cannot take effect; we remember a
# hash of the password the data was created with to say so clearly instead
# of letting every client fail with "unauthorized".
ensure_password() {
	local lib=$1
	local hash_file="$home/data/tulkki-password.sha256"
	local want
	want=$(printf '%s' "$password" | sha256)
	if [[ -f "$home/data/dbms/auth.ini" || -d "$home/data/databases/system" ]]; then
		if [[ -f "$hash_file" ]] && [[ "$(cat "$hash_file")" != "$want" ]]; then
			local which="the default password ($default_password)"
			[[ -n "${NEO4J_PASSWORD:-}" ]] && which="NEO4J_PASSWORD from your environment"
			die "the $instance instance's data was created with another password than $which.
  Neo4j keeps the password it was first given. Either set NEO4J_PASSWORD to that one, or
  wipe the instance with: scripts/neo4j.sh reset $instance
  (If you changed the password inside Neo4j on purpose, delete
  ${hash_file#"$repo_root"/} to skip this check.)"
		fi
		return 0
	fi
	((${#password} >= 8)) || die "NEO4J_PASSWORD must be at least 8 characters (Neo4j's minimum)"
	local out
	if ! out=$(NEO4J_HOME="$home" NEO4J_CONF="$home/conf" \
		java -cp "$lib/*" org.neo4j.cli.AdminTool dbms set-initial-password "$password" 2>&1); then
		printf '%s\n' "$out" >&2
		die "could not set the initial password"
	fi
	printf '%s\n' "$want" >"$hash_file"
}

cmd_start() {
	cmd_install
	local lib pid port heap pagecache
	lib=$(lib_dir)
	mkdir -p "$home"/{conf,data,logs,run,plugins,import}

	if pid=$(running_pid); then
		port=$(current_port)
		say "$instance instance already running (pid $pid, bolt://127.0.0.1:$port)"
		# It may still be starting (an earlier start was interrupted, or runs
		# concurrently); return only once Bolt answers, as a fresh start does.
		local waited=$SECONDS
		until port_answers "$port"; do
			is_our_neo4j "$pid" || die "Neo4j ($instance, pid $pid) exited; see ${home#"$repo_root"/}/logs/"
			((SECONDS - waited < start_timeout)) ||
				die "Neo4j ($instance, pid $pid) runs but Bolt on port $port did not answer within ${start_timeout}s"
			sleep 0.25
		done
		return 0
	fi
	rm -f -- "$(pid_file)" # stale: its process is gone or is not ours

	port="${NEO4J_BOLT_PORT:-$(default_port)}"
	if ! [[ "$port" =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
		die "bad NEO4J_BOLT_PORT '$port'"
	fi
	if port_answers "$port"; then
		local owner=""
		if command -v ss >/dev/null 2>&1; then
			owner=$(ss -Hltnp "sport = :$port" 2>/dev/null || true)
		fi
		die "port $port is already in use by another process, so the $instance instance cannot start.${owner:+
  $owner}
  Stop that process, or choose another port with NEO4J_BOLT_PORT=... (then also use
  scripts/neo4j.sh env $instance with the same NEO4J_BOLT_PORT).
  A Neo4j whose pid file was lost shows up in: pgrep -af $main_class"
	fi

	instance_memory

	write_conf "$port" "$heap" "$pagecache"
	ensure_password "$lib"

	# The JVM options Neo4j's own launcher (bin/neo4j) passes, plus the heap.
	local -a java_opts=(
		"-Xms$heap" "-Xmx$heap"
		-XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+AlwaysPreTouch
		-XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields
		-XX:+DisableExplicitGC -XX:+ExitOnOutOfMemoryError
		-Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true
		-Djdk.tls.ephemeralDHKeySize=2048 -Djdk.tls.rejectClientInitiatedRenegotiation=true
		-XX:FlightRecorderOptions=stackdepth=256
		-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints
		--add-opens=java.base/java.nio=ALL-UNNAMED
		--add-opens=java.base/java.io=ALL-UNNAMED
		--add-opens=java.base/sun.nio.ch=ALL-UNNAMED
		--enable-native-access=ALL-UNNAMED
		-Dlog4j2.disable.jmx=true -Dfile.encoding=UTF-8
		# A JVM crash report goes next to the other logs, not into the cwd.
		"-XX:ErrorFile=$home/logs/hs_err_pid%p.log"
	)
	if [[ -n "${NEO4J_JAVA_OPTS:-}" ]]; then
		local -a extra
		read -r -a extra <<<"$NEO4J_JAVA_OPTS"
		java_opts+=("${extra[@]}")
	fi

	# "Started." must appear in the part of neo4j.log written by this run;
	# the file is appended to across restarts.
	local log="$home/logs/neo4j.log" log_offset=0
	[[ -f "$log" ]] && log_offset=$(wc -c <"$log" | tr -d ' ')

	# Launch detached: setsid gives Neo4j its own session, so a Ctrl-C in the
	# terminal (e.g. ending `make run`) or closing it does not stop Neo4j.
	# Without setsid (macOS) ignoring INT/HUP has the same effect; the JVM
	# keeps signals it inherits as ignored. The outer subshell exits at once,
	# so the java process is not our child and we need not reap it.
	local -a detach=()
	command -v setsid >/dev/null 2>&1 && detach=(setsid)
	(
		cd -- "$home"
		trap '' INT HUP
		${detach[@]+"${detach[@]}"} java "${java_opts[@]}" -cp "$lib/*" "$main_class" \
			--home-dir="$home" --config-dir="$home/conf" \
			</dev/null >"$home/logs/console.log" 2>&1 &
		echo $! >"$(pid_file)"
	)
	pid=$(cat "$(pid_file)")
	say "starting $instance instance (pid $pid, bolt://127.0.0.1:$port, heap $heap, page cache $pagecache) ..."

	# Ready means both: the Bolt port accepts connections AND neo4j.log says
	# "Started." (logged once the default database is online). The port alone
	# is not enough in general: Bolt listens before all databases are up.
	local start_s=$SECONDS seen_port="" seen_started=""
	while :; do
		# (Before setsid execs java, ps shows "setsid java ...", which passes too.)
		if ! is_our_neo4j "$pid"; then
			rm -f -- "$(pid_file)"
			print_log_tails "$log_offset"
			die "Neo4j ($instance) exited during start-up; see the logs above"
		fi
		if [[ -z "$seen_port" ]] && port_answers "$port"; then
			seen_port=$((SECONDS - start_s))
		fi
		if [[ -z "$seen_started" ]] && [[ -f "$log" ]] &&
			tail -c "+$((log_offset + 1))" -- "$log" | grep -q 'Started\.$'; then
			seen_started=$((SECONDS - start_s))
		fi
		if [[ -n "$seen_port" && -n "$seen_started" ]]; then
			break
		fi
		if ((SECONDS - start_s >= start_timeout)); then
			print_log_tails "$log_offset"
			say "Neo4j ($instance) was not ready after ${start_timeout}s (NEO4J_START_TIMEOUT); stopping it"
			terminate "$pid"
			rm -f -- "$(pid_file)"
			exit 1
		fi
		sleep 0.25
	done
	say "$instance instance ready after $((SECONDS - start_s))s: bolt://127.0.0.1:$port (user neo4j)"
	[[ -n "${NEO4J_DEBUG_READY:-}" ]] && say "(port answered after ${seen_port}s, \"Started.\" after ${seen_started}s)"
	return 0
}

cmd_stop() {
	local pid
	if ! pid=$(running_pid); then
		rm -f -- "$(pid_file)"
		say "$instance instance is not running"
		return 0
	fi
	say "stopping $instance instance (pid $pid) ..."
	terminate "$pid"
	rm -f -- "$(pid_file)"
	say "$instance instance stopped"
}

cmd_status() {
	local pid port
	port=$(current_port)
	if pid=$(running_pid); then
		local bolt="answering"
		port_answers "$port" || bolt="not answering yet"
		say "$instance instance running: pid $pid, bolt://127.0.0.1:$port ($bolt)"
		return 0
	fi
	say "$instance instance not running (port $port)"
	return 3
}

cmd_env() {
	printf 'export NEO4J_URI=%q\n' "bolt://127.0.0.1:$(current_port)"
	printf 'export NEO4J_USERNAME=neo4j\n'
	printf 'export NEO4J_PASSWORD=%q\n' "$password"
}

cmd_reset() {
	cmd_stop
	rm -rf -- "$home/data"
	say "deleted the $instance instance's data; the next start creates it afresh"
}

# Offline bulk load into the instance's database `neo4j` (see the usage).
cmd_import() {
	local dir=$1 args_file lib port heap pagecache
	[[ -d "$dir" ]] || die "import: no directory $dir"
	dir=$(cd -- "$dir" && pwd -P)
	args_file="$dir/import.args"
	[[ -f "$args_file" ]] || die "import: $args_file is missing (tulkki generate --offline writes it)"
	cmd_install
	lib=$(lib_dir)
	# The port it runs on now (read before stopping it), so that it comes
	# back on the same one.
	port=$(current_port)
	cmd_stop
	mkdir -p "$home"/{conf,data,logs,run,plugins,import}
	instance_memory
	write_conf "$port" "$heap" "$pagecache"
	ensure_password "$lib"
	local start_s=$SECONDS
	local memory=${NEO4J_IMPORT_MEMORY:-}
	if [[ -z "$memory" ]]; then
		memory=50%
		local avail_kb
		avail_kb=$(sed -n 's/^MemAvailable: *\([0-9]*\) kB$/\1/p' /proc/meminfo 2>/dev/null || true)
		[[ -n "$avail_kb" ]] && memory="$((avail_kb / 2 / 1024))m"
	fi
	say "importing ${dir#"$repo_root"/} into the $instance instance (neo4j-admin database import full, off-heap memory $memory) ..."
	local -a threads=()
	[[ -n "${NEO4J_IMPORT_THREADS:-}" ]] && threads=("--threads=$NEO4J_IMPORT_THREADS")
	# The importer prints its own progress (a line of dots per stage, with
	# per cent and time); it goes straight to our output.
	if ! (cd -- "$dir" && NEO4J_HOME="$home" NEO4J_CONF="$home/conf" \
		java "-Xmx${NEO4J_IMPORT_HEAP:-1g}" -cp "$lib/*" org.neo4j.cli.AdminTool database import full \
		--overwrite-destination --report-file="$home/logs/import.report" \
		--max-off-heap-memory="$memory" ${threads[@]+"${threads[@]}"} neo4j "@$args_file"); then
		die "neo4j-admin import failed (its report: ${home#"$repo_root"/}/logs/import.report); the $instance instance is left stopped"
	fi
	say "imported in $((SECONDS - start_s))s"
	if [[ "${NEO4J_IMPORT_START:-yes}" == no ]]; then
		say "$instance instance left stopped (NEO4J_IMPORT_START=no)"
		return 0
	fi
	NEO4J_BOLT_PORT=$port cmd_start
}

usage() {
	sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
}

main() {
	local cmd="${1:-}"
	(($# > 0)) && shift
	case "$cmd" in
	install)
		(($# == 0)) || die "install takes no instance"
		cmd_install
		say "Neo4j $(neo4j_version) is installed in $(lib_dir)"
		;;
	start | stop | status | env | reset)
		(($# <= 1)) || die "$cmd takes at most one argument (dev, test, bench or another instance)"
		select_instance "${1:-dev}"
		"cmd_$cmd"
		;;
	import)
		(($# == 2)) || die "usage: scripts/neo4j.sh import INSTANCE DIR"
		select_instance "$1"
		cmd_import "$2"
		;;
	-h | --help | help) usage ;;
	*)
		usage >&2
		exit 2
		;;
	esac
}

main "$@"
