#!/usr/bin/env bash
# bin/tools/bench.sh: `bin/mailroom bench`, the same load on Mailroom and on Debian's Dovecot.
#
# It builds the load driver (bench/) when stale, prepares each target (accounts, the processes to
# meter, the Sieve hook; for Dovecot its own instance, see dovecot.sh), runs the driver against
# it, and prints the report with the ratio column. Everything it writes is under
# $MAILROOM_HOME/bench/. Ctrl-C stops what it started (the driver, Dovecot) and exits 130.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${MAILROOM_HOME:-$ROOT/.mailroom}"
RUN="$STATE/run"
LOGS="$STATE/logs"
BENCH="$STATE/bench"
JAR="${MAILROOM_BENCH_JAR:-$ROOT/bench/target/mailroom-bench.jar}"
# The default tiered compiler: C1-only code doubles the driver's CPU on POP3's and LMTP's byte
# loops at Dovecot's rate (bench/README.md has the figures).
DRIVER_JAVA_OPTS="${MAILROOM_BENCH_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC}"
LMTP_DOMAIN=mailroom.test

# The suite's ports, as bin/mailroom has them.
STORE_HTTP_PORT="${MAILROOM_STORE_HTTP_PORT:-8080}"
IMAP_HTTP_PORT="${MAILROOM_IMAP_HTTP_PORT:-8081}"
POP3_HTTP_PORT="${MAILROOM_POP3_HTTP_PORT:-8082}"
FILTER_HTTP_PORT="${MAILROOM_FILTER_HTTP_PORT:-8083}"
IMAP_PORT="${MAILROOM_IMAP_PORT:-1143}"
POP3_PORT="${MAILROOM_POP3_PORT:-1110}"
LMTP_PORT="${MAILROOM_LMTP_PORT:-2424}"

WORKLOADS_KNOWN=(imap-steady imap-login append pop3 lmtp idle)

say() { printf '%s\n' "$*"; }
err() { printf 'bench: %s\n' "$*" >&2; }
fail() {
  err "$*"
  exit 1
}
usage_error() {
  err "$*"
  exit 2
}

# shellcheck source=bin/tools/dovecot.sh
source "$ROOT/bin/tools/dovecot.sh"

usage() {
  cat <<'EOF'
Usage: bin/mailroom bench [--target mailroom|dovecot|both] [--workloads a,b,...] [--secs N]
                          [--clients N] [--idle-sessions N] [--profile] [--smoke]

Runs the same load against Mailroom (the suite `bin/mailroom up` started) and/or Debian's
Dovecot 2.3 (installed if missing, run with its own config under .mailroom/bench/dovecot/),
and prints throughput, latency, CPU per operation and memory, with Mailroom / Dovecot ratios.

  --target T          mailroom (default), dovecot, or both (one after the other)
  --workloads LIST    comma-separated, default all: imap-steady imap-login append pop3 lmtp idle
  --secs N            measuring window of each workload (default 30)
  --clients N         concurrent clients (default 50)
  --idle-sessions N   sessions of the idle workload (default 2000)
  --profile           Mailroom: a JFR recording in each service, its top frames printed
  --smoke             every workload for 5 s with 4 clients and 100 idle sessions: only the
                      correctness checks matter (exit status 1 when one fails)

Output: .mailroom/bench/{mailroom,dovecot}.json, report.json and report.html.
Variables: MAILROOM_BENCH_DOVECOT_IMAP_PORT (31143), MAILROOM_BENCH_DOVECOT_POP3_PORT (31110),
MAILROOM_BENCH_DOVECOT_LMTP_PORT (31024), MAILROOM_BENCH_JAVA_OPTS (the driver's JVM flags).
EOF
}

# ------------------------------------------------------------------ arguments

TARGET=mailroom
WORKLOADS=all
SECS=30
CLIENTS=50
IDLE_SESSIONS=2000
PROFILE=0
SMOKE=0

positive() { # option value
  [[ "$2" =~ ^[0-9]+$ ]] && (($2 > 0)) || usage_error "$1 needs a positive whole number, not '$2'"
}

parse_args() {
  local set_secs="" set_clients="" set_idle=""
  while (($#)); do
    local option="$1" value=""
    case "$option" in
      -h | --help)
        usage
        exit 0
        ;;
      --profile) PROFILE=1 ;;
      --smoke) SMOKE=1 ;;
      --target | --workloads | --secs | --clients | --idle-sessions)
        (($# >= 2)) || usage_error "$option needs a value"
        value="$2"
        shift
        case "$option" in
          --target)
            case "$value" in
              mailroom | dovecot | both) TARGET="$value" ;;
              *) usage_error "unknown target '$value' (one of: mailroom dovecot both)" ;;
            esac
            ;;
          --workloads)
            local w names
            [[ -n "$value" ]] || usage_error "--workloads needs a list (one or more of: ${WORKLOADS_KNOWN[*]})"
            if [[ "$value" != all ]]; then
              [[ "$value" != *, && "$value" != ,* && "$value" != *,,* ]] ||
                usage_error "--workloads '$value' has an empty name (one or more of: ${WORKLOADS_KNOWN[*]})"
              IFS=, read -r -a names <<<"$value"
              for w in "${names[@]}"; do
                [[ " ${WORKLOADS_KNOWN[*]} " == *" $w "* ]] ||
                  usage_error "unknown workload '$w' (one of: ${WORKLOADS_KNOWN[*]})"
              done
            fi
            WORKLOADS="$value"
            ;;
          --secs) positive "$option" "$value" && set_secs="$value" ;;
          --clients) positive "$option" "$value" && set_clients="$value" ;;
          --idle-sessions) positive "$option" "$value" && set_idle="$value" ;;
        esac
        ;;
      *) usage_error "unknown argument '$option' (bin/mailroom bench --help lists them)" ;;
    esac
    shift
  done
  if ((SMOKE)); then
    SECS=5 CLIENTS=4 IDLE_SESSIONS=100
  fi
  # Explicit values win over --smoke's.
  SECS="${set_secs:-$SECS}"
  CLIENTS="${set_clients:-$CLIENTS}"
  IDLE_SESSIONS="${set_idle:-$IDLE_SESSIONS}"
  if ((PROFILE)) && [[ "$TARGET" == dovecot ]]; then
    usage_error "--profile records the Mailroom services' JVMs: use it with --target mailroom or both"
  fi
}

# ------------------------------------------------------------------ cleanup

DRIVER_PID=""
DOVECOT_STARTED=0
CHECKS_FAILED=0
JFR_PIDS=()

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n "$DRIVER_PID" ]] && kill -0 "$DRIVER_PID" 2>/dev/null; then
    err "stopping the load driver (pid $DRIVER_PID)"
    stop_tree "$DRIVER_PID"
  fi
  local pid
  for pid in "${JFR_PIDS[@]}"; do
    jcmd "$pid" JFR.stop name=bench >/dev/null 2>&1 || true
  done
  if ((DOVECOT_STARTED)); then
    dovecot_stop >&2 || true
  fi
  exit "$status"
}

interrupted() {
  printf '\n' >&2
  err "interrupted: stopping what this run started"
  exit 130
}

# ------------------------------------------------------------------ the driver

build_driver() {
  if [[ -n "${MAILROOM_BENCH_JAR:-}" ]]; then
    [[ -f "$JAR" ]] || fail "driver: MAILROOM_BENCH_JAR=$JAR does not exist"
    return 0
  fi
  [[ -f "$ROOT/bench/pom.xml" ]] || fail "driver: $ROOT/bench/pom.xml is missing; this checkout has no load driver"
  if [[ -f "$JAR" ]] &&
    [[ -z "$(find "$ROOT/bench/src/main" "$ROOT/bench/pom.xml" "$ROOT/pom.xml" -newer "$JAR" -type f -print -quit 2>/dev/null)" ]]; then
    return 0
  fi
  say "building the load driver (bench/)"
  mkdir -p "$LOGS"
  if ! (cd "$ROOT" && ./mvnw -B -q -f bench/pom.xml package -DskipTests -Dspotless.check.skip=true) >"$LOGS/bench-build.log" 2>&1; then
    tail -20 "$LOGS/bench-build.log" >&2
    fail "driver: ./mvnw -f bench/pom.xml package failed. The whole log: $LOGS/bench-build.log"
  fi
  [[ -f "$JAR" ]] || fail "driver: the build left no $JAR. The log: $LOGS/bench-build.log"
}

# The run uses its own copy of the jar: a rebuild of bench/ while it runs (another shell, an IDE)
# would replace the classes under the running driver, which then dies half-way.
DRIVER_JAR="$BENCH/mailroom-bench.jar"
snapshot_driver() {
  cp -f "$JAR" "$DRIVER_JAR.new" && mv -f "$DRIVER_JAR.new" "$DRIVER_JAR" ||
    fail "driver: could not copy $JAR to $DRIVER_JAR"
}

# ------------------------------------------------------------------ accounts

# One TSV for both targets: bench0001…, one shared random password (kept in bench/password).
# The driver takes accounts in order, as many as its largest workload needs: one per client
# (imap-steady, imap-login; pop3 and lmtp up to 20, append 4), one per 10 idle sessions.
account_count() {
  local n=4 idle=$(((IDLE_SESSIONS + 9) / 10))
  ((CLIENTS > n)) && n=$CLIENTS
  ((idle > n)) && n=$idle
  printf '%s\n' "${MAILROOM_BENCH_ACCOUNTS:-$n}"
}

bench_password() {
  local file="$BENCH/password"
  if [[ ! -s "$file" ]]; then
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | cut -c1-24 >"$file")
  fi
  cat "$file"
}

write_accounts() {
  mkdir -p "$BENCH"
  chmod 700 "$BENCH" 2>/dev/null || true
  local n password
  n="$(account_count)"
  password="$(bench_password)"
  ACCOUNTS="$BENCH/accounts.tsv"
  (umask 077 && for ((i = 1; i <= n; i++)); do printf 'bench%04d\t%s\n' "$i" "$password"; done >"$ACCOUNTS.new")
  mv -f "$ACCOUNTS.new" "$ACCOUNTS"
}

admin_token() {
  if [[ -n "${MAILROOM_ADMIN_TOKEN:-}" ]]; then
    printf '%s\n' "$MAILROOM_ADMIN_TOKEN"
  elif [[ -s "$STATE/secrets/admin-token" ]]; then
    cat "$STATE/secrets/admin-token"
  else
    fail "mailroom: no admin token in $STATE/secrets/admin-token; run bin/mailroom up first"
  fi
}

# Every bench account starts empty, so that runs compare: an existing one is removed and created
# again (its password set anew). Four requests at a time: bcrypt at cost 10 is the slow part.
mailroom_accounts() {
  local t0=$SECONDS token
  token="$(admin_token)"
  python3 - "$ACCOUNTS" "http://127.0.0.1:$STORE_HTTP_PORT/admin/v1" "$token" <<'EOF' ||
import json, sys, urllib.request, urllib.error
from concurrent.futures import ThreadPoolExecutor

tsv, base, token = sys.argv[1:4]
accounts = [line.rstrip("\n").split("\t")[:2] for line in open(tsv) if line.strip()]

retries = 0

# A request that gets no answer in time or a 5xx (a busy store on two shared cores) is tried
# again: each step is idempotent. (Concurrent deletes once failed with HR000069; fixed in the
# store, see reactive-persistence.)
def call(method, path, body=None):
    global retries
    data = None if body is None else json.dumps(body).encode()
    for attempt in range(5):
        if attempt:
            retries += 1
        req = urllib.request.Request(base + path, data=data, method=method)
        req.add_header("Authorization", "Bearer " + token)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=5) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode(errors="replace")
            if status < 500:
                return status, text
            last = f"{status} {text[:200]}"
        except (TimeoutError, OSError) as e:
            last = f"no answer ({e})"
    return 0, f"{last}, 5 tries"

def fresh(account):
    user, password = account
    status, text = call("DELETE", "/accounts/" + user)
    if status not in (204, 404):
        return f"{user}: DELETE answered {status} {text[:200]}"
    status, text = call("POST", "/accounts", {"username": user, "password": password})
    if status == 409:  # created again in between: set the password as `user passwd` does
        status, text = call("PUT", f"/accounts/{user}/password", {"password": password})
    if status not in (200, 201, 204):
        return f"{user}: creating answered {status} {text[:200]}"
    return None

with ThreadPoolExecutor(4) as pool:
    errors = [e for e in pool.map(fresh, accounts) if e]
if errors:
    print(f"{len(errors)} of {len(accounts)} accounts failed, first: {errors[0]}", file=sys.stderr)
    sys.exit(1)
if retries:
    print(f"mailroom: {retries} admin requests got no answer within 5s or a 5xx and were sent again", file=sys.stderr)
EOF
    fail "mailroom: could not create the bench accounts through http://127.0.0.1:$STORE_HTTP_PORT/admin/v1. Its log: $LOGS/store-service.log"
  say "mailroom: $(wc -l <"$ACCOUNTS") bench accounts created empty in $((SECONDS - t0))s"
}

# ------------------------------------------------------------------ Mailroom

http_ready() { curl -fsS -m 2 "http://127.0.0.1:$1/q/health/ready" >/dev/null 2>&1; }

pid_of() { [[ -f "$RUN/$1.pid" ]] && cat "$RUN/$1.pid" || true; }

mailroom_ready() {
  local s port
  for s in store-service:$STORE_HTTP_PORT imap-gateway:$IMAP_HTTP_PORT pop3-gateway:$POP3_HTTP_PORT filter-service:$FILTER_HTTP_PORT; do
    port="${s#*:}"
    http_ready "$port" ||
      fail "mailroom: ${s%%:*} is not ready (http://127.0.0.1:$port/q/health/ready): run bin/mailroom up first"
    if [[ "$(cat "$RUN/${s%%:*}.jvm" 2>/dev/null || echo development)" != production ]]; then
      say "mailroom: ${s%%:*} runs with development JVM options (C1 only), not production's: for figures, bin/mailroom down && MAILROOM_JVM=production bin/mailroom up"
    fi
  done
}

# The postmaster of the cluster the suite uses (its backends are its descendants).
postmaster_pid() {
  local port="${MAILROOM_DB_PORT:-}" dir
  if [[ -n "${MAILROOM_DB_URL:-}" ]]; then
    return 0
  fi
  dir="$(pg_lsclusters -h 2>/dev/null | awk -v port="$port" '$4 == "online" && (port == "" || $3 == port) { print $6; exit }')"
  [[ -n "$dir" && -r "$dir/postmaster.pid" ]] && head -1 "$dir/postmaster.pid"
}

# --measure NAME=PID for each process tree of the suite.
MEASURE=()
mailroom_measure() {
  MEASURE=()
  local c pid
  for c in store-service imap-gateway pop3-gateway filter-service kafka s3proxy; do
    pid="$(pid_of "$c")"
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      MEASURE+=(--measure "$c=$pid")
    else
      err "warning: no live pid for $c in $RUN/$c.pid (an engine run elsewhere?): its CPU is not counted"
    fi
  done
  pid="$(postmaster_pid || true)"
  if [[ -n "$pid" ]]; then
    MEASURE+=(--measure "postgresql=$pid")
  else
    err "warning: PostgreSQL's postmaster not found (MAILROOM_DB_URL or no local cluster): its CPU is not counted"
  fi
}

SERVICES=(store-service imap-gateway pop3-gateway filter-service)

profile_start() {
  JFR_PIDS=()
  local s pid
  mkdir -p "$BENCH/profiles"
  for s in "${SERVICES[@]}"; do
    pid="$(pid_of "$s")"
    if jcmd "$pid" JFR.start name=bench settings=profile >"$LOGS/bench-jfr.log" 2>&1; then
      JFR_PIDS+=("$pid")
    else
      fail "profile: jcmd $pid JFR.start failed for $s ($(tail -1 "$LOGS/bench-jfr.log"))"
    fi
  done
  say "profile: JFR recording in ${SERVICES[*]}"
}

# Dump each recording, then summarise its execution samples: the ten hottest frames at the top of
# the stack (where the CPU is), and the ten hottest Mailroom frames (the first io.mailroom frame
# of each stack: which of our code led there). `jfr print` is bounded to two minutes a file.
profile_finish() {
  local s pid file
  for s in "${SERVICES[@]}"; do
    pid="$(pid_of "$s")"
    file="$BENCH/profiles/$s.jfr"
    rm -f "$file"
    jcmd "$pid" JFR.dump name=bench filename="$file" >>"$LOGS/bench-jfr.log" 2>&1 || true
    jcmd "$pid" JFR.stop name=bench >>"$LOGS/bench-jfr.log" 2>&1 || true
  done
  JFR_PIDS=()
  for s in "${SERVICES[@]}"; do
    file="$BENCH/profiles/$s.jfr"
    say ""
    if [[ ! -s "$file" ]]; then
      say "profile $s: no recording (see $LOGS/bench-jfr.log)"
      continue
    fi
    timeout 120 jfr print --events jdk.ExecutionSample --stack-depth 40 "$file" 2>/dev/null |
      awk -v service="$s" -v file="$file" '
        function frame(line) { sub(/^[ \t]+/, "", line); sub(/[ \t]+line:.*$/, "", line); return line }
        function top(counts, title,   f, i, n, best, bestf, used) {
          printf "profile %s: %s\n", service, title
          for (i = 1; i <= 10; i++) {
            best = 0
            for (f in counts) if (!(f in used) && counts[f] > best) { best = counts[f]; bestf = f }
            if (best == 0) break
            used[bestf] = 1
            printf "  %6d %6.1f%%  %s\n", best, 100 * best / samples, bestf
          }
        }
        /stackTrace = \[/ { inStack = 1; first = 1; ours = 0; samples++; next }
        inStack && /^[ \t]*\]/ { inStack = 0; next }
        inStack {
          f = frame($0)
          if (first) { hot[f]++; first = 0 }
          if (!ours && f ~ /^io\.mailroom\./) { mine[f]++; ours = 1 }
        }
        END {
          if (samples == 0) { printf "profile %s: no execution samples in %s\n", service, file; exit }
          top(hot, samples " execution samples, top of stack (" file ")")
          top(mine, "first io.mailroom frame of each stack")
        }' || true
  done
}

# ------------------------------------------------------------------ running one target

# Runs the driver in the background, so that a Ctrl-C reaches our trap at once.
run_driver() { # target out args...
  local target="$1" out="$2"
  shift 2
  local cmd=(java $DRIVER_JAVA_OPTS -jar "$DRIVER_JAR" run --target "$target" --host 127.0.0.1
    --accounts "$ACCOUNTS" --workloads "$WORKLOADS" --secs "$SECS" --clients "$CLIENTS"
    --idle-sessions "$IDLE_SESSIONS" --lmtp-domain "$LMTP_DOMAIN" --out "$out" --progress "$@")
  rm -f "$out"
  say "$target: running the driver: ${cmd[*]}"
  "${cmd[@]}" &
  DRIVER_PID=$!
  local status=0
  wait "$DRIVER_PID" || status=$?
  DRIVER_PID=""
  case "$status" in
    0) say "$target: every correctness check passed" ;;
    1) err "$target: some correctness checks FAILED (see checks.firstFailures in $out)" ;;
    2) fail "$target: the driver refused its arguments (above); this is a bug in bin/tools/bench.sh" ;;
    *) fail "$target: the driver exited with status $status before it finished" ;;
  esac
  [[ -s "$out" ]] || fail "$target: the driver wrote no $out"
  ((status == 0)) || CHECKS_FAILED=1
}

run_mailroom() {
  mailroom_ready
  mailroom_accounts
  mailroom_measure
  if ((PROFILE)); then profile_start; fi
  export MAILROOM_BENCH_HOOK_TARGET=mailroom MAILROOM_BENCH_STATE="$STATE"
  export MAILROOM_FILTER_HTTP_PORT="$FILTER_HTTP_PORT"
  run_driver mailroom "$BENCH/mailroom.json" \
    --imap-port "$IMAP_PORT" --pop3-port "$POP3_PORT" --lmtp-port "$LMTP_PORT" \
    --hook "$ROOT/bin/tools/bench-hook.sh" "${MEASURE[@]}"
  if ((PROFILE)); then profile_finish; fi
}

run_dovecot() {
  DOVECOT_STARTED=1
  dovecot_start --fresh --sessions "$((IDLE_SESSIONS + CLIENTS))" --accounts "$ACCOUNTS"
  export MAILROOM_BENCH_HOOK_TARGET=dovecot MAILROOM_BENCH_STATE="$STATE"
  run_driver dovecot "$BENCH/dovecot.json" \
    --imap-port "$DOVECOT_IMAP_PORT" --pop3-port "$DOVECOT_POP3_PORT" --lmtp-port "$DOVECOT_LMTP_PORT" \
    --hook "$ROOT/bin/tools/bench-hook.sh" --measure "dovecot=$DOVECOT_MASTER_PID"
  dovecot_stop
  DOVECOT_STARTED=0
}

main() {
  parse_args "$@"
  trap cleanup EXIT
  trap interrupted INT TERM
  mkdir -p "$BENCH" "$LOGS"
  # Fail fast, before a build, when the suite is not up.
  [[ "$TARGET" == dovecot ]] || mailroom_ready
  build_driver
  snapshot_driver
  write_accounts
  say "bench: target $TARGET, workloads $WORKLOADS, ${SECS}s each, $CLIENTS clients, $IDLE_SESSIONS idle sessions, $(wc -l <"$ACCOUNTS") accounts ($ACCOUNTS)"
  local report=()
  if [[ "$TARGET" == mailroom || "$TARGET" == both ]]; then
    run_mailroom
    report+=(--mailroom "$BENCH/mailroom.json")
  fi
  if [[ "$TARGET" == dovecot || "$TARGET" == both ]]; then
    run_dovecot
    report+=(--dovecot "$BENCH/dovecot.json")
  fi
  say ""
  java -jar "$DRIVER_JAR" report "${report[@]}" --json "$BENCH/report.json" --html "$BENCH/report.html" ||
    fail "report: java -jar $DRIVER_JAR report failed"
  say ""
  local f
  for f in "$BENCH/mailroom.json" "$BENCH/dovecot.json"; do
    if [[ " ${report[*]} " == *" $f "* ]]; then say "results: $f"; fi
  done
  say "report:  $BENCH/report.json"
  say "         $BENCH/report.html"
  if ((SMOKE)); then
    say "smoke: $( ((CHECKS_FAILED)) && echo 'a correctness check FAILED' || echo 'every correctness check passed')"
  fi
  return "$CHECKS_FAILED"
}

main "$@"
